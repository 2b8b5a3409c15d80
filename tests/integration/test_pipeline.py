"""Integration.process / handle: spec §1–§3, §6, §7 and §8, end to end against the store."""

from __future__ import annotations

import asyncio
import json

import pytest

from tbkit.converters import DebugSettings, tbel
from tbkit.integration import Integration, Outcome, OutcomeKind
from tbkit.integration.downlink import DownlinkStep
from tbkit.models import Request
from tbkit.store.downlinks import enqueue_downlink
from tbkit.store.values import LONG, STRING
from tests.seeds import SEED_BODY

NAME = "HTTP integration"
SEED_OUT = {
    "deviceName": "Sensor T1",
    "deviceType": "Temperature Sensor",
    "attributes": {"model": "test"},
    "telemetry": {"temperature": 33},
}
SEED_ENTITY = [("DEVICE", "Sensor T1", "Temperature Sensor", None, None, None, NAME)]
SEED_ATTRIBUTES = [("Sensor T1", "CLIENT_SCOPE", "model", STRING, "test")]
SEED_TELEMETRY = [("Sensor T1", "temperature", LONG, 33)]
JSON_HEADERS = (("Content-Type", "application/json"),)


# -- helpers ------------------------------------------------------------------------------------
def entities(store):
    return store.read(
        "SELECT entity_type, name, type, label, customer, group_name, integration FROM entities ORDER BY id"
    )


def attributes(store):
    return store.read(
        "SELECT e.name, a.scope, a.key, a.kind, a.value FROM attributes a JOIN entities e ON e.id = a.entity_id"
        " ORDER BY e.name, a.key"
    )


def telemetry(store, with_ts=False):
    ts = ", t.ts" if with_ts else ""
    return store.read(
        f"SELECT e.name, k.key, t.kind, t.value{ts} FROM telemetry t JOIN entities e ON e.id = t.entity_id"
        " JOIN keys k ON k.id = t.key_id ORDER BY e.name, k.key, t.ts"
    )


def events(store):
    rows = store.read("SELECT event_type, source, name, integration, status, body FROM events ORDER BY id")
    return [(*row[:5], json.loads(row[5])) for row in rows]


def stats(store):
    return store.read("SELECT integration, processed, errors FROM stats ORDER BY integration")


def downlinks(store):
    return store.read("SELECT id, status, response FROM downlinks ORDER BY id")


def device_id(store, name):
    return store.read("SELECT id FROM entities WHERE entity_type = 'DEVICE' AND name = ?", (name,))[0][0]


def post(body=SEED_BODY, content_type="application/json", headers=None, **kw):
    if headers is None:
        headers = (("Content-Type", content_type),) if content_type else ()
    return Request(body, content_type, headers=tuple(headers), **kw)


def processed(names=("Sensor T1",), **kw):
    return Outcome(OutcomeKind.PROCESSED, entities=list(names), **kw)


@pytest.fixture
def make_integration(store, make_converter, seed_decoder):
    def factory(decoder=None, encoder=None, **options):
        uplink = make_converter(decoder or seed_decoder)
        downlink = make_converter(encoder, kind="downlink") if encoder else None
        return Integration(store, NAME, uplink, downlink, **options)

    return factory


def assert_seed_stored(store):
    assert entities(store) == SEED_ENTITY
    assert attributes(store) == SEED_ATTRIBUTES
    assert telemetry(store) == SEED_TELEMETRY


# -- the seed through every content type ---------------------------------------------------------
def test_seed_json(store, make_integration):
    hi = make_integration()
    assert hi.process(post()) == processed()
    assert_seed_stored(store)


def test_seed_text_plain(store, make_integration):
    hi = make_integration()
    assert hi.process(post(SEED_BODY, "text/plain")) == processed()
    assert_seed_stored(store)


def test_seed_octet_stream(store, make_integration):
    hi = make_integration()
    assert hi.process(post(SEED_BODY, "application/octet-stream")) == processed()
    assert_seed_stored(store)


