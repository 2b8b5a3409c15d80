"""Every request that reaches a converter is recorded with its uplink's writes, as it came, with its status."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import tbkit
from tbkit.frames import StoreHandle
from tbkit.models import Request
from tbkit.store import Store
from tests.seeds import SEED_BODY, SEED_DECODER

ENCODER = "return {contentType: 'JSON', data: JSON.stringify(msg)};"


def recorded(store: Store) -> list[dict[Any, Any]]:
    frame = StoreHandle(store).uplinks()
    return frame.drop(columns=["id", "ts"]).to_dict("records")


@pytest.fixture
def hi(store: Store) -> Iterator[tbkit.Integration]:
    integration = tbkit.Integration(
        store,
        "HTTP",
        tbkit.UplinkConverter(SEED_DECODER),
        tbkit.DownlinkConverter(ENCODER),
        security_headers={"X-Key": "s"},
        metadata={"site": "A"},
    )
    yield integration
    integration.close()


def request(
    body: bytes,
    content_type: str | None = "application/json",
    key: str = "s",
    query: tuple[tuple[str, str], ...] = (),
    method: str = "POST",
) -> Request:
    return Request(body, content_type, (("X-Key", key), ("User-Agent", "t")), None, query, method)


def test_an_accepted_uplink_is_recorded_with_its_metadata_body_and_status(store: Store, hi: tbkit.Integration) -> None:
    assert hi.process(request(SEED_BODY)).status == 204
    assert recorded(store) == [
        {
            "integration": "HTTP",
            "method": "POST",
            "content_type": "application/json",
            "query": "",
            "metadata": {"integrationName": "HTTP", "site": "A", "Header:x-key": "s", "Header:user-agent": "t"},
            "body": SEED_BODY,
            "status": 204,
        }
    ]


def test_a_converter_error_is_recorded_with_its_status(store: Store, hi: tbkit.Integration) -> None:
    assert hi.process(request(b'{"deviceName": null}')).status == 500
    assert [(r["body"], r["status"]) for r in recorded(store)] == [(b'{"deviceName": null}', 500)]


def test_requests_that_never_reach_the_converter_are_not_recorded(store: Store, hi: tbkit.Integration) -> None:
    outcomes = [
        hi.process(request(SEED_BODY, key="wrong")).status,  # 403
        hi.process(request(b"<x/>", "application/xml")).status,  # 415
        hi.process(request(b"{bad", "application/json")).status,
    ]  # malformed: 400 before the converter
    assert outcomes == [403, 415, 400]
    assert recorded(store) == []


def test_a_delivered_downlink_makes_the_record_200() -> None:
    kit = tbkit.start(db=":memory:", in_thread=True)
    try:
        hi = kit.add_http_integration("HTTP", uplink=SEED_DECODER, downlink=ENCODER)
        assert hi.url is not None
        first = tbkit.send(hi.url, SEED_BODY).status
        kit.save_attributes("Sensor T1", {"firmware": "v2"})
        second = tbkit.send(hi.url, SEED_BODY).status
        assert (first, second) == (204, 200)
        assert kit.uplinks()["status"].tolist() == [204, 200]
    finally:
        kit.stop()


def test_a_get_with_query_and_a_form_are_recorded_as_they_came(store: Store, hi: tbkit.Integration) -> None:
    form = b"deviceName=Sensor+T1&temperature=5"
    hi.process(request(form, "application/x-www-form-urlencoded", query=(("model", "m"),)))
    hi.process(request(b"", None, query=(("deviceName", "Sensor T1"), ("temperature", "6")), method="GET"))
    rows = [(r["method"], r["content_type"], r["query"], r["body"], r["status"]) for r in recorded(store)]
    assert rows == [
        ("POST", "application/x-www-form-urlencoded", "model=m", form, 204),
        ("GET", None, "deviceName=Sensor+T1&temperature=6", b"", 204),
    ]


def test_the_oldest_records_go_first_and_never_more_than_max_uplinks(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db", max_uplinks=5) as store:
        hi = tbkit.Integration(
            store,
            "HTTP",
            tbkit.UplinkConverter(
                "var d = decodeToJson(payload); return {deviceName: 'D', telemetry: {ts: d.i, values: {i: d.i}}};"
            ),
        )
        try:
            sizes = []
            for i in range(1, 13):
                hi.process(Request(json.dumps({"i": i}).encode(), "application/json"))
                sizes.append(len(StoreHandle(store).uplinks()))
            kept = [json.loads(body)["i"] for body in StoreHandle(store).uplinks()["body"]]
        finally:
            hi.close()
    assert max(sizes) <= 5 and sizes[:4] == [1, 2, 3, 4]  # deleted in steps, never above the bound
    assert len(kept) >= 4 and kept == list(range(13 - len(kept), 13))  # the newest, in order


def test_max_uplinks_zero_records_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db", max_uplinks=0) as store:
        hi = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter(SEED_DECODER))
        try:
            assert hi.process(Request(SEED_BODY, "application/json")).status == 204
            assert recorded(store) == []
        finally:
            hi.close()


def test_uplinks_filters_by_integration_time_and_limit(store: Store) -> None:
    one = tbkit.Integration(store, "One", tbkit.UplinkConverter(SEED_DECODER))
    two = tbkit.Integration(store, "Two", tbkit.UplinkConverter(SEED_DECODER))
    try:
        for i in range(4):
            (one if i % 2 == 0 else two).process(Request(SEED_BODY.replace(b"33", str(i).encode()), "application/json"))
    finally:
        one.close()
        two.close()
    handle = StoreHandle(store)
    assert [json.loads(b)["temperature"] for b in handle.uplinks("One")["body"]] == [0, 2]
    assert [json.loads(b)["temperature"] for b in handle.uplinks(limit=3)["body"]] == [1, 2, 3]
    latest = handle.uplinks()["ts"].max()
    assert handle.uplinks(start=latest + pd.Timedelta(milliseconds=1)).empty
    assert len(handle.uplinks(end=latest)) == 4


def test_a_record_survives_the_store_being_reopened(tmp_path: Path) -> None:
    db = tmp_path / "kept.db"
    with Store(db) as store:
        hi = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter(SEED_DECODER))
        try:
            hi.process(Request(SEED_BODY, "application/json"))
        finally:
            hi.close()
    with tbkit.open(str(db)) as handle:
        assert handle.uplinks()[["integration", "body", "status"]].to_dict("records") == [
            {"integration": "HTTP", "body": SEED_BODY, "status": 204}
        ]
