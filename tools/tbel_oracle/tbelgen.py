"""Seeded generators of TBEL programs for differential testing against ThingsBoard's engine.

Two families, each a function of a ``random.Random``:

* :func:`converter_program`: uplink decoders shaped like the ones on thingsboard/data-converters:
  binary frames read with shifts, masks and ``parseBytesTo*`` (offsets, byte orders), TLV record
  loops, LNS JSON envelopes carrying base64 or hex bytes, plain JSON telemetry, hex strings, CSV
  text; helper functions, accumulators, scaling, output maps with telemetry and attributes.
* :func:`random_program`: small programs of random expressions and statements over every kind of
  value TBEL has (typed and untyped variables, int/long/double/float/string/boolean/null
  literals, collections, casts, Math, TbUtils helpers, loops and functions).

Every program is an uplink case: ``{"id", "kind": "uplink", "family", "script", "payload_b64",
"metadata"}``. The same seed gives the same programs.

    python tools/tbel_oracle/tbelgen.py --seed 7 --count 1000 --family converter > progs.jsonl
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
from collections.abc import Callable

__all__ = ["converter_program", "generate", "random_program"]

METADATA_KEYS = ("deviceName", "deviceType", "fPort", "ts", "rssi", "snr", "gatewayId")


def _metadata(r: random.Random) -> dict[str, str]:
    md = {"deviceName": r.choice(["dev-1", "Sensor A", "eui-70b3d5a4d4104770", "T-1000"])}
    if r.random() < 0.7:
        md["deviceType"] = r.choice(["thermometer", "default", "LW-Sensor"])
    if r.random() < 0.7:
        md["fPort"] = str(r.choice([1, 2, 5, 10, 85, 100]))
    if r.random() < 0.6:
        md["ts"] = str(r.choice([1700000000000, 1709251200123, 1690000000000 + r.randint(0, 10**9)]))
    if r.random() < 0.4:
        md["rssi"] = r.choice(["-70", "-112.5", "-90", "0"])
    return md


# ---------------------------------------------------------------------------------------------------------------
# converter-shaped programs
# ---------------------------------------------------------------------------------------------------------------


class _Conv:
    """Builds one decoder: statements (``lines``), helper functions, and the names of the values it computed."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.lines: list[str] = []
        self.helpers: dict[str, str] = {}
        self.values: list[str] = []
        self.n = 0

    def pick(self, *xs):  # noqa: ANN001, ANN201 - any choice
        return self.r.choice(xs)

    def fresh(self, stem: str) -> str:
        self.n += 1
        return f"{stem}{self.n}"

    # ---- helpers a converter defines ----
    def helper(self, name: str) -> str:
        bodies = {
            "toSigned16": "function toSigned16(v) {\n  if (v > 32767) {\n    return v - 65536;\n  }\n  return v;\n}",
            "toSigned8": "function toSigned8(v) {\n  return v > 127 ? v - 256 : v;\n}",
            "round2": self.pick(
                "function round2(v) {\n  return Math.round(v * 100) / 100.0;\n}",
                "function round2(v) {\n  return Math.round(v * 100) / 100;\n}",
                "function round2(v) {\n  return toFixed(v, 2);\n}",
            ),
            "u16": self.pick(
                "function u16(b, i) {\n  return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);\n}",
                "function u16(b, i) {\n  return (b[i] & 0xFF) * 256 + (b[i + 1] & 0xFF);\n}",
                "function u16(b, i) {\n  return parseBytesToInt(b, i, 2, true);\n}",
            ),
            "u16le": "function u16le(b, i) {\n  return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);\n}",
            "u32": "function u32(b, i) {\n  return parseBytesToLong(b, i, 4, true);\n}",
            "hex2": "function hex2(v) {\n  var h = intToHex(v & 0xFF);\n  return h.length() < 2 ? \"0\" + h : h;\n}",
            "clamp": "function clamp(v, lo, hi) {\n  return Math.max(lo, Math.min(hi, v));\n}",
            "batteryPercent": (
                "function batteryPercent(mv) {\n  var p = (mv - 2500) / 10;\n  if (p > 100) {\n    p = 100;\n"
                "  }\n  if (p < 0) {\n    p = 0;\n  }\n  return p;\n}"
            ),
            "bitFlag": "function bitFlag(v, bit) {\n  return ((v >> bit) & 1) == 1;\n}",
        }
        self.helpers.setdefault(name, bodies[name])
        return name

    # ---- reading numbers out of bytes ----
    def byte_expr(self, b: str, i: str) -> str:
        return self.pick(f"{b}[{i}]", f"({b}[{i}] & 0xFF)", f"({b}[{i}] & 0xff)")

    def u16_expr(self, b: str, i: int, be: bool = True) -> str:
        j = i + 1
        hi, lo = (i, j) if be else (j, i)
        return self.pick(
            f"(({b}[{hi}] & 0xFF) << 8 | ({b}[{lo}] & 0xFF))",
            f"((({b}[{hi}] & 0xFF) << 8) + ({b}[{lo}] & 0xFF))",
            f"({b}[{hi}] << 8 | {b}[{lo}] & 0xFF)",
            f"parseBytesToInt({b}, {i}, 2, {'true' if be else 'false'})",
            f"({b}[{hi}] & 0xFF) * 256 + ({b}[{lo}] & 0xFF)",
            f"{self.helper('u16')}({b}, {i})" if be else f"{self.helper('u16le')}({b}, {i})",
        )

    def scaled(self, raw: str) -> str:
        r = self.r.random()
        if r < 0.15:
            return raw
        return self.pick(
            f"{raw} / 10", f"{raw} / 10.0", f"{raw} * 0.1", f"{raw} / 100.0", f"{raw} / 100", f"{raw} * 0.01",
            f"({raw} - 400) / 10.0", f"{raw} * 1.0 / 1000", f"toFixed({raw} / 10.0, 1)", f"{raw} / 2",
            f"Math.round({raw} * 0.0625 * 10) / 10.0", f"{raw} * 0.0625", f"({raw} - 32768) / 100",
            f"{raw} / 1000 * 3.3", f"toFixed({raw} * 0.01, 2)", f"{raw} % 100",
        )

    def number_from_bytes(self, b: str, off: int, room: int) -> str:
        be = self.pick("true", "false", "true")
        kinds = ["u8", "u8s", "u16", "u16s", "pbi"]
        if room >= 4:
            kinds += ["pbi4", "pbf", "pbl", "pbif", "u32"]
        match self.pick(*kinds):
            case "u8":
                return self.byte_expr(b, str(off))
            case "u8s":
                return self.pick(f"{b}[{off}]", f"{self.helper('toSigned8')}({b}[{off}] & 0xFF)")
            case "u16":
                return self.u16_expr(b, off, be == "true")
            case "u16s":
                return f"{self.helper('toSigned16')}({self.u16_expr(b, off, be == 'true')})"
            case "pbi":
                return f"parseBytesToInt({b}, {off}, {self.pick(1, 2, 3)}, {be})"
            case "pbi4":
                return self.pick(f"parseBytesToInt({b}, {off}, 4, {be})", f"parseBytesToInt({b}, {off}, 4)")
            case "pbf":
                return self.pick(f"parseBytesToFloat({b}, {off}, 4, {be})", f"parseBytesToFloat({b}, {off})")
            case "pbl":
                return f"parseBytesToLong({b}, {off}, {self.pick(4, 3, 2)}, {be})"
            case "pbif":
                return f"parseBytesIntToFloat({b}, {off}, {self.pick(2, 4)}, {be})"
            case _:
                return f"{self.helper('u32')}({b}, {off})"

    # ---- program parts ----
    def frame_fields(self, b: str, out: str, length: int) -> None:
        """Fixed-layout fields read from a byte array into the map ``out``."""
        off = 0
        names = ["temperature", "humidity", "battery", "pressure", "co2", "voltage", "counter", "level", "lux", "rssi"]
        self.r.shuffle(names)
        for name in names[: self.r.randint(2, 6)]:
            room = length - off
            if room < 1:
                break
            raw = self.number_from_bytes(b, off, room)
            width = 4 if any(k in raw for k in (", 4", "Float", "u32", "Long")) else 2 if ("u16" in raw or "<< 8" in raw or "256" in raw or ", 2" in raw) else 1
            off += width
            form = self.r.random()
            if form < 0.45:
                self.lines.append(f"{out}.{name} = {self.scaled(raw)};")
            elif form < 0.7:
                v = self.fresh("v")
                self.lines.append(f"var {v} = {raw};")
                if self.r.random() < 0.4:
                    self.lines.append(f"if ({v} > {self.pick(127, 32767, 1000, 0)}) {{\n  {v} = {v} - {self.pick(256, 65536, 1000)};\n}}")
                self.lines.append(f"{out}[\"{name}\"] = {self.scaled(v)};")
            elif form < 0.85:
                self.lines.append(f"{out}.put(\"{name}\", {self.scaled(raw)});")
            elif self.r.random() < 0.5:
                self.lines.append(f"{out}.{name} = {self.helper('round2')}({self.scaled(raw)});")
            else:
                self.lines.append(f"{out}.{name} = {self.helper('clamp')}({self.scaled(raw)}, 0, 100);")
        if self.r.random() < 0.5 and length > off:
            flags = self.byte_expr(b, str(off))
            fv = self.fresh("flags")
            self.lines.append(f"var {fv} = {flags};")
            for bit in self.r.sample(range(8), self.r.randint(1, 3)):
                self.lines.append(self.pick(
                    f"{out}.alarm{bit} = ({fv} >> {bit}) & 1;",
                    f"{out}.alarm{bit} = (({fv} >> {bit}) & 0x01) == 1;",
                    f"{out}.alarm{bit} = {self.helper('bitFlag')}({fv}, {bit});",
                    f"{out}.state{bit} = ({fv} & {1 << bit}) != 0 ? \"on\" : \"off\";",
                    f"if (({fv} & 0x{1 << bit:02X}) > 0) {{\n  {out}.event{bit} = true;\n}}",
                ))

    def tlv_loop(self, b: str, out: str) -> None:
        i = self.fresh("i")
        loop = self.pick("while", "for")
        head = f"var {i} = 0;\nwhile ({i} + 1 < {b}.{self.pick('length', 'size()')}) {{" if loop == "while" else \
            f"for (var {i} = 0; {i} + 1 < {b}.{self.pick('length', 'size()')}; ) {{"
        body = [
            f"  var type = {self.byte_expr(b, i)};",
            f"  var len = {self.byte_expr(b, i + ' + 1')};",
            "  if (type == 1 && len >= 2) {",
            f"    {out}.temperature = {self.scaled(self.pick(f'parseBytesToInt({b}, {i} + 2, 2, true)', f'(({b}[{i} + 2] & 0xFF) << 8 | ({b}[{i} + 3] & 0xFF))'))};",
            "  } else if (type == 2 && len >= 1) {",
            f"    {out}.humidity = {self.scaled(self.byte_expr(b, i + ' + 2'))};",
            f"  }} else if (type == {self.pick(3, 0x7F, 0xFF, -1)}) {{",
            f"    {out}.count = {self.pick('len', f'{out}.size()', '1')};",
            "  }",
            f"  {i} = {i} + 2 + {self.pick('len', '(len & 0x0F)', 'Math.max(len, 1)', 'len')};",
            "}",
        ]
        if loop == "while" and self.r.random() < 0.3:
            body.insert(-1, f"  if ({i} > 64) {{\n    break;\n  }}")
        self.lines.append(head)
        self.lines.extend(body)

    def channel_loop(self, b: str, out: str) -> None:
        n = self.r.randint(1, 4)
        c = self.fresh("ch")
        stride = self.pick(1, 2)
        read = self.pick(f"{b}[1 + {c} * {stride}]", f"parseBytesToInt({b}, 1 + {c} * {stride}, {stride}, {self.pick('true', 'false')})",
                         f"({b}[1 + {c} * {stride}] & 0xFF)")
        key = self.pick(f"\"ch\" + {c}", f"\"channel_\" + ({c} + 1)", f"\"value\" + {c}")
        self.lines.append(f"for (var {c} = 0; {c} < {n}; {c}++) {{\n  {out}[{key}] = {self.scaled(read)};\n}}")

    def accumulate(self, src: str, out: str) -> None:
        s, k = self.fresh("sum"), self.fresh("count")
        init = self.pick("0", "0.0", "0", "0L")
        item = self.fresh("x")
        self.lines.append(f"var {s} = {init};\nvar {k} = 0;")
        body = self.pick(f"{s} += {item};", f"{s} = {s} + {item};", f"{s} += {item} & 0xFF;")
        if self.r.random() < 0.5:
            self.lines.append(f"foreach ({item} : {src}) {{\n  {body}\n  {k}++;\n}}")
        else:
            j = self.fresh("j")
            self.lines.append(f"for (var {j} = 0; {j} < {src}.size(); {j}++) {{\n  var {item} = {src}[{j}];\n  {body}\n  {k} += 1;\n}}")
        self.lines.append(self.pick(
            f"if ({k} > 0) {{\n  {out}.avg = {s} / {k};\n}}",
            f"{out}.avg = {k} == 0 ? 0 : {s} / {k};",
            f"{out}.avg = toFixed({s} / {k}, 2);",
            f"{out}.sum = {s};\n{out}.n = {k};",
            f"{out}.avg = {s} * 1.0 / {k};",
        ))
        if self.r.random() < 0.4:
            mx = self.fresh("mx")
            self.lines.append(f"var {mx} = {self.pick('0', '-1000', '0.0')};\nforeach ({item} : {src}) {{\n  {mx} = Math.max({mx}, {item});\n}}\n{out}.max = {mx};")

    def strings(self, out: str, b: str) -> None:
        self.lines.append(self.pick(
            f"{out}.raw = bytesToHex({b});",
            f"{out}.hex = bytesToHex({b}).toLowerCase();",
            f"{out}.serial = bytesToHex({b}).substring(0, {self.r.randint(0, 6)});",
            f"{out}.b64 = bytesToBase64({b});",
            f"{out}.firmware = \"v\" + ({b}[0] & 0xFF) + \".\" + ({b}[1] & 0x0F);",
            f"{out}.id = intToHex({self.byte_expr(b, '0')});",
            f"{out}.code = padStart(intToHex({self.byte_expr(b, '0')}), 2, \"0\");",
            f"{out}.len = {b}.size();",
        ))

    def envelope_bytes(self) -> tuple[str, bytes]:
        """A JSON payload of an LNS (TTN/ChirpStack/Loriot style) carrying bytes; returns (bytes expr, payload)."""
        r = self.r
        raw = bytes(r.randint(0, 255) for _ in range(r.randint(2, 18)))
        style = r.choice(["ttn", "chirp", "loriot", "hexfield"])
        if style == "ttn":
            doc = {"end_device_ids": {"device_id": "eui-1", "dev_eui": "70B3D5A4D4104770"},
                   "uplink_message": {"f_port": r.choice([1, 2, 85]), "frm_payload": base64.b64encode(raw).decode(),
                                      "rx_metadata": [{"rssi": r.choice([-70, -112]), "snr": r.choice([7.5, -3.25, 9.0])}]}}
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append(self.pick(
                "var bytes = base64ToBytes(data.uplink_message.frm_payload);",
                "var bytes = base64ToBytesList(data.uplink_message.frm_payload);",
                "var bytes = hexToBytes(base64ToHex(data.uplink_message.frm_payload));",
            ))
            self.lines.append(self.pick("var port = data.uplink_message.f_port;", "var port = data.uplink_message.?f_port;"))
            self.lines.append("var rssi = data.uplink_message.rx_metadata[0].rssi;")
            self.values += ["port", "rssi"]
        elif style == "chirp":
            doc = {"deviceInfo": {"deviceName": "cs-1", "devEui": "0011223344556677"}, "fPort": r.choice([1, 10]),
                   "data": base64.b64encode(raw).decode(), "object": {"battery": r.choice([3.6, 100, 2.95])}}
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append("var bytes = base64ToBytes(data.data);")
            self.lines.append("var port = data.fPort;")
            self.values += ["port"]
        elif style == "loriot":
            doc = {"cmd": "rx", "EUI": "70B3D5A4D4104770", "port": r.choice([1, 2]), "data": raw.hex(),
                   "rssi": r.choice([-80, -101]), "snr": r.choice([5.5, -7.0])}
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append(self.pick("var bytes = hexToBytes(data.data);", "var bytes = hexToBytesArray(data.data);"))
            self.lines.append("var port = data.port;")
            self.values += ["port"]
        else:
            doc = {"deviceName": "h-1", "payload": raw.hex().upper(), "counter": r.randint(0, 70000)}
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append("var hex = data.payload;")
            self.lines.append("var bytes = hexToBytes(hex);")
            if r.random() < 0.6:
                self.lines.append(self.pick(
                    "var first = parseInt(hex.substring(0, 2), 16);",
                    "var first = Integer.parseInt(hex.substring(0, 2), 16);",
                    "var first = parseHexToInt(hex.substring(0, 4));",
                    "var first = parseHexToInt(hex.substring(0, 4), false);",
                ))
                self.values.append("first")
        text = json.dumps(doc)
        return "bytes", text.encode()

    def json_telemetry(self) -> bytes:
        r = self.r
        readings = [r.choice([1, 2.5, 21.0, 13.1, -4, 0, 100, 3.75, 7]) for _ in range(r.randint(0, 5))]
        doc: dict[str, object] = {"deviceName": "j-1", "temperature": r.choice([21.5, 22, -3.25, 0.0, 100]),
                                  "humidity": r.choice([40, 55.5, 99]), "readings": readings,
                                  "status": r.choice(["ok", "alarm", ""]), "count": r.randint(0, 3000000000)}
        if r.random() < 0.5:
            doc["alarm"] = r.choice([True, False])
        if r.random() < 0.4:
            doc["nested"] = {"a": r.randint(-5, 5), "b": {"c": r.choice(["x", 1.5, None])}}
        self.lines.append("var data = decodeToJson(payload);")
        out = "telemetry"
        self.lines.append(f"var {out} = {{}};")
        for k in r.sample(["temperature", "humidity", "status", "count", "alarm", "nested", "missing"], r.randint(2, 5)):
            self.lines.append(self.pick(
                f"{out}.{k} = data.{k};",
                f"if (data.{k} != null) {{\n  {out}.{k} = data.{k};\n}}",
                f"{out}.{k} = data.get(\"{k}\");",
                f"if (data.containsKey(\"{k}\")) {{\n  {out}[\"{k}\"] = data[\"{k}\"];\n}}",
            ))
        self.lines.append(self.pick(
            f"{out}.tempF = data.temperature * 9 / 5 + 32;",
            f"{out}.tempF = toFixed(data.temperature * 1.8 + 32, 1);",
            f"{out}.alarmText = data.alarm ? \"ALARM\" : \"normal\";",
            f"{out}.level = data.humidity > 50 ? \"high\" : \"low\";",
            f"{out}.neg = -data.temperature;",
            f"{out}.big = data.count * 2;",
            f"{out}.ratio = data.humidity / 100;",
        ))
        self.accumulate("data.readings", out)
        return json.dumps(doc).encode()

    def csv(self) -> bytes:
        r = self.r
        fields = [str(r.choice([21, 21.5, -3, 0, 1013.25, 7])) for _ in range(r.randint(2, 5))]
        text = r.choice([",", ";"]).join(fields)
        sep = ";" if ";" in text else ","
        self.lines.append(self.pick("var text = decodeToString(payload);", "var text = bytesToString(payload);", "var text = new String(payload);"))
        self.lines.append(f"var parts = text.split(\"{sep}\");")
        self.lines.append("var telemetry = {};")
        for i in range(len(fields)):
            self.lines.append(self.pick(
                f"telemetry.f{i} = parseDouble(parts[{i}]);",
                f"telemetry.f{i} = parseFloat(parts[{i}]);",
                f"telemetry.f{i} = parts[{i}];",
                f"telemetry.f{i} = Double.parseDouble(parts[{i}]) * 2;",
                f"telemetry.f{i} = parts[{i}].trim();",
            ))
        self.lines.append(self.pick("telemetry.count = parts.length;", "telemetry.count = parts.size();", "var n = 0;\nforeach (p : parts) {\n  n++;\n}\ntelemetry.count = n;"))
        return text.encode()

    def program(self) -> tuple[str, bytes]:
        r = self.r
        shape = r.choice(["frame", "frame", "envelope", "envelope", "json", "csv", "tlv"])
        payload: bytes
        out = "telemetry"
        if shape in ("frame", "tlv"):
            payload = bytes(r.randint(0, 255) for _ in range(r.randint(2, 20)))
            if shape == "tlv":
                payload = self._tlv_payload()
            b = self.pick("payload", "bytes")
            if b == "bytes":
                self.lines.append(self.pick("var bytes = payload;", "var bytes = payload.slice(0);", "var bytes = hexToBytes(bytesToHex(payload));"))
            self.lines.append(f"var {out} = {{}};")
            if shape == "tlv":
                self.tlv_loop(b, out)
            else:
                self.frame_fields(b, out, len(payload))
                if r.random() < 0.3:
                    self.channel_loop(b, out)
            if r.random() < 0.4:
                self.strings(out, b)
            if r.random() < 0.3:
                self.accumulate(b, out)
        elif shape == "envelope":
            b, payload = self.envelope_bytes()
            self.lines.append(f"var {out} = {{}};")
            length = 2
            self.frame_fields(b, out, length)
            if r.random() < 0.4:
                self.strings(out, b)
            if r.random() < 0.3:
                self.tlv_loop(b, out)
        elif shape == "json":
            payload = self.json_telemetry()
        else:
            payload = self.csv()
        for v in self.values:
            self.lines.append(f"{out}.{v} = {v};")
        return self._wrap(out), payload

    def _tlv_payload(self) -> bytes:
        r = self.r
        out = bytearray()
        for _ in range(r.randint(1, 4)):
            t = r.choice([1, 2, 3, 0x7F, 0xFF])
            ln = r.choice([1, 2, 2, 4])
            out += bytes([t, ln]) + bytes(r.randint(0, 255) for _ in range(ln))
        if r.random() < 0.2:
            out += bytes([1])
        return bytes(out)

    def _wrap(self, out: str) -> str:
        r = self.r
        ending = self.pick(
            f"return {{deviceName: metadata.deviceName, deviceType: \"sensor\", telemetry: {out}}};",
            f"var result = {{\n  deviceName: metadata.deviceName,\n  telemetry: {out},\n  attributes: {{port: metadata.fPort}}\n}};\nreturn result;",
            f"return {{deviceName: \"d\" + metadata.deviceName, telemetry: [{{ts: parseLong(metadata.ts), values: {out}}}]}};"
            if r.random() < 0.5 else f"return {{deviceName: \"d\", telemetry: {out}}};",
            f"var msg = {{}};\nmsg.deviceName = metadata.deviceName;\nmsg.telemetry = {out};\nreturn msg;",
        )
        body = self.lines + [ending]
        if r.random() < 0.35:  # the decoding in a function, as many converters have it
            inner = "\n".join("  " + line.replace("\n", "\n  ") for line in self.lines + [f"return {out};"])
            fn = self.pick("decodePayload", "decode", "processTelemetryData")
            call = self.pick(f"var {out} = {fn}(payload);", f"var {out} = {fn}(payload, metadata);")
            params = "input, md" if "metadata);" in call else "input"
            inner = inner.replace("payload", "input") if "payload" in inner else inner
            inner = inner.replace("metadata.", "md." if params != "input" else "metadata.")
            body = [f"function {fn}({params}) {{\n{inner}\n}}", call, ending]
        return "\n".join(list(self.helpers.values()) + body)


