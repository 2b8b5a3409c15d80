"""The private loop every V8 context tbkit makes is bound to, on its own daemon thread."""

from __future__ import annotations

import asyncio
import atexit
import threading
import weakref
from collections.abc import Callable
from typing import Protocol, TypeVar

from ._miniracer import init_v8

__all__ = ["Engine", "get_engine"]

_T = TypeVar("_T")


class Closable(Protocol):
    """What the engine closes at interpreter exit."""

    def close(self) -> None: ...


class Engine:
    """The private loop all V8 contexts are bound to, and their clean shutdown.

    V8 is initialised before the engine's thread starts, and every context is created and
    freed on that thread: V8 (with memory protection keys) crashes when a thread that
    existed before its initialisation creates an isolate, and in a Jupyter kernel or a
    server most threads predate the first converter.
    """

    def __init__(self) -> None:
        init_v8()
        self.loop = asyncio.new_event_loop()
        self.scripts: weakref.WeakSet[Closable] = weakref.WeakSet()
        self.thread = threading.Thread(target=self.loop.run_forever, name="tbkit-v8", daemon=True)
        self.thread.start()
        atexit.register(self.shutdown)

    def run(self, function: Callable[[], _T]) -> _T:
        """Run ``function`` on the engine thread and return its result."""
        if threading.current_thread() is self.thread:
            return function()

        async def call() -> _T:
            return function()

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result()

    def shutdown(self) -> None:
        # mini-racer hangs at interpreter exit if a context is left open: close them all.
        for script in list(self.scripts):
            script.close()


_engine: Engine | None = None
_engine_lock = threading.Lock()


def get_engine() -> Engine:
    """The process's engine, started on first use."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = Engine()
        return _engine
