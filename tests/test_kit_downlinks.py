"""Downlinks through a running kit, over real HTTP (spec §7)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit
from tests.seeds import SEED_BODY, SEED_DECODER

SEED, BODY = SEED_DECODER, SEED_BODY
JSON_ENCODER = "return {contentType: 'JSON', data: JSON.stringify(msg), metadata: {}};"


def post(
    url: str | None, body: bytes = BODY, content_type: str = "application/json"
) -> tuple[int, bytes, dict[str, str]]:
    assert url is not None, "the integration is not served"
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "kit.db")


@pytest.fixture
def kit(db: str) -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=db, in_thread=True)
    yield running
    running.stop()


def test_firmware_example_delivers_the_changed_attribute_once(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED, downlink=JSON_ENCODER)
    assert post(hi.url)[0] == 204
    kit.save_attributes("Sensor T1", {"firmware": "01052020.v1.1"})
    kit.save_attributes("Sensor T1", {"firmware": "01052020.v1.2"})
    status, body, headers = post(hi.url)
    assert (status, body, headers["Content-Type"]) == (200, b'{"firmware":"01052020.v1.2"}', "application/json")
    assert post(hi.url)[:2] == (204, b"")
    rows = kit.downlinks()[["device", "msg_type", "msg", "status"]].to_dict("records")
    assert rows == [
        {
            "device": "Sensor T1",
            "msg_type": "ATTRIBUTES_UPDATED",
            "msg": {"firmware": "01052020.v1.1"},
            "status": "REPLACED",
        },
        {
            "device": "Sensor T1",
            "msg_type": "ATTRIBUTES_UPDATED",
            "msg": {"firmware": "01052020.v1.2"},
            "status": "DELIVERED",
        },
    ]
    shared = kit.attributes("Sensor T1", scope="SHARED_SCOPE")[["key", "value"]].to_dict("records")
    assert shared == [{"key": "firmware", "value": "01052020.v1.2"}]


def test_text_downlink_with_response_headers(kit: tbkit.Kit) -> None:
    encoder = (
        "return {contentType: 'TEXT', data: 'fw=' + msg.firmware,"
        " metadata: {'Header:X-Fw': integrationMetadata.integrationName, 'other': 1}};"
    )
    hi = kit.add_http_integration("Text", uplink=SEED, downlink=encoder)
    post(hi.url)
    kit.save_attributes("Sensor T1", {"firmware": "v2"})
    status, body, headers = post(hi.url)
    assert (status, body, headers["Content-Type"], headers["X-Fw"]) == (200, b"fw=v2", "text/plain", "Text")
    assert "other" not in headers


def test_binary_downlink_body_is_the_decoded_bytes(kit: tbkit.Kit) -> None:
    encoder = "return {contentType: 'BINARY', data: btoa(String.fromCharCode(1, 2, 255))};"
    hi = kit.add_http_integration("Bin", uplink=SEED, downlink=encoder)
    post(hi.url)
    kit.save_attributes("Sensor T1", {"firmware": "v2"})
    status, body, headers = post(hi.url)
    assert (status, body, headers["Content-Type"]) == (200, bytes([1, 2, 255]), "application/octet-stream")


def test_header_content_type_in_encoder_metadata_overrides(kit: tbkit.Kit) -> None:
    encoder = "return {contentType: 'TEXT', data: 'x', metadata: {'Header:Content-Type': 'application/cbor'}};"
    hi = kit.add_http_integration("Ct", uplink=SEED, downlink=encoder)
    post(hi.url)
    kit.save_attributes("Sensor T1", {"a": 1})
    assert post(hi.url)[2]["Content-Type"] == "application/cbor"


def test_encoder_sees_integration_metadata_with_lowercase_header_prefix(kit: tbkit.Kit) -> None:
    encoder = "return {contentType: 'JSON', data: JSON.stringify({m: metadata, i: integrationMetadata, t: msgType})};"
    hi = kit.add_http_integration("Meta", uplink=SEED, downlink=encoder, metadata={"site": "A"})
    post(hi.url)
    kit.save_attributes("Sensor T1", {"a": 1}, scope="SERVER_SCOPE")
    status, body, _ = post(hi.url)
    got = json.loads(body)
    assert status == 200
    assert got["t"] == "ATTRIBUTES_UPDATED"
    assert got["m"] == {"scope": "SERVER_SCOPE", "deviceName": "Sensor T1", "deviceType": "Temperature Sensor"}
    assert {k: v for k, v in got["i"].items() if not k.startswith("header:")} == {
        "integrationName": "Meta",
        "site": "A",
    }
    assert got["i"]["header:content-type"] == "application/json"


def test_client_scope_attributes_do_not_trigger_a_downlink(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED, downlink=JSON_ENCODER)
    post(hi.url)
    kit.save_attributes("Sensor T1", {"x": 1}, scope="CLIENT_SCOPE")
    assert post(hi.url)[0] == 204
    assert kit.downlinks().empty


def test_pending_downlink_survives_a_restart(db: str) -> None:
    first = tbkit.start(db=db, in_thread=True)
    hi = first.add_http_integration("HTTP", uplink=SEED, downlink=JSON_ENCODER)
    post(hi.url)
    first.save_attributes("Sensor T1", {"firmware": "01052020.v1.2"})
    first.stop()
    second = tbkit.start(db=db, in_thread=True)
    try:
        again = second.integrations["HTTP"]
        assert again.routing_key == hi.routing_key
        assert post(again.url)[:2] == (200, b'{"firmware":"01052020.v1.2"}')
    finally:
        second.stop()


def test_post_attributes_route_echoes_uplink_attributes_on_the_next_uplink(kit: tbkit.Kit) -> None:
    kit.routes["POST_ATTRIBUTES_REQUEST"] = "downlink"
    hi = kit.add_http_integration("HTTP", uplink=SEED, downlink=JSON_ENCODER)
    assert post(hi.url)[0] == 204  # the message is routed after this response, as in ThingsBoard
    assert post(hi.url)[:2] == (200, b'{"model":"test"}')


def test_send_downlink_delivers_a_message_of_your_own(kit: tbkit.Kit) -> None:
    encoder = "return {contentType: 'JSON', data: JSON.stringify({type: msgType, cmd: msg})};"
    hi = kit.add_http_integration("HTTP", uplink=SEED, downlink=encoder)
    post(hi.url)
    kit.send_downlink("Sensor T1", {"method": "reboot"}, msg_type="RPC_CALL_FROM_SERVER_TO_DEVICE")
    status, body, _ = post(hi.url)
    assert (status, json.loads(body)) == (200, {"type": "RPC_CALL_FROM_SERVER_TO_DEVICE", "cmd": {"method": "reboot"}})


def test_queue_all_delivers_every_message_in_order(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED, downlink=JSON_ENCODER, queue_all_downlinks=True)
    post(hi.url)
    for version in ("a", "b", "c"):
        kit.save_attributes("Sensor T1", {"fw": version})
    assert [post(hi.url)[1] for _ in range(4)] == [b'{"fw":"a"}', b'{"fw":"b"}', b'{"fw":"c"}', b""]


def test_without_downlink_converter_the_update_is_recorded_as_failure(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED)
    post(hi.url)
    kit.save_attributes("Sensor T1", {"firmware": "x"})
    assert post(hi.url)[0] == 204
    events = kit.events(event_type="DEBUG_INTEGRATION")
    failure = events[events["type"] == "Downlink: ATTRIBUTES_UPDATED"][["status", "error"]].to_dict("records")
    assert failure == [{"status": "FAILURE", "error": "integration 'HTTP' has no downlink converter"}]


def test_encoder_error_keeps_the_uplink_and_records_the_error(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=SEED, downlink="var x = null;\nreturn x.boom;")
    post(hi.url)
    kit.save_attributes("Sensor T1", {"firmware": "x"})
    assert post(hi.url)[0] == 204
    # both uplinks were processed and stored (their telemetry may share one millisecond, so count the uplinks)
    assert kit.stats()[["integration", "messagesProcessed", "errorsOccurred"]].to_dict("records") == [
        {"integration": "HTTP", "messagesProcessed": 2, "errorsOccurred": 0}
    ]
    assert kit.telemetry()[["entity", "key", "value"]].drop_duplicates().to_dict("records") == [
        {"entity": "Sensor T1", "key": "temperature", "value": 33}
    ]
    row = kit.downlinks()[["status", "error"]].to_dict("records")
    assert row == [
        {
            "status": "FAILED",
            "error": "HTTP Downlink Converter:2:10: TypeError: Cannot read properties of null (reading 'boom')",
        }
    ]
    converter_events = kit.events(event_type="DEBUG_CONVERTER")
    downlink_event = converter_events[converter_events["type"] == "Downlink"].iloc[0]
    assert json.loads(downlink_event["in"]) == [
        {
            "msg": {"firmware": "x"},
            "metadata": {"scope": "SHARED_SCOPE", "deviceName": "Sensor T1", "deviceType": "Temperature Sensor"},
            "msgType": "ATTRIBUTES_UPDATED",
        }
    ]
    assert downlink_event["status"] == "ERROR"


def test_binary_payload_debug_event_is_base64(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("Raw", uplink="return {deviceName: 'B', telemetry: {n: payload.length}};")
    assert post(hi.url, bytes([0, 255, 7]), "application/octet-stream")[0] == 204
    event = kit.events(event_type="DEBUG_CONVERTER").iloc[0]
    assert (event["inMessageType"], event["in"]) == ("BINARY", base64.b64encode(bytes([0, 255, 7])).decode())
