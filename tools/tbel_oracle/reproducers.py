"""Reproducers of every class of difference found between tbkit and ThingsBoard's engine (issue #20 and since).

Each is a small uplink decoder; ``record.py`` runs them on the reference runner with the generated programs and
stores the runner's outcome next to each. The payload is hex; ``PAYLOAD`` unless given.
"""

from __future__ import annotations

__all__ = ["PAYLOAD", "REPRODUCERS"]

PAYLOAD = "017F80FF123456789ABCDEF0004142430A01"

_READINGS = 'var data = JSON.parse("{\\"readings\\": [1, 2.5], \\"max\\": [1, 13.1], \\"speed\\": 4.5}");\n'

# id -> script, or (script, payload hex)
REPRODUCERS: dict[str, str | tuple[str, str]] = {
    # 1. a statically int value divided by an int truncates; literals alone are reduced as MVEL reduces them
    "int_division_parseHexToInt": 'return {a: parseHexToInt("0A01") / 10};',
    "int_division_Integer_parseInt": 'return {a: Integer.parseInt("6BAC", 16) / 2};',
    "int_division_literals": "return {a: 2561 / 10, b: 7 / 2, c: 7 / 2.0, d: 7L / 2};",
    "int_division_payload_bytes": "var v = (payload[1] << 8 | (payload[2] & 0xFF)) / 10; return {v: v};",
    # 2. a variable declared with an int literal stays int
    "int_var_accumulates_doubles": _READINGS + "var sum = 0; var cnt = 0;\n"
    "foreach (r : data.readings) { sum += r; cnt++; }\nreturn {avg: toFixed(sum / cnt, 2)};",
    "int_var_max_of_doubles": _READINGS
    + "var mx = 0;\nforeach (r : data.max) { mx = Math.max(mx, r); }\nreturn {mx: mx};",
    "int_var_assigned_double": "var x = 0; x = 2.5; var y = x + 1; return {x: x, y: y};",
    "int_var_compound_ops": "var a = 10; a *= 1.5; a /= 4; a += 0.75; a -= 0.1; return {a: a};",
    # 3. overloads of Math and TbUtils helpers chosen by argument types
    "math_max_int_overload": "return {a: Math.max(83.5, 0), b: Math.max(0, 83.5), c: Math.min(2.5, 1)};",
    "math_round_long_saturates": "var x = 3000000000L; return {a: Math.round(x), b: Math.round(2.5), c: Math.round(-2.5f)};",  # noqa: E501
    "toFixed_float_overload": "return {a: toFixed(626537234757, 1), b: toFixed(1.005, 2), c: toFixed(2.5f, 0)};",
    "parseBytesToInt_times_1000_saturates": "return {a: parseBytesToInt(payload, 0, 4, true) * 1000};",
    "math_abs_kinds": "return {a: Math.abs(-5), b: Math.abs(-5L), c: Math.abs(-2.5f), d: Math.abs(-2147483648)};",
    # 4. byte[] is not a list; list helpers check element types
    "byte_array_slice": 'var b = base64ToBytes("AQID"); return {a: b.slice(0, 1)};',
    "hexToBytes_slice": 'var b = hexToBytes("0102"); return {a: b.slice(0, 1)};',
    "copyOfRange_on_list": "var l = [1, 2, 3]; return {a: copyOfRange(l, 0, 1)};",
    "byte_array_length_and_index": 'var b = base64ToBytes("AQID"); return {n: b.length, first: b[0], hex: bytesToHex(b)};',  # noqa: E501
    # 5. nulls and missing keys in conditions and unary minus
    "missing_key_condition": "var data = {}; return {a: data.alarm ? 1 : 0};",
    "isDecimal_in_ternary": 'return {a: isDecimal("1.5") ? 1 : 2};',
    "minus_missing_key": "var data = {}; var s = -data.speed; return {s: s, t: 1};",
    "missing_key_if": "var data = {}; if (data.alarm) { return {a: 1}; } return {a: 0};",
    "null_equals_checks": "var m = {}; return {a: m.x == null, b: m.x != null, c: null == 0, d: false == 0};",
    # 6. what does not compile
    "index_call_on_left": "var m = {}; m[f()] = 1; return m;",
    "for_var_in_while_in_function": "function f(n) {\n  var s = 0;\n  var i = 0;\n  while (i < n) {\n"
    "    for (var k = 0; k < 2; k++) { s += k; }\n    i++;\n  }\n  return s;\n}\nreturn {a: f(3)};",
    "foreach_var_head": "var l = [1, 2]; var s = 0; for (var e : l) { s += e; } return {s: s};",
    "foreach_def_head": "var l = [1, 2]; var s = 0; foreach (def e : l) { s += e; } return {s: s};",
    "foreach_typed_head": "var l = [1, 2]; var s = 0; for (int e : l) { s += e; } return {s: s};",
    "foreach_unimported_type": "var l = [1, 2]; var s = 0; for (List e : l) { s = 1; } return {s: s};",
    "inline_collection_member": "return {r0: {a: 1}.a, r1: 2};",
    "inline_list_index_in_list": "return [[1, 2][0]];",
    "inline_collection_in_parens": "return {r0: ({a: 1}).a, r1: toFixed([1.5][0], 1)};",
    "or_operand_not_boolean": "var x = payload[1] & 3; return {a: true || x};",
    "and_operand_not_boolean": "return {a: true && (payload[1] & 3)};",
    "suffixed_hex_literal_positions": "return {a: 0xFFL + 1, b: Math.max(2, 0xFFL)};",
    "suffixed_hex_literal_as_name": "var x = 0x7FFFFFFFL; return {a: x};",
    "def_with_equals": "def x = 1; return {x: x};",
    # compile time vs run time
    "coalesce_in_unreached_function": "function f(x) { return x ?? 1; }\nreturn {a: 1};",
    "coalesce_when_run": "function f(x) { return x ?? 1; }\nreturn {a: f(2)};",
    "coalesce_false": "var m = {x: false}; var a = m.x ?? 1; return {a: a};",
    "misplaced_operator_in_block": "var x = 1;\nif (x > 5) { var a = x + * 2; }\nreturn {a: 1};",
    "misplaced_operator_in_block_run": "var x = 1;\nif (x < 5) { var a = x + * 2; }\nreturn {a: 1};",
    "misplaced_operator_top_level": "var x = 1; var a = x +* 1; return {a: 1};",
    "syntax_error_in_function_body": "function f(x) { return (x; }\nreturn {a: 1};",
    # bytesToHex of ints
    "bytesToHex_ints": "return {a: bytesToHex([193, 1]), b: bytesToHex([0xBB, 0xAA])};",
    # typed declarations do not convert
    "typed_long_from_float": "long v = 3.3f; return {v: v};",
    "typed_int_from_double": "int v = 2.5; v += 1; return {v: v};",
    "typed_double_from_int": "double d = 5; d /= 2; return {d: d};",
    "typed_string_from_int": "String s = 12; return {s: s};",
    "typed_boolean_from_string": 'boolean b = "true"; return {b: b};',
    # comparisons and ==
    "string_number_relational": 'var x = "a" < 3; return {x: x};',
    "string_number_relational_runtime": 'var s = "10"; var n = 3; return {x: s > n};',
    "equals_across_types": 'return {a: false == 0, b: "1" == 1, c: 1 == 1.0, d: 1L == 1, e: "a" == null};',
    "compareTo_strings": 'return {a: "".compareTo("12"), b: "b".compareTo("a"), c: "abc".compareTo("abd")};',
    "integer_compareTo": "var a = 5; return {a: a.compareTo(3)};",
    # number text
    "float_toString_digits": 'return {a: "" + 1.4E-45f, b: "" + 0.1f, c: 1.0f / 3, d: "" + (0.1 + 0.2)};',
    "double_text_in_concat": 'return {a: "v=" + 2.0, b: "v=" + 1e21, c: "v=" + 100.0 / 3, d: 1e-5 + ""};',
    # shifts and long arithmetic
    "shift_int_overflow_to_long": "return {a: (2147483647 << 8) | 3, b: 2147483647 >>> 32, c: 1 << 33, d: 1L << 33};",
    "long_mod_zero": "return {a: 2147483647 % 0L};",
    "int_overflow_promotes": "var a = 2147483647; var b = a + 1; var c = a * 2; return {b: b, c: c};",
    "unsigned_shift_negative": "var x = -16; return {a: x >>> 28, b: x >> 2, c: -16L >>> 60};",
    "bitwise_not": "var x = 5; return {a: ~5, b: ~(x + 1)};",
    # collections
    "sort_with_null": "var l = [3, null, 1]; l.sort(); return {l: l};",
    "list_index_long": "var l = [1, 2]; return {a: l[1L]};",
    "list_index_double": "var l = [1, 2]; return {a: l[payload.length / 10]};",
    "map_double_keys": "var m = {}; m[1.5] = 2; m[2.0] = 3; return {a: m};",
    "map_literal_ternary_key": 'var m3 = {}; return {r0: 1, r1: m3.a == null ? (1e10 - 3.0) : "no"};',
    "string_replace_empty_target": 'var s = "12"; return {a: s.replace("", "f"), b: "".replace("", "f")};',
    "list_increment": 'var v1 = hexToBytes("0x1F"); v1++; return {v: v1};',
    # stringToBytes with a literal first argument
    "stringToBytes_literal": 'return {a: stringToBytes("ff")};',
    "stringToBytes_variable": 'var s = "ff"; return {a: stringToBytes(s)};',
    # toFixed and toInt of NaN and infinities
    "toFixed_nan": "var x = 0.0 / 0; return {a: toFixed(x, 2)};",
    "toInt_infinity": "var x = 1.0 / 0; return {a: toInt(x)};",
    # Date text (Java 17)
    "date_toString_en": 'var d = new Date(1693962245000L); return {a: d.toString(), b: d.toLocaleString("en-US")};',
    "date_full_styles": "var d = new Date(1693962245000L);\n"
    'return {a: d.toLocaleString("uk-UA", "{\\"dateStyle\\": \\"full\\", \\"timeStyle\\": \\"full\\"}"),\n'
    '  b: d.toLocaleString("de-DE", "{\\"dateStyle\\": \\"long\\", \\"timeStyle\\": \\"long\\", \\"timeZone\\": \\"Europe/Berlin\\"}"),\n'  # noqa: E501
    '  c: d.toLocaleString("ar-EG", "{\\"timeZone\\": \\"America/New_York\\"}"),\n'
    '  d: d.toLocaleString("UTC", "{\\"dateStyle\\": \\"full\\", \\"timeStyle\\": \\"full\\"}")};',
    "date_pattern_quarter": 'var d = new Date(1720000000000L); return {a: d.toLocaleString("pt-BR", "{\\"pattern\\": \\"yyyy QQQ\\"}")};',  # noqa: E501
    "date_options_as_map": 'var d = new Date(1693962245000L); return {a: d.toLocaleString("en-US", {timeZone: "America/New_York"})};',  # noqa: E501
    "date_pattern_zone_ignores_offset": 'var d = new Date("2023-08-06 04:04:05.000+02:00", "yyyy-MM-dd HH:mm:ss.SSSXXX", "de",'  # noqa: E501
    ' "America/New_York");\nreturn {a: d.toISOString()};',
    # Lansitec-shaped: ?? in a function the payload never reaches
    "lansitec_shape": "function decode(bytes) {\n  var type = bytes[0] & 0xF0;\n  if (type == 0x10) {\n"
    "    return {t: 1};\n  }\n  if (type == 0x20) {\n    return {v: bytes[1] ?? 0};\n  }\n  return {t: 0};\n}\n"
    "return decode(payload);",
    # type arguments of a generic method result read as a class by a later map/collection property (issue #20 follow-up)
    "generic_values_then_property": "var l = [1]; var m = {b: 1}; return {r0: l.length, r1: m.values()};",
    "generic_keySet_then_key": "var m = {b: 1}; var k = m.keySet(); return {r0: m.b};",
    "generic_values_then_if": "var m = {b: 1}; var v = m.values();\nvar c = 1;\nif (c > 0) { var k = m.keySet(); }\nreturn {r0: m.b};",  # noqa: E501
    "generic_entrySet_is_no_variable": "var m = {b: 1}; var e = m.entrySet(); return {r0: m.b};",
    "generic_in_function_body": "function f() { var m = {b: 1}; var v = m.values(); return m.b; }\nreturn {a: 1};",
    "generic_function_own_context": "var m = {b: 1}; var v = m.values();\nfunction f() { var n = {c: 1}; return n.c; }\nreturn {a: f()};",  # noqa: E501
    # Float to Integer: (Float) o > Integer.MAX_VALUE compares as floats, (int) saturates
    "float_to_int_at_2_pow_31": "function f(a, b) { return Math.max(a, b); }\nreturn {r1: f(3.3f - -2147483648, 3)};",
    # a map's or list's getter is called before a key of that name is read (data.size, data.values), and types it
    "map_getter_before_key": 'var d = JSON.parse("{\\"size\\": 7, \\"values\\": [1, 2], \\"empty\\": true, \\"name\\": \\"x\\"}");\n'  # noqa: E501
    "return {s: d.size, v: d.values, e: d.empty, n: d.name};",
    "map_getter_mutates": "var m = {clear: 1, b: 2}; var x = m.clear; return {m: m, x: x};",
    "list_getter": "var l = [3, 1, 2]; return {s: l.toSorted, j: l.join, n: l.length};",
    "map_getter_static_type": "var m = {b: 1, c: 2, d: 3}; var l = [1, 2, 3]; return {a: m.size / 2, b: l.size / 2, c: l.length / 2};",  # noqa: E501
    # a long has no negative zero
    "long_zero_times_negative": "var v0 = 0; v0 *= -5L; v0 *= 0.5; return {c: \"\" + v0};",
    # a recorded class type argument (hexToBytes is a List<Byte>) types the property that takes it: Byte operands are
    # cast when the operator runs (ClassCastException, "Invalid statement"), Integer ones make int division
    "generic_class_types_property": 'var m = {b: 1}; var h = hexToBytes("01"); var z = m.b + 1; return {z: z};',
    "generic_class_int_division": 'var m = {b: 7}; var h = printUnsignedBytes(hexToBytes("01")); var z = m.b / 2; return {z: z};',  # noqa: E501
    "generic_class_in_map_literal": 'var m = {b: 7}; var h = printUnsignedBytes(hexToBytes("01")); return {z: m.b / 2};',  # noqa: E501
}
