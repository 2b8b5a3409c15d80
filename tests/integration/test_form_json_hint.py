"""curl --data without a Content-Type posts a form: when the body is JSON and the uplink fails, the error says so."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit
from tbkit.payloads import form_json_hint

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HINT = (
    " (the body is JSON but came as application/x-www-form-urlencoded, which is what curl --data sends "
    "without a Content-Type: add -H 'Content-Type: application/json')"
)
MISSING = "HTTP Uplink Converter: output: Either 'deviceName' or 'assetName' should be present in the converter output"


@pytest.fixture
def kit() -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", in_thread=True)
    yield running
    running.stop()


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_curl_data_without_content_type_gets_the_hint(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=(EXAMPLES / "decoder.js").read_text("utf-8"))
    assert hi.url is not None
    done = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", "--data", f"@{EXAMPLES / 'uplink.json'}", hi.url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    body, status = done.stdout.rsplit("\n", 1)
    assert (status, json.loads(body)) == (
        "400",
        {"status": 400, "message": f"{MISSING} (keys: attributes, telemetry){HINT}"},
    )
    errors = kit.events(event_type="DEBUG_CONVERTER")["error"].tolist()
    assert errors == [f"{MISSING} (keys: attributes, telemetry){HINT}"]


def test_the_hint_is_only_for_json_sent_as_a_form() -> None:
    assert form_json_hint("application/x-www-form-urlencoded", b' {"a": 1}\n') == HINT
    assert form_json_hint("application/x-www-form-urlencoded; charset=UTF-8", b"[1]") == HINT
    assert form_json_hint("application/x-www-form-urlencoded", b"a=1&b=2") == ""
    assert form_json_hint("application/x-www-form-urlencoded", b"{not json") == ""
    assert form_json_hint("application/json", b'{"a": 1}') == ""
    assert form_json_hint(None, b'{"a": 1}') == ""


def test_a_form_that_decodes_gets_no_hint(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink="var d = decodeToJson(payload); return {deviceName: d.n};")
    assert hi.url is not None
    refused = tbkit.send(hi.url, "x=1", "application/x-www-form-urlencoded")
    assert (refused.status, json.loads(refused.body)["message"]) == (400, f"{MISSING} (keys: none)")
    assert tbkit.send(hi.url, "n=D1", "application/x-www-form-urlencoded").status == 204
