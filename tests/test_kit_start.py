"""tbkit.start: fresh=True empties the store (never under another live kit); the port is kept."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import tbkit
from tbkit.errors import StoreError

DECODER = "var d = decodeToJson(payload); return {deviceName: d.n, telemetry: {t: d.t}};"


def post(url: str, body: bytes) -> int:
    import urllib.request

    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status)


def fill(db: Path) -> tuple[str, int]:
    """A kit on ``db`` with one device and two readings; returns its URL and port."""
    kit = tbkit.start(db=str(db), in_thread=True)
    try:
        hi = kit.add_http_integration("HTTP", uplink=DECODER)
        assert [post(str(hi.url), b'{"n": "T1", "t": %d}' % t) for t in (1, 2)] == [204, 204]
        return str(hi.url), kit.server.port
    finally:
        kit.stop()


def data(kit: tbkit.Kit) -> dict[str, object]:
    return {
        "devices": kit.devices()["name"].tolist(),
        "telemetry": len(kit.telemetry()),
        "events": len(kit.events()),
        "stats": kit.stats().to_dict("records"),
    }


def test_fresh_empties_the_data_and_keeps_integrations_and_urls(tmp_path: Path) -> None:
    url, _ = fill(tmp_path / "k.db")
    kept = tbkit.start(db=str(tmp_path / "k.db"), in_thread=True)
    try:
        assert data(kept)["devices"] == ["T1"] and data(kept)["telemetry"] == 2
    finally:
        kept.stop()
    kit = tbkit.start(db=str(tmp_path / "k.db"), in_thread=True, fresh=True)
    try:
        assert data(kit) == {"devices": [], "telemetry": 0, "events": 0, "stats": []}
        assert kit.downlinks().empty and kit.attributes().empty
        assert (list(kit.integrations), kit.integrations["HTTP"].url) == (["HTTP"], url)
        assert post(url, b'{"n": "T2", "t": 5}') == 204
        assert data(kit)["devices"] == ["T2"]
        assert kit.events()["id"].min() == 1  # ids start again
    finally:
        kit.stop()


HOLDER = textwrap.dedent("""
    import sys, tbkit
    kit = tbkit.start(db=sys.argv[1], in_thread=True)
    print("ready", flush=True)
    sys.stdin.read()
    kit.stop()
""")


def test_fresh_refuses_while_another_process_has_the_store_open(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    fill(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "ready\n"
        with pytest.raises(StoreError) as refused:
            tbkit.start(db=str(db), in_thread=True, fresh=True)
        assert str(refused.value) == (
            f"cannot start fresh: another kit has {str(db.absolute())!r} open (in this kernel, another kernel or "
            "`python -m tbkit serve`); stop it first, or start without fresh=True"
        )
        with tbkit.open(str(db)) as handle:
            assert handle.devices()["name"].tolist() == ["T1"] and len(handle.telemetry()) == 2
    finally:
        holder.communicate("", timeout=60)
    kit = tbkit.start(db=str(db), in_thread=True, fresh=True)
    try:
        assert data(kit)["devices"] == []
    finally:
        kit.stop()


def test_starting_again_stops_the_previous_kit_so_fresh_is_allowed(tmp_path: Path) -> None:
    first = tbkit.start(db=str(tmp_path / "again.db"), in_thread=True)
    first.add_http_integration("HTTP", uplink=DECODER)
    second = tbkit.start(db=str(tmp_path / "again.db"), in_thread=True, fresh=True)
    try:
        assert list(second.integrations) == ["HTTP"]
        assert first.server.thread is not None and not first.server.thread.is_alive()
    finally:
        second.stop()


def test_a_kit_reopening_its_store_listens_on_its_last_port(tmp_path: Path) -> None:
    url, port = fill(tmp_path / "p.db")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kit = tbkit.start(db=str(tmp_path / "p.db"), in_thread=True)
    try:
        ours = [str(w.message) for w in caught if w.category is UserWarning]
        if kit.server.port != port:  # someone else took the port meanwhile: then it must say so
            assert ours[0].startswith(f"port {port}, where this store's kit")
        else:
            assert ours == [] and kit.integrations["HTTP"].url == url
            assert post(url, b'{"n": "T1", "t": 3}') == 204
    finally:
        kit.stop()


def test_a_taken_port_falls_back_to_a_free_one_and_says_so(tmp_path: Path) -> None:
    _, port = fill(tmp_path / "t.db")
    blocker = socket.socket()
    blocker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # the old kit's closed connections linger
    try:
        try:
            blocker.bind(("127.0.0.1", port))
            blocker.listen()
        except OSError:
            pass  # another process listens there already: taken either way
        with pytest.warns(UserWarning) as caught:
            kit = tbkit.start(db=str(tmp_path / "t.db"), in_thread=True)
        try:
            assert kit.server.port != port
            assert [str(w.message) for w in caught if w.category is UserWarning] == [
                (
                    f"port {port}, where this store's kit listened last time, is not available (Address already in "
                    f"use); listening on {kit.server.port} instead, so URLs copied earlier no longer work"
                )
            ]
            assert post(str(kit.integrations["HTTP"].url), b'{"n": "T1", "t": 3}') == 204
        finally:
            kit.stop()
    finally:
        blocker.close()


def test_an_explicit_port_is_used_and_remembered(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    kit = tbkit.start(db=str(tmp_path / "e.db"), port=port, in_thread=True)
    kit.stop()
    assert kit.server.port == port
    from tbkit.store import Store
    from tbkit.store.kitstate import get_setting

    with Store(str(tmp_path / "e.db")) as store:
        assert get_setting(store, "kit.port") == str(port)


def test_proxy_url_says_why_it_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jupyter_server_proxy" else real(name, *a)
    )
    kit = tbkit.start(db=":memory:", in_thread=True)
    try:
        with pytest.warns(UserWarning) as caught:
            assert kit.proxy_url() is None
        assert str(caught[0].message) == (
            "no proxy address: jupyter-server-proxy is not installed in this kernel's environment. Install it "
            "where Jupyter runs (pip install jupyter-server-proxy) and restart Jupyter, or post to "
            f"{kit.base_url} from this machine."
        )
    finally:
        kit.stop()
