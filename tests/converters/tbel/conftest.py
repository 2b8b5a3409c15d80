"""Fixtures for the TBEL compiler tests: one V8 context with the TBEL runtime loaded."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from py_mini_racer import MiniRacer

from tbkit.converters.tbel import TBEL_RUNTIME_JS, compile_tbel

_names = itertools.count()
Runner = Callable[..., Any]


@pytest.fixture(scope="module")
def v8() -> Iterator[MiniRacer]:
    """A V8 context with ``__tbel`` defined."""
    with MiniRacer() as mr:
        mr.eval(TBEL_RUNTIME_JS)
        mr.eval("function __asJson(name, args) { return JSON.stringify(globalThis[name].apply(null, args)); }")
        yield mr


def _call(v8: MiniRacer, name: str, *args: Any) -> Any:
    """Call a compiled function and read its result as the JSON text tbkit reads (28.0 stays a float)."""
    text = v8.call("__asJson", name, list(args), timeout_sec=5)
    return None if text is None else json.loads(str(text))


@pytest.fixture
def decode(v8: MiniRacer) -> Runner:
    """Compile a decoder body and run it on (payload bytes, metadata); returns the JSON result."""

    def run(src: str, payload: list[int] | bytes = b"", metadata: dict[str, str] | None = None) -> Any:
        name = f"Decoder{next(_names)}"
        v8.eval(compile_tbel(src, ("payload", "metadata"), name).js)
        return _call(v8, name, list(payload), metadata or {})

    return run


@pytest.fixture
def encode(v8: MiniRacer) -> Runner:
    """Compile an encoder body and run it on (msg, metadata, msgType, integrationMetadata)."""

    def run(
        src: str, msg: Any, metadata: dict[str, str] | None = None, msg_type: str = "POST_TELEMETRY_REQUEST"
    ) -> Any:
        name = f"Encoder{next(_names)}"
        v8.eval(compile_tbel(src, ("msg", "metadata", "msgType", "integrationMetadata"), name).js)
        return _call(v8, name, msg, metadata or {}, msg_type, {})

    return run


@pytest.fixture
def invoke(v8: MiniRacer) -> Runner:
    """Run a TBEL script as ThingsBoard's TbelInvokeDocsIoTest does: ``function(msg, metadata, msgType)`` with
    ``msg`` parsed from JSON text (Jackson ignores what follows the value), ``metadata`` the string "{}"."""

    def run(script: str, msg: str = "{}") -> Any:
        name = f"Invoke{next(_names)}"
        v8.eval(compile_tbel(script, ("msg", "metadata", "msgType"), name).js)
        value = json.JSONDecoder().raw_decode(msg.strip())[0]
        return v8.call(name, value, "{}", "POST_TELEMETRY_REQUEST", timeout_sec=5)

    return run


def as_json(value: Any) -> str:
    """Canonical JSON text, for readable assertion messages."""
    return json.dumps(value, sort_keys=True)
