"""A second generator of decoders, written differently from ``gen_a``: whole converters by archetype.

Where ``gen_a`` fills a telemetry object from independent snippets, this one writes the decoders
people write (binary frames with bit fields, JSON arrays of readings with timestamps, CSV text,
metadata-driven routing, formatting for display) in one of two styles (ES5 as the local engine
needs, or modern JS with ``const``, arrows, templates and ES2015+ built-ins), with the loops,
helpers and endings that vary between authors. Used only to measure tbkit's local engine on
decoders it was not built from (``evaluate.py``).
"""

from __future__ import annotations

import base64
import json
import random
from typing import Any


class Style:
    """How one author writes: ES5 or modern, and their habits."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.modern = rng.random() < 0.3
        self.sprinkle = rng.random() < 0.25  # an ES5 author who uses one or two ES2015+ built-ins
        self.braces = rng.random() < 0.75
        self.semicolons = rng.random() < 0.9

    def decl(self, name: str, value: str, mutable: bool = False) -> str:
        kw = "var" if not self.modern else ("let" if mutable else "const")
        return f"{kw} {name} = {value}" + (";" if self.semicolons else "")

    def fn(self, params: str, body: str) -> str:
        if self.modern and self.rng.random() < 0.7:
            return f"({params}) => {body}" if not body.startswith("{") else f"({params}) => {body}"
        return f"function ({params}) {body if body.startswith('{') else '{ return ' + body + '; }'}"

    def concat(self, *parts: str) -> str:
        if self.modern and self.rng.random() < 0.6:
            inner = "".join(p[1:-1] if p.startswith("'") else "${" + p + "}" for p in parts)
            return "`" + inner + "`"
        return " + ".join(parts)

    def hex_byte(self, expr: str) -> str:
        if (self.modern or self.sprinkle) and self.rng.random() < 0.5:
            return f"({expr}).toString(16).padStart(2, '0')"
        return f"('0' + ({expr}).toString(16)).slice(-2)"

    def loop(self, var: str, count: str, body: str) -> list[str]:
        kind = self.rng.random()
        if kind < 0.2 and self.modern:
            return [f"for (const {var} of Array.from({{length: {count}}}, (_, k) => k)) {{", f"  {body}", "}"]
        if kind < 0.35:
            return [f"for (var {var} = 0; {var} < {count}; {var}++) {body}"]
        if kind < 0.45:
            return [f"var {var} = 0;", f"while ({var} < {count}) {{", f"  {body}", f"  {var}++;", "}"]
        if kind < 0.5:
            return [f"var {var} = 0;", f"while ({var} < {count}) {{ {body} {var}++; }}"]
        if not self.braces:
            return [f"for (var {var} = 0; {var} < {count}; {var}++)", f"  {body}"]
        return [f"for (var {var} = 0; {var} < {count}; {var}++) {{", f"  {body}", "}"]


def _frame(rng: random.Random) -> bytes:
    n = rng.choice([4, 6, 8, 11, 16])
    return bytes(rng.randrange(256) for _ in range(n))


def binary_frame(rng: random.Random, s: Style) -> tuple[list[str], bytes]:
    lines = [s.decl("bytes", "payload"), s.decl("out", "{}")]
    lines.append(s.decl("raw", "(bytes[0] << 8) | bytes[1]"))
    signed = "raw > 32767 ? raw - 65536 : raw" if rng.random() < 0.6 else "(raw << 16) >> 16"
    lines.append(f"out.temperature = ({signed}) / {rng.choice([10, 100, 16])};")
    lines.append(f"out.battery = bytes[2] * {rng.choice([0.01, 0.02, 1])} + {rng.choice([0, 2.5])};")
    lines.append(f"out.flags = {{open: (bytes[3] & 0x01) === 1, alarm: !!(bytes[3] & {rng.choice([2, 4, 0x80])})}};")
    hexes = [s.decl("hex", "''", mutable=True)]
    hexes += s.loop("i", "bytes.length", f"hex += {s.hex_byte('bytes[i]')};")
    lines += hexes + ["out.hex = hex.toUpperCase();"]
    extra = rng.random()
    if extra < 0.25:
        lines.append(
            "out.counter = new DataView(new Uint8Array(bytes).buffer).getUint16(2, "
            + rng.choice(["true", "false"])
            + ");"
        )
    elif extra < 0.4:
        lines.append("out.sign = Math." + rng.choice(["sign", "trunc", "round", "floor"]) + "(out.temperature);")
    elif extra < 0.5:
        lines.append("out.rounded = parseFloat(out.battery.toFixed(" + str(rng.randint(0, 3)) + "));")
    elif extra < 0.6:
        lines.append("out.bits = bytes[3].toString(2)" + (".padStart(8, '0')" if s.modern or s.sprinkle else "") + ";")
    name = s.concat("'node-'", "bytes.length")
    lines.append(f"return {{deviceName: {name}, deviceType: 'frame', telemetry: out}};")
    return lines, _frame(rng)


def json_readings(rng: random.Random, s: Style) -> tuple[list[str], bytes]:
    stamps = [
        rng.choice(
            [
                "2021-06-01T12:00:00Z",
                "2021-06-01T12:00:00.250Z",
                "2021-06-01T12:00:00.123456Z",
                "2021-06-01 12:00:00",
                "2021-06-01T12:00:00+02:00",
                1622548800000,
                "06/01/2021 12:00",
                "2021-06-01",
            ]
        )
        for _ in range(rng.randint(1, 3))
    ]
    readings = [
        {"id": f"s{k}", "time": stamp, "v": round(rng.uniform(-5, 50), rng.choice([0, 1, 3]))}
        for k, stamp in enumerate(stamps)
    ]
    body = json.dumps({"gateway": rng.choice(["gw-1", "Gätewäy"]), "readings": readings}, ensure_ascii=False)
    lines = [
        s.decl("text", "String.fromCharCode.apply(null, payload)")
        if rng.random() < 0.5
        else s.decl("text", "decodeURIComponent(escape(String.fromCharCode.apply(null, payload)))"),
        s.decl("doc", "JSON.parse(text)"),
        s.decl("result", "[]"),
    ]
    conv = rng.random()
    ts = (
        "typeof r.time === 'number' ? r.time : Date.parse(r.time)"
        if conv < 0.5
        else "new Date(r.time).getTime()"
        if conv < 0.8
        else "new Date(r.time).valueOf()"
    )
    mapper = s.fn(
        "r",
        "{ return {deviceName: "
        + s.concat("doc.gateway", "'-'", "r.id")
        + ", telemetry: [{ts: "
        + ts
        + ", values: {v: r.v, iso: new Date("
        + ts.replace("return ", "")
        + ").toISOString()}}]}; }",
    )
    if rng.random() < 0.5:
        lines.append(f"result = doc.readings.map({mapper});")
    else:
        lines += s.loop("j", "doc.readings.length", f"result.push(({mapper})(doc.readings[j]));")
    if rng.random() < 0.3:
        lines.append(
            "result.forEach("
            + s.fn(
                "e",
                "{ e.telemetry[0].values.day = new Date(e.telemetry[0].ts)."
                + rng.choice(["toDateString()", "toLocaleDateString()", "getUTCDay()", "toString()", "toUTCString()"])
                + "; }",
            )
            + ");"
        )
    lines.append("return result;")
    return lines, body.encode("utf-8")


def csv_text(rng: random.Random, s: Style) -> tuple[list[str], bytes]:
    rows = [
        f"{rng.choice(['temp', 'hum', 'co2', 'Wärme'])},{round(rng.uniform(0, 100), 2)},"
        f"{rng.choice(['ok', 'warn', ' bad '])}"
        for _ in range(rng.randint(1, 4))
    ]
    text = rng.choice(["\n", "\r\n", ";"]).join(rows)
    lines = [
        s.decl("text", "String.fromCharCode.apply(String, payload)"),
        s.decl("values", "{}"),
        s.decl("rows", "text.split(/\\r?\\n|;/)"),
    ]
    check = rng.choice(
        [
            "cols[2].trim() === 'ok'",
            "cols[2].indexOf('ok') >= 0",
            "cols[2].includes('ok')",
            "/ok/.test(cols[2])",
            "cols[2].trim().startsWith('o')",
        ]
    )
    body = (
        "{ var cols = rows[r].split(','); values[cols[0]] = parseFloat(cols[1]); values[cols[0] + '_ok'] = "
        + check
        + "; }"
    )
    lines += s.loop("r", "rows.length", body)
    if rng.random() < 0.4:
        lines.append("values.total = Object." + rng.choice(["keys", "values"]) + "(values).length;")
    if rng.random() < 0.3:
        lines.append("values.summary = JSON.stringify(values" + rng.choice(["", ", null, 1"]) + ");")
    lines.append("return {deviceName: metadata.deviceName || 'csv', telemetry: values};")
    return lines, text.encode("utf-8")


def routing(rng: random.Random, s: Style) -> tuple[list[str], bytes]:
    lines = [s.decl("attrs", "{}")]
    pick = rng.random()
    if pick < 0.4:
        lines.append(
            "Object.keys(metadata).forEach(" + s.fn("k", "{ attrs['meta_' + k.toLowerCase()] = metadata[k]; }") + ");"
        )
    elif pick < 0.7:
        lines += [
            "for (var key in metadata)" + (" {" if s.braces else ""),
            "  if (metadata.hasOwnProperty(key)) attrs[key.replace(/[^a-z]/gi, '_')] = metadata[key];",
        ]
        if s.braces:
            lines.append("}")
    else:
        lines.append("attrs = Object.assign({}, metadata, {source: 'http'});")
    lines.append(s.decl("type", "metadata['Header:content-type'] || 'unknown'"))
    lines.append("attrs.kind = type.split('/')[1] || type;")
    lines.append("attrs.count = Object.getOwnPropertyNames(attrs).length;")
    lines.append(
        "return {deviceName: metadata.deviceName || 'routed', attributes: attrs, telemetry: {n: payload.length}};"
    )
    return lines, json.dumps({"x": rng.randint(0, 9)}).encode()


def display(rng: random.Random, s: Style) -> tuple[list[str], bytes]:
    value = rng.choice([0.1, 1.005, 12.5, 1234.5678, -0.5, 1e-7, 123456789.123, 2.5, 1 / 3])
    ts = rng.choice([0, 951819630000, 1622548800250, 1e12])
    lines = [s.decl("v", repr(value)), s.decl("d", f"new Date({ts})"), s.decl("shown", "{}")]
    fmt = rng.sample(
        [
            "v.toFixed(2)",
            "v.toPrecision(3)",
            "v.toExponential(2)",
            "v.toExponential()",
            "v.toString(16)",
            "v.toString(36)",
            "v.toLocaleString()",
            "String(v)",
            "(v * 100).toFixed(0) + '%'",
            "d.toString()",
            "d.toLocaleString()",
            "d.toLocaleTimeString()",
            "d.toTimeString()",
            "d.toJSON()",
            "'' + d",
            "d.getHours() + ':' + d.getMinutes()",
            "JSON.stringify({when: d})",
            "Number.EPSILON",
            "Number.MAX_SAFE_INTEGER",
            "typeof Symbol",
            "v.toFixed(25)",
        ],
        rng.randint(2, 5),
    )
    for k, f in enumerate(fmt):
        lines.append(f"shown.f{k} = {f};")
    lines.append("return {deviceName: 'display', telemetry: shown};")
    return lines, b"{}"


def fragile(rng: random.Random, s: Style) -> tuple[list[str], bytes]:
    body = rng.choice([b'{"a": {"b": 1}}', b'{"a": null}', b"not json", b'{"list": []}'])
    lines = [s.decl("doc", "null", mutable=True)]
    if rng.random() < 0.7:
        lines += [
            "try {",
            "  doc = JSON.parse(String.fromCharCode.apply(null, payload));",
            "} catch (e) {",
            "  doc = {error: " + rng.choice(["e.message", "e.name", "String(e)", "'bad'"]) + "};",
            "}",
        ]
    else:
        lines.append("doc = JSON.parse(String.fromCharCode.apply(null, payload));")
    lines.append(s.decl("deep", rng.choice(["doc.a.b", "doc.list[0].x", "doc.a && doc.a.b", "(doc.a || {}).b"])))
    if rng.random() < 0.3:
        lines.append("if (deep === undefined) throw new Error('missing field');")
    lines.append("return {deviceName: 'fragile', telemetry: {deep: deep === undefined ? null : deep, doc: doc}};")
    return lines, body


ARCHETYPES = [binary_frame, json_readings, csv_text, routing, display, fragile]


def _program(rng: random.Random) -> str:
    style = Style(rng)
    lines, payload = rng.choice(ARCHETYPES)(rng, style)
    header = rng.random()
    if header < 0.15:
        lines.insert(0, "// " + rng.choice(["Decoder", "TB converter for while-loop sensor", "v2"]))
    elif header < 0.2:
        lines.insert(0, "/*\n * Decoder\n */")
    text = "\n".join(lines)
    ending = rng.random()
    if ending < 0.07:
        text += "\n// " + rng.choice(["end", "done while testing", "EOF"])
    elif ending < 0.12:
        text += "  // trailing note"
    elif ending < 0.3:
        text += "\n"
    return text + "\x00" + base64.b64encode(payload).decode("ascii")


def cases(seed: int, n: int) -> list[dict[str, Any]]:
    """``n`` decoders from ``seed``: ``{id, script, payload_b64, metadata, tags}``."""
    rng = random.Random(seed * 7919 + 17)
    out = []
    for i in range(n):
        script, payload = _program(rng).split("\x00")
        meta = rng.choice([{"deviceName": "B-dev", "Header:content-type": "text/csv"}, {"integrationName": "HTTP"}, {}])
        out.append({"id": f"b{seed}-{i}", "script": script, "payload_b64": payload, "metadata": meta, "tags": []})
    return out
