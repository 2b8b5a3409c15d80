"""One writer thread per database, committing queued jobs in groups.

A job is a function ``job(conn, context)`` of the write connection and a
:class:`~tbkit.store.changes.WriteContext`. The writer takes every job waiting and runs them
in one transaction; if one fails (any exception, its own or one inserting the events it
recorded), it rolls back and runs them again each inside its own SAVEPOINT, so a failing job
rolls back alone (jobs must only touch the database). It commits once, and only then resolves
the jobs' futures: a caller that saw its future succeed knows its rows are committed (durable
against a killed process in WAL mode), and readers never see a job half done. When the
transaction itself fails (BEGIN or COMMIT), every job of the group gets that error and the
writer goes on with the next group: no exception ends the thread. Subscribers get each
committed group's changes (:mod:`tbkit.store.changes`) on the writer thread.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, Protocol, TypeVar

from .changes import Change, WriteContext

__all__ = ["Job", "Writer"]

T = TypeVar("T")
Job = Callable[[sqlite3.Connection, WriteContext], Any]
"""A queued job: each returns its own type, known only to the waiter it was queued with."""


class Waiter(Protocol):
    """What waits for a job: a :class:`concurrent.futures.Future`, or a loop's :class:`_LoopWaiter`."""

    def set_running_or_notify_cancel(self) -> bool: ...
    def done(self) -> bool: ...
    def set_result(self, result: Any) -> None: ...  # Future[T] for its own job's T
    def set_exception(self, exception: BaseException | None) -> None: ...


_MAX_GROUP = 512
_Done = tuple[list[tuple["Waiter", object, BaseException | None]], WriteContext]
_log = logging.getLogger("tbkit.store")


