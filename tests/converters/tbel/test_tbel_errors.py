"""Compile errors carry the TBEL position; runtime errors carry the TBEL line; JS lines equal TBEL lines."""

from __future__ import annotations

import re
from typing import Any

import pytest
from py_mini_racer import JSEvalException

from tbkit.converters.tbel import TbelProgram, compile_tbel
from tbkit.errors import ConverterCompileError

PARAMS = ("payload", "metadata")


@pytest.mark.parametrize(
    "src,line,column",
    [
        ("var a = 1;\nvar b = (2 + ;\n", 2, 14),
        ("var a = 1;\n\nvar s = 'abc", 3, 9),
        ("if (true) {\n  x = 1;\n", 3, 1),
        ("var a = 1 2;", 1, 11),
        ("var a = 1;\nfoo(;\n", 2, 5),
    ],
)
def test_syntax_error_reports_tbel_position(src: str, line: int, column: int) -> None:
    with pytest.raises(ConverterCompileError) as info:
        compile_tbel(src, PARAMS, "Decoder")
    assert (info.value.line, info.value.column) == (line, column)


def test_program_header_and_line_alignment() -> None:
    src = "var a = 1;\n\nvar b = {\n  k: a\n};\nreturn b;"
    prog = compile_tbel(src, PARAMS, "Decoder")
    assert isinstance(prog, TbelProgram)
    lines = prog.js.splitlines()
    assert lines[0].startswith("function Decoder(payload, metadata) {")
    assert "var a = 1" in lines[0]
    assert "return b" in lines[5]
    assert (prog.function_name, prog.params) == ("Decoder", PARAMS)


def _error_text(v8: Any, src: str) -> str:
    v8.eval(compile_tbel(src, PARAMS, "FailingDecoder").js)
    with pytest.raises(JSEvalException) as info:
        v8.call("FailingDecoder", [], {}, timeout_sec=5)
    return str(info.value)


def test_runtime_error_from_runtime_helper_names_tbel_line(v8: Any) -> None:
    text = _error_text(v8, "var a = {};\n\nvar b = a.x.y;\nreturn b;")
    assert "NullPointerException" in text
    assert re.search(r"\[Line: 3, Column: \d+\]", text)


def test_raise_error_names_tbel_line(v8: Any) -> None:
    text = _error_text(v8, "var a = 1;\nif (a == 1) {\n  raiseError('bad value ' + a);\n}")
    assert "bad value 1 [Line: 3," in text


def test_undefined_variable_is_an_error(v8: Any) -> None:
    text = _error_text(v8, "var a = 1;\nreturn nope + a;")
    assert "unresolvable property or identifier: nope [Line: 2," in text


def test_js_native_error_line_is_tbel_line(v8: Any) -> None:
    text = _error_text(v8, "var a = 1;\n\n\nreturn missingFunction(a);")
    assert "missingFunction" in text and "[Line: 4," in text
