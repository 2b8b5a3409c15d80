"""Request body + content type → the payload bytes and metadata ThingsBoard hands a decoder.

The integration (:mod:`tbkit.integration`) applies these rules to each request it serves, and a
replay (:mod:`tbkit.replay`) to each :class:`RecordedUplink` it rebuilds; both sit above this module.

Spec §2. ``application/json`` is parsed and re-serialised compactly; ``text/plain`` is read
as text in its charset and re-encoded as UTF-8; ``application/octet-stream`` and a missing
content type pass raw bytes; ``application/x-www-form-urlencoded`` becomes a flat JSON
object of strings (query parameters merged, first value wins); ``multipart/form-data``
keeps file parts only, each parsed as JSON or else base64-encoded. Anything else is 415.

>>> p = build_payload(b'{"a": 1,  "b": [1, 2]}', "application/json")
>>> p.body, p.message_type
(b'{"a":1,"b":[1,2]}', 'JSON')
"""

from __future__ import annotations

import base64
import codecs
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NoReturn
from urllib.parse import parse_qsl

from .errors import PayloadError
from .models import JsonLike, JsonValue, stringify_metadata

__all__ = [
    "Payload",
    "RecordedUplink",
    "build_metadata",
    "build_payload",
    "form_json_hint",
    "message_type_for",
    "parse_content_type",
    "query_payload",
    "request_payload",
    "stringify_metadata",
]

MessageType = Literal["JSON", "TEXT", "BINARY"]
# one encoder, built once: json.dumps with options builds a new JSONEncoder on every call
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=str).encode


@dataclass(frozen=True)
class Payload:
    """The bytes a decoder receives, with ThingsBoard's debug message type for them."""

    body: bytes
    message_type: MessageType

    def debug_text(self) -> str:
        """The body as a debug event shows it: text, or base64 for binary."""
        if self.message_type == "BINARY":
            return base64.b64encode(self.body).decode("ascii")
        return self.body.decode("utf-8", "replace")


def message_type_for(content_type: str | None) -> MessageType:
    """ThingsBoard's debug message type for a request's content type."""
    mime, _ = parse_content_type(content_type)
    if mime == "text/plain":
        return "TEXT"
    if mime is None or mime == "application/octet-stream" or "json" not in mime and "form" not in mime:
        return "BINARY"
    return "JSON"


def parse_content_type(value: str | None) -> tuple[str | None, dict[str, str]]:
    """``"text/plain; charset=UTF-8"`` → ``("text/plain", {"charset": "UTF-8"})``."""
    if not value or not value.strip():
        return None, {}
    mime, *params = value.split(";")
    options: dict[str, str] = {}
    for param in params:
        key, _, val = param.partition("=")
        if key.strip():
            options[key.strip().lower()] = val.strip().strip('"')
    return mime.strip().lower(), options


def build_payload(body: bytes, content_type: str | None, query: Iterable[tuple[str, str]] = ()) -> Payload:
    """Apply ThingsBoard's content-type rules. Raises :class:`PayloadError` (400 or 415)."""
    mime, options = parse_content_type(content_type)
    if mime is None or mime == "application/octet-stream":
        return Payload(body, "BINARY")
    if mime == "application/json" or (mime.startswith("application/") and mime.endswith("+json")):
        return Payload(_compact_json(body, options.get("charset", "utf-8")), "JSON")
    if mime == "text/plain":
        text = _decode(body, options.get("charset", "utf-8"), "replace")
        return Payload(text.encode("utf-8"), "TEXT")
    if mime == "application/x-www-form-urlencoded":
        return Payload(_urlencoded(body, options.get("charset", "utf-8"), query), "JSON")
    if mime == "multipart/form-data":
        return Payload(_multipart(body, options.get("boundary")), "JSON")
    raise PayloadError(
        f"Content-Type '{mime}' is not supported by the HTTP integration; use application/json, "
        "text/plain, application/octet-stream, application/x-www-form-urlencoded or "
        "multipart/form-data",
        status=415,
    )


def query_payload(query: Iterable[tuple[str, str]]) -> Payload:
    """A GET with query parameters: the parameters as a flat JSON object of strings."""
    return Payload(_dump(_first_values(query)), "JSON")


def request_payload(method: str, body: bytes, content_type: str | None, query: Iterable[tuple[str, str]]) -> Payload:
    """What the converter gets for a request: a GET's query, or the body by its content type."""
    return query_payload(query) if method == "GET" else build_payload(body, content_type, query)