class Writer:
    """The write side of a store: a thread, a connection and a queue of jobs."""

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        name: str = "tbkit-store",
        before_commit: Callable[[sqlite3.Connection, WriteContext], None] | None = None,
        on_rollback: Callable[[], None] | None = None,
    ) -> None:
        self._before_commit = before_commit
        self._on_rollback = on_rollback
        self._jobs: queue.SimpleQueue[tuple[Job, Waiter] | None] = queue.SimpleQueue()
        self._subscribers: list[Callable[[list[Change]], None]] = []
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(connect,), name=name, daemon=True)
        self._closed = False
        self._thread.start()
        self._ready.result()

    def submit(self, job: Callable[[sqlite3.Connection, WriteContext], T]) -> Future[T]:
        """Queue a job; its future resolves after the commit that holds its writes."""
        future: Future[T] = Future()
        self._enqueue(job, future)
        return future

    def submit_async(
        self, job: Callable[[sqlite3.Connection, WriteContext], T], loop: asyncio.AbstractEventLoop
    ) -> asyncio.Future[T]:
        """Queue a job from code running on ``loop``; await the result there.

        The writer wakes each loop once per committed group (not once per job), which is
        what a server with many uplinks in flight needs.
        """
        waiter: _LoopWaiter[T] = _LoopWaiter(loop)
        self._enqueue(job, waiter)
        return waiter.future

    def _enqueue(self, job: Job, waiter: Waiter) -> None:
        if not self._closed:
            self._jobs.put((job, waiter))
            return
        waiter.set_exception(RuntimeError("the store is closed"))
        if isinstance(waiter, _LoopWaiter):
            _deliver([waiter])  # submit_async runs on the waiter's loop: deliver at once

    def call(self, job: Callable[[sqlite3.Connection, WriteContext], T]) -> T:
        """Run a job and wait for its commit; its exception is raised here."""
        return self.submit(job).result()

    def subscribe(self, callback: Callable[[list[Change]], None]) -> Callable[[], None]:
        """Call ``callback(changes)`` after each commit; returns a function that unsubscribes."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    def close(self) -> None:
        """Finish queued jobs, then stop the thread and close the connection."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)
            self._thread.join()

    # -- the thread ----------------------------------------------------------------------------
    def _run(self, connect: Callable[[], sqlite3.Connection]) -> None:
        try:
            conn = connect()
        except BaseException as exc:
            self._ready.set_exception(exc)
            return
        self._ready.set_result(None)
        try:
            while True:
                first = self._jobs.get()
                group = [first] if first is not None else []
                stop = first is None
                while not stop and len(group) < _MAX_GROUP:
                    try:
                        item = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if item is None:
                        stop = True
                    else:
                        group.append(item)
                if group:
                    self._guarded(conn, group)
                if stop:
                    return
        finally:
            conn.close()

    def _guarded(self, conn: sqlite3.Connection, group: list[tuple[Job, Waiter]]) -> None:
        try:
            self._commit_group(conn, group)
        except BaseException as exc:  # a bug of the writer's own: still, no caller waits forever
            _log.exception("store writer failed on a group of %d jobs", len(group))
            self._abandon(conn, group, exc)

    def _commit_group(self, conn: sqlite3.Connection, group: list[tuple[Job, Waiter]]) -> None:
        runnable = [(job, future) for job, future in group if future.set_running_or_notify_cancel()]
        try:
            outcomes, context = self._write(conn, runnable)
        except BaseException as exc:  # BEGIN or COMMIT failed: nothing of the group is stored
            self._abandon(conn, group, exc)
            return
        for future, result, error in outcomes:
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)
        _wake(group)
        self._notify(context.changes)

    def _write(self, conn: sqlite3.Connection, runnable: list[tuple[Job, Waiter]]) -> _Done:
        """The group in one transaction, committed; jobs apart in savepoints when one of them fails."""
        conn.execute("BEGIN IMMEDIATE")
        done = self._run_together(conn, runnable)
        if done is None:  # a job, or what it gave the commit to insert, failed: start again, each job apart
            conn.execute("ROLLBACK")
            self._forget()
            conn.execute("BEGIN IMMEDIATE")
            done = self._run_apart(conn, runnable)
        conn.execute("COMMIT")
        return done

    def _abandon(self, conn: sqlite3.Connection, group: list[tuple[Job, Waiter]], error: BaseException) -> None:
        """Roll back, fail every job of the group with ``error``; the writer goes on with the next group."""
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except BaseException:  # the connection is gone: the next group's BEGIN says so to its callers
            _log.exception("rollback after a failed commit group failed")
        self._forget()
        for _, future in group:
            if not future.done():
                future.set_exception(error)
        _wake(group)

    def _forget(self) -> None:
        if self._on_rollback is not None:
            self._on_rollback()

    def _notify(self, changes: list[Change]) -> None:
        if changes:
            for callback in list(self._subscribers):
                try:
                    callback(changes)
                except BaseException:  # a broken subscriber must not stop the writer
                    _log.exception("store subscriber %r failed", callback)

    def _run_together(self, conn: sqlite3.Connection, runnable: list[tuple[Job, Waiter]]) -> _Done | None:
        """The fast path: every job in the one transaction, then the group's commit rows; None if any fails."""
        outcomes: list[tuple[Waiter, object, BaseException | None]] = []
        context = WriteContext()
        try:
            for job, future in runnable:
                outcomes.append((future, job(conn, context), None))
            self._before(conn, context)
        except BaseException:
            return None
        return outcomes, context

    def _run_apart(self, conn: sqlite3.Connection, runnable: list[tuple[Job, Waiter]]) -> _Done:
        """Each job in its own savepoint with its own commit rows: a failing job rolls back alone."""
        outcomes: list[tuple[Waiter, object, BaseException | None]] = []
        context = WriteContext()
        for job, future in runnable:
            conn.execute("SAVEPOINT job")
            mine = WriteContext()
            try:
                result = job(conn, mine)
                self._before(conn, mine)
            except BaseException as exc:  # any exception: the job's, or an event of it that is not JSON
                conn.execute("ROLLBACK TO job")
                conn.execute("RELEASE job")
                self._forget()
                outcomes.append((future, None, exc))
                continue
            conn.execute("RELEASE job")
            context.merge(mine)
            outcomes.append((future, result, None))
        return outcomes, context

    def _before(self, conn: sqlite3.Connection, context: WriteContext) -> None:
        if self._before_commit is not None and context:
            self._before_commit(conn, context)  # the rows the jobs asked for: events, counters


class _LoopWaiter(Generic[T]):
    """Stands in for a concurrent Future in the queue; its result goes to an asyncio future."""

    __slots__ = ("future", "loop", "outcome")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.future: asyncio.Future[T] = loop.create_future()
        self.outcome: tuple[T | None, BaseException | None] | None = None

    def set_running_or_notify_cancel(self) -> bool:
        return True  # a cancelled awaiter just ignores the result (see _deliver)

    def done(self) -> bool:
        return self.outcome is not None

    def set_result(self, result: T) -> None:
        self.outcome = (result, None)

    def set_exception(self, exception: BaseException | None) -> None:
        self.outcome = (None, exception)


def _wake(group: list[tuple[Job, Waiter]]) -> None:
    """One call_soon_threadsafe per loop for every waiter of the group."""
    by_loop: dict[asyncio.AbstractEventLoop, list[_LoopWaiter[object]]] = {}
    for _, waiter in group:
        if isinstance(waiter, _LoopWaiter):
            by_loop.setdefault(waiter.loop, []).append(waiter)
    for loop, waiters in by_loop.items():
        try:
            loop.call_soon_threadsafe(_deliver, waiters)
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            pass


def _deliver(waiters: list[_LoopWaiter[object]]) -> None:
    for waiter in waiters:
        if waiter.future.done() or waiter.outcome is None:
            continue
        result, error = waiter.outcome
        if error is None:
            waiter.future.set_result(result)
        else:
            waiter.future.set_exception(error)
