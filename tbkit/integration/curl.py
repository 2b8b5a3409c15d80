"""``Integration.curl()``: a POSIX shell command that posts an uplink with curl.

With no body given it replays the integration's last recorded uplink (see
:mod:`tbkit.store.uplinks`): the same content type and the same body bytes, so the decoder gets
the same payload. Without a recorded uplink it posts a sample JSON document.

Text goes on the command line in single quotes (``--data-raw``, which never reads ``@file``);
bytes that do not survive a terminal (non-UTF-8, control characters such as a multipart body's
CR LF) are written with ``printf`` octal escapes and piped in (``--data-binary @-``), which any
POSIX shell runs.

>>> print(curl_command("http://h/x", "application/octet-stream", b"\\xa7\\x01A%"))
printf '\\247\\001A%%' | curl -v http://h/x -H 'Content-Type: application/octet-stream' --data-binary @-
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from ..payloads import parse_content_type
from ..store import Store

__all__ = ["SAMPLE_BODY", "Resend", "curl_command", "integration_curl", "last_uplink"]

SAMPLE_BODY = '{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'
_LOOK_BACK = 200  # recorded uplinks searched for one of the content type asked for
_PLAIN = frozenset(b'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:;/+=@#!?()[]{}<>"*&^$~|')


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
class Resend:
    """A request to send again: its Content-Type and body."""

    content_type: str
    body: bytes


def curl_command(url: str, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> str:
    """The shell command posting ``body`` with ``content_type`` and ``headers`` to ``url``."""
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    parts = ["curl", "-v", url, "-H", f"Content-Type: {content_type}", *extra]  # a body implies POST
    command = " ".join(shlex.quote(p) for p in parts)
    if _printable(body):
        return f"{command} --data-raw {shlex.quote(body.decode('utf-8'))}"
    return f"{_printf(body)} | {command} --data-binary @-"


def last_uplink(store: Store, integration: str, content_type: str | None = None) -> Resend | None:
    """The newest recorded POST (of ``content_type``'s media type, when given): its content type and body."""
    wanted, _ = parse_content_type(content_type)
    for row in reversed(store.uplink_rows(integration, limit=_LOOK_BACK)):
        method, received, body = row[3], row[4], bytes(row[7])
        if method != "POST":
            continue
        received = received or "application/octet-stream"  # no Content-Type: ThingsBoard reads bytes
        if wanted is None or parse_content_type(received)[0] == wanted:
            return Resend(received, body)
    return None


def integration_curl(
    store: Store,
    integration: str,
    url: str | None,
    headers: dict[str, str],
    content_type: str | None = None,
    body: str | bytes | None = None,
) -> str:
    """What :meth:`Integration.curl` returns: ``body`` if given, else the last recorded uplink, else a sample."""
    if body is None:
        found = last_uplink(store, integration, content_type)
        if found is not None:
            return curl_command(url or "<url>", found.content_type, found.body, headers)
        body = SAMPLE_BODY
    data = body.encode("utf-8") if isinstance(body, str) else body
    return curl_command(url or "<url>", content_type or "application/json", data, headers)
