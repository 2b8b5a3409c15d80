"""Integration.inspect(): a recorded uplink's bytes through the running decoder or another one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import tbkit
from tbkit.converters.inspection import Reader
from tbkit.frames import StoreHandle
from tbkit.models import Request
from tbkit.store import Store

DECODER = "var t = payload[1];\nreturn {deviceName: 'GH-' + payload[0], telemetry: {t: t}};"
TBEL = "var t = parseBytesToInt(payload, 2, 2);\nreturn {deviceName: 'GH', telemetry: {t: t}};"


@pytest.fixture
def hi(store: Store) -> Iterator[tbkit.Integration]:
    integration = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter(DECODER), metadata={"site": "A"})
    yield integration
    integration.close()


def send(hi: tbkit.Integration, body: bytes) -> None:
    outcome = hi.process(Request(body, "application/octet-stream", (), None, (), "POST"))
    assert outcome.status in (200, 204), outcome


def test_a_row_of_uplinks_its_ts_and_a_record_inspect_the_same_uplink(store: Store, hi: tbkit.Integration) -> None:
    send(hi, b"\x07\x15\x00\x10")
    send(hi, b"\x08\x16\x00\x20")
    frame = StoreHandle(store).uplinks()
    row = frame.iloc[0]
    for what in (row, row["ts"], int(row["ts"].value // 1_000_000), hi.recorded()[0]):
        found = hi.inspect(what)
        assert found.payload == b"\x07\x15\x00\x10"
        assert found.result.output == {"deviceName": "GH-7", "telemetry": {"t": 21}}
        assert [b.readers for b in found.bytes] == [[Reader(2, None, 1)], [Reader(1, None, 1)], [], []]
        assert found.unread == [2, 3]


def test_another_converter_a_script_or_json_inspects_the_recorded_bytes(store: Store, hi: tbkit.Integration) -> None:
    send(hi, b"\x07\x15\x00\x10")
    row = StoreHandle(store).uplinks().iloc[-1]
    script = hi.inspect(row, "return {deviceName: 'x', telemetry: {v: payload[3]}};")
    assert script.unread == [0, 1, 2] and script.result.output == {"deviceName": "x", "telemetry": {"v": 16}}
    conv = tbkit.UplinkConverter(TBEL, lang="TBEL")
    try:
        found = hi.inspect(row, conv)
        assert found.bytes[2].readers == [Reader(1, "parseBytesToInt(payload, 2, 2)", 1)]
        assert not conv.closed  # a converter given is the caller's to close
    finally:
        conv.close()
    doc = {"type": "UPLINK", "name": "T", "configuration": {"scriptLang": "TBEL", "tbelDecoder": TBEL}}
    assert hi.inspect(row, doc).result.output == {"deviceName": "GH", "telemetry": {"t": 16}}
    assert not hi.uplink.closed


def test_an_unknown_ts_or_value_is_refused_by_name(hi: tbkit.Integration) -> None:
    with pytest.raises(LookupError, match="integration 'HTTP' recorded no uplink at ts 5"):
        hi.inspect(5)
    with pytest.raises(TypeError, match="inspect\\(\\) takes a recorded uplink"):
        hi.inspect("yesterday")
