"""DownlinkConverter: ThingsBoard encoder semantics (spec §7)."""

from __future__ import annotations

import base64
import json

import pytest

from tbkit.converters.downlink import DownlinkConverter, DownlinkData, normalise_downlink
from tbkit.errors import ConfigError, ConverterError, ConverterOutputError, ConverterRuntimeError

ENCODER = (
    "var out = {contentType: 'JSON', data: JSON.stringify(msg),\n"
    " metadata: {topic: metadata.deviceName + '/' + msgType, n: 5, ok: true}};\n"
    "return out;"
)


def test_encode_json(make_converter):
    enc = make_converter(ENCODER, kind="downlink")
    (data,) = enc.encode({"powerState": "on"}, {"deviceName": "D1"}, "ATTRIBUTES_UPDATED", {})
    assert data == DownlinkData(
        content_type="JSON",
        data='{"powerState":"on"}',
        metadata={"topic": "D1/ATTRIBUTES_UPDATED", "n": "5", "ok": "true"},
    )
    assert (data.body, data.mime_type, data.empty) == (b'{"powerState":"on"}', "application/json", False)


def test_encode_text(make_converter):
    enc = make_converter("return {contentType: 'TEXT', data: 'set ' + msg.v + ' é'};", kind="downlink")
    assert enc.encode({"v": 3}) == [DownlinkData("TEXT", "set 3 é", {})]
    (data,) = enc.encode({"v": 3})
    assert (data.body, data.mime_type) == ("set 3 é".encode(), "text/plain")


def test_encode_binary_body_is_decoded_base64(make_converter):
    enc = make_converter("return {contentType: 'BINARY', data: btoa(String.fromCharCode(1, 2, 255))};", kind="downlink")
    (data,) = enc.encode({})
    assert data == DownlinkData("BINARY", base64.b64encode(b"\x01\x02\xff").decode(), {})
    assert (data.body, data.mime_type) == (b"\x01\x02\xff", "application/octet-stream")


def test_arguments_reach_the_script(make_converter):
    enc = make_converter(
        "return {contentType: 'JSON', data: JSON.stringify([msg, metadata, msgType, integrationMetadata])};",
        kind="downlink",
    )
    (data,) = enc.encode(
        {"a": [1, 2]},
        {"scope": "SHARED_SCOPE", "n": 7},
        "POST_ATTRIBUTES_REQUEST",
        {"integrationName": "hi", "flag": False},
    )
    assert json.loads(data.data) == [
        {"a": [1, 2]},
        {"scope": "SHARED_SCOPE", "n": "7"},
        "POST_ATTRIBUTES_REQUEST",
        {"integrationName": "hi", "flag": "false"},
    ]


def test_object_data_is_empty(make_converter):
    enc = make_converter("return {contentType: 'JSON', data: {a: 1}};", kind="downlink")
    (data,) = enc.encode({})
    assert data == DownlinkData("JSON", "", {})
    assert data.empty


def test_scalar_data_as_text():
    assert normalise_downlink({"contentType": "TEXT", "data": 42}) == [DownlinkData("TEXT", "42", {})]
    assert normalise_downlink({"contentType": "TEXT", "data": True}) == [DownlinkData("TEXT", "true", {})]


def test_array_output_gives_several(make_converter):
    enc = make_converter(
        "return [{contentType: 'TEXT', data: 'a'}, {contentType: 'JSON', data: '{}', metadata: {k: 1}}];",
        kind="downlink",
    )
    assert enc.encode({}) == [DownlinkData("TEXT", "a", {}), DownlinkData("JSON", "{}", {"k": "1"})]


@pytest.mark.parametrize(
    "body",
    [
        "return {data: 'x'};",
        "return {contentType: 'XML', data: 'x'};",
        "return {contentType: 'JSON'};",
        "return {contentType: 'BINARY', data: 'not base64!!'};",
        "return {contentType: 'JSON', data: 'x', metadata: [1]};",
        "return 'text';",
        "return [{contentType: 'TEXT', data: 'ok'}, 5];",
    ],
)
def test_invalid_output_is_output_error(make_converter, body):
    enc = make_converter(body, kind="downlink")
    with pytest.raises(ConverterOutputError):
        enc.encode({})
    run = enc.run({})
    assert isinstance(run.error, ConverterOutputError) and run.encoded is None


def test_missing_content_type_is_output_error_with_name(make_converter):
    enc = make_converter("return {data: 'x'};", kind="downlink", name="My encoder")
    with pytest.raises(ConverterOutputError) as info:
        enc.encode({})
    assert info.value.converter == "My encoder"
    assert "contentType" in info.value.message


def test_test_returns_raw_output(make_converter, capsys):
    enc = make_converter(
        "console.log('msg', msg.v);\nreturn {contentType: 'JSON', data: {raw: msg.v}};", kind="downlink"
    )
    assert enc.test({"v": 1}) == {"contentType": "JSON", "data": {"raw": 1}}
    assert capsys.readouterr().out == "msg 1\n"
    bad = make_converter("return {oops: true};", kind="downlink")
    assert bad.test({}) == {"oops": True}


def test_runtime_error_raises_with_line(make_converter):
    enc = make_converter("var x = 1;\nthrow new Error('nope');", kind="downlink")
    with pytest.raises(ConverterRuntimeError) as info:
        enc.encode({})
    assert info.value.line == 2 and "Error: nope" in info.value.message
    with pytest.raises(ConverterError):
        enc.test({})


def _export(encoder: str) -> dict:
    return {
        "id": {"entityType": "CONVERTER", "id": "5a1f4a30-0000-0000-0000-000000000002"},
        "name": "HTTP Downlink Converter",
        "type": "DOWNLINK",
        "integrationType": "HTTP",
        "converterVersion": 1,
        "debugSettings": {"failuresEnabled": True, "allEnabled": True, "allEnabledUntil": 0},
        "configuration": {
            "scriptLang": "JS",
            "decoder": None,
            "tbelDecoder": None,
            "encoder": encoder,
            "tbelEncoder": None,
        },
        "additionalInfo": {"description": ""},
        "edgeTemplate": False,
    }


def test_from_to_thingsboard_round_trip(track):
    doc = _export(ENCODER)
    enc = track(DownlinkConverter.from_thingsboard(doc))
    assert (enc.name, enc.lang, enc.source) == ("HTTP Downlink Converter", "JS", ENCODER)
    assert enc.to_thingsboard() == doc
    again = track(DownlinkConverter.from_thingsboard(enc.to_thingsboard()))
    assert again.to_thingsboard() == doc
    assert again.encode({"a": 1}, {"deviceName": "D"})[0].data == '{"a":1}'


def test_uplink_document_is_refused():
    doc = _export(ENCODER)
    doc["type"] = "UPLINK"
    with pytest.raises(ConfigError):
        DownlinkConverter.from_thingsboard(doc)


def test_missing_encoder_is_refused():
    doc = _export(ENCODER)
    doc["configuration"]["encoder"] = None
    with pytest.raises(ConfigError):
        DownlinkConverter.from_thingsboard(doc)
