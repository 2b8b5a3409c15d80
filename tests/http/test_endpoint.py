"""The HTTP integration endpoint over real loopback HTTP: content types, suffix, GET, PUT,
downlink responses, concurrency under a runaway decoder, persistence and export (spec §1, §2, §5, §7)."""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from typing import Any

import pytest

SEED_ROWS_TELEMETRY = [{"entity": "Sensor T1", "key": "temperature", "value": 33}]
SEED_ROWS_ATTRIBUTES = [{"entity": "Sensor T1", "scope": "CLIENT_SCOPE", "key": "model", "value": "test"}]
SEED_ROWS_DEVICES = [
    {"name": "Sensor T1", "entity_type": "DEVICE", "type": "Temperature Sensor", "integration": "HTTP"}
]


def seed(device: str = "Sensor T1", temperature: int = 33) -> bytes:
    """The seed body for another device name or temperature."""
    return json.dumps(
        {"deviceName": device, "deviceType": "Temperature Sensor", "temperature": temperature, "model": "test"},
        separators=(",", ":"),
    ).encode()


def distinct_rows(kit) -> list[dict]:
    """Telemetry rows without repeats: uplinks within one millisecond share a ts and overwrite
    each other (ThingsBoard's ts_kv key is entity, key, ts), so repeated seeds may store one row."""
    return kit.telemetry()[["entity", "key", "value"]].drop_duplicates().to_dict("records")


# -- content types (spec §2) --------------------------------------------------------------------
@pytest.mark.parametrize("example", ["json", "text", "multipart", "urlencoded"])
def test_each_content_type_creates_the_seed_device(kit, http_send, any_content_decoder, examples, frames, example):
    hi = kit.add_http_integration("HTTP", uplink=any_content_decoder)
    body, content_type = examples[example]

    resp = http_send(hi.url, body, content_type)

    assert (resp.status, resp.body) == (204, b"")
    assert frames.devices(kit) == SEED_ROWS_DEVICES
    assert frames.attributes(kit) == SEED_ROWS_ATTRIBUTES
    rows = frames.telemetry(kit)
    assert rows == SEED_ROWS_TELEMETRY  # "33" from a form is type-cast to the integer 33
    assert type(rows[0]["value"]) is int


def _echo_decoder(attribute: str = "payload") -> str:
    """A decoder storing the payload text and metadata (as JSON strings) as attributes of device E."""
    return (
        "var text = String.fromCharCode.apply(String, payload);\n"
        "return {deviceName: 'E', deviceType: 'echo', "
        f"attributes: {{{attribute}: text, meta: JSON.stringify(metadata)}}}};"
    )


def _echoed(kit) -> dict[str, str]:
    attrs = kit.attributes("E")
    return dict(zip(attrs["key"], attrs["value"], strict=True))


@pytest.mark.parametrize(
    ("example", "payload"),
    [
        ("json", {"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "temperature": 33, "model": "test"}),
        ("text", {"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "temperature": 33, "model": "test"}),
        (
            "multipart",
            {
                "data": {
                    "deviceName": "Sensor T1",
                    "deviceType": "Temperature Sensor",
                    "temperature": 33,
                    "model": "test",
                }
            },
        ),
        (
            "urlencoded",
            {"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "temperature": "33", "model": "test"},
        ),
    ],
)
def test_payload_the_decoder_receives_per_content_type(kit, http_send, examples, example, payload):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())
    body, content_type = examples[example]

    assert http_send(hi.url, body, content_type).status == 204

    received = _echoed(kit)
    assert json.loads(received["payload"]) == payload
    meta = json.loads(received["meta"])
    assert meta["integrationName"] == "HTTP"
    assert meta["Header:content-type"] == content_type


def test_json_body_is_reserialised_compactly(kit, http_send):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())

    assert http_send(hi.url, b'{ "a" : 1,\n  "b" : [ 1, 2 ] }', "application/json").status == 204

    assert _echoed(kit)["payload"] == '{"a":1,"b":[1,2]}'


def test_multipart_drops_plain_form_fields(kit, http_send, multipart_body):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())
    body, content_type = multipart_body("data", "d.json", b'{"x":1}', text_fields={"plain": "dropped"})

    assert http_send(hi.url, body, content_type).status == 204

    assert json.loads(_echoed(kit)["payload"]) == {"data": {"x": 1}}


def test_multipart_field_with_several_files_is_an_array(kit, http_send):
    boundary = "b0undary"
    body = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="{i}.json"\r\n\r\n'.encode()
            + content
            + b"\r\n"
            for i, content in enumerate([b'{"n":1}', b"\x00\x01 not json"])
        )
        + f"--{boundary}--\r\n".encode()
    )
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())

    assert http_send(hi.url, body, f"multipart/form-data; boundary={boundary}").status == 204

    # a file that is not JSON arrives base64-encoded
    assert json.loads(_echoed(kit)["payload"]) == {"data": [{"n": 1}, "AAEgbm90IGpzb24="]}


