"""Converter and replay speed of two revisions, side by side in one run (did a change slow tbkit down?).

Run from the repository root:  .venv/bin/python bench/compare.py BASE [--rounds N] [--seconds S]
      (or make bench-compare BASE=<rev>)

BASE is any git revision (a commit, a tag, main~3). It is checked out into a temporary worktree, and the
working tree's own bench/converters.py and bench/replay.py run against each side's tbkit (the side's tree
first on PYTHONPATH, the same venv), pinned to one CPU, alternating base/current in every round so the
machine's drift hits both alike. Prints a Markdown table of medians and current/base ratios (above 1.00:
current is faster; for replay, seconds are inverted so that the same holds).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CPU = "1" if (os.cpu_count() or 1) > 1 else "0"
FIGURES = [
    ("seed", "batch"),
    ("seed", "batch_cpu"),
    ("seed", "runs"),
    ("seed", "single"),
    ("seed", "async32"),
    ("binary", "batch"),
    ("binary", "batch_cpu"),
    ("binary", "runs"),
    ("tbel_binary", "batch_cpu"),
    ("tbel_records", "batch_cpu"),
    ("tbel_json", "batch_cpu"),
]


def run_side(tree: Path, script: str, arg: str) -> dict:
    """One bench script against the tbkit in ``tree``; its JSON line."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = ["taskset", "-c", CPU, sys.executable, str(ROOT / "bench" / script), arg]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True, timeout=900).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(trees: dict[str, Path], rounds: int, seconds: float, uplinks: int) -> dict[str, list[dict]]:
    """Every round runs both sides, base first on odd rounds and current first on even ones."""
    got: dict[str, list[dict]] = {name: [] for name in trees}
    for i in range(rounds):
        order = list(trees) if i % 2 == 0 else list(reversed(trees))
        for name in order:
            conv = run_side(trees[name], "converters.py", str(seconds))
            replay = run_side(trees[name], "replay.py", str(uplinks))
            got[name].append({**{f"{d}.{k}": conv[d][k] for d, k in FIGURES}, "replay": 1 / replay["seconds"]})
            print(f"round {i + 1} {name}: done", file=sys.stderr)
    return got


def table(got: dict[str, list[dict]], uplinks: int) -> str:
    """Medians of each figure per side and their ratio."""
    rows = ["| figure | base | current | current / base |", "| --- | ---: | ---: | ---: |"]
    for key in [f"{d}.{k}" for d, k in FIGURES] + ["replay"]:
        base = statistics.median(r[key] for r in got["base"])
        cur = statistics.median(r[key] for r in got["current"])
        if key == "replay":
            rows.append(f"| replay {uplinks:,} uplinks (s) | {1 / base:.2f} | {1 / cur:.2f} | {cur / base:.2f} |")
        else:
            rows.append(f"| {key} (uplinks/s) | {base:,.0f} | {cur:,.0f} | {cur / base:.2f} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="git revision to compare the working tree against")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=1.0, help="per converter timing")
    parser.add_argument("--uplinks", type=int, default=100_000, help="uplinks per replay")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tbkit-base-") as tmp:
        base = Path(tmp) / "base"
        add = ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), args.base]
        subprocess.run(add, check=True, stdout=sys.stderr)
        try:
            got = measure({"base": base, "current": ROOT}, args.rounds, args.seconds, args.uplinks)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"base {args.base}, current {head.stdout.strip()} (working tree), {args.rounds} rounds, CPU {CPU}\n")
    print(table(got, args.uplinks))


if __name__ == "__main__":
    main()
