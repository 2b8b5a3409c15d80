"""ES5 warnings: modern syntax that ThingsBoard's local Nashorn engine rejects (spec §9)."""

from __future__ import annotations

import pytest

from tbkit.converters.es5 import es5_warnings

TAIL = "is ES2015+; ThingsBoard's local JS engine (Nashorn, ES5) rejects it"


def w(line: int, what: str) -> str:
    return f"line {line}: {what} {TAIL}"


def test_es5_source_has_no_warnings(seed_decoder):
    assert es5_warnings(seed_decoder) == []


def test_const_arrow_and_optional_chaining():
    src = (
        "const data = decodeToJson(payload);\n"
        "const pick = (k) => data?.[k];\n"
        "return {deviceName: pick('deviceName'), telemetry: {t: data?.t}};"
    )
    assert es5_warnings(src) == [
        w(1, "'const'"),
        w(2, "'const'"),
        w(2, "arrow function '=>'"),
        w(2, "optional chaining '?.'"),
        w(3, "optional chaining '?.'"),
    ]


def test_one_warning_per_construct_and_line():
    assert es5_warnings("let a = 1;\nlet b = 2;\nlet c = 3; let d = 4;") == [
        w(1, "'let'"),
        w(2, "'let'"),
        w(3, "'let'"),
    ]


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("var t = `a${b}`;", [w(1, "template literal")]),
        ("var a = b ?? c;", [w(1, "nullish coalescing '??'")]),
        ("a ??= 1;", [w(1, "nullish assignment '??='")]),
        ("var p = 2 ** 3;", [w(1, "exponent operator '**'")]),
        ("p **= 2;", [w(1, "exponent assignment '**='")]),
        ("f(...args);", [w(1, "spread/rest '...'")]),
        ("class A {}", [w(1, "'class'")]),
        ("async function f() {\n await g();\n}", [w(1, "'async'"), w(2, "'await'")]),
        ("for (var x of xs) {}", [w(1, "'for ... of'")]),
    ],
)
def test_each_construct(src, expected):
    assert es5_warnings(src) == expected


def test_strings_comments_and_regex_are_skipped():
    src = (
        'var s = "let const => ?. `";\n'
        "// const x = () => 1\n"
        "/* let y = `t` */ var r = /=>|`/g;\n"
        "var q = 'class ... **';"
    )
    assert es5_warnings(src) == []


def test_ternary_with_decimal_is_not_optional_chaining():
    assert es5_warnings("var x = a ? .5 : 1;") == []


def test_division_is_not_a_regex():
    assert es5_warnings("var x = a / b / c;\nconst y = 1;") == [w(2, "'const'")]


def test_of_as_property_name_is_fine():
    assert es5_warnings("var o = {of: 1}; var v = o.of;") == []


def test_of_after_braceless_for_loop_is_not_for_of():
    # ES5-valid: 'of' is an ordinary identifier once the for header has closed.
    src = "for (var i = 0; i < 3; i++) total += i;\nvar of = 1;"
    assert es5_warnings(src) == []
