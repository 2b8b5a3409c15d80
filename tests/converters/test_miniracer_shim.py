"""The mini-racer shim: the installed release is a supported one, and its private names exist."""

from __future__ import annotations

import asyncio
import importlib

from tbkit.converters import _miniracer


def test_supported_versions_are_the_pinned_range():
    # pyproject.toml pins mini-racer>=0.14,<0.15; the shim is written for those releases only
    assert _miniracer.SUPPORTED_VERSIONS == ("0.14.",)


def test_installed_mini_racer_is_supported():
    assert _miniracer.installed_version().startswith(_miniracer.SUPPORTED_VERSIONS)


def test_every_private_name_the_shim_uses_exists():
    missing = [
        f"{module}.{name}"
        for module, names in _miniracer.PRIVATE_NAMES.items()
        for name in names
        if not hasattr(importlib.import_module(module), name)
    ]
    assert missing == []
    assert set(_miniracer.PRIVATE_NAMES) == {"py_mini_racer._mini_racer", "py_mini_racer._context"}


def test_a_loop_bound_context_evaluates_on_its_loop():
    from tbkit.converters._engine import get_engine

    engine = get_engine()  # V8 initialised before the loop's thread started

    async def make_and_eval() -> object:
        with _miniracer.loop_bound_context(engine.loop) as ctx:
            mr = _miniracer.MiniRacer(ctx)
            try:
                return await mr.eval_cancelable("6 * 7")
            finally:
                mr.close()

    assert asyncio.run_coroutine_threadsafe(make_and_eval(), engine.loop).result(30) == 42
