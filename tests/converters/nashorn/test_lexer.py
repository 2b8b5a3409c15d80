"""js_engine="local": which of two compile errors Nashorn reports, its lexer's (read ahead) or its parser's.

Nashorn's lexer fills a token buffer (256 tokens, every line break and comment counted) ahead of the parser,
which drops the tokens before each statement it finishes. A lexer error inside what is buffered when the
parser fails is the one reported. Expected lines and texts are the Nashorn reference runner's answers
(../shared/nashorn-oracle), one statement on either side of where the answer changes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tbkit import ConverterCompileError, UplinkConverter


def statements(before: int, after: int) -> str:
    return "var p = 1;\n" * before + "var x = (function(...xs) {});\n" + "a = 1;\n" * after + "var b = 0b1;\nreturn {};"


def regexps(before: int, after: int) -> str:
    """A regular expression is two tokens ("/", then what the parser reads there) and stops the lexer."""
    return (
        "var r = /x/.test('x');\n" * before
        + "var x = (function(...xs) {});\n"
        + "q = [1, 2];\n" * after
        + "var b = 'open;\nreturn {};"
    )


def nested(before: int, after: int) -> str:
    """Statements of a function body commit the stream too."""
    return (
        "function f() {\n"
        + "var p = 1;\n" * before
        + "return function(...xs) { return 1; };\n}\n"
        + "a += 2;\n" * after
        + "var b = 0b1;\nreturn {};"
    )


CASES = [
    (statements, 30, 34, "<eval>:81:11 Missing space after numeric literal"),
    (statements, 30, 35, "<eval>:43:20 Expected ident but found ..."),
    (regexps, 61, 23, "<eval>:103:16 Missing close quote"),
    (regexps, 61, 24, "<eval>:77:20 Expected ident but found ..."),
    (nested, 61, 40, "<eval>:126:11 Missing space after numeric literal"),
    (nested, 61, 41, "<eval>:78:19 Expected ident but found ..."),
]


@pytest.mark.parametrize(("make", "before", "after", "first_line"), CASES)
def test_the_error_nashorn_reports_first(
    make: Callable[[int, int], str], before: int, after: int, first_line: str
) -> None:
    with pytest.raises(ConverterCompileError) as info:
        UplinkConverter(make(before, after), js_engine="local")
    assert info.value.message.split("\n")[0] == f"ScriptException: {first_line}"
