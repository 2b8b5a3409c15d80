"""The write transaction of one accepted uplink.

Everything one uplink writes (entities, CLIENT_SCOPE attributes, telemetry, debug events,
counters, the pending downlinks it collects) happens in one job of the store's writer, so
it commits together or not at all. The job gets its collaborators as fields, never the
integration that made it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from ..converters.uplink import DecodeRun
from ..models import AttributeScope, ConvertedData
from ..payloads import Payload
from ..store import Store, now_ms
from ..store.changes import AttributesSaved, EntityCreated, TelemetrySaved, UplinkAccepted, WriteContext
from ..store.ops import Entity, ensure_entity, put_attributes, put_telemetry
from ..store.uplinks import UplinkRecord
from .downlink import DownlinkStep, UplinkWrite
from .events import EventSource
from .outcome import OutcomeKind, status_of
from .routes import RouteTarget, route_message

__all__ = ["UplinkJob", "UplinkWrite"]


@dataclass(frozen=True)
class UplinkJob:
    """Store one decoded uplink: a write job for :meth:`Store.call` / :meth:`Store.submit`.

    Parameters
    ----------
    integration:
        The integration's name (entities remember it; counters are kept under it).
    allow_create:
        Whether entities that do not exist yet may be created.
    store:
        The store (its entity and key caches, used on the writer thread).
    source:
        Who records the debug events.
    downlinks:
        The integration's downlink step (takes pending messages inside this transaction).
    routes:
        Where uplink attributes are routed ("Post attributes"), normally the integration.
    payload, metadata, run:
        What the converter got and what it gave.
    record:
        The request as it came, kept for replays in this same transaction (None: not kept).
    replace_no_content_to_ok:
        The integration's option, for the status the record holds.
    """

    integration: str
    allow_create: bool
    store: Store
    source: EventSource
    downlinks: DownlinkStep
    routes: RouteTarget
    payload: Payload
    metadata: dict[str, str]
    run: DecodeRun
    record: UplinkRecord | None = None
    replace_no_content_to_ok: bool = False

    def __call__(self, conn: sqlite3.Connection, context: WriteContext) -> UplinkWrite:
        now = now_ms()
        entities = [self._store_one(conn, context, data, now) for data in self.run.converted or []]
        status = status_of(
            OutcomeKind.PROCESSED if entities else OutcomeKind.NO_ENTITIES, self.replace_no_content_to_ok
        )
        uplink_id = None
        if self.record is not None:  # the endpoint's answer unless a downlink goes back (then 200)
            uplink_id = self.store.record_uplink(conn, replace(self.record, status=status), context)
        context.add_events(self.source.uplink_success(self.payload, self.metadata, self.run, now))
        pending = self.downlinks.take_pending(conn, entities)
        if not pending and entities:
            context.add_events(self.downlinks.idle_event(self.metadata, now))
        for data, entity in zip(self.run.converted or [], entities, strict=True):
            if data.attributes:  # the rule engine's "Post attributes": routed after this response
                meta = {"deviceName": entity.name, "deviceType": entity.type}
                message = ("POST_ATTRIBUTES_REQUEST", dict(data.attributes), meta)
                route_message(conn, context, self.routes, entity, message, now)
        context.change(UplinkAccepted(self.integration, [e.name for e in entities], self.run, now))
        context.count(self.integration, processed=1)
        return UplinkWrite(entities, self.run, pending, uplink_id, status)

    def _store_one(self, conn: sqlite3.Connection, context: WriteContext, data: ConvertedData, now: int) -> Entity:
        entity, created = ensure_entity(conn, data, self.integration, self.allow_create, now, self.store.entity_cache)
        if created:
            context.change(EntityCreated(entity))
        if data.attributes:
            put_attributes(conn, entity.id, AttributeScope.CLIENT.value, data.attributes, now)
            context.change(AttributesSaved(entity, AttributeScope.CLIENT.value, dict(data.attributes)))
        if data.telemetry:
            written = put_telemetry(conn, entity.id, data.telemetry, now, self.store.key_cache)
            context.change(TelemetrySaved(entity, written))
        return entity
