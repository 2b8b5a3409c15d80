"""TBEL language semantics: each construct compiled, run in V8 and compared as a whole value."""

from __future__ import annotations

from typing import Any

import pytest

# (TBEL body, expected JSON result); payload is [200, 1, 255, 255] unless a test says otherwise.
EXPRESSIONS: dict[str, tuple[str, Any]] = {
    "int_division_gives_double": ("return [7 / 2, 6 / 3, 7 % 3];", [3.5, 2.0, 1]),
    # a typed declaration does not convert: x holds the Double 3.5 (but is an int to the compiler)
    "typed_int_keeps_its_value": ("int x = 7 / 2; return [x, x + 1];", [3.5, 4]),
    "byte_times_int_is_int": ("return [payload[1] * 3 / 2, payload[0] + payload[1]];", [1.5, -55]),
    "byte_div_int_narrows_to_int": ("return payload[0] / 3;", -18),
    "long_div_int_narrows_to_long": ("return parseBytesToLong(payload, 2, 2) / 1000;", 65),
    "double_concat_java_format": (
        'return ["" + 2.0, "" + (1 / 4), "v" + 1e7, "" + 0.0001, "" + 100, "" + 3L];',
        ["2.0", "0.25", "v1.0E7", "1.0E-4", "100", "3"],
    ),
    "float_concat_shortest": ('return "" + parseBytesToFloat([0x41, 0xAA, 0x66, 0x66]);', "21.3"),
    "float_output_shortest": ("return parseBytesToFloat([0x41, 0xAA, 0x66, 0x66]);", 21.3),
    "int_overflow_promotes_to_long": ("return 2147483647 + 1;", 2147483648),
    "signed_payload_bytes": ("return [payload[0], payload[0] & 0xFF, payload.length];", [-56, 200, 4]),
    "bitwise_ops": (
        "return [-1 >>> 28, 0xFF << 24, ~5, 6 & 3, 6 | 3, 6 ^ 3, -16 >> 2, 1L << 40];",
        [15, -16777216, -6, 2, 7, 5, -4, 1099511627776],
    ),
    "string_value_equality": (
        'var a = "ab"; var b = "a"; b += "b"; return [a == b, a != b, 5 == "5"];',
        [True, False, True],
    ),
    "missing_key_is_null": ("var m = {a: 1}; return [m.b, m['c'], m.b == null];", [None, None, True]),
    "null_values_dropped": ('var m = {a: null, b: 1}; m.c = null; m.put("b", null); m.d = 2; return m;', {"d": 2}),
    "null_safe_navigation": ("var m = {}; return [m.?a.b, m.?a.size()];", [None, None]),
    "ternary_and_logic": (
        "var x = 5; return [(x > 3 ? 'big' : 'small'), x > 3 && x < 4, !(x == 5) || true];",
        ["big", False, True],
    ),
    "compound_assignment": (
        "var x = 10; x += 5; x -= 1; x *= 2; x /= 4; var s = 'a'; s += 1; return [x, s];",
        [7.0, "a1"],
    ),
    "increments": (
        "var i = 0; var a = i++; var b = ++i; var m = {n: 1, l: [1]}; m.n += 1; m.l[0] += 2; return [a, b, i, m.n, m.l];",  # noqa: E501
        [0, 2, 2, 2, [3]],
    ),
    "casts": (
        "return [(int) 3.9, (int) (-3.9), (double) 3, (byte) 200, (long) 2.5, (String) 5];",
        [3, -3, 3.0, -56, 2, "5"],
    ),
    "new_arrays": ("int[] a = new int[3]; a[1] = 7; return [a, isArray(a)];", [[0, 7, 0], True]),
    "instanceof": (
        'return [1 instanceof Integer, "s" instanceof String, 1.0 instanceof Double, 1.0 instanceof Integer];',
        [True, True, True, False],
    ),
    "last_expression_is_result": ("var x = {k: 1}; x", {"k": 1}),
    "map_literal_ternary_quirk": (
        "var c = true; return {pir: c ? 'trigger' : 'idle', ok: (c ? 1 : 2)};",
        {"trigger": "idle", "ok": 1},
    ),
    "quoted_map_keys": ("return {\"a b\": 1, 'c': 2};", {"a b": 1, "c": 2}),
}

