"""UplinkConverter: ThingsBoard decoder semantics (spec §4, §5)."""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import warnings

import pytest

import tbkit.converters.tbel as tbel
from tbkit.converters import ConverterWarning, DebugSettings, UplinkConverter
from tbkit.converters.uplink import payload_text
from tbkit.errors import (
    ConfigError,
    ConverterCompileError,
    ConverterError,
    ConverterMemoryError,
    ConverterOutputError,
    ConverterRuntimeError,
    ConverterTimeoutError,
    TbkitError,
)
from tbkit.models import ConvertedData, JsonText, TelemetryRecord

SEED_BODY = b'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'
ECHO = "return payload;"
TAIL = "is ES2015+; ThingsBoard's local JS engine (Nashorn, ES5) rejects it"


def utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


# -- the payload array --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("é€".encode(), [233, 8364]),
        (b"\xff\x00\xc3\xa9", [255, 0, 195, 169]),
        ("😀".encode(), [55357, 56832]),
        (b"\xef\xbf\xbd", [239, 191, 189]),  # a decoded U+FFFD counts as failure: raw bytes
        (b"AB", [65, 66]),
        (b"", []),
    ],
)
def test_payload_array_follows_utf8_rule(make_converter, raw, codes):
    conv = make_converter(ECHO)
    assert utf16_units(payload_text(raw, "JS")) == codes
    assert conv.test(raw) == codes


def test_tbel_payload_text_is_raw_bytes():
    assert [ord(c) for c in payload_text("é".encode(), "TBEL")] == [195, 169]


def test_str_payload_is_utf8_encoded(make_converter):
    assert make_converter(ECHO).test("é") == [233]


def test_metadata_values_are_strings_in_the_script(make_converter):
    conv = make_converter(
        "var out = {}; for (var k in metadata) out[k] = [typeof metadata[k], metadata[k]]; return out;"
    )
    assert conv.test(b"", {"n": 85, "b": True, "f": False, "s": "x", "z": None, "d": 1.5}) == {
        "n": ["string", "85"],
        "b": ["string", "true"],
        "f": ["string", "false"],
        "s": ["string", "x"],
        "z": ["string", "null"],
        "d": ["string", "1.5"],
    }


# -- test() and decode() ------------------------------------------------------------------------
def test_seed_test_returns_raw_value(make_converter, seed_decoder):
    conv = make_converter(seed_decoder)
    assert conv.test(SEED_BODY) == {
        "deviceName": "Sensor T1",
        "deviceType": "Temperature Sensor",
        "attributes": {"model": "test"},
        "telemetry": {"temperature": 33},
    }


def test_seed_decode_normalises(make_converter, seed_decoder):
    conv = make_converter(seed_decoder)
    assert conv.decode(SEED_BODY) == [
        ConvertedData(
            entity_type="DEVICE",
            name="Sensor T1",
            type="Temperature Sensor",
            attributes={"model": "test"},
            telemetry=[TelemetryRecord(ts=None, values={"temperature": 33})],
        )
    ]


def test_test_returns_invalid_output_without_raising(make_converter):
    conv = make_converter("return {telemetry: {t: 1}};")
    assert conv.test(b"") == {"telemetry": {"t": 1}}
    run = conv.run(b"")
    assert isinstance(run.error, ConverterOutputError)
    assert run.converted is None and not run.ok


def test_decode_device_default_type_and_casts(make_converter):
    conv = make_converter(
        "return {deviceName: 'D', attributes: {a: '42', b: '21.5', c: '-.5', d: '1.', e: '1e5', n: null},"
        " telemetry: {obj: {x: [1, 2]}, arr: [1, 'a']}};"
    )
    assert conv.decode(b"") == [
        ConvertedData(
            entity_type="DEVICE",
            name="D",
            type="default",
            attributes={"a": 42, "b": 21.5, "c": -0.5, "d": "1.", "e": "1e5"},
            telemetry=[TelemetryRecord(ts=None, values={"obj": '{"x":[1,2]}', "arr": '[1,"a"]'})],
        )
    ]
    values = conv.decode(b"")[0].telemetry[0].values
    assert all(type(v) is JsonText for v in values.values())
    assert type(conv.decode(b"")[0].attributes["a"]) is int


