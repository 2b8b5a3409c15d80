"""Record ThingsBoard's outcomes for tbkit's TBEL test data: generated programs plus every reproducer.

    python tools/tbel_oracle/record.py --oracle /path/to/oracle      # make tbel-oracle-data TBEL_ORACLE=...

Runs the programs of ``RECORDED`` (family, seed, count) and ``reproducers.REPRODUCERS`` through the reference
runner and writes them with the runner's outcomes to ``tests/converters/tbel/data/recorded.jsonl.gz``, which
``tests/converters/tbel/test_recorded.py`` replays on tbkit. An error outcome keeps its stage and the first line
of the message.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from oracle import run_oracle  # noqa: E402
from reproducers import PAYLOAD, REPRODUCERS  # noqa: E402
from tbelgen import generate  # noqa: E402

OUT = HERE.parents[1] / "tests" / "converters" / "tbel" / "data" / "recorded.jsonl.gz"
# (family, seed, count): seeds kept apart from the ones used to find and measure differences
RECORDED = (("converter", 3101, 2000), ("small", 3102, 2500), ("random", 3103, 1000))
_METADATA = {"deviceName": "dev-1", "deviceType": "default", "fPort": "2", "ts": "1700000000000"}


def reproducer_cases() -> list[dict[str, Any]]:
    """The reproducers as uplink cases."""
    cases = []
    for name, spec in REPRODUCERS.items():
        script, payload = (spec, PAYLOAD) if isinstance(spec, str) else spec
        cases.append(
            {
                "id": f"repro-{name}",
                "kind": "uplink",
                "script": script,
                "payload_b64": base64.b64encode(bytes.fromhex(payload)).decode(),
                "metadata": _METADATA,
            }
        )
    return cases


def _outcome(o: dict[str, Any]) -> dict[str, Any]:
    if o.get("ok"):
        return {"ok": True, "result": o.get("result")}
    return {"ok": False, "stage": o.get("stage"), "error": str(o.get("error", "")).split("\n", 1)[0][:300]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    cases = reproducer_cases()
    for family, seed, count in RECORDED:
        cases += generate(seed, count, family)
    outcomes = run_oracle(cases, a.oracle)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(a.out, "wt", encoding="utf-8", compresslevel=9) as f:
        for case, outcome in zip(cases, outcomes, strict=True):
            row = {k: case[k] for k in ("id", "script", "payload_b64", "metadata")}
            f.write(json.dumps({**row, "oracle": _outcome(outcome)}, ensure_ascii=False, separators=(",", ":")) + "\n")
    errors = sum(not o["ok"] for o in outcomes)
    print(f"{a.out}: {len(cases)} cases ({len(REPRODUCERS)} reproducers), {errors} errors in ThingsBoard's engine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
