"""Shared fixtures for the tbkit test suite.

Every V8-backed object made here is closed at teardown: mini-racer can hang interpreter exit
when a context is left open.
"""

from __future__ import annotations

import logging
import re

import pytest

from tbkit.store import Store
from tests.seeds import SEED_BODY, SEED_DECODER


@pytest.fixture(autouse=True)
def _no_unexpected_error_logs(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """Fail a test that logs an ERROR it did not declare (as tornado's test runner does).

    Declare expected ones with ``@pytest.mark.error_logs(r"regex", ...)``: a record passes
    when its message (or logger name) matches one of them; with no pattern, any passes.
    """
    yield
    marker = request.node.get_closest_marker("error_logs")
    patterns = [re.compile(p) for p in marker.args] if marker is not None else None
    unexpected = [
        f"{r.name}: {r.getMessage()}"
        for when in ("setup", "call")
        for r in caplog.get_records(when)
        if r.levelno >= logging.ERROR
        and not (
            patterns is not None
            and (not patterns or any(p.search(r.getMessage()) or p.search(r.name) for p in patterns))
        )
    ]
    if unexpected:
        pytest.fail("unexpected ERROR log records:\n" + "\n".join(unexpected), pytrace=False)


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
