"""js/src/dom.js's text helpers (times, plurals), run in V8 as the page would run them.

dom.js is an ES module; mini-racer evaluates scripts, so the ``export`` keywords are dropped. Times
are built with JavaScript's local-time ``Date`` constructor, so the expected text holds in any zone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from py_mini_racer import MiniRacer

DOM = Path(__file__).resolve().parents[2] / "js" / "src" / "dom.js"


@pytest.fixture
def js() -> Iterator[MiniRacer]:
    with MiniRacer() as ctx:
        ctx.eval(DOM.read_text("utf-8").replace("export function", "function"))
        yield ctx


def call(js: MiniRacer, expression: str) -> object:
    return json.loads(str(js.eval(f"JSON.stringify({expression})")))


def test_times_read_24_hour_local_with_milliseconds_and_the_date_when_not_today(js):
    ts = "new Date(2026, 10, 30, 15, 45, 40, 620).getTime()"  # local time, 30 November
    assert call(js, f"time({ts}, new Date(2026, 10, 30, 23, 59))") == "15:45:40.620"
    assert call(js, f"time({ts}, new Date(2026, 11, 1, 0, 1))") == "2026-11-30 15:45:40.620"
    assert call(js, "time(new Date(2026, 0, 1, 1, 0, 0, 5).getTime(), new Date(2026, 0, 1))") == "01:00:00.005"
    assert call(js, "[time(null), time(undefined), time('')]") == ["", "", ""]


def test_counts_have_their_plurals(js):
    assert call(js, "[plural(0, 'error'), plural(1, 'error'), plural(2, 'device'), plural(1, 'entry', 'entries')]") == [
        "0 errors",
        "1 error",
        "2 devices",
        "1 entry",
    ]
