"""js_engine="local": what ThingsBoard's local engine does with a script, error by error.

Expected texts and lines are the Nashorn reference runner's answers for the same scripts
(../shared/nashorn-oracle; Nashorn counts lines in the script it compiles: the sandbox's
preamble, ThingsBoard's wrapper, the body reformatted by js-beautify).
"""

from __future__ import annotations

import pytest

from tbkit import ConverterCompileError, ConverterTimeoutError, DownlinkConverter, UplinkConverter
from tbkit.converters.nashorn.engine import static_warnings

ENGINE = "ThingsBoard's local JS engine (Nashorn, ES5)"


def compile_error(script: str) -> ConverterCompileError:
    with pytest.raises(ConverterCompileError) as info:
        UplinkConverter(script, js_engine="local")
    return info.value


def test_es2015_syntax_is_nashorns_compile_error_on_the_users_line() -> None:
    error = compile_error("var a = 1;\nconst b = 2;\nreturn {a:a};")
    assert (error.line, error.column) == (2, 1)
    assert error.message == (
        "ScriptException: <eval>:11:2 Expected an operand but found const\n  const b = 2;\n  ^"
        " in <eval> at line number 11 at column number 2"
    )


def test_destructuring_is_refused_where_nashorn_refuses_it() -> None:
    error = compile_error("var x = 1;\nvar {a} = metadata;\nreturn {a: 1};")
    assert error.line == 2
    assert error.message.startswith("ScriptException: <eval>:11:6 Expected ident but found {\n  var {\n      ^")


def test_a_last_line_comment_swallows_the_wrappers_brace() -> None:
    error = compile_error("var a = 0;\nreturn {a:a}; // end")
    assert error.line == 2
    assert error.message.startswith("ScriptException: <eval>:13:516 Expected } but found eof\n  }; // end}")


def test_the_sandbox_refuses_a_line_with_while_and_no_brace_after_it() -> None:
    error = compile_error("var a = 0;\nvar s='meanwhile ok';\nreturn {a:a};")
    assert error.line == 2
    assert error.message.startswith("BracesException: Potentially no block braces after function|for|while|do. Found [")
    assert error.message.endswith(
        "  var a = 0;\n  var s = 'meanwhile ok';]. "
        "To disable this exception, please set the option `allowNoBraces(true)`"
    )


def test_a_loop_body_without_braces_runs_unless_no_brace_follows_it() -> None:
    """The sandbox's patterns look for a `{` after the loop anywhere later in the script."""
    with UplinkConverter("var a = 0;\nfor (var i=0;i<3;i++) a+=i;\nreturn {a:a};", js_engine="local") as conv:
        assert conv.run(b"{}").output == {"a": 3}


def test_the_sandboxs_names_are_refused() -> None:
    error = compile_error("var __item = 1;\nreturn {};")
    assert (error.line, error.message) == (
        1,
        "IllegalArgumentException: Script contains the illegal string [__it,__if]",
    )


@pytest.mark.parametrize(
    ("script", "message", "line"),
    [
        (
            "var a = 1;\nvar b = 2;\nreturn {a:Math.sign(-3)};",
            "TypeError: Math.sign is not a function in <eval> at line number 13",
            3,
        ),
        (
            "var x = 1;\nvar y = null;\nreturn {a: y.foo};",
            'TypeError: Cannot get property "foo" of null in <eval> at line number 12',
            3,
        ),
        ("var x = 1;\n\n\nthrow new Error('boom');", "Error: boom in <eval> at line number 11 at column number 2", 4),
    ],
)
def test_runtime_errors_read_as_nashorns(script: str, message: str, line: int) -> None:
    with UplinkConverter(script, js_engine="local") as conv:
        run = conv.run(b"{}")
    assert run.error is not None
    assert (run.error.message, run.error.line) == ("ScriptException: " + message, line)


