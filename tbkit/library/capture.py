"""Write an integration's recorded uplinks as library cases (``Kit.capture_cases``).

The cases come from the store's ``DEBUG_CONVERTER`` events of the integration's uplink
converter: ``in`` (the payload, base64 when ``inMessageType`` is BINARY), ``metadata`` and
``out``. The folder gets ``converter.json`` (the converter's ThingsBoard JSON),
``metadata.json`` and ``payload_N.json``/``result_N.json``, oldest uplink first, in the
layout of thingsboard/data-converters, so ``python -m tbkit check-converters`` (and that
repository's validator) can replay them.

That layout holds one metadata document per folder and JSON payload documents only, fed
to the decoder as the bytes of ``json.dumps(document)``. So:

* ``metadata.json`` is the metadata of the newest recorded uplink;
* a JSON payload is stored as its document; a TEXT or BINARY payload is stored when its
  text (for BINARY: its bytes read as UTF-8) is a JSON document, and skipped otherwise
  (raw text or bytes cannot be written as a payload document);
* each candidate is replayed that way before it is written, and only the cases whose
  output still equals the recorded ``out`` are kept. A decoder that reads per-request
  metadata (a header that changed), the exact bytes of the body, or the clock gives a
  different output; such uplinks are listed in :attr:`Capture.skipped` with the reason.

Uplinks are recorded only while the uplink converter's debug settings keep everything
(tbkit's default). Events are cut to 4096 characters, so longer payloads or outputs are
skipped too.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..converters.uplink import UplinkConverter
from ..errors import ConfigError, ConverterOutputError
from ..integration.events import EventBody, parse_body
from ..models import JsonObject, JsonValue
from ..store import Store
from .cases import case_pairs
from .compare import json_equal

__all__ = ["Capture", "capture_cases"]
_SCAN_FACTOR = 5


@dataclass
class Capture:
    """What :func:`capture_cases` wrote: the folder, the payload files, the uplinks left out."""

    folder: Path
    cases: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Candidate:
    event_id: int
    ts: int
    payload: JsonValue
    out: JsonValue
    metadata: JsonObject | None


def _payload_document(body: EventBody) -> JsonValue:
    """The JSON document an uplink's ``in`` holds; ``ValueError`` when it holds none."""
    text = str(body.get("in") or "")
    if body.get("inMessageType") == "BINARY":
        try:
            text = base64.b64decode(text, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise ValueError("a binary payload that is not UTF-8 JSON cannot be a payload document") from None
    try:
        document: JsonValue = json.loads(text)
    except ValueError:
        kind = str(body.get("inMessageType") or "JSON").lower()
        raise ValueError(
            f"the {kind} payload is not a JSON document (or was cut to 4096 characters in its debug event)"
        ) from None
    return document


def _candidate(event_id: int, ts: int, raw: str) -> _Candidate | str:
    """A usable recorded uplink, or why it is not usable."""
    body = parse_body(raw)
    if body.get("type") != "Uplink" or body.get("error") or "out" not in body:
        return "not a successful uplink"
    try:
        payload = _payload_document(body)
    except ValueError as exc:
        return str(exc)
    try:
        out = json.loads(body["out"])
    except (TypeError, ValueError):
        return "its output was cut to 4096 characters in its debug event"
    try:
        metadata = json.loads(body.get("metadata") or "{}")
    except ValueError:
        metadata = None
    return _Candidate(event_id, ts, payload, out, metadata if isinstance(metadata, dict) else None)


def _recorded(store: Store, converter: str, integration: str, limit: int) -> tuple[list[_Candidate], list[str]]:
    rows = store.uplink_event_rows(converter, integration, limit)
    found: list[_Candidate] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for event_id, ts, raw in rows:
        candidate = _candidate(event_id, ts, raw)
        if isinstance(candidate, str):
            if candidate != "not a successful uplink":
                skipped.append(f"uplink {event_id} (ts {ts}): {candidate}")
            continue
        key = json.dumps(candidate.payload, sort_keys=True)
        if key not in seen:
            seen.add(key)
            found.append(candidate)
    return found, skipped


def _reproduced(document: dict[str, Any], metadata: JsonObject, found: list[_Candidate]) -> list[str | None]:
    """Replay each candidate as check-converters will: ``None`` when it reproduces, else why not."""
    with UplinkConverter.from_thingsboard(document) as converter:
        runs = converter.run_many([json.dumps(c.payload).encode("utf-8") for c in found], metadata, engine_check=False)
    reasons: list[str | None] = []
    for candidate, run in zip(found, runs, strict=True):
        if run.error is not None and not isinstance(run.error, ConverterOutputError):
            reasons.append(f"replayed with metadata.json it fails: {run.error}")
        elif not json_equal(candidate.out, run.output):
            reasons.append(
                "replayed with metadata.json and the payload as json.dumps(document) its "
                "output differs (the decoder reads per-request metadata, the exact body bytes "
                "or the clock)"
            )
        else:
            reasons.append(None)
    return reasons


def _target(folder: str | Path) -> Path:
    path = Path(folder)
    return path if path.name.lower() == "uplink" else path / "uplink"


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=4, ensure_ascii=False) + "\n", encoding="utf-8")


def _write(target: Path, document: dict[str, Any], metadata: JsonObject, kept: list[_Candidate]) -> list[str]:
    target.mkdir(parents=True, exist_ok=True)
    for payload, result in case_pairs(target):  # the folder's old cases are replaced
        for name in (payload, result):
            if name is not None:
                (target / name).unlink()
    _write_json(target / "converter.json", document)
    _write_json(target / "metadata.json", metadata)
    names = []
    for number, candidate in enumerate(sorted(kept, key=lambda c: c.event_id), start=1):
        _write_json(target / f"payload_{number}.json", candidate.payload)
        _write_json(target / f"result_{number}.json", candidate.out)
        names.append(f"payload_{number}.json")
    return names


def capture_cases(
    store: Store, converter: UplinkConverter, folder: str | Path, n: int = 10, *, integration: str
) -> Capture:
    """Write the newest ``n`` uplinks ``converter`` decoded in ``integration`` as cases in ``folder``.

    The uplinks come from ``store``'s debug events; ``converter`` (the integration's uplink
    converter) is written as ``converter.json`` and replays each candidate first.

    The files go to ``folder/uplink/`` (or ``folder`` itself when it is named ``uplink``);
    payload and result files already there are replaced. Raises :class:`ConfigError` when
    no uplink of this integration was recorded, or none can be replayed as a case.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n!r}")
    found, skipped = _recorded(store, converter.name, integration, max(n * _SCAN_FACTOR, 50))
    if not found and not skipped:
        raise ConfigError(
            f"no recorded uplink of integration {integration!r} to capture: debug events "
            "are kept only while the uplink converter's debugSettings record everything"
        )
    metadata = next((c.metadata for c in found if c.metadata is not None), {})
    document = converter.to_thingsboard()
    kept: list[_Candidate] = []
    reasons = _reproduced(document, metadata, found) if found else []
    for candidate, reason in zip(found, reasons, strict=True):
        if len(kept) == n:
            break
        if reason is not None:
            skipped.append(f"uplink {candidate.event_id} (ts {candidate.ts}): {reason}")
        else:
            kept.append(candidate)
    if not kept:
        raise ConfigError(
            f"none of the recorded uplinks of integration {integration!r} can be replayed "
            "as a case: " + "; ".join(skipped[:3])
        )
    target = _target(folder)
    return Capture(target, _write(target, document, metadata, kept), skipped)
