"""The byte inspector: what an inspection costs, and that decoding is as fast after one as before.

Run with tbkit's venv, pinned:  taskset -c 1 .venv/bin/python bench/inspection.py [SECONDS]
Prints one JSON line.

  decode     per decoder (seed, binary, binary TBEL), uplinks/s of the paths inspection must not slow:
             conv.decode_many (batch), conv.run_many (Run objects) and a Replay of conv against itself,
             for a converter never inspected ("before") and for one inspected first ("after"); the two are
             measured in alternating rounds of the same process, medians, and after / before per path
  inspect    per 1 KiB decoder, milliseconds of conv.inspect(payload): the first call (which makes the
             inspection context) and the median of the next ones
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BINARY, SEED, binary_frame, emit, json_body, rate  # noqa: E402

from tbkit.converters import UplinkConverter  # noqa: E402
from tbkit.replay import Replay  # noqa: E402

BATCH = 1000
ROUNDS = 5
BINARY_TBEL = (Path(__file__).resolve().parent / "decoders" / "binary.tbel").read_text("utf-8")
KIB = bytes((i * 37 + 11) & 255 for i in range(1024))
KIB_JSON = (b'{"deviceName":"K","values":[' + b",".join(b"%d" % (i % 97) for i in range(300)))[:1021] + b"]}"
KIB_DECODERS = {
    "js_loop": ("JS", "var s = 0;\nfor (var i = 0; i < payload.length; i++) {\n  s += payload[i];\n}\n"
                "return {deviceName: 'K', telemetry: {s: s}};", KIB),
    "js_decodeToJson": ("JS", "var d = decodeToJson(payload);\nreturn {deviceName: d.deviceName, "
                        "telemetry: {n: d.values.length}};", KIB_JSON),
    "tbel_parseBytesToInt": ("TBEL", "var s = 0;\nfor (int i = 0; i < payload.length; i += 4) {\n"
                             "  s += parseBytesToInt(payload, i, 4, true);\n}\n"
                             "return {deviceName: 'K', telemetry: {s: s}};", KIB),
}  # fmt: skip


def paths(conv: UplinkConverter, payloads: list[bytes]) -> dict[str, Callable[[], int]]:
    uplinks = [
        {"ts": i, "content_type": "application/octet-stream", "metadata": {}, "body": p} for i, p in enumerate(payloads)
    ]
    return {
        "batch": lambda: len(conv.decode_many(payloads)),
        "runs": lambda: len(conv.run_many(payloads)),
        "replay": lambda: Replay(uplinks, conv, conv).summary()["total"],
    }


def decode_rates(lang: str, source: str, payloads: list[bytes], secs: float) -> dict[str, float]:
    before, after = UplinkConverter(source, lang=lang), UplinkConverter(source, lang=lang)
    try:
        found = after.inspect(payloads[0])
        assert found.result.ok and found.complete, found.result.error
        sides = {"before": paths(before, payloads), "after": paths(after, payloads)}
        runs: dict[str, list[float]] = {f"{side}_{path}": [] for side in sides for path in sides[side]}
        for fn in (*sides["before"].values(), *sides["after"].values()):
            fn()  # warm-up
        for _ in range(ROUNDS):
            for path in sides["before"]:
                for side in ("before", "after"):
                    runs[f"{side}_{path}"].append(rate(sides[side][path], secs))
        out = {key: statistics.median(values) for key, values in runs.items()}
        for path in sides["before"]:
            out[f"ratio_{path}"] = out[f"after_{path}"] / out[f"before_{path}"]
        return out
    finally:
        before.close()
        after.close()


def inspect_ms(lang: str, source: str, payload: bytes) -> dict[str, float]:
    conv = UplinkConverter(source, lang=lang)
    try:
        start = time.perf_counter()
        found = conv.inspect(payload)
        first = (time.perf_counter() - start) * 1000
        assert found.result.ok and found.complete and found.unread == [], (found.result.error, found.unread)
        times = []
        for _ in range(7):
            start = time.perf_counter()
            conv.inspect(payload)
            times.append((time.perf_counter() - start) * 1000)
        return {"first_ms": first, "median_ms": statistics.median(times), "bytes": len(payload)}
    finally:
        conv.close()


def main() -> None:
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    frames = [binary_frame(i) for i in range(BATCH)]
    decode = {
        "seed": decode_rates("JS", SEED, [json_body(i) for i in range(BATCH)], secs),
        "binary": decode_rates("JS", BINARY, frames, secs),
        "binary_tbel": decode_rates("TBEL", BINARY_TBEL, frames, secs),
    }
    inspect = {name: inspect_ms(lang, source, payload) for name, (lang, source, payload) in KIB_DECODERS.items()}
    emit({"decode": decode, "inspect": inspect, "rounds": ROUNDS, "batch": BATCH})


if __name__ == "__main__":
    main()