def test_values_as_nashorn_gives_them() -> None:
    script = (
        "var d = new Date(951819630000);\n"
        "return {a: d.toString(), b: d.toLocaleString(), c: d.toLocaleDateString(), e: d.toLocaleTimeString(),"
        " f: String(d), g: d.toUTCString(), h: d.toISOString(), i: d.toDateString(), j: d.toTimeString(),"
        " k: (0.1).toString(36), l: '0b101' * 1, m: JSON.stringify('\\ud800').length,"
        " n: Date.parse('2020-01-01T00:00:00.1234567Z'), o: Date.parse('2020-01-01T00:00:00.12Z'),"
        " p: typeof Number.EPSILON, q: typeof Promise + typeof Symbol, r: (1234.5).toLocaleString(),"
        " s: 'a.b'.replaceAll('.', '-'), t: typeof 'abc'.includes, u: 'abc'.startsWith('a')};"
    )
    with UplinkConverter(script, js_engine="local") as conv:
        out = conv.run(b"{}").output
    assert out == {
        "a": "Tue Feb 29 2000 10:20:30 GMT+0000 (UTC)",
        "b": "Tue Feb 29 2000 10:20:30 GMT+0000 (UTC)",
        "c": "2000-02-29",
        "e": "10:20:30",
        "f": "Tue Feb 29 2000 10:20:30 GMT+0000 (UTC)",
        "g": "Tue, 29 Feb 2000 10:20:30 GMT",
        "h": "2000-02-29T10:20:30.000Z",
        "i": "Tue Feb 29 2000",
        "j": "10:20:30 GMT+0000 (UTC)",
        "k": "0.3llllllllllqsn8td1p464unmi",
        "l": None,
        "m": 3,
        "n": None,
        "o": 1577836800012,
        "p": "undefined",
        "q": "undefinedundefined",
        "r": "1234.5",
        "s": "---",
        "t": "undefined",
        "u": True,
    }


def test_the_sandbox_and_helper_globals_exist_and_consoles_do_not() -> None:
    names = ["window", "global", "exports", "print", "chars", "btoa", "atob", "console", "decodeToJson", "Map"]
    script = "return {" + ", ".join(f"{n}: typeof {n}" for n in names) + "};"
    with UplinkConverter(script, js_engine="local") as conv:
        out = conv.run(b"{}").output
    assert out == {
        "window": "object",
        "global": "object",
        "exports": "object",
        "print": "function",
        "chars": "string",
        "btoa": "function",
        "atob": "function",
        "console": "undefined",
        "decodeToJson": "undefined",
        "Map": "undefined",
    }


def test_getownpropertynames_of_a_string_throws() -> None:
    with UplinkConverter("var x = 1;\nreturn Object.getOwnPropertyNames('ab');", js_engine="local") as conv:
        run = conv.run(b"{}")
    assert run.error is not None
    assert run.error.message == "ScriptException: TypeError: ab is not an Object in <eval> at line number 11"


def test_the_payload_is_built_by_thingsboards_local_wrapper() -> None:
    """atob + decodeURIComponent: a BOM and U+FFFD stay (the remote rule drops the one, refuses the other)."""
    body = "\ufeff\ufffdé".encode()
    with UplinkConverter("return {p: payload};", js_engine="local") as local:
        assert local.run(body).output == {"p": [0xFEFF, 0xFFFD, 0xE9]}
    with UplinkConverter("return {p: payload};") as remote:
        assert remote.run(body).output == {"p": list(body)}


def test_a_polyfill_the_script_adds_stays_and_tbkit_keeps_v8s_builtins() -> None:
    script = (
        "if (!Array.prototype.includes) {\n"
        "  Array.prototype.includes = function (x) { return this.indexOf(x) >= 0; };\n"
        "}\n"
        "return {deviceName: 'd', telemetry: {has: [1, 2].includes(2), flat: typeof [].flat}};"
    )
    with UplinkConverter(script, js_engine="local") as conv:
        runs = conv.run_many([b"{}", b"{}"])
    assert [r.output for r in runs] == [{"deviceName": "d", "telemetry": {"has": True, "flat": "undefined"}}] * 2
    assert [r.converted[0].telemetry[0].values for r in runs if r.converted] == [{"has": True, "flat": "undefined"}] * 2


def test_a_downlink_encoder_runs_in_the_local_engine_too() -> None:
    script = "var x = 1;\nreturn {contentType: 'JSON', data: JSON.stringify({v: msg.v, sign: Math.sign(msg.v)})};"
    with DownlinkConverter(script, js_engine="local") as conv:
        run = conv.run({"v": -2})
    assert run.error is not None and run.error.message.startswith(
        "ScriptException: TypeError: Math.sign is not a function"
    )
    assert run.error.line == 2


def test_remote_static_warnings_name_each_es2015_construct_and_line() -> None:
    src = "var a = 1;\nconst b = 2;\nlet c = x => 1;\nreturn {a: a};"
    assert static_warnings(src, "decode") == [
        f"line 2: 'const' is ES2015+; {ENGINE} rejects it",
        f"line 3: 'let' is ES2015+; {ENGINE} rejects it",
        f"line 3: arrow function '=>' is ES2015+; {ENGINE} rejects it",
    ]


