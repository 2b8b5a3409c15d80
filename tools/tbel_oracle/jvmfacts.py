"""Regenerate ``tbkit/converters/tbel/jvm_facts.json`` with ``JvmFacts.java`` on the reference runner's classpath.

    python tools/tbel_oracle/jvmfacts.py --oracle /path/to/oracle      # make tbel-jvm-facts TBEL_ORACLE=...

The runner (built by /work/shared/tbel-oracle/build.sh) is a shell wrapper whose ``java`` line carries the
classpath of tbel and ThingsBoard's TbUtils; the facts are read from those classes. Class.getMethods() order is
the JVM's and can differ between runs for a class; MVEL picks among equally good overloads in that order.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "tbkit" / "converters" / "tbel" / "jvm_facts.json"


def classpath(oracle: str) -> str:
    """The ``-cp`` of the runner's java command."""
    text = Path(oracle).read_text(encoding="utf-8")
    m = re.search(r"-cp\s+(\"[^\"]+\"|\S+)", text)
    if m is None:
        raise SystemExit(f"{oracle}: no -cp in the runner")
    return shlex.split(m.group(1))[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    cp = classpath(a.oracle)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["javac", "-cp", cp, "-d", tmp, str(HERE / "JvmFacts.java")], check=True)
        out = subprocess.run(["java", "-cp", f"{tmp}:{cp}", "JvmFacts"], check=True, capture_output=True, text=True)
    data = json.loads(out.stdout)  # checked, written as JvmFacts prints it
    a.out.write_text(out.stdout, encoding="utf-8")
    print(f"{a.out}: {len(data['methods'])} classes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
