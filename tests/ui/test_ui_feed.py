"""The batching hub: writer thread only appends; flushes hand each listener one batch."""

from __future__ import annotations

import asyncio
import gc
import threading
import time
from typing import Any

import pytest

from tbkit.ui import feed as feed_module
from tbkit.ui.feed import Feed, feed_for


class FakeStore:
    def __init__(self) -> None:
        self.callbacks: list[Any] = []

    def subscribe(self, callback):
        self.callbacks.append(callback)
        return lambda: self.callbacks.remove(callback)

    def commit(self, changes) -> None:
        for callback in list(self.callbacks):
            callback(changes)


def test_commits_are_queued_until_a_flush_delivers_them_in_one_batch():
    store = FakeStore()
    feed = Feed(store, interval=None)
    seen: list[Any] = []
    feed.connect(seen.append)
    for i in range(1000):
        store.commit([("uplink", i)])
    assert seen == []
    assert feed.flush() == 1000
    assert len(seen) == 1 and seen[0][0] == ("uplink", 0) and seen[0][-1] == ("uplink", 999)
    assert feed.flush() == 0 and len(seen) == 1  # nothing new: listeners are not called
    feed.close()
    assert store.callbacks == []


@pytest.mark.error_logs(r"tbkit.ui listener .* failed")
def test_a_broken_listener_does_not_starve_the_others(caplog):
    store = FakeStore()
    feed = Feed(store, interval=None)
    seen: list[Any] = []

    def broken(changes):
        raise RuntimeError("boom")

    feed.connect(broken)
    feed.connect(seen.extend)
    store.commit([("x",)])
    feed.flush()
    assert seen == [("x",)] and "boom" in caplog.text
    feed.close()


def test_bound_methods_are_held_weakly_and_disconnect_works():
    class Widget:
        def __init__(self):
            self.got = []

        def on(self, changes):
            self.got.extend(changes)

    store = FakeStore()
    feed = Feed(store, interval=None)
    kept, dropped = Widget(), Widget()
    disconnect = feed.connect(kept.on)
    feed.connect(dropped.on)
    del dropped
    gc.collect()
    assert feed.listeners == 1
    store.commit([("a",)])
    feed.flush()
    assert kept.got == [("a",)]
    disconnect()
    assert feed.listeners == 0
    feed.close()


def test_the_queue_is_bounded(monkeypatch):
    monkeypatch.setattr(feed_module, "MAX_PENDING", 5)
    store = FakeStore()
    feed = Feed(store, interval=None)
    seen: list[Any] = []
    feed.connect(seen.extend)
    for i in range(8):
        store.commit([(i,)])
    feed.flush()
    assert seen == [(i,) for i in range(3, 8)] and feed.dropped == 3
    feed.close()


def test_on_a_running_loop_flushes_happen_on_that_loop_every_interval():
    store = FakeStore()
    threads: list[threading.Thread] = []

    async def main():
        feed = Feed(store, interval=0.05)
        feed.connect(lambda changes: threads.append(threading.current_thread()))

        def write() -> None:
            for i in range(500):
                store.commit([(i,)])

        writer = threading.Thread(target=write)
        writer.start()
        writer.join()
        deadline = time.monotonic() + 30  # however slow the machine, the flush comes on this loop
        while feed.flushes == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        feed.close()
        return feed.flushes

    flushes = asyncio.run(main())
    assert flushes == len(threads) >= 1
    assert set(threads) == {threading.main_thread()}


def test_without_a_loop_a_timer_thread_flushes():
    store = FakeStore()
    feed = Feed(store, interval=0.05)
    seen: list[Any] = []
    feed.connect(seen.extend)
    store.commit([("a",)])
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.02)
    feed.close()
    assert seen == [("a",)]


def test_feed_for_shares_one_feed_per_store(kit, hi):
    assert feed_for(kit) is feed_for(hi) is feed_for(kit.store)
    feed_for(kit).close()
    assert feed_for(kit) is not None and not feed_for(kit).closed
    feed_for(kit).close()


@pytest.mark.error_logs(r"tbkit.ui feed flush failed")
def test_a_failed_flush_does_not_end_the_timer_on_a_running_loop(monkeypatch):
    store = FakeStore()
    seen: list = []

    async def main():
        feed = Feed(store, interval=0.02)
        real, failures = feed.flush, list[int]()

        def flaky() -> int:
            if not failures:
                failures.append(1)
                raise RuntimeError("one bad flush")
            return real()

        monkeypatch.setattr(feed, "flush", flaky)
        feed.connect(seen.extend)
        store.commit([("a",)])
        deadline = time.monotonic() + 30
        while not seen and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        feed.close()
        return failures

    assert asyncio.run(main()) == [1]
    assert seen == [("a",)]


class ClosedLoop:
    """A kernel loop that closed after the feed's thread checked it: every call says so."""

    def is_running(self) -> bool:
        return True

    def call_soon_threadsafe(self, *args):
        raise RuntimeError("Event loop is closed")


def test_a_kernel_loop_that_closes_does_not_end_the_timer_thread(monkeypatch):
    monkeypatch.setattr(feed_module, "kernel_loop", lambda: ClosedLoop())
    store = FakeStore()
    feed = Feed(store, interval=0.02)
    seen: list = []
    feed.connect(seen.extend)
    store.commit([("a",)])
    deadline = time.monotonic() + 30
    while not seen and time.monotonic() < deadline:
        time.sleep(0.02)
    feed.close()
    assert seen == [("a",)]
