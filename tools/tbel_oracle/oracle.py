"""Run TBEL cases through the reference runner (ThingsBoard's engine, built by /work/shared/tbel-oracle/build.sh or
any build of the same harness): JSON lines in, JSON lines out, one JVM for a batch."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from typing import Any

__all__ = ["run_oracle"]


def run_oracle(cases: list[dict[str, Any]], oracle: str, timeout: float = 3600) -> list[dict[str, Any]]:
    """The runner's outcome for each uplink case, in order: ``{"ok", "result"}`` or ``{"ok", "stage", "error"}``."""
    with tempfile.TemporaryDirectory() as d:
        inp, outp = os.path.join(d, "in.jsonl"), os.path.join(d, "out.jsonl")
        with open(inp, "w", encoding="utf-8") as f:
            for i, c in enumerate(cases):
                row = {
                    "id": i,
                    "kind": "uplink",
                    "script": c["script"],
                    "payload_b64": c.get("payload_b64", ""),
                    "metadata": c.get("metadata") or {},
                }
                f.write(json.dumps(row) + "\n")
        with open(inp, encoding="utf-8") as fi, open(outp, "w", encoding="utf-8") as fo:
            subprocess.run([oracle], stdin=fi, stdout=fo, stderr=subprocess.DEVNULL, timeout=timeout, check=True)
        results: list[dict[str, Any] | None] = [None] * len(cases)
        with open(outp, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                results[r.pop("id")] = r
    return [r if r is not None else {"ok": False, "stage": "missing", "error": "no result"} for r in results]
