"""UplinkConverter.inspect(): which bytes a decoder read, from which line and call, JS and TBEL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from tbkit.converters import UplinkConverter
from tbkit.converters.inspection import PastEnd, Reader, element_spans
from tbkit.errors import ConverterRuntimeError, ConverterTimeoutError

GH1 = bytes.fromhex("4748 01 00e6 0241 0bb8 ffff")  # magic "GH", version, temperature, humidity, battery, pad


@pytest.fixture
def make() -> Iterator[Any]:
    made: list[UplinkConverter] = []

    def build(source: str, lang: str = "JS", **options: Any) -> UplinkConverter:
        conv = UplinkConverter(source, lang=lang, **options)
        made.append(conv)
        return conv

    yield build
    for conv in made:
        conv.close()


def reads(found: Any) -> list[tuple[int, int, list[int], int | None]]:
    return [(b.offset, b.reads, b.lines, b.first_read) for b in found.bytes]


JS_DECODER = """var t = (payload[3] << 8 | payload[4]) / 10;
var h = payload[5] << 8 | payload[6];
var version = payload[2];
return {deviceName: "GH-" + version, telemetry: {temperature: t, humidity: h / 10}};"""


def test_js_reads_name_each_byte_its_lines_and_first_read_order(make: Any) -> None:
    conv = make(JS_DECODER)
    found = conv.inspect(GH1)
    assert found.result.output == {"deviceName": "GH-1", "telemetry": {"temperature": 23.0, "humidity": 57.7}}
    assert found.result.error is None and found.complete
    assert reads(found) == [
        (0, 0, [], None),
        (1, 0, [], None),
        (2, 1, [3], 5),
        (3, 1, [1], 1),
        (4, 1, [1], 2),
        (5, 1, [2], 3),
        (6, 1, [2], 4),
        (7, 0, [], None),
        (8, 0, [], None),
        (9, 0, [], None),
        (10, 0, [], None),
    ]
    assert found.unread == [0, 1, 7, 8, 9, 10]
    assert found.past_end == []
    assert found.lines == [1, 2, 3]
    assert found.summary() == "5 of 11 bytes read; 6 never read (0-1, 7-10)"


def test_frame_has_one_row_per_byte(make: Any) -> None:
    found = make(JS_DECODER).inspect(GH1[:5])
    expected = pd.DataFrame(
        {
            "offset": [0, 1, 2, 3, 4],
            "byte": [0x47, 0x48, 1, 0, 0xE6],
            "hex": pd.Series(["47", "48", "01", "00", "E6"], dtype=object),
            "char": pd.Series(["G", "H", ".", ".", "."], dtype=object),
            "reads": [0, 0, 1, 1, 1],
            "lines": [[], [], [3], [1], [1]],
            "first_read": pd.array([None, None, 3, 1, 2], dtype="Int64"),
        }
    )
    pd.testing.assert_frame_equal(found.frame, expected)
    # payload[5] and payload[6] are past the end of a 5-byte payload: undefined in JS, read on line 2
    assert found.past_end == [PastEnd(5, 2), PastEnd(6, 2)]
    assert found.result.output == {"deviceName": "GH-1", "telemetry": {"temperature": 23.0, "humidity": 0}}


TBEL_DECODER = """var t = parseBytesToInt(payload, 3, 2, true) / 10.0;
var h = parseBytesToInt(payload, 5, 2) / 10.0;
var b = payload.get(7);
return {deviceName: "GH-" + payload[2], telemetry: {temperature: t, humidity: h, battery: b}};"""


def test_tbel_helpers_read_their_offset_and_length_and_name_the_call(make: Any) -> None:
    found = make(TBEL_DECODER, "TBEL").inspect(GH1)
    assert found.result.output == {
        "deviceName": "GH-1",
        "telemetry": {"temperature": 23.0, "humidity": 57.7, "battery": 11},
    }
    assert [(b.offset, b.lines, b.readers) for b in found.bytes if b.reads] == [
        (2, [4], [Reader(4, None, 1)]),
        (3, [1], [Reader(1, "parseBytesToInt(payload, 3, 2, true)", 1)]),
        (4, [1], [Reader(1, "parseBytesToInt(payload, 3, 2, true)", 1)]),
        (5, [2], [Reader(2, "parseBytesToInt(payload, 5, 2)", 1)]),
        (6, [2], [Reader(2, "parseBytesToInt(payload, 5, 2)", 1)]),
        (7, [3], [Reader(3, "payload.get(7)", 1)]),
    ]
    assert found.unread == [0, 1, 8, 9, 10]


def test_tbel_default_length_and_whole_payload_helpers(make: Any) -> None:
    source = (
        "var n = parseBytesToLong(payload, 4);\nvar s = new String(payload);\n"
        'return {deviceName: "x", telemetry: {n: n}};'
    )
    found = make(source, "TBEL").inspect(b"\x00" * 10)
    assert [b.readers for b in found.bytes[:4]] == [[Reader(2, "new String(payload)", 1)]] * 4
    assert [b.readers for b in found.bytes[4:]] == [
        [Reader(1, "parseBytesToLong(payload, 4)", 1), Reader(2, "new String(payload)", 1)]
    ] * 6  # from offset 4, at most 8 bytes: the 6 left
    assert [b.first_read for b in found.bytes] == [7, 8, 9, 10, 1, 2, 3, 4, 5, 6]


def test_js_helpers_and_builtins_are_named(make: Any) -> None:
    source = (
        "var d = decodeToJson(payload);\n"
        "var head = payload.slice(0, 2);\n"
        "var again = String.fromCharCode(payload[1]);\n"
        'return {deviceName: "x", telemetry: {n: d.n}};'
    )
    found = make(source).inspect(b'{"n":5}')
    assert found.bytes[0].readers == [Reader(1, "decodeToJson(payload)", 1), Reader(2, "slice", 1)]
    assert found.bytes[1].readers == [
        Reader(1, "decodeToJson(payload)", 1),
        Reader(2, "slice", 1),
        Reader(3, None, 1),
    ]
    assert found.bytes[1].reads == 3 and found.bytes[1].lines == [1, 2, 3]
    assert [b.reads for b in found.bytes[2:]] == [1] * 5


def test_reads_inside_a_callback_belong_to_the_callback_line(make: Any) -> None:
    source = (
        "var sum = 0;\npayload.forEach(function (x, i) {\n  sum += payload[0];\n});\n"
        "return {deviceName: 'x', telemetry: {s: sum}};"
    )
    found = make(source).inspect(b"\x01\x02\x03")
    assert found.bytes[0].readers == [Reader(2, "forEach", 1), Reader(3, None, 3)]
    assert found.bytes[2].readers == [Reader(2, "forEach", 1)]


def test_js_utf8_payload_elements_map_to_the_bytes_of_their_characters(make: Any) -> None:
    body = '\ufeff{"t":"é😀"}'.encode()
    assert element_spans(body, "JS") == [
        *[(k, k + 1) for k in range(3, 9)],
        (9, 11),  # é
        (11, 15),  # 😀: two UTF-16 code units, one character of four bytes
        (11, 15),
        (15, 16),
        (16, 17),
    ]
    found = make("return {deviceName: 'x', telemetry: {e: payload[6], lo: payload[8]}};").inspect(body)
    assert found.unread == [*range(9), 15, 16]  # the BOM is never seen by a JS decoder
    assert [b.reads for b in found.bytes[9:15]] == [1, 1, 1, 1, 1, 1]
    assert element_spans(b"\xff\x00", "JS") == [(0, 1), (1, 2)]  # not UTF-8: raw bytes
    assert element_spans(body, "TBEL") == [(i, i + 1) for i in range(len(body))]


def test_an_error_keeps_the_reads_before_it_and_names_its_line(make: Any) -> None:
    source = "var a = payload[0];\nvar b = payload[1];\nnull.x;\nreturn {};"
    conv = make(source)
    found = conv.inspect(b"\x01\x02\x03")
    assert isinstance(found.result.error, ConverterRuntimeError)
    assert found.result.error.line == 3
    assert str(found.result.error) == str(conv.run(b"\x01\x02\x03").error)
    assert found.unread == [2]


def test_inspection_result_is_run_result_and_leaves_the_converter_as_it_was(make: Any) -> None:
    conv = make(
        "var d = decodeToJson(payload);\nreturn {deviceName: d.n, telemetry: {t: d.t}};",
        update_only_keys=["t"],
    )
    body = b'{"n": "A", "t": 1}'
    first = conv.inspect(body)
    assert first.result.converted == conv.run(body).converted  # inspect() remembered nothing
    again = conv.inspect(body)
    assert again.result.converted is not None and again.result.converted[0].telemetry == []  # run() did
    assert again.result.output == {"deviceName": "A", "telemetry": {"t": 1}}


def test_a_script_too_slow_to_trace_gets_run_results_and_no_reads(make: Any) -> None:
    conv = make("while (true) {}", timeout=0.2)
    found = conv.inspect(b"\x01")
    assert isinstance(found.result.error, ConverterTimeoutError)
    assert str(found.result.error) == str(conv.run(b"\x01").error)
    assert not found.complete and found.summary().startswith("the traced run stopped")


# what a script may reassign: (object, property, new value), kept for good (tbkit's runtime calls only the
# built-ins it captured, issue #25); the tracer shares the context with the script, so it must too
SABOTAGE = [
    ("Array.prototype", "push", "function () { throw new Error('push'); }"),
    ("globalThis", "Proxy", "function () { throw new Error('Proxy'); }"),
    ("Reflect", "get", "function () { return 0; }"),
    ("Reflect", "apply", "null"),
    ("Reflect", "defineProperty", "null"),
    ("globalThis", "Error", "function () {}"),
    ("Error", "captureStackTrace", "null"),
    ("Function.prototype", "call", "null"),
    ("Function.prototype", "apply", "null"),
    ("Function.prototype", "bind", "null"),
    ("JSON", "stringify", "function () { return 'x'; }"),
    ("Object.prototype", "0", "undefined"),
    ("Object.prototype", "toJSON", "function () { return 0; }"),
    ("String.prototype", "slice", "null"),
    ("RegExp.prototype", "test", "null"),
    ("Object", "create", "null"),
    ("Array", "isArray", "null"),
]


@pytest.mark.parametrize(("owner", "name", "value"), SABOTAGE, ids=[f"{o}.{n}" for o, n, _ in SABOTAGE])
def test_what_a_script_reassigns_does_not_change_the_trace(make: Any, owner: str, name: str, value: str) -> None:
    body = "var a = payload[1];\nvar s = decodeToString(payload).length;\nvar n = payload.slice(2, 3);\n"
    result = "return {deviceName: 'x', telemetry: {a: a, s: s}};"
    clean = make("\n\n\n" + body + result).inspect(b"\x00\x07\x00\x00")
    sabotaged = (
        f"Object.defineProperty({owner}, {name!r}, {{value: {value}, writable: true, configurable: true}});\n\n\n"
        + body
        + result
    )
    hostile = make(sabotaged)
    for _ in range(2):  # the first inspection, and the next (the change is still there)
        found = hostile.inspect(b"\x00\x07\x00\x00")
        # the same output as run() (a toJSON on Object.prototype reaches it, as in ThingsBoard)
        assert found.result.output == hostile.run(b"\x00\x07\x00\x00").output
        if name != "toJSON":
            assert found.result.output == clean.result.output
        assert [b.readers for b in found.bytes] == [b.readers for b in clean.bytes]
        assert [b.first_read for b in found.bytes] == [b.first_read for b in clean.bytes]
    assert clean.bytes[1].readers[0] == Reader(4, None, 1)
    assert clean.bytes[2].readers[-1] == Reader(6, "slice", 1)


def test_error_stack_settings_a_script_makes_do_not_change_the_trace(make: Any) -> None:
    source = (
        "Error.prepareStackTrace = function () { return 'no stack'; };\n"
        "Error.stackTraceLimit = 0;\n"
        "var v = payload[2];\n"
        "return {deviceName: 'x', telemetry: {v: v, s: new Error('e').stack}};"
    )
    found = make(source).inspect(b"\x00\x00\x05")
    assert found.bytes[2].readers == [Reader(3, None, 1)]
    assert found.result.output == {"deviceName": "x", "telemetry": {"v": 5, "s": "no stack"}}
    redefined = (
        "Object.defineProperty(Error, 'prepareStackTrace', {value: function () { return 'mine'; }});\n"
        "Object.defineProperty(Error, 'stackTraceLimit', {value: 1, writable: false});\n"
        "var v = payload[2];\n"
        "return {deviceName: 'x', telemetry: {v: v, s: new Error('e').stack}};"
    )
    found = make(redefined).inspect(b"\x00\x00\x05")
    assert found.bytes[2].readers == [Reader(3, None, 1)]
    assert found.result.output == {"deviceName": "x", "telemetry": {"v": 5, "s": "mine"}}


def test_tbel_tbutils_overridden_by_a_script_function_reads_as_script_lines(make: Any) -> None:
    found = make("var x = payload[0];\nreturn {deviceName: 'x', telemetry: {x: x}};", "TBEL").inspect(b"\x09\x01")
    assert found.bytes[0].readers == [Reader(1, None, 1)] and found.unread == [1]


def test_the_decode_context_never_loads_the_tracer(make: Any) -> None:
    conv = make("return {deviceName: 'x', telemetry: {t: typeof __tbkit_trace}};")
    assert conv.inspect(b"1").result.output == {"deviceName": "x", "telemetry": {"t": "object"}}
    assert conv.run(b"1").output == {"deviceName": "x", "telemetry": {"t": "undefined"}}


def test_a_script_can_neither_replace_the_tracer_nor_take_its_trace(make: Any) -> None:
    conv = make(
        "var found = [];\n"
        "try { __tbkit_trace = null; } catch (e) { found.push('kept'); }\n"
        "try { __tbkit_trace.take = null; } catch (e) { found.push('frozen'); }\n"
        "found.push(__tbkit_trace.take(), __tbkit_trace.take('guess'));\n"
        "try { __tbkit_trace.wrap(function () {}); } catch (e) { found.push('wrapped once'); }\n"
        "var v = payload[1];\n"
        "return {deviceName: 'x', attributes: {found: found.join(' ')}, telemetry: {v: v}};"
    )
    for _ in range(2):
        found = conv.inspect(b"\x00\x05")
        assert found.result.output == {
            "deviceName": "x",
            "attributes": {"found": "null null wrapped once"},
            "telemetry": {"v": 5},
        }
        assert [b.readers for b in found.bytes] == [[], [Reader(6, None, 1)]]


def test_close_frees_the_inspection_context_and_refuses_more(make: Any) -> None:
    conv = make("return {deviceName: 'x', telemetry: {}};")
    conv.inspect(b"1")
    conv.close()
    with pytest.raises(RuntimeError, match="is closed"):
        conv.inspect(b"1")


def test_a_payload_the_script_returns_whole_is_not_read_by_it(make: Any) -> None:
    for lang in ("JS", "TBEL"):
        found = make("return {deviceName: 'x', telemetry: {raw: payload}};", lang).inspect(b"\x01\x02")
        assert found.result.output == {"deviceName": "x", "telemetry": {"raw": [1, 2]}}
        assert found.unread == [0, 1], lang


def test_html_names_every_cell_escapes_the_source_and_lists_lines(make: Any) -> None:
    source = "var a = payload[1]; // <b>&'\"\nreturn {deviceName: 'x', telemetry: {a: a}};"
    found = make(source).inspect(b"\x00\x1f\x02")
    page = found._repr_html_()
    assert 'aria-label="byte 0, 0x00, not read"' in page
    assert 'aria-label="byte 1, 0x1F, read by line 1"' in page
    assert "// &lt;b&gt;&amp;&#x27;&quot;" in page and "<b>&" not in page
    assert page.count('role="gridcell"') == 3
    assert json.loads(json.dumps(found.to_view())) == {
        "size": 3,
        "bytes": [[0, -1, [], 0, []], [31, 0, [1], 1, [[1, None, 1]]], [2, -1, [], 0, []]],
        "lines": [[1, "var a = payload[1]; // <b>&'\"", 0]],
        "past_end": [],
        "summary": "1 of 3 bytes read; 2 never read (0, 2)",
        "complete": True,
    }


def test_inspections_from_many_threads_each_get_their_own_reads(make: Any) -> None:
    from concurrent.futures import ThreadPoolExecutor

    conv = make("var v = payload[payload[0]];\nreturn {deviceName: 'x', telemetry: {v: v}};")
    bodies = [bytes([k % 7 + 1]) + bytes(8) for k in range(40)]
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(conv.inspect, bodies))
    for body, one in zip(bodies, found, strict=True):
        assert one.unread == [k for k in range(9) if k not in (0, body[0])]


def test_local_engine_inspection_gives_the_local_result_and_the_reads(make: Any) -> None:
    conv = make(JS_DECODER, js_engine="local")
    found = conv.inspect(GH1)
    assert found.result.output == conv.run(GH1).output
    assert found.complete and found.reason == ""
    assert [(b.offset, b.lines) for b in found.bytes if b.reads] == [(2, [3]), (3, [1]), (4, [1]), (5, [2]), (6, [2])]


def test_local_engine_inspection_without_reads_where_v8_computes_otherwise(make: Any) -> None:
    source = "var t = payload[1];\nreturn {deviceName: 'A', telemetry: {t: t, d: new Date(0).toString()}};"
    conv = make(source, js_engine="local")
    found = conv.inspect(b"\x01\x02\x03")
    assert found.result.output == {
        "deviceName": "A",
        "telemetry": {"t": 2, "d": "Thu Jan 01 1970 00:00:00 GMT+0000 (UTC)"},
    }
    assert not found.complete
    assert found.summary() == (
        "V8 computes another result than ThingsBoard's local engine for this payload, so the reads traced in V8 "
        "are not the local engine's: no reads recorded"
    )


def test_local_engine_inspection_of_a_failure_keeps_the_reads_before_its_line(make: Any) -> None:
    conv = make("var a = payload[0];\nvar b = payload[1];\nnull.x;\nreturn {};", js_engine="local")
    found = conv.inspect(b"\x01\x02\x03")
    assert str(found.result.error) == str(conv.run(b"\x01\x02\x03").error)
    assert found.result.error is not None and found.result.error.line == 3
    assert found.complete and found.unread == [2]


def test_an_inspection_without_reads_marks_no_byte_unread(make: Any) -> None:
    conv = make(
        "var t = payload[1];\nreturn {deviceName: 'A', telemetry: {t: t, d: new Date(0).toString()}};",
        js_engine="local",
    )
    found = conv.inspect(b"\x01\x02")
    assert not found.complete and found.unread == []
    page = found._repr_html_()
    assert "byte 0, 0x01, reads not known" in page and "byte 1, 0x02, reads not known" in page
    assert "not read" not in page.replace("reads not known", "")
    assert ' class="u' not in page and " u " not in page
