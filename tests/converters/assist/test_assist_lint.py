"""The linter: TBEL and JS diagnostics with their line, column, severity and message."""

from __future__ import annotations

import pytest

import tbkit
from tbkit.converters.assist import Diagnostic, lint_script


def _short(source: str, lang: str) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.severity, d.message.split(":")[0]) for d in lint_script(source, lang)]


def test_tbel_unknown_function_is_an_error_when_it_runs_every_time() -> None:
    assert _short("var d = decodeToJson(payload);\nreturn {t: parseBytez(d)};", "TBEL") == [
        (2, 12, "error", "unknown function 'parseBytez'")
    ]


def test_tbel_unknown_function_behind_a_condition_or_in_a_function_is_a_warning() -> None:
    source = (
        "function f(x) {\n  return g(x);\n}\nif (payload.length > 1) {\n  h(1);\n}\n"
        "return {a: payload.length > 9 && k(1)};"
    )
    assert _short(source, "TBEL") == [
        (2, 10, "warning", "unknown function 'g'"),
        (5, 3, "warning", "unknown function 'h'"),
        (7, 34, "warning", "unknown function 'k'"),
    ]


def test_tbel_script_functions_and_helpers_are_known_and_the_suggestion_names_a_helper() -> None:
    assert lint_script("function f(x) { return x; }\nreturn {a: f(toFixed(1.25, 1))};", "TBEL") == []
    (found,) = lint_script("return parseBytesToInts(payload);", "TBEL")
    assert found.message.endswith("did you mean parseBytesToInt?")


def test_tbel_argument_counts() -> None:
    found = lint_script("var a = toFixed(1.5);\nvar b = Math.max(1);\nreturn {a: a, b: b};", "TBEL")
    assert [(d.line, d.severity, d.message.split(":")[0]) for d in found] == [
        (1, "error", "toFixed takes 2 arguments, not 1"),
        (2, "error", "Math.max takes 2 arguments, not 1"),
    ]
    assert found[0].message.endswith("toFixed(float value, int precision)")


def test_tbel_what_fails_only_when_it_runs_is_a_warning_at_its_line() -> None:
    source = "function f(x) {\n  return x ?? 1;\n}\nif (true) {\n  var y = 1 + * 2;\n}\nreturn {a: 1};"
    found = lint_script(source, "TBEL")
    assert [(d.line, d.column, d.severity) for d in found] == [(2, 12, "warning"), (5, 15, "warning")]
    assert found[0].message.startswith("'??' is not an operator in TBEL")
    assert found[1].message == (
        "illegal use of operator: *: ThingsBoard accepts the script and fails when this line runs"
    )


def test_tbel_a_syntax_error_in_a_function_body_is_the_scripts_error() -> None:
    assert _short("function f(x) {\n  return (x;\n}\nreturn {a: 1};", "TBEL") == [
        (2, 12, "error", "expected ')' near ';'")
    ]


def test_tbel_a_syntax_error_outside_functions_is_an_error() -> None:
    assert _short("var a = (1;\nreturn a;", "TBEL") == [(1, 11, "error", "expected ')' near ';'")]


def test_tbel_names_a_helper_hides() -> None:
    source = (
        "function toFixed(a, b) { return a; }\nfunction f(atob) { return 1; }\nfunction f() { return 2; }\n"
        "var padEnd = 1;\nreturn {};"
    )
    assert _short(source, "TBEL") == [
        (1, 1, "warning", "function 'toFixed' never runs"),
        (2, 1, "warning", "parameter 'atob' has the name of ThingsBoard's helper atob()"),
        (3, 1, "warning", "function 'f' is defined twice"),
        (4, 1, "warning", "variable 'padEnd' has the name of ThingsBoard's helper padEnd()"),
    ]


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("var d = decodeToJson(payload);\nif (d.t) {\n  return {t: d.t};\n}", 2),
        ("var x = 1;", 1),
        ("switch (payload[0]) {\n  case 1: return 1;\n}", 1),
        ("for (;;) {\n  if (payload[0]) break;\n}", 1),
        ("try {\n  return 1;\n} catch (e) {\n  console.log(e);\n}", 1),
    ],
)
def test_js_a_path_without_return(source: str, line: int) -> None:
    (found,) = lint_script(source, "JS")
    assert (found.line, found.severity) == (line, "warning")
    assert found.message.startswith("the script can end after this statement without a return")


@pytest.mark.parametrize(
    "source",
    [
        "return 1;",
        "if (payload[0]) { return 1; } else { return 2; }",
        "switch (payload[0]) { case 1: return 1; default: throw new Error('x'); }",
        "while (true) { return 1; }",
        "try { return f(); } catch (e) { throw e; } finally { console.log(1); }",
        "function f() { }\nreturn f();",
        "outer: for (;;) { for (;;) { break; } return 1; }",
    ],
)
def test_js_every_path_returns(source: str) -> None:
    assert lint_script(source, "JS") == []


def test_js_syntax_error_and_engine_warnings() -> None:
    assert lint_script("return (;", "JS") == [Diagnostic(1, 9, "error", "Unexpected token (1:8)")]
    found = lint_script("const a = 1;\nreturn a;", "JS")
    assert found == [
        Diagnostic(1, 1, "warning", "'const' is ES2015+; ThingsBoard's local JS engine (Nashorn, ES5) rejects it")
    ]


def test_converter_lint_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with tbkit.UplinkConverter("return {a: nope(1)};", lang="TBEL") as conv:
        assert [d.severity for d in conv.lint()] == ["error"]
    with tbkit.DownlinkConverter("var x = 1;", lang="JS") as conv:
        assert [d.line for d in conv.lint()] == [1]
    tbkit.help("Math.abs")
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["Math.abs (TBEL, static)", "Math.abs(int|long|float|double x) -> same kind as x"]
    with pytest.raises(LookupError, match="did you mean parseBytesToInt"):
        tbkit.help("parseBytesToIn")
