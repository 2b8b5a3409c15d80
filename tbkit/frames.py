"""The store as pandas DataFrames: devices, attributes, telemetry, events, downlinks.

>>> import tbkit
>>> db = tbkit.open(":memory:")
>>> list(db.telemetry().columns)
['entity', 'entity_type', 'ts', 'key', 'value']
>>> db.close()
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .store import Store
from .store.values import BOOLEAN

__all__ = ["StoreFrames", "StoreHandle", "open"]

TimeLike = datetime | pd.Timestamp | str | int | float | None


def _ms(value: TimeLike) -> int | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return int(stamp.value // 1_000_000)


def _times(values: Any) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="float64"), unit="ms", utc=True)


def _names(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _where(clauses: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    parts, params = [], []
    for sql, values in clauses:
        parts.append(sql)
        params.extend(values)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _in(column: str, values: list[str] | None) -> list[tuple[str, list[Any]]]:
    if values is None:
        return []
    return [(f"{column} IN ({', '.join('?' * len(values))})", list(values))]


class StoreFrames:
    """DataFrame readers over ``self.store`` (mixed into the store handle and the kit)."""

    store: Store

    def devices(self, entity_type: str | None = "DEVICE") -> pd.DataFrame:
        """Devices (or assets with ``entity_type="ASSET"``, or both with None)."""
        where, params = _where([("entity_type = ?", [entity_type])] if entity_type else [])
        rows = self.store.read(
            "SELECT name, entity_type, type, label, customer, group_name, integration, created_ts"
            f" FROM entities{where} ORDER BY id", params,
        )
        frame = pd.DataFrame(rows, columns=["name", "entity_type", "type", "label", "customer", "group",
                                            "integration", "created"])
        frame["created"] = _times(frame["created"])
        return frame

    def attributes(self, entity: str | Iterable[str] | None = None, scope: str | None = None) -> pd.DataFrame:
        """Attributes: one row per entity, scope and key, with typed values."""
        from .models import AttributeScope

        clauses = _in("e.name", _names(entity))
        if scope is not None:
            clauses.append(("a.scope = ?", [AttributeScope.parse(scope).value]))
        where, params = _where(clauses)
        rows = self.store.read(
            "SELECT e.name, e.entity_type, a.scope, a.key, a.kind, a.value, a.last_update_ts FROM attributes a"
            f" JOIN entities e ON e.id = a.entity_id{where} ORDER BY e.name, a.scope, a.key", params,
        )
        data = [(n, t, s, k, bool(v) if kind == BOOLEAN else v, ts) for n, t, s, k, kind, v, ts in rows]
        frame = pd.DataFrame(data, columns=["entity", "entity_type", "scope", "key", "value", "last_update"])
        frame["last_update"] = _times(frame["last_update"])
        return frame

    def telemetry(self, entity: str | Iterable[str] | None = None, keys: str | Iterable[str] | None = None,
                  start: TimeLike = None, end: TimeLike = None, wide: bool = False) -> pd.DataFrame:
        """Telemetry in long form (entity, entity_type, ts, key, value), or ``wide=True``: indexed by
        ts, an ``entity`` column, then one column per key (the same columns for one device or many)."""
        clauses = _in("e.name", _names(entity)) + _in("k.key", _names(keys))
        if start is not None:
            clauses.append(("t.ts >= ?", [_ms(start)]))
        if end is not None:
            clauses.append(("t.ts <= ?", [_ms(end)]))
        where, params = _where(clauses)
        # Integer columns only: no joins and no ORDER BY in SQL (SQLite's sort of a million
        # joined rows cost more than the fetch); names are looked up and rows sorted in numpy.
        rows = self.store.read(
            _PACKED + " JOIN entities e ON e.id = t.entity_id JOIN keys k ON k.id = t.key_id" + where
            if where else _PACKED, params,
        )
        frame = _telemetry_frame(rows, self.store.read("SELECT id, name, entity_type FROM entities"),
                                 self.store.read("SELECT id, key FROM keys"))
        if (frame["kind"] == BOOLEAN).any():
            flags = frame["kind"] == BOOLEAN
            frame["value"] = frame["value"].astype(object)
            frame.loc[flags, "value"] = frame.loc[flags, "value"].map(bool)
        frame = frame.drop(columns="kind")
        frame["ts"] = _times(frame["ts"])
        return _wide(frame) if wide else frame

    def events(self, event_type: str | None = None, integration: str | None = None, limit: int = 1000) -> pd.DataFrame:
        """Debug events, newest first, with their fields (In/Out/Metadata/Error...) as columns."""
        clauses = []
        if event_type is not None:
            clauses.append(("event_type = ?", [event_type]))
        if integration is not None:
            clauses.append(("integration = ?", [integration]))
        where, params = _where(clauses)
        rows = self.store.read(
            f"SELECT id, ts, event_type, source, name, integration, status, body FROM events{where}"
            " ORDER BY id DESC LIMIT ?", [*params, int(limit)],
        )
        records = [{"id": r[0], "ts": r[1], "event_type": r[2], "source": r[3], "name": r[4],
                    "integration": r[5], "status": r[6], **json.loads(r[7])} for r in rows]
        base = ["id", "ts", "event_type", "source", "name", "integration", "status"]
        frame = pd.DataFrame.from_records(records, columns=None if records else base)
        frame["ts"] = _times(frame["ts"])
        return frame

    def downlinks(self, integration: str | None = None) -> pd.DataFrame:
        """Downlink messages with their status: PENDING, DELIVERED, FAILED, DISCARDED, REPLACED."""
        where, params = _where([("d.integration = ?", [integration])] if integration else [])
        rows = self.store.read(
            "SELECT d.id, d.integration, e.name, d.msg_type, d.msg, d.metadata, d.status, d.created_ts,"
            " d.done_ts, d.response, d.error FROM downlinks d JOIN entities e ON e.id = d.entity_id"
            f"{where} ORDER BY d.id", params,
        )
        columns = ["id", "integration", "device", "msg_type", "msg", "metadata", "status", "created", "done",
                   "response", "error"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["msg"] = frame["msg"].map(json.loads)
        frame["metadata"] = frame["metadata"].map(json.loads)
        frame["created"] = _times(frame["created"])
        frame["done"] = _times(frame["done"])
        return frame

    def stats(self) -> pd.DataFrame:
        """Per-integration counters: messagesProcessed and errorsOccurred (ThingsBoard's STATS)."""
        rows = self.store.read("SELECT integration, processed, errors FROM stats ORDER BY integration")
        return pd.DataFrame(rows, columns=["integration", "messagesProcessed", "errorsOccurred"])


# three columns per row, not five: entity id, key id and kind packed in one integer
_PACKED = "SELECT (t.entity_id << 24) | (t.key_id << 4) | t.kind, t.ts, t.value FROM telemetry t"


def _telemetry_frame(rows: list[tuple[Any, ...]], entities: list[tuple[Any, ...]],
                     keys: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Long telemetry from ``(entity_id, key_id, ts, kind, value)`` rows, sorted by ts, entity, key."""
    import numpy as np

    table = np.array(rows, dtype=object).reshape(len(rows), 3)
    packed, ts = table[:, 0].astype(np.int64), table[:, 1].astype(np.int64)
    eid, kid, kinds = packed >> 24, (packed >> 4) & 0xFFFFF, packed & 15
    size = max([i for i, *_ in entities] + [0]) + 1
    names, types, erank = np.empty(size, object), np.empty(size, object), np.zeros(size, np.int64)
    for rank, (ident, name, kind) in enumerate(sorted(entities, key=lambda e: e[1])):
        names[ident], types[ident], erank[ident] = name, kind, rank
    size = max([i for i, _ in keys] + [0]) + 1
    knames, krank = np.empty(size, object), np.zeros(size, np.int64)
    for rank, (ident, key) in enumerate(sorted(keys, key=lambda k: k[1])):
        knames[ident], krank[ident] = key, rank
    order = np.lexsort((krank[kid], erank[eid], ts))  # stable: ORDER BY ts, name, key
    eid, kid = eid[order], kid[order]
    return pd.DataFrame({
        "entity": pd.Series(names[eid], dtype="str"), "entity_type": pd.Series(types[eid], dtype="str"),
        "ts": ts[order], "key": pd.Series(knames[kid], dtype="str"),
        "kind": kinds[order], "value": pd.Series(table[order, 2]).infer_objects(),
    })


def _wide(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (ts, entity), one column per key; ``entity`` is always a column."""
    if frame.empty:
        return pd.DataFrame({"entity": pd.Series(dtype="str")}, index=pd.DatetimeIndex([], tz="UTC", name="ts"))
    wide = frame.pivot_table(index=["ts", "entity"], columns="key", values="value", aggfunc="last")
    wide.columns.name = None
    return wide.reset_index(level="entity")


class StoreHandle(StoreFrames):
    """A store opened for reading and writing, with DataFrame views (what :func:`open` returns)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> StoreHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<tbkit store {self.store.path!r}>"


def open(path: str | Path = "tbkit.db", **options: Any) -> StoreHandle:  # noqa: A001
    """Open (or create) a tbkit store and read it as DataFrames."""
    return StoreHandle(Store(path, **options))
