"""Random TBEL programs: expressions and statements over every kind of value TBEL has, errors included.

Typed and untyped variables, int/long/double/float/string/boolean/null literals, collections, casts,
Math, TbUtils helpers, loops and functions, combined with no regard for types: most programs fail
somewhere, which exercises where (compile or run time) and how ThingsBoard's engine fails.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from gen_common import metadata

__all__ = ["random_program"]


# ---------------------------------------------------------------------------------------------------------------
# small random programs
# ---------------------------------------------------------------------------------------------------------------

_INTS = (
    "0",
    "1",
    "2",
    "3",
    "7",
    "10",
    "-1",
    "-7",
    "100",
    "255",
    "1000",
    "65535",
    "65536",
    "46341",
    "123456",
    "999999999",
    "2147483647",
    "-2147483648",
    "0x7F",
    "0xFF",
    "0x10",
    "010",
    "1000000000",
    "-123456789",
)
_LONGS = (
    "0L",
    "1L",
    "-3L",
    "7L",
    "3000000000",
    "9007199254740993L",
    "9223372036854775807L",
    "4294967296L",
    "123456789012L",
)
_DOUBLES = (
    "0.0",
    "0.5",
    "1.0",
    "2.5",
    "-1.5",
    "0.1",
    "0.2",
    "1e3",
    "1.5e-3",
    "100.0",
    "3.14159",
    "1e20",
    "123456.789",
    "-0.0",
    "2.0E10",
    "13.1",
    "83.5",
    "1.75",
)
_FLOATS = ("1.5f", "0.1f", "2.0f", "-3.25f", "100f", "3.3f", "0.5F")
_STRINGS = (
    '"abc"',
    '"Hello World"',
    '""',
    '"  pad  "',
    '"a,b,,c"',
    '"12"',
    '"3.5"',
    '"-8"',
    '"0x1F"',
    '"1F"',
    '"A1B2C3"',
    '"true"',
    '"null"',
    '"x.y.z"',
    '"ff"',
    "'q'",
    '"0A01"',
    '"2147483648"',
)


class _Rand:
    """Random expressions over a few variables whose declared kinds it remembers."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.vars: dict[str, str] = {}  # name -> kind: num, str, list, map, bool, bytes, any
        self.n = 0

    def pick(self, *xs):  # noqa: ANN001, ANN201 - any choice
        return self.r.choice(xs)

    def lit(self, kind: str = "num") -> str:
        if kind == "str":
            return self.pick(*_STRINGS)
        if kind == "bool":
            return self.pick("true", "false")
        return self.pick(*self.pick(_INTS, _INTS, _LONGS, _DOUBLES, _DOUBLES, _FLOATS))

    def var(self, kind: str | None = None) -> str | None:
        names = [v for v, k in self.vars.items() if kind is None or k == kind]
        return self.r.choice(names) if names else None

    def num(self, depth: int = 0) -> str:
        r = self.r.random()
        v = self.var("num")
        if v is not None and r < 0.45:
            atom = v
        elif r < 0.55 and self.var("map"):
            atom = f"{self.var('map')}.{self.pick('a', 'b', 'n', 'zz')}"
        elif r < 0.6 and self.var("list"):
            atom = f"{self.var('list')}[{self.r.randint(0, 2)}]"
        elif r < 0.67:
            atom = self.pick(
                "payload[0]", "payload[1]", "payload[3]", "(payload[2] & 0xFF)", "payload.size()", "payload.length"
            )
        else:
            atom = self.lit()
        if depth > 1 or self.r.random() < 0.4:
            return atom
        op = self.pick("+", "-", "*", "/", "%", "+", "*", "/", "&", "|", "^", "<<", ">>", ">>>")
        right = self.num(depth + 1)
        expr = f"{atom} {op} {right}"
        return f"({expr})" if self.r.random() < 0.5 else expr

    def call(self) -> str:
        v = self.var("num") or self.lit()
        s = self.var("str") or self.lit("str")
        return self.pick(
            f"Math.abs({v})",
            f"Math.max({v}, {self.lit()})",
            f"Math.min({self.lit()}, {v})",
            f"Math.round({v})",
            f"Math.floor({v})",
            f"Math.ceil({v})",
            f"Math.sqrt({v})",
            f"Math.pow({v}, 2)",
            f"Math.round({v} * 10) / 10",
            f"toFixed({v}, {self.r.randint(0, 3)})",
            f"toInt({v})",
            f"parseInt({s})",
            f"parseInt({s}, 16)",
            f"parseDouble({s})",
            f"parseFloat({s})",
            f"parseLong({s})",
            f"parseHexToInt({self.pick(*_STRINGS[8:12], *_STRINGS[-2:])})",
            f"Integer.parseInt({s})",
            f"Integer.toHexString({v})",
            f"Long.parseLong({s})",
            f"Double.parseDouble({s})",
            f"String.valueOf({v})",
            f"Integer.valueOf({v})",
            f"intToHex({v})",
            f"isDecimal({s})",
            f"isHexadecimal({s})",
            f"{s}.length()",
            f'{s}.indexOf("a")',
            f"{s}.substring({self.r.randint(0, 2)})",
            f"{s}.toUpperCase()",
            f"{s}.trim()",
            f'{s}.split(",")',
            f'{s}.contains("1")',
            f"{s}.charAt(0)",
            f'{s}.replace("a", "b")',
            f"{s}.equals({self.lit('str')})",
            f"{s}.isEmpty()",
            f"{s}.compareTo({self.lit('str')})",
            f"{s} + {v}",
            "bytesToHex(" + self.pick("payload", "[1, 2, 255]", 'hexToBytes("0A0B")', 'base64ToBytes("AQID")') + ")",
            f"stringToBytes({s})",
            f'padStart({s}, 5, "0")',
            f"btoa({s})",
            f"parseBytesToInt(payload, {self.r.randint(0, 4)}, 2)",
            f"parseBytesToInt(payload, 0, 4, {self.pick('true', 'false')})",
            f"parseBytesToLong(payload, 0, {self.pick(4, 8)})",
            f"parseBytesToFloat(payload, {self.r.randint(0, 4)})",
            f"hexToBytes({self.pick(*_STRINGS[8:12])})",
            'base64ToBytes("AQID")',
            f"toFixed({v} / 3, 2)",
            f"(int) {v}",
            f"(long) {v}",
            f"(double) {v}",
            f"(float) {v}",
            f"(byte) {v}",
            f"(short) {v}",
            f"(String) {v}",
            f"(Integer) {v}",
            f"-{self.var('num') or 'payload[1]'}",
        )

    def cond(self) -> str:
        a, b = (
            self.pick(self.num, self.num, lambda: self.lit("str"))(),
            self.pick(self.num, self.num, lambda: self.lit("str"))(),
        )
        op = self.pick("==", "!=", "<", ">", "<=", ">=")
        return self.pick(
            f"{a} {op} {b}",
            f"({a} {op} {b}) && {self.pick('true', 'false')}",
            f"!({a} {op} {b})",
            f"{self.var('bool') or 'true'} || {a} {op} {b}",
            self.pick("null", "0", '""', "false", "0.0") + " == " + self.pick("null", "0", '""', "false", "0.0", "1"),
            f"{self.var('map') or '{a: 1}'}.{self.pick('a', 'zz')} == null",
            f"{self.var('map') or '{a: 1}'}.{self.pick('a', 'zz')}",
            f"isDecimal({self.lit('str')})",
            f"{self.var('str') or self.lit('str')} == {self.lit('str')}",
        )

    def value(self) -> str:
        return self.pick(
            self.num,
            self.num,
            self.call,
            self.call,
            self.cond,
            lambda: f"{self.cond()} ? {self.num()} : {self.pick(self.num, lambda: self.lit('str'))()}",
        )()

    def decl(self) -> str:
        self.n += 1
        name = f"v{self.n}"
        kind = self.pick("num", "num", "num", "str", "list", "map", "bool", "any")
        if kind == "num":
            init = self.pick(self.num, self.lit, self.call)()
            decl = self.pick("var", "var", "var", "int", "long", "double", "float", "Integer", "def")
        elif kind == "str":
            init, decl = (
                self.pick(lambda: self.lit("str"), lambda: f'"x" + {self.num()}', self.call)(),
                self.pick("var", "String"),
            )
        elif kind == "list":
            items = ", ".join(self.pick(self.lit, lambda: self.lit("str"))() for _ in range(self.r.randint(0, 4)))
            init, decl = (
                self.pick(f"[{items}]", "[]", "payload.slice(0, 3)", 'base64ToBytes("AQID")', '"a,b".split(",")'),
                "var",
            )
        elif kind == "map":
            keys = self.r.sample(["a", "b", "n", "s"], self.r.randint(0, 3))
            init = (
                "{"
                + ", ".join(f"{k}: {self.pick(self.lit, lambda: self.lit('str'), lambda: 'null')()}" for k in keys)
                + "}"
            )
            decl = "var"
        elif kind == "bool":
            init, decl = self.cond(), self.pick("var", "boolean")
        else:
            init, decl = self.value(), "var"
        self.vars[name] = kind
        return f"{decl} {name} = {init};"

    def mutate(self) -> str:
        v = self.var("num")
        lst, mp = self.var("list"), self.var("map")
        options: list[Callable[[], str]] = [lambda: self.decl()]
        if v:
            options += [
                lambda: f"{v} {self.pick('+=', '-=', '*=', '/=')} {self.num(1)};",
                lambda: f"{v}{self.pick('++', '--')};",
                lambda: f"{v} = {self.value()};",
                lambda: f"if ({self.cond()}) {{\n  {v} = {self.num()};\n}} else {{\n  {v} += 1;\n}}",
            ]
        if lst:
            options += [
                lambda: f"{lst}.add({self.lit()});",
                lambda: f"{lst}.{self.pick('sort()', 'reverse()', 'clear()', 'remove(0)', 'push(1)')};",
            ]
        if mp:
            options += [
                lambda: f'{mp}.put("{self.pick("a", "k")}", {self.value()});',
                lambda: f"{mp}.{self.pick('a', 'x')} = {self.value()};",
                lambda: f'{mp}["{self.pick("b", "y")}"] = {self.num()};',
            ]
        if v and self.r.random() < 0.5:
            k = f"i{self.n}"
            options += [
                lambda: (
                    f"for (var {k} = 0; {k} < {self.r.randint(0, 5)}; {k}++) {{\n  {v} = {v} + {self.pick(k, self.lit())};\n}}"  # noqa: E501
                ),
                lambda: f"foreach ({k} : {lst or '[1, 2.5, 3L]'}) {{\n  {v} += {k};\n}}",
                lambda: f"var {k} = 0;\nwhile ({k} < {self.r.randint(0, 4)}) {{\n  {v} = {v} * 2;\n  {k}++;\n}}",
            ]
        return self.r.choice(options)()

    def function(self) -> tuple[str, str]:
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
        )
        return (
            f"function f(a, b) {{\n  {body}\n}}",
            f"f({self.pick(self.num, self.lit)()}, {self.pick(self.num, self.lit)()})",
        )

    def program(self) -> str:
        lines = [self.decl() for _ in range(self.r.randint(1, 3))]
        lines += [self.mutate() for _ in range(self.r.randint(0, 3))]
        outs = [self.value() for _ in range(self.r.randint(1, 3))]
        if self.r.random() < 0.25:
            fn, call = self.function()
            lines.insert(0, fn)
            outs.append(call)
        if self.r.random() < 0.3:
            outs.append(self.var() or "1")
        paren = self.r.random() < 0.7
        entries = ", ".join(f"r{i}: ({e})" if paren else f"r{i}: {e}" for i, e in enumerate(outs))
        return "\n".join(lines + [f"return {{{entries}}};"])


def random_program(r: random.Random) -> tuple[str, bytes, dict[str, str]]:
    """A small program of random expressions and statements; returns (script, payload, metadata)."""
    payload = bytes(
        r.choice([0x00, 0x01, 0x7F, 0x80, 0xFF, 0x12, 0x34, 0xAB, r.randint(0, 255)]) for _ in range(r.randint(4, 12))
    )
    return _Rand(r).program(), payload, metadata(r)
