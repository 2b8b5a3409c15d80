"""Seeded generators of TBEL programs for differential testing against ThingsBoard's engine.

Three families, each a function of a ``random.Random``:

* ``converter`` (:mod:`gen_converter`): uplink decoders shaped like the ones on thingsboard/data-converters;
* ``small`` (:mod:`gen_small`): small typed programs on one or two topics, mostly valid, as people write them;
* ``random`` (:mod:`gen_random`): random expressions and statements over every kind of value, types mixed
  freely, so that most fail somewhere (where and how ThingsBoard's engine fails).

Every program is an uplink case: ``{"id", "kind": "uplink", "family", "script", "payload_b64",
"metadata"}``. The same seed gives the same programs.

    python tools/tbel_oracle/tbelgen.py --seed 7 --count 1000 --family converter > progs.jsonl
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
from collections.abc import Callable

from gen_converter import converter_program
from gen_random import random_program
from gen_small import small_program

__all__ = ["FAMILIES", "generate"]


FAMILIES: dict[str, Callable[[random.Random], tuple[str, bytes, dict[str, str]]]] = {
    "converter": converter_program,
    "random": random_program,
    "small": small_program,
}


def generate(seed: int, count: int, family: str) -> list[dict[str, object]]:
    """``count`` programs of ``family`` (a key of FAMILIES, or "mixed": each program of a family picked at random)."""
    r = random.Random(seed)
    out: list[dict[str, object]] = []
    for i in range(count):
        fam = family if family != "mixed" else r.choice(list(FAMILIES))
        script, payload, metadata = FAMILIES[fam](r)
        out.append(
            {
                "id": f"{fam}-{seed}-{i}",
                "kind": "uplink",
                "family": fam,
                "script": script,
                "payload_b64": base64.b64encode(payload).decode(),
                "metadata": metadata,
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--family", choices=[*FAMILIES, "mixed"], default="mixed")
    a = ap.parse_args(argv)
    for case in generate(a.seed, a.count, a.family):
        sys.stdout.write(json.dumps(case) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
