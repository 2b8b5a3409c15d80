"""Notebook responsiveness under load: a kernel serving 500 uplinks/s with the Dashboard shown.

    .venv/bin/python bench/responsiveness.py [RATE] [SECONDS]      # prints one JSON object
    .venv/bin/python bench/responsiveness.py --replay [RATE] [SECONDS] [--recorded N] [--rounds R]

A kernel (jupyter_client, no browser) starts a kit and displays `tbkit.ui.Dashboard(kit)`;
the widgets' comm messages reach this process on IOPub as they would reach JupyterLab.
Paced senders post RATE uplinks per second for SECONDS; meanwhile a trivial cell (`1 + 1`)
is executed every 100 ms and timed from request to reply. Reported: the p50/p95/max of
those cell times, the uplinks acknowledged, and the widget messages per second (all widgets,
and the busiest widget).

With ``--replay`` the same kernel first records N uplinks (posted as fast as the endpoint takes
them), then measures in alternating phases of SECONDS each, R rounds: the load alone, and the
load with a replay of the newest N recorded uplinks through a second converter running beside it
(``Replay.from_integration(hi, new, limit=N, run=False)`` then ``await replay.run_async()``, again and
again, as a task on the kernel's loop). See ``responsiveness_replay.py``.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import http_peers  # noqa: E402

CELL = """
import tbkit
from tbkit.ui import Dashboard
kit = tbkit.start(db={db!r})
hi = kit.add_http_integration("HTTP", uplink=open({seed!r}).read(), routing_key="load")
dashboard = Dashboard(kit)
display(dashboard)
print(hi.url)
"""
BODY = '{{"deviceName":"Sensor {n}","deviceType":"Temperature Sensor","temperature":{t},"model":"test"}}'


def sender(
    url: str,
    rate: float,
    seconds: float,
    offset: int,
    acked: list[int],
    failed: list[int] | None = None,
    waits: list[float] | None = None,
) -> None:
    """Post at a steady pace on one keep-alive connection; stop after ``seconds``.

    Each acknowledged uplink (status < 300) appends to ``acked``, any other outcome to ``failed``;
    ``waits`` gets each request's time to its response, in ms. A slow endpoint slows the sender
    (one request at a time), so fewer uplinks than ``rate * seconds`` are sent, none lost.
    """
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    start, sent = time.monotonic(), 0
    while time.monotonic() - start < seconds:
        body = BODY.format(n=(sent + offset) % 10, t=20 + sent % 10)
        began = time.monotonic()
        try:
            conn.request("POST", parts.path, body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if waits is not None:
                waits.append(1000 * (time.monotonic() - began))
            if response.status < 300:
                acked.append(1)
            elif failed is not None:
                failed.append(1)
        except (OSError, http.client.HTTPException):
            if failed is not None:
                failed.append(1)
            conn.close()
        sent += 1
        delay = start + sent / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    conn.close()


def main() -> int:
    if "--replay" in sys.argv:
        import responsiveness_replay

        return responsiveness_replay.main(sys.argv[1:])
    rate = float(sys.argv[1]) if len(sys.argv) > 1 else 500.0
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    km, kc, url = start(CELL)
    try:
        return report(measure(kc, url, rate, seconds), rate, seconds)
    finally:
        stop(km, kc)


def start(setup: str) -> tuple[object, object, str]:
    """A pinned kernel running ``setup`` (the kit, the integration, the Dashboard), and its uplink URL."""
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    db = out / "responsiveness.db"
    km, kc = http_peers.pinned_kernel(out, db)  # the kernel on the server CPU
    try:
        if shutil.which("taskset"):  # load and timing on the other CPU
            os.sched_setaffinity(0, {int(http_peers.LOAD_CPU)})
        lines: list[str] = []
        reply = kc.execute_interactive(
            setup.format(db=str(db), seed=str(HERE / "decoders" / "seed.js")),
            timeout=120,
            output_hook=lambda m: lines.append(m["content"].get("text", "")),
        )
        if reply["content"]["status"] != "ok":
            raise SystemExit(f"setup cell failed: {reply['content'].get('evalue')}")
        return km, kc, "".join(lines).strip().splitlines()[-1]
    except BaseException:
        stop(km, kc)
        raise


def stop(km: object, kc: object) -> None:
    """Stop the kit and the kernel."""
    try:
        kc.execute_interactive("kit.stop()", timeout=30, output_hook=lambda m: None)  # type: ignore[attr-defined]
    finally:
        kc.stop_channels()  # type: ignore[attr-defined]
        km.shutdown_kernel(now=False)  # type: ignore[attr-defined]


def measure(kc: object, url: str, rate: float, seconds: float) -> dict:
    """Load the kernel's server while timing trivial cells and counting widget messages."""
    comm: Counter[str] = Counter()
    stop = threading.Event()

    def drain() -> None:  # count widget messages on IOPub while the load runs
        while not stop.is_set():
            try:
                msg = kc.get_iopub_msg(timeout=0.2)  # type: ignore[attr-defined]
            except Exception:
                continue
            if msg["msg_type"] == "comm_msg":
                comm[msg["content"]["comm_id"]] += 1

    acked: list[int] = []
    failed: list[int] = []
    waits: list[float] = []
    senders = [
        threading.Thread(target=sender, args=(url, rate / 2, seconds, i * 5, acked, failed, waits)) for i in range(2)
    ]
    reader = threading.Thread(target=drain)
    reader.start()
    for thread in senders:
        thread.start()
    cells: list[float] = []
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        began = time.monotonic()
        msg_id = kc.execute("1 + 1", store_history=False)  # type: ignore[attr-defined]
        while True:  # the execute_reply comes on the shell channel when the cell has run
            reply = kc.get_shell_msg(timeout=60)  # type: ignore[attr-defined]
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        cells.append(1000 * (time.monotonic() - began))
        time.sleep(max(0.0, 0.1 - (time.monotonic() - began)))
    for thread in senders:
        thread.join(seconds + 30)
    time.sleep(1.0)  # the last flush
    stop.set()
    reader.join(5)
    return {"cells": cells, "acked": len(acked), "failed": len(failed), "waits": waits, "comm": dict(comm)}


def report(measured: dict, rate: float, seconds: float) -> int:
    cells = sorted(measured["cells"])
    p95 = cells[min(len(cells) - 1, int(0.95 * len(cells)))]
    comm = measured["comm"]
    result = {
        "rate": rate,
        "seconds": seconds,
        "acked": measured["acked"],
        "failed": measured["failed"],
        "cells": len(cells),
        "cell_p50_ms": round(statistics.median(cells), 1),
        "cell_p95_ms": round(p95, 1),
        "cell_max_ms": round(cells[-1], 1),
        "widget_msgs_per_s": round(sum(comm.values()) / seconds, 1),
        "busiest_widget_msgs_per_s": round(max(comm.values(), default=0) / seconds, 1),
        "widgets_sending": len(comm),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