def test_decode_asset_needs_type(make_converter):
    ok = make_converter("return {assetName: 'A', assetType: 'building', assetLabel: 'L'};")
    assert ok.decode(b"") == [ConvertedData(entity_type="ASSET", name="A", type="building", label="L")]
    bad = make_converter("return {assetName: 'A'};")
    with pytest.raises(ConverterOutputError) as info:
        bad.decode(b"")
    assert info.value.status == 400


@pytest.mark.parametrize(
    "body",
    [
        "return {deviceName: 'D', assetName: 'A', assetType: 't'};",
        "return {telemetry: {t: 1}};",
        "return {deviceName: undefined};",
    ],
)
def test_decode_both_or_neither_name_is_400(make_converter, body):
    conv = make_converter(body)
    with pytest.raises(ConverterOutputError) as info:
        conv.decode(b"")
    assert info.value.status == 400
    assert "'deviceName'" in str(info.value) or "'assetName'" in str(info.value)


def test_decode_device_name_null_is_500(make_converter):
    with pytest.raises(ConverterOutputError) as info:
        make_converter("return {deviceName: null};").decode(b"")
    assert info.value.status == 500


@pytest.mark.parametrize("body", ["return null;", "return 5;", "return 'x';", "return [];", "var a = 1;"])
def test_decode_empty_results(make_converter, body):
    assert make_converter(body).decode(b"") == []


def test_decode_non_object_array_element_is_500(make_converter):
    with pytest.raises(ConverterOutputError) as info:
        make_converter("return [{deviceName: 'D'}, 3];").decode(b"")
    assert info.value.status == 500


def test_decode_telemetry_shapes(make_converter):
    conv = make_converter(
        "return [{deviceName: 'flat', telemetry: {t: 1}},"
        " {deviceName: 'tsv', telemetry: {ts: 1700000000000, values: {t: 2}}},"
        " {deviceName: 'arr', telemetry: [{ts: 1000, values: {t: 3}}, {u: '4'}]}];"
    )
    assert [(d.name, d.telemetry) for d in conv.decode(b"")] == [
        ("flat", [TelemetryRecord(ts=None, values={"t": 1})]),
        ("tsv", [TelemetryRecord(ts=1700000000000, values={"t": 2})]),
        ("arr", [TelemetryRecord(ts=1000, values={"t": 3}), TelemetryRecord(ts=None, values={"u": 4})]),
    ]


def test_decode_ts_null_is_error(make_converter):
    with pytest.raises(ConverterOutputError):
        make_converter("return {deviceName: 'D', telemetry: {ts: null, values: {t: 1}}};").decode(b"")


def test_decode_label_customer_group(make_converter):
    conv = make_converter(
        "return {deviceName: 'D', deviceType: 'T', deviceLabel: 'L', customerName: 'C', groupName: 'G'};"
    )
    assert conv.decode(b"") == [
        ConvertedData(entity_type="DEVICE", name="D", type="T", label="L", customer_name="C", group_name="G")
    ]


def test_decode_runtime_error_raises(make_converter):
    conv = make_converter('var a = 1;\nthrow new Error("boom");')
    with pytest.raises(ConverterRuntimeError) as info:
        conv.decode(b"")
    assert info.value.line == 2
    assert "Error: boom" in info.value.message
    with pytest.raises(ConverterRuntimeError):
        conv.test(b"")


# -- updateOnlyKeys -----------------------------------------------------------------------------
def test_update_only_keys_forwards_changes_per_entity(make_converter):
    conv = make_converter(
        "var d = decodeToJson(payload);\n"
        "return {deviceName: d.n, attributes: {fw: d.fw, model: 'm'}, telemetry: {fw: d.fw, t: d.t}};",
        update_only_keys=["fw"],
    )

    def step(n, fw, t):
        (data,) = conv.decode(json.dumps({"n": n, "fw": fw, "t": t}).encode())
        return data.attributes, data.telemetry

    assert step("A", "1.0", 1) == ({"fw": 1.0, "model": "m"}, [TelemetryRecord(None, {"fw": 1.0, "t": 1})])
    assert step("A", "1.0", 2) == ({"model": "m"}, [TelemetryRecord(None, {"t": 2})])
    assert step("B", "1.0", 3) == ({"fw": 1.0, "model": "m"}, [TelemetryRecord(None, {"fw": 1.0, "t": 3})])
    assert step("A", "2.0", 4) == ({"fw": 2.0, "model": "m"}, [TelemetryRecord(None, {"fw": 2.0, "t": 4})])
    assert step("A", "2.0", 5) == ({"model": "m"}, [TelemetryRecord(None, {"t": 5})])


