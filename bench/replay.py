"""Replay speed: 100,000 recorded uplinks through two converters (tbkit.replay.Replay), one JSON line.

Run with tbkit's venv, pinned:  taskset -c 1 .venv/bin/python bench/replay.py [N]
The uplinks are application/json seed bodies with the metadata an HTTP integration records; the
current converter is the seed decoder, the new one also scales every tenth temperature. Timed: the
whole Replay (payloads rebuilt with ThingsBoard's content-type rules, both converters run in
batches in V8, outputs compared) and then summary(); median of 3 runs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEED, emit, json_body  # noqa: E402

from tbkit.converters import UplinkConverter  # noqa: E402
from tbkit.replay import Replay  # noqa: E402

NEW = SEED.replace(
    "temperature: data.temperature", "temperature: data.temperature % 10 ? data.temperature : data.temperature / 10"
)
META = {
    "integrationName": "HTTP",
    "Header:content-type": "application/json",
    "Header:host": "127.0.0.1:8081",
    "Header:user-agent": "sensor/1.0",
}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    assert NEW != SEED
    uplinks = [
        {"ts": 1_700_000_000_000 + i, "content_type": "application/json", "metadata": META, "body": json_body(i)}
        for i in range(n)
    ]
    before, after = UplinkConverter(SEED), UplinkConverter(NEW)
    try:
        Replay(uplinks[:2000], before, after)  # warm-up
        times, summary = [], {}
        for _ in range(3):
            start = time.perf_counter()
            summary = Replay(uplinks, before, after).summary()
            times.append(time.perf_counter() - start)
    finally:
        before.close()
        after.close()
    emit({"uplinks": n, "seconds": statistics.median(times), "all_seconds": times, "summary": summary})


if __name__ == "__main__":
    main()
