"""Run cases through the Nashorn reference runner, and compare tbkit's engines with it.

The runner is a development tool (``../shared/nashorn-oracle``; Java): nothing in ``make test``
needs it. ``record_cases.py`` uses ``run_oracle`` to write the committed records; ``compare_case`` is
what the tests (and ``bench/nashorn_agreement.py``) check a tbkit run against.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from tbkit import ConverterError, UplinkConverter

CLASSPATH = Path(os.environ.get("NASHORN_ORACLE", "/work/oracles/nashorn")) / "classpath.txt"


def tb_metadata(metadata: dict[str, Any]) -> dict[str, str]:
    """Metadata as ThingsBoard passes it: every value a string."""
    out = {}
    for key, value in (metadata or {}).items():
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, str):
            out[key] = value
        elif isinstance(value, (int, float)):
            out[key] = str(value)
        else:
            out[key] = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return out


def run_oracle(cases: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The runner's answer per case id (one JVM for all)."""
    classpath = CLASSPATH.read_text().strip()
    lines = []
    for case in cases:
        meta = json.dumps(tb_metadata(case.get("metadata") or {}), separators=(",", ":"), ensure_ascii=False)
        lines.append(
            json.dumps(
                {"id": case["id"], "script": case["script"], "payload_b64": case["payload_b64"], "metadata_json": meta},
                ensure_ascii=False,
            )
        )
    env = dict(os.environ, TZ="UTC")
    command = [
        "java",
        "-Duser.timezone=UTC",
        "-Duser.language=en",
        "-Duser.country=US",
        "-cp",
        classpath,
        "NashornOracle",
    ]
    done = subprocess.run(command, input="\n".join(lines).encode(), capture_output=True, env=env, check=False)
    answers = {}
    for line in done.stdout.decode().splitlines():
        if line.strip():
            answer = json.loads(line)
            answers[answer["id"]] = answer
    missing = [c["id"] for c in cases if c["id"] not in answers]
    if missing:
        raise RuntimeError(f"the runner answered no line for {missing[:5]}: {done.stderr.decode()[-2000:]}")
    return answers


def same(a: Any, b: Any) -> bool:
    """JSON equality with number types (1 vs 1.0 differ); key order ignored."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return type(a) is type(b) and (a == b or (a != a and b != b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


_NASHORN_LINE = re.compile(r"<eval>:(\d+):\d+|in <eval> at line number (\d+)")


def nashorn_line(message: str) -> int | None:
    """The line Nashorn names in an error message (in its own script), if any."""
    match = _NASHORN_LINE.search(message or "")
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def expected_of(answer: dict[str, Any]) -> dict[str, Any]:
    """The runner's answer as what tbkit must give: {"output": value} or {"error": class, "line": n}."""
    if answer["ok"]:
        output = answer.get("output")
        return {"output": None if output is None else json.loads(output)}
    return {"error": answer["error_type"], "line": nashorn_line(answer["error"]), "message": answer["error"]}


def tbkit_outcome(run: Any) -> dict[str, Any]:
    """A DecodeRun as {"output": value} or {"error": class, "line": n, "message": text}."""
    error = run.error
    if error is None or type(error).__name__ == "ConverterOutputError":
        return {"output": run.output}
    message = error.message
    kind, _, rest = message.partition(": ")
    return {
        "error": kind if kind.endswith(("Exception", "Error")) else type(error).__name__,
        "line": nashorn_line(rest),
        "message": rest,
    }


def agrees(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    """Nashorn's result, or its error class and line."""
    if "output" in expected:
        return "output" in got and same(expected["output"], got["output"])
    return got.get("error") == expected["error"] and got.get("line") == expected["line"]


def local_outcome(case: dict[str, Any]) -> dict[str, Any]:
    """What js_engine="local" makes of a case: {"output": value} or {"error", "line", "message"}."""
    payload = base64.b64decode(case["payload_b64"])
    try:
        converter = UplinkConverter(case["script"], js_engine="local")
    except ConverterError as exc:
        kind, _, rest = exc.message.partition(": ")
        return {"error": kind, "line": nashorn_line(rest), "message": rest}
    with converter:
        return tbkit_outcome(converter.run(payload, tb_metadata(case["metadata"])))