def test_seed_multipart_file_part(store, make_integration):
    decoder = (
        "var data = decodeToJson(payload).doc;\n"
        "return {deviceName: data.deviceName, deviceType: data.deviceType, "
        "attributes: {model: data.model}, telemetry: {temperature: data.temperature}};"
    )
    hi = make_integration(decoder)
    body = (
        b'--BOUND\r\nContent-Disposition: form-data; name="note"\r\n\r\nignored\r\n'
        b'--BOUND\r\nContent-Disposition: form-data; name="doc"; filename="seed.json"\r\n'
        b"Content-Type: application/json\r\n\r\n" + SEED_BODY + b"\r\n--BOUND--\r\n"
    )
    assert hi.process(post(body, "multipart/form-data; boundary=BOUND")) == processed()
    assert_seed_stored(store)


def test_seed_urlencoded_casts_numbers(store, make_integration):
    hi = make_integration()
    body = b"deviceName=Sensor+T1&deviceType=Temperature+Sensor&temperature=33&model=test"
    assert hi.process(post(body, "application/x-www-form-urlencoded")) == processed()
    assert_seed_stored(store)


def test_get_with_query_goes_through_uplink_and_without_is_ping(store, make_integration):
    hi = make_integration()
    assert hi.process(Request(b"", None, method="GET")) == Outcome(OutcomeKind.PING)
    assert entities(store) == []
    query = (
        ("deviceName", "Sensor T1"),
        ("deviceType", "Temperature Sensor"),
        ("temperature", "33"),
        ("model", "test"),
    )
    assert hi.process(Request(b"", None, method="GET", query=query)) == processed()
    assert_seed_stored(store)


def test_handle_async_gives_same_result(store, make_integration):
    hi = make_integration()
    assert asyncio.run(hi.handle(post())) == processed()
    assert_seed_stored(store)


def test_handle_async_many_concurrent(store, make_integration):
    hi = make_integration()
    bodies = [
        json.dumps({"deviceName": f"S{i}", "deviceType": "T", "temperature": i, "model": "m"}).encode()
        for i in range(12)
    ]

    async def main():
        return await asyncio.gather(*(hi.handle(post(b)) for b in bodies))

    outcomes = asyncio.run(main())
    assert outcomes == [processed([f"S{i}"]) for i in range(12)]
    assert sorted(telemetry(store)) == sorted((f"S{i}", "temperature", LONG, i) for i in range(12))
    assert stats(store) == [(NAME, 12, 0)]


# -- outcomes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("decoder", ["return null;", "return [];", "return 42;"])
def test_no_entities(store, make_integration, decoder):
    hi = make_integration(decoder)
    assert hi.process(post()) == Outcome(OutcomeKind.NO_ENTITIES)
    assert entities(store) == []
    assert stats(store) == [(NAME, 1, 0)]


def test_replace_no_content_to_ok_is_carried(make_integration):
    hi = make_integration(replace_no_content_to_ok=True)
    assert hi.process(post()) == processed(replace_no_content_to_ok=True)


def test_security_headers(store, make_integration):
    hi = make_integration(security_headers={"X-Api-Key": "s3cret", "X-Site": "A"})
    good = (("Content-Type", "application/json"), ("x-api-key", "s3cret"), ("X-SITE", "A"))
    missing = (("Content-Type", "application/json"), ("X-Api-Key", "s3cret"))
    wrong = (("Content-Type", "application/json"), ("X-Api-Key", "S3CRET"), ("X-Site", "A"))
    for headers in (missing, wrong, ()):
        outcome = hi.process(post(headers=headers))
        assert outcome.result is OutcomeKind.FORBIDDEN
        assert not outcome.accepted
    assert entities(store) == []
    assert hi.process(post(headers=good)) == processed()
    assert_seed_stored(store)
    assert stats(store) == [(NAME, 1, 3)]


def test_forbidden_records_integration_event_only(store, make_integration):
    hi = make_integration(security_headers={"X-Api-Key": "s3cret"})
    hi.process(post())
    (row,) = events(store)
    assert row[:5] == ("DEBUG_INTEGRATION", "INTEGRATION", NAME, NAME, "FORBIDDEN")
    body = row[5]
    assert body.pop("error")
    assert body == {"type": "Uplink", "messageType": "JSON", "message": SEED_BODY.decode(), "status": "FORBIDDEN"}


