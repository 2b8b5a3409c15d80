"""The V8 batch path (batch_*.js) and the Python path (payload_text + tbkit.normalise) agree.

The same decoder outputs go through both: the Python path is the per-call V8 API
(``V8Script.call_many``, one call per payload) followed by :func:`tbkit.normalise.normalise`; the V8 path is
:func:`tbkit.converters.batch.decode_batch`. Entities must be equal with the same Python types
everywhere (``1`` is not ``1.0``, ``True`` is not ``1``), and bad outputs must fail with the same
error class, message and status.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tbkit.converters import UplinkConverter
from tbkit.converters.batch import decode_batch
from tbkit.converters.runtime import CallResult
from tbkit.converters.uplink import payload_text
from tbkit.errors import ConverterError, ConverterOutputError
from tbkit.models import ConvertedData
from tbkit.normalise import normalise

EXAMPLES = int(os.environ.get("TBKIT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# returns the JSON value the payload holds; the second one keeps every number's source text
# (JSON.rawJSON), as a TBEL double 28.0 reaches JSON.stringify
PLAIN = "return JSON.parse(decodeToString(payload));"
SOURCE_KEPT = (
    "return JSON.parse(decodeToString(payload), function (k, v, c) {\n"
    "  return typeof v === 'number' ? JSON.rawJSON(c.source) : v;\n"
    "});"
)
# turns marker strings into values JSON.stringify transforms or drops
EXOTIC = """
function exotic(v) {
  if (typeof v === 'string') {
    switch (v) {
      case '$undef': return undefined;
      case '$nan': return NaN;
      case '$inf': return -Infinity;
      case '$negzero': return -0;
      case '$date': return new Date(0);
      case '$fn': return function () {};
      case '$sym': return Symbol('s');
      case '$box': return new String('5');
      case '$raw': return JSON.rawJSON('28.0');
      case '$hole': var a = [1]; a[2] = 3; return a;
      case '$nullproto': var o = Object.create(null); o.deviceName = 'N'; return o;
      case '$tojson': return {toJSON: function (key) { return key === 'deviceName' ? 'j:' + key : '42'; }};
      case '$hidden': var h = {deviceName: 'H'}; Object.defineProperty(h, 'deviceType', {value: 'T'}); return h;
      case '$bigint': return 10n;
      case '$cycle': var c = {deviceName: 'C'}; c.self = [c]; return c;
    }
    return v;
  }
  if (Array.isArray(v)) return v.map(exotic);
  if (v && typeof v === 'object') { var out = {}; for (var k in v) out[k] = exotic(v[k]); return out; }
  return v;
}
return exotic(JSON.parse(decodeToString(payload)));
"""
MARKERS = st.sampled_from(
    [
        "$undef",
        "$nan",
        "$inf",
        "$negzero",
        "$date",
        "$fn",
        "$sym",
        "$box",
        "$raw",
        "$hole",
        "$nullproto",
        "$tojson",
        "$hidden",
        "$bigint",
        "$cycle",
    ]
)

NUMERIC_TEXT = st.one_of(
    st.from_regex(r"-?[0-9]{1,22}(\.[0-9]{0,4})?", fullmatch=True),
    st.from_regex(r"-?[0-9]{0,3}\.[0-9]{1,20}", fullmatch=True),
    st.sampled_from(
        [
            "42",
            "-42",
            "007",
            "-0",
            "0.0",
            "-0.0",
            "1.",
            ".5",
            "-.5",
            "1e5",
            "1E5",
            " 4",
            "4 ",
            "+4",
            "",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "1" * 400 + ".5",
            "-" + "9" * 400 + ".0",
            "١٢",
            "-١٢.٥",
            "٤",
            "1_000",
            "0x10",
            "Infinity",
            "NaN",
            "12345678901234567890123",
            "0.1e-5",
            "1.7976931348623157e309",
        ]
    ),
)
TEXT = st.one_of(
    st.text(max_size=12), NUMERIC_TEXT, MARKERS, st.sampled_from(["\ud800", "a\udfffb", "😀", "é\u2028", '"\\\n\t\x00'])
)
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e21, 1e-7, 1.5e-5, 0.0001, 1e16, 1e15 + 0.5, 2.0**53, 2**63, -(2**63), 2**63 - 1]),
)
LEAVES = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
VALUES = st.recursive(
    LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8
)
TS = st.one_of(NUMBERS, NUMERIC_TEXT, st.sampled_from([None, True, [1], {"a": 1}, "soon", "1e400", " 12", "1.5e3"]))
RECORD = st.one_of(
    st.dictionaries(TEXT, VALUES, max_size=3),
    st.fixed_dictionaries({"ts": TS, "values": VALUES | st.dictionaries(TEXT, VALUES, max_size=3)}),
    VALUES,
)
NAMES = st.one_of(st.text(max_size=8), NUMBERS, st.none(), st.booleans(), st.sampled_from(["", "0", [1], {}]))
ENTITY = st.fixed_dictionaries(
    {},
    optional={
        "deviceName": NAMES,
        "deviceType": NAMES,
        "deviceLabel": NAMES,
        "assetName": NAMES,
        "assetType": NAMES,
        "assetLabel": NAMES,
        "customerName": NAMES,
        "groupName": NAMES,
        "attributes": st.dictionaries(TEXT, VALUES, max_size=4) | VALUES,
        "telemetry": RECORD | st.lists(RECORD, max_size=3),
        "profile": VALUES,
        "\u00e9\ud83d\ude00": VALUES,
    },
)
# mostly well-formed entities, so that values and timestamps get normalised, not just refused
GOOD_ENTITY = st.fixed_dictionaries(
    {"deviceName": st.text(min_size=1, max_size=6) | NUMBERS},
    optional={
        "deviceType": NAMES,
        "attributes": st.dictionaries(TEXT, LEAVES, max_size=5),
        "telemetry": st.dictionaries(TEXT, VALUES, max_size=4)
        | st.lists(st.fixed_dictionaries({"ts": TS, "values": st.dictionaries(TEXT, LEAVES, max_size=3)}), max_size=3),
    },
)
OUTPUTS = st.one_of(GOOD_ENTITY, GOOD_ENTITY, ENTITY, st.lists(GOOD_ENTITY | ENTITY | LEAVES, max_size=3), VALUES)


def typed(value: Any) -> Any:
    """``value`` with every leaf tagged by its exact Python type, so 1 and 1.0 and True differ."""
    if isinstance(value, ConvertedData):
        return ("entity", typed(value.__dict__))
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [typed(v) for v in value]
    if hasattr(value, "__dict__"):
        return (type(value).__name__, typed(value.__dict__))
    return (type(value).__name__, repr(value))


def python_path(conv: UplinkConverter, payloads: list[bytes]) -> list[list[ConvertedData] | ConverterError]:
    calls = conv._script.call_many([([ord(c) for c in payload_text(p, conv.lang)], {}) for p in payloads])
    return [_normalised(r) for r in calls]


def _normalised(result: CallResult) -> list[ConvertedData] | ConverterError:
    if result.error is not None:
        return result.error
    try:
        return normalise(result.output)
    except ConverterOutputError as exc:
        return exc


def assert_same(conv: UplinkConverter, payloads: list[bytes]) -> None:
    with_raw = decode_batch(conv._script, payloads, [{}], raw=True)
    without = decode_batch(conv._script, payloads, [{}])  # normalised without a JSON text where it can
    for i, expected in enumerate(python_path(conv, payloads)):
        for got in (with_raw.outcome(i), without.outcome(i)):
            _assert_outcome(payloads[i], got, expected)


def _assert_outcome(payload: bytes, got: object, expected: object) -> None:
    if isinstance(expected, ConverterError):
        assert isinstance(got, ConverterError), (payload, got)
        assert (type(got), got.message, getattr(got, "status", None), got.line) == (
            type(expected),
            expected.message,
            getattr(expected, "status", None),
            expected.line,
        )
    else:
        assert not isinstance(got, ConverterError), (payload, got)
        assert typed(got) == typed(expected), payload


@pytest.fixture(scope="module")
def converters() -> Iterator[dict[str, UplinkConverter]]:
    # generous limits: this test compares outputs, and a loaded machine must not turn one into a timeout
    made = {
        name: UplinkConverter(source, timeout=60)
        for name, source in (("plain", PLAIN), ("source", SOURCE_KEPT), ("exotic", EXOTIC))
    }
    yield made
    for conv in made.values():
        conv.close()


def _body(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")


@SETTINGS
@given(outputs=st.lists(OUTPUTS, min_size=1, max_size=6))
@example(outputs=[{"deviceName": "D", "telemetry": {"t": 28.0, "u": 1e21, "v": 12345678901234567890}}])
@example(outputs=[{"deviceName": "D", "telemetry": {"ts": "1.5e3", "values": {"t": "-0.0", "u": "1" * 400 + ".5"}}}])
@example(outputs=[[{"deviceName": "D"}, 3], {"assetName": "A"}, {"deviceName": None}, {}])
@example(
    outputs=[  # one case per output: an item that needs Python is normalised whole by Python
        {"deviceName": 1e-05, "attributes": {"c": "5.0", "d": "007", "e": 2**63, "f": "-0.0", "g": "1" * 30}},
        {"deviceName": "D", "attributes": {"a": "١٢"}},
        {"deviceName": "D", "attributes": {"b": "-١٢.٥"}},
        {"deviceName": "D", "telemetry": [{"ts": 1e21, "values": {"t": 1}}, {"ts": "1e22", "values": {"t": 2}}]},
        {"deviceName": "D", "telemetry": {"ts": 1.5, "values": {"t": [1.0, {"x": 1e16}]}}},
        {"deviceName": "D", "attributes": 'a\nb"\\\x01\t' + "é" * 60},
        {"deviceName": "D", "attributes": [0.0001, 1e-05, 1e16, 123456789.125, -2.5e-300, True, None]},
        {"deviceName": "$undef", "assetName": "A", "assetType": "$nan"},
        {
            "deviceName": "D",
            "deviceType": "$box",
            "attributes": {"a": "$date", "b": "$undef", "c": "$nan", "d": "$raw"},
        },
        {"deviceName": "D", "telemetry": [{"ts": "$negzero", "values": {"x": ["$hole", "$fn", {"y": "$tojson"}]}}]},
        {"deviceName": "D", "attributes": {"n": "$tojson"}},
        ["$nullproto", "$hidden", {"deviceName": "$tojson"}, "$undef"],
        "$tojson",
        "$hidden",
        "$cycle",
        {"deviceName": "D", "attributes": {"b": "$bigint"}},
        {"deviceName": "D", "telemetry": {"n": {"deep": ["$bigint"]}}},
        {"deviceName": "D", "telemetry": [{"ts": 1, "values": {"t": 1}, "extra": "$bigint"}]},
    ]
)
def test_v8_and_python_normalise_alike(converters: dict[str, UplinkConverter], outputs: list[Any]) -> None:
    payloads = [_body(o) for o in outputs]
    for conv in converters.values():
        assert_same(conv, payloads)


@SETTINGS
@given(
    payloads=st.lists(
        st.binary(max_size=24) | st.text(max_size=8).map(lambda t: t.encode("utf-8")), min_size=1, max_size=8
    )
)
@example(
    payloads=[
        b"\xef\xbb\xbfab",
        b"\xef\xbf\xbd",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\xe0\x80\xaf",
        b"\xc3",
        b"\xf0\x9f\x98\x80",
        b"\xc0\xaf",
        b"\xff",
        "é€".encode(),
    ]
)
def test_v8_and_python_build_the_same_payload_array(payloads: list[bytes]) -> None:
    with UplinkConverter("return payload;", timeout=60) as conv:
        batch = decode_batch(conv._script, payloads, [{}], raw=True)
        assert [batch.output(i) for i in range(len(payloads))] == [_units(payload_text(p, "JS")) for p in payloads]


def _units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


# bodies for both payload builders in batch_payload.js: ASCII bodies are copied in the pass that checks
# them, and the first byte >= 0x80 hands the body to the strict UTF-8 decoder
EDGE_BODIES = [
    b"",
    b"{}",
    bytes(range(0x80)),
    b"abc\x80",
    b"abc\xc3\xa9",
    b"\xc3\xa9abc",
    "😀 é € ok".encode(),
    b"\xef\xbb\xbf{}",
    b"\xef\xbb\xbf",
    b"a\xf0\x9f\x98",
    b"\x7f\xff",
    b"plain " * 40 + b"\xe2\x82\xac",
    b"\xed\xb0\x80",
    b"long " * 14_000 + "é".encode(),  # a length past 2 bytes
]


def test_payload_arrays_of_ascii_and_wider_bodies_in_one_batch() -> None:
    with UplinkConverter("return payload;", timeout=60) as conv:
        js = decode_batch(conv._script, EDGE_BODIES, [{}], raw=True)
        tbel = decode_batch(conv._script, EDGE_BODIES, [{}], utf8=False, raw=True)
        assert [js.output(i) for i in range(len(EDGE_BODIES))] == [_units(payload_text(p, "JS")) for p in EDGE_BODIES]
        assert [tbel.output(i) for i in range(len(EDGE_BODIES))] == [list(p) for p in EDGE_BODIES]


def test_metadata_indexes_cross_with_the_bodies() -> None:
    with UplinkConverter("return [payload.length, metadata.k];", timeout=60) as conv:
        metas = [{"k": str(i)} for i in range(70_000)]  # indexes past 2 bytes too
        which = [69_999, 0, 1, 256, 65_537, 2, 1, 0, 300, 2, 1, 0, 65_536, 7]
        batch = decode_batch(conv._script, EDGE_BODIES, metas, which, raw=True)
        assert [batch.output(i) for i in range(len(EDGE_BODIES))] == [
            [len(_units(payload_text(p, "JS"))), metas[w]["k"]] for p, w in zip(EDGE_BODIES, which, strict=True)
        ]


# An enumerable property on Object.prototype makes for-in visit inherited keys: batch_normalise.js then
# reads entities and values by Object.keys instead. Each call sets or removes such properties.
POLLUTING = """
var d = JSON.parse(decodeToString(payload));
if (d.pollute) { Object.prototype.deviceLabel = 'inherited'; Object.prototype.t = '5'; }
else { delete Object.prototype.deviceLabel; delete Object.prototype.t; }
return d.out;
"""
POLLUTED_OUTPUTS = [
    {"deviceName": "D", "attributes": {"a": 1, "n": {"x": [1, 2]}}, "telemetry": {"t": 28.0, "big": 2**62 + 1}},
    {"deviceName": "D", "attributes": {}, "telemetry": {}},
    {"deviceName": "D", "telemetry": [{"ts": 1, "values": {"s": "12.50"}}, {"ts": 2, "values": {}}, {"u": "007"}]},
    [{"deviceName": "A", "deviceType": "T"}, {"assetName": "B", "attributes": {"k": "-0.0"}}],
    {"deviceName": "D", "extra": 1},
    {"deviceLabel": "only a label"},
]


@pytest.fixture(scope="module")
def polluting() -> Iterator[UplinkConverter]:
    with UplinkConverter(POLLUTING, timeout=60) as conv:
        yield conv


@pytest.mark.parametrize("pollute", [False, True])
def test_enumerable_properties_on_object_prototype_change_no_output(polluting: UplinkConverter, pollute: bool) -> None:
    assert_same(polluting, [_body({"pollute": pollute, "out": o}) for o in POLLUTED_OUTPUTS])


@SETTINGS
@given(items=st.lists(st.tuples(st.booleans(), OUTPUTS), min_size=1, max_size=6))
def test_v8_and_python_normalise_alike_with_object_prototype_changing(
    polluting: UplinkConverter, items: list[tuple[bool, Any]]
) -> None:
    assert_same(polluting, [_body({"pollute": pollute, "out": out}) for pollute, out in items])
