"""TbelInvokeDocsIoTest, part 2: TbUtils helpers, bitwise operations and dates (default zone UTC, as the
expected values of ThingsBoard's own test assume, e.g. "8/6/23, 4:04:05 AM" for new Date(2023, 8, 6, 4, 4, 5))."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from py_mini_racer import JSEvalException

from tests.converters.tbel.docs_io import Invoke, signed

PARSE_BYTES = """
var bytes = [0xBB, 0xAA];
var list = [-69, 83];
var intValByte = [0xAA, 0xBB, 0xCC, 0xDD];
var longValByte = [64, -101, 4, -79, 12, -78, -107, -22];
var bytesFloat = [0x0A];
var floatValByte = [0x41, 0xEA, 0x62, 0xCC];
var floatValList = [65, -22, 98, -52];
var intValByteFromInt = [0x00, 0x00, 0x00, 0x0A];
var byteAT101 = hexToBytes("0x01756403671B01048836BF7701F000090722050000");
var offsetLatInt = 9;
var coordinatesasBytes = hexToBytes("0x32D009423F23B300B0106E08D96B6C00");
var offsetLatLong = 0;
var factor = 1e15;
return {
    "bytesToHex1": bytesToHex(bytes), "bytesToHex2": bytesToHex(list),
    "bytesToInt1": parseBytesToInt(intValByte, 0, 3), "bytesToInt2": parseBytesToInt(intValByte, 0, 3, true),
    "bytesToInt3": parseBytesToInt(intValByte, 0, 3, false),
    "bytesToLong1": parseBytesToLong(longValByte, 0, 8), "bytesToLong2": parseBytesToLong(longValByte, 0, 8, false),
    "bytesToFloat1": parseBytesToFloat(bytesFloat), "bytesToFloat2": parseBytesToFloat(floatValByte, 0),
    "bytesToFloat3": parseBytesToFloat(floatValByte, 0, 2, false), "bytesToFloat4": parseBytesToFloat(floatValByte, 0, 2, true),
    "bytesToFloat5": parseBytesToFloat(floatValByte, 0, 3, false), "bytesToFloat6": parseBytesToFloat(floatValByte, 0, 3, true),
    "bytesToFloat7": parseBytesToFloat(floatValByte, 0, 4, false), "bytesToFloat8": parseBytesToFloat(floatValList, 0),
    "bytesToFloat9": parseBytesToFloat(floatValList, 0, 4, false),
    "bytesIntToFloat1": parseBytesIntToFloat(intValByteFromInt, 3, 1, true), "bytesIntToFloat2": parseBytesIntToFloat(intValByteFromInt, 3, 1, false),
    "bytesIntToFloat3": parseBytesIntToFloat(intValByteFromInt, 2, 2, true), "bytesIntToFloat4": parseBytesIntToFloat(intValByteFromInt, 2, 2, false),
    "bytesIntToFloat5": parseBytesIntToFloat(intValByteFromInt, 0, 4, true), "bytesIntToFloat6": parseBytesIntToFloat(intValByteFromInt, 0, 4, false),
    "bytesIntToFloat7": parseBytesIntToFloat(byteAT101, offsetLatInt, 4, false) / 1000000,
    "bytesIntToFloat8": parseBytesIntToFloat(byteAT101, offsetLatInt + 4, 4, false) / 1000000,
    "bytesLongToDouble1": parseBytesLongToDouble(coordinatesasBytes, offsetLatLong, 8, false) / factor,
    "bytesLongToDouble2": parseBytesLongToDouble(coordinatesasBytes, offsetLatLong + 8, 8, false) / factor,
    "bytesLongToExecutionArrayList": bytesToExecutionArrayList([0xAA, 0xBB, 0xCC, 0xDD])
}
"""  # noqa: E501
BINARY = """
var byteVal = 0x39;
var value = parseByteToBinaryArray(byteVal, 6, false);
var bytesVal = [0xCE, 0xB2];
var longValue = 52914L;
return {
    "all": parseByteToBinaryArray(byteVal), "b1": parseByteToBinaryArray(byteVal, 3), "b2": parseByteToBinaryArray(byteVal, 8, false),
    "b3": parseByteToBinaryArray(byteVal, 5, false), "b4": parseByteToBinaryArray(byteVal, 4, false), "b5": parseByteToBinaryArray(byteVal, 3, false),
    "value": parseByteToBinaryArray(byteVal, 6, false), "v": [value[0], value[1], value[2], value[3], value[4], value[5]],
    "bytesAll": parseBytesToBinaryArray(bytesVal), "bytes1": parseBytesToBinaryArray(bytesVal, 15),
    "bytes2": parseBytesToBinaryArray(bytesVal, 14), "bytes3": parseBytesToBinaryArray(bytesVal, 2),
    "long1": parseLongToBinaryArray(longValue), "long2": parseLongToBinaryArray(longValue, 16),
    "toInt1": parseBinaryArrayToInt([1, 0, 0, 1, 1, 1, 1, 1]), "toInt2": parseBinaryArrayToInt([1, 0, 0, 1, 1, 1, 1, 1], 1, 7)
}
"""  # noqa: E501
FLAT_MSG = """{"key1": "value1", "key2": 12, "key3": {"key4": "value4", "key5": 34, "key6": [{"key7": "value7"}, {"key8": "value8"},
 "just_string_value_in_array", 56], "key9": {"key10": ["value10_1", "value10_2", "value10_3"]}}, "key_to_overwrite": "root_value",
 "key11": {"key_to_overwrite": "second_level_value"}};"""  # noqa: E501
FLAT_FALSE = {
    "key1": "value1",
    "key2": 12,
    "key4": "value4",
    "key5": 34,
    "key7": "value7",
    "key8": "value8",
    "key6.2": "just_string_value_in_array",
    "key6.3": 56,
    "key10.0": "value10_1",
    "key10.1": "value10_2",
    "key10.2": "value10_3",
    "key_to_overwrite": "second_level_value",
}
URI = "-_.!~*'();/?:@&=+$,#ht://example.ж д a/path with spaces/?param1=Київ 1&param2=Україна2"
URI_ENC = (
    "-_.!~*'();/?:@&=+$,#ht://example.%D0%B6%20%D0%B4%20a/path%20with%20spaces/?param1=%D0%9A%D0%B8%D1%97%D0%B2%201"
    "&param2=%D0%A3%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B02"
)
DATE_FN = """
var d = new Date("2024-01-01T10:00:00.00Z");
var out = [d.toISOString()];
d.addYears(1); out.add(d.toISOString()); d.addYears(-2); out.add(d.toISOString());
d.addMonths(2); out.add(d.toISOString()); d.addMonths(10); out.add(d.toISOString()); d.addMonths(-13); out.add(d.toISOString());
d.addWeeks(4); out.add(d.toISOString()); d.addWeeks(-5); out.add(d.toISOString());
d.addDays(6); out.add(d.toISOString()); d.addDays(45); out.add(d.toISOString()); d.addDays(-50); out.add(d.toISOString());
d.addHours(23); out.add(d.toISOString()); d.addHours(-47); out.add(d.toISOString());
d.addMinutes(59); out.add(d.toISOString()); d.addMinutes(-60); out.add(d.toISOString());
d.addSeconds(59); out.add(d.toISOString()); d.addSeconds(-60); out.add(d.toISOString());
d.addNanos(999999); out.add(d.toISOString()); d.addNanos(-1000000); out.add(d.toISOString());
return out;
"""  # noqa: E501
PATTERN_MAP = """
var d1 = new Date("2023-08-06T04:04:05.00Z");
var d2 = new Date("2023-08-06T04:04:05.000");
var options1_2 = {"timeZone":"Europe/Berlin"};
var options1_2Str = JSON.stringify(options1_2);
var d3 = new Date(2023, 8, 6, 4, 4, 5);
var options3 = {"timeZone":"Europe/Berlin", "pattern": "M-d/yyyy, h:mm=ss a"};
var options3Str = JSON.stringify(options3);
var d4 = new Date(2023, 8, 6, 4, 4, 5, "UTC");
var options4 = {"timeZone":"Europe/Berlin","dateStyle":"full","timeStyle":"full"};
var options4Str = JSON.stringify(options4);
return {
    "dIso_1": d1.toISOString(), "dLocal_1": d1.toLocaleString(), "dLocal_1_options": d1.toLocaleString("en-US", options1_2Str),
    "dIso_2": d2.toISOString(), "dLocal_2_options": d2.toLocaleString("en-US", options1_2Str);,
    "dIso_3": d3.toISOString(), "dLocal_3_options": d3.toLocaleString("en-US", options3Str),
    "dIso_4": d4.toISOString(), "dLocal_4_options_ua": d4.toLocaleString("uk-UA", options4Str),
    "dLocal_4_options_us": d4.toLocaleString("en-US", options4Str), "dLocal_4_options_de": d4.toLocaleString("de", options4Str)
}
"""  # noqa: E501
UTC_D1 = "Sunday, August 6, 2023 at 8:04:05 AM Coordinated Universal Time"

TBDATE_PATTERN_MAP = {
    "dIso_1": "2023-08-06T04:04:05Z",
    "dLocal_1": "2023-08-06 04:04:05",
    "dLocal_1_options": "8/6/23, 6:04:05 AM",
    "dIso_2": "2023-08-06T04:04:05Z",
    "dLocal_2_options": "8/6/23, 6:04:05 AM",
    "dIso_3": "2023-08-06T04:04:05Z",
    "dLocal_3_options": "8-6/2023, 6:04=05 AM",
    "dIso_4": "2023-08-06T04:04:05Z",
    "dLocal_4_options_ua": "неділя, 6 серпня 2023 р. о 06:04:05 за центральноєвропейським літнім часом",
    "dLocal_4_options_us": "Sunday, August 6, 2023 at 6:04:05 AM Central European Summer Time",
    "dLocal_4_options_de": "Sonntag, 6. August 2023 um 06:04:05 Mitteleuropäische Sommerzeit",
}
CASES: dict[str, tuple[str, str, Any]] = {
    "atobBtoa": (
        '{"str": "Hello, world"}',
        'var encodedData = btoa(msg.str);\nreturn {"btoa": encodedData, "atob": atob(encodedData)}',
        {"btoa": base64.b64encode(b"Hello, world").decode(), "atob": "Hello, world"},
    ),
    "toFixed": (
        "{}",
        "return {toFixed1: toFixed(0.345, 1), toFixed2: toFixed(0.345, 2)}",
        {"toFixed1": 0.3, "toFixed2": 0.35},
    ),
    "toInt": (
        "{}",
        "return {toInt1: toInt(0.3), toInt2: toInt(0.5), toInt3: toInt(2.7)}",
        {"toInt1": 0, "toInt2": 1, "toInt3": 3},
    ),
    "stringToBytesBinaryString": (
        '{"base64Str": "eyJoZWxsbyI6ICJ3b3JsZCJ9", "inputStr": "hello, world"}',
        "var bytesStr = atob(msg.base64Str);\nreturn {bytesStr: stringToBytes(bytesStr), "
        "inputStr: stringToBytes(msg.inputStr),\n"
        'inputStrUTF8: stringToBytes(msg.inputStr, "UTF8")}',
        {
            "bytesStr": signed(base64.b64decode("eyJoZWxsbyI6ICJ3b3JsZCJ9")),
            "inputStr": signed(b"hello, world"),
            "inputStrUTF8": signed(b"hello, world"),
        },
    ),
    "stringToBytesObjectFromJsonAsString": (
        "{}",
        'var dataMap = {};\ndataMap.inputStr = "hello, world";\n'
        "var dataJson = JSON.parse(JSON.stringify(dataMap));\nreturn stringToBytes(dataJson.inputStr);",
        signed(b"hello, world"),
    ),
    "bytesToString": ("{}", "var bytes = [0x48,0x45,0x4C,0x4C,0x4F];\nreturn bytesToString(bytes);", "HELLO"),
    "decodeToJson": (
        "{}",
        'var bytes = stringToBytes(atob("eyJoZWxsbyI6ICJ3b3JsZCJ9"));\nreturn decodeToJson(bytes);',
        {"hello": "world"},
    ),
    "isTypeInValue": (
        "{}",
        'return {"binary": isBinary("1100110"), "notBinary": isBinary("2100110"), "octal": isOctal("4567734"),\n'
        '"notOctal": isOctal("8100110"), "decimal": isDecimal("4567039"), "notDecimal": isDecimal("C100110"),\n'
        '"hexadecimal": isHexadecimal("F5D7039"), "notHexadecimal": isHexadecimal("K100110"), '
        '"nan": isNaN(0.0 / 0.0), "number": isNaN(1.0)}',
        {
            "binary": 2,
            "notBinary": -1,
            "octal": 8,
            "notOctal": -1,
            "decimal": 10,
            "notDecimal": -1,
            "hexadecimal": 16,
            "notHexadecimal": -1,
            "nan": True,
            "number": False,
        },
    ),
    "encodeDecodeUri": (
        "{}",
        f'var uriOriginal = "{URI}";\nvar uriEncode = "{URI_ENC}";\n'
        'return {"encodeURI": encodeURI(uriOriginal), "decodeURI": decodeURI(uriEncode)}',
        {"encodeURI": URI_ENC, "decodeURI": URI},
    ),
    "printUnsignedBytes_be": ("{}", 'return printUnsignedBytes(hexToBytes("D8FF"));', [216, 255]),
    "printUnsignedBytes_le": ("{}", 'return printUnsignedBytes(hexToBytes("FFD8"));', [255, 216]),
    "padStart": (
        "{}",
        'var str1 = "010011";\nvar str2 ="1001010011";\nvar fullNumber = "203439900FFCD5581";\n'
        "var last4Digits = fullNumber.substring(11);\nreturn {padStart1: padStart(str1, "
        "8, '0'), padStart2: padStart(str2, 8, '0'),\n"
        "padStart16: padStart(str2, 16, '*'), padStartFullNumber: padStart(last4Digits, fullNumber.length(), '*')}",
        {
            "padStart1": "00010011",
            "padStart2": "1001010011",
            "padStart16": "******1001010011",
            "padStartFullNumber": "***********CD5581",
        },
    ),
    "padEnd": (
        "{}",
        'var str1 = "010011";\nvar str2 ="1001010011";\nvar fullNumber = "203439900FFCD5581";\n'
        "var last4Digits = fullNumber.substring(0, 11);\nreturn {padEnd1: padEnd(str1, "
        "8, '0'), padEnd2: padEnd(str2, 8, '0'),\n"
        "padEnd16: padEnd(str2, 16, '*'), padEndFullNumber: padEnd(last4Digits, fullNumber.length(), '*')}",
        {
            "padEnd1": "01001100",
            "padEnd2": "1001010011",
            "padEnd16": "1001010011******",
            "padEndFullNumber": "203439900FF******",
        },
    ),
    "numberToRadixStringIntLongFloatDouble": (
        "{}",
        'var i = 0x7FFFFFFF;\nreturn {"intToHex1": intToHex(i, true, true), '
        '"intToHex2": intToHex(171, true, false), "intToHex3": intToHex(0xABCDEF, '
        'false, true, 4), "intToHex4": intToHex(0xABCD, false, false, 2),\n'
        '"longToHex1": longToHex(9223372036854775807, true, true), "longToHex2": '
        "longToHex(0x7A12BCD3, true, true, 4),\n"
        '"longToHex3": longToHex(0x7A12BCD3, false, false, 4), "floatToHex1": floatToHex(123456789.00), '
        '"floatToHex2": floatToHex(123456789.00, false),\n'
        '"doubleToHex1": doubleToHex(1729.1729d), "doubleToHex2": doubleToHex(1729.1729d, false)}',
        {
            "intToHex1": "0x7FFFFFFF",
            "intToHex2": "AB",
            "intToHex3": "0xCDAB",
            "intToHex4": "AB",
            "longToHex1": "0x7FFFFFFFFFFFFFFF",
            "longToHex2": "0xBCD3",
            "longToHex3": "127A",
            "floatToHex1": "0x4CEB79A3",
            "floatToHex2": "0xA379EB4C",
            "doubleToHex1": "0x409B04B10CB295EA",
            "doubleToHex2": "0xEA95B20CB1049B40",
        },
    ),
    "intLongToRadixString": (
        "{}",
        'return {"bin1": intLongToRadixString(58, 2), "bin2": intLongToRadixString(9223372036854775807, 2),\n'
        '"octal1": intLongToRadixString(13158, 8), "octal2": intLongToRadixString(-13158, '
        '8), "decimal": intLongToRadixString(-13158, 10),\n'
        '"hexDecimal1": intLongToRadixString(13158, 16), "hexDecimal2": intLongToRadixString(-13158, 16),\n'
        '"hexDecimal3": intLongToRadixString(9223372036854775807, 16), "hexDecimal4": '
        "intLongToRadixString(-13158, 16, true, true)}",
        {
            "bin1": "00111010",
            "bin2": "0" + "1" * 63,
            "octal1": "31546",
            "octal2": "1777777777777777746232",
            "decimal": "-13158",
            "hexDecimal1": "3366",
            "hexDecimal2": "FFCC9A",
            "hexDecimal3": "7FFFFFFFFFFFFFFF",
            "hexDecimal4": "0xFFCC9A",
        },
    ),
    "parseHex": (
        "{}",
        'return {"hexToInt1": parseHexToInt("BBAA"), "hexToInt2": parseHexToInt("BBAA", '
        'true), "hexToInt3": parseHexToInt("AABB", false),\n'
        '"hexToInt4": parseHexToInt("BBAA", false), "hexToFloat1": parseHexToFloat("41EA62CC"), '
        '"hexToFloat2": parseHexToFloat("41EA62CC", true),\n'
        '"hexToFloat3": parseHexToFloat("41EA62CC", false), "hexToFloat4": parseHexToFloat("CC62EA41", false),\n'
        '"hexIntLongToFloat1": parseHexIntLongToFloat("0x0A", true), "hexIntLongToFloat2": '
        'parseHexIntLongToFloat("0x0A", false),\n'
        '"hexIntLongToFloat3": parseHexIntLongToFloat("0x00000A", true), "hexIntLongToFloat4": '
        'parseHexIntLongToFloat("0x0A0000", false),\n'
        '"hexIntLongToFloat5": parseHexIntLongToFloat("0x000A0A", true), "hexIntLongToFloat6": '
        'parseHexIntLongToFloat("0x0A0A00", false),\n'
        '"hexToDouble1": parseHexToDouble("409B04B10CB295EA"), "hexToDouble2": '
        'parseHexToDouble("409B04B10CB295EA", false),\n'
        '"hexToDouble3": parseHexToDouble("409B04B10CB295EA", true), "hexToDouble4": '
        'parseHexToDouble("EA95B20CB1049B40", false)}',
        {
            "hexToInt1": 48042,
            "hexToInt2": 48042,
            "hexToInt3": 48042,
            "hexToInt4": 43707,
            "hexToFloat1": 29.29824,
            "hexToFloat2": 29.29824,
            "hexToFloat3": -5.948442e7,
            "hexToFloat4": 29.29824,
            "hexIntLongToFloat1": 10.0,
            "hexIntLongToFloat2": 10.0,
            "hexIntLongToFloat3": 10.0,
            "hexIntLongToFloat4": 10.0,
            "hexIntLongToFloat5": 2570.0,
            "hexIntLongToFloat6": 2570.0,
            "hexToDouble1": 1729.1729,
            "hexToDouble2": -2.7208640774822924e205,
            "hexToDouble3": 1729.1729,
            "hexToDouble4": 1729.1729,
        },
    ),
    "parseBytes": (
        "{}",
        PARSE_BYTES,
        {
            "bytesToHex1": "BBAA",
            "bytesToHex2": "BB53",
            "bytesToInt1": 11189196,
            "bytesToInt2": 11189196,
            "bytesToInt3": 13417386,
            "bytesToLong1": 4655319798286292458,
            "bytesToLong2": -1543131529725306048,
            "bytesToFloat1": 1.4e-44,
            "bytesToFloat2": 29.29824,
            "bytesToFloat3": 8.4034e-41,
            "bytesToFloat4": 2.3646e-41,
            "bytesToFloat5": 9.083913e-39,
            "bytesToFloat6": 6.053388e-39,
            "bytesToFloat7": -5.948442e7,
            "bytesToFloat8": 29.29824,
            "bytesToFloat9": -5.948442e7,
            "bytesIntToFloat1": 10.0,
            "bytesIntToFloat2": 10.0,
            "bytesIntToFloat3": 10.0,
            "bytesIntToFloat4": 2560.0,
            "bytesIntToFloat5": 10.0,
            "bytesIntToFloat6": 1.6777216e8,
            "bytesIntToFloat7": 24.62495,
            "bytesIntToFloat8": 118.03058,  # Java's 118.030576f is this float32
            "bytesLongToDouble1": 50.42277542905861,
            "bytesLongToDouble2": 30.517877378257072,
            "bytesLongToExecutionArrayList": [-86, -69, -52, -35],
        },
    ),
    "hexToBytes": (
        "{}",
        (
            'return {"hexToBytes": hexToBytes("0x01752B0367FA000500010488FFFFFFFFFFFFFFFF33"), '
            '"hexToBytesArray": hexToBytesArray("AABBCCDDEE"),}'
        ),
        {
            "hexToBytes": [1, 117, 43, 3, 103, -6, 0, 5, 0, 1, 4, -120, -1, -1, -1, -1, -1, -1, -1, -1, 51],
            "hexToBytesArray": [-86, -69, -52, -35, -18],
        },
    ),
    "parseBinaryArray": (
        "{}",
        BINARY,
        {
            "all": [0, 0, 1, 1, 1, 0, 0, 1],
            "b1": [0, 0, 1],
            "b2": [1, 0, 0, 1, 1, 1, 0, 0],
            "b3": [1, 0, 0, 1, 1],
            "b4": [1, 0, 0, 1],
            "b5": [1, 0, 0],
            "value": [1, 0, 0, 1, 1, 1],
            "v": [1, 0, 0, 1, 1, 1],
            "bytesAll": [1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
            "bytes1": [1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
            "bytes2": [0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
            "bytes3": [1, 0],
            "long1": [0] * 48 + [1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
            "long2": [1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
            "toInt1": -97,
            "toInt2": 31,
        },
    ),
    "parseInt": (
        "{}",
        'return {"p01": parseInt("0"), "p02": parseInt("473"), "p03": parseInt("+42"), "p04": parseInt("-0", 10),\n'
        '"p05": parseInt("-0xFF"), "p06": parseInt("-FF", 16), "p07": parseInt("1100110", '
        '2), "p08": parseInt("2147483647", 10),\n'
        '"p09": parseInt("-2147483648", 10), "p10": parseInt("Kona", 27)}',
        {
            "p01": 0,
            "p02": 473,
            "p03": 42,
            "p04": 0,
            "p05": -255,
            "p06": -255,
            "p07": 102,
            "p08": 2147483647,
            "p09": -2147483648,
            "p10": 411787,
        },
    ),
    "parseLong": (
        "{}",
        'return {"p01": parseLong("0"), "p02": parseLong("473"), "p03": parseLong("+42"), "p04": parseLong("-0", 10),\n'
        '"p05": parseLong("-0xFFFF"), "p06": parseLong("-FFFF", 16), "p07": parseLong("11001101100110", 2),\n'
        '"p08": parseLong("777777777777777777777", 8), "p09": parseLong("KonaLong", '
        '27), "p10": parseLong("9223372036854775807", 10),\n'
        '"p11": parseLong("-9223372036854775808", 10),}',
        {
            "p01": 0,
            "p02": 473,
            "p03": 42,
            "p04": 0,
            "p05": -65535,
            "p06": -65535,
            "p07": 13158,
            "p08": 9223372036854775807,
            "p09": 218840926543,
            "p10": 9223372036854775807,
            "p11": -9223372036854775808,
        },
    ),
    "parseFloat": ("{}", 'return parseFloat("4.2");', 4.2),
    "parseDouble": ("{}", 'return parseDouble("4.2");', 4.2),
    "bitwiseOperationsBoolean": (
        "{}",
        'var x = true;\nvar y = false;\nreturn {"andResult": x & y, "orResult": x | y, "xorResult": x ^ y,\n'
        '"leftShift": x << y, "rightShift": x >> y, "rightUnShift": x >>> y}',
        {"andResult": 0, "orResult": 1, "xorResult": 1, "leftShift": 1, "rightShift": 1, "rightUnShift": 1},
    ),
    "bitwiseOperationsMix": (
        "{}",
        "var x = true;\nvar y = false;\nvar i = 10;\nvar b = -14;\nvar l = 9223372036854775807;\n"
        'return {"andResult": x & b, "orResult": i | y, "xorResult": i ^ l, "leftShift": '
        'l << i, "rightShift": l >> b, "rightUnShift": i >>> x}',
        {
            "andResult": 0,
            "orResult": 10,
            "xorResult": 9223372036854775797,
            "leftShift": -1024,
            "rightShift": 8191,
            "rightUnShift": 5,
        },
    ),
    "base64": (
        "{}",
        'return {"base64ToHex": base64ToHex("Kkk="), "bytesToBase64": bytesToBase64([42, 73]),\n'
        '"base64ToBytes": base64ToBytes("Kkk="), "base64ToBytesList": base64ToBytesList("AQIDBAU=")}',
        {
            "base64ToHex": "2A49",
            "bytesToBase64": "Kkk=",
            "base64ToBytes": [42, 73],
            "base64ToBytesList": [1, 2, 3, 4, 5],
        },
    ),
    "toFlatMap": (
        FLAT_MSG,
        'return {"toFlatMap": toFlatMap(msg), "toFlatMapFalse": toFlatMap(msg, false),\n'
        '"toFlatMapExcludeList": toFlatMap(msg, ["key1", "key3"]), "toFlatMapExcludeListFalse": '
        'toFlatMap(msg, ["key2", "key4"], false)}',
        {
            "toFlatMap": {
                "key1": "value1",
                "key2": 12,
                "key3.key4": "value4",
                "key3.key5": 34,
                "key3.key6.0.key7": "value7",
                "key3.key6.1.key8": "value8",
                "key3.key6.2": "just_string_value_in_array",
                "key3.key6.3": 56,
                "key3.key9.key10.0": "value10_1",
                "key3.key9.key10.1": "value10_2",
                "key3.key9.key10.2": "value10_3",
                "key_to_overwrite": "root_value",
                "key11.key_to_overwrite": "second_level_value",
            },
            "toFlatMapFalse": FLAT_FALSE,
            "toFlatMapExcludeList": {
                "key2": 12,
                "key_to_overwrite": "root_value",
                "key11.key_to_overwrite": "second_level_value",
            },
            "toFlatMapExcludeListFalse": {k: v for k, v in FLAT_FALSE.items() if k not in ("key2", "key4")},
        },
    ),
    "tbDateStringTZ": (
        "{}",
        'return [new Date("2023-08-06T04:04:05.123Z").toISOString(), new Date("2023-08-06T12:04:05.123").toIS'
        "OString(),\n"
        'new Date("2023-08-06T04:04:05.00-04").toISOString(), new Date("2023-08-06T04:04:05.00+02:00").toISOString(),\n'
        'new Date("2023-08-06T04:04:05.00+03:00:00").toISOString(), new Date("Tue, '
        '3 Jun 2008 11:05:30 GMT").toISOString(),\n'
        'new Date("Tue, 3 Jun 2008 11:05:30 +043056").toISOString()];',
        [
            "2023-08-06T04:04:05.123Z",
            "2023-08-06T12:04:05.123Z",
            "2023-08-06T08:04:05Z",
            "2023-08-06T02:04:05Z",
            "2023-08-06T01:04:05Z",
            "2008-06-03T11:05:30Z",
            "2008-06-03T06:34:34Z",
        ],
    ),
    "tbDateStringPattern": (
        "{}",
        'var pattern = "yyyy-MM-dd HH:mm:ss.SSSXXX";\nreturn [new Date("2023-08-06 '
        '04:04:05.000Z", pattern).toISOString(),\n'
        'new Date("2023-08-06 04:04:05.000-04:00", pattern).toISOString(), new '
        'Date("2023-08-06 12:04:05.000", "yyyy-MM-dd HH:mm:ss.SSS").toISOString()];',
        ["2023-08-06T04:04:05Z", "2023-08-06T08:04:05Z", "2023-08-06T12:04:05Z"],
    ),
    "tbDateStringPatternLocale": (
        "{}",
        'var pattern = "hh:mm:ss a, EEE M/d/uuuu";\nvar d1 = new Date("12:15:30 PM, So. 10/09/2022", pattern, "de");\n'
        'var d2 = new Date("12:15:30 PM, Sun 10/09/2022", pattern, "en-US");\n'
        'return [d1.toISOString(), d1.toLocaleString("de"), d2.toISOString(), d2.toLocaleString("en-US")];',
        ["2022-10-09T12:15:30Z", "09.10.22, 12:15:30", "2022-10-09T12:15:30Z", "10/9/22, 12:15:30 PM"],
    ),
    "tbDateStringPatternLocaleTZ": (
        "{}",
        'var d = new Date("2023-08-06 04:04:05.000+02:00", "yyyy-MM-dd HH:mm:ss.SSSXXX", "de", "America/New_York");\n'
        'return [d.toISOString(), d.toLocaleString("de"), d.toLocaleString("en-US")];',
        ["2023-08-06T08:04:05Z", "06.08.23, 08:04:05", "8/6/23, 8:04:05 AM"],
    ),
    "tbDateInstantYearMonthDateHrsMinSecond": (
        "{}",
        'var d1 = new Date(2023, 8, 6, 4, 4, 5, "America/New_York");\n'
        'var d2 = new Date(2023, 8, 6, 4, 4, 5, "Europe/Berlin");\nreturn [d1.toLocaleString(), '
        "d1.toISOString(), d1.toString(),\n"
        'd2.toLocaleString(), d2.toLocaleString("en-us", "America/New_York"), d2.toISOString(), d2.toString()];',
        [
            "2023-08-06 08:04:05",
            "2023-08-06T08:04:05Z",
            UTC_D1,
            "2023-08-06 02:04:05",
            "8/5/23, 10:04:05 PM",
            "2023-08-06T02:04:05Z",
            "Sunday, August 6, 2023 at 2:04:05 AM Coordinated Universal Time",
        ],
    ),
    "tbDateLocale": (
        "{}",
        'var d1 = new Date(2023, 8, 6, 4, 4, 5);\nvar d2 = new Date("2023-08-06T04:04:05.000");\n'
        'var d3 = new Date(2023, 8, 6, 4, 4, 5, "Europe/Berlin");\nreturn [d1.toLocaleString("en-US"), '
        "d1.toISOString(), d1.toString(),\n"
        'd2.toISOString(), d2.toLocaleString("de"), d2.toLocaleString("UTC"), d3.toISOString(), '
        'd3.toLocaleString("UTC"),\n'
        'd3.toLocaleString("en-us"), d3.toLocaleString("de")];',
        [
            "8/6/23, 4:04:05 AM",
            "2023-08-06T04:04:05Z",
            "Sunday, August 6, 2023 at 4:04:05 AM Coordinated Universal Time",
            "2023-08-06T04:04:05Z",
            "06.08.23, 04:04:05",
            "2023-08-06 04:04:05",
            "2023-08-06T02:04:05Z",
            "2023-08-06 02:04:05",
            "8/6/23, 2:04:05 AM",
            "06.08.23, 02:04:05",
        ],
    ),
    "tbDateLocaleTZ": (
        "{}",
        'var d = new Date(2023, 8, 6, 4, 4, 5, "Europe/Berlin");\nreturn [d.toISOString(), d.toLocaleString("UTC"),\n'
        'd.toLocaleString("en-us", "America/New_York"), d.toLocaleString("de", "Europe/Berlin")];',
        ["2023-08-06T02:04:05Z", "2023-08-06 02:04:05", "8/5/23, 10:04:05 PM", "06.08.23, 04:04:05"],
    ),
    "tbDateLocalPatternMap": ("{}", PATTERN_MAP, TBDATE_PATTERN_MAP),
}
CASES.update(
    {
        "tbDateLocalPatternMap_well_formed": (
            "{}",
            PATTERN_MAP.replace("options1_2Str);,", "options1_2Str),"),
            TBDATE_PATTERN_MAP,
        ),
        "tbDateFunction": (
            "{}",
            DATE_FN,
            [
                "2024-01-01T10:00:00Z",
                "2025-01-01T10:00:00Z",
                "2023-01-01T10:00:00Z",
                "2023-03-01T10:00:00Z",
                "2024-01-01T10:00:00Z",
                "2022-12-01T10:00:00Z",
                "2022-12-29T10:00:00Z",
                "2022-11-24T10:00:00Z",
                "2022-11-30T10:00:00Z",
                "2023-01-14T10:00:00Z",
                "2022-11-25T10:00:00Z",
                "2022-11-26T09:00:00Z",
                "2022-11-24T10:00:00Z",
                "2022-11-24T10:59:00Z",
                "2022-11-24T09:59:00Z",
                "2022-11-24T09:59:59Z",
                "2022-11-24T09:58:59Z",
                "2022-11-24T09:58:59.000999999Z",
                "2022-11-24T09:58:58.999999999Z",
            ],
        ),
        "isMap": ("{}", "return [isMap(msg), isList(msg)];", [True, False]),
        "isList": ("{}", "var list = [];\nlist.add(0x35);\nreturn isList(list);", True),
        "isSet": ('{"list": ["C", "B", "A", 34567, "B", "C", "hello", 34]}', "return isSet(toSet(msg.list));", True),
        "isArray": (
            "{}",
            "var array = new int[3];\narray[0] = 1;\narray[1] = 2;\narray[2] = 3;\nreturn isArray(array);",
            True,
        ),
        "isInsidePolygon": (
            "{}",
            'var perimeter = "[[[37.7810,-122.4210],[37.7890,-122.3900],[37.7700,-122.3800],[37.7600,-122.4000],'
            "[37.7700,-122.4250],[37.7810,-122.4210]],[[37.7730,-122.4050],[37.7700,-122.3950],[37.7670,-122.3980"
            "],[37.7690,-122.4100],"
            '[37.7730,-122.4050]]]";\nreturn {outsidePolygon: isInsidePolygon(37.8000, -122.4300, perimeter),\n'
            "insidePolygon: isInsidePolygon(37.7725, -122.4010, perimeter), insideHole: "
            "isInsidePolygon(37.7700, -122.4030, perimeter)}",
            {"outsidePolygon": False, "insidePolygon": True, "insideHole": False},
        ),
        "isInsideCircle": (
            "{}",
            'var perimeter = "{\\"latitude\\":37.7749,\\"longitude\\":-122.4194,\\"radius\\":3000,\\"radiusUnit\\'
            '":\\"METER\\"}";\n'
            "return {outsideCircle: isInsideCircle(37.8044, -122.2712, perimeter), "
            "insideCircle: isInsideCircle(37.7599, -122.4148, perimeter)}",
            {"outsideCircle": False, "insideCircle": True},
        ),
    }
)

XFAIL: dict[str, str] = {}


def _params() -> list[Any]:
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=XFAIL[n])) if n in XFAIL else n for n in CASES]


@pytest.mark.parametrize("name", _params())
def test_docs_io_utils(invoke: Invoke, name: str) -> None:
    msg, script, expected = CASES[name]
    assert invoke(script, msg) == expected


ERRORS: dict[str, tuple[str, str]] = {
    "raiseError": (
        'var message = "frequency_weighting_type must be 0, 1 or 2.";\nreturn raiseError(message);',
        "frequency_weighting_type must be 0, 1 or 2.",
    ),
    "raiseError_concat": (
        (
            'var message = "frequency_weighting_type must be 0, 1 or 2. A value of '
            '4 is invalid.";\nreturn raiseError(message);'
        ),
        "frequency_weighting_type must be 0, 1 or 2. A value of 4 is invalid.",
    ),
    "parseInt_overflow": ('return parseInt("2147483648", 10);', 'For input string: "2147483648"'),
    "parseInt_radix8": ('return parseInt("99", 8);', 'Failed radix [8] for value: "99"'),
    "parseInt_radix10": ('return parseInt("Kona", 10);', 'Failed radix [10] for value: "Kona"'),
    "parseLong_overflow": ('return parseLong("9223372036854775808", 10);', 'For input string: "9223372036854775808"'),
    "parseLong_radix16": ('return parseLong("0xFGFFFFFF", 16);', 'Failed radix [16] for value: "0xFGFFFFFF"'),
    "parseLong_odd_hex": ('return parseLong("FFFFFFFFF", 16);', 'The hexadecimal value: "FFFFFFFFF"'),
    "parseLong_radix8": ('return parseLong("1787", 8);', 'Failed radix [8] for value: "1787"'),
    "parseLong_radix10": ('return parseLong("KonaLong", 10);', 'Failed radix [10] for value: "KonaLong"'),
    "tbDate_pattern_locale_mismatch": (
        (
            'var pattern = "hh:mm:ss a, EEE M/d/uuuu";\nvar d = new Date("02:15:30 '
            'PM, Sun 10/09/2022", pattern, "de");\nreturn d;'
        ),
        "could not create constructor",
    ),
}
ERRORS_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=ERRORS_XFAIL[n])) if n in ERRORS_XFAIL else n
        for n in ERRORS
    ],
)
def test_docs_io_utils_errors(invoke: Invoke, name: str) -> None:
    script, message = ERRORS[name]
    with pytest.raises(JSEvalException) as info:
        invoke(script)
    assert message in str(info.value)
