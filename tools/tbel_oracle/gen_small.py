"""Small typed TBEL programs: mostly valid code on one topic, the way people write it, with 1-3 results.

Unlike :mod:`gen_random` (which mixes types freely, so most of its programs fail), this family keeps
track of what each variable holds and combines values the way a script author would: arithmetic over
declared and literal number kinds, compound assignment, division, Math and TbUtils helpers, comparisons
and logic, strings, lists and maps, loops with accumulators, functions, shifts and masks, byte helpers
with offsets and byte orders, casts and parsing, dates and JSON. Errors still happen where ThingsBoard's
engine fails on such code (a typed variable that cannot hold a value, a missing key in a condition).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

from gen_common import metadata

__all__ = ["small_program"]

_INT = (
    "0",
    "1",
    "2",
    "3",
    "5",
    "7",
    "10",
    "12",
    "-1",
    "-4",
    "100",
    "255",
    "1000",
    "4096",
    "65535",
    "32767",
    "46341",
    "123456",
    "2147483647",
    "-2147483648",
    "0x7F",
    "0xFF",
    "0x1F",
    "0x8000",
    "1000000",
)
_LONG = (
    "0L",
    "1L",
    "10L",
    "-5L",
    "1000L",
    "3000000000",
    "4294967295L",
    "1700000000000L",
    "9007199254740993L",
    "9223372036854775807L",
    "123456789012L",
    "0xFFFFFFFFL",
)
_DOUBLE = (
    "0.0",
    "0.5",
    "1.0",
    "1.5",
    "2.5",
    "-0.25",
    "0.1",
    "0.2",
    "3.0",
    "10.0",
    "100.0",
    "1e3",
    "2.5e-3",
    "3.14159",
    "1e10",
    "1.0E20",
    "-17.5",
    "83.5",
    "13.1",
    "99.99",
    "0.001",
    "1234.5678",
)
_FLOAT = ("1.5f", "0.1f", "2.0f", "-3.25f", "100f", "3.3f", "0.5F", "12.75f")
_WORDS = (
    "temp",
    "hum",
    "battery",
    "status",
    "ok",
    "alarm",
    "abc",
    "Hello World",
    "",
    "  pad  ",
    "a,b,,c",
    "12",
    "3.5",
    "-8",
    "0x1F",
    "1F",
    "A1B2C3",
    "true",
    "null",
    "x.y.z",
    "ff",
    "0A01",
    "2147483648",
    "1e3",
    "007",
)
_LOCALES = (
    "en-US",
    "en-GB",
    "uk-UA",
    "de-DE",
    "ja-JP",
    "fr-FR",
    "es-ES",
    "pl-PL",
    "it-IT",
    "ko-KR",
    "zh-CN",
    "pt-BR",
    "nl-NL",
    "ru-RU",
    "ar-EG",
    "de",
    "fr",
    "en",
)
_ZONES = (
    "UTC",
    "Europe/Kyiv",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Europe/London",
    "America/Los_Angeles",
    "Asia/Shanghai",
    "+03:00",
    "Etc/GMT-14",
)
_NUMERIC = ("int", "long", "double", "float")


def _q(s: str) -> str:
    return json.dumps(s)


class _Small:
    """One program: lines, results, and what each variable holds."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.vars: dict[str, str] = {}
        self.lines: list[str] = []
        self.n = 0

    def pick(self, *xs):  # noqa: ANN001, ANN201 - any choice
        return self.r.choice(xs)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def new(self, kind: str, init: str, typed: str | None = None) -> str:
        self.n += 1
        name = f"{kind[0]}{self.n}"
        decl = typed or "var"
        self.lines.append(f"{decl} {name} = {init};")
        self.vars[name] = kind
        return name

    def var(self, *kinds: str) -> str | None:
        names = [v for v, k in self.vars.items() if k in kinds]
        return self.r.choice(names) if names else None

    # ---- numbers ----
    def lit(self, kind: str | None = None) -> str:
        kind = kind or self.pick("int", "int", "int", "long", "double", "double", "float")
        return self.pick(*{"int": _INT, "long": _LONG, "double": _DOUBLE, "float": _FLOAT}[kind])

    def atom(self) -> str:
        v = self.var(*_NUMERIC)
        x = self.r.random()
        if v and x < 0.5:
            return v
        if x < 0.62:
            return self.pick(
                "payload[0]",
                "payload[1]",
                "(payload[2] & 0xFF)",
                "payload.length",
                "payload.size()",
                "(payload[3] & 0xFF)",
            )
        return self.lit()

    def num(self, depth: int = 0) -> str:
        left = self.atom()
        if depth >= 2 or self.chance(0.35):
            return left
        op = self.pick("+", "-", "*", "/", "+", "*", "/", "%")
        right = self.lit(self.pick("int", "int", "double", "long", "float")) if op in "/%" else self.num(depth + 1)
        if op in "/%" and right.lstrip("-").rstrip("LlFf") in ("0", "0.0", "0x0"):
            right = "3"
        expr = f"{left} {op} {right}"
        return f"({expr})" if self.chance(0.4) else expr

    def math(self) -> str:
        x, y = self.num(1), self.num(1)
        return self.pick(
            f"Math.abs({x})",
            f"Math.max({x}, {y})",
            f"Math.min({x}, {y})",
            f"Math.round({x})",
            f"Math.floor({x})",
            f"Math.ceil({x})",
            f"Math.sqrt(Math.abs({x}))",
            f"Math.pow({x}, 2)",
            f"Math.round({x} * 100) / 100",
            f"toFixed({x}, {self.r.randint(0, 4)})",
            f"toInt({x})",
            f"Math.round({x} * 10) / 10.0",
            f"Math.signum({x})",
            f"Math.max({self.lit()}, {self.lit()})",
            f"Math.min({x}, {self.lit('int')})",
            f"Math.log10(Math.abs({x}) + 1)",
        )

    # ---- topics: each appends lines and returns the results ----
    def t_arith(self) -> list[str]:
        for _ in range(self.r.randint(1, 3)):
            kind = self.pick(*_NUMERIC, "int", "double")
            typed = self.pick("var", "var", {"int": "int", "long": "long", "double": "double", "float": "float"}[kind])
            if typed == "int" and kind == "int" and self.chance(0.15):
                typed = self.pick("Integer", "long", "double")
            self.new(kind, self.pick(self.lit(kind), self.num(1)), typed)
        for _ in range(self.r.randint(0, 3)):
            v = self.var(*_NUMERIC)
            assert v is not None
            self.lines.append(
                self.pick(
                    f"{v} += {self.num(1)};",
                    f"{v} -= {self.lit()};",
                    f"{v} *= {self.lit()};",
                    f"{v} /= {self.pick('2', '4', '10', '2.0', '3L', '0.5')};",
                    f"{v}++;",
                    f"{v}--;",
                    f"{v} = {v} * {self.lit()} + {self.atom()};",
                    f"{v} = {self.num()};",
                )
            )
        return [self.pick(self.num, self.num, self.math)() for _ in range(self.r.randint(1, 3))]

    def t_logic(self) -> list[str]:
        self.new("int", self.lit("int"))
        self.new("double", self.lit("double"))
        m = self.new(
            "map",
            "{"
            + ", ".join(
                f"{k}: {self.pick(self.lit(), _q(self.pick(*_WORDS)), 'true', 'null')}"
                for k in self.r.sample(["a", "b", "n", "s", "ok"], 3)
            )
            + "}",
        )

        def cmp() -> str:
            a, b = self.num(1), self.num(1)
            return f"{a} {self.pick('==', '!=', '<', '>', '<=', '>=')} {b}"

        def test() -> str:
            return self.pick(
                cmp,
                cmp,
                lambda: f"{m}.{self.pick('a', 'zz', 'n')} == null",
                lambda: f"{m}.containsKey({_q(self.pick('a', 'zz'))})",
                lambda: f"!({cmp()})",
                lambda: f"({cmp()}) && ({cmp()})",
                lambda: f"({cmp()}) || {self.pick('true', 'false')}",
                lambda: f"{_q(self.pick(*_WORDS))} == {_q(self.pick(*_WORDS))}",
                lambda: (
                    f"{self.pick('0', 'false', 'null', '1', '0.0', _q(''))} == "
                    f"{self.pick('0', 'false', 'null', '1', '0.0', _q(''))}"
                ),
                lambda: f"isDecimal({_q(self.pick(*_WORDS))})",
                lambda: f"{m}.{self.pick('ok', 'zz', 'a')}",
            )()

        if self.chance(0.6):
            v = self.var("int", "double")
            self.lines.append(f"if ({test()}) {{\n  {v} = {self.num(1)};\n}} else if ({test()}) {{\n  {v} += 1;\n}}")
        return [
            self.pick(test, test, lambda: f"{test()} ? {self.num(1)} : {self.pick(self.num, lambda: _q('no'))()}")()
            for _ in range(self.r.randint(1, 3))
        ]

    def t_strings(self) -> list[str]:
        s = self.new("str", _q(self.pick(*_WORDS)), self.pick("var", "String"))
        n = self.new(self.pick("int", "double"), self.num(1))
        if self.chance(0.5):
            self.lines.append(
                self.pick(f"{s} = {s} + {n};", f"{s} += {_q('-')} + {self.lit()};", f"{s} = {s}.trim().toUpperCase();")
            )
        w = _q(self.pick(*_WORDS))
        return [
            self.pick(
                f"{s} + {n}",
                f"{n} + {s}",
                f"{s}.length()",
                f"{s}.indexOf({_q(self.pick('a', ',', '1', 'x'))})",
                f"{s}.substring({self.r.randint(0, 2)})",
                f"{s}.toUpperCase()",
                f"{s}.replace({_q('a')}, {_q('b')})",
                f"{s}.split({_q(',')})",
                f"{s}.contains({_q('1')})",
                f"{s}.startsWith({_q('a')})",
                f"{s}.isEmpty()",
                f"{s}.equals({w})",
                f"{s}.compareTo({w})",
                f"{s} == {w}",
                f'"v=" + {self.num(1)}',
                f'{self.num(1)} + "," + {self.lit("double")}',
                f"String.valueOf({n})",
                f'padStart({s}, 6, "0")',
                f'padEnd(String.valueOf({n}), 8, "_")',
                f"{s}.charAt(0)",
                f"{s}.trim()",
                f"{s}.toLowerCase()",
                f'String.format("%.2f", {self.lit("double")})',
                f'String.format("%d-%s", {self.lit("int")}, {s})',
                f'{s}.lastIndexOf("a")',
                f'{s}.endsWith("c")',
                f'{s}.matches("[0-9]+")',
                f'{s}.replaceAll("[aeiou]", "*")',
            )
            for _ in range(self.r.randint(1, 3))
        ]

    def t_collections(self) -> list[str]:
        items = ", ".join(self.pick(self.lit, lambda: _q(self.pick(*_WORDS)))() for _ in range(self.r.randint(1, 5)))
        lst = self.new("list", self.pick(f"[{items}]", "[]", f"[{self.lit()}, {self.lit()}, {self.lit()}]"))
        mp = self.new("map", self.pick("{}", f"{{a: {self.lit()}, b: {_q(self.pick(*_WORDS))}}}"))
        for _ in range(self.r.randint(1, 4)):
            self.lines.append(
                self.pick(
                    f"{lst}.add({self.lit()});",
                    f"{lst}.push({self.num(1)});",
                    f"{mp}.put({_q(self.pick('x', 'y'))}, {self.num(1)});",
                    f"{mp}.{self.pick('k', 'total')} = {self.num(1)};",
                    f'{mp}["{self.pick("z", "q")}"] = {_q(self.pick(*_WORDS))};',
                    f"if ({lst}.size() > 0) {{\n  {lst}.remove(0);\n}}",
                    f"{lst}.addAll([{self.lit()}, {self.lit()}]);",
                    f'{mp}.putIfAbsent("a", {self.lit()});',
                    f'{mp}.remove("b");',
                )
            )
        return [
            self.pick(
                lst,
                mp,
                f"{lst}.size()",
                f"{mp}.size()",
                f"{mp}.keys()",
                f"{mp}.values()",
                f"{lst}.contains({self.lit()})",
                f"{lst}.indexOf({self.lit()})",
                f'{mp}.containsKey("a")',
                f'{mp}.get("a")',
                f"{mp}.a",
                f"{mp}.zz",
                f"{lst}.isEmpty()",
                f"{lst}.slice(0, 1)",
                f"{lst}.length",
                f'{lst}.join("-")',
                f'{mp}.getOrDefault("q", {self.lit()})',
                f"{lst}.toString()",
                f"{mp}.entrySet()",
                f"[{self.lit()}, {self.lit()}].sort()",
                f"{lst}.reverse()",
                f"{lst}.get(0)",
            )
            for _ in range(self.r.randint(1, 3))
        ]

    def t_loops(self) -> list[str]:
        acc = self.new(self.pick("int", "double", "long"), self.pick("0", "0.0", "0L", "1", "-1"))
        cnt = self.new("int", "0")
        data = _q(
            json.dumps(
                {"readings": [self.r.choice([1, 2, 2.5, 13.1, -4, 100, 0.5, 7]) for _ in range(self.r.randint(0, 5))]}
            )
        )
        src = self.pick(
            f"JSON.parse({data}).readings",
            "payload",
            f"[{self.lit()}, {self.lit()}, {self.lit()}]",
            "payload.slice(0, 4)",
            'hexToBytes("0A0B0C")',
        )
        lst = self.new("list", src)
        body = self.pick(
            f"{acc} += x;",
            f"{acc} = {acc} + x;",
            f"{acc} = Math.max({acc}, x);",
            f"{acc} += (x & 0xFF);",
            f"if (x > {self.lit('int')}) {{\n    {acc} += x;\n  }}",
            f"{acc} = ({acc} << 8) | (x & 0xFF);",
            f"{acc} += x * {self.lit()};",
        )
        loop = self.pick(
            f"foreach (x : {lst}) {{\n  {body}\n  {cnt}++;\n}}",
            f"for (var i = 0; i < {lst}.size(); i++) {{\n  var x = {lst}[i];\n  {body}\n  {cnt}++;\n}}",
            f"for (int i = 0; i < {lst}.length; i++) {{\n  var x = {lst}.get(i);\n  {body}\n  {cnt} = {cnt} + 1;\n}}",
            f"var i = 0;\nwhile (i < {lst}.size()) {{\n  var x = {lst}[i];\n  i++;\n  if (x == 0) {{\n    continue;\n  }}\n"  # noqa: E501
            f"  {body}\n  {cnt}++;\n}}",
            f"for (var i = 0; i < {lst}.size(); i++) {{\n  var x = {lst}[i];\n  if ({cnt} >= 2) {{\n    break;\n  }}\n"
            f"  {body}\n  {cnt}++;\n}}",
        )
        self.lines.append(loop)
        return [
            self.pick(
                acc,
                cnt,
                f"{acc} / {cnt}",
                f"{cnt} > 0 ? {acc} / {cnt} : 0",
                f"toFixed({acc} / {self.pick('2', '3.0', cnt)}, 2)",
                f"{acc} * 1.0 / Math.max({cnt}, 1)",
            )
            for _ in range(self.r.randint(1, 3))
        ]

    def t_functions(self) -> list[str]:
        body = self.pick(
            "return a * b + 1;",
            "if (a > b) {\n    return a;\n  }\n  return b;",
            "var r = a;\n  r = r / b;\n  return r;",
            'return a + "-" + b;',
            "var s = 0;\n  for (var i = 0; i < 3; i++) {\n    s += a;\n  }\n  return s / b;",
            "return {x: a, y: b};",
            "return [a, b, a + b];",
            "return (a & 0xFF) << 8 | (b & 0xFF);",
            "return a / b;",
            "return Math.max(a, b);",
            "return toFixed(a * 1.0 / b, 1);",
            "return a * 0.1 + b;",
            'var m = {};\n  m.put("sum", a + b);\n  m.put("diff", a - b);\n  return m;',
            "return (a - b) / 2.0;",
        )
        self.lines.insert(0, f"function f(a, b) {{\n  {body}\n}}")
        if self.chance(0.4):
            self.lines.insert(0, "function scale(v, k) {\n  return v * k;\n}")
            extra = [f"scale({self.num(1)}, {self.lit(self.pick('double', 'int', 'float'))})"]
        else:
            extra = []
        calls = [
            f"f({self.num(1)}, {self.pick('2', '3', '0.5', '10L', '4.0f', '7')})" for _ in range(self.r.randint(1, 2))
        ]
        return calls + extra

    def t_bits(self) -> list[str]:
        v = self.new(
            self.pick("int", "long"),
            self.pick(self.lit("int"), self.lit("long"), "(payload[0] & 0xFF)"),
            self.pick("var", "var", "int", "long"),
        )
        out = []
        for _ in range(self.r.randint(1, 3)):
            sh = self.pick("1", "4", "8", "16", "24", "31", "32", "33", "63")
            out.append(
                self.pick(
                    f"{v} << {sh}",
                    f"{v} >> {sh}",
                    f"{v} >>> {sh}",
                    f"{v} & 0xFF",
                    f"{v} | 0x100",
                    f"{v} ^ 0x5A",
                    f"~{v}",
                    f"({v} >> 4) & 0x0F",
                    "(payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)",
                    "((payload[2] & 0xFF) << 24) | ((payload[3] & 0xFF) << 16)",
                    "(payload[1] << 24) >> 24",
                    f"{v} << {sh} | 3",
                    f"1L << {sh}",
                    f"(long) {v} << {sh}",
                    f"({v} & 0x80) != 0",
                    f"-{v} >>> 28",
                    f"Integer.toBinaryString({v} & 0xFF)",
                    f"Integer.toHexString({v})",
                    f"Long.toHexString({v})",
                )
            )
        return out

    def t_bytes(self) -> list[str]:
        be = self.pick("true", "false")
        off, ln = self.r.randint(0, 4), self.pick(1, 2, 3, 4)
        b = self.new(
            "bytes",
            self.pick(
                "payload",
                'hexToBytes("0A0B0C0D0E0F1011")',
                'base64ToBytes("AQIDBAUGBwg=")',
                "[0x12, 0x34, 0x56, 0x78, 0x9A]",
            ),
        )
        return [
            self.pick(
                f"parseBytesToInt({b}, {off}, {ln}, {be})",
                f"parseBytesToInt({b}, {off}, {ln})",
                f"parseBytesToLong({b}, 0, {self.pick(4, 8)}, {be})",
                f"parseBytesToFloat({b}, {off}, 4, {be})",
                f"parseBytesToDouble({b}, 0, 8, {be})",
                f"parseBytesToInt({b}, 0, 2, {be}) / 10.0",
                f"parseBytesToInt({b}, 0, 2, {be}) * 0.01",
                f"parseBytesToInt({b}, {off}, 2) / 100",
                f"bytesToHex({b})",
                f"bytesToBase64({b})",
                f"bytesToHex({b}).substring(0, 4)",
                f"{b}.length",
                f"{b}.size()",
                f"parseHexToInt(bytesToHex({b}).substring(0, 4))",
                f'parseHexToInt("{self.pick("0A01", "FFFF", "7FFF", "8000")}", {be})',
                f"intToHex({self.lit('int')}, {be}, true, 4)",
                'hexToBytes("0A0B")',
                f"{b}[{self.r.randint(0, 3)}] & 0xFF",
                f"toInt(parseBytesToInt({b}, 0, 2, {be}) / 3.0)",
                f"parseBytesToInt({b}, 0, 4, {be}) * 1000",
                f"parseBytesIntToFloat({b}, {off}, 2, {be})",
                "bytesToString([0x41, 0x42, 0x43])",
            )
            for _ in range(self.r.randint(1, 3))
        ]

    def t_conv(self) -> list[str]:
        x = self.num(1)
        s = _q(self.pick("12", "-7", "3.5", "0x1F", "1F", "2147483648", "99999999999", "1e3", "007", "0.1"))
        return [
            self.pick(
                f"(int) {x}",
                f"(long) {x}",
                f"(double) {x}",
                f"(float) {x}",
                f"(byte) {x}",
                f"(short) {x}",
                f"(int) ({x})",
                f"parseInt({s})",
                f"parseInt({s}, 16)",
                f"parseLong({s})",
                f"parseFloat({s})",
                f"parseDouble({s})",
                f"Integer.parseInt({s})",
                f"Long.parseLong({s})",
                f"Double.parseDouble({s})",
                f"Float.parseFloat({s})",
                f"Integer.valueOf({self.lit('int')})",
                f"String.valueOf({x})",
                f"Double.valueOf({x})",
                f"isNaN({x})",
                f"Integer.toHexString({self.lit('int')})",
                f"Integer.MAX_VALUE + {self.lit('int')}",
                "Long.MAX_VALUE",
                "Integer.MIN_VALUE",
                "Double.MAX_VALUE",
                f"{x} + 0.0",
                f"{x} * 1L",
            )
            for _ in range(self.r.randint(1, 3))
        ]

    def t_date(self) -> list[str]:
        ctor = self.pick(
            "new Date(0)",
            "new Date(1700000000000L)",
            "new Date(1709251200123L)",
            "new Date(parseLong(metadata.ts))",
            'new Date("2023-03-15T10:20:30Z")',
            'new Date("2024-02-29T23:59:59.999Z")',
            "new Date(2024, 1, 29)",
            "new Date(2023, 11, 31, 23, 59, 59)",
            f"new Date(2023, 6, 1, 12, 0, 0, {_q(self.pick(*_ZONES[:6]))})",
            'new Date("2023-05-06 07:08:09", "yyyy-MM-dd HH:mm:ss")',
            'new Date("2023-05-06T07:08:09+03:00")',
            "new Date(1720000000000L)",
            'new Date("06/05/2023 17:00", "dd/MM/yyyy HH:mm", "en-US", "Europe/Kyiv")',
        )
        if "metadata.ts" in ctor:
            ctor = "new Date(1700000000000L)"
        self.lines.append(f"var d = {ctor};")
        if self.chance(0.3):
            self.lines.append(
                self.pick(
                    "d.addDays(1);",
                    "d.addHours(-5);",
                    "d.addMonths(13);",
                    "d.setFullYear(2020);",
                    "d.addMinutes(90);",
                    "d.setHours(25);",
                    "d.addYears(-1);",
                    "d.addSeconds(3600);",
                )
            )
        out = []
        for _ in range(self.r.randint(1, 3)):
            loc, tz = _q(self.pick(*_LOCALES)), self.pick(*_ZONES)
            opts = _q(
                json.dumps(
                    self.pick(
                        {"timeZone": tz},
                        {"timeZone": tz, "dateStyle": self.pick("full", "long", "medium", "short")},
                        {"timeZone": tz, "timeStyle": self.pick("full", "long", "medium", "short")},
                        {
                            "timeZone": tz,
                            "dateStyle": self.pick("full", "long", "medium", "short"),
                            "timeStyle": self.pick("full", "long", "medium", "short"),
                        },
                        {
                            "pattern": self.pick(
                                "yyyy-MM-dd HH:mm:ss",
                                "dd.MM.yyyy HH:mm",
                                "EEEE, d MMMM yyyy",
                                "hh:mm a",
                                "MMM d, yyyy",
                                "yyyy-MM-dd'T'HH:mm:ssXXX",
                                "E dd/MM/yy HH:mm:ss z",
                            )
                        },
                        {
                            "timeZone": tz,
                            "pattern": self.pick(
                                "dd.MM.yyyy HH:mm", "EEE, MMM d HH:mm zzzz", "yyyy QQQ", "HH:mm:ss.SSS"
                            ),
                        },
                    )
                )
            )
            out.append(
                self.pick(
                    "d.getTime()",
                    "d.toISOString()",
                    "d.getFullYear()",
                    "d.getMonth()",
                    "d.getDate()",
                    "d.getDay()",
                    "d.getHours()",
                    "d.getUTCHours()",
                    "d.valueOf()",
                    "d.toString()",
                    "d.toUTCString()",
                    "d.toJSON()",
                    "d.toDateString()",
                    "d.toTimeString()",
                    f"d.toLocaleString({loc})",
                    f"d.toLocaleString({loc}, {opts})",
                    f"d.toLocaleDateString({loc}, {opts})",
                    f"d.toLocaleTimeString({loc}, {opts})",
                    "d.toLocaleString()",
                    "d",
                    "Date.UTC(2023, 4, 6)",
                    'Date.parse("2023-05-06T07:08:09Z")',
                    "d.getTime() / 1000",
                    "d.getTime() / 1000L",
                    "d.getTime() - new Date(0).getTime()",
                    f"d.toString({loc})",
                    f"d.toDateString({loc})",
                )
            )
        return out

    def t_json(self) -> list[str]:
        lit = self.pick(
            '{"a": 1, "b": 2.5, "c": [1, 2, {"d": null}], "e": "x"}',
            "[1, 2.0, 3e2, -4]",
            '{"big": 12345678901234, "f": 1.0, "t": true}',
            '{"n": {"m": {"k": "v"}}}',
            '{"v": 1.5E-7, "w": 100.0}',
        )
        j = self.new("map", f"JSON.parse({_q(lit)})")
        return [
            self.pick(
                j,
                f"JSON.stringify({j})",
                'JSON.stringify({x: 1, y: 2.0, z: "s", w: [true, null]})',
                'decodeToJson(stringToBytes("{\\"q\\": 7, \\"r\\": 1.50}"))',
                "toFlatMap({a: {b: 1, c: [2, 3]}})",
                f"toFlatMap({j})",
                "JSON.stringify(payload)",
                f"isMap({j})",
                f"isList({j})",
                f"JSON.stringify({self.num(1)})",
                "JSON.stringify({d: 10.0 / 4, l: 10L / 4, f: 1.1f})",
            )
            for _ in range(self.r.randint(1, 3))
        ]

    def program(self) -> str:
        topics: list[Callable[[], list[str]]] = [
            self.t_arith,
            self.t_arith,
            self.t_logic,
            self.t_strings,
            self.t_collections,
            self.t_loops,
            self.t_functions,
            self.t_bits,
            self.t_bytes,
            self.t_conv,
            self.t_date,
            self.t_json,
        ]
        outs: list[str] = []
        for topic in self.r.sample(topics, self.pick(1, 1, 2)):
            outs += topic()
        paren = self.chance(0.6)
        entries = ", ".join(f"r{i}: ({e})" if paren else f"r{i}: {e}" for i, e in enumerate(outs[:4]))
        return "\n".join([*self.lines, f"return {{{entries}}};"])


def small_program(r: random.Random) -> tuple[str, bytes, dict[str, str]]:
    """A small typed program on one or two topics; returns (script, payload, metadata)."""
    payload = bytes(
        r.choice([0x00, 0x01, 0x0A, 0x7F, 0x80, 0xFF, 0x12, 0x34, 0xAB, r.randint(0, 255)])
        for _ in range(r.randint(4, 12))
    )
    return _Small(r).program(), payload, metadata(r)
