"""Concurrent async calls on one event loop, sent to V8 together (an uplink converter's ``run_async``)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

__all__ = ["Batcher"]

ItemT = TypeVar("ItemT")
R = TypeVar("R")


class Batcher(Generic[ItemT, R]):
    """Collects the calls made on one loop while a V8 call runs, and sends them as the next one.

    ``run(items)`` makes one V8 call for up to ``chunk`` items and returns a result per item.
    The batcher keeps no reference to its loop (converters key their batchers weakly by loop)
    and keeps its running drain task, so the task is not garbage-collected mid-run. No
    exception ends the drain with a caller left waiting: a failed call fails its chunk's
    waiters and the drain goes on; a cancelled drain cancels the calls still queued.
    """

    def __init__(self, run: Callable[[list[ItemT]], Awaitable[list[R]]], chunk: int) -> None:
        self.run = run
        self.chunk = chunk
        self.pending: list[tuple[ItemT, asyncio.Future[R]]] = []
        self.task: asyncio.Task[None] | None = None

    async def submit(self, item: ItemT) -> R:
        """Queue one call and wait for its result."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self.pending.append((item, future))
        if self.task is None:
            self.task = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self.pending:
                chunk, self.pending = self.pending[: self.chunk], self.pending[self.chunk :]
                await self._send(chunk)
        finally:
            self.task = None
            self._cancel_pending()  # stopped early (the task was cancelled): nobody would send these

    def _cancel_pending(self) -> None:
        waiting, self.pending = self.pending, []
        for _, future in waiting:
            future.cancel()

    async def _send(self, chunk: list[tuple[ItemT, asyncio.Future[R]]]) -> None:
        """One V8 call for ``chunk``; every waiter gets its result or the failure, whatever happens."""
        try:
            results = await self.run([item for item, _ in chunk])
            if len(results) != len(chunk):
                raise RuntimeError(f"{len(results)} results for {len(chunk)} calls")
        except BaseException as exc:  # deliver the failure to every waiter, never drop it
            for _, future in chunk:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for (_, future), result in zip(chunk, results, strict=True):
            if not future.done():
                future.set_result(result)
