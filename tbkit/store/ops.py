"""Write operations run inside the writer's transaction (each takes the write connection).

They implement ThingsBoard's creation rules (spec §8): entities are found by name within
their kind; a missing one is created only when the integration allows it, with its type,
label, customer and group taken only at creation.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import CreationForbiddenError
from ..models import ConvertedData, JsonValue, TelemetryRecord
from .values import encode_value

__all__ = [
    "Entity",
    "EventRecord",
    "bump_stats",
    "delete_integration",
    "ensure_entity",
    "find_entity",
    "insert_events",
    "prune_events",
    "put_attributes",
    "put_telemetry",
    "save_integration",
]

MAX_EVENT_FIELD = 4096  # ThingsBoard truncates every debug event field to 4096 characters


@dataclass(frozen=True)
class Entity:
    """A device or asset row."""

    id: int
    entity_type: str
    name: str
    type: str
    label: str | None = None
    customer: str | None = None
    group_name: str | None = None
    integration: str | None = None
    created_ts: int = 0


@dataclass
class EventRecord:
    """A debug or statistics event (spec §6) before it is stored."""

    ts: int
    event_type: str
    source: str
    name: str
    integration: str | None
    body: Mapping[str, object]
    status: str | None = None


_ENTITY_COLUMNS = "id, entity_type, name, type, label, customer, group_name, integration, created_ts"


def find_entity(conn: sqlite3.Connection, entity_type: str, name: str) -> Entity | None:
    """The entity of that kind and name, or None."""
    row = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM entities WHERE entity_type = ? AND name = ?",
        (entity_type, name),
    ).fetchone()
    return Entity(*row) if row else None


def ensure_entity(
    conn: sqlite3.Connection,
    data: ConvertedData,
    integration: str | None,
    allow_create: bool,
    now: int,
    cache: dict[tuple[str, str], Entity] | None = None,
) -> tuple[Entity, bool]:
    """Find or create the entity a decoder named; ``(entity, created)``.

    ``cache`` (the store's entity cache) saves the lookup for entities seen before.
    """
    ident = (data.entity_type, data.name)
    found = cache.get(ident) if cache is not None else None
    if found is None:
        found = find_entity(conn, data.entity_type, data.name)
    if found is not None:
        if cache is not None:
            cache[ident] = found
        return found, False
    if not allow_create:
        noun = "devices" if data.entity_type == "DEVICE" else "assets"
        raise CreationForbiddenError(
            f"Creating {noun} is forbidden! ({data.entity_type.lower()} {data.name!r} does not exist "
            "and the integration does not allow creating devices or assets)"
        )
    cursor = conn.execute(
        "INSERT INTO entities (entity_type, name, type, label, customer, group_name, integration, created_ts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (data.entity_type, data.name, data.type, data.label, data.customer_name, data.group_name, integration, now),
    )
    entity = Entity(
        int(cursor.lastrowid or 0),
        data.entity_type,
        data.name,
        data.type,
        data.label,
        data.customer_name,
        data.group_name,
        integration,
        now,
    )
    if cache is not None:
        cache[ident] = entity
    return entity, True


def put_attributes(
    conn: sqlite3.Connection, entity_id: int, scope: str, values: dict[str, JsonValue], now: int
) -> None:
    """Upsert attributes of one scope; ``last_update_ts`` is ``now``."""
    rows = [(entity_id, scope, key, *encode_value(value), now) for key, value in values.items()]
    conn.executemany(
        "INSERT INTO attributes (entity_id, scope, key, kind, value, last_update_ts) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (entity_id, scope, key) DO UPDATE SET kind = excluded.kind,"
        " value = excluded.value, last_update_ts = excluded.last_update_ts",
        rows,
    )


def key_id(conn: sqlite3.Connection, key: str, cache: dict[str, int]) -> int:
    """The id of a telemetry key in the key dictionary, created when new."""
    found = cache.get(key)
    if found is not None:
        return found
    conn.execute("INSERT OR IGNORE INTO keys (key) VALUES (?)", (key,))
    (ident,) = conn.execute("SELECT id FROM keys WHERE key = ?", (key,)).fetchone()
    cache[key] = int(ident)
    return int(ident)


def put_telemetry(
    conn: sqlite3.Connection,
    entity_id: int,
    records: Iterable[TelemetryRecord],
    now: int,
    cache: dict[str, int],
) -> list[tuple[int, str, JsonValue]]:
    """Upsert telemetry (same entity, key and ts overwrites); returns ``(ts, key, value)``."""
    written: list[tuple[int, str, JsonValue]] = []
    rows = []
    for record in records:
        ts = record.ts if record.ts is not None else now
        for key, value in record.values.items():
            rows.append((entity_id, key_id(conn, key, cache), ts, *encode_value(value)))
            written.append((ts, key, value))
    conn.executemany(
        "INSERT OR REPLACE INTO telemetry (entity_id, key_id, ts, kind, value) VALUES (?, ?, ?, ?, ?)", rows
    )
    return written


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _body(body: Mapping[str, object]) -> str:
    """An event body as JSON, each text field cut to ThingsBoard's 4096 characters."""
    if any(isinstance(v, str) and len(v) > MAX_EVENT_FIELD for v in body.values()):
        body = {k: v[:MAX_EVENT_FIELD] if isinstance(v, str) else v for k, v in body.items()}
    return _encode(body)


def insert_events(conn: sqlite3.Connection, events: list[EventRecord]) -> None:
    """Store events, each field cut to ThingsBoard's 4096 characters."""
    conn.executemany(
        "INSERT INTO events (ts, event_type, source, name, integration, status, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(e.ts, e.event_type, e.source, e.name, e.integration, e.status, _body(e.body)) for e in events],
    )


def bump_stats(conn: sqlite3.Connection, integration: str, processed: int, errors: int) -> None:
    """Add to an integration's ``messagesProcessed`` / ``errorsOccurred`` counters."""
    conn.execute(
        "INSERT INTO stats (integration, processed, errors) VALUES (?, ?, ?) ON CONFLICT (integration)"
        " DO UPDATE SET processed = processed + excluded.processed, errors = errors + excluded.errors",
        (integration, processed, errors),
    )


def prune_events(conn: sqlite3.Connection, keep: int) -> None:
    """Keep only the newest ``keep`` events."""
    conn.execute("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - ?", (keep,))


def save_integration(
    conn: sqlite3.Connection,
    name: str,
    routing_key: str,
    enabled: bool,
    documents: tuple[str, str, str | None],
    now: int,
) -> None:
    """Insert or update an integration's saved JSON ``(document, uplink, downlink)``."""
    document, uplink, downlink = documents
    conn.execute(
        "INSERT INTO integrations (name, routing_key, enabled, document, uplink, downlink, created_ts,"
        " updated_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
        " routing_key = excluded.routing_key,"
        " enabled = excluded.enabled, document = excluded.document, uplink = excluded.uplink,"
        " downlink = excluded.downlink, updated_ts = excluded.updated_ts",
        (name, routing_key, int(enabled), document, uplink, downlink, now, now),
    )


def delete_integration(conn: sqlite3.Connection, name: str) -> None:
    """Forget a saved integration (its entities and data stay)."""
    conn.execute("DELETE FROM integrations WHERE name = ?", (name,))
