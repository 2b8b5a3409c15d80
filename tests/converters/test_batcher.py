"""The per-loop batcher: no exception ends its drain with a caller left waiting."""

from __future__ import annotations

import asyncio

from tbkit.converters._batcher import Batcher
from tests.waiting import until

DEADLINE = 5.0  # seconds: a drain that died fails the test instead of hanging it


def test_a_chunk_whose_call_breaks_fails_its_waiters_and_the_next_chunk_is_sent() -> None:
    async def run(items: list[tuple[str]]) -> list[str]:
        if items == [("bad",)]:
            return []  # a result missing: the chunk's waiter gets the error, not silence
        return [f"decoded {item[0]}" for item in items]

    async def main() -> list[object]:
        batcher: Batcher[tuple[str], str] = Batcher(run, chunk=1)
        calls = [asyncio.ensure_future(batcher.submit((x,))) for x in ("bad", "good", "also")]
        return await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), DEADLINE)

    bad, good, also = asyncio.run(main())
    assert (repr(bad), good, also) == ("RuntimeError('0 results for 1 calls')", "decoded good", "decoded also")


def test_a_cancelled_drain_cancels_the_calls_still_queued() -> None:
    async def main() -> tuple[list[bool], object]:
        gate = asyncio.Event()

        async def run(items: list[tuple[str]]) -> list[str]:
            await gate.wait()
            return [str(item[0]) for item in items]

        batcher: Batcher[tuple[str], str] = Batcher(run, chunk=1)
        calls = [asyncio.ensure_future(batcher.submit((x,))) for x in ("a", "b", "c")]
        # "a" is in its V8 call, "b" and "c" wait for the next ones
        await until(lambda: batcher.task is not None and len(batcher.pending) == 2, "two calls queued", step=0)
        assert batcher.task is not None
        batcher.task.cancel()
        await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), DEADLINE)
        return [c.cancelled() for c in calls], batcher.task

    assert asyncio.run(main()) == ([True, True, True], None)


def test_after_a_failed_call_the_batcher_serves_new_calls() -> None:
    async def run(items: list[tuple[str]]) -> list[str]:
        if any(item[0] == "boom" for item in items):
            raise ValueError("engine failed")
        return [str(item[0]) for item in items]

    async def main() -> tuple[str, str]:
        batcher: Batcher[tuple[str], str] = Batcher(run, chunk=4)
        failed = await asyncio.wait_for(asyncio.gather(batcher.submit(("boom",)), return_exceptions=True), 5)
        later = await asyncio.wait_for(batcher.submit(("next",)), DEADLINE)
        return repr(failed[0]), later

    assert asyncio.run(main()) == ("ValueError('engine failed')", "next")
