"""``Integration.curl()``: a POSIX shell command that posts an uplink with curl.

With no body given it replays the integration's last recorded uplink (see
:mod:`tbkit.store.uplinks`): the content type as received and a body that gives the decoder
the same payload. Binary, text and compact JSON bodies are the received bytes; JSON that
arrived with spaces is sent compacted (ThingsBoard's decoder sees it compacted anyway);
form bodies are rebuilt from their fields (one JSON file part goes with ``curl -F``, several
as a multipart body of their own). Without a recorded uplink it posts a sample JSON document.

Text goes on the command line in single quotes (``--data-raw``, which never reads ``@file``);
bytes that do not survive a terminal (non-UTF-8, control characters) are written with
``printf`` octal escapes and piped in (``--data-binary @-``), which any POSIX shell runs.

>>> print(curl_command("http://h/x", "application/octet-stream", b"\\xa7\\x01A%"))
printf '\\247\\001A%%' | curl -v http://h/x -H 'Content-Type: application/octet-stream' --data-binary @-
"""

from __future__ import annotations

import base64
import json
import shlex
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .payloads import parse_content_type
from .store import Store
from .store.uplinks import recent_uplinks

__all__ = ["SAMPLE_BODY", "Replay", "curl_command", "integration_curl", "last_uplink"]

SAMPLE_BODY = '{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'
_DEFAULT_TYPES = {"BINARY": "application/octet-stream", "TEXT": "text/plain", "JSON": "application/json"}
_PLAIN = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:;/+=@#!?()[]{}<>\"*&^$~|")


def _printable(body: bytes) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch >= " " and ch != "\x7f" or ch in "\n\t" for ch in text)


def _printf(body: bytes) -> str:
    """A ``printf`` format that writes exactly ``body``, in single quotes."""
    escaped = "".join(chr(b) if b in _PLAIN else "%%" if b == 0x25 else f"\\{b:03o}" for b in body)
    if escaped.startswith("-"):  # printf would read it as an option
        escaped = "\\055" + escaped[1:]
    return f"printf '{escaped}'"


@dataclass(frozen=True)
class Replay:
    """A request to send again: its Content-Type and body, or one multipart file part for ``-F``."""

    content_type: str
    body: bytes
    file_part: tuple[str, str] | None = None  # (part name, JSON text): curl builds the multipart body


def curl_command(url: str, content_type: str, body: bytes, headers: dict[str, str] | None = None,
                 file_part: tuple[str, str] | None = None) -> str:
    """The shell command posting ``body`` with ``content_type`` and ``headers`` to ``url``.

    With ``file_part`` it posts that one JSON file part as ``multipart/form-data`` instead
    (curl writes the boundary and the Content-Type).
    """
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    if file_part is not None:
        name, text = file_part
        parts = ["curl", "-v", url, *extra, "-F", f"{name}=@-;filename={name}.json;type=application/json"]
        return f"printf '%s' {shlex.quote(text)} | {' '.join(shlex.quote(p) for p in parts)}"
    parts = ["curl", "-v", url, "-H", f"Content-Type: {content_type}", *extra]  # a body implies POST
    command = " ".join(shlex.quote(p) for p in parts)
    if _printable(body):
        return f"{command} --data-raw {shlex.quote(body.decode('utf-8'))}"
    return f"{_printf(body)} | {command} --data-binary @-"


def _encode(text: str, charset: str) -> bytes:
    try:
        return text.encode(charset)
    except (LookupError, UnicodeEncodeError):
        return text.encode("utf-8")


def _multipart(fields: dict[str, Any]) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    chunks = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}.json"\r\n'
                          f"Content-Type: application/json\r\n\r\n{json.dumps(item, separators=(',', ':'))}\r\n")
    return f"multipart/form-data; boundary={boundary}", (("".join(chunks)) + f"--{boundary}--\r\n").encode()


def _single_part(fields: dict[str, Any]) -> tuple[str, str] | None:
    """One JSON file part with a plain name, which ``curl -F`` can send; else None."""
    if len(fields) != 1:
        return None
    ((name, value),) = fields.items()
    if isinstance(value, list) or not name or not name.replace("_", "a").replace("-", "a").isalnum():
        return None
    return name, json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _rebuild(event: dict[str, Any]) -> Replay:
    """The request to replay a recorded uplink."""
    kind = str(event.get("inMessageType") or "JSON")
    try:
        metadata = json.loads(event.get("metadata") or "{}")
    except ValueError:
        metadata = {}
    content_type = str(metadata.get("Header:content-type") or _DEFAULT_TYPES.get(kind, "application/json"))
    mime, options = parse_content_type(content_type)
    text = str(event["in"])
    if kind == "BINARY":
        return Replay(content_type, base64.b64decode(text))
    if mime == "application/x-www-form-urlencoded":
        return Replay(content_type, urlencode(json.loads(text)).encode("ascii"))
    if mime == "multipart/form-data":
        fields = json.loads(text)
        return Replay(*_multipart(fields), file_part=_single_part(fields))
    return Replay(content_type, _encode(text, options.get("charset", "utf-8")))


def last_uplink(store: Store, integration: str, content_type: str | None = None) -> Replay | None:
    """The newest recorded uplink (of ``content_type``'s media type, when given), ready to replay."""
    wanted, _ = parse_content_type(content_type)
    for event in recent_uplinks(store, integration):
        try:
            found = _rebuild(event)
        except (ValueError, TypeError, KeyError):  # an event cut to 4096 characters
            continue
        if wanted is None or parse_content_type(found.content_type)[0] == wanted:
            return found
    return None


def integration_curl(store: Store, integration: str, url: str | None, headers: dict[str, str],
                     content_type: str | None = None, body: str | bytes | None = None) -> str:
    """What :meth:`Integration.curl` returns: ``body`` if given, else the last recorded uplink, else a sample."""
    if body is None:
        found = last_uplink(store, integration, content_type)
        if found is not None:
            return curl_command(url or "<url>", found.content_type, found.body, headers, found.file_part)
        body = SAMPLE_BODY
    data = body.encode("utf-8") if isinstance(body, str) else body
    return curl_command(url or "<url>", content_type or "application/json", data, headers)
