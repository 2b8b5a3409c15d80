"""Named read queries: every ``SELECT`` outside the write path lives here.

Mixed into :class:`tbkit.store.Store`; each method runs on a committed snapshot through
:meth:`Store.read`. Callers filter with arguments, never with SQL of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["PACKED_KEY_LIMIT", "Row", "SqlValue", "StoreQueries"]

Row = tuple[Any, ...]
"""A result row: each query knows its columns' types, the type checker does not."""
SqlValue = int | float | str | bytes | None
"""A value SQLite stores or a query binds."""
# telemetry rows can come back packed as entity_id << 24 | key_id << 4 | kind (one integer,
# three columns instead of five); that holds while key ids fit 20 bits and entity ids 39
PACKED_KEY_LIMIT = 1 << 20
_PACKED_ENTITY_LIMIT = 1 << 39
_PACKED = "SELECT (t.entity_id << 24) | (t.key_id << 4) | t.kind, t.ts, t.value FROM telemetry t"
_UNPACKED = "SELECT t.entity_id, t.key_id, t.kind, t.ts, t.value FROM telemetry t"
_STATS_TOTAL = "SELECT COALESCE(SUM(processed), 0), COALESCE(SUM(errors), 0) FROM stats"


def _where(clauses: Sequence[tuple[str, Sequence[SqlValue]]]) -> tuple[str, list[SqlValue]]:
    parts: list[str] = []
    params: list[SqlValue] = []
    for sql, values in clauses:
        parts.append(sql)
        params.extend(values)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _in(column: str, values: Sequence[str] | None) -> list[tuple[str, Sequence[SqlValue]]]:
    if values is None:
        return []
    return [(f"{column} IN ({', '.join('?' * len(values))})", list(values))]


