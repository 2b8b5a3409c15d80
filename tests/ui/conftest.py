"""Fixtures for the widget tests: no kernel, no browser.

``comms`` swaps ipywidgets' comm factory for one that records every message a widget sends
(the DummyComm idea of ipywidgets' own tests), so a test can assert the state sent and count
messages. ``kit`` is a running kit on an in-memory store with a manual feed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

import tbkit
from tests.seeds import SEED_DECODER

SEED = SEED_DECODER
ENCODER = "return {contentType: 'JSON', data: JSON.stringify(msg), metadata: {}};"


class RecordingComm:
    """A comm that keeps what it would send."""

    _ids = itertools.count(1)

    def __init__(self, log: list[tuple[str, Any]], **kwargs: Any) -> None:
        self.comm_id = kwargs.get("comm_id") or f"comm-{next(self._ids)}"
        self.kernel = "recording"
        self.open_data = kwargs.get("data")
        self.messages: list[Any] = []
        self._log = log
        self.closed = False

    def send(self, data: Any = None, metadata: Any = None, buffers: Any = None) -> None:
        self.messages.append(data)
        self._log.append((self.comm_id, data))

    def on_msg(self, callback: Any) -> None:
        self.handler = callback

    def on_close(self, callback: Any) -> None:
        pass

    def close(self, *args: Any, **kwargs: Any) -> None:
        self.closed = True


class Comms:
    """Every message sent through recording comms, in order."""

    def __init__(self) -> None:
        self.log: list[tuple[str, Any]] = []

    def make(self, **kwargs: Any) -> RecordingComm:
        return RecordingComm(self.log, **kwargs)

    def mark(self) -> int:
        return len(self.log)

    def since(self, mark: int) -> list[Any]:
        return [data for _, data in self.log[mark:]]

    @staticmethod
    def of(widget: Any) -> list[Any]:
        return widget.comm.messages


@pytest.fixture
def comms(monkeypatch: pytest.MonkeyPatch) -> Comms:
    import ipywidgets.widgets.widget as widget_module

    recorder = Comms()
    monkeypatch.setattr(widget_module.comm, "create_comm", recorder.make)
    return recorder


@pytest.fixture
def kit(comms: Comms) -> Iterator[tbkit.Kit]:
    running = tbkit.start(db=":memory:", in_thread=True)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def feed(kit: tbkit.Kit) -> Iterator[Any]:
    from tbkit.ui.feed import Feed

    manual = Feed(kit.store, interval=None)
    try:
        yield manual
    finally:
        manual.close()


@pytest.fixture
def hi(kit: tbkit.Kit) -> tbkit.Integration:
    return kit.add_http_integration("HTTP", uplink=SEED, downlink=ENCODER)


def make_body(device: str = "Sensor T1", temperature: float = 20.0, model: str = "test") -> bytes:
    import json

    return json.dumps(
        {"deviceName": device, "deviceType": "Temperature Sensor", "temperature": temperature, "model": model}
    ).encode()


@pytest.fixture
def post() -> Any:
    """``post(integration, body=None, content_type=...)``: one uplink through the pipeline."""

    def send(
        integration: tbkit.Integration,
        payload: bytes | None = None,
        content_type: str = "application/json",
        **fields: Any,
    ) -> Any:
        data = payload if payload is not None else make_body(**fields)
        return integration.process(tbkit.Request(data, content_type))

    return send