def test_converter_error_is_bad_request_with_events(store, make_integration):
    hi = make_integration('var d = decodeToJson(payload);\nthrow new Error("boom");')
    outcome = hi.process(post())
    assert outcome.result is OutcomeKind.BAD_REQUEST
    error = "HTTP Uplink Converter:2:7: Error: boom"
    assert outcome.message == error
    assert entities(store) == [] and telemetry(store) == [] and attributes(store) == []
    (conv, integ) = events(store)
    assert conv[:5] == ("DEBUG_CONVERTER", "CONVERTER", "HTTP Uplink Converter", NAME, "ERROR")
    metadata = json.loads(conv[5].pop("metadata"))
    assert metadata == {"integrationName": NAME, "Header:content-type": "application/json"}
    assert conv[5] == {"type": "Uplink", "inMessageType": "JSON", "in": SEED_BODY.decode(), "error": error}
    assert integ[:5] == ("DEBUG_INTEGRATION", "INTEGRATION", NAME, NAME, "ERROR")
    assert integ[5] == {
        "type": "Uplink",
        "messageType": "JSON",
        "message": SEED_BODY.decode(),
        "status": "ERROR",
        "error": error,
    }
    assert stats(store) == [(NAME, 0, 1)]


def test_missing_identity_is_bad_request(store, make_integration):
    hi = make_integration("return {telemetry: {t: 1}};")
    outcome = hi.process(post())
    assert outcome.result is OutcomeKind.BAD_REQUEST
    assert "deviceName" in outcome.message
    assert entities(store) == []
    assert [e[4] for e in events(store)] == ["ERROR", "ERROR"]


def test_device_name_null_is_server_error(store, make_integration):
    hi = make_integration("return {deviceName: null, telemetry: {t: 1}};")
    assert hi.process(post()).result is OutcomeKind.SERVER_ERROR
    assert entities(store) == [] and telemetry(store) == []
    assert stats(store) == [(NAME, 0, 1)]


def test_invalid_json_body_is_bad_request(store, make_integration):
    hi = make_integration()
    assert hi.process(post(b'{"deviceName": ')).result is OutcomeKind.BAD_REQUEST
    assert entities(store) == []
    assert [(e[0], e[4]) for e in events(store)] == [("DEBUG_INTEGRATION", "ERROR")]
    assert stats(store) == [(NAME, 0, 1)]


@pytest.mark.parametrize("content_type", ["text/csv", "application/xml"])
def test_unsupported_media(store, make_integration, content_type):
    hi = make_integration()
    assert hi.process(post(b"a,b", content_type)).result is OutcomeKind.UNSUPPORTED_MEDIA
    assert entities(store) == []


def test_too_large(store, make_integration):
    hi = make_integration(max_body=len(SEED_BODY) - 1)
    assert hi.process(post()).result is OutcomeKind.TOO_LARGE
    assert entities(store) == []
    ok = make_integration(max_body=len(SEED_BODY))
    assert ok.process(post()) == processed()


def test_disabled_is_not_found(store, make_integration):
    hi = make_integration(enabled=False)
    assert hi.process(post()).result is OutcomeKind.NOT_FOUND
    assert entities(store) == [] and events(store) == []


def test_creation_forbidden_but_existing_device_accepted(store, make_integration):
    closed = make_integration(allow_create=False)
    outcome = closed.process(post())
    assert outcome.result is OutcomeKind.SERVER_ERROR
    assert "forbidden" in outcome.message
    assert entities(store) == [] and telemetry(store) == [] and attributes(store) == []
    assert events(store)[-1][:5] == ("DEBUG_INTEGRATION", "INTEGRATION", NAME, NAME, "ERROR")
    assert make_integration().process(post()) == processed()
    assert closed.process(post()) == processed()
    assert entities(store) == SEED_ENTITY


