"""Waiting for a condition with a deadline: a regression fails the test instead of hanging it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

DEADLINE = 60.0  # seconds: far beyond any healthy wait on a loaded machine


async def until(condition: Callable[[], bool], what: str, seconds: float = DEADLINE, step: float = 0.01) -> None:
    """Await (on the running loop) until ``condition()`` holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {seconds:g} s waiting for {what}"
        await asyncio.sleep(step)
