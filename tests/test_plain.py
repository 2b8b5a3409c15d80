"""numpy and pandas values reach the store, downlinks and uplinks as the Python values ThingsBoard has types for."""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

import tbkit
from tbkit.plain import plain

DECODER = "var d = decodeToJson(payload); return {deviceName: d.deviceName, telemetry: {t: d.t}};"
ENCODER = "return {contentType: 'JSON', data: JSON.stringify(msg), metadata: {}};"


@pytest.fixture
def kit() -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", in_thread=True)
    yield running
    running.stop()


def test_plain_makes_numpy_and_pandas_scalars_python_values() -> None:
    frame = pd.DataFrame({"i": [1, 7], "f": [0.5, 2.5], "b": [True, False], "s": ["a", "b"]})

    class Level(enum.IntEnum):
        HIGH = 3

    got = plain(
        {
            "i": frame.i.max(),
            "f": frame.f.max(),
            "b": frame.b.any(),
            "s": frame.s.iloc[1],
            "list": [np.int32(4), np.float32(0.5), (np.bool_(False),)],
            "array": np.array([1, 2]),
            "series": frame.i,
            "enum": Level.HIGH,
        }
    )
    assert got == {
        "i": 7,
        "f": 2.5,
        "b": True,
        "s": "b",
        "list": [4, 0.5, [False]],
        "array": [1, 2],
        "series": [1, 7],
        "enum": 3,
    }
    assert [type(v) for v in got.values()] == [int, float, bool, str, list, list, list, int]
    assert [type(v) for v in got["list"]] == [int, float, list]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            pd.Timestamp("2026-01-02T03:04:05"),
            "attributes.when: Timestamp 2026-01-02 03:04:05 is a date or time, and ThingsBoard has no value type "
            "for one: pass text (value.isoformat()) or epoch milliseconds (int(value.timestamp() * 1000))",
        ),
        (
            np.datetime64("2026-01-02"),
            "attributes.when: datetime64 2026-01-02 is a date or time, and ThingsBoard has no value type for one: "
            "pass text (value.isoformat()) or epoch milliseconds (int(value.timestamp() * 1000))",
        ),
        (
            datetime.timedelta(seconds=90),
            "attributes.when: timedelta 0:01:30 is a duration, and ThingsBoard has no value type for one: pass a "
            "number (value.total_seconds(), say)",
        ),
        (pd.NA, "attributes.when: a missing value (pandas NA) has no ThingsBoard value: leave the key out"),
        (
            b"\x01",
            "attributes.when: bytes is not a value ThingsBoard stores: use bool, int, float, str, or a dict or list "
            "of them",
        ),
    ],
)
def test_values_without_a_thingsboard_type_are_refused_by_name(kit: tbkit.Kit, value: Any, message: str) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER)
    assert hi.url is not None
    assert tbkit.send(hi.url, {"deviceName": "D1", "t": 1}).status == 204
    with pytest.raises(TypeError) as refused:
        kit.save_attributes("D1", {"threshold": 5, "when": value})
    assert str(refused.value) == message
    assert kit.attributes("D1", scope="SHARED_SCOPE").empty  # nothing half written


def test_save_attributes_takes_a_dataframe_maximum(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER, downlink=ENCODER)
    assert hi.url is not None
    for t in (21, 25, 23):
        assert tbkit.send(hi.url, {"deviceName": "D1", "t": t}).status == 204
    frame = kit.telemetry("D1")
    kit.save_attributes(
        "D1", {"threshold": frame.value.max(), "mean": frame.value.mean(), "on": frame.value.gt(0).all()}
    )
    got = kit.attributes("D1", scope="SHARED_SCOPE")[["key", "value", "data_type"]].to_dict("records")
    assert got == [
        {"key": "mean", "value": 23.0, "data_type": "DOUBLE"},
        {"key": "on", "value": True, "data_type": "BOOLEAN"},
        {"key": "threshold", "value": 25, "data_type": "LONG"},
    ]
    answer = tbkit.send(hi.url, {"deviceName": "D1", "t": 22})
    assert (answer.status, json.loads(answer.body)) == (200, {"threshold": 25, "mean": 23.0, "on": True})


def test_send_downlink_and_post_take_numpy_values(kit: tbkit.Kit) -> None:
    hi = kit.add_http_integration("HTTP", uplink=DECODER, downlink=ENCODER)
    assert hi.url is not None
    assert tbkit.send(hi.url, {"deviceName": "D1", "t": np.int64(20)}).status == 204
    kit.send_downlink("D1", {"setpoint": np.float64(21.5), "steps": np.arange(2)})
    answer = tbkit.send(hi.url, {"deviceName": "D1", "t": np.float32(0.5)})
    assert (answer.status, json.loads(answer.body)) == (200, {"setpoint": 21.5, "steps": [0, 1]})
    assert kit.telemetry("D1")["value"].tolist() == [20, 0.5]