def test_update_only_keys_drops_emptied_telemetry_record(make_converter):
    conv = make_converter("return {deviceName: 'D', telemetry: {fw: 'v1'}};", update_only_keys=["fw"])
    assert conv.decode(b"")[0].telemetry == [TelemetryRecord(None, {"fw": "v1"})]
    assert conv.decode(b"")[0].telemetry == []


# -- batches and async --------------------------------------------------------------------------
def test_decode_many_and_test_many(make_converter, seed_decoder):
    conv = make_converter(seed_decoder)
    bodies = [
        json.dumps({"deviceName": f"S{i}", "deviceType": "T", "temperature": i, "model": "m"}).encode()
        for i in range(5)
    ]
    assert [[(d.name, d.telemetry[0].values) for d in out] for out in conv.decode_many(bodies)] == [
        [(f"S{i}", {"temperature": i})] for i in range(5)
    ]
    assert conv.test_many(bodies[:2]) == [
        {"deviceName": "S0", "deviceType": "T", "attributes": {"model": "m"}, "telemetry": {"temperature": 0}},
        {"deviceName": "S1", "deviceType": "T", "attributes": {"model": "m"}, "telemetry": {"temperature": 1}},
    ]


def test_run_many_one_runaway_among_good_ones(make_converter):
    conv = make_converter(
        "var d = decodeToJson(payload);\nif (d.spin) { while (true) {} }\nreturn {deviceName: d.n};",
        timeout=0.2,
    )
    runs = conv.run_many([b'{"n": "a"}', b'{"n": "b", "spin": true}', b'{"n": "c"}'])
    assert [r.output for r in runs] == [{"deviceName": "a"}, None, {"deviceName": "c"}]
    assert [type(r.error).__name__ for r in runs] == ["NoneType", "ConverterTimeoutError", "NoneType"]
    assert [[d.name for d in r.converted] if r.converted is not None else None for r in runs] == [["a"], None, ["c"]]


def test_timeout_then_still_usable(make_converter):
    conv = make_converter("if (payload.length) { while (true) {} }\nreturn {deviceName: 'ok'};", timeout=0.2)
    with pytest.raises(ConverterTimeoutError) as info:
        conv.decode(b"x")
    assert isinstance(info.value, ConverterError)
    assert isinstance(info.value, TbkitError)
    assert [d.name for d in conv.decode(b"")] == ["ok"]


def test_memory_bomb_then_still_usable(make_converter):
    conv = make_converter(
        "if (payload.length) { var a = []; while (true) { a.push(new Array(1000000).fill(1.5)); } }\n"
        "return {deviceName: 'ok'};",
        max_memory=32 << 20,
        timeout=5,
    )
    with pytest.raises(ConverterMemoryError) as info:
        conv.decode(b"x")
    assert isinstance(info.value, ConverterError)
    assert isinstance(info.value, TbkitError)
    assert [d.name for d in conv.decode(b"")] == ["ok"]


def test_syntax_error_at_construction(make_converter):
    with pytest.raises(ConverterCompileError) as info:
        make_converter("var data = decodeToJson(payload);\n\nreturn {deviceName: };")
    assert info.value.line == 3
    assert info.value.column is not None


def test_run_async_gather(make_converter):
    conv = make_converter("var d = decodeToJson(payload);\nreturn {deviceName: 'D' + d.i, telemetry: {i: d.i}};")

    async def main():
        return await asyncio.gather(*(conv.run_async(json.dumps({"i": i}).encode()) for i in range(30)))

    runs = asyncio.run(main())
    assert [r.output for r in runs] == [{"deviceName": f"D{i}", "telemetry": {"i": i}} for i in range(30)]
    assert [r.converted[0].telemetry[0].values for r in runs] == [{"i": i} for i in range(30)]


