"""Notebook responsiveness with a replay running beside the traffic (issue #14, "Limits").

    .venv/bin/python bench/responsiveness.py --replay [RATE] [SECONDS] [--recorded N] [--rounds R] [--from-memory]

One kernel, as in ``responsiveness.py``: a kit, an HTTP integration with the seed decoder and
the Dashboard shown. First N uplinks are posted as fast as the endpoint takes them, so the store
holds traffic to replay. Then R rounds of two phases of SECONDS each, in this order: the paced
RATE uplinks/s load with trivial cells every 100 ms alone, and the same with a replay beside it.
The replay is what a user would run in a cell: ``kit.replay(hi, new, limit=N, run=False)`` (it reads
the newest N recorded uplinks from the store on the kernel's loop) and ``await r.run_async()``
(it decodes them with the integration's current converter and with ``new``, a changed copy of
the seed decoder, on a worker thread), again and again as a task on the kernel's loop until the
phase ends. ``--from-memory`` reads the recorded uplinks once, before the phases, and replays
that list with ``Replay(recorded, hi.uplink, new)``: the worker thread's share alone, without the
store read on the loop. Prints one JSON object: per variant (cells pooled over the rounds) the
trivial-cell p50/p95/max, uplinks acknowledged and failed, the time each uplink waited for its
response, widget messages/s, and for the replay phases the uplinks replayed per second and how
long building each replay held the loop.
"""

from __future__ import annotations

import ast
import http.client
import json
import statistics
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from responsiveness import BODY, CELL, HERE, measure, start, stop

NEW = (
    (HERE / "decoders" / "seed.js")
    .read_text("utf-8")
    .replace(
        "temperature: data.temperature", "temperature: data.temperature % 10 ? data.temperature : data.temperature / 10"
    )
)
HARNESS = '''
import asyncio, statistics, time
from tbkit.replay import Replay

class ReplayLoop:
    """Replay the newest `limit` recorded uplinks through `script`, again and again, until stopped."""

    def __init__(self, integration, script, limit, from_memory):
        self.integration, self.script, self.limit = integration, script, limit
        self.recorded = integration.recorded(limit) if from_memory else None

    def _replay(self):
        if self.recorded is None:  # as a user would: the store is read on the kernel's loop
            return Replay.from_integration(self.integration, self.script, limit=self.limit, run=False)
        return Replay(self.recorded, self.integration.uplink, self.script, run=False)

    def start(self):
        self.replayed, self.runs, self.build_ms, self.last, self.current = 0, 0, [], None, None
        self.stopping, self.started = False, time.monotonic()
        self.task = asyncio.ensure_future(self._loop())

    async def _loop(self):
        while not self.stopping:
            began = time.monotonic()
            self.current = self._replay()
            self.build_ms.append(1000 * (time.monotonic() - began))
            await self.current.run_async()
            self.replayed += self.current.done
            if self.current.finished:
                self.runs, self.last = self.runs + 1, self.current

    async def stop(self):
        self.stopping = True
        if self.current is not None:
            self.current.cancel()
        await self.task
        seconds = time.monotonic() - self.started
        return {"replayed": self.replayed, "seconds": round(seconds, 2), "runs": self.runs,
                "uplinks_per_s": round(self.replayed / seconds),
                "build_ms_median": round(statistics.median(self.build_ms), 1),
                "build_ms_max": round(max(self.build_ms), 1),
                "summary": self.last.summary() if self.last is not None else None}

replays = ReplayLoop(hi, NEW, LIMIT, FROM_MEMORY)
'''


def control(kc: Any, code: str, expression: str = "None", timeout: float = 300) -> Any:
    """Run ``code`` in the kernel and return ``expression``'s value (as JSON), over the shell channel only."""
    msg_id = kc.execute(code, store_history=False, user_expressions={"r": f"__import__('json').dumps({expression})"})
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    content = reply["content"]
    if content["status"] != "ok" or content["user_expressions"]["r"]["status"] != "ok":
        raise RuntimeError(f"kernel: {content.get('evalue') or content['user_expressions']['r'].get('evalue')}")
    return json.loads(ast.literal_eval(content["user_expressions"]["r"]["data"]["text/plain"]))


