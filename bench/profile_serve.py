"""Profile `python -m tbkit serve` under wrk load with py-spy (installed from PyPI into $PEERS_DIR/pyspy).

  .venv/bin/python bench/profile_serve.py [--python PY] [--secs 8] [-- extra serve args]

Starts the server pinned to CPU 1, loads it with wrk on CPU 0 (32 connections), samples it with
`py-spy record --gil --threads` (only samples holding the GIL: where the one core goes) and prints
the share of each thread and the heaviest tbkit functions. Raw samples: bench/out/profile-raw.txt.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import http_peers as hp  # noqa: E402


def py_spy() -> str:
    venv = hp.PEERS_DIR / "pyspy"
    exe = venv / "bin" / "py-spy"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "py-spy"], check=True)
    return str(exe)


def summarise(raw: Path, top: int = 25) -> str:
    total, threads, incl = 0, collections.Counter(), collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        frames, count = stack.split(";"), int(n)
        total += count
        name = frames[0].split(":")[-1].strip() if ":" in frames[0] else frames[0]
        threads[name] += count
        for f in set(frames[1:]):
            if "tbkit/" in f or "sqlite" in f or "json/" in f:
                incl[f] += count
    out = [f"{total} samples holding the GIL"]
    out += [f"{100 * v / total:5.1f}%  thread {k}" for k, v in threads.most_common(6)]
    out += ["inclusive, tbkit / json frames:"]
    out += [f"{100 * v / total:5.1f}%  {k}" for k, v in incl.most_common(top)]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--secs", type=int, default=8)
    ap.add_argument("extra", nargs="*", help="extra `tbkit serve` arguments (after --)")
    args = ap.parse_args()
    out = HERE / "out"
    spy = py_spy()
    t = hp.Target("tbkit_serve_profile", "tbkit serve (profiled)", 18107, extra=args.extra)
    hp.start(t, args.python, out)
    raw = out / "profile-raw.txt"
    try:
        hp.wrk(t, 3)
        load = subprocess.Popen(
            hp.pin(hp.LOAD_CPU)
            + [
                "timeout",
                str(args.secs + 10),
                "wrk",
                "-t1",
                "-c32",
                f"-d{args.secs + 3}s",
                "-s",
                str(hp.PEERS / "post.lua"),
                t.url,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1)
        subprocess.run(
            hp.pin(hp.LOAD_CPU)
            + [
                spy,
                "record",
                "-p",
                str(t.pid),
                "-d",
                str(args.secs),
                "-r",
                "250",
                "--threads",
                "--gil",
                "--nonblocking",
                "-f",
                "raw",
                "-o",
                str(raw),
            ],
            check=True,
            capture_output=True,
            timeout=args.secs + 30,
        )
        stdout, _ = load.communicate(timeout=args.secs + 20)
    finally:
        hp.stop(t)
    print(next((ln for ln in stdout.splitlines() if ln.startswith("RESULT")), "no RESULT line"))
    print(summarise(raw))


if __name__ == "__main__":
    main()
