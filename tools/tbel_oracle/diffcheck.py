"""Differential check: TBEL programs through ThingsBoard's engine (the reference runner) and through tbkit.

    python tools/tbel_oracle/diffcheck.py --oracle /path/to/oracle --seed 7 --count 1000 --family mixed [--out DIR]
    python tools/tbel_oracle/diffcheck.py --oracle /path/to/oracle --cases cases.jsonl

Prints the share of programs whose outcome agrees (results equal with JSON types, or both an error), how many
errors agree on the stage (compile vs run), and per family; --out writes every disagreement to DIR/diverging.jsonl.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from oracle import run_oracle  # noqa: E402
from tbelgen import generate  # noqa: E402

from tests.converters.tbel.recorded import Replayer, agree  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oracle", default=os.environ.get("TBEL_ORACLE"), required=os.environ.get("TBEL_ORACLE") is None)
    ap.add_argument("--cases")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--family", default="mixed")
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    if a.cases:
        cases = [json.loads(line) for line in open(a.cases, encoding="utf-8") if line.strip()]
    else:
        cases = generate(a.seed, a.count, a.family)
    outcomes = run_oracle(cases, a.oracle)
    per = collections.defaultdict(collections.Counter)
    diverging, stages = [], []
    with Replayer() as rep:
        for case, orc in zip(cases, outcomes, strict=True):
            tbk = rep.run(case)
            fam = str(case.get("family", "cases"))
            ok = agree(orc, tbk)
            per[fam]["n"] += 1
            per[fam]["agree"] += ok
            if not orc["ok"] and not tbk["ok"]:
                per[fam]["errors"] += 1
                per[fam]["stage"] += orc.get("stage") == tbk.get("stage")
                if orc.get("stage") != tbk.get("stage"):
                    stages.append({**case, "oracle": orc, "tbkit": tbk})
            if not ok:
                diverging.append({**case, "oracle": orc, "tbkit": tbk})
    total = collections.Counter()
    for fam, c in sorted(per.items()):
        total.update(c)
        print(
            f"{fam:10s} {c['agree']}/{c['n']} ({c['agree'] / c['n']:.1%}) agree; errors on the same stage {c['stage']}/{c['errors']}"  # noqa: E501
        )
    if len(per) > 1:
        print(f"{'all':10s} {total['agree']}/{total['n']} ({total['agree'] / total['n']:.1%}) agree")
    if a.out:
        os.makedirs(a.out, exist_ok=True)
        with open(os.path.join(a.out, "diverging.jsonl"), "w", encoding="utf-8") as f:
            for d in diverging:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        with open(os.path.join(a.out, "stages.jsonl"), "w", encoding="utf-8") as f:
            for d in stages:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