def build_metadata(
    integration_name: str,
    configured: Mapping[str, object],
    headers: Iterable[tuple[str, str]],
    suffix: str | None = None,
) -> dict[str, str]:
    """The decoder's metadata: integrationName, configured entries, then ``Header:<name>``.

    Header names are lower-cased and only the first value of a repeated header is kept;
    the URL suffix arrives as the pseudo-header ``Header:suffix``. Values are strings.
    """
    metadata = {"integrationName": integration_name}
    metadata.update(stringify_metadata(configured))
    for name, value in headers:
        metadata.setdefault(f"Header:{name.lower()}", value)
    if suffix is not None:
        metadata["Header:suffix"] = suffix
    return metadata


def form_json_hint(content_type: str | None, body: bytes) -> str:
    """A hint to add to an error when a JSON document came as a form (curl's ``--data`` without a
    Content-Type sends ``application/x-www-form-urlencoded``); ``""`` otherwise."""
    if parse_content_type(content_type)[0] != "application/x-www-form-urlencoded":
        return ""
    text = body.strip()
    if not text.startswith((b"{", b"[")):
        return ""
    try:
        json.loads(text)
    except ValueError:
        return ""
    return (
        " (the body is JSON but came as application/x-www-form-urlencoded, which is what curl --data sends "
        "without a Content-Type: add -H 'Content-Type: application/json')"
    )


def _decode(body: bytes, charset: str, errors: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        raise PayloadError(f"unsupported charset '{charset}'", status=415) from None
    return body.decode(charset, errors)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def _compact_json(body: bytes, charset: str) -> bytes:
    try:
        text = _decode(body, charset, "strict")
        value = json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise PayloadError(f"body is not valid JSON: {exc}") from None
    return _dump(value)


def _dump(value: JsonLike) -> bytes:
    return _COMPACT(value).encode("utf-8")


def _first_values(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


def _urlencoded(body: bytes, charset: str, query: Iterable[tuple[str, str]]) -> bytes:
    text = _decode(body, charset, "replace")
    pairs = list(query) + parse_qsl(text, keep_blank_values=True, encoding=charset)
    return _dump(_first_values(pairs))


def _multipart(body: bytes, boundary: str | None) -> bytes:
    if not boundary:
        raise PayloadError("multipart/form-data without a boundary parameter")
    files: dict[str, list[JsonValue]] = {}
    for headers, content in _parts(body, boundary.encode("latin-1")):
        disposition = _disposition(headers.get("content-disposition", ""))
        if "filename" not in disposition:
            continue  # ThingsBoard reads file parts only; plain form fields are dropped
        files.setdefault(disposition.get("name", ""), []).append(_file_value(content))
    return _dump({name: values[0] if len(values) == 1 else values for name, values in files.items()})


def _parts(body: bytes, boundary: bytes) -> Iterable[tuple[dict[str, str], bytes]]:
    delimiter = b"--" + boundary
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise PayloadError("malformed multipart body: boundary not found or not closed")
    for chunk in chunks[1:-1]:
        if chunk.startswith(b"\r\n"):
            chunk = chunk[2:]
        head, sep, content = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise PayloadError("malformed multipart body: a part has no header end")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        headers = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        yield headers, content


def _disposition(value: str) -> dict[str, str]:
    _, options = parse_content_type(value)
    return options


def _file_value(content: bytes) -> JsonValue:
    try:
        value: JsonValue = json.loads(content.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError):
        return base64.b64encode(content).decode("ascii")
    if isinstance(value, float) and not math.isfinite(value):
        return base64.b64encode(content).decode("ascii")
    return value


@dataclass(frozen=True)
class RecordedUplink:
    """One uplink as it reached a converter: when, its content type, metadata and raw body.

    ``method`` and ``query`` complete the request where they matter (a GET's payload is its
    query; a form's query fields join its body), as the store records them.
    """

    ts: object  # as recorded: an aware datetime from the store, or whatever a hand-made record holds
    content_type: str | None
    metadata: Mapping[str, object]
    body: bytes
    method: str = "POST"
    query: str = ""

    def payload(self) -> bytes:
        """What the converter gets: ThingsBoard's content-type rules applied to the request."""
        query = parse_qsl(self.query, keep_blank_values=True)
        return request_payload(self.method, bytes(self.body), self.content_type, query).body

    @classmethod
    def of(cls, record: RecordLike) -> RecordedUplink:
        """Accept a RecordedUplink, a mapping with those keys, or a ``(ts, content_type, metadata, body)`` tuple."""
        if isinstance(record, RecordedUplink):
            return record
        if isinstance(record, Mapping):
            return cls(
                record["ts"],
                record.get("content_type"),
                record.get("metadata") or {},
                record["body"],
                record.get("method") or "POST",
                record.get("query") or "",
            )
        ts, content_type, metadata, body = record
        return cls(ts, content_type, metadata or {}, body)


RecordLike = RecordedUplink | Mapping[str, Any] | Sequence[Any]
"""A recorded uplink, a mapping with its fields, or a ``(ts, content_type, metadata, body)`` tuple."""
