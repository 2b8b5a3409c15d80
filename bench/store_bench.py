"""Store: uplinks/s with full durability, and 1,000,000 telemetry rows loaded as a DataFrame.

Run with tbkit's venv, pinned to one CPU:  taskset -c 1 .venv/bin/python bench/store_bench.py OUTDIR
Prints one JSON line. Every loop is bounded by a count and a time.
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEED, emit, json_body  # noqa: E402

import tbkit  # noqa: E402
from tbkit.converters import UplinkConverter  # noqa: E402
from tbkit.integration import Integration  # noqa: E402
from tbkit.models import Request  # noqa: E402
from tbkit.store import Store  # noqa: E402

ROWS = 1_000_000
DEVICES, KEYS = 10, 4


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def uplinks_concurrent(path: Path, durability: str, seconds: float, conc: int = 32) -> float:
    """Integration.handle (the HTTP server's path) with `conc` uplinks in flight."""
    store = Store(fresh(path), durability=durability)
    hi = Integration(store, "bench", UplinkConverter(SEED), routing_key="test")

    async def main() -> float:
        counter = iter(range(10**9))
        deadline = time.perf_counter() + seconds

        async def worker() -> int:
            n = 0
            while time.perf_counter() < deadline and n < 100_000:
                outcome = await hi.handle(Request(json_body(next(counter)), "application/json"))
                assert outcome.result.value == "processed", outcome
                n += 1
            return n

        await worker()  # warm-up: creates the devices
        start = time.perf_counter()
        deadline = start + seconds
        done = sum(await asyncio.gather(*(worker() for _ in range(conc))))
        return done / (time.perf_counter() - start)

    try:
        return asyncio.run(main())
    finally:
        hi.close()
        store.close()


def uplinks_sequential(path: Path, durability: str, seconds: float) -> float:
    """Integration.process, one uplink at a time: one commit (and fsync) per uplink."""
    store = Store(fresh(path), durability=durability)
    hi = Integration(store, "bench", UplinkConverter(SEED), routing_key="test")
    try:
        hi.process(Request(json_body(0), "application/json"))
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds and n < 100_000:
            hi.process(Request(json_body(n), "application/json"))
            n += 1
        return n / (time.perf_counter() - start)
    finally:
        hi.close()
        store.close()


def build_rows(path: Path) -> float:
    """A store holding ROWS telemetry rows (DEVICES devices x KEYS keys), written with plain SQL."""
    Store(fresh(path)).close()  # schema
    start = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO entities (id, entity_type, name, type, created_ts) VALUES (?, 'DEVICE', ?, 'T', 0)",
        [(d + 1, f"Sensor {d}") for d in range(DEVICES)],
    )
    conn.executemany("INSERT INTO keys (id, key) VALUES (?, ?)", [(k + 1, f"key{k}") for k in range(KEYS)])
    per = ROWS // (DEVICES * KEYS)
    t0 = 1_700_000_000_000
    rows = (
        (d + 1, k + 1, t0 + i * 1000, 3, 20.0 + (i % 100) / 10)
        for d in range(DEVICES)
        for k in range(KEYS)
        for i in range(per)
    )
    conn.executemany("INSERT INTO telemetry (entity_id, key_id, ts, kind, value) VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - start


def load_times(path: Path, repeats: int = 3) -> dict:
    handle = tbkit.open(path)
    try:
        frame = handle.telemetry()
        assert len(frame) == ROWS, len(frame)
        frame_s = []
        for _ in range(repeats):
            start = time.perf_counter()
            frame = handle.telemetry()
            frame_s.append(time.perf_counter() - start)
        del frame
        sql = (
            "SELECT e.name, e.entity_type, t.ts, k.key, t.kind, t.value FROM telemetry t"
            " JOIN entities e ON e.id = t.entity_id JOIN keys k ON k.id = t.key_id ORDER BY t.ts, e.name, k.key"
        )
        start = time.perf_counter()
        handle.store.read(sql)
        sql_s = time.perf_counter() - start
    finally:
        handle.close()
    return {"df_load_s": statistics.median(frame_s), "df_load_all_s": frame_s, "df_sql_only_s": sql_s}


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out")
    out.mkdir(parents=True, exist_ok=True)
    secs = float(sys.argv[2]) if len(sys.argv) > 2 else 4.0
    res = {
        "uplinks_full_conc32": uplinks_concurrent(out / "store-full.db", "full", secs),
        "uplinks_normal_conc32": uplinks_concurrent(out / "store-normal.db", "normal", secs),
        "uplinks_full_seq": uplinks_sequential(out / "store-seq.db", "full", secs / 2),
    }
    db = out / "rows-1m.db"
    res["rows_build_s"] = build_rows(db)
    res.update(load_times(db))
    res["rows"] = ROWS
    fresh(db)
    emit(res)


if __name__ == "__main__":
    main()