STATEMENTS: dict[str, tuple[str, Any]] = {
    "foreach_list": ("var s = 0; foreach (x : [1, 2, 3]) { s += x; } return s;", 6),
    "for_colon_typed": ("var s = ''; for (String x : ['a', 'b']) { s = s + x; } return s;", "ab"),
    "foreach_entry_set": (
        (
            "var m = {a: 1, b: 2}; var out = []; foreach (e : m.entrySet()) { out.add(e.key "
            "+ '=' + e.getValue()); } return out;"
        ),
        ["a=1", "b=2"],
    ),
    "classic_for_break": (
        "var out = []; for (int i = 0; i < 10; i++) { if (i > 3) break; if (i != 1) { out.add(i); } } return out;",
        [0, 2, 3],
    ),
    "while_and_do": (
        "var i = 0; while (i < 3) { i++; } var j = 0; do { j += 2; } while (j < 5); return [i, j];",
        [3, 6],
    ),
    "if_else_chain": (
        "var x = 2; var r; if (x == 1) { r = 'a'; } else if (x == 2) r = 'b'; else { r = 'c'; } return r;",
        "b",
    ),
    "switch": (
        (
            "var out = [];\nforeach (v : [1, 2, 3]) {\n  switch (v) {\n    case 1:\n      out.add('one');\n"
            "      break;\n    case 2:\n      out.add('two');\n      break;\n    default:\n      out.add('other');\n"
            "  }\n}\nreturn out;"
        ),
        ["one", "two", "other"],
    ),
    "def_and_function_hoisted": (
        "return [add(1, 2), twice(3)];\ndef add(a, b) { return a + b; }\nfunction twice(x) { return x * 2; }",
        [3, 6],
    ),
    "implicit_variable": ("total = 1; bump(); return total;\nfunction bump() { total = total + 1; }", 2),
    # a function's `var data` is the top-level `data` when that was compiled before the function
    "function_var_is_an_earlier_global": (
        (
            "var data = {port: 85};\nfunction f() { var p = data.port; var data = {}; "
            "data.x = 1; return [p, data]; }\nreturn [f(), data];"
        ),
        [[85, {"x": 1}], {"x": 1}],
    ),
    "function_var_is_local_before_a_later_global": (
        "function f() { var data = {x: 1}; return data; }\nvar data = {port: 85};\nreturn [f(), data];",
        [{"x": 1}, {"port": 85}],
    ),
    "builtin_wins_over_user_function": ("function toFixed(a, b) { return 'mine'; } return toFixed(1.237, 2);", 1.24),
}

