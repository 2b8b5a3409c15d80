"""Every row of the status table (spec §1) over real loopback HTTP, with whole bodies and the
data (not) stored. Unknown routing key and disabled integration answer 404 (tbkit's documented
choice for spec open question 1)."""

from __future__ import annotations

import re

import pytest

SEED_TELEMETRY = [{"entity": "Sensor T1", "key": "temperature", "value": 33}]
SEED_DEVICES = [{"name": "Sensor T1", "entity_type": "DEVICE", "type": "Temperature Sensor", "integration": "HTTP"}]
JSON_ERROR = "application/json"


def _nothing_stored(kit, frames) -> bool:
    return frames.devices(kit) == [] and frames.telemetry(kit) == [] and frames.attributes(kit) == []


# -- 2xx ---------------------------------------------------------------------------------------------
def test_204_when_processed(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url, seed_body)

    assert (resp.status, resp.body) == (204, b"")
    assert frames.devices(kit) == SEED_DEVICES
    assert frames.telemetry(kit) == SEED_TELEMETRY
    assert frames.attributes(kit) == [{"entity": "Sensor T1", "scope": "CLIENT_SCOPE", "key": "model", "value": "test"}]


def test_200_empty_when_replace_no_content_to_ok(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, replace_no_content_to_ok=True)

    resp = http_send(hi.url, seed_body)

    assert (resp.status, resp.body) == (200, b"")
    assert resp.header("Content-Length") in ("0", None)
    assert frames.telemetry(kit) == SEED_TELEMETRY


@pytest.mark.parametrize("result", ["null", "[]"])
@pytest.mark.parametrize("replace", [False, True])
def test_204_when_converter_returns_nothing_whatever_replace_says(kit, http_send, seed_body, frames, result, replace):
    hi = kit.add_http_integration("HTTP", uplink=f"return {result};", replace_no_content_to_ok=replace)

    resp = http_send(hi.url, seed_body)

    assert (resp.status, resp.body) == (204, b"")
    assert _nothing_stored(kit, frames)


@pytest.mark.parametrize("replace", [False, True])
def test_200_with_downlink_body_then_204(kit, http_send, seed_decoder, seed_encoder, seed_body, frames, replace):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, downlink=seed_encoder, replace_no_content_to_ok=replace)
    plain = 200 if replace else 204
    assert (http_send(hi.url, seed_body).status) == plain
    kit.save_attributes("Sensor T1", {"firmware": "01052020.v1.2"})

    with_downlink = http_send(hi.url, seed_body)
    after = http_send(hi.url, seed_body)

    assert (with_downlink.status, with_downlink.body) == (200, b'{"firmware":"01052020.v1.2"}')
    assert with_downlink.header("Content-Type") == "application/json"
    assert with_downlink.header("X-Test") == "1"
    assert (after.status, after.body) == (plain, b"")
    assert after.header("X-Test") is None
    assert frames.devices(kit) == SEED_DEVICES


# -- 403 security (spec §3) ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Api-Key": "wrong"}, {"X-Api-Key": "SECRET"}, {"X-Other": "secret"}],
    ids=["missing", "wrong-value", "value-case-differs", "other-header"],
)
def test_403_when_security_header_missing_or_wrong(kit, http_send, seed_decoder, seed_body, frames, headers):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, security_headers={"X-Api-Key": "secret"})

    resp = http_send(hi.url, seed_body, headers=headers)

    assert resp.status == 403
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {"status": 403, "message": "security headers missing or wrong"}
    assert _nothing_stored(kit, frames)


@pytest.mark.parametrize("name", ["X-Api-Key", "x-api-key", "X-API-KEY"])
def test_security_header_name_is_case_insensitive(kit, http_send, seed_decoder, seed_body, frames, name):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, security_headers={"X-Api-Key": "secret"})

    resp = http_send(hi.url, seed_body, headers={name: "secret"})

    assert (resp.status, resp.body) == (204, b"")
    assert frames.telemetry(kit) == SEED_TELEMETRY


def test_every_security_header_must_match(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, security_headers={"X-Api-Key": "secret", "X-Site": "A"})

    only_one = http_send(hi.url, seed_body, headers={"X-Api-Key": "secret"})
    both = http_send(hi.url, seed_body, headers={"x-site": "A", "x-api-key": "secret"})

    assert only_one.status == 403
    assert (both.status, both.body) == (204, b"")


def test_403_does_not_run_the_converter(kit, http_send, seed_body, frames):
    hi = kit.add_http_integration(
        "HTTP", uplink="throw new Error('must not run');", security_headers={"X-Api-Key": "secret"}
    )

    assert http_send(hi.url, seed_body).status == 403


# -- 400 --------------------------------------------------------------------------------------------------
def test_400_when_converter_throws_with_the_line(kit, http_send, seed_body, frames):
    decoder = "var data = decodeToJson(payload);\nthrow new Error('boom');"
    hi = kit.add_http_integration("HTTP", uplink=decoder)

    resp = http_send(hi.url, seed_body)

    assert resp.status == 400
    assert resp.header("Content-Type") == JSON_ERROR
    body = resp.json()
    assert sorted(body) == ["message", "status"]
    assert body["status"] == 400
    # converter name, line 2 of the decoder body, column, the JS error
    assert re.fullmatch(r"HTTP Uplink Converter:2:\d+: Error: boom", body["message"]), body["message"]
    assert _nothing_stored(kit, frames)


