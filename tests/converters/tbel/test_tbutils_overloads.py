"""TbUtils overloads that ThingsBoard's own tests do not call, checked against TbUtils.java's code.

Every function ``TbUtils.register`` imports into TBEL, with each overload's defaults (offset 0,
big-endian, lengths capped at the number's width), Java's result kinds (a float stays a float, a
``double`` overload returns a double) and the exceptions the Java code raises.
"""

from __future__ import annotations

from typing import Any

import pytest

from tbkit.converters import UplinkConverter

NFE, NPE = "NumberFormatException", "NullPointerException"


class Raises:
    """The script fails with this Java exception and text in the message."""

    def __init__(self, error: str, text: str = "") -> None:
        self.error, self.text = error, text

    def __repr__(self) -> str:
        return f"Raises({self.error!r}, {self.text!r})"


def _run(src: str) -> Any:
    with UplinkConverter(src if "return" in src else f"return {{v: {src}}};", lang="TBEL") as conv:
        return conv.run(b"")


CASES: dict[str, tuple[str, Any]] = {
    # btoa / atob: UTF-8 text, java.util.Base64's basic alphabet
    "btoa": ('btoa("Hello")', "SGVsbG8="),
    "btoa/utf8": ('btoa("Київ")', "0JrQuNGX0LI="),
    "atob": ('atob("SGVsbG8=")', "Hello"),
    "atob/no_padding": ('atob("SGVsbG8")', "Hello"),
    "atob/utf8": ('atob("0JrQuNGX0LI=")', "Київ"),
    "atob/bad_character": ('atob("SGV*bG8=")', Raises("IllegalArgumentException", "Illegal base64 character")),
    "atob/bad_ending": ('atob("SGVsbG8=x")', Raises("IllegalArgumentException")),
    # bytesToString / decodeToString / stringToBytes with a charset
    "bytesToString/latin1": ('bytesToString([0x4B, 0xE9], "ISO-8859-1")', "Ké"),
    "bytesToString/utf8": ('bytesToString([-48, -102], "UTF-8")', "К"),
    "bytesToString/utf16": ('bytesToString([0x00, 0x41], "UTF-16")', "A"),
    "bytesToString/utf16_bom_le": ('bytesToString([0xFF, 0xFE, 0x41, 0x00], "UTF-16")', "A"),
    "bytesToString/unknown_charset": ('bytesToString([0x41], "KOI9")', Raises("UnsupportedEncodingException", "KOI9")),
    "decodeToString": ("decodeToString([72, 105])", "Hi"),
    "decodeToString/hex_strings": ("decodeToString(['0x48', '0x69'])", "Hi"),
    # a literal text argument fails in ThingsBoard (stringToBytes is a "non-convertable" method): a variable
    "stringToBytes/default_utf8": ('var s = "é"; return {v: stringToBytes(s)};', [-61, -87]),
    "stringToBytes/latin1": ('var s = "é"; return {v: stringToBytes(s, "ISO-8859-1")};', [-23]),
    "stringToBytes/ascii": ('var s = "é"; return {v: stringToBytes(s, "US-ASCII")};', [63]),
    "stringToBytes/utf16": ('var s = "A"; return {v: stringToBytes(s, "UTF-16")};', [-2, -1, 0, 65]),
    "stringToBytes/utf16le": ('var s = "A"; return {v: stringToBytes(s, "UTF-16LE")};', [65, 0]),
    "stringToBytes/literal_text": ('stringToBytes("ff")', Raises(NPE)),
    "stringToBytes/null": ("stringToBytes(null)", Raises(NPE)),
    "stringToBytes/list": (
        "stringToBytes([1])",
        Raises("IllegalAccessException", "Invalid type parameter [ExecutionArrayList]"),
    ),
    # parseFloat: decimal text, or IEEE 754 bits in hex
    "parseFloat/hex_bits": ('parseFloat("0x41200000")', 10.0),
    "parseFloat/decimal": ('parseFloat("10.5")', 10.5),
    "parseFloat/blank": ('parseFloat(" ")', None),
    "parseFloat/radix_16": ('parseFloat("41200000", 16)', 10.0),
    "parseFloat/radix_10": ('parseFloat("2.5", 10)', 2.5),
    "parseFloat/bad_radix": ('parseFloat("2.5", 7)', Raises("IllegalArgumentException", "Invalid radix: [7]")),
    # parseDouble: one overload; the radix comes from the text
    "parseDouble/integral": ('parseDouble("28")', 28.0),
    "parseDouble/decimal": ('parseDouble("1.5")', 1.5),
    "parseDouble/hex_bits": ('parseDouble("0x4024000000000000")', 10.0),
    "parseDouble/null": ("parseDouble(null)", Raises(NFE, 'Value: "null" is not numeric or hexDecimal format!')),
    "parseDouble/padded": ('parseDouble(" 12")', Raises(NFE, 'Value: " 12" is not numeric or hexDecimal format!')),
    "parseDouble/negative_decimal": ('parseDouble("-4024000000000000")', -4.024e15),
    "parseDouble/negative_hex": ('parseDouble("-402400000000000A")', Raises(NFE, "Illegal leading minus sign")),
    # overloads with a primitive result unbox null: NullPointerException
    "parseHexToInt/null": ("parseHexToInt(null)", Raises(NPE)),
    "parseHexToInt/null_boxed": ("parseHexToInt(null, true)", None),
    "parseLittleEndianHexToInt/null": ("parseLittleEndianHexToInt(null)", Raises(NPE)),
    "parseHexToLong/null": ("parseHexToLong(null)", Raises(NPE)),
    "parseHexToLong/null_boxed": ("parseHexToLong(null, false)", None),
    "parseHexToFloat/null": ("parseHexToFloat(null)", Raises(NPE)),
    "parseHexToFloat/null_boxed": ("parseHexToFloat(null, true)", None),
    "parseHexToDouble/null": ("parseHexToDouble(null)", Raises(NPE)),
    "parseHexToDouble/not_hex": (
        'parseHexToDouble("XY")',
        Raises(NFE, 'Failed radix [16] for value: "XY", must be [-1] !'),
    ),
    "parseHexToDouble/odd": ('parseHexToDouble("ABC")', Raises(NFE, "must be of even length")),
    # parseBytesToX defaults: offset 0, length = what is left up to the width, big-endian
    "parseBytesToInt/list": ("parseBytesToInt([1, 2, 3, 4, 5])", 0x01020304),
    "parseBytesToInt/offset": ("parseBytesToInt([1, 2, 3, 4, 5], 2)", 0x030405),
    "parseBytesToInt/too_long": (
        "parseBytesToInt([1, 2, 3, 4, 5], 0, 5)",
        Raises("IllegalArgumentException", "Length: 5 is too large. Maximum 4 bytes is allowed!"),
    ),
    "parseBytesToInt/offset_out": (
        "parseBytesToInt([1, 2], 3, 1)",
        Raises("IllegalArgumentException", "Offset: 3 is out of bounds for array with length: 2!"),
    ),
    "parseBytesToLong/list": ("parseBytesToLong([1, 2])", 258),
    "parseBytesToLong/offset": ("parseBytesToLong([1, 2, 3], 1)", 0x0203),
    "parseBytesToLong/len": ("parseBytesToLong([1, 2, 3], 0, 2)", 258),
    "parseBytesToLong/array": ("parseBytesToLong(hexToBytesArray('FFFFFFFFFFFFFFFF'))", -1),
    "parseBytesToFloat/array": ("parseBytesToFloat(hexToBytesArray('41200000'))", 10.0),
    "parseBytesIntToFloat/list": ("parseBytesIntToFloat([0, 0, 1, 0])", 256.0),
    "parseBytesToDouble/array": ("parseBytesToDouble(hexToBytesArray('4024000000000000'))", 10.0),
    "parseBytesLongToDouble/offset": ("parseBytesLongToDouble([0, 1, 0], 1)", 256.0),
    # hex strings of numbers
    "intToHex/default": ("intToHex(255)", "FF"),
    "intToHex/le": ("intToHex(0x1234, false)", "3412"),
    "intToHex/minus_one": ("intToHex(-1)", "FFFF"),  # leading F's cut, then "FF" put back
    "intToHex/len_beyond_digits": (
        "intToHex(0xAB, true, false, 4)",
        Raises("StringIndexOutOfBoundsException", "begin -2, end 2, length 2"),
    ),
    "longToHex/default": ("longToHex(255L)", "FF"),
    "longToHex/le": ("longToHex(0x1234L, false)", "3412"),
    "longToHex/minus_one": ("longToHex(-1L)", "FFFF"),
    "intLongToRadixString/int_arg": ("intLongToRadixString(255, 16, false)", "FF"),
    "intLongToRadixString/le": ("intLongToRadixString(4660L, 16, false)", "3412"),
    "intLongToRadixString/radix_25": ("intLongToRadixString(-625L, 25)", "-100"),
    "intLongToRadixString/bad_radix": (
        "intLongToRadixString(1L, 3)",
        Raises("IllegalArgumentException", "Invalid radix: [3]"),
    ),
    "floatToHex/le": ("floatToHex(10.0f, false)", "0x00002041"),
    "floatToHex/double_arg": ("floatToHex(10.0)", "0x41200000"),
    "doubleToHex/int_arg": ("doubleToHex(10)", "0x4024000000000000"),
    # bytes and base64
    "hexToBytesArray/type": ("var a = hexToBytesArray('0102'); return {v: [isArray(a), isList(a)]};", [True, False]),
    "hexToBytes/type": ("var a = hexToBytes('0102'); return {v: [isArray(a), isList(a)]};", [False, True]),
    "base64ToHex": ('base64ToHex("AQID")', "010203"),
    "base64ToBytes": ('base64ToBytes("AQID")', [1, 2, 3]),
    "bytesToBase64": ("bytesToBase64(hexToBytesArray('010203'))", "AQID"),
    "bytesToHex/array": ("bytesToHex(hexToBytesArray('BBAA'))", "BBAA"),
    # a list literal is statically a java.util.ArrayList: MVEL calls bytesToHex(byte[]), converting 200 to (byte) -56
    "bytesToHex/list_literal_is_converted": ("bytesToHex([200, 1])", "C801"),
    # a list that is only known when running (payload) takes the ExecutionArrayList overload: Byte.parseByte per element
    "bytesToHex/execution_list": (
        "var l = payload.slice(0); l.add(200); return {v: bytesToHex(l)};",
        Raises(NFE, 'Value out of range. Value:"200" Radix:10'),
    ),
    "bytesToExecutionArrayList": (
        "var l = bytesToExecutionArrayList(hexToBytesArray('01FF')); return {v: [l, isList(l)]};",
        [[1, -1], True],
    ),
    "printUnsignedBytes": ('printUnsignedBytes(hexToBytes("FF0180"))', [255, 1, 128]),
    # decodeURI decodes every escape (URLDecoder), keeping '+'
    "decodeURI/reserved": ('decodeURI("a%2Fb%3Fc%23d+e%20f")', "a/b?c#d+e f"),
    "decodeURI/bad_escape": (
        'decodeURI("a%zz")',
        Raises("IllegalArgumentException", "Illegal hex characters in escape (%) pattern"),
    ),
    "decodeURI/trailing_escape": (
        'decodeURI("a%2")',
        Raises("IllegalArgumentException", "Incomplete trailing escape (%) pattern"),
    ),
    "encodeURI/brackets_and_percent": ('encodeURI("[a]%")', "%5Ba%5D%25"),
    # toFlatMap overloads
    "toFlatMap/map": ("toFlatMap({a: {b: 1}, c: [2]})", {"a.b": 1, "c.0": 2}),
    "toFlatMap/exclude": ("toFlatMap({a: {b: 1}, c: [2]}, ['c'])", {"a.b": 1}),
    "toFlatMap/no_paths": ("toFlatMap({a: {b: 1}})", {"a.b": 1}),
    # NumberUtils: toFixed, toInt, isNaN
    "toFixed/double": ("toFixed(2.345, 2)", 2.35),
    "toFixed/integral": ("toFixed(2.0, 2)", 2.0),
    "toFixed/int_arg": ("toFixed(2, 1)", 2.0),
    "toFixed/float": ("toFixed(2.345f, 1)", 2.3),
    "toFixed/half_up": ("toFixed(-2.5, 0)", -3.0),
    "toInt/half_up": ("toInt(2.5)", 3),
    "toInt/negative": ("toInt(-2.5)", -3),
    "toInt/low_32_bits": ("toInt(4294967297.0)", 1),
    "isNaN/nan": ("isNaN(0.0 / 0.0)", True),
    "isNaN/number": ("isNaN(1.5)", False),
    # pads, bits
    "padStart/char": ("padStart('7', 3, '0')", "007"),
    "padEnd/char": ("padEnd('7', 3, '0')", "700"),
    # TbUtilsTest's (byte) -1 is Java; in TBEL `(byte) -1` is the class byte minus 1 (null), so the operand is
    # parenthesized
    "parseByteToBinaryArray/wide": ("parseByteToBinaryArray((byte) (-1), 10)", [1] * 10),
    "parseByteToBinaryArray/int_arg_is_a_byte": ("parseByteToBinaryArray(0x9F, 10)", [1, 1, 1, 0, 0, 1, 1, 1, 1, 1]),
    "padStart/not_a_char": (
        "padStart('7', 3, 'ab')",
        Raises("ConversionException", "cannot convert a string with a length greater than 1 to java.lang.Character"),
    ),
    "parseBytesToBinaryArray/len": ("parseBytesToBinaryArray([0x39], 4)", [1, 0, 0, 1]),
    "parseBytesToBinaryArray/array": ("parseBytesToBinaryArray(hexToBytesArray('39'))", [0, 0, 1, 1, 1, 0, 0, 1]),
    "parseBinaryArrayToInt/list_offset": ("parseBinaryArrayToInt([1, 0, 1, 1], 1)", 3),
    "parseBinaryArrayToInt/sign_of_8_bits": ("parseBinaryArrayToInt([1, 0, 0, 0, 0, 0, 0, 1])", -127),
    # geofences: a two-point polygon is a rectangle; the circle's radius has a unit
    "isInsidePolygon/rectangle": ("isInsidePolygon(1.0, 1.0, '[[0, 0], [2, 2]]')", True),
    "isInsidePolygon/outside_rectangle": ("isInsidePolygon(3.0, 1.0, '[[0, 0], [2, 2]]')", False),
    "isInsideCircle/km": (
        'isInsideCircle(50.0, 30.0, \'{"latitude": 50.0, "longitude": 30.1, "radius": 8, "radiusUnit": "KILOMETER"}\')',
        True,
    ),
    "isInsideCircle/m": (
        'isInsideCircle(50.0, 30.0, \'{"latitude": 50.0, "longitude": 30.1, "radius": 7000}\')',
        False,
    ),
    # sets
    "toSet/dedup": ("toSet([1, 2, 2, 3]).size()", 3),
    "newSet/empty": ("newSet().isEmpty()", True),
}


