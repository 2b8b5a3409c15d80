"""Generated prologues that reassign, delete, pollute or freeze built-ins (issue #25): on every path tbkit gives
the same results, ThingsBoard's on the first call, and never an internal exception.

The example count is bounded here (``TBKIT_FUZZ_EXAMPLES``, default 25 per property); ``make fuzz`` runs more.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.converters.paths import Result, thingsboard
from tests.converters.test_primordials import BODY, BUILTINS, DOCS, TBEL_BODY, agree, paths

EXAMPLES = int(os.environ.get("TBKIT_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VALUES = st.sampled_from(
    [
        "null",
        "undefined",
        "0",
        "'x'",
        "{}",
        "[]",
        "function () { return '{}'; }",
        "function () { throw new Error('hijacked'); }",
        "function () { return this; }",
        "function () { return {deviceName: 'H'}; }",
    ]
)
NAMES = st.sampled_from(
    [
        "x",
        "deviceName",
        "assetName",
        "telemetry",
        "attributes",
        "ts",
        "values",
        "toJSON",
        "0",
        "1",
        "length",
        "constructor",
        "model",
        "t",
        "s",
        "site",
        "__proto__",
        "valueOf",
        "toString",
    ]
)
HOLDERS = st.sampled_from(
    [
        "Object.prototype",
        "Array.prototype",
        "String.prototype",
        "Number.prototype",
        "Function.prototype",
        "Uint8Array.prototype",
        "RegExp.prototype",
        "JSON",
        "Math",
        "Object",
        "globalThis",
    ]
)


def _reassign(target: str, value: str) -> str:
    return f"{target} = {value};"


def _pollute(holder: str, name: str, value: str) -> str:
    return f"{holder}[{json.dumps(name)}] = {value};"


def _accessor(holder: str, name: str, value: str, throws: bool) -> str:
    get = "throw new Error('get');" if throws else f"return {value};"
    return (
        f"Object.defineProperty({holder}, {json.dumps(name)}, "
        f"{{get: function () {{ {get} }}, set: function () {{}}, configurable: true}});"
    )


STATEMENTS = st.one_of(
    st.builds(_reassign, st.sampled_from(BUILTINS), VALUES),
    st.builds(lambda target: f"delete {target};", st.sampled_from(BUILTINS)),
    st.builds(_pollute, HOLDERS, NAMES, VALUES),
    st.builds(_accessor, HOLDERS, NAMES, VALUES, st.booleans()),
    st.builds(
        lambda how, holder: f"Object.{how}({holder});",
        st.sampled_from(["freeze", "seal", "preventExtensions"]),
        HOLDERS,
    ),
)
PROLOGUES = st.lists(STATEMENTS, min_size=1, max_size=5).map(
    lambda lines: "\n".join(f"try {{ {line} }} catch (e) {{}}" for line in lines)
)


class Tracker:
    """``track`` for hypothesis examples: closes what one example made."""

    def __init__(self) -> None:
        self.made: list[Any] = []

    def __call__(self, conv: Any) -> Any:
        self.made.append(conv)
        return conv

    def close(self) -> None:
        for conv in reversed(self.made):
            conv.close()
        self.made.clear()


@pytest.fixture(scope="module")
def tracker() -> Iterator[Tracker]:
    kept = Tracker()
    try:
        yield kept
    finally:
        kept.close()


def all_paths(script: str, tracker: Tracker, lang: str = "JS") -> dict[str, Any]:
    try:
        with tempfile.TemporaryDirectory() as folder:
            return paths(script, tracker, Path(folder), lang=lang)
    finally:
        tracker.close()


def internal(results: list[Result]) -> list[str]:
    return [r.error for r in results if r.error and ("runtime" in r.error or "KeyError" in r.error)]


@FUZZ
@given(prologue=PROLOGUES)
def test_generated_prologues_change_nothing_but_the_scripts_own_results(tracker: Tracker, prologue: str) -> None:
    script = prologue + "\n" + BODY
    runs = agree(all_paths(script, tracker))  # every path agrees (an internal exception would have raised)
    assert internal(runs) == []
    reference = thingsboard(script, DOCS[0])
    if reference.error == "script error":
        assert runs[0].script_failed()
    else:
        assert (runs[0].output, runs[0].entities, runs[0].error) == (
            reference.output,
            reference.entities,
            reference.error,
        )


TBEL_TARGETS = st.sampled_from(
    [
        "payload",
        "metadata",
        "d",
        "'text'",
        "[1, 2]",
        "{'a': 1}",
        "new Date()",
        "1",
        "1.5",
        "true",
        "JSON",
        "Array",
        "Math",
    ]
)
TBEL_NAMES = st.sampled_from(["constructor", "prototype", "__proto__", "toJSON", "push", "length", "toString", "x"])
TBEL_STATEMENTS = st.one_of(
    st.builds(
        lambda t, n, v: f"var q = {t}; q.{n} = {v};", TBEL_TARGETS, TBEL_NAMES, st.sampled_from(["null", "1", "'x'"])
    ),
    st.builds(lambda t, n: f"var q = {t}; var r = q.{n}; r.x = 1;", TBEL_TARGETS, TBEL_NAMES),
    st.builds(
        lambda t, n: f"var q = {t}; q[{json.dumps(n)}] = 2;", TBEL_TARGETS, st.sampled_from(["0", "-1", "__proto__"])
    ),
    st.builds(
        lambda n, v: f"{n} = {v};",
        st.sampled_from(["JSON", "Array", "Object", "String", "Math", "__tbel"]),
        st.sampled_from(["null", "1"]),
    ),
)


@FUZZ
@given(statements=st.lists(TBEL_STATEMENTS, min_size=1, max_size=3))
def test_generated_tbel_prologues_agree_on_every_path(tracker: Tracker, statements: list[str]) -> None:
    runs = agree(all_paths("\n".join(statements) + "\n" + TBEL_BODY, tracker, lang="TBEL"))
    assert internal(runs) == []
    assert all(r.error in (None, "ConverterRuntimeError") for r in runs)