def test_label_customer_group_only_at_creation(store, make_integration):
    decoder = (
        "var d = decodeToJson(payload);\n"
        "return {deviceName: d.n, deviceType: d.t, deviceLabel: d.l, customerName: d.c, groupName: d.g,"
        " telemetry: {ts: d.ts, values: {v: d.v}}};"
    )
    hi = make_integration(decoder)
    first = {"n": "D1", "t": "Thermo", "l": "Lab", "c": "ACME", "g": "Floor 1", "ts": 1000, "v": 1}
    second = {"n": "D1", "t": "Other", "l": "Changed", "c": "Else", "g": "Floor 2", "ts": 2000, "v": 2}
    assert hi.process(post(json.dumps(first).encode())) == processed(["D1"])
    assert hi.process(post(json.dumps(second).encode())) == processed(["D1"])
    assert entities(store) == [("DEVICE", "D1", "Thermo", "Lab", "ACME", "Floor 1", NAME)]
    assert telemetry(store, with_ts=True) == [("D1", "v", LONG, 1, 1000), ("D1", "v", LONG, 2, 2000)]


def test_assets_created_with_their_type(store, make_integration):
    hi = make_integration(
        "return [{assetName: 'Building A', assetType: 'building', attributes: {floors: '3'}},"
        " {deviceName: 'D', telemetry: {x: 1.5}}];"
    )
    assert hi.process(post()) == processed(["Building A", "D"])
    assert entities(store) == [
        ("ASSET", "Building A", "building", None, None, None, NAME),
        ("DEVICE", "D", "default", None, None, None, NAME),
    ]
    assert attributes(store) == [("Building A", "CLIENT_SCOPE", "floors", LONG, 3)]


def test_stats_count_processed_and_errors(store, make_integration):
    hi = make_integration()
    hi.process(post())
    hi.process(post())
    hi.process(post(b"not json"))
    hi.process(post(b"x", "text/csv"))
    assert stats(store) == [(NAME, 2, 2)]


def test_debug_events_of_accepted_uplink(store, make_integration):
    hi = make_integration()
    hi.process(post(headers=(("Content-Type", "application/json"), ("User-Agent", "curl/8")), suffix="s1"))
    (conv, integ) = events(store)
    assert conv[:5] == ("DEBUG_CONVERTER", "CONVERTER", "HTTP Uplink Converter", NAME, "OK")
    metadata_text = conv[5].pop("metadata")
    metadata = json.loads(metadata_text)
    assert metadata == {
        "integrationName": NAME,
        "Header:content-type": "application/json",
        "Header:user-agent": "curl/8",
        "Header:suffix": "s1",
    }
    assert list(metadata) == sorted(metadata)
    out = conv[5].pop("out")
    assert json.loads(out) == SEED_OUT
    assert conv[5] == {
        "type": "Uplink",
        "inMessageType": "JSON",
        "in": SEED_BODY.decode(),
        "outMessageType": "JSON",
        "error": "",
    }
    assert integ[:5] == ("DEBUG_INTEGRATION", "INTEGRATION", NAME, NAME, "OK")
    assert integ[5] == {
        "type": "Uplink",
        "messageType": "JSON",
        "message": SEED_BODY.decode(),
        "status": "OK",
        "error": "",
    }


def test_debug_events_binary_body_is_base64(store, make_integration):
    hi = make_integration("return {deviceName: 'B', telemetry: {n: payload.length}};")
    hi.process(post(b"\x00\xff\x01", "application/octet-stream"))
    (conv, integ) = events(store)
    assert (conv[5]["inMessageType"], conv[5]["in"]) == ("BINARY", "AP8B")
    assert (integ[5]["messageType"], integ[5]["message"]) == ("BINARY", "AP8B")
    assert telemetry(store) == [("B", "n", LONG, 3)]


def test_failures_only_debug_keeps_no_success_events(store, make_converter, seed_decoder):
    uplink = make_converter(seed_decoder, debug=DebugSettings(failures_enabled=True, all_enabled=False))
    hi = Integration(store, NAME, uplink, debug=DebugSettings(failures_enabled=True, all_enabled=False))
    hi.process(post())
    assert events(store) == []
    hi.process(post(b"bad json"))
    assert [(e[0], e[4]) for e in events(store)] == [("DEBUG_INTEGRATION", "ERROR")]


