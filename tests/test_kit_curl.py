"""Integration.curl() replays the last real uplink; the command runs in a POSIX shell with curl."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

import tbkit
from tbkit import workshop
from tbkit.simulator import encode_body

DECODER = 'return {deviceName: "D", telemetry: {n: payload.length}};'
needs_curl = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


@pytest.fixture
def kit() -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", in_thread=True)
    yield running
    running.stop()


def send(url: str, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type, **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status)


def uplinks(kit: tbkit.Kit) -> list[dict[str, Any]]:
    """What the decoder was given, oldest first: payload (base64 for binary), its kind, the content type."""
    events = kit.events("DEBUG_CONVERTER").iloc[::-1]
    return [
        {
            "in": row["in"],
            "kind": row["inMessageType"],
            "content_type": json.loads(row["metadata"]).get("Header:content-type"),
        }
        for _, row in events.iterrows()
    ]


def run(command: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done


FRAME = workshop.encode_frame(42, 21.5, 40, 3012, door=True) + b"\x00%'\\\n\r\"$`!"
MULTIPART, MULTIPART_TYPE = encode_body({"deviceName": "M", "t": 1}, "multipart/form-data")
TWO_FILES = (
    b"".join(
        b'--b0\r\nContent-Disposition: form-data; name="%s"; filename="%s.json"\r\n\r\n%s\r\n' % (name, name, value)
        for name, value in [(b"data", b'{"deviceName":"M"}'), (b"extra", b"not json \xa7")]
    )
    + b"--b0--\r\n"
)
CASES = {
    "binary frame": (FRAME, "application/octet-stream"),
    "text with quotes": ('It\'s "50%" 21°C $HOME `x`\nline two\t!'.encode(), "text/plain"),
    "latin-1 text": ("Grüße".encode("latin-1"), "text/plain; charset=ISO-8859-1"),
    "compact json": (b'{"deviceName":"Sensor T1","temperature":33}', "application/json"),
    "spaced json": (b'{"deviceName": "Sensor T1",\n "temperature": 33}', "application/json"),
    "form": (b"deviceName=Sensor%20T1&temperature=36&note=a%26b", "application/x-www-form-urlencoded"),
    "multipart": (MULTIPART, MULTIPART_TYPE),
    "multipart, two files": (TWO_FILES, "multipart/form-data; boundary=b0"),
    "starts with @": (b"@/etc/passwd", "text/plain"),
}


@needs_curl
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_command_replays_the_last_uplink(kit: tbkit.Kit, case: str) -> None:
    body, content_type = CASES[case]
    hi = kit.add_http_integration("HTTP", uplink=DECODER, security_headers={"X-Key": "it's"})
    assert send(str(hi.url), body, content_type, {"X-Key": "it's"}) == 204
    command = hi.curl()
    # not UTF-8, or control characters a terminal would mangle (a multipart body's CR LF): printf writes them
    assert ("| curl" in command) == (case in ("binary frame", "latin-1 text", "multipart", "multipart, two files"))
    done = run(command)
    assert "< HTTP/1.1 204" in done.stderr
    original, replayed = uplinks(kit)
    assert replayed == original
    first, again = kit.uplinks()[["content_type", "body"]].to_dict("records")
    assert again == first == {"content_type": content_type, "body": body}  # the same request, byte for byte


@needs_curl
def test_without_an_uplink_it_posts_the_sample_document(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER)
    command = hi.curl()
    assert command == (
        f"curl -v {hi.url} -H 'Content-Type: application/json' --data-raw "
        '\'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,'
        '"model":"test"}\''
    )
    run(command)
    assert uplinks(kit) == [
        {
            "in": '{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}',
            "kind": "JSON",
            "content_type": "application/json",
        }
    ]


def test_a_content_type_picks_the_last_uplink_of_that_type(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER)
    assert send(str(hi.url), b"first text", "text/plain") == 204
    assert send(str(hi.url), b"\xa7\x01", "application/octet-stream") == 204
    assert hi.curl("text/plain") == f"curl -v {hi.url} -H 'Content-Type: text/plain' --data-raw 'first text'"
    assert hi.curl() == (
        f"printf '\\247\\001' | curl -v {hi.url} -H 'Content-Type: application/octet-stream' --data-binary @-"
    )
    assert hi.curl("application/json") == (
        f"curl -v {hi.url} -H 'Content-Type: application/json' --data-raw "
        '\'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}\''
    )
    assert hi.curl("text/plain", "given") == (f"curl -v {hi.url} -H 'Content-Type: text/plain' --data-raw given")
