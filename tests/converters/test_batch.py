"""The batch decode path: chunks, limits inside a batch, per-item metadata, lazy results."""

from __future__ import annotations

import json

import pytest

from tbkit.converters.batch import CHUNK, DecodedBatch, decode_batch
from tbkit.errors import ConverterMemoryError, ConverterOutputError, ConverterRuntimeError, ConverterTimeoutError
from tbkit.models import ConvertedData, JsonText, TelemetryRecord

ECHO_N = "var d = decodeToJson(payload);\nreturn {deviceName: 'D' + d.n, telemetry: {n: d.n}};"


def bodies(n: int, **extra: object) -> list[bytes]:
    return [json.dumps({"n": i, **extra}).encode() for i in range(n)]


def test_decode_many_returns_a_lazy_sequence_equal_to_the_lists(make_converter):
    conv = make_converter(ECHO_N)
    out = conv.decode_many(bodies(3))
    assert isinstance(out, DecodedBatch)
    expected = [[ConvertedData("DEVICE", f"D{i}", telemetry=[TelemetryRecord(None, {"n": i})])] for i in range(3)]
    assert out == expected
    assert (len(out), out[-1], out[1:]) == (3, expected[-1], expected[1:])
    assert repr(out) == "<DecodedBatch of 3 uplinks, 0 failed>"


def test_more_items_than_a_chunk_keep_their_order(make_converter):
    conv = make_converter(ECHO_N)
    out = conv.decode_many(bodies(CHUNK + 5))
    assert [item[0].telemetry[0].values["n"] for item in out] == list(range(CHUNK + 5))


def test_a_runaway_in_a_batch_fails_alone_and_the_rest_is_kept(make_converter):
    conv = make_converter(
        "var d = decodeToJson(payload);\nif (d.spin) { while (true) {} }\nreturn {deviceName: 'D' + d.n};",
        timeout=0.2,
    )
    payloads = bodies(6)
    payloads[3] = b'{"n": 3, "spin": true}'
    batch = decode_batch(conv._script, payloads, [{}], raw=True)
    assert batch.failed() == [3]
    assert isinstance(batch.error(3), ConverterTimeoutError)
    assert [batch[i][0].name for i in (0, 1, 2, 4, 5)] == ["D0", "D1", "D2", "D4", "D5"]
    assert [batch.output(i) for i in range(6)] == [{"deviceName": f"D{i}"} if i != 3 else None for i in range(6)]
    with pytest.raises(ConverterTimeoutError):
        conv.decode_many(payloads)


def test_a_memory_bomb_in_a_batch_fails_alone(make_converter):
    conv = make_converter(
        "var d = decodeToJson(payload);\n"
        "if (d.bomb) { var a = []; while (true) { a.push(new Array(1000000).fill(1.5)); } }\n"
        "return {deviceName: 'D' + d.n};",
        max_memory=32 << 20,
        timeout=5,
    )
    payloads = bodies(4)
    payloads[1] = b'{"n": 1, "bomb": true}'
    batch = decode_batch(conv._script, payloads, [{}])
    assert batch.failed() == [1]
    assert isinstance(batch.error(1), ConverterMemoryError)
    assert [batch[i][0].name for i in (0, 2, 3)] == ["D0", "D2", "D3"]


def test_each_item_gets_its_own_metadata_and_a_fresh_copy(make_converter):
    conv = make_converter(
        "metadata.seen = (metadata.seen || '') + 'x';\nreturn {deviceName: metadata.who + metadata.seen};"
    )
    batch = decode_batch(conv._script, [b"", b"", b""], [{"who": "a"}, {"who": "b"}], [1, 0, 1])
    assert [batch[i][0].name for i in range(3)] == ["bx", "ax", "bx"]


def test_errors_come_back_in_order_with_their_kind(make_converter):
    conv = make_converter(
        "var d = decodeToJson(payload);\n"
        "if (d.n === 1) throw new Error('boom');\n"
        "if (d.n === 2) return {telemetry: {}};\n"
        "return {deviceName: 'D'};"
    )
    batch = decode_batch(conv._script, bodies(4), [{}])
    assert batch.failed() == [1, 2]
    runtime, output = batch.error(1), batch.error(2)
    assert isinstance(runtime, ConverterRuntimeError) and runtime.line == 2
    assert isinstance(output, ConverterOutputError) and output.status == 400
    assert batch.first_error() is batch.error(1)
    with pytest.raises(ConverterRuntimeError, match="boom"):
        conv.decode_many(bodies(4))


def test_floats_stay_floats_and_nested_values_are_json_text(make_converter):
    conv = make_converter(
        "return {deviceName: 'D', telemetry: {t: 28.5, i: 28, d: JSON.rawJSON('28.0'), s: '28.0', o: {a: [1.5]}}};"
    )
    (data,) = conv.decode_many([b""])[0]
    values = data.telemetry[0].values
    assert values == {"t": 28.5, "i": 28, "d": 28.0, "s": 28.0, "o": '{"a":[1.5]}'}
    assert [type(values[k]) for k in "tidso"] == [float, int, float, float, JsonText]


def test_texts_are_equal_exactly_when_outputs_are(make_converter):
    conv = make_converter("var d = decodeToJson(payload);\nreturn {deviceName: 'D', telemetry: {t: d.t}};")
    batch = decode_batch(conv._script, [b'{"t": 1}', b'{"t": "1"}', b'{"t": 1.5}', b'{"t": "x"}'], [{}])
    assert batch.text(0) == batch.text(1)  # "1" is cast to the number 1
    assert len({batch.text(0), batch.text(2), batch.text(3)}) == 3


def test_tbel_payload_is_raw_bytes(make_converter):
    conv = make_converter("return payload;")
    batch = decode_batch(conv._script, ["é".encode()], [{}], utf8=False, raw=True)
    assert batch.output(0) == [195, 169]


def test_str_payloads_are_their_utf8_bytes(make_converter):
    conv = make_converter("return {deviceName: decodeToString(payload)};")
    assert [d[0].name for d in conv.decode_many(["é", b"x"])] == ["é", "x"]


def test_raw_outputs_need_raw_true(make_converter):
    conv = make_converter("return 1;")
    batch = decode_batch(conv._script, [b""], [{}])
    with pytest.raises(ValueError, match="without raw outputs"):
        batch.output(0)


def test_threads_decoding_on_one_converter_get_their_own_results(make_converter):
    import threading

    conv = make_converter(ECHO_N)
    results: dict[int, list[int]] = {}

    def work(k: int) -> None:
        out = conv.decode_many([json.dumps({"n": k * 1000 + i}).encode() for i in range(300)])
        results[k] = [item[0].telemetry[0].values["n"] for item in out]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == {k: [k * 1000 + i for i in range(300)] for k in range(4)}


def test_tbel_doubles_stay_floats_on_the_batch_path(make_converter):
    conv = make_converter("return {deviceName: 'D', telemetry: {d: 28.0, l: 28L, f: 21.5, z: -0.0}};", lang="TBEL")
    values = conv.decode_many([b"", b""])[1][0].telemetry[0].values
    assert values == {"d": 28.0, "l": 28, "f": 21.5, "z": -0.0}
    assert [type(values[k]) for k in "dlfz"] == [float, int, float, float]