def prerecord(url: str, n: int, threads: int = 8) -> dict[str, Any]:
    """Post ``n`` uplinks as fast as the endpoint takes them, on ``threads`` keep-alive connections."""
    acked: list[int] = []

    def post(count: int, offset: int) -> None:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        for i in range(count):
            conn.request(
                "POST",
                parts.path,
                body=BODY.format(n=(i + offset) % 10, t=20 + i % 15),
                headers={"Content-Type": "application/json"},
            )
            response = conn.getresponse()
            response.read()
            acked.append(response.status)
        conn.close()

    began = time.monotonic()
    workers = [threading.Thread(target=post, args=(n // threads + (i < n % threads), i)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.monotonic() - began
    return {
        "posted": n,
        "acked": sum(1 for s in acked if s < 300),
        "seconds": round(seconds, 1),
        "uplinks_per_s": round(n / seconds),
    }


def drain_iopub(kc: Any) -> None:
    """Drop what is waiting on IOPub, so a phase counts only its own widget messages."""
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Exception:  # queue.Empty: nothing left
            return


def phase(kc: Any, url: str, rate: float, seconds: float, with_replay: bool) -> dict[str, Any]:
    """One measured phase; with ``with_replay`` the replay loop runs for all of it."""
    drain_iopub(kc)
    if with_replay:
        control(kc, "replays.start()")
    measured = measure(kc, url, rate, seconds)
    replay = control(kc, "_stats = await replays.stop()", "_stats") if with_replay else None
    cells = sorted(measured["cells"])
    return {
        "variant": "replay" if with_replay else "alone",
        "cells": cells,
        "acked": measured["acked"],
        "failed": measured["failed"],
        "expected": round(rate * seconds),
        "waits": measured["waits"],
        "widget_msgs_per_s": round(sum(measured["comm"].values()) / seconds, 1),
        "replay": replay,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def summarise(phases: list[dict[str, Any]], variant: str) -> dict[str, Any]:
    """A variant's phases: cells pooled over the rounds, and the per-round figures."""
    mine = [p for p in phases if p["variant"] == variant]
    cells = [c for p in mine for c in p["cells"]]
    waits = [w for p in mine for w in p["waits"]]
    out: dict[str, Any] = {
        "cells": len(cells),
        "cell_p50_ms": percentile(cells, 0.5),
        "cell_p95_ms": percentile(cells, 0.95),
        "cell_max_ms": round(max(cells), 1),
        "round_p95_ms": [percentile(p["cells"], 0.95) for p in mine],
        "acked": sum(p["acked"] for p in mine),
        "failed": sum(p["failed"] for p in mine),
        "expected": sum(p["expected"] for p in mine),
        "uplink_wait_p50_ms": percentile(waits, 0.5),
        "uplink_wait_p95_ms": percentile(waits, 0.95),
        "uplink_wait_max_ms": round(max(waits), 1),
        "widget_msgs_per_s": statistics.median(p["widget_msgs_per_s"] for p in mine),
    }
    replays = [p["replay"] for p in mine if p["replay"]]
    if replays:
        out["replay_uplinks_per_s"] = [r["uplinks_per_s"] for r in replays]
        out["replay_uplinks_per_s_median"] = statistics.median(out["replay_uplinks_per_s"])
        out["replays"] = [{k: v for k, v in r.items() if k != "summary"} for r in replays]
        out["replay_summary"] = replays[-1]["summary"]
    return out


def parse(argv: list[str]) -> tuple[float, float, int, int, bool]:
    import argparse

    ap = argparse.ArgumentParser(prog="responsiveness.py --replay")
    ap.add_argument("--replay", action="store_true")
    ap.add_argument("rate", nargs="?", type=float, default=500.0)
    ap.add_argument("seconds", nargs="?", type=float, default=15.0, help="seconds per phase")
    ap.add_argument("--recorded", type=int, default=50_000, help="uplinks recorded first, and replayed")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of (alone, with the replay)")
    ap.add_argument(
        "--from-memory",
        action="store_true",
        help="read the recorded uplinks once before the phases and replay that list (`Replay(...)`), "
        "so the store read does not run on the loop during the phases",
    )
    args = ap.parse_args(argv)
    return args.rate, args.seconds, args.recorded, args.rounds, args.from_memory


def main(argv: list[str]) -> int:
    rate, seconds, recorded, rounds, from_memory = parse(argv)
    km, kc, url = start(CELL)
    try:
        setup = prerecord(url, recorded)
        harness = f"NEW, LIMIT, FROM_MEMORY = {NEW!r}, {recorded}, {from_memory}\n" + HARNESS
        setup["stored"] = control(kc, harness, "len(hi.recorded())")
        phases = [phase(kc, url, rate, seconds, with_replay) for _ in range(rounds) for with_replay in (False, True)]
    finally:
        stop(km, kc)
    alone, beside = summarise(phases, "alone"), summarise(phases, "replay")
    result = {
        "rate": rate,
        "seconds_per_phase": seconds,
        "rounds": rounds,
        "from_memory": from_memory,
        "recorded": setup,
        "alone": alone,
        "replay": beside,
        "ratio_p50": round(beside["cell_p50_ms"] / alone["cell_p50_ms"], 2),
        "ratio_p95": round(beside["cell_p95_ms"] / alone["cell_p95_ms"], 2),
    }
    print(json.dumps(result))
    return 0