def test_urlencoded_merges_query_parameters_first_value_wins(kit, http_send):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())

    resp = http_send(
        hi.url + "?site=A&deviceName=FromQuery", b"deviceName=FromBody&t=1&t=2", "application/x-www-form-urlencoded"
    )

    assert resp.status == 204
    assert json.loads(_echoed(kit)["payload"]) == {"site": "A", "deviceName": "FromQuery", "t": "1"}


def test_no_content_type_passes_raw_bytes(kit, http_send):
    decoder = (
        "return {deviceName: 'E', deviceType: 'echo', "
        "attributes: {bytes: JSON.stringify(payload), meta: JSON.stringify(metadata)}};"
    )
    hi = kit.add_http_integration("HTTP", uplink=decoder)

    assert http_send(hi.url, b"\x01\xff{", None).status == 204

    assert json.loads(_echoed(kit)["bytes"]) == [1, 255, 123]


# -- suffix, headers as metadata, GET, PUT (spec §1, §2) -------------------------------------------
def test_repeated_header_keeps_its_first_value(kit, http_send, seed_body):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())

    resp = http_send(hi.url, seed_body, headers=[("X-Dup", "first"), ("x-dup", "second")])

    assert resp.status == 204
    assert json.loads(_echoed(kit)["meta"])["Header:x-dup"] == "first"


def test_suffix_and_headers_reach_the_decoder_as_metadata(kit, http_send, seed_body):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder(), metadata={"site": "A"})

    resp = http_send(hi.url + "/mysuffix", seed_body, "application/json", headers={"X-Custom-Thing": "Yes"})

    assert (resp.status, resp.body) == (204, b"")
    meta = json.loads(_echoed(kit)["meta"])
    assert meta["Header:suffix"] == "mysuffix"
    assert meta["Header:x-custom-thing"] == "Yes"
    assert meta["integrationName"] == "HTTP"
    assert meta["site"] == "A"
    assert meta["Header:content-type"] == "application/json"
    assert "Header:host" in meta
    # every header arrives under its lower-case name
    assert [k for k in meta if k.startswith("Header:") and k != k[:7] + k[7:].lower()] == []


def test_get_without_query_answers_200_and_stores_nothing(kit, http_send, seed_decoder, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url, None, None, method="GET")

    assert (resp.status, resp.body) == (200, b"")
    assert frames.devices(kit) == []
    assert frames.telemetry(kit) == []
    assert frames.attributes(kit) == []


def test_get_with_query_is_an_uplink_of_strings(kit, http_send, frames):
    hi = kit.add_http_integration("HTTP", uplink=_echo_decoder())

    resp = http_send(hi.url + "?deviceName=Sensor%20T1&temperature=5", None, None, method="GET")

    assert (resp.status, resp.body) == (204, b"")
    assert json.loads(_echoed(kit)["payload"]) == {"deviceName": "Sensor T1", "temperature": "5"}


def test_get_with_query_runs_the_seed_decoder(kit, http_send, seed_decoder, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url + "?deviceName=Sensor%20T1&temperature=5", None, None, method="GET")

    assert (resp.status, resp.body) == (204, b"")
    assert frames.telemetry(kit) == [{"entity": "Sensor T1", "key": "temperature", "value": 5}]


