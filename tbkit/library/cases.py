"""Find converter folders laid out like thingsboard/data-converters and read their cases.

A converter folder holds ``converter.json``, ``metadata.json`` and pairs of
``payload.json``/``result.json`` or ``payload_N.json``/``result_N.json``, in a folder named
``uplink`` or ``downlink`` (``VENDORS/<vendor>/<model>/<LNS>/uplink/``). Pairing follows
that repository's validator: a payload without its result (or the reverse), an empty file or
a missing ``metadata.json`` is a failure, not something to skip silently.

>>> from pathlib import Path
>>> [c.rel for c in discover(Path("/nonexistent"))]
[]
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..models import JsonObject, JsonValue

__all__ = ["Case", "ConverterDir", "case_pairs", "discover", "load_converter_dir"]

_PAYLOAD = re.compile(r"payload(?:_(\d+))?\.json")
_RESULT = re.compile(r"result(?:_(\d+))?\.json")


@dataclass
class Case:
    """One payload/result pair; ``problem`` says why it cannot run (then it fails)."""

    name: str
    result_name: str
    payload: JsonValue = None
    expected: JsonValue = None
    problem: str | None = None


@dataclass
class ConverterDir:
    """A folder with a ``converter.json`` and what was read from it.

    ``kind`` is ``"uplink"`` or ``"downlink"`` (from the document's ``type``, else the folder
    name), ``lang`` the ``scriptLang`` (JS when absent). ``problem`` is a failure of the
    whole folder (unreadable converter or metadata, no cases).
    """

    path: Path
    rel: str
    kind: str | None = None
    lang: str = "JS"
    name: str = ""
    document: dict[str, Any] | None = None
    metadata: JsonObject = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    problem: str | None = None


def discover(root: Path) -> list[Path]:
    """Every folder under ``root`` (itself included) holding a ``converter.json``, sorted."""
    found = []
    for current, dirs, files in os.walk(root):
        dirs.sort()
        if "converter.json" in files:
            found.append(Path(current))
    return sorted(found, key=lambda p: p.parts)


def _number(match: re.Match[str]) -> tuple[int, int]:
    suffix = match.group(1)
    return (0, 0) if suffix is None else (1, int(suffix))


def case_pairs(folder: Path) -> list[tuple[str | None, str | None]]:
    """``(payload file, result file)`` pairs, ``None`` where the counterpart is missing.

    ``payload.json`` pairs with ``result.json`` and ``payload_N.json`` with ``result_N.json``
    (the same digits, leading zeros kept); ordered by number.
    """
    names = sorted(os.listdir(folder))
    payloads = {m.group(0): m for m in map(_PAYLOAD.fullmatch, names) if m}
    results = {m.group(0): m for m in map(_RESULT.fullmatch, names) if m}
    pairs: list[tuple[tuple[int, int], str | None, str | None]] = []
    for name, match in payloads.items():
        partner = "result" + name[len("payload") :]
        pairs.append((_number(match), name, partner if partner in results else None))
    for name, match in results.items():
        partner = "payload" + name[len("result") :]
        if partner not in payloads:
            pairs.append((_number(match), None, name))
    return [(p, r) for _, p, r in sorted(pairs, key=lambda t: (t[0], t[1] or t[2] or ""))]


def _read_json(path: Path) -> tuple[Any, str | None]:
    """The JSON value of a file (for the caller to check), or ``(None, problem)``."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        return None, f"{path.name} cannot be read: {exc.strerror}"
    if not text.strip():
        return None, f"{path.name} is empty"
    try:
        return json.loads(text), None
    except ValueError as exc:
        return None, f"{path.name} is not valid JSON: {exc}"


def _load_case(folder: Path, payload: str | None, result: str | None) -> Case:
    if payload is None:
        assert result is not None
        return Case("payload" + result[len("result") :], result, problem=f"{result} has no payload file")
    if result is None:
        return Case(payload, "result" + payload[len("payload") :], problem=f"{payload} has no result file")
    case = Case(payload, result)
    case.payload, problem = _read_json(folder / payload)
    if problem is None:
        case.expected, problem = _read_json(folder / result)
    case.problem = problem
    return case


def _kind(doc: dict[str, Any], folder: Path) -> str | None:
    kind = str(doc.get("type") or "").lower()
    if kind in ("uplink", "downlink"):
        return kind
    for part in reversed(folder.parts):
        if part.lower() in ("uplink", "downlink"):
            return part.lower()
    return None


def load_converter_dir(folder: Path, root: Path) -> ConverterDir:
    """Read one converter folder: its document, metadata and cases (problems recorded)."""
    rel = folder.relative_to(root).as_posix() if folder != root else folder.name
    found = ConverterDir(folder, rel)
    doc, problem = _read_json(folder / "converter.json")
    if problem is None and not isinstance(doc, dict):
        problem = "converter.json is not a JSON object"
    if problem is not None:
        found.problem = problem
        return found
    found.document = doc
    found.name = str(doc.get("name") or "")
    config = doc.get("configuration") if isinstance(doc.get("configuration"), dict) else {}
    found.lang = str(config.get("scriptLang") or "JS").upper()
    found.kind = _kind(doc, folder)
    found.cases = [_load_case(folder, p, r) for p, r in case_pairs(folder)]
    metadata, problem = _read_json(folder / "metadata.json")
    if problem is None and not isinstance(metadata, dict):
        problem = "metadata.json is not a JSON object"
    found.metadata = metadata if problem is None else {}
    if found.kind is None:
        problem = 'cannot tell uplink from downlink: no "type" in converter.json and no uplink/downlink folder'
    elif problem is None and not found.cases:
        problem = "no payload/result pairs"
    found.problem = problem
    return found
