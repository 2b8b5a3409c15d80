"""telemetry(wide=True) has the same columns whatever the number of devices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

import tbkit
from tbkit.models import Request

DECODER = "var d = decodeToJson(payload); return {deviceName: d.n, telemetry: {t: d.t, h: d.h}};"


@pytest.fixture
def kit() -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", in_thread=True)
    yield running
    running.stop()


def post(kit: tbkit.Kit, body: str) -> None:
    outcome = kit.integrations["HTTP"].process(Request(body.encode(), "application/json"))
    assert outcome.result.value == "processed"


def records(frame: pd.DataFrame) -> list[dict[Any, Any]]:
    return frame.reset_index(drop=True).to_dict("records")


def test_one_device_keeps_the_entity_column(kit: tbkit.Kit) -> None:
    kit.add_http_integration("HTTP", uplink=DECODER)
    post(kit, '{"n": "T1", "t": 20.5, "h": 40}')
    wide = kit.telemetry(wide=True)
    assert (wide.index.name, list(wide.columns)) == ("ts", ["entity", "h", "t"])
    assert records(wide) == [{"entity": "T1", "h": 40, "t": 20.5}]


def test_two_devices_have_the_same_columns(kit: tbkit.Kit) -> None:
    kit.add_http_integration("HTTP", uplink=DECODER)
    post(kit, '{"n": "T1", "t": 20.5, "h": 40}')
    post(kit, '{"n": "T2", "t": 19, "h": 41}')
    wide = kit.telemetry(wide=True)
    assert (wide.index.name, list(wide.columns)) == ("ts", ["entity", "h", "t"])
    assert sorted(records(wide), key=lambda r: str(r["entity"])) == [
        {"entity": "T1", "h": 40, "t": 20.5},
        {"entity": "T2", "h": 41, "t": 19},
    ]
    assert list(kit.telemetry("T2", wide=True).columns) == ["entity", "h", "t"]


def test_no_data_gives_the_entity_column_too(kit: tbkit.Kit) -> None:
    wide = kit.telemetry(wide=True)
    assert (wide.index.name, list(wide.columns), len(wide)) == ("ts", ["entity"], 0)