def test_configured_metadata_and_headers_reach_decoder(store, make_integration):
    hi = make_integration(
        "return {deviceName: 'M', attributes: metadata};", metadata={"site": "A", "floor": 85, "active": True}
    )
    hi.process(
        post(headers=(("Content-Type", "application/json"), ("X-Trace", "t1"), ("x-trace", "t2")), suffix="room")
    )
    assert attributes(store) == [
        ("M", "CLIENT_SCOPE", "Header:content-type", STRING, "application/json"),
        ("M", "CLIENT_SCOPE", "Header:suffix", STRING, "room"),
        ("M", "CLIENT_SCOPE", "Header:x-trace", STRING, "t1"),
        ("M", "CLIENT_SCOPE", "active", STRING, "true"),
        ("M", "CLIENT_SCOPE", "floor", LONG, 85),
        ("M", "CLIENT_SCOPE", "integrationName", STRING, NAME),
        ("M", "CLIENT_SCOPE", "site", STRING, "A"),
    ]


def test_tbel_errors_are_server_errors(store, make_converter):
    assert callable(tbel.compile_tbel)  # a broken TBEL import fails here, never skips
    failing = Integration(store, NAME, make_converter('raiseError("bad payload");', lang="TBEL"))
    assert failing.process(post()).result is OutcomeKind.SERVER_ERROR
    missing = Integration(store, NAME, make_converter("return {telemetry: {t: 1}};", lang="TBEL"))
    assert missing.process(post()).result is OutcomeKind.BAD_REQUEST  # a JSON parse error stays 400
    assert entities(store) == []


def test_handle_async_refused_matches_process(store, make_integration):
    hi = make_integration("throw new Error('boom');")
    sync = hi.process(post())
    assert asyncio.run(hi.handle(post())) == sync
    assert sync.result is OutcomeKind.BAD_REQUEST
    assert stats(store) == [(NAME, 0, 2)]


# -- downlinks -------------------------------------------------------------------------------------
ENCODER = (
    "return {contentType: 'JSON',\n"
    " data: JSON.stringify({cmd: msg, dev: metadata.deviceName, via: integrationMetadata.integrationName,\n"
    "   ua: integrationMetadata['header:user-agent']}),\n"
    " metadata: {'Header:X-Cmd': msgType, other: 'not a header'}};"
)
UA_HEADERS = (("Content-Type", "application/json"), ("User-Agent", "dev/1"))


def enqueue(store, name, msg, queue_all=False, msg_type="ATTRIBUTES_UPDATED"):
    ident = device_id(store, name)
    return store.call(
        lambda conn, changes: enqueue_downlink(
            conn, NAME, ident, msg_type, msg, {"deviceName": name}, queue_all=queue_all
        )
    )


def test_latest_only_then_delivered_on_next_uplink(store, make_integration):
    hi = make_integration(encoder=ENCODER)
    assert hi.process(post(headers=UA_HEADERS)) == processed()
    first = enqueue(store, "Sensor T1", {"powerState": "off"})
    second = enqueue(store, "Sensor T1", {"powerState": "on"})
    assert downlinks(store) == [(first, "REPLACED", None), (second, "PENDING", None)]
    body = b'{"cmd":{"powerState":"on"},"dev":"Sensor T1","via":"HTTP integration","ua":"dev/1"}'
    outcome = hi.process(post(headers=UA_HEADERS))
    assert outcome == Outcome(
        OutcomeKind.DOWNLINK,
        body=body,
        content_type="application/json",
        headers={"X-Cmd": "ATTRIBUTES_UPDATED"},
        entities=["Sensor T1"],
    )
    assert downlinks(store) == [(first, "REPLACED", None), (second, "DELIVERED", body.decode())]
    assert set(telemetry(store)) == set(SEED_TELEMETRY)  # the uplink itself was stored
    assert hi.process(post(headers=UA_HEADERS)) == processed()


