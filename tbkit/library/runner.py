"""Run a converter library's cases the way thingsboard/data-converters' validator does.

Uplink: the decoder gets the bytes of ``json.dumps(payload document)`` (Python's defaults:
ASCII escapes, ``", "`` and ``": "`` separators) and ``metadata.json`` with every value a
string, as ThingsBoard's metadata is a map of strings. Downlink: the encoder gets the payload
document as ``msg``, the same metadata, ``msgType`` ``POST_TELEMETRY_REQUEST`` and empty
integration metadata. The raw script result (what ThingsBoard's "Test" dialog returns) is
compared with the result file as JSON values (:mod:`.compare`); output checks that the test
dialog does not make (say, a missing ``deviceName``) are not failures here.

One converter instance per folder runs all its cases in one V8 call, and is always closed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..converters.downlink import DownlinkConverter
from ..converters.runtime import DEFAULT_TIMEOUT
from ..converters.uplink import UplinkConverter
from ..errors import ConverterError, ConverterOutputError, TbkitError
from ..models import JsonLike, JsonValue, stringify_metadata
from .cases import Case, ConverterDir, discover, load_converter_dir
from .compare import json_diff

__all__ = ["CaseResult", "CheckOptions", "ConverterResult", "Report", "check_converters", "iter_results"]

DOWNLINK_MSG_TYPE = "POST_TELEMETRY_REQUEST"


@dataclass
class CaseResult:
    """One case: ``status`` is ``"pass"``, ``"fail"`` (output differs) or ``"error"``."""

    name: str
    result_name: str
    status: str
    diff: list[str] = field(default_factory=list)
    error: str | None = None
    output: JsonValue = None

    @property
    def passed(self) -> bool:
        """True when the output equals the expected result."""
        return self.status == "pass"

    def to_dict(self) -> dict[str, JsonLike]:
        """The case as JSON-able data (the ``--json`` summary)."""
        return {
            "payload": self.name,
            "result": self.result_name,
            "status": self.status,
            "diff": self.diff,
            "error": self.error,
        }


@dataclass
class ConverterResult:
    """The cases of one converter folder; ``error`` is a failure of the whole folder."""

    path: str
    name: str
    kind: str | None
    lang: str
    cases: list[CaseResult] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> int:
        """How many cases passed."""
        return sum(case.passed for case in self.cases)

    @property
    def ok(self) -> bool:
        """True when the folder loaded and every case passed."""
        return self.error is None and self.passed == len(self.cases)

    @property
    def group(self) -> str:
        """``"<lang> <kind>"``, e.g. ``"TBEL uplink"``."""
        return f"{self.lang} {self.kind or '?'}"

    def to_dict(self) -> dict[str, JsonLike]:
        """The converter as JSON-able data (the ``--json`` summary)."""
        return {
            "path": self.path,
            "name": self.name,
            "type": self.kind,
            "lang": self.lang,
            "ok": self.ok,
            "passed": self.passed,
            "total": len(self.cases),
            "error": self.error,
            "cases": [case.to_dict() for case in self.cases],
        }


@dataclass
class Report:
    """Everything :func:`check_converters` found, with totals per ``"<lang> <kind>"`` group."""

    root: str
    converters: list[ConverterResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every converter passed (and there was at least one)."""
        return bool(self.converters) and all(c.ok for c in self.converters)

    @property
    def passed(self) -> int:
        """Cases passed, over all converters."""
        return sum(c.passed for c in self.converters)

    @property
    def total(self) -> int:
        """Cases run, over all converters."""
        return sum(len(c.cases) for c in self.converters)

    def groups(self) -> dict[str, dict[str, int]]:
        """``{"JS uplink": {"passed": p, "total": t, "converters": n, "failed_converters": f}}``."""
        out: dict[str, dict[str, int]] = {}
        for conv in sorted(self.converters, key=lambda c: c.group):
            group = out.setdefault(conv.group, {"passed": 0, "total": 0, "converters": 0, "failed_converters": 0})
            group["passed"] += conv.passed
            group["total"] += len(conv.cases)
            group["converters"] += 1
            group["failed_converters"] += not conv.ok
        return out

    def failures(self) -> list[tuple[ConverterResult, CaseResult]]:
        """Every case that did not pass, with its converter."""
        return [(c, case) for c in self.converters for case in c.cases if not case.passed]

    def to_dict(self) -> dict[str, JsonLike]:
        """The whole report as JSON-able data (``python -m tbkit check-converters --json``)."""
        return {
            "root": self.root,
            "ok": self.ok,
            "passed": self.passed,
            "total": self.total,
            "converters_total": len(self.converters),
            "converters_failed": sum(not c.ok for c in self.converters),
            "groups": self.groups(),
            "converters": [c.to_dict() for c in self.converters],
        }