class StoreQueries:
    """The read side of the store, one method per question."""

    def read(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:  # pragma: no cover
        raise NotImplementedError

    # -- entities ------------------------------------------------------------------------------
    def entity_rows(self, entity_type: str | None = None) -> list[Row]:
        """``(name, entity_type, type, label, customer, group_name, integration, created_ts)`` by id."""
        where, params = _where([("entity_type = ?", [entity_type])] if entity_type else [])
        return self.read(
            "SELECT name, entity_type, type, label, customer, group_name, integration, created_ts"
            f" FROM entities{where} ORDER BY id",
            params,
        )

    def entity_names(self, entity_type: str) -> list[str]:
        """Names of the entities of one kind, sorted."""
        rows = self.read("SELECT name FROM entities WHERE entity_type = ? ORDER BY name", (entity_type,))
        return [str(r[0]) for r in rows]

    def entity_count(self, entity_type: str | None = None) -> int:
        """How many entities (of one kind, or all)."""
        where, params = _where([("entity_type = ?", [entity_type])] if entity_type else [])
        return int(self.read(f"SELECT COUNT(*) FROM entities{where}", params)[0][0])

    def entity_index(self) -> list[Row]:
        """``(id, name, entity_type)`` of every entity."""
        return self.read("SELECT id, name, entity_type FROM entities")

    def key_index(self) -> list[Row]:
        """``(id, key)`` of every telemetry key."""
        return self.read("SELECT id, key FROM keys")

    # -- attributes and telemetry --------------------------------------------------------------
    def attribute_rows(self, entities: Sequence[str] | None = None, scope: str | None = None) -> list[Row]:
        """``(entity, entity_type, scope, key, kind, value, last_update_ts)`` by entity, scope, key."""
        clauses = _in("e.name", entities)
        if scope is not None:
            clauses.append(("a.scope = ?", [scope]))
        where, params = _where(clauses)
        return self.read(
            "SELECT e.name, e.entity_type, a.scope, a.key, a.kind, a.value, a.last_update_ts FROM attributes a"
            f" JOIN entities e ON e.id = a.entity_id{where} ORDER BY e.name, a.scope, a.key",
            params,
        )

    def telemetry_rows(
        self,
        entities: Sequence[str] | None = None,
        keys: Sequence[str] | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> tuple[list[Row], bool]:
        """Telemetry rows in no order, and whether they are packed.

        Packed rows are ``(entity_id << 24 | key_id << 4 | kind, ts, value)``; when an id is
        too large to pack without collisions the rows are ``(entity_id, key_id, kind, ts, value)``.
        """
        clauses = _in("e.name", entities) + _in("k.key", keys)
        if start is not None:
            clauses.append(("t.ts >= ?", [start]))
        if end is not None:
            clauses.append(("t.ts <= ?", [end]))
        where, params = _where(clauses)
        max_key, max_entity = self.read("SELECT (SELECT MAX(id) FROM keys), (SELECT MAX(id) FROM entities)")[0]
        packed = (max_key or 0) < PACKED_KEY_LIMIT and (max_entity or 0) < _PACKED_ENTITY_LIMIT
        select = _PACKED if packed else _UNPACKED
        if where:
            select += " JOIN entities e ON e.id = t.entity_id JOIN keys k ON k.id = t.key_id" + where
        return self.read(select, params), packed

    # -- events, downlinks, counters -----------------------------------------------------------
    def event_rows(self, event_type: str | None = None, integration: str | None = None, limit: int = 1000) -> list[Row]:
        """``(id, ts, event_type, source, name, integration, status, body)``, newest first."""
        clauses: list[tuple[str, Sequence[SqlValue]]] = []
        if event_type is not None:
            clauses.append(("event_type = ?", [event_type]))
        if integration is not None:
            clauses.append(("integration = ?", [integration]))
        where, params = _where(clauses)
        return self.read(
            f"SELECT id, ts, event_type, source, name, integration, status, body FROM events{where}"
            " ORDER BY id DESC LIMIT ?",
            [*params, int(limit)],
        )

    def debug_event_rows(self, limit: int) -> list[Row]:
        """The newest ``DEBUG_*`` events: ``(ts, event_type, source, name, integration, status, body)``."""
        return self.read(
            "SELECT ts, event_type, source, name, integration, status, body FROM events"
            " WHERE event_type LIKE 'DEBUG_%' ORDER BY id DESC LIMIT ?",
            (limit,),
        )

    def uplink_event_rows(self, converter: str, integration: str, limit: int) -> list[Row]:
        """A converter's successful debug events in an integration: ``(id, ts, body)``, newest first."""
        return self.read(
            "SELECT id, ts, body FROM events WHERE event_type = 'DEBUG_CONVERTER'"
            " AND name = ? AND integration = ? AND status = 'OK' ORDER BY id DESC LIMIT ?",
            (converter, integration, limit),
        )

    def last_uplink_event(self, integration: str) -> str | None:
        """The body of an integration's newest uplink converter event, or None."""
        rows = self.read(
            "SELECT body FROM events WHERE event_type = 'DEBUG_CONVERTER' AND integration = ?"
            " AND json_extract(body, '$.type') = 'Uplink' ORDER BY id DESC LIMIT 1",
            (integration,),
        )
        return str(rows[0][0]) if rows else None

    def downlink_rows(self, integration: str | None = None) -> list[Row]:
        """``(id, integration, device, msg_type, msg, metadata, status, created_ts, done_ts, response, error)``."""
        where, params = _where([("d.integration = ?", [integration])] if integration else [])
        return self.read(
            "SELECT d.id, d.integration, e.name, d.msg_type, d.msg, d.metadata, d.status, d.created_ts,"
            " d.done_ts, d.response, d.error FROM downlinks d JOIN entities e ON e.id = d.entity_id"
            f"{where} ORDER BY d.id",
            params,
        )

    def entity_downlink_rows(self, entity: str, entity_type: str, limit: int) -> list[Row]:
        """An entity's newest downlinks: ``(id, integration, msg_type, msg, status, created_ts, done_ts,
        response, error)``."""
        return self.read(
            "SELECT d.id, d.integration, d.msg_type, d.msg, d.status, d.created_ts, d.done_ts, d.response, d.error"
            " FROM downlinks d JOIN entities e ON e.id = d.entity_id WHERE e.name = ? AND e.entity_type = ?"
            " ORDER BY d.id DESC LIMIT ?",
            (entity, entity_type, limit),
        )

    def uplink_rows(
        self, integration: str | None = None, limit: int | None = None, start: int | None = None, end: int | None = None
    ) -> list[Row]:
        """Recorded uplinks, oldest first (the newest ``limit`` when given):
        ``(id, ts, integration, method, content_type, query, metadata, body, status)``."""
        clauses: list[tuple[str, Sequence[SqlValue]]] = []
        if integration is not None:
            clauses.append(("integration = ?", [integration]))
        if start is not None:
            clauses.append(("ts >= ?", [start]))
        if end is not None:
            clauses.append(("ts <= ?", [end]))
        where, params = _where(clauses)
        rows = self.read(
            "SELECT id, ts, integration, method, content_type, query, metadata, body, status FROM uplinks"
            f"{where} ORDER BY id DESC LIMIT ?",
            [*params, -1 if limit is None else int(limit)],
        )
        rows.reverse()
        return rows

    def stats_rows(self) -> list[Row]:
        """``(integration, processed, errors)`` per integration, by name."""
        return self.read("SELECT integration, processed, errors FROM stats ORDER BY integration")

    def counters(self, integration: str | None = None) -> tuple[int, int]:
        """``(processed, errors)`` of one integration, or summed over all."""
        sql, params = (
            (_STATS_TOTAL, ()) if integration is None else (_STATS_TOTAL + " WHERE integration = ?", (integration,))
        )
        processed, errors = self.read(sql, params)[0]
        return int(processed), int(errors)

    def saved_integrations(self) -> list[tuple[str, str, str | None]]:
        """``(document, uplink, downlink)`` JSON texts of the saved integrations, oldest first."""
        rows = self.read("SELECT document, uplink, downlink FROM integrations ORDER BY created_ts")
        return [(str(d), str(u), None if down is None else str(down)) for d, u, down in rows]
