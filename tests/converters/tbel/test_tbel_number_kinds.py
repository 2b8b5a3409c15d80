"""Java number kinds end to end: TBEL doubles stay floats and longs stay exact, from V8 to the store."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from py_mini_racer import MiniRacer

import tbkit
from tbkit.converters import UplinkConverter
from tbkit.converters.tbel.javafmt import java_double
from tbkit.integration import Integration
from tbkit.models import JsonValue, Request
from tbkit.store import Store
from tbkit.store.values import DOUBLE, LONG

# (TBEL expression, value ThingsBoard's converter output holds); compared with their Python types
KINDS = {
    "double_literal": ("28.0", 28.0),
    "sqrt": ("Math.sqrt(4)", 2.0),
    "parse_double": ('parseDouble("28")', 28.0),
    "int_div_int": ("280 / 10", 28.0),
    "float_literal": ("2.0f", 2.0),
    "double_cast": ("(double) 5", 5.0),
    "negative_zero": ("-0.0", -0.0),
    "large_double": ("1.0E10", 1e10),
    "fraction": ("21.5", 21.5),
    "int": ("28", 28),
    "long": ("28L", 28),
    "long_max": ("Long.MAX_VALUE", 9223372036854775807),
    "long_min": ("Long.MIN_VALUE", -9223372036854775808),
    "long_beyond_2_53": ("9007199254740993L", 9007199254740993),
    "parse_long_max": ('parseLong("9223372036854775807")', 9223372036854775807),
    "long_plus_long": ("9007199254740992L + 1L", 9007199254740993),
    "long_max_plus_long": ("Long.MAX_VALUE + 1L", 9223372036854775807),  # MVEL: long (a static field) + Long via double
    "long_wraps": ("9223372036854775807L + 1L", -9223372036854775808),
    "long_times_wraps": ("3037000500L * 3037000500L", -9223372036709301616),
    "long_rem": ("-9223372036854775807L % 10L", -7),
    "int_plus_long_is_double_math": ("Long.MAX_VALUE + 1", 9223372036854775807),  # MVEL: via double
    "long_shift": ("1L << 62", 4611686018427387904),
    "long_not": ("Long.MAX_VALUE ^ -1L", -9223372036854775808),  # `~` takes only an Integer
    "long_from_json": ('decodeToJson("{\\"a\\": 9007199254740993}").a', 9007199254740993),
    "negative_long_to_int_low_bits": ("(int) (-4294967297L)", -1),
    "long_to_byte_low_bits": ("(byte) 4294967297L", 1),
    "negative_long_to_short_low_bits": ("(short) (-4295032831L)", 1),
    "double_to_byte_saturates_first": ("(byte) 1e10", -1),
    "int_times_int_promotes_exactly": ("2147483647 * 2147483647", 4611686014132420609),
    "int_times_int_negative": ("-2147483648 * 2147483647", -4611686016279904256),
}


def _same(got: Any, want: Any) -> bool:
    return type(got) is type(want) and json.dumps(got) == json.dumps(want)


def obj(value: JsonValue) -> dict[str, Any]:
    """A converter output that must be a JSON object."""
    assert isinstance(value, dict), value
    return value


@pytest.fixture(scope="module")
def kinds_output() -> dict[str, Any]:
    body = ", ".join(f"{name}: {expr}" for name, (expr, _) in KINDS.items())
    with UplinkConverter(f"return {{{body}}};", lang="TBEL") as conv:
        return obj(conv.run(b"").output)


@pytest.mark.parametrize("name", list(KINDS))
def test_converter_output_keeps_java_number_kinds(kinds_output: dict[str, Any], name: str) -> None:
    want = KINDS[name][1]
    assert _same(kinds_output[name], want), (kinds_output[name], want)


@pytest.mark.parametrize(
    "expr,want",
    [
        ("9223372036854775807L > 9223372036854775806L", True),
        ("9223372036854775807L == 9223372036854775806L", False),
        ("Long.MAX_VALUE == 9223372036854775806L", True),  # a long field and a Long literal compare as doubles
        ("Long.MAX_VALUE == 9223372036854775807L", True),
        ('"" + Long.MAX_VALUE', "9223372036854775807"),
        ("Long.toHexString(-1L)", "ffffffffffffffff"),
        ("Long.toString(Long.MIN_VALUE, 16)", "-8000000000000000"),
        ("Long.toBinaryString(Long.MIN_VALUE)", "1" + "0" * 63),
        ('Long.valueOf("-9223372036854775808")', -9223372036854775808),
        ("longToHex(Long.MAX_VALUE)", "7FFFFFFFFFFFFFFF"),
        ("longToHex(Long.MIN_VALUE, true, true)", "0x8000000000000000"),
        ("intLongToRadixString(Long.MIN_VALUE, 16)", "8000000000000000"),
        ("intLongToRadixString(Long.MAX_VALUE, 2)", "0" + "1" * 63),  # padded to 64 digits
        ('parseHexToLong("0x7FFFFFFFFFFFFFFF")', 9223372036854775807),
        ('parseLittleEndianHexToLong("FFFFFFFFFFFFFF7F")', 9223372036854775807),
        ("parseBytesToLong([0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])", 9223372036854775807),
        ("JSON.stringify({a: 9007199254740993L, b: 28.0})", '{"a":9007199254740993,"b":28.0}'),
        ("Math.max(9007199254740993L, 1L)", 9007199254740993),
        ("Math.min(-9007199254740993L, 1L)", -9007199254740993),
        ("Math.abs(-9007199254740993L)", 9007199254740993),
        ("Math.abs(Long.MIN_VALUE)", -9223372036854775808),  # Java overflows too
        ("Long.bitCount(-1L)", 64),
        ("Long.numberOfLeadingZeros(1L)", 63),
        ("Long.numberOfTrailingZeros(Long.MIN_VALUE)", 63),
        ("Long.reverseBytes(0x0102030405060708L)", 0x0807060504030201),
        ("Long.toUnsignedString(-1L)", "18446744073709551615"),
        ('Long.parseUnsignedLong("18446744073709551615")', -1),
        ("Long.compare(Long.MAX_VALUE, 9223372036854775806L)", 1),
        ("Long.signum(Long.MIN_VALUE)", -1),
        ("Long.toOctalString(-1L)", "1777777777777777777777"),
    ],
)
def test_longs_are_exact_in_helpers(expr: str, want: Any) -> None:
    with UplinkConverter(f"return {{v: {expr}}};", lang="TBEL") as conv:
        got = obj(conv.run(b"").output)["v"]
    assert _same(got, want), (got, want)


@pytest.mark.parametrize(
    "expr,message",
    [
        ('parseLong("9223372036854775808")', 'For input string: "9223372036854775808"'),
        ('Long.parseLong("-9223372036854775809")', 'For input string: "-9223372036854775809"'),
        ('parseInt("2147483648")', 'For input string: "2147483648"'),
    ],
)
def test_out_of_range_longs_raise(expr: str, message: str) -> None:
    with UplinkConverter(f"return {{v: {expr}}};", lang="TBEL") as conv:
        run = conv.run(b"")
    assert run.error is not None and message in str(run.error)


TELEMETRY = "return {deviceName: 'D1', telemetry: {t: 28.0, n: 28, big: 9007199254740993L, s: Math.sqrt(4)}};"


def test_test_run_and_decode_return_floats() -> None:
    with UplinkConverter(TELEMETRY, lang="TBEL") as conv:
        out = obj(conv.test(b""))
        values = conv.decode(b"")[0].telemetry[0].values
        run_values = obj(conv.run(b"").output)["telemetry"]
    want = {"t": 28.0, "n": 28, "big": 9007199254740993, "s": 2.0}
    for got in (out["telemetry"], values, run_values):
        assert got == want
        assert {k: type(v) for k, v in got.items()} == {"t": float, "n": int, "big": int, "s": float}


def test_js_integral_numbers_stay_ints() -> None:
    with UplinkConverter("return {deviceName: 'D1', telemetry: {t: 28.0}};") as conv:
        assert type(obj(obj(conv.test(b""))["telemetry"])["t"]) is int  # ThingsBoard's JS: LONG


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    path = str(tmp_path / "kinds.db")
    store = Store(path)
    try:
        with UplinkConverter(TELEMETRY, lang="TBEL") as conv:
            Integration(store, "HTTP integration", conv).process(Request(b"{}", "application/json"))
    finally:
        store.close()
    yield path


def test_store_keeps_doubles_and_exact_longs(db: str) -> None:
    store = Store(db)
    try:
        rows = store.read(
            "SELECT k.key, t.kind, t.value FROM telemetry t JOIN keys k ON k.id = t.key_id ORDER BY k.key"
        )
    finally:
        store.close()
    assert rows == [("big", LONG, 9007199254740993), ("n", LONG, 28), ("s", DOUBLE, 2.0), ("t", DOUBLE, 28.0)]
    assert [type(v) for _, _, v in rows] == [int, int, float, float]


def test_frames_read_doubles_back_as_floats(db: str) -> None:
    with tbkit.open(db) as handle:
        doubles = handle.telemetry(keys=["t", "s"])["value"].tolist()
        longs = handle.telemetry(keys="big")["value"].tolist()
    assert (doubles, [type(v) for v in doubles]) == ([2.0, 28.0], [float, float])
    assert (longs, [type(v) for v in longs]) == ([9007199254740993], [int])


# Double.toString as Java 17 prints these doubles (run on the JVM: Double.toString(Double.longBitsToDouble(bits))).
# Java 17 is not shortest for subnormals, powers of two and, from 1e20 up, digits on the rounding boundary
# (JDK-4511638); the runtime takes V8's shortest digits only for the other normal doubles below 1e16.
JAVA_DOUBLE_TEXT = {
    0x0000000000000001: "4.9E-324",
    0x000000000000000E: "6.9E-323",
    0x0000000000000800: "1.0118E-320",
    0x000FFFFFFFFFFFFF: "2.225073858507201E-308",
    0x0010000000000000: "2.2250738585072014E-308",
    0x3A10000000000000: "5.0487097934144756E-29",
    0x3D30000000000000: "5.6843418860808015E-14",
    0x3E70000000000000: "5.9604644775390625E-8",
    0x3EE4F8B588E368F1: "1.0E-5",
    0x3F12599ED7C6FBD2: "7.0E-5",
    0x3EF2C539BB799C86: "1.790086E-5",
    0x3F60624DD2F1A9FC: "0.002",
    0x4340000000000000: "9.007199254740992E15",
    0x4341C37937E08000: "1.0E16",
    0x43A557662AC3907E: "7.6890506581299994E17",
    0x447C7E83209E90B2: "8.409999999999999E21",
    0x448033B94CFE0CE0: "9.564000000000001E21",
    0x44B52D02C7E14AF6: "9.999999999999999E22",
    0x44C52D02C7E14AF6: "1.9999999999999998E23",
    0x45300C520A43F0AF: "1.9400994884341944E25",
    0x7BE0000000000000: "4.8726570056999995E288",
    0x01AA74FE1C1E8908: "1.2345678901234568E-300",
    0x8000000000000001: "-4.9E-324",
}


@pytest.mark.parametrize("bits", sorted(JAVA_DOUBLE_TEXT))
def test_double_text_is_java_17s(v8: MiniRacer, bits: int) -> None:
    x = struct.unpack(">d", bits.to_bytes(8, "big"))[0]
    want = JAVA_DOUBLE_TEXT[bits]
    assert java_double(x) == want
    assert v8.eval(f"__tbel.fmtDouble({x!r})") == want
