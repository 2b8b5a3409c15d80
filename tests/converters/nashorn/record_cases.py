"""Record the Nashorn reference runner's answers on generated decoders (``make nashorn-cases``).

    NASHORN_ORACLE=/work/oracles/nashorn python tests/converters/nashorn/record_cases.py

Writes ``cases.jsonl.gz`` next to this file: one line per case, the case (``gen_a.cases`` for the
seeds below) and ``expected``: ``{"output": value}`` or ``{"error": class, "line": n, "message":
text}`` as the runner answered. ``tests/converters/test_nashorn_cases.py`` checks tbkit's local
engine against it (no Java needed). Takes about a second per case (the runner reformats each script
with js-beautify, interpreted in Nashorn).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_a  # noqa: E402
import nashorn_oracle as oracle  # noqa: E402

#: (seed, number of cases) recorded; other seeds are left for measuring on unseen decoders.
SEEDS = [(1, 200), (2, 400), (3, 400)]
OUT = HERE / "cases.jsonl.gz"


def main() -> None:
    lines = []
    for seed, n in SEEDS:
        cases = gen_a.cases(seed, n)
        answers = oracle.run_oracle(cases)
        for case in cases:
            record = {**case, "expected": oracle.expected_of(answers[case["id"]])}
            lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        print(f"seed {seed}: {n} cases recorded", file=sys.stderr)
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
