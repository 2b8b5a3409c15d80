"""Recorded TBEL cases: programs run on ThingsBoard's engine, with its outcomes, replayed on tbkit.

A case is ``{"id", "kind": "uplink", "script", "payload_b64", "metadata", "oracle": outcome}``; an
outcome is ``{"ok": true, "result": ...}`` or ``{"ok": false, "stage": "compile"|"runtime"|...,
"error": "Class: message <- Cause: ..."}`` as ThingsBoard's engine reported it (the reference runner,
``tools/tbel_oracle``). :class:`Replayer` runs cases through tbkit's compiler in one V8 context and
:func:`agree` compares outcomes the way the reference comparison does: results equal as JSON
documents with their types (``28.0`` is not ``28``), or both an error.
"""

from __future__ import annotations

import base64
import gzip
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from py_mini_racer import JSEvalException, JSParseException, JSTimeoutException, MiniRacer

from tbkit.converters.tbel import TBEL_RUNTIME_JS, compile_tbel
from tbkit.errors import ConverterCompileError

__all__ = ["Replayer", "agree", "load_cases", "same_json"]

DATA = Path(__file__).with_name("data") / "recorded.jsonl.gz"
UPLINK_PARAMS = ("payload", "metadata")


def load_cases(path: Path = DATA) -> list[dict[str, Any]]:
    """The recorded cases."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _maybe_json(v: Any) -> Any:
    """A converter may return JSON text; ThingsBoard and tbkit both read it as JSON."""
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return v
    return v


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON documents, number types included (a Java double 28.0 is not the long 28)."""
    if isinstance(a, (bool, int, float)) or isinstance(b, (bool, int, float)):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def agree(oracle: dict[str, Any], tbkit: dict[str, Any]) -> bool:
    """Both results equal (see :func:`same_json`), or both an error."""
    if not oracle["ok"] or not tbkit["ok"]:
        return not oracle["ok"] and not tbkit["ok"]
    return same_json(_maybe_json(oracle["result"]), _maybe_json(tbkit["result"]))


class Replayer:
    """Runs TBEL uplink cases through tbkit's compiler and runtime in one V8 context."""

    def __init__(self) -> None:
        self.v8 = MiniRacer()
        self.v8.eval(TBEL_RUNTIME_JS)
        self.v8.eval("function __asJson(args) { return JSON.stringify(globalThis.__recorded.apply(null, args)); }")
        self._names = itertools.count()

    def close(self) -> None:
        """Free the V8 context."""
        self.v8.close()

    def __enter__(self) -> Replayer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, case: dict[str, Any], timeout: float = 5.0) -> dict[str, Any]:
        """The outcome of one case on tbkit, shaped as the recorded ones."""
        name = f"Recorded{next(self._names)}"
        try:
            js = compile_tbel(case["script"], UPLINK_PARAMS, name).js
        except ConverterCompileError as exc:
            return {"ok": False, "stage": "compile", "error": str(exc)}
        try:  # one global slot for every case: the function and its call sites are dropped with the next case
            self.v8.eval(f"globalThis.__recorded = (function () {{ {js}\nreturn {name}; }})();")
        except (JSParseException, JSEvalException) as exc:
            return {"ok": False, "stage": "compile", "error": f"generated JavaScript rejected: {exc}"}
        payload = list(base64.b64decode(case.get("payload_b64", "")))
        metadata = {k: str(v) for k, v in (case.get("metadata") or {}).items()}
        try:
            text = self.v8.call("__asJson", [payload, metadata], timeout_sec=timeout)
        except JSTimeoutException:
            return {"ok": False, "stage": "timeout", "error": "timeout"}
        except JSEvalException as exc:
            return {"ok": False, "stage": "runtime", "error": str(exc).split("\n", 1)[0]}
        return {"ok": True, "result": None if text is None else json.loads(str(text))}

    def run_all(self, cases: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(case, tbkit outcome) for every case."""
        for case in cases:
            yield case, self.run(case)

    def run_batch(self, cases: list[dict[str, Any]], timeout: float = 60.0) -> list[dict[str, Any]]:
        """The outcomes of many cases from one V8 call (case by case if the batch cannot run as one)."""
        outcomes: list[dict[str, Any] | None] = [None] * len(cases)
        parts = []
        for i, case in enumerate(cases):
            name = f"Recorded{next(self._names)}"
            try:
                js = compile_tbel(case["script"], UPLINK_PARAMS, name).js
            except ConverterCompileError as exc:
                outcomes[i] = {"ok": False, "stage": "compile", "error": str(exc)}
                continue
            payload = json.dumps(list(base64.b64decode(case.get("payload_b64", ""))))
            metadata = json.dumps({k: str(v) for k, v in (case.get("metadata") or {}).items()})
            parts.append(f"out[{i}] = __run(function () {{ {js}\nreturn {name}; }}, {payload}, {metadata});")
        script = (
            "(function () { var out = {};\n"
            "function __run(make, payload, metadata) {\n"
            "  try { var v = make()(payload, metadata); return [true, JSON.stringify(v)]; }\n"
            "  catch (e) { return [false, String(e)]; }\n}\n" + "\n".join(parts) + "\nreturn JSON.stringify(out); })()"
        )
        try:
            done = json.loads(str(self.v8.eval(script, timeout_sec=timeout)))
        except (JSParseException, JSEvalException, JSTimeoutException):
            return [outcome or self.run(case) for case, outcome in zip(cases, outcomes, strict=True)]
        for key, (ok, text) in done.items():
            outcomes[int(key)] = (
                {"ok": True, "result": None if text is None else json.loads(text)}
                if ok
                else {"ok": False, "stage": "runtime", "error": text.split("\n", 1)[0]}
            )
        return [o if o is not None else {"ok": False, "stage": "missing", "error": "not run"} for o in outcomes]