@dataclass(frozen=True)
class CheckOptions:
    """Which converter folders to check, and how.

    Parameters
    ----------
    lang, kind:
        Keep only ``"JS"``/``"TBEL"`` converters, only ``"uplink"``/``"downlink"`` ones.
    filter:
        Keep only folders whose relative path or converter name contains this text
        (case-insensitive).
    timeout:
        Seconds per script call.
    loose:
        Compare outputs with results as the data-converters validator does (numbers by value,
        ``21 == 21.0``) instead of requiring the same JSON types.
    js_engine:
        The ThingsBoard JS engine the JS converters run as: ``"remote"`` (Node.js; the
        data-converters repository's scripts need it) or ``"local"`` (Nashorn in its sandbox).
    """

    lang: str | None = None
    kind: str | None = None
    filter: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    loose: bool = False
    js_engine: str = "remote"

    def selects(self, found: ConverterDir) -> bool:
        """Whether ``found`` is one of the folders to check."""
        if self.lang is not None and found.lang != self.lang.upper():
            return False
        if self.kind is not None and found.kind != self.kind.lower():
            return False
        return self.filter is None or self.filter.lower() in f"{found.rel}\n{found.name}".lower()


def iter_results(path: str | Path, options: CheckOptions | None = None) -> Iterator[ConverterResult]:
    """Check converter folders one by one (for progress output); see :func:`check_converters`."""
    options = options or CheckOptions()
    root = Path(path)
    for folder in discover(root):
        found = load_converter_dir(folder, root)
        if options.selects(found):
            yield run_converter_dir(found, options)


def check_converters(path: str | Path, options: CheckOptions | None = None, **choices: Any) -> Report:
    """Run every case of every converter folder under ``path``.

    ``path`` is a folder laid out like thingsboard/data-converters (or one converter folder);
    ``options`` (or the same fields as keywords: ``lang``, ``kind``, ``filter``, ``timeout``,
    ``loose``, ``js_engine``) say which folders and how (:class:`CheckOptions`).
    """
    chosen = replace(options or CheckOptions(), **choices)
    return Report(str(path), list(iter_results(path, chosen)))


def run_converter_dir(found: ConverterDir, options: CheckOptions | None = None) -> ConverterResult:
    """Run the cases of one loaded folder."""
    options = options or CheckOptions()
    result = ConverterResult(found.rel, found.name, found.kind, found.lang, error=found.problem)
    runnable = [case for case in found.cases if case.problem is None]
    outcomes: dict[int, CaseResult] = {}
    if found.problem is None and found.document is not None and runnable:
        try:
            outputs: list[JsonValue | BaseException] = _run_cases(found, runnable, options)
        except (TbkitError, ValueError, TypeError) as exc:
            message = _error_text(exc)
            result.error = result.error or f"converter cannot be loaded: {message}"
            outputs = [exc] * len(runnable)
        for case, output in zip(runnable, outputs, strict=True):
            outcomes[id(case)] = _judge(case, output, options.loose)
    for case in found.cases:
        judged = outcomes.get(id(case))
        if judged is None:
            judged = CaseResult(case.name, case.result_name, "error", error=case.problem or found.problem)
        result.cases.append(judged)
    return result


def _run_cases(found: ConverterDir, cases: list[Case], options: CheckOptions) -> list[JsonValue | BaseException]:
    """Each case's raw output, or the :class:`ConverterError` it raised."""
    assert found.document is not None
    doc = {**found.document, "type": "UPLINK" if found.kind == "uplink" else "DOWNLINK"}
    timeout, js_engine = options.timeout, options.js_engine
    if found.kind == "uplink":
        with UplinkConverter.from_thingsboard(doc, timeout=timeout, js_engine=js_engine) as up:
            payloads = [json.dumps(case.payload).encode("utf-8") for case in cases]
            return [_raw(run.output, run.error) for run in up.run_many(payloads, found.metadata, engine_check=False)]
    meta = stringify_metadata(found.metadata)
    items = [[case.payload, meta, DOWNLINK_MSG_TYPE, {}] for case in cases]
    with DownlinkConverter.from_thingsboard(doc, timeout=timeout, js_engine=js_engine) as down:
        return [_raw(run.output, run.error) for run in down.run_many(items, engine_check=False)]


def _raw(output: JsonValue, error: ConverterError | None) -> JsonValue | ConverterError:
    # ThingsBoard's test dialog returns the script's result without checking its shape
    if error is None or isinstance(error, ConverterOutputError):
        return output
    return error


def _error_text(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _judge(case: Case, output: JsonValue | BaseException, loose: bool) -> CaseResult:
    if isinstance(output, BaseException):
        return CaseResult(case.name, case.result_name, "error", error=_error_text(output))
    diff = json_diff(case.expected, output, loose=loose)
    return CaseResult(case.name, case.result_name, "fail" if diff else "pass", diff=diff, output=output)