def test_put_works_like_post(kit, http_send, seed_decoder, seed_body, frames):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder)

    resp = http_send(hi.url, seed_body, "application/json", method="PUT")
    resp_suffix = http_send(hi.url + "/mysuffix", seed_body, "application/json", method="PUT")

    resp_other = http_send(hi.url, seed(temperature=34), "application/json", method="PUT")

    assert (resp.status, resp.body) == (204, b"")
    assert (resp_suffix.status, resp_suffix.body) == (204, b"")
    assert (resp_other.status, resp_other.body) == (204, b"")
    assert frames.devices(kit) == SEED_ROWS_DEVICES
    assert frames.attributes(kit) == SEED_ROWS_ATTRIBUTES
    assert distinct_rows(kit) == [
        {"entity": "Sensor T1", "key": "temperature", "value": 33},
        {"entity": "Sensor T1", "key": "temperature", "value": 34},
    ]


# -- downlink (spec §7) ---------------------------------------------------------------------------
def test_pending_downlink_comes_back_once_in_the_next_response(
    kit, http_send, seed_decoder, seed_encoder, seed_body, frames
):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, downlink=seed_encoder)
    assert http_send(hi.url, seed_body).status == 204  # creates the device

    kit.save_attributes("Sensor T1", {"firmware": "01052020.v1.2"})
    first = http_send(hi.url, seed_body)
    second = http_send(hi.url, seed_body)

    assert (first.status, first.body) == (200, b'{"firmware":"01052020.v1.2"}')
    assert first.header("Content-Type") == "application/json"
    assert first.header("X-Test") == "1"
    assert (second.status, second.body) == (204, b"")
    assert second.header("X-Test") is None
    assert distinct_rows(kit) == SEED_ROWS_TELEMETRY
    assert kit.downlinks()[["device", "msg_type", "msg", "status"]].to_dict("records") == [
        {
            "device": "Sensor T1",
            "msg_type": "ATTRIBUTES_UPDATED",
            "msg": {"firmware": "01052020.v1.2"},
            "status": "DELIVERED",
        }
    ]


def test_downlink_encoder_sees_integration_metadata_with_lowercase_header_prefix(
    kit, http_send, seed_decoder, seed_body
):
    encoder = "return {contentType: 'TEXT', data: JSON.stringify([msgType, metadata.scope, integrationMetadata])};"
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, downlink=encoder, metadata={"site": "A"})
    assert http_send(hi.url, seed_body).status == 204
    kit.save_attributes("Sensor T1", {"firmware": "v2"})

    resp = http_send(hi.url, seed_body, headers={"X-Probe": "p"})

    assert resp.status == 200
    assert resp.header("Content-Type") == "text/plain"
    msg_type, scope, integration_meta = json.loads(resp.body)
    assert (msg_type, scope) == ("ATTRIBUTES_UPDATED", "SHARED_SCOPE")
    assert integration_meta["integrationName"] == "HTTP"
    assert integration_meta["site"] == "A"
    assert integration_meta["header:x-probe"] == "p"
    assert "Header:x-probe" not in integration_meta


@pytest.mark.parametrize(
    ("encoder", "status", "body", "content_type", "extra", "downlink_status"),
    [
        (
            'return {contentType: "TEXT", data: "hello", metadata: {"Header:Content-Type": "application/vnd.x", '
            '"Header:X-A": "b"}};',
            200,
            b"hello",
            "application/vnd.x",
            {"X-A": "b"},
            "DELIVERED",
        ),
        (
            'return {contentType: "BINARY", data: btoa("\\u0001\\u00ff")};',
            200,
            b"\x01\xff",
            "application/octet-stream",
            {},
            "DELIVERED",
        ),
        ('return {contentType: "JSON", data: {a: 1}};', 204, b"", None, {}, "DISCARDED"),
        (
            'return [{contentType: "TEXT", data: "a"}, {contentType: "TEXT", data: "b"}];',
            204,
            b"",
            None,
            {},
            "DISCARDED",
        ),
        ('return {contentType: "XML", data: "a"};', 204, b"", None, {}, "FAILED"),
    ],
    ids=["content-type-override", "binary", "object-data", "two-items", "unknown-type"],
)
def test_downlink_response_shapes(
    kit, http_send, seed_decoder, seed_body, encoder, status, body, content_type, extra, downlink_status
):
    hi = kit.add_http_integration("HTTP", uplink=seed_decoder, downlink=encoder)
    assert http_send(hi.url, seed_body).status == 204
    kit.save_attributes("Sensor T1", {"firmware": "v2"})

    resp = http_send(hi.url, seed_body)
    after = http_send(hi.url, seed_body)

    assert (resp.status, resp.body) == (status, body)
    if content_type is not None:
        assert resp.header("Content-Type") == content_type
    for name, value in extra.items():
        assert resp.header(name) == value
    assert (after.status, after.body) == (204, b"")  # taken whatever the result
    assert list(kit.downlinks()["status"]) == [downlink_status]


