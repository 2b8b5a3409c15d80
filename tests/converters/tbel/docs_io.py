"""Shared runner for the ports of ThingsBoard's TbelInvokeDocsIoTest (test_docs_io*.py).

ThingsBoard runs each script as ``function(msg, metadata, msgType)`` with ``msg`` parsed from JSON,
``metadata`` the string "{}" and ``msgType`` POST_TELEMETRY_REQUEST; the result is compared as a value.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from py_mini_racer import MiniRacer

from tbkit.converters.tbel import compile_tbel

_names = itertools.count()
Invoke = Callable[[str, str], Any]


@pytest.fixture
def invoke(v8: MiniRacer) -> Invoke:
    """Compile ``script`` and run it on the JSON text ``msg``; returns the JSON result."""

    def run(script: str, msg: str = "{}") -> Any:
        name = f"DocsIo{next(_names)}"
        v8.eval(compile_tbel(script, ("msg", "metadata", "msgType"), name).js)
        value = json.JSONDecoder().raw_decode(msg.strip())[0]  # Jackson ignores what follows the value
        return v8.call(name, value, "{}", "POST_TELEMETRY_REQUEST", timeout_sec=5)

    return run


def signed(data: bytes) -> list[int]:
    """Java bytes of ``data`` as a list (signed, -128..127)."""
    return [b - 256 if b > 127 else b for b in data]


def splice(lst: list[Any], start: int, count: int | None = None, *values: Any) -> list[Any]:
    """ExecutionArrayList.splice (the test's own helper): returns the removed items."""
    n = len(lst)
    start = 0 if start < -n else start + n if start < 0 else start
    count = n - start if count is None else count
    count = 0 if count < 0 else min(count, n - start)
    removed = lst[start:start + count]
    lst[start:start + count] = list(values)
    return removed
