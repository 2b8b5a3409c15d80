"""Converter speed: uplinks/s of UplinkConverter, the batch API and single calls, seed and binary decoders.

Run with tbkit's venv, pinned:  taskset -c 1 .venv/bin/python bench/converters.py [SECONDS]
Prints one JSON line. converters.js measures the same decoders in Node.js doing ThingsBoard's per-uplink work.
  batch        conv.decode_many(payloads), 1,000 payloads: decoded and normalised in V8 (chunks of 1,024 per V8
               call), the first error raised; each item's entities are built when read
  batch_cpu    the same per CPU-second of the process (steadier on a shared machine)
  batch_read   the same, then every item's entities read (ConvertedData objects built in Python)
  runs         conv.run_many(payloads): a Run per payload (raw output, logs, warnings, entities)
  single       conv.run(payload): one V8 call per payload (what a notebook cell does)
  async32      32 concurrent conv.run_async() on one asyncio loop (what the HTTP server does)
TBEL (batch and batch_cpu only): tbel_binary (bench/decoders/binary.tbel, the binary frame read with masks, shifts
and parseBytesTo*), tbel_records (the same frame in a byte loop with a helper function and accumulators),
tbel_json (the seed's JSON body); in the same run as binary.js and seed.js, the JavaScript decoders of the same
payloads.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BINARY, HERE, SEED, binary_frame, emit, json_body, median_cpu_rate, median_rate  # noqa: E402

from tbkit.converters import UplinkConverter  # noqa: E402

BATCH = 1000


def measure(source: str, payloads: list[bytes], secs: float) -> dict:
    conv = UplinkConverter(source)
    try:
        first = conv.run(payloads[0])
        assert first.ok, first.error
        single_n = 200

        def single() -> int:
            for p in payloads[:single_n]:
                conv.run(p)
            return single_n

        def batch() -> int:
            return len(conv.decode_many(payloads))

        def batch_read() -> int:
            return sum(1 for entities in conv.decode_many(payloads) if entities)

        def runs() -> int:
            return len(conv.run_many(payloads))

        async def many_async() -> int:
            sem = payloads[:32]
            for _ in range(8):
                await asyncio.gather(*(conv.run_async(p) for p in sem))
            return 8 * len(sem)

        loop = asyncio.new_event_loop()
        try:
            async32 = median_rate(lambda: loop.run_until_complete(many_async()), secs)
        finally:
            loop.close()
        return {
            "batch": median_rate(batch, secs),
            "batch_cpu": median_cpu_rate(batch, secs),
            "batch_read": median_rate(batch_read, secs),
            "runs": median_rate(runs, secs),
            "single": median_rate(single, secs),
            "async32": async32,
        }
    finally:
        conv.close()


def measure_tbel(name: str, payloads: list[bytes], secs: float) -> dict:
    """Batch rates of a TBEL decoder from bench/decoders."""
    conv = UplinkConverter((HERE / "decoders" / f"{name}.tbel").read_text("utf-8"), "TBEL")
    try:
        first = conv.run(payloads[0])
        assert first.ok, first.error

        def batch() -> int:
            return len(conv.decode_many(payloads))

        return {"batch": median_rate(batch, secs), "batch_cpu": median_cpu_rate(batch, secs)}
    finally:
        conv.close()


def main() -> None:
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    frames, bodies = [binary_frame(i) for i in range(BATCH)], [json_body(i) for i in range(BATCH)]
    emit(
        {
            "seed": measure(SEED, bodies, secs),
            "binary": measure(BINARY, frames, secs),
            "tbel_binary": measure_tbel("binary", frames, secs),
            "tbel_records": measure_tbel("records", frames, secs),
            "tbel_json": measure_tbel("json", bodies, secs),
        }
    )


if __name__ == "__main__":
    main()
