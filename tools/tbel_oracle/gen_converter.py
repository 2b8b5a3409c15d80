"""Converter-shaped TBEL programs: uplink decoders like the ones on thingsboard/data-converters.

Binary frames read with shifts, masks and ``parseBytesTo*`` (offsets, byte orders), TLV record loops,
LNS JSON envelopes carrying base64 or hex bytes, plain JSON telemetry, hex strings, CSV text; helper
functions, accumulators, scaling, output maps with telemetry and attributes.
"""

from __future__ import annotations

import base64
import json
import random

from gen_common import metadata

__all__ = ["converter_program"]


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
            "hex2": 'function hex2(v) {\n  var h = intToHex(v & 0xFF);\n  return h.length() < 2 ? "0" + h : h;\n}',
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
            f"{raw} / 10",
            f"{raw} / 10.0",
            f"{raw} * 0.1",
            f"{raw} / 100.0",
            f"{raw} / 100",
            f"{raw} * 0.01",
            f"({raw} - 400) / 10.0",
            f"{raw} * 1.0 / 1000",
            f"toFixed({raw} / 10.0, 1)",
            f"{raw} / 2",
            f"Math.round({raw} * 0.0625 * 10) / 10.0",
            f"{raw} * 0.0625",
            f"({raw} - 32768) / 100",
            f"{raw} / 1000 * 3.3",
            f"toFixed({raw} * 0.01, 2)",
            f"{raw} % 100",
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
            width = (
                4
                if any(k in raw for k in (", 4", "Float", "u32", "Long"))
                else 2
                if ("u16" in raw or "<< 8" in raw or "256" in raw or ", 2" in raw)
                else 1
            )
            off += width
            form = self.r.random()
            if form < 0.45:
                self.lines.append(f"{out}.{name} = {self.scaled(raw)};")
            elif form < 0.7:
                v = self.fresh("v")
                self.lines.append(f"var {v} = {raw};")
                if self.r.random() < 0.4:
                    self.lines.append(
                        f"if ({v} > {self.pick(127, 32767, 1000, 0)}) {{\n  {v} = {v} - {self.pick(256, 65536, 1000)};\n}}"  # noqa: E501
                    )
                self.lines.append(f'{out}["{name}"] = {self.scaled(v)};')
            elif form < 0.85:
                self.lines.append(f'{out}.put("{name}", {self.scaled(raw)});')
            elif self.r.random() < 0.5:
                self.lines.append(f"{out}.{name} = {self.helper('round2')}({self.scaled(raw)});")
            else:
                self.lines.append(f"{out}.{name} = {self.helper('clamp')}({self.scaled(raw)}, 0, 100);")
        if self.r.random() < 0.5 and length > off:
            flags = self.byte_expr(b, str(off))
            fv = self.fresh("flags")
            self.lines.append(f"var {fv} = {flags};")
            for bit in self.r.sample(range(8), self.r.randint(1, 3)):
                self.lines.append(
                    self.pick(
                        f"{out}.alarm{bit} = ({fv} >> {bit}) & 1;",
                        f"{out}.alarm{bit} = (({fv} >> {bit}) & 0x01) == 1;",
                        f"{out}.alarm{bit} = {self.helper('bitFlag')}({fv}, {bit});",
                        f'{out}.state{bit} = ({fv} & {1 << bit}) != 0 ? "on" : "off";',
                        f"if (({fv} & 0x{1 << bit:02X}) > 0) {{\n  {out}.event{bit} = true;\n}}",
                    )
                )

    def tlv_loop(self, b: str, out: str) -> None:
        i = self.fresh("i")
        loop = self.pick("while", "for")
        head = (
            f"var {i} = 0;\nwhile ({i} + 1 < {b}.{self.pick('length', 'size()')}) {{"
            if loop == "while"
            else f"for (var {i} = 0; {i} + 1 < {b}.{self.pick('length', 'size()')}; ) {{"
        )
        body = [
            f"  var type = {self.byte_expr(b, i)};",
            f"  var len = {self.byte_expr(b, i + ' + 1')};",
            "  if (type == 1 && len >= 2) {",
            f"    {out}.temperature = {self.scaled(self.pick(f'parseBytesToInt({b}, {i} + 2, 2, true)', f'(({b}[{i} + 2] & 0xFF) << 8 | ({b}[{i} + 3] & 0xFF))'))};",  # noqa: E501
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
        read = self.pick(
            f"{b}[1 + {c} * {stride}]",
            f"parseBytesToInt({b}, 1 + {c} * {stride}, {stride}, {self.pick('true', 'false')})",
            f"({b}[1 + {c} * {stride}] & 0xFF)",
        )
        key = self.pick(f'"ch" + {c}', f'"channel_" + ({c} + 1)', f'"value" + {c}')
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
            self.lines.append(
                f"for (var {j} = 0; {j} < {src}.size(); {j}++) {{\n  var {item} = {src}[{j}];\n  {body}\n  {k} += 1;\n}}"  # noqa: E501
            )
        self.lines.append(
            self.pick(
                f"if ({k} > 0) {{\n  {out}.avg = {s} / {k};\n}}",
                f"{out}.avg = {k} == 0 ? 0 : {s} / {k};",
                f"{out}.avg = toFixed({s} / {k}, 2);",
                f"{out}.sum = {s};\n{out}.n = {k};",
                f"{out}.avg = {s} * 1.0 / {k};",
            )
        )
        if self.r.random() < 0.4:
            mx = self.fresh("mx")
            self.lines.append(
                f"var {mx} = {self.pick('0', '-1000', '0.0')};\nforeach ({item} : {src}) {{\n  {mx} = Math.max({mx}, {item});\n}}\n{out}.max = {mx};"  # noqa: E501
            )

    def strings(self, out: str, b: str) -> None:
        self.lines.append(
            self.pick(
                f"{out}.raw = bytesToHex({b});",
                f"{out}.hex = bytesToHex({b}).toLowerCase();",
                f"{out}.serial = bytesToHex({b}).substring(0, {self.r.randint(0, 6)});",
                f"{out}.b64 = bytesToBase64({b});",
                f'{out}.firmware = "v" + ({b}[0] & 0xFF) + "." + ({b}[1] & 0x0F);',
                f"{out}.id = intToHex({self.byte_expr(b, '0')});",
                f'{out}.code = padStart(intToHex({self.byte_expr(b, "0")}), 2, "0");',
                f"{out}.len = {b}.size();",
            )
        )

    def envelope_bytes(self) -> tuple[str, bytes]:
        """A JSON payload of an LNS (TTN/ChirpStack/Loriot style) carrying bytes; returns (bytes expr, payload)."""
        r = self.r
        raw = bytes(r.randint(0, 255) for _ in range(r.randint(2, 18)))
        style = r.choice(["ttn", "chirp", "loriot", "hexfield"])
        if style == "ttn":
            doc = {
                "end_device_ids": {"device_id": "eui-1", "dev_eui": "70B3D5A4D4104770"},
                "uplink_message": {
                    "f_port": r.choice([1, 2, 85]),
                    "frm_payload": base64.b64encode(raw).decode(),
                    "rx_metadata": [{"rssi": r.choice([-70, -112]), "snr": r.choice([7.5, -3.25, 9.0])}],
                },
            }
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append(
                self.pick(
                    "var bytes = base64ToBytes(data.uplink_message.frm_payload);",
                    "var bytes = base64ToBytesList(data.uplink_message.frm_payload);",
                    "var bytes = hexToBytes(base64ToHex(data.uplink_message.frm_payload));",
                )
            )
            self.lines.append(
                self.pick("var port = data.uplink_message.f_port;", "var port = data.uplink_message.?f_port;")
            )
            self.lines.append("var rssi = data.uplink_message.rx_metadata[0].rssi;")
            self.values += ["port", "rssi"]
        elif style == "chirp":
            doc = {
                "deviceInfo": {"deviceName": "cs-1", "devEui": "0011223344556677"},
                "fPort": r.choice([1, 10]),
                "data": base64.b64encode(raw).decode(),
                "object": {"battery": r.choice([3.6, 100, 2.95])},
            }
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append("var bytes = base64ToBytes(data.data);")
            self.lines.append("var port = data.fPort;")
            self.values += ["port"]
        elif style == "loriot":
            doc = {
                "cmd": "rx",
                "EUI": "70B3D5A4D4104770",
                "port": r.choice([1, 2]),
                "data": raw.hex(),
                "rssi": r.choice([-80, -101]),
                "snr": r.choice([5.5, -7.0]),
            }
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append(
                self.pick("var bytes = hexToBytes(data.data);", "var bytes = hexToBytesArray(data.data);")
            )
            self.lines.append("var port = data.port;")
            self.values += ["port"]
        else:
            doc = {"deviceName": "h-1", "payload": raw.hex().upper(), "counter": r.randint(0, 70000)}
            self.lines.append("var data = decodeToJson(payload);")
            self.lines.append("var hex = data.payload;")
            self.lines.append("var bytes = hexToBytes(hex);")
            if r.random() < 0.6:
                self.lines.append(
                    self.pick(
                        "var first = parseInt(hex.substring(0, 2), 16);",
                        "var first = Integer.parseInt(hex.substring(0, 2), 16);",
                        "var first = parseHexToInt(hex.substring(0, 4));",
                        "var first = parseHexToInt(hex.substring(0, 4), false);",
                    )
                )
                self.values.append("first")
        text = json.dumps(doc)
        return "bytes", text.encode()

    def json_telemetry(self) -> bytes:
        r = self.r
        readings = [r.choice([1, 2.5, 21.0, 13.1, -4, 0, 100, 3.75, 7]) for _ in range(r.randint(0, 5))]
        doc: dict[str, object] = {
            "deviceName": "j-1",
            "temperature": r.choice([21.5, 22, -3.25, 0.0, 100]),
            "humidity": r.choice([40, 55.5, 99]),
            "readings": readings,
            "status": r.choice(["ok", "alarm", ""]),
            "count": r.randint(0, 3000000000),
        }
        if r.random() < 0.5:
            doc["alarm"] = r.choice([True, False])
        if r.random() < 0.4:
            doc["nested"] = {"a": r.randint(-5, 5), "b": {"c": r.choice(["x", 1.5, None])}}
        self.lines.append("var data = decodeToJson(payload);")
        out = "telemetry"
        self.lines.append(f"var {out} = {{}};")
        for k in r.sample(
            ["temperature", "humidity", "status", "count", "alarm", "nested", "missing"], r.randint(2, 5)
        ):
            self.lines.append(
                self.pick(
                    f"{out}.{k} = data.{k};",
                    f"if (data.{k} != null) {{\n  {out}.{k} = data.{k};\n}}",
                    f'{out}.{k} = data.get("{k}");',
                    f'if (data.containsKey("{k}")) {{\n  {out}["{k}"] = data["{k}"];\n}}',
                )
            )
        self.lines.append(
            self.pick(
                f"{out}.tempF = data.temperature * 9 / 5 + 32;",
                f"{out}.tempF = toFixed(data.temperature * 1.8 + 32, 1);",
                f'{out}.alarmText = data.alarm ? "ALARM" : "normal";',
                f'{out}.level = data.humidity > 50 ? "high" : "low";',
                f"{out}.neg = -data.temperature;",
                f"{out}.big = data.count * 2;",
                f"{out}.ratio = data.humidity / 100;",
            )
        )
        self.accumulate("data.readings", out)
        return json.dumps(doc).encode()

    def csv(self) -> bytes:
        r = self.r
        fields = [str(r.choice([21, 21.5, -3, 0, 1013.25, 7])) for _ in range(r.randint(2, 5))]
        text = r.choice([",", ";"]).join(fields)
        sep = ";" if ";" in text else ","
        self.lines.append(
            self.pick(
                "var text = decodeToString(payload);",
                "var text = bytesToString(payload);",
                "var text = new String(payload);",
            )
        )
        self.lines.append(f'var parts = text.split("{sep}");')
        self.lines.append("var telemetry = {};")
        for i in range(len(fields)):
            self.lines.append(
                self.pick(
                    f"telemetry.f{i} = parseDouble(parts[{i}]);",
                    f"telemetry.f{i} = parseFloat(parts[{i}]);",
                    f"telemetry.f{i} = parts[{i}];",
                    f"telemetry.f{i} = Double.parseDouble(parts[{i}]) * 2;",
                    f"telemetry.f{i} = parts[{i}].trim();",
                )
            )
        self.lines.append(
            self.pick(
                "telemetry.count = parts.length;",
                "telemetry.count = parts.size();",
                "var n = 0;\nforeach (p : parts) {\n  n++;\n}\ntelemetry.count = n;",
            )
        )
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
                self.lines.append(
                    self.pick(
                        "var bytes = payload;",
                        "var bytes = payload.slice(0);",
                        "var bytes = hexToBytes(bytesToHex(payload));",
                    )
                )
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
            f'return {{deviceName: metadata.deviceName, deviceType: "sensor", telemetry: {out}}};',
            f"var result = {{\n  deviceName: metadata.deviceName,\n  telemetry: {out},\n  attributes: {{port: metadata.fPort}}\n}};\nreturn result;",  # noqa: E501
            f'return {{deviceName: "d" + metadata.deviceName, telemetry: [{{ts: parseLong(metadata.ts), values: {out}}}]}};'  # noqa: E501
            if r.random() < 0.5
            else f'return {{deviceName: "d", telemetry: {out}}};',
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
    return script, payload, metadata(r)