def test_remote_static_warnings_name_what_no_construct_explains() -> None:
    assert static_warnings("var a = 0;\nreturn {a: a}; // end", "decode") == [
        f"line 2: {ENGINE} does not load this script: ScriptException: <eval>:13:516 Expected }} but found eof"
    ]
    braces = static_warnings("var s = 'meanwhile ok';\nreturn {};", "decode")
    assert len(braces) == 1 and braces[0].startswith(f"line 1: {ENGINE} does not load this script: BracesException:")


def test_names_that_only_look_modern_are_not_warned_about() -> None:
    src = 'var async = 1, of = 2, let2 = "let const => `";\n// const x = () => 1\nreturn {a: async + of};'
    assert static_warnings(src, "decode") == []


def test_remote_runs_warn_where_the_local_engine_fails_or_differs() -> None:
    with UplinkConverter("var x = 1;\nvar s = Math.sign(-2);\nreturn {deviceName: 'd', telemetry: {s: s}};") as conv:
        run = conv.run(b"{}")
    assert run.output == {"deviceName": "d", "telemetry": {"s": -1}}
    assert run.warnings == [
        f"line 2: {ENGINE} fails: ScriptException: TypeError: Math.sign is not a function in <eval> at line number 11"
    ]
    with UplinkConverter("return {deviceName: 'd', telemetry: {t: new Date(0).toLocaleDateString()}};") as conv:
        run = conv.run(b"{}")
    assert run.warnings == [
        f'{ENGINE} returns a different result: output.telemetry.t is "1970-01-01" there, "1/1/1970" here'
    ]


def test_a_batch_compares_with_the_local_engine_only_when_asked() -> None:
    warned = (
        f"line 2: {ENGINE} fails: ScriptException: TypeError: Math.sign is not a function in <eval> at line number 11"
    )
    with UplinkConverter("var x = 1;\nvar s = Math.sign(-2);\nreturn {deviceName: 'd', telemetry: {s: s}};") as conv:
        assert [r.warnings for r in conv.run_many([b"{}", b"{}"])] == [[], []]
        assert [r.warnings for r in conv.run_many([b"{}", b"{}"], engine_check=True)] == [[warned], [warned]]
        assert conv.run(b"{}").warnings == [warned]


def test_plain_es5_that_nashorn_runs_alike_is_not_warned_about(seed_body: bytes) -> None:
    src = (
        "function decodeToJson(p) { return JSON.parse(String.fromCharCode.apply(null, p)); }\n"
        "var data = decodeToJson(payload);\n"
        "return {deviceName: data.deviceName, telemetry: {t: data.temperature, n: new Date(0).getTime()}};"
    )
    with UplinkConverter(src) as conv:
        assert conv.warnings == []
        assert conv.run(seed_body).warnings == []


def test_the_engine_is_checked() -> None:
    with pytest.raises(ValueError, match="js_engine must be 'remote' or 'local'"):
        UplinkConverter("return {};", js_engine="nashorn")


def test_a_call_stopped_at_its_time_limit_leaves_both_engines_usable() -> None:
    """V8 stops a script without running `finally`: the next call still finds V8's and Nashorn's worlds intact."""
    script = (
        "var x = 1;\n"
        "if (metadata.loop === 'yes') {\n  while (true) {\n    x++;\n  }\n}\n"
        "return {deviceName: 'd', telemetry: {x: x, s: typeof Math.sign}};"
    )
    for engine in ("local", "remote"):
        with UplinkConverter(script, js_engine=engine, timeout=0.3) as conv:
            assert type(conv.run(b"{}", {"loop": "yes"}).error) is ConverterTimeoutError
            runs = conv.run_many([b"{}", b"{}"], {"loop": "no"})
        sign = "undefined" if engine == "local" else "function"
        assert [r.output for r in runs] == [{"deviceName": "d", "telemetry": {"x": 1, "s": sign}}] * 2
        assert [r.error for r in runs] == [None, None]


def test_a_lexer_error_ahead_wins_over_an_earlier_parser_error() -> None:
    """Nashorn's lexer reads ahead of its parser: `0b1010` two lines on is what it reports."""
    error = compile_error("var a = (function (a, b = 2) { return a + b; })(1);\nvar c = 0b1010 + 0o17;\nreturn {};")
    assert error.line == 2
    assert error.message.split("\n")[0] == "ScriptException: <eval>:13:11 Missing space after numeric literal"