def test_run_async_gives_what_run_gives_with_each_calls_metadata_and_one_runaway(make_converter):
    conv = make_converter(
        "var d = decodeToJson(payload);\nif (d.i === 3) { while (true) {} }\n"
        "return {deviceName: metadata.who + d.i, telemetry: {i: d.i}};",
        timeout=0.3,
    )
    calls = [(json.dumps({"i": i}).encode(), {"who": "AB"[i % 2]}) for i in range(6)]

    async def main():
        return await asyncio.gather(*(conv.run_async(p, m) for p, m in calls))

    together = asyncio.run(main())
    alone = [conv.run(p, m) for p, m in calls]
    assert [(r.output, r.logs, r.warnings, str(r.error)) for r in together] == [
        (r.output, r.logs, r.warnings, str(r.error)) for r in alone
    ]
    assert [r.output for r in together] == [
        None if i == 3 else {"deviceName": "AB"[i % 2] + str(i), "telemetry": {"i": i}} for i in range(6)
    ]
    assert str(together[3].error) == "HTTP Uplink Converter: script exceeded its time limit of 0.3 s and was stopped"


def test_batchers_of_closed_or_gone_loops_are_dropped(make_converter):
    conv = make_converter("return {deviceName: 'n' + payload.length};")
    first = asyncio.new_event_loop()
    assert first.run_until_complete(conv.run_async(b"abc")).output == {"deviceName": "n3"}
    assert list(conv._batchers) == [first]
    first.close()
    second = asyncio.new_event_loop()
    assert second.run_until_complete(conv.run_async(b"ab")).output == {"deviceName": "n2"}
    assert list(conv._batchers) == [second]  # the closed loop's batcher was pruned
    second.close()
    del first, second
    gc.collect()
    assert list(conv._batchers) == []  # a batcher keeps no loop alive


def test_drain_task_is_kept_while_it_runs_and_dropped_after(make_converter):
    conv = make_converter("return {deviceName: 'n' + payload.length};")

    async def main() -> tuple[bool, object, object]:
        call = asyncio.ensure_future(conv.run_async(b"abcd"))
        await asyncio.sleep(0)  # let submit() start the drain task
        running = isinstance(conv._batchers[asyncio.get_running_loop()].task, asyncio.Task)
        result = await call
        await asyncio.sleep(0)  # let the drain task finish
        return running, result.output, conv._batchers[asyncio.get_running_loop()].task

    assert asyncio.run(main()) == (True, {"deviceName": "n4"}, None)


# -- globals --------------------------------------------------------------------------------------
def test_decode_helpers_are_available(make_converter):
    conv = make_converter("return [decodeToString(payload), decodeToJson(payload)];")
    assert conv.test(b'{"a": [1, "\xc3\xa9"]}') == ['{"a": [1, "é"]}', {"a": [1, "é"]}]


def test_script_definition_of_helpers_wins(make_converter):
    conv = make_converter(
        "function decodeToString(p) { return 'mine:' + p.length; }\n"
        "var decodeToJson = function (p) { return {own: true}; };\n"
        "return [decodeToString(payload), decodeToJson(payload)];"
    )
    assert conv.test(b"abc") == ["mine:3", {"own": True}]


def test_atob_btoa_round_trip(make_converter):
    conv = make_converter(
        "var s = String.fromCharCode(0, 104, 233, 255);\n"
        "return [btoa('hello'), atob('aGVsbG8='), atob(btoa(s)) === s, btoa(s), atob(btoa(''))];"
    )
    assert conv.test(b"") == [
        "aGVsbG8=",
        "hello",
        True,
        base64.b64encode(bytes([0, 104, 233, 255])).decode(),
        "",
    ]


def test_btoa_outside_latin1_throws(make_converter):
    with pytest.raises(ConverterRuntimeError):
        make_converter("return btoa('€');").test(b"")


