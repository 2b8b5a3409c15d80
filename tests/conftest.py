"""Shared fixtures for the tbkit test suite.

Every V8-backed object made here is closed at teardown: mini-racer can hang interpreter exit
when a context is left open.
"""

from __future__ import annotations

import pytest

from tbkit.store import Store

SEED_DECODER = (
    "var data = decodeToJson(payload);\n"
    "return {deviceName: data.deviceName, deviceType: data.deviceType, "
    "attributes: {model: data.model}, telemetry: {temperature: data.temperature}};"
)
SEED_BODY = b'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'


@pytest.fixture
def store():
    s = Store(":memory:")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def seed_decoder() -> str:
    return SEED_DECODER


@pytest.fixture
def seed_body() -> bytes:
    return SEED_BODY


@pytest.fixture
def make_converter():
    """Factory: ``make_converter(source, kind="uplink", **options)``; closes all it made."""
    from tbkit.converters.downlink import DownlinkConverter
    from tbkit.converters.uplink import UplinkConverter

    made = []

    def factory(source: str, kind: str = "uplink", **options):
        cls = UplinkConverter if kind == "uplink" else DownlinkConverter
        conv = cls(source, **options)
        made.append(conv)
        return conv

    factory.made = made  # type: ignore[attr-defined]
    try:
        yield factory
    finally:
        for conv in made:
            conv.close()


@pytest.fixture
def track():
    """Register any closeable (V8Script, converter from_thingsboard, Integration) for teardown."""
    items = []

    def add(obj):
        items.append(obj)
        return obj

    try:
        yield add
    finally:
        for obj in reversed(items):
            obj.close()
