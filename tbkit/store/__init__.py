"""The embedded SQLite store: devices, attributes, telemetry, debug events, integrations.

One file (WAL mode) or ``":memory:"``. Writes go through one writer thread that commits
queued jobs in groups (see :mod:`tbkit.store.writer`); a write returns after the commit
that holds it. With the default ``durability="normal"`` a commit survives a killed process
or kernel; ``"full"`` also survives a power cut (one fsync per group).

Change feed: :meth:`Store.subscribe` callbacks get, after each commit, a list of
:data:`~tbkit.store.changes.Change` values (frozen dataclasses: ``EntityCreated``,
``AttributesSaved``, ``TelemetrySaved``, ``EventStored``, ``UplinkAccepted``,
``UplinkRefused``, ``DownlinkQueued``, ``DownlinksAnswered``). Every request that reached a
converter is recorded (:mod:`tbkit.store.uplinks`) with its uplink's writes. Write jobs are
``job(conn, context)`` with a :class:`~tbkit.store.changes.WriteContext`; reads go through
named methods (:mod:`tbkit.store.queries`).

>>> store = Store(":memory:")
>>> store.read("SELECT COUNT(*) FROM entities")
[(0,)]
>>> store.close()
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

from ..errors import StoreError
from . import downlinks, ops
from .changes import Change, WriteContext
from .ops import Entity, EventRecord, bump_stats, insert_events, prune_events
from .queries import Row, SqlValue, StoreQueries
from .schema import SCHEMA_VERSION, migrate
from .uplinks import UplinkRecord, prune_uplinks, record_uplink
from .writer import Writer

__all__ = ["Change", "EventRecord", "SCHEMA_VERSION", "Store", "WriteContext", "now_ms"]

_memory_ids = itertools.count(1)
T = TypeVar("T")
TypedJob = Callable[[sqlite3.Connection, WriteContext], T]


def now_ms() -> int:
    """The current time in epoch milliseconds."""
    return time.time_ns() // 1_000_000


class Store(StoreQueries):
    """A tbkit database.

    Parameters
    ----------
    path:
        The SQLite file (created when missing), or ``":memory:"``.
    durability:
        ``"normal"`` (survives a killed process) or ``"full"`` (also a power cut).
    max_events:
        The most debug events kept; the oldest are deleted in steps as new ones arrive.
    max_uplinks:
        The most recorded uplinks kept (requests that reached a converter, for replays); the
        oldest are deleted in steps. ``0`` records none.
    """

    def __init__(
        self,
        path: str | Path = "tbkit.db",
        *,
        durability: str = "normal",
        max_events: int = 20_000,
        max_uplinks: int = 100_000,
    ) -> None:
        if durability not in ("normal", "full"):
            raise ValueError(f"durability must be 'normal' or 'full', got {durability!r}")
        self.path = str(path)
        self.memory = self.path == ":memory:"
        self.durability = durability
        self.max_events = max_events
        if max_uplinks < 0:
            raise ValueError(f"max_uplinks must be 0 or more, got {max_uplinks}")
        self.max_uplinks = max_uplinks
        self._uri = (
            f"file:tbkit-memory-{next(_memory_ids)}?mode=memory&cache=shared"
            if self.memory
            else Path(self.path).absolute().as_uri()
        )
        self._local = threading.local()
        self._keys: dict[str, int] = {}
        self._entities: dict[tuple[str, str], Entity] = {}
        self._events_since_prune = 0
        self._uplinks_since_prune = 0
        self._keeper: sqlite3.Connection | None = self._connect() if self.memory else None
        self._writer = Writer(self._connect_writer, before_commit=self._before_commit, on_rollback=self._forget)

    # -- connections ---------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self._uri, uri=True, isolation_level=None, check_same_thread=False, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path!r}: {exc}") from None
        return conn

    def _connect_writer(self) -> sqlite3.Connection:
        conn = self._connect()
        if not self.memory:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(f"PRAGMA synchronous = {self.durability.upper()}")
        conn.execute("PRAGMA foreign_keys = OFF")
        migrate(conn)
        return conn

    def _reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
            if self.memory:
                conn.execute("PRAGMA read_uncommitted = OFF")
        return conn

    # -- writing -------------------------------------------------------------------------------
    def submit(self, job: TypedJob[T]) -> Future[T]:
        """Queue a write job ``job(conn, context)``; the future resolves after its commit."""
        return self._writer.submit(self._guard(job))

    def submit_async(self, job: TypedJob[T]) -> asyncio.Future[T]:
        """:meth:`submit` from async code: an asyncio future of the running loop (await it)."""
        return self._writer.submit_async(self._guard(job), asyncio.get_running_loop())

    def call(self, job: TypedJob[T]) -> T:
        """Run a write job and wait for its commit."""
        return self.submit(job).result()

    def _guard(self, job: TypedJob[T]) -> TypedJob[T]:
        def guarded(conn: sqlite3.Connection, context: WriteContext) -> T:
            try:
                return job(conn, context)
            except BaseException:
                self._forget()
                raise

        return guarded

    def _forget(self) -> None:
        """Ids cached inside a rolled-back transaction are void."""
        self._keys.clear()
        self._entities.clear()

    @property
    def key_cache(self) -> dict[str, int]:
        """Telemetry key ids, for write jobs (used on the writer thread only)."""
        return self._keys

    @property
    def entity_cache(self) -> dict[tuple[str, str], Entity]:
        """Entities by ``(entity_type, name)``, for write jobs (writer thread only)."""
        return self._entities

    def add_events(self, conn: sqlite3.Connection, events: list[EventRecord], context: WriteContext) -> None:
        """Record events from a write job; they are inserted with the job's commit group.

        Events of a job that fails are dropped with it (they travel in the job's context).
        """
        context.add_events(events)

    def _before_commit(self, conn: sqlite3.Connection, context: WriteContext) -> None:
        """Once per commit group: insert the events and add up the counters the jobs produced."""
        events = context.events
        if events:
            insert_events(conn, events)
            self._events_since_prune += len(events)
            slack = min(256, max(1, self.max_events // 10))
            if self._events_since_prune >= slack:  # prune in steps, never above max_events
                self._events_since_prune = 0
                prune_events(conn, self.max_events - slack)
        for integration, counts in context.counters.items():
            bump_stats(conn, integration, counts.processed, counts.errors)
        if context.recorded:
            self._uplinks_since_prune += context.recorded
            slack = min(256, max(1, self.max_uplinks // 10))
            if self._uplinks_since_prune >= slack:  # prune in steps, never above max_uplinks
                self._uplinks_since_prune = 0
                prune_uplinks(conn, self.max_uplinks - slack)

    def record_uplink(self, conn: sqlite3.Connection, record: UplinkRecord, context: WriteContext) -> int | None:
        """Inside a write job: keep ``record`` for replays (None when ``max_uplinks`` is 0)."""
        if not self.max_uplinks:
            return None
        context.recorded += 1
        return record_uplink(conn, record)

    def subscribe(self, callback: Callable[[list[Change]], None]) -> Callable[[], None]:
        """Call ``callback(changes)`` on the writer thread after each commit (keep it quick)."""
        return self._writer.subscribe(callback)

    # -- named writes --------------------------------------------------------------------------
    def recover_downlinks(self) -> None:
        """Messages taken but never answered (a crash mid-request) go back to PENDING."""
        self.call(lambda conn, _context: downlinks.recover_downlinks(conn))

    def save_integration(
        self, name: str, routing_key: str, enabled: bool, documents: tuple[str, str, str | None]
    ) -> None:
        """Save an integration's ThingsBoard JSON ``(integration, uplink, downlink)``."""
        now = now_ms()
        self.call(lambda conn, _context: ops.save_integration(conn, name, routing_key, enabled, documents, now))

    def delete_integration(self, name: str) -> None:
        """Forget a saved integration (its devices and data stay)."""
        self.call(lambda conn, _context: ops.delete_integration(conn, name))

    # -- reading -------------------------------------------------------------------------------
    def read(self, sql: str, params: Sequence[SqlValue] = ()) -> list[Row]:
        """Run a read-only query on a committed snapshot; parameters only, never formatted SQL."""
        if self.memory:  # a shared-cache memory database is read on the writer's connection
            return self._writer.call(lambda conn, _context: conn.execute(sql, params).fetchall())
        conn = self._reader()
        conn.execute("BEGIN")
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.execute("COMMIT")

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` answer (``"ok"`` when sound)."""
        return str(self.read("PRAGMA integrity_check")[0][0])

    def close(self) -> None:
        """Finish queued writes and close the database."""
        self._writer.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<tbkit Store {self.path!r}>"
