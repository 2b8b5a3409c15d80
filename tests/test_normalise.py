"""Spec §4 "Output": a decoder's raw result as ThingsBoard reads it."""

from __future__ import annotations

import pytest

from tbkit.errors import ConverterError, ConverterOutputError
from tbkit.models import ConvertedData, JsonText, TelemetryRecord
from tbkit.normalise import cast_value, normalise


def test_device_minimal_gets_default_type():
    assert normalise({"deviceName": "T1"}) == [ConvertedData(entity_type="DEVICE", name="T1", type="default")]


def test_seed_output():
    out = normalise(
        {
            "deviceName": "Sensor T1",
            "deviceType": "Temperature Sensor",
            "attributes": {"model": "test"},
            "telemetry": {"temperature": 33},
        }
    )
    assert out == [
        ConvertedData(
            entity_type="DEVICE",
            name="Sensor T1",
            type="Temperature Sensor",
            attributes={"model": "test"},
            telemetry=[TelemetryRecord(ts=None, values={"temperature": 33})],
        )
    ]


def test_asset_with_type_label_customer_group():
    out = normalise(
        {
            "assetName": "Building A",
            "assetType": "building",
            "assetLabel": "HQ",
            "customerName": "ACME",
            "groupName": "Sites",
            "attributes": {"floors": 4},
        }
    )
    assert out == [
        ConvertedData(
            entity_type="ASSET",
            name="Building A",
            type="building",
            label="HQ",
            customer_name="ACME",
            group_name="Sites",
            attributes={"floors": 4},
        )
    ]
    assert out[0].to_dict() == {
        "assetName": "Building A",
        "assetType": "building",
        "assetLabel": "HQ",
        "customerName": "ACME",
        "groupName": "Sites",
        "attributes": {"floors": 4},
        "telemetry": [],
    }


def test_device_label_customer_group():
    (data,) = normalise(
        {"deviceName": "D", "deviceType": "t", "deviceLabel": "L", "customerName": "C", "groupName": "G"}
    )
    assert (data.label, data.customer_name, data.group_name, data.identity) == ("L", "C", "G", ("DEVICE", "D"))


def test_asset_without_type_is_an_error():
    with pytest.raises(ConverterOutputError) as info:
        normalise({"assetName": "Building A"})
    assert info.value.status == 400
    assert "assetType" in info.value.message


@pytest.mark.parametrize(
    "output",
    [
        {"deviceName": "D", "assetName": "A", "assetType": "t"},
        {"telemetry": {"t": 1}},
        {},
    ],
)
def test_both_or_neither_name_is_400(output):
    with pytest.raises(ConverterOutputError) as info:
        normalise(output)
    assert info.value.status == 400
    assert "'deviceName'" in info.value.message and "'assetName'" in info.value.message


def test_device_name_null_is_500():
    with pytest.raises(ConverterOutputError) as info:
        normalise({"deviceName": None, "telemetry": {"t": 1}})
    assert info.value.status == 500


@pytest.mark.parametrize("output", [None, 42, "text", True, []])
def test_null_primitive_or_empty_array_means_no_entities(output):
    assert normalise(output) == []


@pytest.mark.parametrize("bad", [1, "x", None, [{"deviceName": "D"}]])
def test_non_object_array_element_is_500(bad):
    with pytest.raises(ConverterOutputError) as info:
        normalise([{"deviceName": "D"}, bad])
    assert info.value.status == 500
    assert isinstance(info.value, ConverterError)


def test_array_of_entities():
    out = normalise([{"deviceName": "A"}, {"assetName": "B", "assetType": "t"}])
    assert [d.identity for d in out] == [("DEVICE", "A"), ("ASSET", "B")]


def test_nulls_dropped_and_values_cast():
    (data,) = normalise(
        {
            "deviceName": "D",
            "attributes": {"gone": None, "s": "hello", "b": False, "i": "42", "f": "21.5"},
            "telemetry": {"x": None, "neg": "-.5", "trail": "1.", "exp": "1e5", "n": 7, "d": 1.25},
        }
    )
    assert data.attributes == {"s": "hello", "b": False, "i": 42, "f": 21.5}
    assert data.telemetry == [
        TelemetryRecord(ts=None, values={"neg": -0.5, "trail": "1.", "exp": "1e5", "n": 7, "d": 1.25})
    ]
    assert type(data.attributes["i"]) is int
    assert type(data.telemetry[0].values["neg"]) is float


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("42", 42),
        ("-42", -42),
        ("21.5", 21.5),
        ("-.5", -0.5),
        ("1.", "1."),
        ("1e5", "1e5"),
        ("abc", "abc"),
        ("", ""),
        (" 4", " 4"),
        (True, True),
        (3, 3),
        (2.5, 2.5),
        (2**63, str(2**63)),
    ],
)
def test_cast_value(raw, expected):
    got = cast_value(raw)
    assert got == expected
    assert type(got) is type(expected)


def test_over_long_integer_string_stays_a_string():
    # spec §4: over-long integers become strings (ThingsBoard keeps the digits), never a lossy double
    assert cast_value("12345678901234567890") == "12345678901234567890"
    assert cast_value("-9223372036854775809") == "-9223372036854775809"
    assert cast_value("9223372036854775807") == 9223372036854775807


def test_nested_values_become_compact_json_text():
    (data,) = normalise({"deviceName": "D", "telemetry": {"obj": {"a": 1, "b": [1, 2]}, "arr": [1, "é", None]}})
    values = data.telemetry[0].values
    assert values == {"obj": '{"a":1,"b":[1,2]}', "arr": '[1,"é",null]'}
    assert all(isinstance(v, JsonText) for v in values.values())


def test_telemetry_ts_values_shape():
    (data,) = normalise({"deviceName": "D", "telemetry": {"ts": 1700000000000, "values": {"t": "20"}}})
    assert data.telemetry == [TelemetryRecord(ts=1700000000000, values={"t": 20})]


def test_telemetry_array_of_both_shapes():
    (data,) = normalise(
        {
            "deviceName": "D",
            "telemetry": [
                {"ts": 1000, "values": {"a": 1}},
                {"b": 2},
                {"ts": 2000, "values": {"a": 3, "z": None}},
            ],
        }
    )
    assert data.telemetry == [
        TelemetryRecord(ts=1000, values={"a": 1}),
        TelemetryRecord(ts=None, values={"b": 2}),
        TelemetryRecord(ts=2000, values={"a": 3}),
    ]


@pytest.mark.parametrize("ts", [None, [1, 2], {"a": 1}, "soon"])
def test_bad_ts_is_an_error(ts):
    with pytest.raises(ConverterOutputError):
        normalise({"deviceName": "D", "telemetry": {"ts": ts, "values": {"t": 1}}})


@pytest.mark.parametrize("telemetry", [5, "x", [1]])
def test_bad_telemetry_is_400(telemetry):
    with pytest.raises(ConverterOutputError) as info:
        normalise({"deviceName": "D", "telemetry": telemetry})
    assert info.value.status == 400


def test_attributes_must_be_object():
    with pytest.raises(ConverterOutputError) as info:
        normalise({"deviceName": "D", "attributes": [1, 2]})
    assert info.value.status == 400


def test_other_keys_are_ignored():
    assert normalise({"deviceName": "D", "profile": "p", "label": "x"}) == [
        ConvertedData(entity_type="DEVICE", name="D")
    ]