def converter_program(r: random.Random) -> tuple[str, bytes, dict[str, str]]:
    """A decoder shaped like the published ones; returns (script, payload, metadata)."""
    conv = _Conv(r)
    script, payload = conv.program()
    return script, payload, _metadata(r)


# ---------------------------------------------------------------------------------------------------------------
# small random programs
# ---------------------------------------------------------------------------------------------------------------

_INTS = ("0", "1", "2", "3", "7", "10", "-1", "-7", "100", "255", "1000", "65535", "65536", "46341", "123456",
         "999999999", "2147483647", "-2147483648", "0x7F", "0xFF", "0x10", "010", "1000000000", "-123456789")
_LONGS = ("0L", "1L", "-3L", "7L", "3000000000", "9007199254740993L", "9223372036854775807L", "4294967296L", "123456789012L")
_DOUBLES = ("0.0", "0.5", "1.0", "2.5", "-1.5", "0.1", "0.2", "1e3", "1.5e-3", "100.0", "3.14159", "1e20", "123456.789",
            "-0.0", "2.0E10", "13.1", "83.5", "1.75")
_FLOATS = ("1.5f", "0.1f", "2.0f", "-3.25f", "100f", "3.3f", "0.5F")
_STRINGS = ("\"abc\"", "\"Hello World\"", "\"\"", "\"  pad  \"", "\"a,b,,c\"", "\"12\"", "\"3.5\"", "\"-8\"", "\"0x1F\"",
            "\"1F\"", "\"A1B2C3\"", "\"true\"", "\"null\"", "\"x.y.z\"", "\"ff\"", "'q'", "\"0A01\"", "\"2147483648\"")


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
            atom = self.pick("payload[0]", "payload[1]", "payload[3]", "(payload[2] & 0xFF)", "payload.size()", "payload.length")
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
            f"Math.abs({v})", f"Math.max({v}, {self.lit()})", f"Math.min({self.lit()}, {v})", f"Math.round({v})",
            f"Math.floor({v})", f"Math.ceil({v})", f"Math.sqrt({v})", f"Math.pow({v}, 2)", f"Math.round({v} * 10) / 10",
            f"toFixed({v}, {self.r.randint(0, 3)})", f"toInt({v})", f"parseInt({s})", f"parseInt({s}, 16)",
            f"parseDouble({s})", f"parseFloat({s})", f"parseLong({s})", f"parseHexToInt({self.pick(*_STRINGS[8:12], *_STRINGS[-2:])})",
            f"Integer.parseInt({s})", f"Integer.toHexString({v})", f"Long.parseLong({s})", f"Double.parseDouble({s})",
            f"String.valueOf({v})", f"Integer.valueOf({v})", f"intToHex({v})", f"isDecimal({s})", f"isHexadecimal({s})",
            f"{s}.length()", f"{s}.indexOf(\"a\")", f"{s}.substring({self.r.randint(0, 2)})", f"{s}.toUpperCase()",
            f"{s}.trim()", f"{s}.split(\",\")", f"{s}.contains(\"1\")", f"{s}.charAt(0)", f"{s}.replace(\"a\", \"b\")",
            f"{s}.equals({self.lit('str')})", f"{s}.isEmpty()", f"{s}.compareTo({self.lit('str')})", f"{s} + {v}",
            "bytesToHex(" + self.pick("payload", "[1, 2, 255]", 'hexToBytes("0A0B")', 'base64ToBytes("AQID")') + ")",
            f"stringToBytes({s})", f"padStart({s}, 5, \"0\")", f"btoa({s})", f"parseBytesToInt(payload, {self.r.randint(0, 4)}, 2)",
            f"parseBytesToInt(payload, 0, 4, {self.pick('true', 'false')})", f"parseBytesToLong(payload, 0, {self.pick(4, 8)})",
            f"parseBytesToFloat(payload, {self.r.randint(0, 4)})", f"hexToBytes({self.pick(*_STRINGS[8:12])})",
            f"base64ToBytes(\"AQID\")", f"toFixed({v} / 3, 2)", f"(int) {v}", f"(long) {v}", f"(double) {v}", f"(float) {v}",
            f"(byte) {v}", f"(short) {v}", f"(String) {v}", f"(Integer) {v}", f"-{self.var('num') or 'payload[1]'}",
        )

    def cond(self) -> str:
        a, b = self.pick(self.num, self.num, lambda: self.lit("str"))(), self.pick(self.num, self.num, lambda: self.lit("str"))()
        op = self.pick("==", "!=", "<", ">", "<=", ">=")
        return self.pick(
            f"{a} {op} {b}", f"({a} {op} {b}) && {self.pick('true', 'false')}", f"!({a} {op} {b})",
            f"{self.var('bool') or 'true'} || {a} {op} {b}",
            self.pick("null", "0", '""', "false", "0.0") + " == " + self.pick("null", "0", '""', "false", "0.0", "1"),
            f"{self.var('map') or '{a: 1}'}.{self.pick('a', 'zz')} == null", f"{self.var('map') or '{a: 1}'}.{self.pick('a', 'zz')}",
            f"isDecimal({self.lit('str')})", f"{self.var('str') or self.lit('str')} == {self.lit('str')}",
        )

    def value(self) -> str:
        return self.pick(self.num, self.num, self.call, self.call, self.cond, lambda: f"{self.cond()} ? {self.num()} : {self.pick(self.num, lambda: self.lit('str'))()}")()

    def decl(self) -> str:
        self.n += 1
        name = f"v{self.n}"
        kind = self.pick("num", "num", "num", "str", "list", "map", "bool", "any")
        if kind == "num":
            init = self.pick(self.num, self.lit, self.call)()
            decl = self.pick("var", "var", "var", "int", "long", "double", "float", "Integer", "def")
        elif kind == "str":
            init, decl = self.pick(lambda: self.lit("str"), lambda: f"\"x\" + {self.num()}", self.call)(), self.pick("var", "String")
        elif kind == "list":
            items = ", ".join(self.pick(self.lit, lambda: self.lit("str"))() for _ in range(self.r.randint(0, 4)))
            init, decl = self.pick(f"[{items}]", "[]", "payload.slice(0, 3)", "base64ToBytes(\"AQID\")", "\"a,b\".split(\",\")"), "var"
        elif kind == "map":
            keys = self.r.sample(["a", "b", "n", "s"], self.r.randint(0, 3))
            init = "{" + ", ".join(f"{k}: {self.pick(self.lit, lambda: self.lit('str'), lambda: 'null')()}" for k in keys) + "}"
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
            options += [lambda: f"{v} {self.pick('+=', '-=', '*=', '/=')} {self.num(1)};", lambda: f"{v}{self.pick('++', '--')};",
                        lambda: f"{v} = {self.value()};", lambda: f"if ({self.cond()}) {{\n  {v} = {self.num()};\n}} else {{\n  {v} += 1;\n}}"]
        if lst:
            options += [lambda: f"{lst}.add({self.lit()});", lambda: f"{lst}.{self.pick('sort()', 'reverse()', 'clear()', 'remove(0)', 'push(1)')};"]
        if mp:
            options += [lambda: f"{mp}.put(\"{self.pick('a', 'k')}\", {self.value()});", lambda: f"{mp}.{self.pick('a', 'x')} = {self.value()};",
                        lambda: f"{mp}[\"{self.pick('b', 'y')}\"] = {self.num()};"]
        if v and self.r.random() < 0.5:
            k = f"i{self.n}"
            options += [lambda: f"for (var {k} = 0; {k} < {self.r.randint(0, 5)}; {k}++) {{\n  {v} = {v} + {self.pick(k, self.lit())};\n}}",
                        lambda: f"foreach ({k} : {lst or '[1, 2.5, 3L]'}) {{\n  {v} += {k};\n}}",
                        lambda: f"var {k} = 0;\nwhile ({k} < {self.r.randint(0, 4)}) {{\n  {v} = {v} * 2;\n  {k}++;\n}}"]
        return self.r.choice(options)()

    def function(self) -> tuple[str, str]:
        body = self.pick(
            "return a * b + 1;", "if (a > b) {\n    return a;\n  }\n  return b;", "var r = a;\n  r = r / b;\n  return r;",
            "return a + \"-\" + b;", "var s = 0;\n  for (var i = 0; i < 3; i++) {\n    s += a;\n  }\n  return s / b;",
            "return {x: a, y: b};", "return [a, b, a + b];", "return (a & 0xFF) << 8 | (b & 0xFF);", "return a / b;",
            "return Math.max(a, b);", "return toFixed(a * 1.0 / b, 1);",
        )
        return f"function f(a, b) {{\n  {body}\n}}", f"f({self.pick(self.num, self.lit)()}, {self.pick(self.num, self.lit)()})"

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
    payload = bytes(r.choice([0x00, 0x01, 0x7F, 0x80, 0xFF, 0x12, 0x34, 0xAB, r.randint(0, 255)]) for _ in range(r.randint(4, 12)))
    return _Rand(r).program(), payload, _metadata(r)


FAMILIES: dict[str, Callable[[random.Random], tuple[str, bytes, dict[str, str]]]] = {
    "converter": converter_program,
    "random": random_program,
}


def generate(seed: int, count: int, family: str) -> list[dict[str, object]]:
    """``count`` programs of ``family`` ("converter", "random" or "mixed") from ``seed``."""
    r = random.Random(seed)
    out: list[dict[str, object]] = []
    for i in range(count):
        fam = family if family != "mixed" else r.choice(list(FAMILIES))
        script, payload, metadata = FAMILIES[fam](r)
        out.append({"id": f"{fam}-{seed}-{i}", "kind": "uplink", "family": fam, "script": script,
                    "payload_b64": base64.b64encode(payload).decode(), "metadata": metadata})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--family", choices=[*FAMILIES, "mixed"], default="mixed")
    a = ap.parse_args(argv)
    for case in generate(a.seed, a.count, a.family):
        sys.stdout.write(json.dumps(case) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
