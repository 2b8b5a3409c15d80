"""The store as pandas DataFrames: devices, attributes, telemetry, events, downlinks; and a replay's.

>>> import tbkit
>>> db = tbkit.open(":memory:")
>>> list(db.telemetry().columns)
['entity', 'entity_type', 'ts', 'key', 'value', 'data_type']
>>> db.close()
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._replay_html import replay_html
from .integration.events import parse_body
from .replay import Replay, Verdict
from .store import Store
from .store.queries import Row
from .store.values import BOOLEAN, KIND_NAMES

__all__ = ["ReplayFrame", "StoreFrames", "StoreHandle", "open", "replay_frame"]

TimeLike = datetime | pd.Timestamp | str | int | float | None


_DATA_TYPES = np.array([KIND_NAMES[k] for k in sorted(KIND_NAMES)], dtype=object)  # kind code -> ThingsBoard type


def _ms(value: TimeLike) -> int | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return int(stamp.value // 1_000_000)


_Ints = npt.NDArray[np.int64]


def _times(values: pd.Series) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="float64"), unit="ms", utc=True)


def _names(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


class StoreFrames:
    """DataFrame readers over ``self.store`` (mixed into the store handle and the kit)."""

    store: Store

    def devices(self, entity_type: str | None = "DEVICE") -> pd.DataFrame:
        """Devices (or assets with ``entity_type="ASSET"``, or both with None)."""
        rows = self.store.entity_rows(entity_type)
        frame = pd.DataFrame(
            rows, columns=["name", "entity_type", "type", "label", "customer", "group", "integration", "created"]
        )
        frame["created"] = _times(frame["created"])
        return frame

    def attributes(self, entity: str | Iterable[str] | None = None, scope: str | None = None) -> pd.DataFrame:
        """Attributes: one row per entity, scope and key, with typed values and ThingsBoard's ``data_type``
        of each (BOOLEAN, LONG, DOUBLE, STRING or JSON)."""
        from .models import AttributeScope

        rows = self.store.attribute_rows(_names(entity), AttributeScope.parse(scope).value if scope else None)
        data = [
            (n, t, s, k, bool(v) if kind == BOOLEAN else v, KIND_NAMES[kind], ts) for n, t, s, k, kind, v, ts in rows
        ]
        frame = pd.DataFrame(
            data, columns=["entity", "entity_type", "scope", "key", "value", "data_type", "last_update"]
        )
        frame["last_update"] = _times(frame["last_update"])
        return frame

    def telemetry(
        self,
        entity: str | Iterable[str] | None = None,
        keys: str | Iterable[str] | None = None,
        start: TimeLike = None,
        end: TimeLike = None,
        wide: bool = False,
    ) -> pd.DataFrame:
        """Telemetry in long form (entity, entity_type, ts, key, value, and ``data_type``: ThingsBoard's
        type of the value, BOOLEAN, LONG, DOUBLE, STRING or JSON), or ``wide=True``: indexed by ts, an
        ``entity`` column, then one column per key (the same columns for one device or many)."""
        # Integer columns only: no joins and no ORDER BY in SQL (SQLite's sort of a million
        # joined rows cost more than the fetch); names are looked up and rows sorted in numpy.
        rows, packed = self.store.telemetry_rows(_names(entity), _names(keys), _ms(start), _ms(end))
        frame = _telemetry_frame(rows, packed, self.store.entity_index(), self.store.key_index())
        if (frame["kind"] == BOOLEAN).any():
            flags = frame["kind"] == BOOLEAN
            frame["value"] = frame["value"].astype(object)
            frame.loc[flags, "value"] = frame.loc[flags, "value"].map(bool)
        frame["data_type"] = _DATA_TYPES[frame["kind"].to_numpy(dtype="int64")]  # vectorised: a million rows
        frame = frame.drop(columns="kind")
        frame["ts"] = _times(frame["ts"])
        return _wide(frame) if wide else frame

    def events(self, event_type: str | None = None, integration: str | None = None, limit: int = 1000) -> pd.DataFrame:
        """Debug events, newest first, with their fields (In/Out/Metadata/Error...) as columns."""
        rows = self.store.event_rows(event_type, integration, limit)
        records = [
            {
                "id": r[0],
                "ts": r[1],
                "event_type": r[2],
                "source": r[3],
                "name": r[4],
                "integration": r[5],
                "status": r[6],
                **parse_body(r[7]),
            }
            for r in rows
        ]
        base = ["id", "ts", "event_type", "source", "name", "integration", "status"]
        frame = pd.DataFrame.from_records(records, columns=None if records else base)
        frame["ts"] = _times(frame["ts"])
        return frame

    def downlinks(self, integration: str | None = None) -> pd.DataFrame:
        """Downlink messages with their status: PENDING, DELIVERED, FAILED, DISCARDED, REPLACED."""
        rows = self.store.downlink_rows(integration)
        columns = [
            "id",
            "integration",
            "device",
            "msg_type",
            "msg",
            "metadata",
            "status",
            "created",
            "done",
            "response",
            "error",
        ]
        frame = pd.DataFrame(rows, columns=columns)
        frame["msg"] = frame["msg"].map(json.loads)
        frame["metadata"] = frame["metadata"].map(json.loads)
        frame["created"] = _times(frame["created"])
        frame["done"] = _times(frame["done"])
        return frame

    def uplinks(
        self, integration: str | None = None, limit: int | None = None, start: TimeLike = None, end: TimeLike = None
    ) -> pd.DataFrame:
        """Recorded uplinks, oldest first: every request that reached a converter, as it came.

        Columns: ``id``, ``ts``, ``integration``, ``method``, ``content_type``, ``query``,
        ``metadata`` (a dict, exactly what the converter got), ``body`` (bytes) and ``status``
        (the endpoint's answer). ``limit`` keeps the newest ones; ``start``/``end`` bound ``ts``.
        """
        rows = self.store.uplink_rows(
            integration, limit, None if start is None else _ms(start), None if end is None else _ms(end)
        )
        columns = ["id", "ts", "integration", "method", "content_type", "query", "metadata", "body", "status"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["content_type"] = frame["content_type"].astype(object).where(frame["content_type"].notna(), None)
        frame["metadata"] = frame["metadata"].map(json.loads)
        frame["body"] = frame["body"].map(bytes)
        frame["ts"] = _times(frame["ts"])
        return frame

    def stats(self) -> pd.DataFrame:
        """Per-integration counters: messagesProcessed and errorsOccurred (ThingsBoard's STATS)."""
        rows = self.store.stats_rows()
        return pd.DataFrame(rows, columns=["integration", "messagesProcessed", "errorsOccurred"])


def _columns(rows: list[Row], packed: bool) -> tuple[_Ints, _Ints, _Ints, _Ints, npt.NDArray[np.object_]]:
    """Entity ids, key ids, kinds, timestamps and values of telemetry rows, packed or not.

    Packed rows carry ``entity_id << 24 | key_id << 4 | kind`` in one integer (three
    columns instead of five); the store packs them only while every id fits.
    """
    import numpy as np

    width = 3 if packed else 5
    table = np.array(rows, dtype=object).reshape(len(rows), width)
    if packed:
        code = table[:, 0].astype(np.int64)
        return code >> 24, (code >> 4) & 0xFFFFF, code & 15, table[:, 1].astype(np.int64), table[:, 2]
    ints = table[:, :4].astype(np.int64)
    return ints[:, 0], ints[:, 1], ints[:, 2], ints[:, 3], table[:, 4]


def _telemetry_frame(rows: list[Row], packed: bool, entities: list[Row], keys: list[Row]) -> pd.DataFrame:
    """Long telemetry from the store's telemetry rows, sorted by ts, entity, key."""
    import numpy as np

    eid, kid, kinds, ts, values = _columns(rows, packed)
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
    return pd.DataFrame(
        {
            "entity": pd.Series(names[eid], dtype="str"),
            "entity_type": pd.Series(types[eid], dtype="str"),
            "ts": ts[order],
            "key": pd.Series(knames[kid], dtype="str"),
            "kind": kinds[order],
            "value": pd.Series(values[order]).infer_objects(),
        }
    )


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


_REPLAY_COLUMNS = ["ts", "device", "before", "after", "changed", "error_before", "error_after"]


def replay_frame(replay: Replay) -> pd.DataFrame:
    """One row per replayed uplink: ts, device, before, after, changed, error_before, error_after."""
    rows = [_replay_row(replay, i) for i in range(replay.done)]
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in rows], dtype=bool if c == "changed" else object) for c in _REPLAY_COLUMNS},
        columns=_REPLAY_COLUMNS,
    )


def _replay_row(replay: Replay, index: int) -> dict[str, object]:
    before, after = replay.outcome(index)
    plain_before, plain_after = replay.outputs(index)
    return {
        "ts": replay.uplinks[index].ts,
        "device": replay.device(index),
        "before": plain_before,
        "after": plain_after,
        "changed": replay.verdict(index) != Verdict.SAME,
        "error_before": None if isinstance(before, list) else str(before),
        "error_after": None if isinstance(after, list) else str(after),
    }


class ReplayFrame(Replay):
    """A :class:`~tbkit.replay.Replay` as a notebook shows it: :attr:`frame`, and its summary and first
    differences as HTML (what :meth:`tbkit.Kit.replay` and the editor's Replay button give)."""

    @property
    def frame(self) -> pd.DataFrame:
        """One row per replayed uplink (see :func:`replay_frame`)."""
        return replay_frame(self)

    def _repr_html_(self) -> str:
        return replay_html(self, first=5)
