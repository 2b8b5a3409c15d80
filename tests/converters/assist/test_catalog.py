"""The helper table matches the runtimes both ways, and every example gives its documented result."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from py_mini_racer import MiniRacer

from tbkit.converters.assist import catalog
from tbkit.converters.runtime import V8Script
from tbkit.converters.steps import RUNTIME_JS
from tbkit.converters.tbel import TBEL_RUNTIME_JS, compile_tbel
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS

TBEL_DIR = Path(catalog.__file__).parents[1] / "tbel"
_names = itertools.count()


@pytest.fixture(scope="module")
def tbel() -> Iterator[MiniRacer]:
    with MiniRacer() as mr:
        mr.eval(TBEL_RUNTIME_JS)
        yield mr


def _keys(mr: MiniRacer, expr: str) -> set[str]:
    return set(json.loads(str(mr.eval(f"JSON.stringify(Object.keys({expr}))"))))


def _documented(owner: str, kinds: tuple[str, ...] = ("static", "field", "method")) -> set[str]:
    return {h.short for h in catalog.helpers("TBEL") if h.owner == owner and h.kind in kinds}


def _switch_cases(function: str) -> set[str]:
    """The method names a runtime dispatcher (``function listM(...) { switch ... }``) answers."""
    text = (TBEL_DIR / "runtime_collections.js").read_text("utf-8")
    body = re.search(rf"^function {function}\(.*?^}}", text, re.S | re.M)
    assert body, function
    return set(re.findall(r"case '(\w+)'", body.group(0)))


def test_every_tbutils_import_is_documented_and_every_documented_function_exists(tbel: MiniRacer) -> None:
    documented = {h.name for h in catalog.helpers("TBEL") if h.kind == "function"}
    assert documented == set(TBUTILS_IMPORTS)
    assert documented <= _keys(tbel, "__tbel.fn")


@pytest.mark.parametrize("owner", ["Math", "JSON"])
def test_the_statics_match_the_runtime(tbel: MiniRacer, owner: str) -> None:
    assert _documented(owner) == _keys(tbel, f"__tbel.statics.{owner}")


def test_date_matches_tbdate(tbel: MiniRacer) -> None:
    assert _documented("Date", ("static",)) == _keys(tbel, "__tbel.TDATE_STATIC")
    assert _documented("Date", ("method",)) == _keys(tbel, "__tbel.TDATE")


@pytest.mark.parametrize(("owner", "function"), [("List", "listM"), ("Map", "mapM"), ("Set", "setM")])
def test_collection_methods_match_the_runtime(owner: str, function: str) -> None:
    assert _documented(owner) == _switch_cases(function)


def test_the_js_helpers_are_what_the_runtime_defines() -> None:
    with MiniRacer() as mr:
        before = _keys(mr, "globalThis")
        mr.eval(RUNTIME_JS)  # the prelude runs inside tbkit's runtime, which leaves only __tbkit besides it
        added = _keys(mr, "globalThis") - before - {"__tbkit"}
        console = _keys(mr, "console")
    documented = {h.name for h in catalog.helpers("JS")}
    assert documented == (added - {"console"}) | {f"console.{m}" for m in console}


def test_every_entry_is_complete() -> None:
    for helper in catalog.helpers():
        assert helper.signatures and helper.doc and helper.returns and helper.example, helper.name
        assert len(helper.expected) == 1, helper.name
        for sig in helper.signatures:
            assert helper.short in sig, (helper.name, sig)


def _typed(value: Any) -> Any:
    """A value with its JSON number kinds made visible (1 and 1.0 differ)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float):
        return ("double", value)
    return value


def _run_tbel(mr: MiniRacer, script: str) -> Any:
    name = f"Example{next(_names)}"
    mr.eval(compile_tbel(script, ("payload", "metadata"), name).js)
    text = mr.eval(f"JSON.stringify({name}([], {{}}))", timeout_sec=5)
    return json.loads(str(text))


@pytest.mark.parametrize("helper", catalog.helpers("TBEL"), ids=lambda h: h.name)
def test_the_tbel_example_gives_the_documented_result(tbel: MiniRacer, helper: catalog.Helper) -> None:
    if "raises" in helper.expected:
        with pytest.raises(Exception, match=re.escape(str(helper.expected["raises"]))):
            _run_tbel(tbel, helper.example)
        return
    assert _typed(_run_tbel(tbel, helper.example)) == _typed(helper.expected["result"])


@pytest.mark.parametrize("helper", catalog.helpers("JS"), ids=lambda h: h.name)
def test_the_js_example_gives_the_documented_result(helper: catalog.Helper) -> None:
    script = V8Script(f"return {helper.example};", params=(), name="example")
    try:
        [run] = script.call_many([()])
    finally:
        script.close()
    assert run.ok, run
    if "logs" in helper.expected:
        assert run.logs == helper.expected["logs"]
    else:
        assert run.output == helper.expected["result"]


def test_find_and_describe() -> None:
    (helper,) = catalog.find("parseBytesToInt", "TBEL")
    assert helper.arities == (1, 2, 3, 4)
    assert helper.takes(4) and not helper.takes(5)
    assert {h.name for h in catalog.find("add", "TBEL")} == {"List.add", "Set.add"}
    text = catalog.describe(helper)
    assert text.splitlines()[0] == "parseBytesToInt(List|byte[] data) -> int"
    assert "gives 770" in text
    assert catalog.suggest("parseByteToInt", "TBEL")[0] == "parseBytesToInt"