COLLECTIONS: dict[str, tuple[str, Any]] = {
    "list_methods": (
        (
            "var l = [3, 1, 2]; l.add(4); l.add(0, 9); l.set(1, 5); l.remove(0); var "
            "r = [l.size(), l.get(0), l.contains(2), l.indexOf(4), l.isEmpty()]; l.sort(); "
            "r.add(l); return r;"
        ),
        [4, 5, True, 3, False, [1, 2, 4, 5]],
    ),
    "list_add_all_and_length": ("var l = [1]; l.addAll([2, 3]); return [l, l.size, l.length];", [[1, 2, 3], 3, 3]),
    "map_methods": (
        (
            "var m = {}; m.put('a', 1); m.putAll({b: 2}); var "
            "r = [m.get('a'), m.containsKey('b'), m.getOrDefault('z', 0), m.size(), "
            "m.isEmpty()]; m.remove('a'); r.add(m); r.add(m.values()); "
            "return {r: r, keys: m.keySet().size()};"
        ),
        {"r": [1, True, 0, 2, False, {"b": 2}, [2]], "keys": 1},
    ),
    "string_methods": (
        (
            "var s = ' Hello,World '; var t = s.trim(); return [t.length(), t.substring(6), "
            "t.indexOf('o'), t.startsWith('He'), t.endsWith('d'), t.toUpperCase(), "
            "t.toLowerCase(), t.replace('l', 'L'), t.replaceAll('[lo]+', "
            "'_'), t.charAt(1), t.equalsIgnoreCase('hello,world'), t.contains('lo,'), "
            "t.equals('x')];"
        ),
        [
            11,
            "World",
            4,
            True,
            True,
            "HELLO,WORLD",
            "hello,world",
            "HeLLo,WorLd",
            "He_,W_r_d",
            "e",
            True,
            True,
            False,
        ],
    ),
    "string_format": (
        'return [String.format("%02X:%d:%.2f:%s:%5d", 10, 42, 2.345, "x", 7), String.valueOf(2.5)];',
        ["0A:42:2.35:x:    7", "2.5"],
    ),
    "java_statics": (
        (
            'return [Integer.parseInt("ff", 16), Integer.toHexString(-1), Long.parseLong("123"), '
            'Double.parseDouble("1.5"), Float.parseFloat("2.5"), Math.pow(2, 10), Math.abs(-3), '
            'Math.round(2.5), Integer.MIN_VALUE, Boolean.parseBoolean("TRUE")];'
        ),
        [255, "ffffffff", 123, 1.5, 2.5, 1024.0, 3, 3, -2147483648, True],
    ),
    "arrays_copy_of_range": (
        'var b = base64ToBytes("AQID"); var a = java.util.Arrays.copyOfRange(b, 1, 3); return [a, a.length];',
        [[2, 3], 2],
    ),
    "json_parse_stringify": (
        'var o = JSON.parse("{\\"a\\": [1, 2.5, null]}"); return [o, JSON.stringify({x: 2.0, y: "s"})];',
        [{"a": [1, 2.5, None]}, '{"x":2.0,"y":"s"}'],
    ),
    "date": (
        (
            'var d = new Date("2020-03-27T12:39:05.547+0000"); var e = new Date(1585312745547); '
            "return [d.getTime(), e.toISOString(), d.getMonth(), e.getFullYear()];"
        ),
        [1585312745547, "2020-03-27T12:39:05.547Z", 3, 2020],
    ),
}

BUILTINS: dict[str, tuple[str, Any]] = {
    "parse_bytes_to_int_widths": (
        (
            "var b = [0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02]; return [parseBytesToInt(b, "
            "0, 2), parseBytesToInt(b, 0, 4), parseBytesToInt(b, 4, 2, false), parseBytesToInt(b, "
            "4, 2), parseBytesToInt(b, 3, 1)];"
        ),
        [65535, -1, 513, 258, 255],
    ),
    "parse_bytes_to_long": ("return [parseBytesToLong([0xFF, 0xFF, 0xFF, 0xFF], 0, 4)];", [4294967295]),
    "to_fixed_half_up": (
        "return [toFixed(2.345, 2), toFixed(1.005, 2), toFixed(-1.5, 0), toFixed(10 / 3, 3), toInt(2.5)];",
        [2.35, 1.01, -2.0, 3.333, 3],
    ),
    "hex_helpers": (
        (
            'return [bytesToHex([1, -85]), hexToBytes("01ab"), intToHex(255, true, '
            'true), intToHex(-1), parseHexToInt("0x0102"), parseLittleEndianHexToInt("0102"), '
            'base64ToHex("AQI="), bytesToBase64([1, 2]), base64ToBytes("/w==")];'
        ),
        ["01AB", [1, -85], "0xFF", "FFFF", 258, 513, "0102", "AQI=", [-1]],
    ),
    "decode_to_json_utf8": ("return decodeToJson(payload);", {"t": "é", "n": 1.5}),
    "parse_int_radix": (
        'return [parseInt("0x1A"), parseInt("12"), parseInt("101", 2), parseFloat("2.5"), parseDouble("1.25")];',
        [26, 12, 5, 2.5, 1.25],
    ),
    "is_helpers": (
        'return [isMap({}), isList([]), isArray(payload), isList(payload), isDecimal("1.5"), isHexadecimal("zz")];',
        [True, True, False, True, 10, -1],
    ),
    "pad_and_binary": (
        (
            'return [padStart("7", 3, "0"), padEnd("7", 3, "."), parseByteToBinaryArray(5, '
            "4), parseBinaryArrayToInt([1, 0, 1])];"
        ),
        ["007", "7..", [0, 1, 0, 1], 5],
    ),
    "to_flat_map": ("return toFlatMap({a: {b: 1, c: [2, 3]}});", {"a.b": 1, "a.c.0": 2, "a.c.1": 3}),
    "string_to_bytes_and_back": (
        'var s = "hé"; var b = stringToBytes(s); return [b, bytesToString(b)];',
        [[104, -61, -87], "hé"],
    ),
}