@pytest.mark.parametrize("src,expected", list(CASES.values()), ids=list(CASES))
def test_tbutils_overload(src: str, expected: Any) -> None:
    run = _run(src)
    if isinstance(expected, Raises):
        assert run.error is not None, run.output
        assert expected.error in str(run.error) and expected.text in str(run.error), str(run.error)
        return
    got = run.output.get("v") if isinstance(run.output, dict) else run.output
    assert (got, type(got)) == (expected, type(expected)), run.error


@pytest.mark.parametrize(
    "call,message",
    [
        # not a name ThingsBoard imports
        ('parseDateToTimestampOrNow("1")', "null pointer or function not found: parseDateToTimestampOrNow"),
        ("parseBytesToUnsignedInt([1, 2], 0, 2)", "null pointer or function not found: parseBytesToUnsignedInt"),
        # an imported name, but no method of that name of its class takes these arguments
        (
            'parseHexIntLongToFloat("0A")',
            "unable to resolve method: org.thingsboard.script.api.tbel.TbUtils.parseHexIntLongToFloat(java.lang.String) [arglength=1]",  # noqa: E501
        ),
        (
            "toFixed(1.5)",
            "unable to resolve method: org.thingsboard.common.util.NumberUtils.toFixed(java.lang.Double) [arglength=1]",
        ),
        (
            "newSet(1)",
            "unable to resolve method: org.thingsboard.script.api.tbel.TbUtils.newSet(java.lang.Integer) [arglength=1]",
        ),
        (
            "padStart('1', 3)",
            "unable to resolve method: org.thingsboard.script.api.tbel.TbUtils.padStart(java.lang.String, java.lang.Integer) [arglength=2]",  # noqa: E501
        ),
    ],
)
def test_calls_thingsboard_does_not_resolve_fail_when_they_run(call: str, message: str) -> None:
    run = _run(f"return {{v: {call}}};")
    assert run.error is not None and message in str(run.error), run.error


def test_an_imported_name_resolves_among_all_methods_of_its_class() -> None:
    # TbUtils.register imports parseDouble(String) only, but MVEL looks the name up on the whole class
    assert _run('return {v: parseDouble("1", 10)};').output == {"v": 1.0}
