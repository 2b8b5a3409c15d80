"""Converter speed: calls/s of UplinkConverter, single calls and the batch API, seed and binary decoders.

Run with tbkit's venv, pinned:  taskset -c 1 .venv/bin/python bench/converters.py [SECONDS]
Prints one JSON line. converters.js measures the same decoders in Node.js.
  single       conv.run(payload): one V8 call per payload (what a notebook cell does)
  batch        conv.run_many(payloads) with 1000 payloads (chunks of 256 per V8 call)
  async32      32 concurrent conv.run_async() on one asyncio loop (what the HTTP server does)
  v8_batch     V8Script.call_many only: the batch API without normalising the output in Python
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BINARY, SEED, binary_frame, emit, json_body, median_rate  # noqa: E402

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
            return len(conv.run_many(payloads))

        items = [conv._item(p, None) for p in payloads]

        def v8_batch() -> int:
            return len(conv._script.call_many("decode", items))

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
            "single": median_rate(single, secs),
            "batch": median_rate(batch, secs),
            "v8_batch": median_rate(v8_batch, secs),
            "async32": async32,
        }
    finally:
        conv.close()


def main() -> None:
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    emit({
        "seed": measure(SEED, [json_body(i) for i in range(BATCH)], secs),
        "binary": measure(BINARY, [binary_frame(i) for i in range(BATCH)], secs),
    })


if __name__ == "__main__":
    main()
