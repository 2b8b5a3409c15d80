"""`make bench`: tbkit beside bare Tornado, Node-RED and Node.js on this machine, in one run.

A full run needs wrk, Node.js with npm, and Node-RED: as root with apt-get it installs wrk (Debian's
`wrk`) and Node.js (`nodejs npm`) when absent, and Node-RED with npm into $PEERS_DIR; otherwise it
prints the exact command to run and stops (exit 2) before measuring anything. It runs the HTTP
targets in interleaved rounds, the converter, replay, store and notebook benchmarks, prints a table
and writes the whole bench/results.md (raw numbers in bench/out/results.json), with every command
written relative to the repository.

  .venv/bin/python bench/run.py [--secs 10] [--repeats 2] [--trial-python PATH]

A partial run (--quick, --converters-only, --skip-http, --only) skips what it cannot run and writes
bench/out/results-partial.md instead: bench/results.md only ever holds a whole run.

--trial-python runs `python -m tbkit serve` a second time with another interpreter (a patched copy
of tbkit, see bench/profiling.md) in the same rounds, so before and after share one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import http_peers as hp  # noqa: E402
import report  # noqa: E402

OUT = HERE / "out"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sh(cmd: list[str], timeout: float, **kw) -> subprocess.CompletedProcess:
    log("$ " + " ".join(cmd))
    return subprocess.run(cmd, timeout=timeout, **kw)


REPO = HERE.parent
_APT_UPDATED: list[bool] = []


def apt_install(packages: list[str], provides: str) -> str:
    """Install Debian packages when root with apt-get (for `provides`); '' when it is there, else why not,
    with the exact command to run."""
    if shutil.which(provides):
        return ""
    command = f"sudo apt-get install -y {' '.join(packages)}"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{provides} is missing: install it with `{command}`"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        if not _APT_UPDATED:
            sh(["apt-get", "update", "-qq"], 300, env=env)
            _APT_UPDATED.append(True)
        sh(["apt-get", "install", "-y", "-qq", *packages], 600, env=env)
    except (subprocess.SubprocessError, OSError) as exc:
        return f"`apt-get install -y {' '.join(packages)}` failed ({exc}): install {provides} and run make bench again"
    return "" if shutil.which(provides) else f"`apt-get install -y {' '.join(packages)}` did not provide {provides}"


def ensure_wrk() -> str:
    """'' when wrk is usable, else why not (Debian's wrk package)."""
    return apt_install(["wrk"], "wrk")


def ensure_node() -> str:
    """'' when node and npm are usable, else why not (Debian's nodejs and npm packages)."""
    return apt_install(["nodejs", "npm"], "node") or apt_install(["npm"], "npm")


def relative(text: str) -> str:
    """A command as run from the repository: its paths relative to it (.venv/bin/python, bench/out/...),
    the peers' install folder as $PEERS_DIR."""
    python = Path(sys.executable)
    if python.is_relative_to(REPO):
        text = text.replace(str(python), str(python.relative_to(REPO)))
    return text.replace(f"{REPO}/", "").replace(str(hp.PEERS_DIR), "$PEERS_DIR")


def ensure_nodered() -> str:
    """'' when Node-RED is installed under $PEERS_DIR/nodered, else why it is skipped."""
    d = hp.PEERS_DIR / "nodered"
    if (d / "node_modules" / ".bin" / "node-red").exists():
        return ""
    if not shutil.which("npm") or not shutil.which("node"):
        return "node/npm not found (Node-RED needs Node.js >= 18 and npm)"
    d.mkdir(parents=True, exist_ok=True)
    try:
        if not (d / "package.json").exists():
            sh(["npm", "init", "-y"], 60, cwd=d, capture_output=True)
        sh(["npm", "install", "--no-audit", "--no-fund", f"node-red@{hp.NODE_RED_VER}"], 600, cwd=d)
    except (subprocess.SubprocessError, OSError) as exc:
        return f"npm install node-red@{hp.NODE_RED_VER} failed: {exc}"
    return "" if (d / "node_modules" / ".bin" / "node-red").exists() else "npm did not install node-red"


def run_json(cmd: list[str], timeout: float) -> dict:
    res = sh(cmd, timeout, capture_output=True, text=True, cwd=HERE.parent)
    if res.returncode != 0:
        raise RuntimeError(f"{cmd[-2:]} failed: {res.stderr[-800:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def http_section(args: argparse.Namespace, skipped: dict[str, str]) -> tuple[dict, list[str]]:
    targets = [
        hp.Target("tbkit_serve", "tbkit: python -m tbkit serve (seed decoder, durable store)", 18101),
        hp.Target("tornado_bare", "bare Tornado: 200, no decoding", 18102),
        hp.Target("nodered", f"Node-RED {hp.NODE_RED_VER}: http in -> function (seed decoder) -> 200", 18103),
        hp.Target("node_bare", "bare Node.js http + seed decoder", 18104),
        hp.Target("tbkit_kernel", "tbkit in a Jupyter kernel (tbkit.start + add_http_integration)", 18105),
    ]
    if args.trial_python:
        targets.insert(
            1,
            hp.Target(
                "tbkit_serve_trial",
                f"tbkit serve, {args.trial_label} {args.trial_args}".rstrip(),
                18106,
                extra=args.trial_args.split(),
            ),
        )
    if args.only:
        targets = [t for t in targets if t.name in args.only.split(",")]
    if "wrk" in skipped:
        for t in targets:
            t.skipped = skipped["wrk"]
        return {t.name: {"label": t.label, "skipped": t.skipped} for t in targets}, []
    for t in targets:
        if t.name == "nodered" and skipped.get("nodered"):
            t.skipped = skipped["nodered"]
        if t.name == "node_bare" and not shutil.which("node"):
            t.skipped = "node not found"
    commands: list[str] = []
    live = []
    try:
        for t in targets:
            if t.skipped:
                continue
            python = args.trial_python if t.name.endswith("_trial") else sys.executable
            log(f"start {t.name}")
            try:
                hp.start(t, python, OUT)
            except Exception as exc:  # say which peer was skipped and why; go on with the others
                t.skipped = f"did not start: {exc}"
                log(f"SKIP {t.name}: {t.skipped}")
                hp.stop(t)
                continue
            live.append(t)
            env = f"PORT={t.port} " if t.name == "nodered" else ""
            commands.append(
                f"{t.name}: {env}"
                + (
                    " ".join(t.proc.args)
                    if t.proc is not None
                    else "jupyter_client KernelManager('python3').start_kernel(), "
                    f"taskset -a -p -c {hp.SERVER_CPU} <kernel pid>, then this cell:"
                    + hp.KERNEL_CODE.format(
                        db=str(OUT / "tbkit_kernel.db"), port=t.port, seed=str(HERE / "decoders" / "seed.js")
                    )
                    .replace("\n", "\n    ")
                    .rstrip()
                )
            )
        runs: dict[str, list[dict]] = {t.name: [] for t in live}
        for t in live:  # warm-up, not counted
            hp.wrk(t, args.warmup)
        for rnd in range(args.repeats):  # interleaved rounds: every target once per round
            for t in live:
                r = hp.wrk(t, args.secs)
                runs[t.name].append(r)
                log(
                    f"round {rnd + 1} {t.name}: {r['rps']:.0f} req/s p50 {r['p50_ms']:.1f} ms "
                    f"p99 {r['p99_ms']:.1f} ms errors {r['errors']:.0f} server CPU {r['server_cpu_pct']:.0f}% "
                    f"box {r['box_busy_pct']:.0f}%"
                )
    finally:
        for t in live:
            hp.stop(t)
    out = {}
    for t in targets:
        if t.skipped:
            out[t.name] = {"label": t.label, "skipped": t.skipped}
            continue
        rs = runs[t.name]
        out[t.name] = {
            "label": t.label,
            "rps": statistics.median(r["rps"] for r in rs),
            "p50_ms": statistics.median(r["p50_ms"] for r in rs),
            "p99_ms": statistics.median(r["p99_ms"] for r in rs),
            "errors": sum(r["errors"] for r in rs),
            "runs": rs,
        }
    commands.append(
        f"load: {' '.join(hp.pin(hp.LOAD_CPU))} timeout {args.secs + 5} wrk -t1 -c32 -d{args.secs}s "
        f"--timeout 5s --latency -s bench/peers/post.lua http://127.0.0.1:PORT{hp.PATH}"
    )
    return out, commands


def machine() -> dict:
    def first(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")), "0"
    )
    from importlib.metadata import version

    nr = hp.PEERS_DIR / "nodered" / "node_modules" / "node-red" / "package.json"
    return {
        "cpu": f"{os.cpu_count()} x {cpu}",
        "mem_gib": round(int(mem) / 1048576, 1),
        "kernel": platform.release(),
        "os": first(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "python": platform.python_version(),
        "node": first(["node", "--version"]),
        "wrk": first(["sh", "-c", "wrk -v 2>&1 | head -1"]),
        "node_red": json.loads(nr.read_text())["version"] if nr.exists() else "not installed",
        "tbkit": version("tbkit"),
        "tornado": version("tornado"),
        "mini_racer": version("mini-racer"),
        "pandas": version("pandas"),
        "git": first(["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--secs", type=int, default=10, help="seconds per timed wrk run (max 15)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=3, help="interleaved rounds over all HTTP targets")
    ap.add_argument("--micro-secs", type=float, default=0.7, help="seconds per converter timing")
    ap.add_argument("--quick", action="store_true", help="3 s runs, 1 round (a smoke test; numbers are rough)")
    ap.add_argument("--trial-python", help="also serve with this interpreter (a patched tbkit copy)")
    ap.add_argument(
        "--trial-label",
        default="another tbkit (--trial-python)",
        help="what the trial interpreter's tbkit is, for the table (e.g. 'before commit X')",
    )
    ap.add_argument(
        "--trial-args", default="", help="extra `tbkit serve` arguments for the trial, e.g. '--debug failures'"
    )
    ap.add_argument("--only", help="comma-separated HTTP targets to run (default: all)")
    ap.add_argument("--skip-http", action="store_true")
    ap.add_argument("--http-only", action="store_true", help="only the HTTP section (results.md is not written)")
    ap.add_argument(
        "--converters-only",
        action="store_true",
        help="only the converter micro-benchmarks, tbkit and Node.js (results.md holds just that)",
    )
    ap.add_argument("--converter-rounds", type=int, default=3, help="interleaved tbkit/Node.js converter rounds")
    args = ap.parse_args()
    if args.quick:
        args.secs, args.repeats, args.warmup, args.micro_secs = 3, 1, 1, 0.3
    if args.converters_only:
        args.skip_http = True
    args.secs = min(args.secs, 15)
    args.whole = not (args.quick or args.converters_only or args.skip_http or args.only or args.http_only)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.time()
    skipped: dict[str, str] = {}
    if not args.skip_http:
        if why := ensure_wrk():
            skipped["wrk"] = why
        if why := ensure_node() or ensure_nodered():
            skipped["nodered"] = why
    if args.whole and skipped:  # results.md holds a whole run or nothing new
        for peer, why in skipped.items():
            print(f"make bench needs {peer}: {why}", file=sys.stderr)
        print("make bench: nothing measured, bench/results.md unchanged", file=sys.stderr)
        return 2
    for peer, why in skipped.items():
        log(f"SKIP {peer}: {why}")
    results: dict = {
        "load": {"start": list(os.getloadavg())},
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": machine(),
        "skipped": skipped,
        "argv": sys.argv[1:],
        "params": {"secs": args.secs, "repeats": args.repeats, "warmup": args.warmup},
    }
    if args.skip_http:
        results["http"], results["http_commands"] = {}, []
    else:
        results["http"], results["http_commands"] = http_section(args, skipped)
    if args.http_only:
        (OUT / "results-http.json").write_text(json.dumps(results, indent=2))
        print("\n".join(report.http_rows(results)))
        return 0
    pin = hp.pin(hp.SERVER_CPU)
    py = [*pin, sys.executable]
    micro_cmds = {
        "converters": py + ["bench/converters.py", str(args.micro_secs)],
        "store": py + ["bench/store_bench.py", str(OUT), "2" if args.quick else "4"],
    }
    if shutil.which("node"):
        micro_cmds["converters_node"] = [*pin, "node", "bench/converters.js", str(args.micro_secs)]
    if args.converters_only:
        del micro_cmds["store"]
    converter_section(results, micro_cmds, args.converter_rounds)
    micro_cmds["replay"] = py + ["bench/replay.py", "20000" if args.quick else "100000"]
    results["replay"] = run_json(micro_cmds["replay"], 600)
    micro_cmds["inspection"] = py + ["bench/inspection.py", str(args.micro_secs)]
    results["inspection"] = run_json(micro_cmds["inspection"], 900)
    if args.converters_only:
        return write(results, micro_cmds, started, args.whole)
    results["store"] = run_json(micro_cmds["store"], 300)
    micro_cmds["responsiveness"] = [sys.executable, "bench/responsiveness.py", "500", "5" if args.quick else "10"]
    results["responsiveness"] = run_json(micro_cmds["responsiveness"], 300)
    return write(results, micro_cmds, started, args.whole)


def write(results: dict, micro_cmds: dict[str, list[str]], started: float, whole: bool) -> int:
    """results.json and the report: bench/results.md for a whole run, bench/out/results-partial.md otherwise."""
    results.setdefault("load", {})["end"] = list(os.getloadavg())
    results["micro_commands"] = {k: relative(" ".join(v)) for k, v in micro_cmds.items()}
    results["http_commands"] = [relative(c) for c in results.get("http_commands", [])]
    results["elapsed_s"] = time.time() - started
    name = "results.json" if whole else "results-partial.json"
    (OUT / name).write_text(json.dumps(results, indent=2))
    target = HERE / "results.md" if whole else OUT / "results-partial.md"
    target.write_text(report.markdown(results))
    print(report.table(results))
    log(f"wrote {target.relative_to(REPO)} and bench/out/{name} in {results['elapsed_s']:.0f} s")
    return 0


def converter_section(results: dict, cmds: dict[str, list[str]], rounds: int) -> None:
    """tbkit and Node.js converter runs in interleaved rounds; per measure, the median over rounds."""
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {"converters": [], "converters_node": []}
    for rnd in range(rounds):
        for name in runs:
            if name in cmds:
                runs[name].append(run_json(cmds[name], 300))
        node = (runs["converters_node"] or [{}])[-1]
        log(f"converters round {rnd + 1}: tbkit {runs['converters'][-1]} node {node}")
    results["converters_rounds"] = runs
    results["converters_load"] = {"before": load_before, "after": os.getloadavg()}
    results["converters"] = {
        dec: {k: statistics.median(r[dec][k] for r in runs["converters"]) for k in runs["converters"][0][dec]}
        for dec in ("seed", "binary")
    }
    if runs["converters_node"]:
        node = runs["converters_node"]
        results["converters_node"] = {
            key: statistics.median(r[key] for r in node) for key in ("seed", "binary", "seed_cpu", "binary_cpu")
        }
        results["converters_node"]["node"] = node[0]["node"]
    else:
        results["converters_node"] = {"skipped": "node not found"}


if __name__ == "__main__":
    sys.exit(main())
