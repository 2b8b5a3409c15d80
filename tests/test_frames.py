"""Store → DataFrames: telemetry ids packed into one integer only while they fit."""

from __future__ import annotations

import pytest

import tbkit
from tbkit.models import ConvertedData, TelemetryRecord
from tbkit.store.ops import ensure_entity, put_telemetry
from tbkit.store.queries import PACKED_KEY_LIMIT


@pytest.fixture
def handle():
    with tbkit.open(":memory:") as opened:
        yield opened


def write(handle, rows: list[tuple[str, str, int, float]], key_ids: dict[str, int]) -> None:
    """Store ``(device, key, ts, value)`` rows with the given telemetry key ids."""

    def job(conn, context):
        conn.executemany("INSERT INTO keys (id, key) VALUES (?, ?)", [(i, k) for k, i in key_ids.items()])
        cache = dict(key_ids)
        for device, key, ts, value in rows:
            entity, _ = ensure_entity(conn, ConvertedData("DEVICE", device), "HTTP", True, 1)
            put_telemetry(conn, entity.id, [TelemetryRecord(ts, {key: value})], 1, cache)

    handle.store.call(job)


def records(handle, **filters):
    frame = handle.telemetry(**filters)
    return [
        (e, k, int(ts.value // 1_000_000), v)
        for e, k, ts, v in zip(frame["entity"], frame["key"], frame["ts"], frame["value"], strict=True)
    ]


def test_small_ids_read_back_packed(handle) -> None:
    write(handle, [("D1", "a", 10, 1.5), ("D2", "b", 10, 2.5), ("D1", "b", 5, 3.5)], {"a": 1, "b": 2})
    assert handle.store.telemetry_rows()[1] is True
    assert records(handle) == [("D1", "b", 5, 3.5), ("D1", "a", 10, 1.5), ("D2", "b", 10, 2.5)]


def test_a_key_id_past_the_packing_limit_gives_correct_frames(handle) -> None:
    # packed, key id 2^20 + 1 of D1 (entity 1) would read as key 1 of entity 2: D2's "a"
    big = PACKED_KEY_LIMIT + 1
    assert PACKED_KEY_LIMIT == 2**20
    write(handle, [("D1", "b", 10, 5.0), ("D2", "a", 10, 7.0), ("D2", "b", 20, 8.0)], {"a": 1, "b": big})
    assert handle.store.telemetry_rows()[1] is False
    assert records(handle) == [("D1", "b", 10, 5.0), ("D2", "a", 10, 7.0), ("D2", "b", 20, 8.0)]
    assert records(handle, entity="D2", keys=["b"]) == [("D2", "b", 20, 8.0)]


def test_long_frames_carry_thingsboards_data_type_of_each_value(store) -> None:
    from tbkit.frames import StoreHandle
    from tbkit.models import Request

    hi = tbkit.Integration(
        store,
        "H",
        tbkit.UplinkConverter(
            "return {deviceName: 'D', attributes: {a: 28.0, b: true, c: {x: 1}, d: 5},"
            " telemetry: {t: 28.0, n: 3, s: 'x', j: [1], f: false}};",
            lang="TBEL",
        ),
    )
    try:
        assert hi.process(Request(b"{}", "application/json")).status == 204
    finally:
        hi.close()
    handle = StoreHandle(store)
    telemetry = handle.telemetry()[["key", "value", "data_type"]].to_dict("records")
    assert telemetry == [
        {"key": "f", "value": False, "data_type": "BOOLEAN"},
        {"key": "j", "value": "[1]", "data_type": "JSON"},
        {"key": "n", "value": 3, "data_type": "LONG"},
        {"key": "s", "value": "x", "data_type": "STRING"},
        {"key": "t", "value": 28.0, "data_type": "DOUBLE"},
    ]
    assert type(telemetry[4]["value"]) is float and type(telemetry[2]["value"]) is int
    attributes = handle.attributes()[["key", "value", "data_type"]].to_dict("records")
    assert attributes == [
        {"key": "a", "value": 28.0, "data_type": "DOUBLE"},
        {"key": "b", "value": True, "data_type": "BOOLEAN"},
        {"key": "c", "value": '{"x":1}', "data_type": "JSON"},
        {"key": "d", "value": 5, "data_type": "LONG"},
    ]
    assert type(attributes[0]["value"]) is float
    assert "data_type" not in handle.telemetry(wide=True).columns