def test_400_when_device_name_missing(kit, http_send, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink="return {telemetry: {temperature: 1}};")

    resp = http_send(hi.url, seed_body)

    assert resp.status == 400
    assert resp.header("Content-Type") == JSON_ERROR
    # errors.py: every ConverterError renders as "<converter name>[:line[:col]]: <message>"
    assert resp.json() == {
        "status": 400,
        "message": "HTTP Uplink Converter: output: Either 'deviceName' or 'assetName' should be present in the "
        "converter output (keys: telemetry)",
    }
    assert _nothing_stored(kit, frames)


def test_400_when_device_name_undefined(kit, http_send, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink="return {deviceName: undefined, telemetry: {t: 1}};")

    resp = http_send(hi.url, seed_body)

    assert resp.status == 400
    assert _nothing_stored(kit, frames)


@pytest.mark.parametrize(
    "body", [b"{bad json", b"", b'{"a": 1} trailing', b"NaN"], ids=["broken", "empty", "trailing", "nan"]
)
def test_400_when_json_body_is_invalid(kit, http_send, seed_decoder, frames, body):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url, body, "application/json")

    assert resp.status == 400
    assert resp.header("Content-Type") == JSON_ERROR
    doc = resp.json()
    assert doc["status"] == 400
    assert doc["message"].startswith("body is not valid JSON")
    assert _nothing_stored(kit, frames)


# -- 500 --------------------------------------------------------------------------------------------------
def test_500_when_device_name_is_null(kit, http_send, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink="return {deviceName: null, telemetry: {t: 1}};")

    resp = http_send(hi.url, seed_body)

    assert resp.status == 500
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {"status": 500, "message": "HTTP Uplink Converter: output: 'deviceName' is null"}
    assert _nothing_stored(kit, frames)


def test_500_when_creating_devices_is_forbidden(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, allow_create=False)

    resp = http_send(hi.url, seed_body)

    assert resp.status == 500
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {
        "status": 500,
        "message": "Creating devices is forbidden! (device 'Sensor T1' does not exist and the integration does not "
        "allow creating devices or assets)",
    }
    assert _nothing_stored(kit, frames)


def test_allow_create_false_still_accepts_existing_devices(kit, http_send, seed_decoder, seed_body, frames):
    creator = kit.add_http_integration("HTTP", uplink=seed_decoder)
    assert http_send(creator.url, seed_body).status == 204
    strict = kit.add_http_integration("Strict", uplink=seed_decoder, allow_create=False)

    resp = http_send(strict.url, seed_body.replace(b"33", b"34"))

    assert (resp.status, resp.body) == (204, b"")
    assert [r["value"] for r in frames.telemetry(kit)] == [33, 34]


# -- 413, 415 ---------------------------------------------------------------------------------------------
def test_413_over_max_body(kit, http_send, seed_decoder, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, max_body=1000)
    filler = "x" * 1000
    body = (
        b'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"'
        + filler.encode()
        + b'"}'
    )

    resp = http_send(hi.url, body)

    assert resp.status == 413
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {"status": 413, "message": f"request body of {len(body)} bytes is over the limit of 1000"}
    assert _nothing_stored(kit, frames)


def test_body_at_max_body_is_accepted(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, max_body=len(seed_body))

    assert http_send(hi.url, seed_body).status == 204
    assert frames.telemetry(kit) == SEED_TELEMETRY


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/csv", b"deviceName,temperature\nSensor T1,33\n"),
        ("application/xml", b"<uplink><deviceName>Sensor T1</deviceName></uplink>"),
    ],
)
def test_415_for_unsupported_content_types(kit, http_send, seed_decoder, frames, content_type, body):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url, body, content_type)

    assert resp.status == 415
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {
        "status": 415,
        "message": f"Content-Type '{content_type}' is not supported by the HTTP integration; use application/json, "
        "text/plain, application/octet-stream, application/x-www-form-urlencoded or multipart/form-data",
    }
    assert _nothing_stored(kit, frames)


# -- 404, 405 ---------------------------------------------------------------------------------------------
def test_404_for_unknown_routing_key(kit, http_send, seed_decoder, seed_body, frames):
    kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(f"{kit.base_url}/api/v1/integrations/http/no-such-key", seed_body)

    assert resp.status == 404
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {"status": 404, "message": "no integration with routing key 'no-such-key'"}
    assert _nothing_stored(kit, frames)


def test_404_for_disabled_integration(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, enabled=False)

    resp = http_send(hi.url, seed_body)
    ping = http_send(hi.url, None, None, method="GET")

    assert resp.status == 404
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {"status": 404, "message": "integration 'HTTP' is disabled"}
    assert ping.status == 404
    assert _nothing_stored(kit, frames)


@pytest.mark.parametrize("method", ["DELETE", "PATCH"])
def test_405_for_other_methods(kit, http_send, seed_decoder, seed_body, frames, method):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url, seed_body, method=method)

    assert resp.status == 405
    assert resp.header("Content-Type") == JSON_ERROR
    assert resp.json() == {"status": 405, "message": "Method Not Allowed"}
    assert _nothing_stored(kit, frames)
