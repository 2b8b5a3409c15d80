"""Helpers for the ported ThingsBoard TBEL suites (test_docs_io*.py, test_collections.py); the ``invoke``
fixture is in conftest.py."""

from __future__ import annotations

from typing import Any, Protocol


class Invoke(Protocol):
    """The ``invoke`` fixture: run a TBEL script on ``msg`` (JSON text), return its result."""

    def __call__(self, script: str, msg: str = "{}") -> Any: ...


def signed(data: bytes) -> list[int]:
    """Java bytes of ``data`` as a list (signed, -128..127)."""
    return [b - 256 if b > 127 else b for b in data]


def splice(lst: list[Any], start: int, count: int | None = None, *values: Any) -> list[Any]:
    """ExecutionArrayList.splice (the test's own helper): returns the removed items."""
    n = len(lst)
    start = 0 if start < -n else start + n if start < 0 else start
    count = n - start if count is None else count
    count = 0 if count < 0 else min(count, n - start)
    removed = lst[start : start + count]
    lst[start : start + count] = list(values)
    return removed
