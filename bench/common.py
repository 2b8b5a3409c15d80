"""Small helpers shared by the bench scripts: timing loops that stop by themselves, medians, output."""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = (HERE / "decoders" / "seed.js").read_text("utf-8")
BINARY = (HERE / "decoders" / "binary.js").read_text("utf-8")
BODY = b'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'


def binary_frame(i: int) -> bytes:
    """A 12-byte frame for decoders/binary.js (bytes >= 0x80 included on purpose)."""
    temp = (2150 + i % 300 - 1000) & 0xFFFF
    return bytes(
        [0, 7, temp >> 8, temp & 255, 0x91, 0x0E, 0xD8, 0x81, (i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255]
    )


def json_body(i: int) -> bytes:
    return b'{"deviceName":"Sensor T%d","deviceType":"Temperature Sensor","temperature":%d,"model":"test"}' % (
        i % 10,
        20 + i % 15,
    )


def rate(fn: Callable[[], int], seconds: float, max_rounds: int = 100_000) -> float:
    """Calls per second: run ``fn`` (which returns how many calls it made) for about ``seconds``."""
    done, start = 0, time.perf_counter()
    for _ in range(max_rounds):
        done += fn()
        if time.perf_counter() - start >= seconds:
            break
    return done / (time.perf_counter() - start)


def median_rate(fn: Callable[[], int], seconds: float, repeats: int = 3) -> float:
    fn()  # warm-up
    return statistics.median(rate(fn, seconds) for _ in range(repeats))


def cpu_rate(fn: Callable[[], int], seconds: float, max_rounds: int = 100_000) -> float:
    """Calls per CPU-second of this process (all its threads, V8's included): time other processes
    take on a shared core is not counted, so this is steadier than wall-clock rates there."""
    done, start, wall = 0, time.process_time(), time.perf_counter()
    for _ in range(max_rounds):
        done += fn()
        if time.perf_counter() - wall >= seconds:
            break
    return done / max(time.process_time() - start, 1e-9)


def median_cpu_rate(fn: Callable[[], int], seconds: float, repeats: int = 3) -> float:
    fn()  # warm-up
    return statistics.median(cpu_rate(fn, seconds) for _ in range(repeats))


def emit(results: dict) -> None:
    """Print the results as one JSON line (run.py reads the last line)."""
    sys.stdout.write(json.dumps(results) + "\n")
    sys.stdout.flush()
