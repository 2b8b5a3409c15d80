"""The workshop's greenhouse fleet: a small binary protocol, a simulator payload, and checks.

Frame "GH/1", 12 bytes, big-endian:

====== ======================================================================
bytes  meaning
====== ======================================================================
0      magic ``0xA7``
1      protocol version, ``1``
2–3    device number 0–9999, unsigned: the device is named ``GH-`` + 4 digits (``GH-0042``)
4      message type: ``1`` = measurement
5–6    temperature, signed, in hundredths of a degree Celsius (``-125`` → ``-1.25``)
7      relative humidity, percent, unsigned
8–9    battery, millivolts, unsigned (``3012`` → ``3.012`` V)
10     flags: bit 0 door open, bit 1 heater on
11     checksum: XOR of bytes 0–10
====== ======================================================================

>>> frame = encode_frame(42, temperature=21.5, humidity=40, battery_mv=3012, door=True)
>>> frame.hex()
'a701002a010866280bc40105'
>>> decode_frame(frame)["telemetry"]["temperature"]
21.5
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .converters import UplinkConverter
from .converters.inspection import Inspection
from .converters.inspection_html import inspection_html
from .converters.uplink import DecodeRun
from .errors import ConverterError
from .models import JsonObject

if TYPE_CHECKING:
    from .simulator import SimDevice

__all__ = [
    "FIELDS",
    "CheckResult",
    "FrameInspection",
    "check",
    "decode_frame",
    "encode_frame",
    "fleet_payload",
    "inspect",
    "json_type",
    "same_json",
    "sample_frames",
    "show_json",
]

MAGIC, VERSION, MEASUREMENT = 0xA7, 1, 1
#: What each byte of a GH/1 frame is, by offset.
FIELDS = (
    "magic 0xA7",
    "protocol version",
    "device number, high byte",
    "device number, low byte",
    "message type",
    "temperature, high byte",
    "temperature, low byte",
    "humidity",
    "battery, high byte",
    "battery, low byte",
    "flags",
    "checksum",
)


def encode_frame(
    device: int,
    temperature: float,
    humidity: int,
    battery_mv: int,
    door: bool = False,
    heater: bool = False,
    corrupt: bool = False,
) -> bytes:
    """One GH/1 measurement frame (``corrupt=True`` spoils the checksum)."""
    centi = round(temperature * 100) & 0xFFFF
    flags = (1 if door else 0) | (2 if heater else 0)
    body = bytes(
        [
            MAGIC,
            VERSION,
            device >> 8,
            device & 0xFF,
            MEASUREMENT,
            centi >> 8,
            centi & 0xFF,
            humidity & 0xFF,
            battery_mv >> 8,
            battery_mv & 0xFF,
            flags,
        ]
    )
    checksum = 0
    for byte in body:
        checksum ^= byte
    return body + bytes([checksum ^ (0xFF if corrupt else 0)])


def decode_frame(frame: bytes) -> JsonObject:
    """The reference decoding of a frame, shaped as ThingsBoard converter output."""
    temperature = int.from_bytes(frame[5:7], "big", signed=True) / 100
    return {
        "deviceName": f"GH-{int.from_bytes(frame[2:4], 'big'):04d}",
        "deviceType": "Greenhouse Sensor",
        "attributes": {"door": bool(frame[10] & 1), "heater": bool(frame[10] & 2)},
        "telemetry": {
            "temperature": temperature,
            "humidity": frame[7],
            "battery": int.from_bytes(frame[8:10], "big") / 1000,
        },
    }


def sample_frames() -> list[bytes]:
    """Frames that exercise every field: negative temperature, flags, large numbers."""
    return [
        encode_frame(42, 21.5, 40, 3012, door=True),
        encode_frame(7, -1.25, 93, 2870, heater=True),
        encode_frame(1234, 30.07, 0, 3300, door=True, heater=True),
        encode_frame(9999, 0.0, 100, 65535),
    ]


def fleet_payload(device: SimDevice, seq: int) -> bytes:
    """A payload function for :func:`tbkit.simulate`: GH/1 frames from a drifting greenhouse."""
    number = int("".join(ch for ch in device.name if ch.isdigit()) or "0") % 10000
    device.temperature = round(device.temperature + random.uniform(-0.3, 0.3), 2)
    heater = device.temperature < 19
    return encode_frame(
        number, device.temperature, random.randint(55, 75), 3300 - seq % 400, door=seq % 17 == 0, heater=heater
    )


# -- checks ------------------------------------------------------------------------------------
# A check compares JSON values as a JavaScript learner reads them: a boolean is never a number
# (Python's True == 1 does not count), and numbers compare by value (28 and 28.0 are one JSON
# number; JavaScript has no int/float distinction). Messages print JSON: true, false, null.
_MISSING = object()
_STEPS: dict[int, tuple[str, Any]] = {
    1: ("deviceName and deviceType", lambda out: {k: out[k] for k in ("deviceName", "deviceType")}),
    2: ("telemetry.temperature", lambda out: out["telemetry"]["temperature"]),
    3: (
        "telemetry.humidity and telemetry.battery",
        lambda out: {k: out["telemetry"][k] for k in ("humidity", "battery")},
    ),
    4: ("attributes door and heater", lambda out: out["attributes"]),
}


def json_type(value: object) -> str:
    """The JSON type of a decoded value: boolean, number, string, null, array or object."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def same_json(expected: Any, got: Any) -> bool:
    """Equal as JSON values: same types (booleans are not numbers), numbers by value.

    >>> same_json({"door": True}, {"door": 1}), same_json(28, 28.0), same_json([1, None], [1.0, None])
    (False, True, True)
    """
    if json_type(expected) != json_type(got):
        return False
    if isinstance(expected, dict):
        return expected.keys() == got.keys() and all(same_json(v, got[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return len(expected) == len(got) and all(same_json(e, g) for e, g in zip(expected, got, strict=True))
    return bool(expected == got)


def _js(value: object) -> object:
    """Integral floats as ints, so 28.0 prints as JavaScript prints it: 28."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _js(v) for k, v in value.items()}
    return [_js(v) for v in value] if isinstance(value, list) else value


def show_json(value: object) -> str:
    """A value as JSON text: ``{"door": false, "battery": 3.012}``, ``null``."""
    return json.dumps(_js(value), ensure_ascii=False, default=repr)


def _type_slip(expected: object, got: object, path: str = "") -> str:
    """Where the JSON types differ, e.g. ``"; door is a number, not a boolean"`` ("" when nowhere)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in (k for k in expected if k in got):  # in the expected order: the first slip is named
            slip = _type_slip(expected[key], got[key], f"{path}.{key}" if path else key)
            if slip:
                return slip
        return ""
    kinds = json_type(expected), json_type(got)
    if kinds[0] != kinds[1] and "null" not in kinds and bool(expected == got):
        return f"; {path or 'the value'} is a {kinds[1]}, not a {kinds[0]}"
    return ""


@dataclass
class CheckResult:
    """The verdict on one workshop step."""

    step: int
    passed: bool
    message: str

    def __repr__(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'} step {self.step}: {self.message}"

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#cf222e"
        word = "Step passed" if self.passed else "Not yet"
        return (
            f"<div style='border-left:4px solid {colour};padding:4px 8px'><b>{word}</b> (step {self.step}): "
            f"{html.escape(self.message)}</div>"
        )


def _pick(step: int, output: Any) -> Any:
    try:
        return _STEPS[step][1](output)
    except (KeyError, TypeError):
        return _MISSING


def check(step: int, decoder: str) -> CheckResult:
    """Run a learner's decoder on sample frames and say whether step ``step`` is right."""
    if step == 5:
        return _check_checksum(decoder)
    if step == 6:
        return _check_header(decoder)
    what = _STEPS[step][0]
    try:
        converter = UplinkConverter(decoder, name=f"step {step}")
    except ConverterError as exc:
        return CheckResult(step, False, f"the decoder does not compile: {exc}")
    try:
        for frame in sample_frames():
            verdict = _check_frame(step, what, converter, frame)
            if verdict is not None:
                return verdict
    finally:
        converter.close()
    return CheckResult(step, True, f"{what} right for all {len(sample_frames())} sample frames")


def _check_frame(step: int, what: str, converter: UplinkConverter, frame: bytes) -> CheckResult | None:
    run = converter.run(frame)
    if run.error is not None and run.output is None:
        return CheckResult(step, False, f"frame {frame.hex()}: {run.error}")
    expected, got = _pick(step, decode_frame(frame)), _pick(step, run.output)
    if got is _MISSING:
        return CheckResult(step, False, f"the output has no {what}: {show_json(run.output)} (frame {frame.hex()})")
    if not same_json(expected, got):
        return CheckResult(
            step,
            False,
            f"{what} for frame {frame.hex()}: expected {show_json(expected)}, "
            f"got {show_json(got)}{_type_slip(expected, got)}",
        )
    return None


def _check_checksum(decoder: str) -> CheckResult:
    try:
        converter = UplinkConverter(decoder, name="step 5")
    except ConverterError as exc:
        return CheckResult(5, False, f"the decoder does not compile: {exc}")
    try:
        good = converter.run(sample_frames()[0])
        bad = converter.run(encode_frame(42, 21.5, 40, 3012, door=True, corrupt=True))
    finally:
        converter.close()
    if good.error is not None:
        return CheckResult(5, False, f"a correct frame was refused: {good.error}")
    if bad.error is None:
        return CheckResult(5, False, "a frame with a wrong checksum was accepted: throw an Error for it")
    return CheckResult(5, True, f"bad checksums are refused ({bad.error.message})")


# -- which bytes a decoder reads (the byte inspector) ----------------------------------------
@dataclass
class FrameInspection:
    """Which bytes of a GH/1 frame a decoder read: :attr:`inspection` (the grid), and the fields it never read."""

    inspection: Inspection[DecodeRun]

    @property
    def unread_fields(self) -> list[str]:
        """``byte 0 (magic 0xA7)`` for each byte never read."""
        return [f"byte {i} ({FIELDS[i] if i < len(FIELDS) else 'past the frame'})" for i in self.inspection.unread]

    def message(self) -> str:
        """One sentence: every byte read, or the fields never read."""
        error = self.inspection.result.error
        if error is not None:
            return f"the decoder failed on frame {self.inspection.payload.hex()}: {error}"
        unread = self.unread_fields
        if not unread:
            return "your decoder reads every byte of the frame"
        return "your decoder never reads " + ", ".join(unread)

    def __repr__(self) -> str:
        return self.message()

    def _repr_html_(self) -> str:
        return f"<p><b>{html.escape(self.message())}</b></p>" + inspection_html(self.inspection)


def inspect(decoder: str, frame: bytes | None = None) -> FrameInspection:
    """Run ``decoder`` on ``frame`` (the first sample frame by default) and show which bytes it read."""
    converter = UplinkConverter(decoder, name="workshop")
    try:
        return FrameInspection(converter.inspect(frame if frame is not None else sample_frames()[0]))
    finally:
        converter.close()


def _with_byte(frame: bytes, offset: int, value: int) -> bytes:
    """``frame`` with byte ``offset`` set to ``value`` and its checksum made right again."""
    body = bytearray(frame[:11])
    body[offset] = value
    checksum = 0
    for byte in body:
        checksum ^= byte
    return bytes(body) + bytes([checksum])


def _check_header(decoder: str) -> CheckResult:
    try:
        converter = UplinkConverter(decoder, name="step 6")
    except ConverterError as exc:
        return CheckResult(6, False, f"the decoder does not compile: {exc}")
    try:
        for step in (1, 2, 3, 4):
            for frame in sample_frames():
                verdict = _check_frame(step, _STEPS[step][0], converter, frame)
                if verdict is not None:
                    return CheckResult(6, False, verdict.message)
        good = sample_frames()[0]
        for offset, value, what in ((0, 0xA8, "a wrong magic byte"), (1, 2, "version 2"), (4, 2, "message type 2")):
            frame = _with_byte(good, offset, value)
            if converter.run(frame).error is None:
                return CheckResult(6, False, f"a frame with {what} was accepted ({frame.hex()}): throw an Error for it")
        unread = FrameInspection(converter.inspect(good)).unread_fields
    finally:
        converter.close()
    if unread:
        return CheckResult(6, False, "never read: " + ", ".join(unread))
    return CheckResult(6, True, "frames that are not GH/1 version 1 measurements are refused; every byte is read")
