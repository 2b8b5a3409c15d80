"""Fixtures for the HTTP endpoint tests: a real tbkit server on loopback, and a small client.

Every kit made here is stopped at teardown (that closes its integrations' converters too),
and every converter made by a test through ``make_converter`` (tests/conftest.py) is closed: mini-racer can hang
interpreter exit when a V8 context is left open.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import pytest

import tbkit
from tests.seeds import SEED_BODY

# seed_decoder, seed_body and make_converter come from tests/conftest.py

# A decoder that reads every seed example: JSON / text, urlencoded (string values), and a
# multipart upload whose file field is named "data".
ANY_CONTENT_DECODER = (
    "var d = decodeToJson(payload);\n"
    "if (d.data) d = d.data;\n"
    "return {deviceName: d.deviceName, deviceType: d.deviceType, "
    "attributes: {model: d.model}, telemetry: {temperature: d.temperature}};"
)

ENCODER = 'return {contentType: "JSON", data: JSON.stringify(msg), metadata: {"Header:X-Test": "1"}};'

BOUNDARY = "tbkit-test-boundary-7MA4YWxkTrZu0gW"


def multipart_body(
    field_name: str,
    filename: str,
    content: bytes,
    *,
    boundary: str = BOUNDARY,
    text_fields: dict[str, str] | None = None,
) -> tuple[bytes, str]:
    """A multipart/form-data body with one file part (plus optional plain text fields)."""
    parts = []
    for name, value in (text_fields or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; filename="{filename}"\r\n'
        "Content-Type: application/json\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


URLENCODED_BODY = b"deviceName=Sensor+T1&deviceType=Temperature+Sensor&temperature=33&model=test"


def content_type_examples() -> dict[str, tuple[bytes, str]]:
    """The seed uplink in each content type the HTTP integration takes: name -> (body, content type)."""
    multipart, multipart_type = multipart_body("data", "uplink.json", SEED_BODY)
    return {
        "json": (SEED_BODY, "application/json"),
        "text": (SEED_BODY, "text/plain"),
        "multipart": (multipart, multipart_type),
        "urlencoded": (URLENCODED_BODY, "application/x-www-form-urlencoded"),
    }


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        """A response header, by case-insensitive name."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        return json.loads(self.body)


def send(
    url: str,
    body: bytes | None = None,
    content_type: str | None = "application/json",
    method: str = "POST",
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    timeout: float = 30,
) -> Response:
    """One real HTTP request (http.client, so every method and status comes through as is)."""
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname is not None
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        if content_type is not None:
            pairs.append(("Content-Type", content_type))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.putrequest(method, path)
        for name, value in pairs:  # a list of pairs may repeat a header
            conn.putheader(name, value)
        if body is not None or method in ("POST", "PUT", "PATCH"):
            conn.putheader("Content-Length", str(len(body or b"")))
        conn.endheaders(body)
        resp = conn.getresponse()
        return Response(resp.status, resp.read(), dict(resp.getheaders()))
    finally:
        conn.close()
        next_millisecond()


def next_millisecond() -> None:
    """Return once the wall clock has left the millisecond it was in.

    An uplink without ``ts`` is stamped with the millisecond the server handled it in, and telemetry is keyed by
    (device, key, ts) as in ThingsBoard, so two uplinks of one device in one millisecond overwrite each other. A
    request's uplink was stamped before its response arrived; waiting here makes the next one land in a later
    millisecond on any machine, however fast.
    """
    start = time.time_ns() // 1_000_000
    while time.time_ns() // 1_000_000 == start:
        time.sleep(0.0001)


@pytest.fixture
def http_send():
    """``http_send(url, body, content_type="application/json", method="POST", headers=None)``."""
    return send


@pytest.fixture
def any_content_decoder() -> str:
    return ANY_CONTENT_DECODER


@pytest.fixture
def seed_encoder() -> str:
    return ENCODER


@pytest.fixture(name="multipart_body")
def multipart_body_fixture():
    """``multipart_body(field, filename, content, text_fields=None)`` -> (body, content type)."""
    return multipart_body


@pytest.fixture
def examples() -> dict[str, tuple[bytes, str]]:
    return content_type_examples()


@pytest.fixture
def start_kit(tmp_path):
    """Factory: ``start_kit(db=None)`` starts a kit on loopback (own thread); all are stopped at teardown."""
    kits: list[tbkit.Kit] = []

    def factory(db: str | None = None) -> tbkit.Kit:
        kit = tbkit.start(db=db or str(tmp_path / "t.db"), port=0, in_thread=True)
        kits.append(kit)
        return kit

    try:
        yield factory
    finally:
        for kit in reversed(kits):
            try:
                kit.stop()
            except Exception:  # a kit replaced by a later tbkit.start() was stopped already
                pass


@pytest.fixture
def kit(start_kit) -> tbkit.Kit:
    """A running kit on ``tmp_path/"t.db"``."""
    return start_kit()


def telemetry_records(kit_or_handle) -> list[dict[str, Any]]:
    return kit_or_handle.telemetry()[["entity", "key", "value"]].to_dict("records")


def attribute_records(kit_or_handle) -> list[dict[str, Any]]:
    return kit_or_handle.attributes()[["entity", "scope", "key", "value"]].to_dict("records")


def device_records(kit_or_handle) -> list[dict[str, Any]]:
    return kit_or_handle.devices()[["name", "entity_type", "type", "integration"]].to_dict("records")


@pytest.fixture
def frames():
    """Readers giving plain records: ``frames.telemetry(kit)``, ``frames.attributes(kit)``, ``frames.devices(kit)``."""

    class _Frames:
        telemetry = staticmethod(telemetry_records)
        attributes = staticmethod(attribute_records)
        devices = staticmethod(device_records)

    return _Frames()
