"""Imports point down the layers: the core loads no web, data-frame or Jupyter code."""

from __future__ import annotations

import json
import subprocess
import sys

import tbkit

JUPYTER = {"ipywidgets", "anywidget", "IPython", "plotly", "traitlets", "comm"}
ADAPTERS = {"tornado", "pandas"}


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_core_loads_no_adapter_or_jupyter_code() -> None:
    loaded = loaded_after("import tbkit.integration, tbkit.store, tbkit.converters, tbkit.library")
    assert loaded & (JUPYTER | ADAPTERS) == set()


def test_import_tbkit_and_start_load_no_jupyter_code() -> None:
    loaded = loaded_after("import tbkit\ntbkit.start, tbkit.open, tbkit.simulate, tbkit.post")
    assert loaded & JUPYTER == set()
    assert ADAPTERS <= loaded


def test_public_api_is_the_sorted_all() -> None:
    assert tbkit.__all__ == sorted(tbkit.__all__)
    for name in tbkit.__all__:
        assert getattr(tbkit, name) is not None
    public = {n for n in dir(tbkit) if not n.startswith("_")} - {"annotations", "TYPE_CHECKING", "Any"}
    submodules = {
        "converters",
        "errors",
        "models",
        "integration",
        "store",
        "normalise",
        "kit",
        "frames",
        "client",
        "simulator",
        "http",
        "thingsboard",
        "plots",
        "workshop",
        "library",
        "cli",
        "ui",
        "kit_protocol",
        "replay",
        "payloads",
        "plain",
    }
    assert public - submodules <= set(tbkit.__all__)


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        tbkit.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert str(exc) == "module 'tbkit' has no attribute 'nothing_here'"
    else:
        raise AssertionError("expected AttributeError")


def test_renamed_public_names(store, make_converter) -> None:
    # issue #15: Run → DecodeRun, Result → OutcomeKind; the old names are gone
    assert {"DecodeRun", "OutcomeKind"} <= set(tbkit.__all__)
    assert tbkit.OutcomeKind.PROCESSED.value == "processed"
    for old in ("Run", "Result"):
        assert old not in tbkit.__all__ and not hasattr(tbkit, old)
    # the integration's downlink step and the kit's downlinks() DataFrame no longer share a name
    hi = tbkit.Integration(store, "HTTP", make_converter("return null;"))
    assert not hasattr(hi, "downlinks") and hi.downlink_step.queue_all is False
    assert callable(tbkit.Kit.downlinks)
