"""A third generator of decoders, written after the local engine: random expressions over the payload.

``gen_a`` fills telemetry from a table of snippets and ``gen_b`` writes whole converters by
archetype; this one composes expressions from a small grammar (numbers, strings, arrays and dates
from the payload and the metadata, through ES5 built-ins, ES2015+ built-ins and syntax, and
operators), so the combinations are ones nobody wrote by hand. Used only to measure tbkit's local
engine on decoders it was not built from (``evaluate.py``); nothing records it.
"""

from __future__ import annotations

import base64
import json
import random
from typing import Any

NUMS = ["0", "1", "-1", "7", "255", "0.1", "2.5", "-3.75", "1e21", "1e-7", "123456.789", "65535", "0.5", "100"]
STRS = ["'abc'", "'Hello, World'", "' pad '", "'a,b,,c'", "'0x1F'", "'12.50'", "''", "'\u00c4\u00f6'", "'x-y-z'"]


class Grammar:
    """Random expressions of one type: ``number``, ``text``, ``array``; ``modern`` allows ES2015+."""

    def __init__(self, rng: random.Random, modern: bool) -> None:
        self.rng = rng
        self.modern = modern

    def pick(self, options: list[Any]) -> Any:
        return self.rng.choice(options)

    def fn(self, param: str, body: str) -> str:
        if self.modern and self.rng.random() < 0.5:
            return f"({param}) => {body}"
        return f"function ({param}) {{ return {body}; }}"

    def number(self, depth: int = 0) -> str:
        if depth >= 2 or self.rng.random() < 0.3:
            return self.pick(NUMS + ["d.n", "d.m", "d.list.length", "payload.length", "d.ts"])
        a, b = self.number(depth + 1), self.number(depth + 1)
        s = self.text(depth + 1)
        forms = [
            f"({a} + {b})",
            f"({a} * {b})",
            f"({a} / {b})",
            f"({a} % {b})",
            f"({a} - {b})",
            f"({a} | 0)",
            f"({a} >>> 3)",
            f"({a} & 0xff)",
            f"Math.floor({a})",
            f"Math.round({a})",
            f"Math.abs({a})",
            f"Math.max({a}, {b})",
            f"Math.pow({a}, 2)",
            f"Math.sqrt(Math.abs({a}))",
            f"parseInt({s}, 16)",
            f"parseFloat({s})",
            f"Number({s})",
            f"{s}.length",
            f"{s}.indexOf('a')",
            f"{s}.charCodeAt(0)",
            f"new Date({a}).getTime()",
            "new Date(d.ts).getUTCHours()",
            f"Date.UTC(2020, {self.pick(['0', '1', '11'])}, 3)",
            f"{self.array(depth + 1)}.length",
            f"{self.array(depth + 1)}.indexOf(1)",
        ]
        if self.modern:
            forms += [
                f"Math.trunc({a})",
                f"Math.sign({a})",
                f"Math.log2(Math.abs({a}) + 1)",
                f"Number.parseFloat({s})",
                f"[{a}, {b}].find({self.fn('x', 'x > 1')})",
                f"Array.from({s}).length",
            ]
        return self.pick(forms)

    def text(self, depth: int = 0) -> str:
        if depth >= 2 or self.rng.random() < 0.3:
            return self.pick(STRS + ["d.s", "metadata.deviceName", "metadata.integrationName"])
        a, s = self.number(depth + 1), self.text(depth + 1)
        forms = [
            f"String({a})",
            f"({s} + {a})",
            f"{s}.toUpperCase()",
            f"{s}.substring(1, 3)",
            f"{s}.slice(-2)",
            f"{s}.split(',').join('|')",
            f"{s}.replace(/[a-c]/g, '_')",
            f"{s}.trim()",
            f"({a}).toFixed(2)",
            f"({a}).toString(16)",
            f"({a}).toPrecision(3)",
            f"JSON.stringify([{a}, {s}])",
            "new Date(d.ts).toISOString()",
            "new Date(d.ts).toUTCString()",
            f"{self.array(depth + 1)}.join('-')",
            f"typeof {a}",
            f"({a} > 3 ? {s} : 'small')",
        ]
        if self.modern:
            forms += [
                f"`<${{{a}}}>`",
                f"{s}.padStart(6, '0')",
                f"String({s}.includes('a'))",
                f"{s}.repeat(2)",
                f"[...{s}].reverse().join('')",
            ]
        return self.pick(forms)

    def array(self, depth: int = 0) -> str:
        base = self.pick(["d.list", "[1, 2, 3]", "[d.n, d.m]", "d.s.split('')"])
        if depth >= 2:
            return base
        forms = [
            base,
            f"{base}.map({self.fn('x', 'x * 2')})",
            f"{base}.filter({self.fn('x', 'x > 1')})",
            f"{base}.slice(1)",
            f"{base}.concat([{self.number(depth + 1)}])",
            f"{base}.sort()",
        ]
        if self.modern:
            forms += [f"[...{base}, 0]", f"Array.of({self.number(depth + 1)})"]
        return self.pick(forms)


def _program(rng: random.Random) -> tuple[str, bytes]:
    modern = rng.random() < 0.3
    g = Grammar(rng, modern)
    keyword = "const" if modern else "var"
    lines = []
    if rng.random() < 0.7:  # ThingsBoard's default decoder's helpers, as a local-engine user writes them
        lines.append("function decodeToString(payload) { return String.fromCharCode.apply(String, payload); }")
        lines.append("function decodeToJson(payload) { return JSON.parse(decodeToString(payload)); }")
    lines.append(f"{keyword} d = decodeToJson(payload);")
    lines.append(f"{keyword} out = {{}};")
    for k in range(rng.randint(2, 6)):
        kind = rng.choice(["num", "str", "str", "num", "arr"])
        expr = g.number() if kind == "num" else g.text() if kind == "str" else g.array()
        lines.append(f"out.k{k}_{kind} = {expr};")
    ending = rng.choice(
        [
            "return {deviceName: 'C-' + d.s, deviceType: 'gen_c', telemetry: out};",
            "return {deviceName: metadata.deviceName || 'C', telemetry: {ts: d.ts, values: out}};",
            "return [{deviceName: 'C1', telemetry: out}, {assetName: 'A', assetType: 'r', attributes: out}];",
        ]
    )
    lines.append(ending)
    doc = {
        "n": rng.choice([0, 1, 3, 17, 255, -4, 2.5, 1e6]),
        "m": rng.choice([2, 10, 0.25, -1]),
        "s": rng.choice(["abc", "x,y", "Zz", "12", "a-b"]),
        "ts": rng.choice([0, 1577836800000, 1700000000123, 951782400000]),
        "list": rng.sample([1, 2, 3, 5, 8, 13], rng.randint(0, 4)),
    }
    return "\n".join(lines), json.dumps(doc).encode("utf-8")


def cases(seed: int, n: int) -> list[dict[str, Any]]:
    """``n`` decoders from ``seed``: ``{id, script, payload_b64, metadata, tags}``."""
    rng = random.Random(seed * 104729 + 31)
    out = []
    for i in range(n):
        script, payload = _program(rng)
        meta = rng.choice([{"deviceName": "C-dev", "integrationName": "HTTP"}, {"integrationName": "HTTP"}, {}])
        payload_b64 = base64.b64encode(payload).decode()
        out.append({"id": f"c{seed}-{i}", "script": script, "payload_b64": payload_b64, "metadata": meta, "tags": []})
    return out
