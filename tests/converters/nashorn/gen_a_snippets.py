"""The snippets ``gen_a`` builds decoders from: values, ES5, ES2015+ built-ins and syntax, loops, payloads."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

Snippet = Callable[[random.Random], str]

# -- values --------------------------------------------------------------------------------------
TIMESTAMPS = [951819630000, 0, 1577836800123, 1700000000000, -86400000, 1234567890123, 253402300799000, 1e12 + 7]
DATE_STRINGS = [
    "2020-01-01",
    "2020-01-01T10:20:30Z",
    "2020-01-01T10:20:30.123Z",
    "2020-01-01T10:20:30.12Z",
    "2020-01-01T10:20:30.1234567Z",
    "2020-01-01T10:20:30.123456Z",
    "2020-01-01T10:20:30",
    "2020-01-01 10:20:30",
    "2020-01-01T10:20:30+02:00",
    "2020-01-01T10:20+02:00",
    "2020/01/02",
    "01/02/2020",
    "Jan 2, 2020",
    "2 Jan 2020 10:00",
    "Wed, 01 Jan 2020 00:00:00 GMT",
    "Thu Jan 02 2020 10:20:30 GMT+0000 (UTC)",
    "2020-13-01",
    "2020-02-30",
    "garbage",
    "",
    "12:30",
    "2020-01-01T24:00:00Z",
    "10:20 pm 2020-01-01",
    "+002020-01-01T00:00:00Z",
]
NUMBERS = [
    0,
    1,
    -1,
    0.1,
    0.5,
    1.005,
    1.45,
    2.5,
    -2.5,
    123.456,
    1234.5678,
    1e21,
    1e-7,
    123456789,
    0.000123,
    255,
    -255.5,
    3.14159,
    1 / 3,
    2**53 + 2,
]
STRINGS = ["abc", "Hello World", " padded ", "a,b,,c", "a.b.c", "ÄÖü ß", "x\u2028y", "0x1f", "12.50", "", "dead beef"]


def num(rng: random.Random) -> str:
    x: float = rng.choice(NUMBERS)
    return repr(x) if x == x else "NaN"


def string(rng: random.Random) -> str:
    return json.dumps(rng.choice(STRINGS))


def ts(rng: random.Random) -> str:
    return rng.choice(["ts", "data.ts", str(rng.choice(TIMESTAMPS))])


# -- snippets: (tag, generator) ------------------------------------------------------------------
def _choice(*options: str) -> Snippet:
    return lambda rng: rng.choice(options)


ES5: dict[str, Snippet] = {
    "arith": lambda r: f"({num(r)} * {num(r)} + {num(r)}) / {r.choice([3, 7, 0.1, -2])}",
    "mod": lambda r: f"{num(r)} % {r.choice([3, 0.7, -2, 1e-3])}",
    "bits": lambda r: f"(payload[0] << {r.randint(0, 12)}) | (payload.length & {r.randint(1, 255)})",
    "signed": lambda r: "((payload[0] << 24) >> 16) | payload[1 % payload.length]",
    "hex": lambda r: (
        "payload.slice(0, 4).map(function (b) { return ('0' + (b & 255).toString(16)).slice(-2); }).join('')"
    ),
    "fixed": lambda r: f"({num(r)}).toFixed({r.choice([0, 1, 2, 3, 5, 10, 20])})",
    "precision": lambda r: f"({num(r)}).toPrecision({r.choice([1, 2, 4, 8, 12, 21])})",
    "expo": lambda r: f"({num(r)}).toExponential({r.choice(['', '0', '1', '2', '5', '12'])})",
    "radix": lambda r: f"({num(r)}).toString({r.choice([2, 8, 16, 36])})",
    "locale_num": lambda r: f"({num(r)}).toLocaleString()",
    "str_num": lambda r: f"String({num(r)}) + ''",
    "parse": lambda r: (
        r.choice(["parseInt", "parseFloat", "Number"])
        + "("
        + r.choice(['"12px"', '"0x1f"', '"  42  "', '"1e3"', '"08"', '".5"', '"-0"', '"abc"', '"12.50"', '"1_000"'])
        + ")"
    ),
    "binstr": _choice("'0b101' * 1", "'0o17' - 0", "+'0x1f'", "Number('0b11')", "isNaN('0b1')", "'0b101' == 5"),
    "math": lambda r: (
        "Math."
        + r.choice(["floor", "ceil", "round", "abs", "sqrt", "sin", "cos", "tan", "log", "exp", "atan"])
        + f"({num(r)})"
    ),
    "math2": lambda r: f"Math.{r.choice(['pow', 'atan2', 'max', 'min'])}({num(r)}, {num(r)})",
    "round2": lambda r: f"Math.round({num(r)} * 100) / 100",
    "str": lambda r: (
        f"{string(r)}."
        + r.choice(
            [
                "toUpperCase()",
                "toLowerCase()",
                "trim()",
                "length",
                "charAt(1)",
                "charCodeAt(0)",
                "substr(1, 2)",
                "substring(2)",
                "slice(-2)",
                "indexOf('b')",
                "split(',')",
                "split('')",
                "replace(/[aeiou]/g, '_')",
                "concat('!')",
                "lastIndexOf('a')",
                "match(/[a-z]+/g)",
                "search('l')",
                "trimLeft()",
                "localeCompare('b')",
            ]
        )
    ),
    "java_str": lambda r: (
        f"{string(r)}."
        + r.choice(
            [
                "startsWith('a')",
                "endsWith('c')",
                "repeat(2)",
                "codePointAt(0)",
                "replaceAll('.', '-')",
                "replaceAll('b', 'x')",
                "contains('b')",
                "isEmpty()",
                "equals('abc')",
                "matches('[a-z]+')",
                "strip()",
            ]
        )
    ),
    "fromcc": lambda r: "String.fromCharCode.apply(null, payload.slice(0, 5))",
    "array": lambda r: (
        "[3, 1, 10, 2]."
        + r.choice(
            [
                "sort().join()",
                "sort(function (a, b) { return a - b; }).join()",
                "reverse()",
                "map(function (x) { return x * 2; })",
                "filter(function (x) { return x > 2; })",
                "reduce(function (a, b) { return a + b; }, 0)",
                "indexOf(10)",
                "concat([5]).length",
                "slice(1)",
                "join('-')",
                "splice(1, 1)",
                "some(function (x) { return x > 9; })",
                "toString()",
                "lastIndexOf(2)",
            ]
        )
    ),
    "json": lambda r: r.choice(
        [
            "JSON.stringify({a: 1, b: [1, 2, {c: 'x'}], d: null, e: undefined})",
            "JSON.stringify([1, 'a', true], null, 2)",
            "JSON.stringify({b: 1, 2: 1, a: 1, 1: 1})",
            "JSON.stringify('\\ud800x')",
            "JSON.stringify('\\ud800').length",
            "JSON.stringify({s: 'tab\\there'})",
            "JSON.stringify(new Date(0))",
            "JSON.stringify({n: NaN, i: Infinity, z: -0})",
            'JSON.parse(\'{"x": [1, 2.5, "s"]}\').x',
        ]
    ),
    "json_bad": lambda r: (
        "(function () { try { return JSON.parse("
        + r.choice(
            [
                "'{bad'",
                "''",
                "'{\"a\":1,}'",
                "'[1,]'",
                "'{\"a\" 1}'",
                "'tru'",
                "'01'",
                "'\"abc'",
                '\'{"a":"\\\\x"}\'',
                "'1.'",
            ]
        )
        + "); } catch (e) { return e.name + ': ' + e.message; } })()"
    ),
    "date_get": lambda r: (
        f"new Date({ts(r)})."
        + r.choice(
            [
                "getTime()",
                "getFullYear()",
                "getMonth()",
                "getDate()",
                "getDay()",
                "getHours()",
                "getUTCHours()",
                "getMinutes()",
                "getTimezoneOffset()",
                "getYear()",
                "valueOf()",
                "getUTCMilliseconds()",
            ]
        )
    ),
    "date_fmt": lambda r: (
        f"new Date({ts(r)})."
        + r.choice(
            [
                "toString()",
                "toISOString()",
                "toUTCString()",
                "toDateString()",
                "toTimeString()",
                "toLocaleString()",
                "toLocaleDateString()",
                "toLocaleTimeString()",
                "toGMTString()",
                "toJSON()",
            ]
        )
    ),
    "date_str": lambda r: f"String(new Date({ts(r)}))",
    "date_parse": lambda r: f"Date.parse({json.dumps(r.choice(DATE_STRINGS))})",
    "date_new": lambda r: f"new Date({json.dumps(r.choice(DATE_STRINGS))}).getTime()",
    "date_parts": lambda r: (
        f"new Date({r.randint(1969, 2030)}, {r.randint(0, 12)}, {r.randint(0, 32)}, {r.randint(0, 25)}).getTime()"
    ),
    "date_utc": lambda r: f"Date.UTC({r.randint(1999, 2030)}, {r.randint(0, 11)}, {r.randint(1, 28)})",
    "date_copy": lambda r: f"new Date(new Date({ts(r)})).getTime()",
    "typeof": lambda r: (
        "typeof "
        + r.choice(
            [
                "window",
                "global",
                "exports",
                "print",
                "console",
                "Promise",
                "Symbol",
                "Map",
                "Set",
                "Intl",
                "Java",
                "chars",
                "btoa",
                "atob",
                "load",
                "quit",
                "decodeToJson",
                "decodeToString",
                "setTimeout",
                "globalThis",
                "Reflect",
                "Proxy",
                "WeakMap",
                "BigInt",
                "Object.assign",
                "Uint8Array",
                "DataView",
                "escape",
                "JSON",
                "ArrayBuffer",
            ]
        )
    ),
    "meta": lambda r: r.choice(
        [
            "metadata.deviceName",
            "metadata['Header:content-type'] || 'none'",
            "Object.keys(metadata).length",
            "metadata.integrationName + '/' + metadata.deviceName",
            "JSON.stringify(metadata)",
            "typeof metadata.missing",
            "Object.keys(metadata).sort().join(',')",
            "metadata.hasOwnProperty('deviceName')",
            "'count' in metadata",
        ]
    ),
    "b64": lambda r: r.choice(
        [
            "btoa('hello')",
            "atob('aGVsbG8=')",
            "atob('aGVsbG8')",
            "btoa(String.fromCharCode(255, 1))",
            "chars.length",
            "atob('a')",
        ]
    ),
    "uri": lambda r: r.choice(
        [
            "encodeURIComponent('ä b&c')",
            "escape('ä b')",
            "decodeURIComponent('%41%42')",
            "unescape('%u00e4')",
            "encodeURI('http://x/a b')",
        ]
    ),
    "regex": lambda r: r.choice(
        [
            "/^\\d+$/.test('123')",
            "'a1b2'.replace(/\\d/g, '#')",
            "/(\\w+)@(\\w+)/.exec('me@host')[2]",
            "'x-y_z'.split(/[-_]/).length",
            "new RegExp('a+', 'gi').test('AAA')",
            "RegExp.$1 || 'none'",
        ]
    ),
    "objkeys": lambda r: r.choice(
        [
            "Object.keys({b: 1, a: 2}).join()",
            "Object.keys('ab')",
            "Object.getOwnPropertyNames('ab')",
            "Object.keys([4, 5])",
            "Object.getPrototypeOf('x') === String.prototype",
            "Object.keys(5)",
            "Object.assign({a: 1}, {b: 2}, null).b",
            "Object.freeze({a: 1}).a",
        ]
    ),
    "trycatch": lambda r: (
        "(function () { try { "
        + r.choice(
            [
                "null.x",
                "undefined.y",
                "var o = {}; o.f()",
                "missingVar + 1",
                "new Array(-1)",
                "(1).toFixed(50)",
                "decodeURIComponent('%')",
                "[].reduce(function (a, b) { return a; })",
                "'abc'.repeat(-1)",
                "Math.sign(1)",
                "[1].includes(1)",
                "throw 'plain'",
                "throw {code: 7}",
                "throw new TypeError('custom')",
            ]
        )
        + " ; return 'no error'; } catch (e) { "
        + "return String(e && e.message !== undefined ? e.name + ': ' + e.message : e); } })()"
    ),
    "typed": lambda r: r.choice(
        [
            "new Uint8Array(payload).length",
            "new Uint8Array([1, 2, 300])[2]",
            "new DataView(new Uint8Array([1, 2, 3, 4]).buffer).getUint16(1)",
            "new Float32Array([1.1])[0]",
            "JSON.stringify(new Uint8Array([1, 2]))",
            "Array.prototype.slice.call(new Uint8Array([5, 6])).join()",
            "new Int16Array(new Uint8Array([255, 255]).buffer)[0]",
        ]
    ),
    "misc": lambda r: r.choice(
        [
            "[1, 2, 3].length + ''",
            "(function () { return arguments.length; })(1, 2)",
            "typeof null",
            "void 0 === undefined",
            "!!''",
            "1 / 0",
            "-0 === 0",
            "NaN !== NaN",
            "[] + {}",
            "'5' * '2'",
            "'5' + 2",
            "null + 1",
            "Function.prototype.toString.call(function f(a) { return a; })",
            "(123.0).toString()",
            "(0.1 + 0.2).toString()",
            "1e300 * 1e10",
            "this === undefined",
        ]
    ),
}

ES6_BUILTINS: dict[str, Snippet] = {
    "es6_math": lambda r: (
        "Math." + r.choice(["sign", "trunc", "log10", "log2", "cbrt", "hypot", "expm1", "fround"]) + f"({num(r)})"
    ),
    "es6_object": _choice(
        "Object.values({a: 1})",
        "Object.entries({a: 1}).length",
        "Object.fromEntries([['a', 1]])",
        "Object.is(NaN, NaN)",
        "Object.getOwnPropertySymbols({}).length",
    ),
    "es6_number": _choice(
        "Number.isNaN(NaN)",
        "Number.parseFloat('1.5')",
        "Number.isInteger(5)",
        "Number.EPSILON > 0",
        "Number.MAX_SAFE_INTEGER",
        "Number.isFinite(1)",
        "Number.EPSILON",
    ),
    "es6_string": lambda r: (
        f"{string(r)}."
        + r.choice(
            ["includes('b')", "padStart(8, '0')", "padEnd(5)", "trimStart()", "trimEnd()", "at(-1)", "normalize()"]
        )
    ),
    "es6_strstatic": _choice("String.fromCodePoint(128512)", "typeof String.raw"),
    "es6_array": lambda r: (
        "[1, 2, 3]."
        + r.choice(
            [
                "includes(2)",
                "find(function (x) { return x > 1; })",
                "findIndex(function (x) { return x > 1; })",
                "fill(0)",
                "flat()",
                "keys().next().value",
                "entries",
                "at(-1)",
            ]
        )
    ),
    "es6_arraystatic": _choice("Array.from('abc')", "Array.of(1, 2)", "Array.from({length: 2})"),
    "es6_collections": _choice("new Map([[1, 2]]).size", "new Set([1, 1]).size", "typeof new WeakMap()"),
    "es6_typed": _choice(
        "new Uint8Array([3, 1]).slice(0, 1)[0]",
        "new Uint8Array(4).fill(7)[0]",
        "Array.prototype.join.call(new Uint8Array([1, 2]).map(function (x) { return x * 2; }))",
    ),
}

ES6_SYNTAX: dict[str, Snippet] = {
    "s_let": lambda r: "(function () { let v = 2; return v * 3; })()",
    "s_const": lambda r: "(function () { const c = 5; return c; })()",
    "s_arrow": lambda r: "[1, 2].map(x => x * 2)",
    "s_template": lambda r: "`value ${payload.length}`",
    "s_destructure": lambda r: "(function () { var {deviceName} = metadata; return deviceName; })()",
    "s_array_destructure": lambda r: "(function () { var [a, b] = [1, 2]; return a + b; })()",
    "s_default": lambda r: "(function (a, b = 2) { return a + b; })(1)",
    "s_shorthand": lambda r: "(function () { var x = 1; return {x}; })()",
    "s_method": lambda r: "({f() { return 1; }}).f()",
    "s_computed": lambda r: "({['a' + 'b']: 1}).ab",
    "s_spread": lambda r: "Math.max(...[1, 5, 3])",
    "s_forof": lambda r: "(function () { var s = 0; for (var v of [1, 2]) { s += v; } return s; })()",
    "s_class": lambda r: "(function () { class A { get v() { return 1; } } return new A().v; })()",
    "s_exp": lambda r: "2 ** 10",
    "s_optional": lambda r: "metadata?.deviceName",
    "s_nullish": lambda r: "metadata.missing ?? 'dflt'",
    "s_binlit": lambda r: "0b1010 + 0o17",
    "s_rest": lambda r: "(function (...xs) { return xs.length; })(1, 2)",
}

LOOPS: list[Callable[[random.Random], list[str]]] = [
    lambda r: [
        "var sum = 0;",
        "for (var i = 0; i < payload.length; i++) {",
        "    sum += payload[i];",
        "}",
        "t['loop_sum'] = sum;",
    ],
    lambda r: [
        "var sum2 = 0;",
        "for (var j = 0; j < payload.length; j++) sum2 += payload[j];",
        "t['loop_nobrace'] = sum2;",
    ],
    lambda r: ["var n = 0;", "for (var k = 0; k < 3; k++)", "    n += k;", "t['loop_nextline'] = n;"],
    lambda r: ["var w = 0;", "while (w < 5) {", "    w += 2;", "}", "t['while_brace'] = w;"],
    lambda r: ["var w2 = 0;", "while (w2 < 5) w2 += 2;", "t['while_nobrace'] = w2;"],
    lambda r: ["var d = 0;", "do {", "    d++;", "} while (d < 3);", "t['dowhile'] = d;"],
    lambda r: [
        "var keys = [];",
        "for (var key in metadata) {",
        "    keys.push(key);",
        "}",
        "t['forin'] = keys.length;",
    ],
    lambda r: ["var keys2 = [];", "for (var key2 in metadata) keys2.push(key2);", "t['forin_nobrace'] = keys2.join();"],
    lambda r: ["t['meanwhile'] = 'meanwhile ok';"],
    lambda r: ["// keep going while the data lasts", "t['cmt_while'] = 1;"],
    lambda r: ["var s3 = 'for each item';", "t['str_for'] = s3;"],
    lambda r: ["var c2 = 0;", "if (payload.length > 0)", "    c2 = 1;", "else", "    c2 = 2;", "t['if_nobrace'] = c2;"],
    lambda r: ["var f = function () {", "    return 'fn';", "};", "t['fnexpr'] = f();"],
    lambda r: [
        "var m = 0;",
        "for (var a1 = 0; a1 < 2; a1++) {",
        "    for (var b1 = 0; b1 < 2; b1++) m++;",
        "}",
        "t['nested'] = m;",
    ],
    lambda r: [
        "var sw = '';",
        "switch (payload.length % 3) {",
        "    case 0: sw = 'zero'; break;",
        "    case 1: sw = 'one'; break;",
        "    default: sw = 'other';",
        "}",
        "t['switch'] = sw;",
    ],
    lambda r: ['var label = "while (x) y;";', "t['str_while'] = label;"],
    lambda r: ["t['last_for'] = (function () { var q = 0; for (var z = 0; z < 3; z++) q += z; return q; })();"],
]

HELPERS = [
    [
        "function decodeToString(payload) {",
        "    return String.fromCharCode.apply(String, payload);",
        "}",
        "function decodeToJson(payload) {",
        "    var str = decodeToString(payload);",
        "    return JSON.parse(str);",
        "}",
    ],
    [],
]

PAYLOADS: list[Callable[[random.Random], bytes]] = [
    lambda r: json.dumps(
        {
            "deviceName": "T" + str(r.randint(1, 99)),
            "temperature": round(r.uniform(-20, 40), 2),
            "ts": r.choice(TIMESTAMPS),
            "name": r.choice(STRINGS),
        }
    ).encode(),
    lambda r: json.dumps(
        {"deviceName": "Ä-Sensor", "v": [1, 2, 3], "ts": 1577836800123, "name": "ü"}, ensure_ascii=False
    ).encode(),
    lambda r: b'{"deviceName": "bin", "ts": 0}',
    lambda r: "\ufeff".encode() + b'{"deviceName": "bom", "ts": 5}',
    lambda r: bytes([0xFF, 0x00, 0x7B, 0x80, 0x41]),
    lambda r: b'{"deviceName": "x\xef\xbf\xbd", "ts": 1}',
]

METADATA = [
    {"deviceName": "Meta Device", "integrationName": "HTTP", "Header:content-type": "application/json"},
    {"deviceName": "D2", "count": "3"},
    {},
]
