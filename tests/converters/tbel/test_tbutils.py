"""ThingsBoard's TbUtilsTest, ported: each assertion is a TBEL script run by a TBEL uplink converter.

Inputs and expected values are the facts of ``TbUtilsTest.java`` (thingsboard/thingsboard,
common/script/script-api). A case is ``(script, expected)``: the script's ``v`` result must equal
``expected`` with its JSON type (a Java double/float is a Python float, an int/long an int), or
``(script, Raises(...))``: running it fails with that Java exception (and message text, where the
Java test checks it). Scripts that are a bare expression are wrapped as ``return {v: <expr>};``.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

import pytest

from tbkit.converters import UplinkConverter

__all__ = ["Raises", "check_case"]


@dataclass(frozen=True)
class Raises:
    """The script fails with a Java exception named ``error`` (or a subclass) and ``text`` in its message."""

    error: str
    text: str = ""


@dataclass(frozen=True)
class F32:
    """A Java float: equal when the result is the same 32-bit float (the Java test compares floats)."""

    value: float


# Java exception classes and the subclasses ThingsBoard may throw in their place
_SUBCLASSES = {"IllegalArgumentException": ("IllegalArgumentException", "NumberFormatException")}
MISSING = object()


def _script(src: str) -> str:
    return src if "return" in src else f"return {{v: {src}}};"


def _same(got: Any, want: Any) -> bool:
    """JSON equality with types: 28.0 is not 28, true is not 1."""
    if isinstance(want, F32):
        return type(got) is float and struct.pack(">f", got) == struct.pack(">f", want.value)
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(_same(got[k], v) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(_same, got, want))
    return type(got) is type(want) and got == want


def check_case(src: str, expected: Any) -> None:
    """Run one case through ``UplinkConverter(..., lang="TBEL")`` and assert its outcome."""
    with UplinkConverter(_script(src), lang="TBEL") as conv:
        run = conv.run(b"")
    if isinstance(expected, Raises):
        assert run.error is not None, f"no error; output {run.output!r}"
        message = str(run.error)
        names = _SUBCLASSES.get(expected.error, (expected.error,))
        assert any(name in message for name in names), message
        assert expected.text in message, message
        return
    assert run.error is None or run.output is not None, run.error
    got = run.output.get("v", MISSING) if isinstance(run.output, dict) else run.output
    if expected is None:
        assert got is MISSING  # a null value: ThingsBoard drops the key
    else:
        assert _same(got, expected), f"got {json.dumps(got)}, expected {json.dumps(expected)}"


LONG_VAL = 0x409B04B10CB295EA
LONG_VAL_HEX, LONG_VAL_HEX_REV = "409B04B10CB295EA", "EA95B20CB1049B40"
LONG_VAL_REV = struct.unpack(">q", bytes.fromhex(LONG_VAL_HEX_REV))[0]
DOUBLE_VAL, DOUBLE_VAL_REV = 1729.1729, -2.7208640774822924e205
FLOAT_VAL, FLOAT_VAL_REV = F32(29.29824), F32(-5.948442e7)  # Java floats, printed as Java prints them
AABBCCDD = 0xAABBCCDD - 2**32
NFE, IAE = Raises("NumberFormatException"), Raises("IllegalArgumentException")
BIN_M102 = "1" * 57 + "0011010"
BIN_M13158 = "1" * 50 + "00110010011010"
AT101 = 'hexToBytes("0x01756403671B01048836BF7701F000090722050000")'
PALAC = 'hexToBytes("0x32D009423F23B300B0106E08D96B6C00")'
NAN_MSG = "is a Not-a-Number (NaN) value"
BYTE_MSG = (
    "could not be correctly converted to a byte. Integer to byte conversion "
    "requires the use of only 8 bits (with a range of min/max = -128/255)!"
)
MAP_SRC = (
    "var m = {name: 'Alice', age: 30,"
    " devices: [{id: 'dev001', type: 'sensor'}, {id: 'dev002', type: 'actuator'}],"
    " settings: {notifications: true, timezone: 'UTC-5',"
    " params: {param1: 'value1', param2: 'value2', param3: {subParam1: 'value1', subParam2: 'value2'}}}};\n"
)
TWO_DOUBLES = "[0x7F, 0xC0, 0xFF, 0x00, 0x7F, 0xC0, 0xFF, 0x00]"

CASES: dict[str, tuple[str, Any]] = {
    # parseHexToInt
    "parseHexToInt/AB": ('parseHexToInt("AB")', 0xAB),
    "parseHexToInt/ABBA_be": ('parseHexToInt("ABBA", true)', 0xABBA),
    "parseHexToInt/ABBA_le": ('parseHexToInt("ABBA", false)', 0xBAAB),
    "parseHexToInt/AABBCC_be": ('parseHexToInt("AABBCC", true)', 0xAABBCC),
    "parseHexToInt/CCBBAA_le": ('parseHexToInt("CCBBAA", false)', 0xAABBCC),
    "parseHexToInt/too_big": ('parseHexToInt("AABBCCDD", true)', NFE),
    "parseHexToInt/11BBCC22_be": ('parseHexToInt("11BBCC22", true)', 0x11BBCC22),
    "parseHexToInt/22CCBB11_le": ('parseHexToInt("22CCBB11", false)', 0x11BBCC22),
    # parseBytesToInt (byte[] and List<Byte> are both TBEL lists)
    "parseBytesToInt/257": ("parseBytesToInt([0, 0, 1, 1], 0, 4)", 257),
    "parseBytesToInt/257_2_2": ("parseBytesToInt([0, 0, 1, 1], 2, 2, true)", 257),
    "parseBytesToInt/1": ("parseBytesToInt([0, 0, 1, 1], 3, 1, true)", 1),
    "parseBytesToInt/max": ("parseBytesToInt([0x7F, 0xFF, 0xFF, 0xFF], 0, 4, true)", 2147483647),
    "parseBytesToInt/AABBCCDD_be": ("parseBytesToInt([0xAA, 0xBB, 0xCC, 0xDD], 0, 4, true)", AABBCCDD),
    "parseBytesToInt/AABBCCDD_le": ("parseBytesToInt([0xDD, 0xCC, 0xBB, 0xAA], 0, 4, false)", AABBCCDD),
    "parseBytesToInt/AABBCC_be": ("parseBytesToInt([0xAA, 0xBB, 0xCC], 0, 3, true)", 0xAABBCC),
    "parseBytesToInt/AABBCC_le": ("parseBytesToInt([0xCC, 0xBB, 0xAA], 0, 3, false)", 0xAABBCC),
    "parseBytesToInt/byte_array": (
        "var b = hexToBytesArray('AABBCCDD'); return {v: parseBytesToInt(b, 0, 4, true)};",
        AABBCCDD,
    ),
    "parseBytesX/does_not_change_input": (
        "var d = [0xAA, 0xBB, 0xCC, 0xDD];\n"
        "parseBytesToInt(d, 0, 4, true); parseBytesToInt(d, 0, 4, false);\n"
        "parseBytesToLong(d, 0, 4, true); parseBytesToLong(d, 0, 4, false);\n"
        "parseBytesToFloat(d, 0, 4, true); parseBytesToFloat(d, 0, 4, false);\n"
        "parseBytesIntToFloat(d, 0, 4, true); parseBytesIntToFloat(d, 0, 4, false);\n"
        "parseBytesToDouble(d, 0, 4, true); parseBytesToDouble(d, 0, 4, false);\n"
        "parseBytesLongToDouble(d, 0, 4, true); parseBytesLongToDouble(d, 0, 4, false);\n"
        "return {v: d};",
        [0xAA, 0xBB, 0xCC, 0xDD],
    ),
    "parseBytesToUnsignedInt/int_minus_1": ("parseBytesToInt([0xFF, 0xFF, 0xFF, 0xFF], 0, 4, true)", -1),
    "parseBytesToUnsignedInt/int_2_bytes": ("parseBytesToInt([0xFF, 0xFF, 0xFF, 0xFF], 0, 2, true)", 65535),
    "parseBytesToUnsignedInt/int_8000": ("parseBytesToInt([0x80, 0x00], 0, 2, true)", 32768),
    # toFlatMap
    "toFlatMap/excluded_with_paths": (
        MAP_SRC + "return {v: toFlatMap(m, ['age', 'id', 'param1', 'subParam2'], true)};",
        {
            "name": "Alice",
            "devices.0.type": "sensor",
            "devices.1.type": "actuator",
            "settings.notifications": True,
            "settings.timezone": "UTC-5",
            "settings.params.param2": "value2",
            "settings.params.param3.subParam1": "value1",
        },
    ),
    "toFlatMap/without_paths": (
        MAP_SRC + "return {v: toFlatMap(m, false)};",
        {
            "timezone": "UTC-5",
            "name": "Alice",
            "id": "dev002",
            "subParam2": "value2",
            "type": "actuator",
            "subParam1": "value1",
            "param1": "value1",
            "notifications": True,
            "age": 30,
            "param2": "value2",
        },
    ),
    # parseInt
    "parseInt/null": ("parseInt(null)", None),
    "parseInt/empty": ('parseInt("")', None),
    "parseInt/blank": ('parseInt(" ")', None),
    "parseInt/0": ('parseInt("0")', 0),
    "parseInt/-0": ('parseInt("-0")', 0),
    "parseInt/+0": ('parseInt("+0")', 0),
    "parseInt/473": ('parseInt("473")', 473),
    "parseInt/-0xFF": ('parseInt("-0xFF")', -255),
    "parseInt/-0xFF123_odd": ('parseInt("-0xFF123")', NFE),
    "parseInt/-FF": ('parseInt("-FF")', -255),
    "parseInt/FF": ('parseInt("FF")', 255),
    "parseInt/FFF_odd": ('parseInt("FFF")', IAE),
    "parseInt/-0A12": ('parseInt("-0A12")', -2578),
    "parseHexToInt/-0A12": ('parseHexToInt("-0A12")', -2578),
    "parseHexToInt/A12_le_odd": ('parseHexToInt("A12", false)', IAE),
    "parseBigEndianHexToInt/-3A12": ('parseBigEndianHexToInt("-3A12")', -14866),
    "parseLittleEndianHexToInt/negative": ('parseLittleEndianHexToInt("-A12")', IAE),
    "parseInt/0xFG": ('parseInt("0xFG")', NFE),
    "parseInt/bin_102": ('parseInt("1100110", 2)', 102),
    "parseInt/bin_-102": (f'parseInt("{BIN_M102}", 2)', -102),
    "parseInt/bin_bad": ('parseInt("1100210", 2)', NFE),
    "parseInt/bin_13158": ('parseInt("11001101100110", 2)', 13158),
    "parseInt/bin_-13158": (f'parseInt("{BIN_M13158}", 2)', -13158),
    "parseInt/oct_63": ('parseInt("77", 8)', 63),
    "parseInt/oct_bad": ('parseInt("18", 8)', NFE),
    "parseInt/hex_-FF": ('parseInt("-FF", 16)', -255),
    "parseInt/hex_bad": ('parseInt("FG", 16)', NFE),
    "parseInt/max": ('parseInt("2147483647", 10)', 2147483647),
    "parseInt/max_plus_1": ('parseInt("2147483648", 10)', NFE),
    "parseInt/min": ('parseInt("-2147483648", 10)', -2147483648),
    "parseInt/min_minus_1": ('parseInt("-2147483649", 10)', NFE),
    "parseInt/radix_30": ('parseInt("KonaIn", 30)', 506070563),
    "parseInt/KonaIn_dec": ('parseInt("KonaIn", 10)', NFE),
    "parseInt/.456": ('parseInt(".456", 10)', NFE),
    "parseInt/4562.": ('parseInt("4562.", 10)', NFE),
    "parseInt/radix_37": ('parseInt("KonaIn", 37)', IAE),
    "parseInt/radix_1": ('parseInt("KonaIn", 1)', IAE),
    "parseInt/radix_12": ('parseInt("KonaIn", 12)', IAE),
    # parseFloat / parseHexToFloat
    "parseFloat/string": ('parseFloat("29.29824")', FLOAT_VAL),
    "parseHexToFloat/be": ('parseHexToFloat("41EA62CC")', FLOAT_VAL),
    "parseHexToFloat/le": ('parseHexToFloat("41EA62CC", false)', FLOAT_VAL_REV),
    "parseBigEndianHexToFloat": ('parseBigEndianHexToFloat("41EA62CC")', FLOAT_VAL),
    "parseLittleEndianHexToFloat": ('parseLittleEndianHexToFloat("CC62EA41")', FLOAT_VAL),
    # parseBytesToFloat
    "parseBytesToFloat/one_byte": ("parseBytesToFloat([0x0A])", F32(1.4e-44)),
    "parseBytesToFloat/offset": ("parseBytesToFloat([65, -22, 98, -52], 0)", FLOAT_VAL),
    "parseBytesToFloat/le": ("parseBytesToFloat([65, -22, 98, -52], 0, 4, false)", FLOAT_VAL_REV),
    "parseBytesToFloat/scaled": ("parseBytesToFloat([0x4C, 0xE1, 0x20, 0xE4], 0, 4, true) / 1000000", F32(118.03216)),
    "parseBytesToFloat/scaled_offset": ("parseBytesToFloat([0x4C, 0xE1, 0x20, 0xE4], 0) / 1000000", F32(118.03216)),
    "parseBytesToFloat/2_le": ("parseBytesToFloat([0x4C, 0xE1, 0x20, 0xE4], 0, 2, false)", F32(8.0821e-41)),
    "parseBytesToFloat/2_be": ("parseBytesToFloat([0x4C, 0xE1, 0x20, 0xE4], 0, 2)", F32(2.7579e-41)),
    "parseBytesToFloat/3_le": ("parseBytesToFloat([0x4C, 0xE1, 0x20, 0xE4], 0, 3, false)", F32(3.019557e-39)),
    "parseBytesToFloat/nan": (
        "parseBytesToFloat([-1, -1, -1, -1], 0, 4, true)",
        Raises("NumberFormatException", NAN_MSG),
    ),
    "parseBytesToFloat/nan_list": (
        'parseBytesToFloat(hexToBytes("01752B0367FA000500010488FFFFFFFFFFFFFFFF33"), 12, 4, false)',
        Raises("NumberFormatException", NAN_MSG),
    ),
    # parseBytesIntToFloat
    "parseBytesIntToFloat/3_1_be": ("parseBytesIntToFloat([0, 0, 0, 0x0A], 3, 1, true)", 10.0),
    "parseBytesIntToFloat/3_1_le": ("parseBytesIntToFloat([0, 0, 0, 0x0A], 3, 1, false)", 10.0),
    "parseBytesIntToFloat/2_2_be": ("parseBytesIntToFloat([0, 0, 0, 0x0A], 2, 2, true)", 10.0),
    "parseBytesIntToFloat/2_2_le": ("parseBytesIntToFloat([0, 0, 0, 0x0A], 2, 2, false)", 2560.0),
    "parseBytesIntToFloat/0_4_be": ("parseBytesIntToFloat([0, 0, 0, 0x0A], 0, 4, true)", 10.0),
    "parseBytesIntToFloat/0_4_le": (
        "(float) (parseBytesIntToFloat([0, 0, 0, 0x0A], 0, 4, false) / 1e3)",
        F32(167772.16),
    ),
    "parseBytesIntToFloat/latitude": (f"(float) (parseBytesIntToFloat({AT101}, 9, 4, false) / 1e6)", F32(24.62495)),
    "parseBytesIntToFloat/longitude": (f"(float) (parseBytesIntToFloat({AT101}, 13, 4, false) / 1e6)", F32(118.030576)),
    "parseBytesIntToFloat/offset": (f"parseBytesIntToFloat({AT101}, 9)", F32(9.185175e8)),
    "parseBytesIntToFloat/offset_len": (f"parseBytesIntToFloat({AT101}, 9, 2)", 14015.0),
    "parseBytesIntToFloat/offset_len_le": (f"parseBytesIntToFloat({AT101}, 9, 2, false)", 48950.0),
    "parseBytesIntToFloat/at_end": (f"var b = {AT101}; return {{v: parseBytesIntToFloat(b, b.size())}};", 0.0),
    "parseBytesIntToFloat/past_end": (
        f"var b = {AT101}; return {{v: parseBytesIntToFloat(b, b.size() + 1)}};",
        Raises("IllegalArgumentException", "is out of bounds for array with length:"),
    ),
    # parseLong
    "parseLong/null": ("parseLong(null)", None),
    "parseLong/empty": ('parseLong("")', None),
    "parseLong/blank": ('parseLong(" ")', None),
    "parseLong/0": ('parseLong("0")', 0),
    "parseLong/-0": ('parseLong("-0")', 0),
    "parseLong/473": ('parseLong("473")', 473),
    "parseLong/-0xFFFF": ('parseLong("-0xFFFF")', -65535),
    "parseLong/FFFFFFFF": ('parseLong("FFFFFFFF")', 4294967295),
    "parseLong/0xFG": ('parseLong("0xFGFFFFFF")', NFE),
    "parseLong/bin_13158": ('parseLong("11001101100110", 2)', 13158),
    "parseLong/bin_-13158": (f'parseLong("{BIN_M13158}", 2)', -13158),
    "parseLong/bin_bad": ('parseLong("11001101100210", 2)', NFE),
    "parseLong/oct_max": ('parseLong("777777777777777777777", 8)', 9223372036854775807),
    "parseLong/oct_bad": ('parseLong("1787", 8)', NFE),
    "parseLong/hex_-FF": ('parseLong("-FF", 16)', -255),
    "parseLong/hex_bad": ('parseLong("FG", 16)', NFE),
    "parseLong/max": ('parseLong("9223372036854775807", 10)', 9223372036854775807),
    "parseLong/max_plus_1": ('parseLong("9223372036854775808", 10)', NFE),
    "parseLong/min": ('parseLong("-9223372036854775808", 10)', -9223372036854775808),
    "parseLong/min_minus_1": ('parseLong("-9223372036854775809", 10)', NFE),
    "parseLong/radix_27": ('parseLong("KonaLong", 27)', 218840926543),
    "parseLong/KonaLong_dec": ('parseLong("KonaLong", 10)', NFE),
    "parseHexToLong/be": (f'parseHexToLong("{LONG_VAL_HEX}")', LONG_VAL),
    "parseHexToLong/le": (f'parseHexToLong("{LONG_VAL_HEX_REV}", false)', LONG_VAL),
    "parseBigEndianHexToLong": (f'parseBigEndianHexToLong("{LONG_VAL_HEX}")', LONG_VAL),
    "parseLittleEndianHexToLong": (f'parseLittleEndianHexToLong("{LONG_VAL_HEX_REV}")', LONG_VAL),
    # parseBytesToLong
    "parseBytesToLong/be": ("parseBytesToLong([64, -101, 4, -79, 12, -78, -107, -22], 0, 8)", LONG_VAL),
    "parseBytesToLong/le": ("parseBytesToLong([-22, -107, -78, 12, -79, 4, -101, 64], 0, 8, false)", LONG_VAL),
    "parseBytesToLong/rev": ("parseBytesToLong([-22, -107, -78, 12, -79, 4, -101, 64], 0, 8)", LONG_VAL_REV),
    # parseDouble / parseHexToDouble
    "parseDouble/exponent": ('parseDouble("1.1428250947E8")', 1.1428250947e8),
    "parseHexToDouble/be": (f'parseHexToDouble("{LONG_VAL_HEX}")', DOUBLE_VAL),
    "parseHexToDouble/le": (f'parseHexToDouble("{LONG_VAL_HEX}", false)', DOUBLE_VAL_REV),
    "parseBigEndianHexToDouble": (f'parseBigEndianHexToDouble("{LONG_VAL_HEX}")', DOUBLE_VAL),
    "parseLittleEndianHexToDouble": (f'parseLittleEndianHexToDouble("{LONG_VAL_HEX_REV}")', DOUBLE_VAL),
    # parseBytesToDouble
    "parseBytesToDouble/one_byte": ("parseBytesToDouble([0x0A])", 4.9e-323),
    "parseBytesToDouble/offset": ("parseBytesToDouble([64, -101, 4, -79, 12, -78, -107, -22], 0)", DOUBLE_VAL),
    "parseBytesToDouble/le": (
        "parseBytesToDouble([64, -101, 4, -79, 12, -78, -107, -22], 0, 8, false)",
        DOUBLE_VAL_REV,
    ),
    "parseBytesToDouble/be_raw": (f"parseBytesToDouble({TWO_DOUBLES}, 0, 8, true)", 2.387013651780523e307),
    "parseBytesToDouble/le_raw": (f"parseBytesToDouble({TWO_DOUBLES}, 0, 8, false)", 7.234601680440024e-304),
    "parseBytesToDouble/be_offset": (f"parseBytesToDouble({TWO_DOUBLES}, 0)", 2.387013651780523e307),
    "parseBytesToDouble/5_le": (
        f"parseBytesToDouble({TWO_DOUBLES}, 0, 5, false)",
        struct.unpack("<d", bytes([0x7F, 0xC0, 0xFF, 0x00, 0x7F, 0, 0, 0]))[0],
    ),
    "parseBytesToDouble/nan": (
        "parseBytesToDouble([-1, -1, -1, -1, -1, -1, -1, -1], 0, 8, true)",
        Raises("NumberFormatException", NAN_MSG),
    ),
    # parseBytesLongToDouble
    "parseBytesLongToDouble/all": ("parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A])", 10.0),
    "parseBytesLongToDouble/7_1_be": ("parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A], 7, 1, true)", 10.0),
    "parseBytesLongToDouble/7_1_le": ("parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A], 7, 1, false)", 10.0),
    "parseBytesLongToDouble/6_2_be": ("parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A], 6, 2, true)", 10.0),
    "parseBytesLongToDouble/6_2_le": ("parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A], 6, 2, false)", 2560.0),
    "parseBytesLongToDouble/0_8_be": ("parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A], 0, 8, true)", 10.0),
    "parseBytesLongToDouble/0_8_le": (
        "parseBytesLongToDouble([0, 0, 0, 0, 0, 0, 0, 0x0A], 0, 8, false)",
        7.2057594037927936e17,
    ),
    "parseBytesLongToDouble/latitude": (f"parseBytesLongToDouble({PALAC}, 0, 8, false) / 1e15", 50.422775429058610),
    "parseBytesLongToDouble/longitude": (f"parseBytesLongToDouble({PALAC}, 8, 8, false) / 1e15", 30.517877378257072),
    # decodeToJson / stringToBytes
    "decodeToJson/bytes": (
        'var s = \'{"hello": "world"}\'; return {v: decodeToJson(stringToBytes(s))};',
        {"hello": "world"},
    ),
    "decodeToJson/string": ('decodeToJson(\'{"hello": "world"}\')', {"hello": "world"}),
    "stringToBytes/map_value": ('stringToBytes(decodeToJson(\'{"hello": "world"}\').hello)', [119, 111, 114, 108, 100]),
    "stringToBytes/map_value_charset": (
        "stringToBytes(decodeToJson('{\"hello\": \"world\"}').hello, 'UTF-8')",
        [119, 111, 114, 108, 100],
    ),
    "stringToBytes/not_string": (
        "stringToBytes(decodeToJson('{\"hello\": 1234}').hello)",
        Raises("IllegalAccessException", "Invalid type parameter [Integer]. Expected 'String'"),
    ),
    "stringToBytes/not_string_charset": (
        "stringToBytes(decodeToJson('{\"hello\": 1234}').hello, 'UTF-8')",
        Raises("IllegalAccessException", "Invalid type parameter [Integer]. Expected 'String'"),
    ),
    # bytesToString (bytesFromList)
    "bytesToString/bytes": (
        "bytesToString([0x00, 0x08, 0x10, 0x1C, 0xFF, 0xFC, 0xAD, 0x88, 0x75, 0x74, 0x8A, 0x82])",
        "\x00\x08\x10\x1c\ufffd\ufffd\ufffd\ufffdut\ufffd\ufffd",
    ),
    "bytesToString/mixed": (
        "bytesToString(['0x00', 8, '16', '0x1C', 255, (byte) 0xFC, 173, 136, 117, 116, -118, '-126'])",
        "\x00\x08\x10\x1c\ufffd\ufffd\ufffd\ufffdut\ufffd\ufffd",
    ),
    "bytesToString/hex_strings": ("bytesToString(['1D', '0x1D', '1F', '0x1F', '0x20', '0x20'])", "\x1d\x1d\x1f\x1f  "),
    "bytesToString/0x21": ("bytesToString(['0x21', '0x21'])", "!!"),
    "bytesToString/21_0x21": ("bytesToString(['21', '0x21'])", "\x15!"),
    "bytesToString/21_0x21_char": ("(int) bytesToString(['21', '0x21']).charAt(0)", 21),
    "bytesToString/0xFG": (
        "bytesToString(['0xFG'])",
        Raises("NumberFormatException", 'Value: "FG" is not numeric or hexDecimal format!'),
    ),
    "bytesToString/-129_string": (
        "bytesToString(['-129'])",
        Raises("NumberFormatException", "The value '-129' " + BYTE_MSG),
    ),
    "bytesToString/256_string": (
        "bytesToString(['256', '-129'])",
        Raises("NumberFormatException", "The value '256' " + BYTE_MSG),
    ),
    "bytesToString/-129_int": (
        "bytesToString([-129])",
        Raises("NumberFormatException", "The value '-129' " + BYTE_MSG),
    ),
    "bytesToString/256_int": (
        "bytesToString([256, -129])",
        Raises("NumberFormatException", "The value '256' " + BYTE_MSG),
    ),
    "bytesToString/list": (
        "bytesToString([['0xFD']])",
        Raises(
            "NumberFormatException",
            (
                "The value '[0xFD]' could not be correctly converted to a byte. Must be "
                "a HexDecimal/String/Integer/Byte format !"
            ),
        ),
    ),
    # encodeURI / decodeURI
    "encodeURI": (
        'encodeURI("-_.!~*\'();/?:@&=+$,#ht://example.ж д a/path with spaces/?param1=Київ 1&param2=Україна2")',
        (
            "-_.!~*'();/?:@&=+$,#ht://example.%D0%B6%20%D0%B4%20a/path%20with%20spaces/?param1=%D0%9A%D0%B8%D1%97"
            "%D0%B2%201&param2=%D0%A3%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B02"
        ),
    ),
    "decodeURI": (
        (
            "decodeURI(encodeURI(\"-_.!~*'();/?:@&=+$,#ht://example.ж д a/path with "
            'spaces/?param1=Київ 1&param2=Україна2"))'
        ),
        "-_.!~*'();/?:@&=+$,#ht://example.ж д a/path with spaces/?param1=Київ 1&param2=Україна2",
    ),
    # intToHex
    "intToHex/-2578": ("intToHex(-2578)", "FFF5EE"),
    # Java's int 0xFFD8FFA6 (TBEL reads that literal as a Long, which intToHex(Integer) cannot take)
    "intToHex/FFD8FFA6_be": ("intToHex(-2555994, true, true)", "0xFFD8FFA6"),
    "intToHex/FFD8FFA6_le": ("intToHex(-2555994, false, true)", "0xA6FFD8FF"),
    "intToHex/max": ("intToHex(Integer.MAX_VALUE, true, true)", "0x7FFFFFFF"),
    "intToHex/min": ("intToHex(Integer.MIN_VALUE, true, true)", "0x80000000"),
    "intToHex/AB": ("intToHex(0xAB, true, true)", "0xAB"),
    "intToHex/ABCD": ("intToHex(0xABCD, true, true)", "0xABCD"),
    "intToHex/ABCDEF": ("intToHex(0xABCDEF, true, true)", "0xABCDEF"),
    "intToHex/ABCDEF_le_4": ("intToHex(0xABCDEF, false, true, 4)", "0xCDAB"),
    "intToHex/171": ("intToHex(171, true, true)", "0xAB"),
    "intToHex/AB_le": ("intToHex(0xAB, false, true)", "0xAB"),
    "intToHex/AB_be_2": ("intToHex(0xAB, true, true, 2)", "0xAB"),
    "intToHex/AB_le_2_nopref": ("intToHex(0xAB, false, false, 2)", "AB"),
    "intToHex/171_nopref": ("intToHex(171, true, false)", "AB"),
    "intToHex/AB_le_nopref": ("intToHex(0xAB, false, false)", "AB"),
    "intToHex/ABCD_le": ("intToHex(0xABCD, false, true)", "0xCDAB"),
    "intToHex/ABCD_be_2": ("intToHex(0xABCD, true, true, 2)", "0xCD"),
    "intToHex/ABCD_le_2": ("intToHex(0xABCD, false, false, 2)", "AB"),
    # longToHex
    "longToHex/max": ("longToHex(Long.MAX_VALUE, true, true)", "0x7FFFFFFFFFFFFFFF"),
    "longToHex/min": ("longToHex(Long.MIN_VALUE, true, true)", "0x8000000000000000"),
    # Java's long 0xFFD8FFA6FFD8FFA6L (beyond Long.decode, so TBEL cannot read that literal)
    "longToHex/FFD8FFA6FFD8FFA6": ("longToHex(-10977906346360922L, true, true)", "0xFFD8FFA6FFD8FFA6"),
    "longToHex/FFCEFFA6FFD8FFA6_le": ("longToHex(-13792656113467482L, false, true)", "0xA6FFD8FFA6FFCEFF"),
    "longToHex/AB": ("longToHex(0xABL, true, true)", "0xAB"),
    "longToHex/ABCD": ("longToHex(0xABCDL, true, true)", "0xABCD"),
    "longToHex/ABCDEF": ("longToHex(0xABCDEFL, true, true)", "0xABCDEF"),
    "longToHex/le_8": ("longToHex(0xABCDEFABCDEFL, false, true, 8)", "0xABEFCDAB"),
    "longToHex/AB_2": ("longToHex(0xABL, true, true, 2)", "0xAB"),
    "longToHex/AB_le_2": ("longToHex(0xABL, false, false, 2)", "AB"),
    "longToHex/be_4": ("longToHex(-10977906346360922L, true, true, 4)", "0xFFA6"),
    "longToHex/le_4": ("longToHex(-10977906346360922L, false, false, 4)", "D8FF"),
    # intLongToRadixString
    "intLongToRadixString/bin_58": ("intLongToRadixString(58L, 2)", "00111010"),
    "intLongToRadixString/bin_158": ("intLongToRadixString(158L, 2)", "0000000010011110"),
    "intLongToRadixString/bin_131585": ("intLongToRadixString(131585L, 2)", "00000000000000100000001000000001"),
    "intLongToRadixString/bin_max": ("intLongToRadixString(Long.MAX_VALUE, 2)", "0" + "1" * 63),
    "intLongToRadixString/bin_-max": ("intLongToRadixString(-Long.MAX_VALUE, 2)", "1" + "0" * 62 + "1"),
    "intLongToRadixString/bin_-102": ("intLongToRadixString(-102L, 2)", BIN_M102),
    "intLongToRadixString/bin_-13158": ("intLongToRadixString(-13158L, 2)", BIN_M13158),
    "intLongToRadixString/oct_max": ("intLongToRadixString(Long.MAX_VALUE, 8)", "777777777777777777777"),
    "intLongToRadixString/oct_min": ("intLongToRadixString(Long.MIN_VALUE, 8)", "1000000000000000000000"),
    "intLongToRadixString/dec_max": ("intLongToRadixString(Long.MAX_VALUE)", "9223372036854775807"),
    "intLongToRadixString/dec_min": ("intLongToRadixString(Long.MIN_VALUE)", "-9223372036854775808"),
    "intLongToRadixString/hex_13158": ("intLongToRadixString(13158L, 16)", "3366"),
    "intLongToRadixString/hex_-13158": ("intLongToRadixString(-13158L, 16)", "FFCC9A"),
    "intLongToRadixString/hex_-13158_pref": ("intLongToRadixString(-13158L, 16, true, true)", "0xFFCC9A"),
    "intLongToRadixString/hex_1024_pref": ("intLongToRadixString(1024L, 16, true, true)", "0x0400"),
    "intLongToRadixString/hex_1024": ("intLongToRadixString(1024L, 16)", "0400"),
    "intLongToRadixString/hex_-1024_pref": ("intLongToRadixString(-1024L, 16, true, true)", "0xFFFC00"),
    "intLongToRadixString/radix_36": ("intLongToRadixString(1356099454469L, 36)", "hazelnut"),
    # intToHex with printUnsignedBytes
    "printUnsignedBytes/le": ("printUnsignedBytes(hexToBytes(intToHex(-40, false, true)))", [216, 255]),
    "printUnsignedBytes/be": ("printUnsignedBytes(hexToBytes(intToHex(-40, true, true)))", [255, 216]),
    "hexToBytes/int_le": ("hexToBytes(intToHex(-40, false, true))", [-40, -1]),
    "hexToBytes/int_be": ("hexToBytes(intToHex(-40, true, true))", [-1, -40]),
    # hexToBytes
    "hexToBytes/prefixed": (
        'hexToBytes("0x01752B0367FA000500010488FFFFFFFFFFFFFFFF33")',
        [1, 117, 43, 3, 103, -6, 0, 5, 0, 1, 4, -120, -1, -1, -1, -1, -1, -1, -1, -1, 51],
    ),
    "hexToBytesArray": ('hexToBytesArray("AABBCCDDEE")', [-86, -69, -52, -35, -18]),
    "hexToBytes/odd": (
        'hexToBytes("0x01752B0367FA000500010488FFFFFFFFFFFFFFFF3")',
        Raises("IllegalArgumentException", "Hex string must be even-length."),
    ),
    "hexToBytes/not_hex": (
        'hexToBytes("0x01752B0367KA000500010488FFFFFFFFFFFFFFFF33")',
        Raises(
            "NumberFormatException",
            'Value: "0x01752B0367KA000500010488FFFFFFFFFFFFFFFF33" is not numeric or hexDecimal format!',
        ),
    ),
    "hexToBytes/empty": ('hexToBytes("")', Raises("IllegalArgumentException", "Hex string must be not empty")),
    "hexToBytes/null": ("hexToBytes(null)", Raises("IllegalArgumentException", "Hex string must be not empty")),
    # floatToHex / parseHexToFloat
    "floatToHex/123456789": ("floatToHex(123456789.00f)", "0x4CEB79A3"),
    "parseHexToFloat/123456789": ('parseHexToFloat("0x4CEB79A3")', F32(123456792.0)),
    "parseHexToFloat/123456789_le": ('parseHexToFloat("0xA379EB4C", false)', F32(123456792.0)),
    "floatToHex/123456789.67": ("floatToHex(123456789.67f)", "0x4CEB79A3"),
    "floatToHex/10": ("floatToHex(10.0f)", "0x41200000"),
    "parseHexToFloat/10": ('parseHexToFloat("0x41200000")', 10.0),
    "parseHexToFloat/10_le": ('parseHexToFloat("0x00002041", false)', 10.0),
    "parseHexToFloat/subnormal": ('parseHexToFloat("0x0000000A")', F32(1.4e-44)),
    "floatToHex/subnormal": ("floatToHex(1.4E-44f)", "0x0000000A"),
    "floatToHex/round_trip": ("parseHexToFloat(floatToHex(123456789.00f)) == 123456789.00f", True),
    # parseHexIntLongToFloat
    "parseHexIntLongToFloat/0A_be": ('parseHexIntLongToFloat("0x0A", true)', 10.0),
    "parseHexIntLongToFloat/0A_le": ('parseHexIntLongToFloat("0x0A", false)', 10.0),
    "parseHexIntLongToFloat/00000A_be": ('parseHexIntLongToFloat("0x00000A", true)', 10.0),
    "parseHexIntLongToFloat/0A0000_le": ('parseHexIntLongToFloat("0x0A0000", false)', 10.0),
    "parseHexIntLongToFloat/000A0A_be": ('parseHexIntLongToFloat("0x000A0A", true)', 2570.0),
    "parseHexIntLongToFloat/0A0A00_le": ('parseHexIntLongToFloat("0x0A0A00", false)', 2570.0),
    # doubleToHex
    "doubleToHex/be": ("doubleToHex(1729.1729)", "0x409B04B10CB295EA"),
    "doubleToHex/round_trip": ("parseHexToDouble(doubleToHex(1729.1729))", 1729.1729),
    "doubleToHex/le": ("doubleToHex(1729.1729, false)", "0xEA95B20CB1049B40"),
    "parseHexToDouble/subnormal": ('parseHexToDouble("0x000000000000000A")', 4.9e-323),
    "doubleToHex/subnormal": ("doubleToHex(4.9E-323)", "0x000000000000000A"),
    # raiseError
    "raiseError/value": (
        (
            "var value = 4; raiseError('frequency_weighting_type must be 0, 1 or 2. "
            "A value of ' + value + ' is invalid.');\nreturn {v: 1};"
        ),
        Raises("", "frequency_weighting_type must be 0, 1 or 2. A value of 4 is invalid."),
    ),
    "raiseError/plain": (
        "raiseError('frequency_weighting_type must be 0, 1 or 2.'); return {v: 1};",
        Raises("", "frequency_weighting_type must be 0, 1 or 2."),
    ),
    # isBinary / isOctal / isDecimal / isHexadecimal
    "isBinary/yes": ('isBinary("1100110")', 2),
    "isBinary/no": ('isBinary("2100110")', -1),
    "isOctal/yes": ('isOctal("4567734")', 8),
    "isOctal/no": ('isOctal("8100110")', -1),
    "isDecimal/int": ('isDecimal("4567039")', 10),
    "isDecimal/exponent": ('isDecimal("1.1428250947E8")', 10),
    "isDecimal/fraction": ('isDecimal("123.45")', 10),
    "isDecimal/negative_exponent": ('isDecimal("-1.23E-4")', 10),
    "isDecimal/1E5": ('isDecimal("1E5")', 10),
    "isDecimal/hex": ('isDecimal("C100110")', -1),
    "isDecimal/abc": ('isDecimal("abc")', -1),
    "isDecimal/null": ("isDecimal(null)", -1),
    "isHexadecimal/yes": ('isHexadecimal("F5D7039")', 16),
    "isHexadecimal/no": ('isHexadecimal("K100110")', -1),
    # padStart / padEnd
    "padStart/short": ("padStart('010011', 8, '0')", "00010011"),
    "padStart/long": ("padStart('1001010011', 8, '0')", "1001010011"),
    "padStart/stars": ("padStart('1001010011', 16, '*')", "******1001010011"),
    "padStart/card": (
        "var n = '203439900FFCD5581'; return {v: padStart(n.substring(11), n.length(), '*')};",
        "***********CD5581",
    ),
    "padEnd/short": ("padEnd('010011', 8, '0')", "01001100"),
    "padEnd/long": ("padEnd('1001010011', 8, '0')", "1001010011"),
    "padEnd/stars": ("padEnd('1001010011', 16, '*')", "1001010011******"),
    "padEnd/card": (
        "var n = '203439900FFCD5581'; return {v: padEnd(n.substring(0, 11), n.length(), '*')};",
        "203439900FF******",
    ),
    # parseByteToBinaryArray / parseBytesToBinaryArray / parseLongToBinaryArray
    "parseByteToBinaryArray/8": ("parseByteToBinaryArray((byte) 0x39)", [0, 0, 1, 1, 1, 0, 0, 1]),
    "parseByteToBinaryArray/6": ("parseByteToBinaryArray((byte) 0x39, 6)", [1, 1, 1, 0, 0, 1]),
    "parseByteToBinaryArray/6_le": ("parseByteToBinaryArray((byte) 0x39, 6, false)", [1, 0, 0, 1, 1, 1]),
    "parseBytesToBinaryArray/57": ("parseBytesToBinaryArray([0x39])", [0, 0, 1, 1, 1, 0, 0, 1]),
    "parseLongToBinaryArray/57_8": ("parseLongToBinaryArray(57L, 8)", [0, 0, 1, 1, 1, 0, 0, 1]),
    "parseLongToBinaryArray/57": ("parseLongToBinaryArray(57L)", [0] * 58 + [1, 1, 1, 0, 0, 1]),
    "parseBytesToBinaryArray/52914": (
        "parseBytesToBinaryArray([0xCE, 0xB2])",
        [1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
    ),
    "parseLongToBinaryArray/52914_16": (
        "parseLongToBinaryArray(52914L, 16)",
        [1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
    ),
    "parseLongToBinaryArray/52914_4": ("parseLongToBinaryArray(52914L, 4)", [0, 0, 1, 0]),
    "parseLongToBinaryArray/52914": (
        "parseLongToBinaryArray(52914L)",
        [0] * 48 + [1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
    ),
    # parseBinaryArrayToInt
    "parseBinaryArrayToInt/byte": ("parseBinaryArrayToInt(parseByteToBinaryArray((byte) 0x9F))", -97),
    "parseBinaryArrayToInt/volt": ("parseBinaryArrayToInt(parseByteToBinaryArray((byte) 0x9F), 1, 7)", 31),
    "parseBinaryArrayToInt/low_voltage": ("parseByteToBinaryArray((byte) 0x9F)[7] == 1", True),
    "parseByteToBinaryArray/alarms": ("parseByteToBinaryArray((byte) 0x39, 6, false)", [1, 0, 0, 1, 1, 1]),
    "parseBinaryArrayToInt/multiplier1": ("parseBinaryArrayToInt(parseByteToBinaryArray((byte) 0x36), 6, 2)", 2),
    "parseBinaryArrayToInt/multiplier2": ("parseBinaryArrayToInt(parseByteToBinaryArray((byte) 0x36), 4, 2)", 1),
    "parseBinaryArrayToInt/multiplier3": ("parseBinaryArrayToInt(parseByteToBinaryArray((byte) 0x36), 2, 2)", 3),
    # base64
    "hexToBase64": (
        (
            'hexToBase64("014A000A02202007060000014A019F03E800C81B5801014A029F030A0000000000014A032405DD05D41B583'
            '6014A049F39000000000000")'
        ),
        "AUoACgIgIAcGAAABSgGfA+gAyBtYAQFKAp8DCgAAAAAAAUoDJAXdBdQbWDYBSgSfOQAAAAAAAA==",
    ),
    "base64ToBytesList/valid": ('base64ToBytesList("AQIDBAU=")', [1, 2, 3, 4, 5]),
    "base64ToBytesList/empty": ('base64ToBytesList("").isEmpty()', True),
    "base64ToBytesList/invalid": ('base64ToBytesList("NotAValidBase64String")', IAE),
    "base64ToBytesList/null": ("base64ToBytesList(null)", Raises("NullPointerException")),
    # bytesToHex
    "bytesToHex/bytes": ("bytesToHex([(byte) 0xBB, (byte) 0xAA])", "BBAA"),
    "bytesToHex/ints": ("bytesToHex([-69, 83])", "BB53"),
    # geofences
    "isInsidePolygon/outside": (
        (
            "isInsidePolygon(50.50869555168039, 30.80123093293884, '[[[50.75581142688204,29.097910166341073],[50."
            "16785158177623,29.35066098977171],[50.164329922384674,29.773743889862114],[50.16785158177623,30.8012"
            "30932938843],[50.459245308833495,30.92760634465418],[50.486522489629564,30.68548421850448],[50.70361"
            "2031034005,30.872660513473573]],[[50.606017492632766,29.36165015600782],[50.54317104075835,29.762754"
            "723626013],[50.41021974600505,29.455058069014804]]]')"
        ),
        False,
    ),
    "isInsidePolygon/inside": (
        (
            "isInsidePolygon(50.50520628167696, 30.339685951022016, '[[[50.75581142688204,29.097910166341073],[50"
            ".16785158177623,29.35066098977171],[50.164329922384674,29.773743889862114],[50.16785158177623,30.801"
            "230932938843],[50.459245308833495,30.92760634465418],[50.486522489629564,30.68548421850448],[50.7036"
            "12031034005,30.872660513473573]],[[50.606017492632766,29.36165015600782],[50.54317104075835,29.76275"
            "4723626013],[50.41021974600505,29.455058069014804]]]')"
        ),
        True,
    ),
    "isInsidePolygon/in_hole": (
        (
            "isInsidePolygon(50.52265651287081, 29.488025567723156, '[[[50.75581142688204,29.097910166341073],[50"
            ".16785158177623,29.35066098977171],[50.164329922384674,29.773743889862114],[50.16785158177623,30.801"
            "230932938843],[50.459245308833495,30.92760634465418],[50.486522489629564,30.68548421850448],[50.7036"
            "12031034005,30.872660513473573]],[[50.606017492632766,29.36165015600782],[50.54317104075835,29.76275"
            "4723626013],[50.41021974600505,29.455058069014804]]]')"
        ),
        False,
    ),
    "isInsideCircle/outside": (
        (
            'isInsideCircle(50.81490715736681, 28.05943395702824, \'{"latitude":50.32254778825905,"longitude":28.'
            '207787701215757,"radius":47477.33130420423}\')'
        ),
        False,
    ),
    "isInsideCircle/inside": (
        (
            'isInsideCircle(50.599397971892444, 28.086906872618542, \'{"latitude":50.32254778825905,"longitude":2'
            '8.207787701215757,"radius":47477.33130420423}\')'
        ),
        True,
    ),
    # isMap / isList / isArray / isSet
    "isMap/map": ("var m = {temperature: 42, nested: '508'}; return {v: [isMap(m), isList(m)]};", [True, False]),
    "isList/list": (
        "var l = [0x35]; return {v: [isList(l), isMap(l), isArray(l), isSet(l)]};",
        [True, False, False, False],
    ),
    "isArray/array": (
        "var a = new byte[]{1, 2, 3}; return {v: [isArray(a), isList(a), isSet(a)]};",
        [True, False, False],
    ),
    "isSet/set": (
        (
            "var s = toSet([(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA]); return "
            "{v: [isSet(s), isList(s), isArray(s)]};"
        ),
        [True, False, False],
    ),
    # newSet / toSet
    "newSet/dedup": (
        "var s = newSet(); s.add((byte) 0xDD); s.add((byte) 0xCC); s.add((byte) 0xCC);\n"
        "var before = s.size();\n"
        "s.addAll([(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA]);\n"
        "return {v: [before, s.size()]};",
        [2, 4],
    ),
    "toSet/add_remove_clear": (
        "var s = toSet([(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA]);\n"
        "s.add((byte) 0xDA); s.remove((byte) 0xBB); s.remove((byte) 0xAA);\n"
        "var kept = s.toString(); var n = s.size(); s.clear();\n"
        "return {v: [kept, n, s.isEmpty()]};",
        ["[-35, -52, -38]", 3, True],
    ),
}


# ExecutionLinkedHashSet.sort() (the collections work, runtime_collections.js)
CASES["toSet/sort"] = (
    "var l = [(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA];\n"
    "var s = toSet(l); var a = toSet(l); var asc = toSet(l); var desc = toSet(l);\n"
    "a.sort(); asc.sort(true); desc.sort(false);\n"
    "return {v: [s.toString(), a.toString(), asc.toString(), desc.toString()]};",
    ["[-35, -52, -69, -86]", "[-86, -69, -52, -35]", "[-86, -69, -52, -35]", "[-35, -52, -69, -86]"],
)

# Left failing on purpose, each with its reason; xfail is strict, so a fix shows up as XPASS.
XFAIL: dict[str, tuple[str, Any, str]] = {}
PARAMS = [pytest.param(src, want, id=name) for name, (src, want) in CASES.items()] + [
    pytest.param(src, want, id=name, marks=pytest.mark.xfail(strict=True, reason=reason))
    for name, (src, want, reason) in XFAIL.items()
]


@pytest.mark.parametrize("src,expected", PARAMS)
def test_tbutils(src: str, expected: Any) -> None:
    check_case(src, expected)
