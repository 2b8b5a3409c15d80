"""How close tbkit's JS engines are to ThingsBoard's local engine, on decoders the tests do not record.

    NASHORN_ORACLE=/work/oracles/nashorn python -m tests.converters.nashorn.evaluate [--n N] [--cache DIR]

Generates decoders with three generators from seeds that are not recorded (``gen_a`` seeds from
100, ``gen_b`` seeds from 1000, ``gen_c``, written after the local engine, seeds from 3000), runs
them through the Nashorn reference runner and through tbkit, and
writes ``AGREEMENT.md`` next to this file:

- ``js_engine="local"``: Nashorn's result, or its error class and line, per decoder;
- ``js_engine="remote"``: a warning on each decoder Nashorn refuses or fails on (recall), and none
  on the decoders where Nashorn returns what V8 returns (false alarms).
"""

from __future__ import annotations

import argparse
import base64
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tbkit import ConverterCompileError, UplinkConverter
from tests.converters.nashorn import gen_a, gen_b, gen_c
from tests.converters.nashorn import nashorn_oracle as oracle
from tests.converters.nashorn.nashorn_oracle import local_outcome

HERE = Path(__file__).resolve().parent

# generator -> (module, seeds, decoders per seed); gen_a 200-201, gen_b 2000 and gen_c were first run after
# the local engine was merged with #24/#25
GENERATORS = {
    "gen_a": (gen_a, [100, 101, 102, 103, 200, 201], 400),
    "gen_b": (gen_b, [1000, 1001, 1002, 1003, 2000], 400),
    "gen_c": (gen_c, [3000, 3001], 300),
}


def answers(name: str, seed: int, cases: list[dict[str, Any]], cache: Path) -> dict[str, Any]:
    """The runner's answers, from the cache when it has them."""
    path = cache / f"{name}-{seed}-{len(cases)}.json"
    if path.exists():
        return dict(json.loads(path.read_text()))
    found = oracle.run_oracle(cases)
    path.write_text(json.dumps(found))
    return found


def judge(case: dict[str, Any], expected: dict[str, Any], counts: Counter[str], misses: list[str]) -> None:
    """Count one decoder: the local engine's agreement, the remote engine's warnings."""
    local = local_outcome(case)
    agree = oracle.agrees(expected, local)
    kind = "error" if "error" in expected else "output"
    counts[f"local {kind}"] += 1
    counts[f"local {kind} agree"] += agree
    if not agree:
        misses.append(f"{case['id']}: expected {json.dumps(expected)[:300]}, got {json.dumps(local)[:300]}")
    try:
        with UplinkConverter(case["script"], js_engine="remote") as converter:
            run = converter.run(base64.b64decode(case["payload_b64"]), oracle.tb_metadata(case["metadata"]))
    except ConverterCompileError:  # V8 refuses it too: the user is told, louder than by a warning
        counts["v8 refuses"] += 1
        remote, warned = {"error": "ConverterCompileError"}, True
    else:
        remote, warned = oracle.tbkit_outcome(run), bool(run.warnings)
    if "error" in expected:
        counts["nashorn fails"] += 1
        counts["nashorn fails, warned"] += warned
    elif "output" in remote and oracle.same(remote["output"], expected["output"]):
        counts["same result"] += 1
        counts["same result, warned"] += warned
    else:
        counts["other result"] += 1
        counts["other result, warned"] += warned


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def report(rows: dict[str, Counter[str]], misses: list[str]) -> str:
    lines = [
        "# tbkit's JS engines against ThingsBoard's local engine (Nashorn), on unseen decoders",
        "",
        f"Written by `make nashorn-agreement` ({time.strftime('%Y-%m-%d')}): decoders from seeds the",
        "recorded tests do not use, through the Nashorn reference runner (Nashorn 15.4 in delight-nashorn-sandbox",
        "0.4.5, ThingsBoard's wrapper and settings) and through tbkit.",
        "",
        '| generator, seed | "local": Nashorn\'s result | "local": Nashorn\'s error class and line | '
        '"remote": warned where Nashorn fails | "remote": warned where Nashorn returns V8\'s result | '
        '"remote": warned where results differ |',
        "|---|---|---|---|---|---|",
    ]
    for name, c in rows.items():
        lines.append(
            f"| {name} | {percent(c['local output agree'], c['local output'])} | "
            f"{percent(c['local error agree'], c['local error'])} | "
            f"{percent(c['nashorn fails, warned'], c['nashorn fails'])} | "
            f"{percent(c['same result, warned'], c['same result'])} | "
            f"{percent(c['other result, warned'], c['other result'])} |"
        )
    total = sum(rows.values(), Counter())
    agree = total["local output agree"] + total["local error agree"]
    lines += [
        "",
        f'Overall: "local" agrees on {percent(agree, total["local output"] + total["local error"])}; "remote" warns on '
        f"{percent(total['nashorn fails, warned'], total['nashorn fails'])} of what Nashorn refuses or fails on, and "
        f"on {percent(total['same result, warned'], total['same result'])} of what it runs with V8's result"
        + (
            f' ({total["v8 refuses"]} of the refused ones V8 refuses too: a compile error under "remote" as well).'
            if total["v8 refuses"]
            else "."
        ),
        "",
        'Decoders where "local" differs:',
        "",
    ]
    lines += [f"- {miss}" for miss in misses] or ["- none"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, help="decoders per seed (default: 400, gen_c 300)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/tbkit-nashorn-agreement"))
    for name, (_, seeds, _n) in GENERATORS.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, nargs="*", default=seeds, help=f"{name}'s seeds")
    parser.add_argument("--out", type=Path, default=HERE / "AGREEMENT.md", help="the report (default AGREEMENT.md)")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    rows: dict[str, Counter[str]] = {}
    misses: list[str] = []
    for name, (generator, _, n) in GENERATORS.items():
        for seed in getattr(args, name):
            counts: Counter[str] = Counter()
            cases = generator.cases(seed, args.n or n)
            found = answers(name, seed, cases, args.cache)
            for case in cases:
                judge(case, oracle.expected_of(found[case["id"]]), counts, misses)
            rows[f"{name} seed {seed} ({args.n or n})"] = counts
    text = report(rows, misses)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
