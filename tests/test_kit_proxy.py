"""The integration's address through jupyter-server-proxy, for JupyterHub and Binder."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=str(tmp_path / "p.db"), in_thread=True)
    yield running
    running.stop()


def test_no_proxy_url_without_jupyter_server_proxy(kit: tbkit.Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jupyter_server_proxy" else real(name, *a)
    )
    hi = kit.add_http_integration("HTTP", uplink="return null;", routing_key="k1")
    with pytest.warns(UserWarning, match="^no proxy address: jupyter-server-proxy is not installed"):
        assert kit.proxy_url(hi) is None
    assert hi.proxy_path is None
    assert "jupyter-server-proxy" not in repr(hi)


def test_proxy_url_under_a_hub_prefix(kit: tbkit.Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: object() if name == "jupyter_server_proxy" else real(name, *a)
    )
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada/")
    hi = kit.add_http_integration("HTTP", uplink="return null;", routing_key="k2")
    expected = f"/user/ada/proxy/{kit.server.port}/api/v1/integrations/http/k2"
    assert kit.proxy_url("HTTP") == expected
    assert hi.proxy_path == expected
    assert f"  via jupyter-server-proxy: <your Jupyter address>{expected}" in repr(hi).splitlines()