# -- a runaway decoder does not stall other integrations ----------------------------------------------
def test_runaway_decoder_times_out_while_other_integration_keeps_serving(
    kit, http_send, make_converter, seed_decoder, seed_body, frames
):
    runaway = kit.add_http_integration("Runaway", uplink=make_converter("while(true){}", timeout=0.5))
    healthy = kit.add_http_integration("HTTP", uplink=make_converter(seed_decoder))

    runaway_result: dict[str, Any] = {}
    started = threading.Event()

    def hit_runaway() -> None:
        started.set()
        runaway_result["resp"] = http_send(runaway.url, seed_body)

    runaway_thread = threading.Thread(target=hit_runaway)
    runaway_thread.start()
    started.wait(5)

    statuses: list[int] = []
    lock = threading.Lock()

    def hit_healthy(i: int) -> None:
        resp = http_send(healthy.url, seed(f"Sensor {i}", 20 + i))
        with lock:
            statuses.append(resp.status)

    workers = [threading.Thread(target=hit_healthy, args=(i,)) for i in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    runaway_thread.join(30)

    assert statuses == [204] * 6
    resp = runaway_result["resp"]
    assert resp.status == 400
    body = resp.json()
    assert body["status"] == 400
    assert "time limit" in body["message"]
    assert "0.5 s" in body["message"]
    rows = sorted(frames.telemetry(kit), key=lambda r: r["entity"])
    assert rows == [{"entity": f"Sensor {i}", "key": "temperature", "value": 20 + i} for i in range(6)]
    assert sorted(kit.devices()["name"]) == [f"Sensor {i}" for i in range(6)]  # the runaway stored nothing


# -- persistence and restart ----------------------------------------------------------------------------
def test_integrations_persist_across_kits_on_one_store(start_kit, tmp_path, http_send, seed_decoder, seed_body, frames):
    db = str(tmp_path / "t.db")
    first = start_kit(db)
    hi = first.add_http_integration(
        "HTTP", uplink=seed_decoder, routing_key="my-routing-key", security_headers={"X-Api-Key": "secret"}
    )
    assert http_send(hi.url, seed_body, headers={"X-Api-Key": "secret"}).status == 204
    first.stop()

    second = start_kit(db)

    assert sorted(second.integrations) == ["HTTP"]
    restored = second.integrations["HTTP"]
    assert restored.routing_key == "my-routing-key"
    assert restored.url == f"{second.base_url}/api/v1/integrations/http/my-routing-key"
    assert http_send(restored.url, seed_body).status == 403  # the security headers came back too
    assert http_send(restored.url, seed(temperature=34), headers={"X-Api-Key": "secret"}).status == 204
    assert frames.devices(second) == SEED_ROWS_DEVICES
    assert frames.telemetry(second) == [
        {"entity": "Sensor T1", "key": "temperature", "value": 33},
        {"entity": "Sensor T1", "key": "temperature", "value": 34},
    ]


def _refused(base_url: str) -> bool:
    parts = urllib.parse.urlsplit(base_url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=5):
            return False
    except ConnectionRefusedError:
        return True


def test_starting_twice_gives_a_fresh_kit_and_closes_the_first_port(
    start_kit, tmp_path, http_send, seed_decoder, seed_body
):
    first = start_kit(str(tmp_path / "a.db"))
    first_url = first.base_url
    assert http_send(first.add_http_integration("HTTP", uplink=seed_decoder).url, seed_body).status == 204

    second = start_kit(str(tmp_path / "b.db"))

    assert second is not first
    assert second.base_url != first_url
    assert _refused(first_url)
    hi = second.add_http_integration("HTTP", uplink=seed_decoder)
    assert http_send(hi.url, seed_body).status == 204


# -- export (spec §5) -------------------------------------------------------------------------------------
def test_export_gives_thingsboard_json(kit, make_converter, seed_decoder, seed_encoder):
    uplink = make_converter(seed_decoder, name="Seed decoder")
    downlink = make_converter(seed_encoder, "downlink", name="Seed encoder")
    hi = kit.add_http_integration(
        "HTTP",
        uplink=uplink,
        downlink=downlink,
        routing_key="rk-1",
        security_headers={"X-Api-Key": "secret"},
        replace_no_content_to_ok=True,
        allow_create=False,
        metadata={"site": "A"},
    )

    doc = kit.export("HTTP")

    assert sorted(doc) == ["downlinkConverter", "integration", "uplinkConverter"]
    integration = doc["integration"]
    assert {
        k: integration[k]
        for k in ("name", "type", "enabled", "remote", "allowCreateDevicesOrAssets", "routingKey", "secret")
    } == {
        "name": "HTTP",
        "type": "HTTP",
        "enabled": True,
        "remote": False,
        "allowCreateDevicesOrAssets": False,
        "routingKey": "rk-1",
        "secret": None,
    }
    assert integration["defaultConverterId"]["entityType"] == "CONVERTER"
    assert integration["downlinkConverterId"]["entityType"] == "CONVERTER"
    assert integration["configuration"] == {
        "baseUrl": kit.base_url,
        "httpEndpoint": hi.url,
        "enableSecurity": True,
        "headersFilter": {"X-Api-Key": "secret"},
        "replaceNoContentToOk": True,
        "metadata": {"site": "A"},
    }
    assert hi.url == f"{kit.base_url}/api/v1/integrations/http/rk-1"

    up = doc["uplinkConverter"]
    assert {k: up[k] for k in ("name", "type", "integrationType", "converterVersion")} == {
        "name": "Seed decoder",
        "type": "UPLINK",
        "integrationType": "HTTP",
        "converterVersion": 1,
    }
    assert up["configuration"]["scriptLang"] == "JS"
    assert up["configuration"]["decoder"] == seed_decoder
    assert set(up["debugSettings"]) == {"failuresEnabled", "allEnabled", "allEnabledUntil"}

    down = doc["downlinkConverter"]
    assert {k: down[k] for k in ("name", "type", "integrationType", "converterVersion")} == {
        "name": "Seed encoder",
        "type": "DOWNLINK",
        "integrationType": "HTTP",
        "converterVersion": 1,
    }
    assert down["configuration"]["scriptLang"] == "JS"
    assert down["configuration"]["encoder"] == seed_encoder
    json.dumps(doc)  # plain JSON all the way down


def test_export_without_downlink(kit, seed_decoder):
    kit.add_http_integration("HTTP", uplink=seed_decoder)

    doc = kit.export("HTTP")

    assert doc["downlinkConverter"] is None
    assert doc["integration"]["downlinkConverterId"] is None
    assert doc["integration"]["configuration"]["enableSecurity"] is False
    assert doc["integration"]["configuration"]["headersFilter"] == {}


@pytest.mark.error_logs(r"the endpoint failed on POST")
def test_a_lookup_that_raises_answers_500_and_the_server_goes_on(http_send):
    from tbkit.http import make_app, start_server

    def lookup(key: str) -> None:
        if key == "broken":
            raise KeyError("not ready")
        return None

    server = start_server(make_app(lookup), in_thread=True)
    try:
        url = f"http://127.0.0.1:{server.port}/api/v1/integrations/http/"
        broken = http_send(url + "broken", b"{}", timeout=10)
        unknown = http_send(url + "other", b"{}", timeout=10)
    finally:
        server.stop()
    assert (broken.status, broken.json()) == (500, {"status": 500, "message": "KeyError: 'not ready'"})
    missing = {"status": 404, "message": "no integration with routing key 'other'"}
    assert (unknown.status, unknown.json()) == (404, missing)