def test_modern_js_runs_with_es5_warnings(make_converter):
    src = (
        "const data = decodeToJson(payload);\n"
        "const pick = (k) => data?.[k];\n"
        "return {deviceName: pick('deviceName'), telemetry: {t: data?.t}};"
    )
    conv = make_converter(src)
    expected = [
        f"line 1: 'const' {TAIL}",
        f"line 2: 'const' {TAIL}",
        f"line 2: arrow function '=>' {TAIL}",
        f"line 2: optional chaining '?.' {TAIL}",
        f"line 3: optional chaining '?.' {TAIL}",
    ]
    assert conv.warnings == expected
    with pytest.warns(ConverterWarning) as record:
        out = conv.test(b'{"deviceName": "D", "t": 1}')
    assert out == {"deviceName": "D", "telemetry": {"t": 1}}
    assert [str(r.message) for r in record if r.category is ConverterWarning] == expected
    assert conv.run(b'{"deviceName": "D"}').warnings == expected


def test_es5_script_issues_no_warning(make_converter, seed_decoder):
    conv = make_converter(seed_decoder)
    assert conv.warnings == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conv.test(SEED_BODY)


def test_console_log_captured_and_printed(make_converter, capsys):
    conv = make_converter("console.log('got', payload.length);\nconsole.log({a: 1});\nreturn null;")
    run = conv.run(b"abc")
    assert run.logs == ["got 3", '{"a":1}']
    assert capsys.readouterr().out == ""
    assert conv.test(b"ab") is None
    assert capsys.readouterr().out == 'got 2\n{"a":1}\n'


def test_large_arguments_warning(make_converter):
    conv = make_converter("return null;")
    under = b"x" * 112_497  # base64 149,996 chars + "{}" = 149,998
    assert conv.run(under, {}).warnings == []
    over = b"x" * 112_500  # base64 150,000 chars + "{}" = 150,002
    assert conv.run(over, {}).warnings == [
        "script arguments are 150,002 characters: ThingsBoard rejects more than 150,000 for JS "
        "('Script input arguments exceed maximum allowed total args size')"
    ]


def test_large_arguments_count_metadata_as_compact_json(make_converter):
    # ThingsBoard passes the metadata as compact JSON: {"a":"b","c":"d","e":"f","g":"h"} is 33 chars
    conv = make_converter("return null;")
    meta = {"a": "b", "c": "d", "e": "f", "g": "h"}
    assert conv.run(b"x" * 112_473, meta).warnings == []  # 149,964 + 33 = 149,997
    assert conv.run(b"x" * 112_476, meta).warnings == [  # 149,968 + 33 = 150,001
        "script arguments are 150,001 characters: ThingsBoard rejects more than 150,000 for JS "
        "('Script input arguments exceed maximum allowed total args size')"
    ]


# -- ThingsBoard JSON ---------------------------------------------------------------------------
def _export(decoder: str) -> dict:
    return {
        "id": {"entityType": "CONVERTER", "id": "5a1f4a30-0000-0000-0000-000000000001"},
        "createdTime": 1735560000000,
        "name": "HTTP Uplink Converter",
        "type": "UPLINK",
        "integrationType": "HTTP",
        "converterVersion": 1,
        "debugMode": False,
        "debugSettings": {"failuresEnabled": True, "allEnabled": False, "allEnabledUntil": 1735560006385},
        "configuration": {
            "scriptLang": "JS",
            "decoder": decoder,
            "tbelDecoder": None,
            "encoder": None,
            "tbelEncoder": None,
            "updateOnlyKeys": ["fPort", "applicationName"],
        },
        "additionalInfo": {"description": "seed"},
        "edgeTemplate": False,
    }


def test_from_to_thingsboard_round_trip(track, seed_decoder):
    doc = _export(seed_decoder)
    conv = track(UplinkConverter.from_thingsboard(doc))
    assert (conv.name, conv.lang, conv.source, conv.update_only_keys) == (
        "HTTP Uplink Converter",
        "JS",
        seed_decoder,
        ["fPort", "applicationName"],
    )
    assert conv.debug == DebugSettings(failures_enabled=True, all_enabled=False, all_enabled_until=1735560006385)
    expected = dict(doc)
    del expected["debugMode"]  # deprecated in favour of debugSettings
    assert conv.to_thingsboard() == expected
    again = track(UplinkConverter.from_thingsboard(conv.to_thingsboard()))
    assert again.to_thingsboard() == expected
    assert again.decode(SEED_BODY)[0].name == "Sensor T1"


