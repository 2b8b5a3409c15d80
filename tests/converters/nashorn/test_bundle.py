"""The local-engine tool (tbkit/converters/nashorn/tool.js): the sandbox's beautifier, tbkit's parser.

Its freshness is checked with every V8 bundle's (tests/ui/test_ui_bundle.py); here: the beautifier is
the version delight-nashorn-sandbox 0.4.5 runs, and the tool works in a context holding the shared
parser bundle (tbkit/converters/jsparse.js) and fails clearly without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tbkit.converters.jsparse import PARSER_JS
from tbkit.converters.nashorn.engine import prepare
from tbkit.converters.runtime import USER_FUNCTION, V8Script
from tbkit.errors import ConverterCompileError

ROOT = Path(__file__).resolve().parents[3]
JS = ROOT / "js"
TOOL = ROOT / "tbkit" / "converters" / "nashorn" / "tool.js"


def test_the_beautifier_is_the_version_the_sandbox_runs() -> None:
    """delight-nashorn-sandbox 0.4.5 reformats every script with js-beautify 1.14.7: pinned exactly."""
    package = json.loads((JS / "package.json").read_text("utf-8"))
    lock = json.loads((JS / "package-lock.json").read_text("utf-8"))
    assert package["devDependencies"]["js-beautify"] == "1.14.7"
    assert lock["packages"]["node_modules/js-beautify"]["version"] == "1.14.7"


def test_the_tool_parses_with_the_shared_parser() -> None:
    """ES5.1 parse errors come from acorn (the parser bundle's), worded and placed as Nashorn does."""
    error = prepare("var a = 1;\nvar {b} = metadata;\nreturn {a: a};", "decode").error
    assert error is not None and error.line == 2
    assert error.message.startswith("ScriptException: <eval>:")
    assert prepare("var a = [1, 2];\nreturn {n: a.length};", "decode").error is None


def test_the_tool_needs_the_parser_bundle_loaded_first() -> None:
    tool = TOOL.read_text("utf-8") + f"\nfunction {USER_FUNCTION}() {{}}"
    with pytest.raises(ConverterCompileError, match="needs tbkit/converters/jsparse.js loaded first"):
        V8Script("", params=(), name="tool", compiled=tool).close()
    with V8Script("", params=(), name="tool", compiled=tool, runtime_js=PARSER_JS) as script:
        answer = script.eval_text('__tbkitNashornTool.prepare("return 1;", "decode")', 1)
        assert isinstance(answer, str) and json.loads(answer)["ok"] is True
