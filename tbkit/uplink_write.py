"""The write transaction of one accepted uplink, and the debug events of every uplink.

Everything one uplink writes (entities, CLIENT_SCOPE attributes, telemetry, debug events,
counters, the pending downlinks it collects) happens in one job of the store's writer, so
it commits together or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .converters.uplink import Run
from .downlink import route_message
from .models import AttributeScope, Request
from .payloads import Payload, message_type_for
from .store import EventRecord, now_ms
from .store.ops import Entity, ensure_entity, put_attributes, put_telemetry

if TYPE_CHECKING:
    from .pipeline import Integration

__all__ = ["UplinkWrite", "failure_events", "integration_failure", "write_uplink"]

_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
_SORTED = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


@dataclass
class UplinkWrite:
    """What one committed uplink wrote, and the downlinks it picked up for delivery."""

    entities: list[Entity]
    run: Run
    pending: list[Any] = field(default_factory=list)


def write_uplink(
    integration: Integration,
    conn: sqlite3.Connection,
    changes: list[Any],
    payload: Payload,
    metadata: dict[str, str],
    run: Run,
) -> UplinkWrite:
    """Store one decoded uplink (a job for :meth:`Store.call`)."""
    store, now = integration.store, now_ms()
    entities: list[Entity] = []
    for data in run.converted or []:
        entity, created = ensure_entity(conn, data, integration.name, integration.allow_create, now, store.entity_cache)
        if created:
            changes.append(("entity", entity))
        if data.attributes:
            put_attributes(conn, entity.id, AttributeScope.CLIENT.value, data.attributes, now)
            changes.append(("attributes", entity, AttributeScope.CLIENT.value, dict(data.attributes)))
        if data.telemetry:
            written = put_telemetry(conn, entity.id, data.telemetry, now, store.key_cache)
            changes.append(("telemetry", entity, written))
        entities.append(entity)
    events = success_events(integration, payload, metadata, run, now)
    store.add_events(conn, events, changes)
    pending = integration.downlinks.take_pending(conn, entities, changes)
    if not pending and entities:
        store.add_events(conn, integration.downlinks.idle_event(metadata, now), changes)
    for data, entity in zip(run.converted or [], entities, strict=True):
        if data.attributes:  # the rule engine's "Post attributes": routed after this response
            meta = {"deviceName": entity.name, "deviceType": entity.type}
            route_message(
                conn, changes, integration, entity, "POST_ATTRIBUTES_REQUEST", dict(data.attributes), meta, now
            )
    changes.append(("uplink", integration.name, [e.name for e in entities], run, now))
    return UplinkWrite(entities, run, pending)


def _compact(value: Any) -> str:
    return _COMPACT(value)


def _converter_event(
    integration: Integration, payload: Payload, metadata: dict[str, str] | None, run: Run | None, error: str, ts: int
) -> EventRecord:
    body: dict[str, Any] = {
        "type": "Uplink",
        "inMessageType": payload.message_type,
        "in": payload.debug_text(),
        "metadata": _SORTED(metadata or {}),
        "error": error,
    }
    if not error:
        body.update(outMessageType="JSON", out=_compact(run.output if run else None))
    if run is not None and run.logs:
        body["logs"] = "\n".join(run.logs)  # tbkit extension: console.log output
    return EventRecord(
        ts, "DEBUG_CONVERTER", "CONVERTER", integration.uplink.name, integration.name, body, "ERROR" if error else "OK"
    )


def _integration_event(integration: Integration, payload: Payload, status: str, error: str, ts: int) -> EventRecord:
    body = {
        "type": "Uplink",
        "messageType": payload.message_type,
        "message": payload.debug_text(),
        "status": status,
        "error": error,
    }
    return EventRecord(ts, "DEBUG_INTEGRATION", "INTEGRATION", integration.name, integration.name, body, status)


def success_events(
    integration: Integration, payload: Payload, metadata: dict[str, str], run: Run, ts: int
) -> list[EventRecord]:
    """The converter and integration events of an accepted uplink, when debug-all is on."""
    events = []
    if integration.uplink.debug.records_all(ts):
        events.append(_converter_event(integration, payload, metadata, run, "", ts))
    if integration.debug.records_all(ts):
        events.append(_integration_event(integration, payload, "OK", "", ts))
    return events


def failure_events(
    integration: Integration,
    payload: Payload,
    metadata: dict[str, str] | None,
    run: Run | None,
    error: str,
    *,
    status: str = "ERROR",
    ts: int | None = None,
    converter: bool = True,
) -> list[EventRecord]:
    """The events of a refused uplink (kept when failures or everything are recorded)."""
    ts = ts if ts is not None else now_ms()
    events = []
    settings = integration.uplink.debug
    if converter and (settings.failures_enabled or settings.records_all(ts)):
        events.append(_converter_event(integration, payload, metadata, run, error, ts))
    if integration.debug.failures_enabled or integration.debug.records_all(ts):
        events.append(_integration_event(integration, payload, status, error, ts))
    return events


def integration_failure(
    integration: Integration, request: Request, status: str, error: str, ts: int
) -> list[EventRecord]:
    """Events for a request refused before the converter ran (403, malformed body)."""
    return failure_events(
        integration,
        Payload(request.body, message_type_for(request.content_type)),
        None,
        None,
        error,
        status=status,
        ts=ts,
        converter=False,
    )