def test_downlink_debug_events(store, make_integration):
    hi = make_integration(encoder=ENCODER)
    hi.process(post(headers=UA_HEADERS))
    enqueue(store, "Sensor T1", {"powerState": "on"})
    before = len(events(store))
    outcome = hi.process(post(headers=UA_HEADERS))
    new = events(store)[before:]
    downlink_events = [e for e in new if e[2] == "HTTP Downlink Converter"]
    assert len(downlink_events) == 1
    conv = downlink_events[0]
    assert conv[:5] == ("DEBUG_CONVERTER", "CONVERTER", "HTTP Downlink Converter", NAME, "OK")
    body = conv[5]
    assert json.loads(body.pop("in")) == [
        {"msg": {"powerState": "on"}, "metadata": {"deviceName": "Sensor T1"}, "msgType": "ATTRIBUTES_UPDATED"}
    ]
    assert json.loads(body.pop("out")) == [
        {
            "contentType": "JSON",
            "data": outcome.body.decode(),
            "metadata": {"Header:X-Cmd": "ATTRIBUTES_UPDATED", "other": "not a header"},
        }
    ]
    assert json.loads(body.pop("metadata")) == {
        "integrationName": NAME,
        "header:content-type": "application/json",
        "header:user-agent": "dev/1",
    }
    assert body == {"type": "Downlink", "inMessageType": "JSON", "outMessageType": "JSON", "error": ""}


def test_integration_metadata_for_encoder_is_stringified_like_uplink(store, make_integration):
    hi = make_integration(
        encoder="return {contentType: 'JSON', data: JSON.stringify(integrationMetadata)};",
        metadata={"site": "A", "floor": 85, "active": True},
    )
    hi.process(post())
    enqueue(store, "Sensor T1", {})
    outcome = hi.process(post())
    assert json.loads(outcome.body) == {
        "integrationName": NAME,
        "site": "A",
        "floor": "85",
        "active": "true",
        "header:content-type": "application/json",
    }


def test_uplink_without_pending_logs_empty_downlink_event(store, make_integration):
    # spec §6 quirk: with debug-all on, every uplink through an integration that has a
    # downlink converter logs a Downlink converter event with in=[] and out=[]
    hi = make_integration(encoder="return {contentType: 'TEXT', data: 'x'};")
    hi.process(post())
    downlink_events = [e for e in events(store) if e[2] == "HTTP Downlink Converter"]
    assert len(downlink_events) == 1
    row = downlink_events[0]
    assert row[0] == "DEBUG_CONVERTER"
    assert (row[5]["type"], json.loads(row[5]["in"]), json.loads(row[5]["out"])) == ("Downlink", [], [])


def test_content_type_header_from_encoder_metadata(store, make_integration):
    encoder = (
        "return {contentType: 'TEXT', data: 'on', metadata: {'Header:Content-Type': 'text/x-cmd', 'Header:X-A': 1}};"
    )
    hi = make_integration(encoder=encoder)
    hi.process(post())
    enqueue(store, "Sensor T1", {"p": 1})
    assert hi.process(post()) == Outcome(
        OutcomeKind.DOWNLINK, body=b"on", content_type="text/x-cmd", headers={"X-A": "1"}, entities=["Sensor T1"]
    )


def test_binary_downlink_body(store, make_integration):
    hi = make_integration(encoder="return {contentType: 'BINARY', data: 'AQL/'};")
    hi.process(post())
    enqueue(store, "Sensor T1", {})
    outcome = hi.process(post())
    assert (outcome.result, outcome.body, outcome.content_type) == (
        OutcomeKind.DOWNLINK,
        b"\x01\x02\xff",
        "application/octet-stream",
    )


def test_two_devices_with_pending_gives_no_body_and_discards_both(store, make_integration):
    decoder = "return [{deviceName: 'D1', telemetry: {t: 1}}, {deviceName: 'D2', telemetry: {t: 2}}];"
    hi = make_integration(decoder, encoder=ENCODER)
    assert hi.process(post()) == processed(["D1", "D2"])
    a = enqueue(store, "D1", {"x": 1})
    b = enqueue(store, "D2", {"x": 2})
    assert hi.process(post()) == processed(["D1", "D2"])
    assert [(row[0], row[1]) for row in downlinks(store)] == [(a, "DISCARDED"), (b, "DISCARDED")]


def test_empty_encoder_data_gives_no_body(store, make_integration):
    hi = make_integration(encoder="return {contentType: 'JSON', data: {not: 'text'}};")
    hi.process(post())
    ident = enqueue(store, "Sensor T1", {})
    assert hi.process(post()) == processed()
    assert [(r[0], r[1]) for r in downlinks(store)] == [(ident, "DISCARDED")]