DEFAULT_PAYLOAD = [200, 1, 255, 255]


@pytest.mark.parametrize("src,expected", list(EXPRESSIONS.values()), ids=list(EXPRESSIONS))
def test_expressions(decode: Any, src: str, expected: Any) -> None:
    assert decode(src, DEFAULT_PAYLOAD) == expected


@pytest.mark.parametrize("src,expected", list(STATEMENTS.values()), ids=list(STATEMENTS))
def test_statements(decode: Any, src: str, expected: Any) -> None:
    assert decode(src, DEFAULT_PAYLOAD) == expected


@pytest.mark.parametrize("src,expected", list(COLLECTIONS.values()), ids=list(COLLECTIONS))
def test_collections_and_java_api(decode: Any, src: str, expected: Any) -> None:
    assert decode(src, DEFAULT_PAYLOAD) == expected


@pytest.mark.parametrize("src,expected", list(BUILTINS.values()), ids=list(BUILTINS))
def test_tbutils_builtins(decode: Any, src: str, expected: Any) -> None:
    payload = '{"t": "é", "n": 1.5}'.encode() if "decodeToJson" in src else DEFAULT_PAYLOAD
    assert decode(src, payload) == expected


def test_metadata_map_and_result_shape(decode: Any) -> None:
    src = """
var data = decodeToJson(payload);
var out = {deviceName: "Dev " + data.id, deviceType: metadata.type, telemetry: {temp: data.raw / 10}};
out.attributes = {missing: metadata.nothing, port: metadata.get("port")};
return out;
"""
    result = decode(src, b'{"id": "A1", "raw": 215}', {"type": "sensor", "port": "85"})
    assert result == {
        "deviceName": "Dev A1",
        "deviceType": "sensor",
        "telemetry": {"temp": 21.5},
        "attributes": {"port": "85"},
    }


def test_encoder_signature(encode: Any) -> None:
    src = """
var data = {contentType: "JSON", data: JSON.stringify({v: msg.value * 2}), metadata: {type: msgType, dev: metadata.deviceName}};
return data;
"""  # noqa: E501
    result = encode(src, {"value": 21}, {"deviceName": "d1"})
    assert result == {
        "contentType": "JSON",
        "data": '{"v":42}',
        "metadata": {"type": "POST_TELEMETRY_REQUEST", "dev": "d1"},
    }


def test_json_decimals_stay_doubles(decode: Any) -> None:
    src = 'var d = decodeToJson(payload); return ["" + d.a, "" + d.b, "" + d.c, d.big + 1];'
    assert decode(src, b'{"a": 25.0, "b": 3, "c": 1e2, "big": 1684478801936}') == ["25.0", "3", "100.0", 1684478801937]
