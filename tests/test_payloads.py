"""Spec §2: request body + content type → decoder payload bytes and metadata."""

from __future__ import annotations

import base64
import json

import pytest

from tbkit.errors import PayloadError, TbkitError
from tbkit.payloads import Payload, build_metadata, build_payload, query_payload


def multipart(boundary: str, parts: list[tuple[str, str | None, bytes]], close: bool = True) -> bytes:
    """A multipart/form-data body: parts are (field name, filename or None, content)."""
    out = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if filename is not None:
            out += b"Content-Type: application/octet-stream\r\n"
        out += b"\r\n" + content + b"\r\n"
    if close:
        out += f"--{boundary}--\r\n".encode()
    return out


# -- application/json -----------------------------------------------------------------------------
def test_json_is_reserialised_compactly_keeping_order_and_non_ascii():
    body = '{\n  "zeta": 1,\n  "alpha" : [1, 2,  {"ü": "é€"}],\n  "mid": null\n}'.encode()
    assert build_payload(body, "application/json") == Payload(
        '{"zeta":1,"alpha":[1,2,{"ü":"é€"}],"mid":null}'.encode(), "JSON"
    )


def test_json_with_charset_parameter_and_vendor_json_type():
    assert build_payload(b'{ "a" : true }', "application/json; charset=UTF-8") == Payload(b'{"a":true}', "JSON")
    assert build_payload(b"[1, 2]", "application/vnd.api+json") == Payload(b"[1,2]", "JSON")


@pytest.mark.parametrize("body", [b'{"a": 1', b"not json", b"", b'{"a": NaN}', b"\xff\xfe{}"])
def test_invalid_json_is_payload_error_400(body):
    with pytest.raises(PayloadError) as info:
        build_payload(body, "application/json")
    assert info.value.status == 400
    assert isinstance(info.value, TbkitError)


# -- text/plain -----------------------------------------------------------------------------------
def test_text_plain_without_charset_is_utf8_text():
    body = "temperature=21.5 °C".encode()
    assert build_payload(body, "text/plain") == Payload(body, "TEXT")


def test_text_plain_latin1_charset_is_reencoded_as_utf8():
    body = "café 25°".encode("latin-1")
    assert body == b"caf\xe9 25\xb0"
    assert build_payload(body, "text/plain; charset=ISO-8859-1") == Payload("café 25°".encode(), "TEXT")


def test_text_plain_keeps_json_text_as_is():
    body = b'{ "a" :  1 }'
    assert build_payload(body, "text/plain;charset=utf-8") == Payload(body, "TEXT")


# -- binary -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("content_type", ["application/octet-stream", None, "", "Application/Octet-Stream"])
def test_octet_stream_and_missing_type_are_raw_binary(content_type):
    body = b"\x00\xff\x10{not json"
    payload = build_payload(body, content_type)
    assert payload == Payload(body, "BINARY")
    assert payload.debug_text() == base64.b64encode(body).decode()


# -- urlencoded -------------------------------------------------------------------------------------
def test_urlencoded_is_flat_json_object_of_strings():
    body = b"deviceName=Sensor+T1&temperature=33&flag=true&empty=&name=%C3%A9t%C3%A9"
    payload = build_payload(body, "application/x-www-form-urlencoded")
    assert payload.message_type == "JSON"
    assert payload.body == (
        '{"deviceName":"Sensor T1","temperature":"33","flag":"true","empty":"","name":"été"}'.encode()
    )


def test_urlencoded_merges_query_first_and_keeps_first_value_of_repeats():
    body = b"a=body1&b=body&a=body2"
    query = [("q", "query"), ("b", "from-query"), ("q", "second")]
    payload = build_payload(body, "application/x-www-form-urlencoded", query)
    assert json.loads(payload.body) == {"q": "query", "b": "from-query", "a": "body1"}
    assert payload.body == b'{"q":"query","b":"from-query","a":"body1"}'