def test_encoder_error_keeps_uplink_and_fails_row(store, make_integration):
    hi = make_integration(encoder="var a = 1;\nthrow new Error('enc');")
    hi.process(post())
    ident = enqueue(store, "Sensor T1", {"p": 1})
    decoder_body = json.dumps({"deviceName": "Sensor T1", "deviceType": "x", "temperature": 40, "model": "m2"})
    assert hi.process(post(decoder_body.encode())) == processed()
    rows = store.read("SELECT id, status, error FROM downlinks")
    assert [(r[0], r[1]) for r in rows] == [(ident, "FAILED")]
    assert "Error: enc" in rows[0][2]
    assert attributes(store) == [("Sensor T1", "CLIENT_SCOPE", "model", STRING, "m2")]
    assert (("Sensor T1", "temperature", LONG, 40)) in telemetry(store)
    failed = [e for e in events(store) if e[2] == "HTTP Downlink Converter"]
    # the first uplink had nothing pending: ThingsBoard's empty Downlink event (spec §6), then the failure
    assert [(e[4], json.loads(e[5]["in"]) == []) for e in failed] == [("OK", True), ("ERROR", False)]


def test_queue_all_delivers_in_order_one_per_uplink(store, make_integration):
    hi = make_integration(encoder="return {contentType: 'TEXT', data: msg.n};")
    hi.downlink_step = DownlinkStep(hi, store, queue_all=True)
    hi.process(post())
    ids = [enqueue(store, "Sensor T1", {"n": n}, queue_all=hi.queue_all_downlinks) for n in ("m1", "m2", "m3")]
    assert [r[1] for r in downlinks(store)] == ["PENDING"] * 3
    bodies = [hi.process(post()).body for _ in range(3)]
    assert bodies == [b"m1", b"m2", b"m3"]
    assert downlinks(store) == [(i, "DELIVERED", b) for i, b in zip(ids, ("m1", "m2", "m3"), strict=True)]
    assert hi.process(post()) == processed()


def test_queue_all_via_integration_option(store, make_converter, seed_decoder):
    hi = Integration(
        store,
        NAME,
        make_converter(seed_decoder),
        make_converter("return {contentType: 'TEXT', data: msg.n};", kind="downlink"),
        queue_all_downlinks=True,
    )
    hi.process(post())
    for n in ("a", "b"):
        enqueue(store, "Sensor T1", {"n": n}, queue_all=hi.queue_all_downlinks)
    assert [hi.process(post()).body for _ in range(3)] == [b"a", b"b", b""]


def test_sending_row_recovers_to_pending(store, make_integration):
    hi = make_integration(encoder="return {contentType: 'TEXT', data: 'again'};")
    hi.process(post())
    ident = enqueue(store, "Sensor T1", {})
    store.call(lambda conn, changes: conn.execute("UPDATE downlinks SET status = 'SENDING' WHERE id = ?", (ident,)))
    assert hi.process(post()) == processed()  # a SENDING row is not pending
    store.recover_downlinks()
    assert downlinks(store) == [(ident, "PENDING", None)]
    assert hi.process(post()).body == b"again"
    assert downlinks(store) == [(ident, "DELIVERED", "again")]


def test_assets_never_get_downlinks(store, make_integration):
    hi = make_integration(
        "return {assetName: 'A', assetType: 'site'};", encoder="return {contentType: 'TEXT', data: 'x'};"
    )
    hi.process(post())
    aid = store.read("SELECT id FROM entities WHERE name = 'A'")[0][0]
    store.call(lambda conn, changes: enqueue_downlink(conn, NAME, aid, "ATTRIBUTES_UPDATED", {}, {}))
    assert hi.process(post()) == processed(["A"])
    assert [r[1] for r in downlinks(store)] == ["PENDING"]


def test_downlink_async_path(store, make_integration):
    hi = make_integration(encoder="return {contentType: 'TEXT', data: 'hello ' + msg.who};")
    hi.process(post())
    enqueue(store, "Sensor T1", {"who": "async"})
    outcome = asyncio.run(hi.handle(post()))
    assert outcome == Outcome(
        OutcomeKind.DOWNLINK, body=b"hello async", content_type="text/plain", entities=["Sensor T1"]
    )
    assert [r[1] for r in downlinks(store)] == ["DELIVERED"]
