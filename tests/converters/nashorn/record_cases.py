"""Record the Nashorn reference runner's answers on generated decoders (``make nashorn-cases``).

    NASHORN_ORACLE=/work/oracles/nashorn python -m tests.converters.nashorn.record_cases

Writes ``cases.jsonl.gz`` next to this file: one line per case, the case (``gen_a.cases`` for the
seeds below) and ``expected``: ``{"output": value}`` or ``{"error": class, "line": n, "message":
text}`` as the runner answered. ``tests/converters/test_nashorn_cases.py`` checks tbkit's local
engine against it (no Java needed). Takes about a second per case (the runner reformats each script
with js-beautify, interpreted in Nashorn).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

from tests.converters.nashorn import gen_a
from tests.converters.nashorn import nashorn_oracle as oracle

HERE = Path(__file__).resolve().parent

#: (seed, number of cases) recorded; other seeds are left for measuring on unseen decoders.
SEEDS = [(1, 200), (2, 1000)]
OUT = HERE / "cases.jsonl.gz"
#: ThingsBoard names the invoke function after a random UUID; the records use tbkit's fixed name.
FUNCTION = "invokeInternal_7b1f3c2a_0d4e_4f6a_9b8c_5e2d1a0f3c4b"


def records(cases: list[dict[str, Any]], answers: dict[str, dict[str, Any]]) -> list[str]:
    """One JSON line per case: the case and the runner's answer, its run-to-run noise removed."""
    out = []
    for case in cases:
        expected = oracle.expected_of(answers[case["id"]])
        if "message" in expected:
            text = re.sub(r"invokeInternal_[0-9a-f]{8}(_[0-9a-f]{4}){3}_[0-9a-f]{12}", FUNCTION, expected["message"])
            expected["message"] = re.sub(
                r"file:\S*/js/converter-helpers\.js", "classpath:js/converter-helpers.js", text
            )
        out.append(json.dumps({**case, "expected": expected}, separators=(",", ":")))
    return out


def main() -> None:
    lines = []
    for seed, n in SEEDS:
        cases = gen_a.cases(seed, n)
        lines += records(cases, oracle.run_oracle(cases))
        print(f"seed {seed}: {n} cases recorded", file=sys.stderr)
    write(lines)


def write(lines: list[str]) -> None:
    """The records, gzipped reproducibly (no time stamp or file name in the header)."""
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
