"""ThingsBoard's converter test API (spec §5): POST /api/converter/testUpLink and /testDownLink."""

from __future__ import annotations

import base64
import json
import re

import pytest


def _post_json(http_send, url: str, doc: dict):
    return http_send(url, json.dumps(doc).encode(), "application/json")


def test_uplink_decoder_output(kit, http_send, seed_decoder, seed_body):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        {
            "payload": base64.b64encode(seed_body).decode(),
            "metadata": {"integrationName": "HTTP", "Header:content-type": "application/json"},
            "decoder": seed_decoder,
        },
    )

    assert resp.status == 200
    assert resp.header("Content-Type") == "application/json"
    assert resp.json() == {
        "output": '{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","attributes":{"model":"test"},'
        '"telemetry":{"temperature":33}}',
        "error": "",
    }


def test_uplink_decoder_sees_metadata_as_strings(kit, http_send):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        {
            "payload": base64.b64encode(b"hi").decode(),
            "metadata": {"integrationName": "HTTP", "n": 85},
            "decoder": "return {deviceName: metadata.integrationName, text: decodeToString(payload), n: metadata.n};",
        },
    )

    assert resp.status == 200
    assert resp.json() == {"output": '{"deviceName":"HTTP","text":"hi","n":"85"}', "error": ""}


def test_uplink_stores_nothing(kit, http_send, seed_decoder, seed_body):
    _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        {"payload": base64.b64encode(seed_body).decode(), "metadata": {}, "decoder": seed_decoder},
    )

    assert kit.devices().empty
    assert kit.telemetry().empty


def test_uplink_output_that_is_not_valid_converter_output_is_still_shown(kit, http_send):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        {"payload": "", "metadata": {}, "decoder": "return {telemetry: {t: 1}};"},
    )

    # the test dialog shows what the script returned; only a script failure fills "error"
    assert resp.json() == {"output": '{"telemetry":{"t":1}}', "error": ""}


def test_uplink_decoder_error_has_the_line(kit, http_send, seed_body):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        {
            "payload": base64.b64encode(seed_body).decode(),
            "metadata": {},
            "decoder": "var data = decodeToJson(payload);\nvar x = data.missing.field;\nreturn x;",
        },
    )

    assert resp.status == 200
    doc = resp.json()
    assert sorted(doc) == ["error", "output"]
    assert doc["output"] == ""
    assert re.fullmatch(
        r"test decoder:2:\d+: TypeError: Cannot read properties of undefined \(reading 'field'\)", doc["error"]
    ), doc["error"]


def test_uplink_decoder_syntax_error(kit, http_send):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS",
        {"payload": "", "metadata": {}, "decoder": "var a = 1;\nreturn {deviceName: 'x',,};"},
    )

    assert resp.status == 200
    doc = resp.json()
    assert doc["output"] == ""
    assert doc["error"].startswith("test decoder:2")
    assert "SyntaxError" in doc["error"]


@pytest.mark.parametrize(
    ("doc", "message"),
    [(b"not json", None), (b"[1, 2]", "body must be a JSON object")],
)
def test_uplink_rejects_a_bad_request_body(kit, http_send, doc, message):
    resp = http_send(f"{kit.base_url}/api/converter/testUpLink?scriptLang=JS", doc, "application/json")

    assert resp.status == 400
    body = resp.json()
    assert body["status"] == 400
    if message is not None:
        assert body["message"] == message


def test_downlink_encoder_output(kit, http_send):
    encoder = (
        'return {contentType: "JSON", data: JSON.stringify(msg), '
        "metadata: {type: msgType, scope: metadata.scope, name: integrationMetadata.integrationName}};"
    )
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testDownLink",
        {
            "msg": '{"a":1}',
            "metadata": {"scope": "SHARED_SCOPE"},
            "msgType": "ATTRIBUTES_UPDATED",
            "integrationMetadata": {"integrationName": "HTTP"},
            "encoder": encoder,
        },
    )

    assert resp.status == 200
    assert resp.header("Content-Type") == "application/json"
    doc = resp.json()
    assert doc["error"] == ""
    assert json.loads(doc["output"]) == {
        "contentType": "JSON",
        "data": '{"a":1}',
        "metadata": {"type": "ATTRIBUTES_UPDATED", "scope": "SHARED_SCOPE", "name": "HTTP"},
    }


def test_downlink_seed_encoder_output(kit, http_send, seed_encoder):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testDownLink",
        {
            "msg": '{"a":1}',
            "metadata": {},
            "msgType": "ATTRIBUTES_UPDATED",
            "integrationMetadata": {},
            "encoder": seed_encoder,
        },
    )

    assert resp.status == 200
    assert resp.json() == {
        "output": '{"contentType":"JSON","data":"{\\"a\\":1}","metadata":{"Header:X-Test":"1"}}',
        "error": "",
    }


def test_downlink_encoder_error(kit, http_send):
    resp = _post_json(
        http_send,
        f"{kit.base_url}/api/converter/testDownLink",
        {
            "msg": '{"a":1}',
            "metadata": {},
            "msgType": "ATTRIBUTES_UPDATED",
            "integrationMetadata": {},
            "encoder": "var x = 1;\nthrow new Error('no encoder today');",
        },
    )

    assert resp.status == 200
    doc = resp.json()
    assert doc["output"] == ""
    assert re.fullmatch(r"test encoder:2:\d+: Error: no encoder today", doc["error"]), doc["error"]
