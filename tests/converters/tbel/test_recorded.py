"""Recorded outcomes of ThingsBoard's TBEL engine, replayed on tbkit in batches.

``data/recorded.jsonl.gz`` holds generated programs (converter-shaped, small typed programs, random programs)
and the reproducer of every class of difference found, each with the outcome ThingsBoard's engine gave (the
reference runner; regenerate with ``make tbel-oracle-data TBEL_ORACLE=...``). tbkit must give the same
result, JSON types included, or fail where ThingsBoard fails, at the same stage (compile or run time).
``KNOWN`` lists the cases tbkit still gets wrong, each with the reason (the README's TBEL known gaps).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.converters.tbel.recorded import Replayer, agree, load_cases

CASES = load_cases()
BATCH = 250

# id -> why tbkit differs (README: TBEL known gaps); each must still differ, so a fix is noticed
KNOWN: dict[str, str] = {
    "small-3102-347": "Math.log10: HotSpot's intrinsic and V8's log10 differ in the last digit for some arguments",
    "small-3102-1945": (
        "a map value `c ? a : b` with a literal condition is reduced while compiling, so an unresolved name in it "
        "is a compile error; tbkit evaluates it when it runs"
    ),
    "random-3103-305": (
        "a literal reduction that fails in a ternary's else branch of an assignment fails only when it runs; "
        "tbkit reports it at compile time"
    ),
}


def _same_stage(oracle: dict[str, Any], tbkit: dict[str, Any]) -> bool:
    if oracle["ok"] or tbkit["ok"]:
        return True
    return {oracle.get("stage"), tbkit.get("stage")} <= {"compile"} or "compile" not in (
        oracle.get("stage"),
        tbkit.get("stage"),
    )


@pytest.fixture(scope="module")
def replayer() -> Iterator[Replayer]:
    with Replayer() as rep:
        yield rep


def test_recorded_data_is_there() -> None:
    """At least 5,000 generated programs plus the reproducers, every family present."""
    families = {case["id"].split("-", 1)[0] for case in CASES}
    assert families == {"converter", "small", "random", "repro"}
    assert sum(not case["id"].startswith("repro-") for case in CASES) >= 5000


@pytest.mark.parametrize("start", range(0, len(CASES), BATCH), ids=lambda s: f"cases{s}")
def test_recorded_batch(replayer: Replayer, start: int) -> None:
    batch = CASES[start : start + BATCH]
    outcomes = replayer.run_batch(batch)
    wrong, fixed = [], []
    for case, tbkit in zip(batch, outcomes, strict=True):
        ok = agree(case["oracle"], tbkit) and _same_stage(case["oracle"], tbkit)
        if case["id"] in KNOWN:
            if ok:
                fixed.append(case["id"])
        elif not ok:
            wrong.append(f"{case['id']}: ThingsBoard {case['oracle']}, tbkit {tbkit}\n{case['script']}")
    assert not wrong, "\n\n".join(wrong[:5]) + f"\n({len(wrong)} of {len(batch)} differ)"
    assert not fixed, f"now agree with ThingsBoard, remove from KNOWN: {fixed}"