def test_new_converter_to_thingsboard(make_converter):
    conv = make_converter("return null;", name="Mine", update_only_keys=["k"])
    assert conv.to_thingsboard() == {
        "name": "Mine",
        "type": "UPLINK",
        "integrationType": "HTTP",
        "converterVersion": 1,
        "debugSettings": {"failuresEnabled": True, "allEnabled": True, "allEnabledUntil": 0},
        "configuration": {
            "scriptLang": "JS",
            "decoder": "return null;",
            "tbelDecoder": None,
            "encoder": None,
            "tbelEncoder": None,
            "updateOnlyKeys": ["k"],
        },
        "additionalInfo": {"description": ""},
        "edgeTemplate": False,
    }


def test_script_lang_defaults_to_js(track):
    conv = track(
        UplinkConverter.from_thingsboard({"name": "n", "type": "UPLINK", "configuration": {"decoder": "return 1;"}})
    )
    assert conv.lang == "JS"
    assert conv.test(b"") == 1


def test_from_file_path(track, tmp_path, seed_decoder):
    path = tmp_path / "converter.json"
    path.write_text(json.dumps(_export(seed_decoder)), "utf-8")
    for source in (path, str(path)):
        conv = track(UplinkConverter.from_thingsboard(source))
        assert conv.name == "HTTP Uplink Converter"
        assert conv.decode(SEED_BODY)[0].attributes == {"model": "test"}


def test_from_json_text(track, seed_decoder):
    conv = track(UplinkConverter.from_thingsboard(json.dumps(_export(seed_decoder))))
    assert conv.source == seed_decoder


def test_wrong_type_is_config_error(seed_decoder):
    doc = _export(seed_decoder)
    doc["type"] = "DOWNLINK"
    with pytest.raises(ConfigError):
        UplinkConverter.from_thingsboard(doc)


@pytest.mark.parametrize(
    "doc",
    [
        {"type": "UPLINK", "configuration": {}},
        {"type": "UPLINK", "configuration": {"scriptLang": "TBEL", "decoder": "return 1;"}},
    ],
)
def test_missing_script_is_config_error(doc):
    with pytest.raises(ConfigError):
        UplinkConverter.from_thingsboard(doc)


def test_missing_file_and_bad_json_are_config_errors(tmp_path):
    with pytest.raises(ConfigError):
        UplinkConverter.from_thingsboard(tmp_path / "nope.json")
    with pytest.raises(ConfigError):
        UplinkConverter.from_thingsboard("{not json")


def test_bad_lang_is_config_error():
    with pytest.raises(ConfigError):
        UplinkConverter("return 1;", lang="PYTHON")


def test_tbel_converter_loads(track):
    assert callable(tbel.compile_tbel)  # a broken TBEL import fails here, never skips
    decoder = (
        "var data = decodeToJson(payload);\n"
        "var result = {deviceName: data.deviceName, deviceType: data.deviceType,\n"
        "  attributes: {model: data.model}, telemetry: {temperature: data.temperature}};\n"
        "return result;"
    )
    doc = {
        "name": "TBEL uplink",
        "type": "UPLINK",
        "configuration": {"scriptLang": "TBEL", "decoder": None, "tbelDecoder": decoder},
    }
    conv = track(UplinkConverter.from_thingsboard(doc))
    assert conv.lang == "TBEL"
    assert conv.warnings == []
    assert conv.decode(SEED_BODY) == [
        ConvertedData(
            entity_type="DEVICE",
            name="Sensor T1",
            type="Temperature Sensor",
            attributes={"model": "test"},
            telemetry=[TelemetryRecord(ts=None, values={"temperature": 33})],
        )
    ]
    assert conv.to_thingsboard()["configuration"] == {
        "scriptLang": "TBEL",
        "decoder": None,
        "tbelDecoder": decoder,
        "encoder": None,
        "tbelEncoder": None,
        "updateOnlyKeys": [],
    }
