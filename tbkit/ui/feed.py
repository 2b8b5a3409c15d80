"""The widgets' shared batching hub over a store's change feed.

One :class:`Feed` per store subscribes once to :meth:`tbkit.store.Store.subscribe`. On the
store's writer thread it only appends each commit's changes to a deque; a few times a second
(every 250 ms by default) it drains the deque on the kernel's event loop and hands every
connected widget **one** list of changes. Whatever the uplink rate, a widget therefore sends
at most one update per flush.

>>> import tbkit
>>> from tbkit.ui.feed import Feed
>>> kit = tbkit.start(db=":memory:", in_thread=True)              # doctest: +SKIP
>>> feed = Feed(kit.store, interval=None)     # manual: call feed.flush() (tests)  # doctest: +SKIP
>>> seen = []; feed.connect(seen.extend)                          # doctest: +SKIP
>>> kit.stop()                                                    # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from ..store.changes import Change

__all__ = ["DEFAULT_INTERVAL", "MAX_PENDING", "Feed", "feed_for", "kernel_loop"]

DEFAULT_INTERVAL = 0.25
MAX_PENDING = 20_000  # commits kept between two flushes; older ones are dropped (see Feed.dropped)

_log = logging.getLogger(__name__)
_feeds: weakref.WeakKeyDictionary[object, Feed] = weakref.WeakKeyDictionary()
_feeds_lock = threading.Lock()

Listener = Callable[[list[Change]], None]


class ChangeSource(Protocol):
    """What a feed reads: a store's changes after each commit."""

    def subscribe(self, callback: Listener) -> Callable[[], None]: ...


def _store_of(source: object) -> Any:  # a store, or a kit or integration holding one
    return getattr(source, "store", source)


def feed_for(source: object) -> Feed:
    """The shared feed of a kit, an integration or a store (made on first use)."""
    store = _store_of(source)
    with _feeds_lock:
        feed = _feeds.get(store)
        if feed is None or feed.closed:
            feed = _feeds[store] = Feed(store)
        return feed


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The IPython kernel's event loop when there is a kernel but none runs in this thread."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    io_loop = getattr(getattr(shell, "kernel", None), "io_loop", None)
    loop = getattr(io_loop, "asyncio_loop", io_loop)
    return loop if isinstance(loop, asyncio.AbstractEventLoop) else None


class Feed:
    """Batches a store's changes for widgets.

    Parameters
    ----------
    store:
        The :class:`tbkit.store.Store` (or anything with ``subscribe``).
    interval:
        Seconds between flushes; ``None`` flushes only when :meth:`flush` is called.
    """

    def __init__(self, store: object, interval: float | None = DEFAULT_INTERVAL) -> None:
        self.store: ChangeSource = _store_of(store)
        self.interval = interval
        self.flushes = 0
        self.dropped = 0
        self.closed = False
        self._pending: deque[list[Change]] = deque()
        self._listeners: list[Callable[[], Listener | None]] = []
        self._lock = threading.Lock()
        self._timer_handle: asyncio.TimerHandle | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._unsubscribe = self.store.subscribe(self._on_changes)

    # -- the writer thread: append and nothing else --------------------------------------------
    def _on_changes(self, changes: list[Change]) -> None:
        if len(self._pending) >= MAX_PENDING:
            self._pending.popleft()
            self.dropped += 1
        self._pending.append(changes)

    # -- listeners -----------------------------------------------------------------------------
    def connect(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` once per flush that has changes; returns a disconnect function.

        Bound methods are held weakly, so a widget that is gone stops listening.
        """
        try:
            ref: Callable[[], Listener | None] = weakref.WeakMethod(listener)
        except TypeError:  # a function or a builtin method: held strongly
            ref = lambda: listener  # noqa: E731
        with self._lock:
            self._listeners.append(ref)
        self._ensure_running()

        def disconnect() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(ref)

        return disconnect

    @property
    def listeners(self) -> int:
        """How many live listeners are connected."""
        return sum(1 for ref in list(self._listeners) if ref() is not None)

    # -- flushing ------------------------------------------------------------------------------
    def flush(self) -> int:
        """Drain the queue and give every listener the changes; returns how many changes."""
        batch: list[Change] = []
        while True:
            try:
                batch.extend(self._pending.popleft())
            except IndexError:
                break
        if not batch:
            return 0
        self.flushes += 1
        with self._lock:
            refs = list(self._listeners)
        for ref in refs:
            listener = ref()
            if listener is None:
                with self._lock, contextlib.suppress(ValueError):
                    self._listeners.remove(ref)
                continue
            try:
                listener(batch)
            except Exception:  # one broken widget must not starve the others
                _log.exception("tbkit.ui listener %r failed", listener)
        return len(batch)

    def _ensure_running(self) -> None:
        if self.interval is None or self.closed or self._timer_handle is not None or self._thread is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._timer_handle = loop.call_later(self.interval, self._tick, loop)
            return
        target = kernel_loop()
        self._thread = threading.Thread(target=self._run_timer, args=(target,), name="tbkit-ui-feed", daemon=True)
        self._thread.start()

    def _tick(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer_handle = None
        if self.closed:
            return
        try:
            self._flush_logged()
        finally:  # one failed flush must not end the timer: the next one comes all the same
            if self.listeners and not self.closed:
                assert self.interval is not None
                self._timer_handle = loop.call_later(self.interval, self._tick, loop)

    def _flush_logged(self) -> None:
        try:
            self.flush()
        except Exception:
            _log.exception("tbkit.ui feed flush failed")

    def _run_timer(self, loop: asyncio.AbstractEventLoop | None) -> None:
        assert self.interval is not None
        while not self._stop.wait(self.interval):
            if not self._pending:
                continue
            try:
                if loop is not None and loop.is_running():
                    loop.call_soon_threadsafe(self._flush_logged)
                    continue
            except RuntimeError:  # the loop closed between the check and the call: flush here
                loop = None
            self._flush_logged()

    def close(self) -> None:
        """Stop listening to the store and stop flushing."""
        self.closed = True
        self._unsubscribe()
        self._stop.set()
        if self._timer_handle is not None:
            self._timer_handle.cancel()
            self._timer_handle = None
        with self._lock:
            self._listeners.clear()

    def __repr__(self) -> str:
        return f"<tbkit.ui Feed pending={len(self._pending)} listeners={self.listeners} flushes={self.flushes}>"