def test_urlencoded_pitfall_json_text_becomes_a_parameter_name():
    # curl -d '{...}' without a Content-Type header sends urlencoded (spec §2)
    payload = build_payload(b'{"deviceName":"Sensor T1"}', "application/x-www-form-urlencoded")
    assert json.loads(payload.body) == {'{"deviceName":"Sensor T1"}': ""}


def test_query_payload_for_get():
    assert query_payload([("x", "1"), ("y", "two"), ("x", "3")]) == Payload(b'{"x":"1","y":"two"}', "JSON")


# -- multipart --------------------------------------------------------------------------------------
def test_multipart_keeps_file_parts_only():
    body = multipart(
        "XyZ",
        [
            ("note", None, b"plain field"),
            ("doc", "doc.json", b'{ "deviceName": "Sensor T1", "n": [1, 2] }'),
            ("blob", "blob.bin", b"\x00\x01\xfe"),
        ],
    )
    payload = build_payload(body, "multipart/form-data; boundary=XyZ")
    assert payload.message_type == "JSON"
    assert json.loads(payload.body) == {
        "doc": {"deviceName": "Sensor T1", "n": [1, 2]},
        "blob": base64.b64encode(b"\x00\x01\xfe").decode(),
    }


def test_multipart_two_files_in_one_field_become_array():
    body = multipart("b0", [("f", "1.json", b'{"i": 1}'), ("f", "2.txt", b"hello"), ("g", "g.json", b"7")])
    payload = build_payload(body, 'multipart/form-data; boundary="b0"')
    assert json.loads(payload.body) == {"f": [{"i": 1}, base64.b64encode(b"hello").decode()], "g": 7}


def test_multipart_only_plain_fields_gives_empty_object():
    body = multipart("b1", [("a", None, b"1"), ("b", None, b"2")])
    assert build_payload(body, "multipart/form-data; boundary=b1") == Payload(b"{}", "JSON")


def test_multipart_without_boundary_is_400():
    body = multipart("b2", [("f", "f.json", b"{}")])
    with pytest.raises(PayloadError) as info:
        build_payload(body, "multipart/form-data")
    assert info.value.status == 400


def test_multipart_unclosed_is_400():
    body = multipart("b3", [("f", "f.json", b"{}")], close=False)
    with pytest.raises(PayloadError) as info:
        build_payload(body, "multipart/form-data; boundary=b3")
    assert info.value.status == 400


# -- unsupported ------------------------------------------------------------------------------------
@pytest.mark.parametrize("content_type", ["text/csv", "application/xml", "text/xml; charset=utf-8"])
def test_unsupported_content_types_are_415(content_type):
    with pytest.raises(PayloadError) as info:
        build_payload(b"a,b\n1,2", content_type)
    assert info.value.status == 415


def test_unknown_charset_is_415():
    with pytest.raises(PayloadError) as info:
        build_payload(b"abc", "text/plain; charset=no-such-charset")
    assert info.value.status == 415


# -- metadata ---------------------------------------------------------------------------------------
def test_build_metadata_full():
    metadata = build_metadata(
        "HTTP integration",
        {"site": "A", "floor": 85, "active": True, "off": False, "ratio": 0.5},
        [
            ("Content-Type", "application/json"),
            ("X-Api-Key", "first"),
            ("x-api-key", "second"),
            ("User-Agent", "curl/8"),
        ],
        suffix="extra",
    )
    assert metadata == {
        "integrationName": "HTTP integration",
        "site": "A",
        "floor": "85",
        "active": "true",
        "off": "false",
        "ratio": "0.5",
        "Header:content-type": "application/json",
        "Header:x-api-key": "first",
        "Header:user-agent": "curl/8",
        "Header:suffix": "extra",
    }


def test_build_metadata_without_suffix_or_headers():
    assert build_metadata("hi", {}, []) == {"integrationName": "hi"}
