"""Soak: a million uplinks through `python -m tbkit serve`; memory stays flat, events bounded.

    make soak                      # 1,000,000 uplinks (about 10 minutes on a 2-core machine)
    .venv/bin/python bench/soak.py --uplinks 50000   # a short run

Load comes from wrk (Debian package) over loopback in 30-second chunks until the store has
counted the uplinks; the server's RSS is sampled after every chunk. The result is written to
bench/soak-results.md (RSS over time, final event count against its bound).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DECODER = (
    "var data = decodeToJson(payload);\n"
    "return {deviceName: data.deviceName, deviceType: data.deviceType,\n"
    "        attributes: {model: data.model}, telemetry: {temperature: data.temperature}};\n"
)
LUA = (
    'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
    'wrk.body = \'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}\'\n'
)
URL = re.compile(r"(http://127\.0\.0\.1:\d+/api/v1/integrations/http/soak)")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def counters(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        processed = conn.execute("SELECT COALESCE(SUM(processed), 0) FROM stats").fetchone()[0]
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()
    return int(processed), int(events)


def start_server(work: Path, max_events: int) -> tuple[subprocess.Popen[str], str]:
    (work / "decoder.js").write_text(DECODER)
    server = subprocess.Popen(
        [
            "taskset",
            "-c",
            "1",
            sys.executable,
            "-m",
            "tbkit",
            "serve",
            "--uplink",
            "decoder.js",
            "--db",
            "soak.db",
            "--port",
            "0",
            "--routing-key",
            "soak",
            "--quiet",
            "--max-events",
            str(max_events),
        ],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in server.stdout:  # type: ignore[union-attr]
        match = URL.search(line)
        if match:
            return server, match.group(1)
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--uplinks", type=int, default=1_000_000)
    parser.add_argument("--max-events", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=30, help="seconds of wrk per chunk")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    work = Path(tempfile.mkdtemp(prefix="tbkit-soak-"))
    (work / "post.lua").write_text(LUA)
    server, url = start_server(work, args.max_events)
    samples: list[tuple[float, int, float, int]] = []
    started = time.monotonic()
    try:
        processed = 0
        while processed < args.uplinks and server.poll() is None:
            subprocess.run(
                [
                    "taskset",
                    "-c",
                    "0",
                    "timeout",
                    str(args.chunk + 10),
                    "wrk",
                    "-t1",
                    "-c32",
                    f"-d{args.chunk}s",
                    "-s",
                    str(work / "post.lua"),
                    url,
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            processed, events = counters(work / "soak.db")
            samples.append((time.monotonic() - started, processed, rss_mib(server.pid), events))
            print(
                f"{samples[-1][0]:7.0f} s  {processed:>9,} uplinks  RSS {samples[-1][2]:7.1f} MiB  events {events:,}",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)
    write_report(samples, args)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def write_report(samples: list[tuple[float, int, float, int]], args: argparse.Namespace) -> None:
    first, last = samples[0], samples[-1]
    lines = [
        "# Soak results",
        "",
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        f"- command: `.venv/bin/python bench/soak.py --uplinks {args.uplinks} --max-events {args.max_events}`",
        f"- uplinks: {last[1]:,} in {last[0]:.0f} s ({last[1] / last[0]:,.0f}/s)",
        f"- RSS: {first[2]:.1f} MiB after the first chunk, {last[2]:.1f} MiB at the end "
        f"(max {max(s[2] for s in samples):.1f} MiB)",
        f"- debug events at the end: {last[3]:,} (bound {args.max_events:,})",
        "",
        "| elapsed s | uplinks | RSS MiB | events |",
        "|---:|---:|---:|---:|",
    ]
    lines += [f"| {t:.0f} | {n:,} | {rss:.1f} | {ev:,} |" for t, n, rss, ev in samples]
    (HERE / "soak-results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:8]))


if __name__ == "__main__":
    sys.exit(main())
