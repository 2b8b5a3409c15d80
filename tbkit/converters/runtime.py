"""One user script in its own V8 context, called with a time and a memory limit.

This module (with its private helpers: ``_miniracer``, the one place mini-racer is imported,
``_engine`` and ``_v8errors``) is the only code that talks to V8. Every V8 context tbkit makes
is bound to one private asyncio loop running on a daemon thread ("tbkit-v8"), so a call never depends on
the caller's loop: a Jupyter cell (whose loop is busy running the cell), a Tornado handler on
the kernel loop, and a plain script all call the same way. Sync callers block on the
result with the limit applied; async callers await it without blocking their loop (an uplink
converter batches concurrent async calls into one V8 call, :mod:`._batcher`). Closing a script
while calls run is safe from any thread: the context is freed when the last call returns.

V8 errors become :mod:`tbkit.errors` exceptions here and nowhere else, with the line and
column counted from the first line of the user's script.

A call is written once, as I/O-free steps: a generator that yields each V8 evaluation it needs
(an :class:`Eval`) and gets its answer back (the text, or a :class:`LimitHit`). :meth:`V8Script.run_steps`
drives it for synchronous callers, :meth:`V8Script.run_steps_async` for async ones; the batch
decode path (:mod:`.batch`) is written the same way.

>>> from tbkit.converters.runtime import V8Script
>>> s = V8Script("return {n: payload.length};", params=("payload", "metadata"), name="demo")
>>> s.call_many([([97, 98, 99], {})])[0].output
{'n': 3}
>>> s.close()
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import (
    ConverterCompileError,
    ConverterError,
    ConverterMemoryError,
    ConverterRuntimeError,
    ConverterTimeoutError,
)
from ..models import JsonLike
from ._engine import get_engine
from ._miniracer import (
    JSEvalException,
    JSMappedObject,
    JSOOMException,
    JSParseException,
    JSTimeoutException,
    MiniRacer,
    loop_bound_context,
)
from ._v8errors import SOURCE_URL, ErrorPlaces, ScriptFailure
from .steps import RUNTIME_JS, Answer, CallResult, Eval, Fault, LimitHit, Steps

__all__ = [
    "Answer",
    "CallResult",
    "Eval",
    "Fault",
    "LimitHit",
    "Steps",
    "V8Script",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_TIMEOUT",
    "USER_FUNCTION",
]

T = TypeVar("T")
DEFAULT_TIMEOUT = 1.0
DEFAULT_MAX_MEMORY = 64 << 20
USER_FUNCTION = _FUNCTION = "__tbkit_user"
_CHUNK = 256
_PER_ITEM_BUDGET = 0.02
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_TOKENS = itertools.count(1)  # names each V8 call's data in the runtime's inbox


@dataclass
class _Slot:
    """One V8 context and the calls running in it (guarded by the script's lock)."""

    mr: MiniRacer
    stack: contextlib.ExitStack
    calls: int = 0
    retired: bool = False
    freed: bool = False
    inbox: JSMappedObject | None = None  # the runtime's inbox (taken before the user's script is loaded)


class _Stopped(Exception):
    """Internal: an engine-side eval hit a limit or failed (carries the context it ran in)."""

    def __init__(self, exc: Exception, slot: _Slot) -> None:
        super().__init__(str(exc))
        self.exc = exc
        self.slot = slot


class V8Script:
    """A user function compiled once in a V8 context of its own.

    Parameters
    ----------
    body:
        The user's script: the body of ``function(<params>) { ... }`` (as ThingsBoard wraps
        decoders and encoders). Ignored when ``compiled`` is given.
    params:
        The function's parameter names, e.g. ``("payload", "metadata")``.
    name:
        Shown as the file name in error messages.
    timeout, max_memory:
        Limits for one call, in seconds and bytes. A batch of n calls gets
        ``timeout + 0.02 * n`` seconds; when it runs out the batch is rerun one by one so
        that only the runaway call fails.
    compiled, runtime_js:
        For other languages (TBEL): a ready JS function declaration named ``__tbkit_user``
        whose lines are the source's lines, and extra JS evaluated before it once.
    errors:
        How errors are placed and worded (default: V8's words, on the source's lines).
    adopt_through:
        A JS expression giving a function of the user's function, evaluated once the script is
        loaded: the runtime adopts what it returns (the byte inspector's tracer wraps the function
        so; see :mod:`.inspector`). None adopts the user's function itself.
    """

    def __init__(
        self,
        body: str,
        *,
        params: Sequence[str],
        name: str = "converter",
        timeout: float = DEFAULT_TIMEOUT,
        max_memory: int = DEFAULT_MAX_MEMORY,
        compiled: str | None = None,
        runtime_js: str | None = None,
        errors: ErrorPlaces | None = None,
        adopt_through: str | None = None,
    ) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout!r}")
        self.name = name
        self.timeout = float(timeout)
        self.max_memory = int(max_memory)
        self._header = f"function {_FUNCTION}({', '.join(params)}) {{"
        self._errors = errors or ErrorPlaces(
            name, body.splitlines() or [""], 0 if compiled is not None else len(self._header)
        )
        self._source = compiled if compiled is not None else self._header + body + "\n}"
        self._runtime_js = runtime_js
        self._adopt = f"__tbkit.adopt({adopt_through}({_FUNCTION}))" if adopt_through else f"__tbkit.adopt({_FUNCTION})"
        self._engine = get_engine()
        self._lock = threading.Lock()
        self._closed = False
        self._slot: _Slot | None = self._load()
        self._engine.scripts.add(self)

    # -- lifecycle ---------------------------------------------------------------------------
    def _load(self) -> _Slot:
        """A new context with tbkit's runtime, then the user's script, loaded.

        The runtime captures the built-ins it uses and hands over its inbox before any user code
        runs; once the script is loaded, the runtime adopts its function (entry points call that,
        not a global the script could reassign).
        """
        stack, mr = self._engine.run(self._new_context)
        try:
            mr.set_hard_memory_limit(self.max_memory)
            mr.eval(RUNTIME_JS, timeout_sec=5)
            inbox = mr.eval("__tbkit.takeInbox()")
            assert isinstance(inbox, JSMappedObject)
            if self._runtime_js:
                mr.eval(self._runtime_js, timeout_sec=5)
            mr.eval(self._source + f"\n//# sourceURL={SOURCE_URL}", timeout_sec=self.timeout)
            mr.eval(self._adopt, timeout_sec=5)
        except JSParseException as exc:
            self._engine.run(stack.close)
            raise self._errors.compile_error(str(exc)) from None
        except (JSEvalException, JSTimeoutException) as exc:
            self._engine.run(stack.close)
            raise ConverterCompileError(f"script could not be loaded: {exc}", converter=self.name) from None
        return _Slot(mr, stack, inbox=inbox)

    def _new_context(self) -> tuple[contextlib.ExitStack, MiniRacer]:
        """On the engine thread: a fresh context bound to the engine loop."""
        stack = contextlib.ExitStack()
        ctx = stack.enter_context(loop_bound_context(self._engine.loop))
        mr = MiniRacer(ctx)
        stack.callback(mr.close)
        return stack, mr

    def close(self) -> None:
        """Stop taking calls and free the V8 context. Safe to call twice, from any thread.

        Calls already running finish normally: the context is freed when the last of them
        returns. Calls made after ``close`` raise :class:`RuntimeError`.
        """
        with self._lock:
            self._closed = True
            slot, self._slot = self._slot, None
        if slot is not None:
            self._retire(slot)

    def _retire(self, slot: _Slot) -> None:
        """Free ``slot``'s context now, or when its last running call returns."""
        with self._lock:
            slot.retired = True
            free = slot.calls == 0 and not slot.freed
            slot.freed = slot.freed or free
        if free:
            slot.inbox = None  # a value handle must not outlive its context
            with contextlib.suppress(Exception):
                self._engine.run(slot.stack.close)

    def _enter(self) -> _Slot:
        """Count a call in on the current context; a closed script raises RuntimeError."""
        with self._lock:
            slot = self._slot
            if slot is None:
                raise RuntimeError(f"converter {self.name!r} is closed")
            slot.calls += 1
            return slot

    def _leave(self, slot: _Slot) -> None:
        with self._lock:
            slot.calls -= 1
            last = slot.retired and slot.calls == 0
        if last:
            self._retire(slot)

    def _reset(self, old: _Slot) -> None:
        """Replace the context after a memory blow-up, so leaked globals go with it."""
        with self._lock:
            current = self._slot is old
        if not current:
            return  # another call replaced it already, or the script was closed
        new = self._load()
        with self._lock:
            swap = self._slot is old
            if swap:
                self._slot = new
        self._retire(old if swap else new)

    def __enter__(self) -> V8Script:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran (running calls may still be finishing)."""
        return self._closed

    # -- calls ---------------------------------------------------------------------------------
    def run_steps(self, steps: Steps[T]) -> T:
        """Drive ``steps`` from synchronous code: each evaluation blocks, with its limit."""
        try:
            request = next(steps)
            while True:
                request = steps.send(self.eval_text(*request))
        except StopIteration as done:
            result: T = done.value
            return result
        finally:
            steps.close()

    async def run_steps_async(self, steps: Steps[T]) -> T:
        """Drive ``steps`` from async code: each evaluation is awaited, never blocking the loop."""
        try:
            request = next(steps)
            while True:
                request = steps.send(await self.eval_text_async(*request))
        except StopIteration as done:
            result: T = done.value
            return result
        finally:
            steps.close()

    def call_many(self, items: Sequence[Sequence[JsonLike]]) -> list[CallResult]:
        """Call the script once per item (its arguments), in as few V8 calls as fit."""
        return self.run_steps(self.call_steps(items))

    async def call_many_async(self, items: Sequence[Sequence[JsonLike]]) -> list[CallResult]:
        """:meth:`call_many` from async code."""
        return await self.run_steps_async(self.call_steps(items))

    def call_steps(self, items: Sequence[Sequence[JsonLike]]) -> Steps[list[CallResult]]:
        """:meth:`call_many` as steps: chunks of calls; a chunk that hits its limit is rerun one by one."""
        results: list[CallResult] = []
        for start in range(0, len(items), _CHUNK):
            results.extend((yield from self._chunk_steps(items[start : start + _CHUNK])))
        return results

    def _chunk_steps(self, items: Sequence[Sequence[JsonLike]]) -> Steps[list[CallResult]]:
        token = str(next(_TOKENS))
        raw = yield Eval(f"__tbkit.call({token})", len(items), (token, _ENCODE(list(items))))
        if isinstance(raw, str):
            return self._parse(raw, len(items))
        if len(items) == 1:
            return [CallResult(error=raw.error)]
        results: list[CallResult] = []
        for item in items:  # find the runaway (or failing) item: rerun one by one
            results.extend((yield from self._chunk_steps([item])))
        return results

    def eval_text(self, source: str, items: int, inbox: tuple[str, str] | None = None) -> Answer:
        """Evaluate ``source`` (an expression returning a string) with the budget of ``items`` calls.

        Returns the string; a :class:`LimitHit` when the time or memory limit stopped it (after a
        memory blow-up the context is replaced); a :class:`Fault` when tbkit's runtime failed (the
        context is replaced too). A closed script raises RuntimeError. ``inbox=(key, text)`` first
        puts ``text`` in the runtime's inbox under ``key``: data handed over as a string value,
        which V8 takes without parsing it as source code.
        """
        slot = self._enter()
        try:
            if inbox is not None:
                self._put(slot, *inbox)
            raw = slot.mr.eval(source, timeout_sec=self._budget(items))
        except (JSTimeoutException, JSOOMException) as exc:
            return self._limit_hit(exc, slot)
        except JSEvalException as exc:
            return self._fault(exc, slot)
        finally:
            self._leave(slot)
        return str(raw)

    async def eval_text_async(self, source: str, items: int, inbox: tuple[str, str] | None = None) -> Answer:
        """:meth:`eval_text` without blocking the running loop."""
        coroutine = self._eval_on_engine(source, items, inbox)
        future = asyncio.run_coroutine_threadsafe(coroutine, self._engine.loop)
        try:
            raw = await asyncio.wrap_future(future)
        except _Stopped as stopped:
            if isinstance(stopped.exc, (JSTimeoutException, JSOOMException)):
                return self._limit_hit(stopped.exc, stopped.slot)
            return self._fault(stopped.exc, stopped.slot)
        return str(raw)

    async def _eval_on_engine(self, source: str, items: int, inbox: tuple[str, str] | None) -> Any:
        # Counted in and out on the engine loop itself: a task cancelled before it starts
        # never counts in, so the count can't leak and close() never waits on the caller's loop.
        slot = self._enter()
        try:
            if inbox is not None:
                self._put(slot, *inbox)
            return await asyncio.wait_for(slot.mr.eval_cancelable(source), self._budget(items))
        except (TimeoutError, JSTimeoutException) as exc:
            raise _Stopped(JSTimeoutException(), slot) from exc
        except JSEvalException as exc:  # out of memory, or tbkit's runtime failed
            raise _Stopped(exc, slot) from None
        finally:
            self._leave(slot)

    def _put(self, slot: _Slot, key: str, text: str) -> None:
        assert slot.inbox is not None  # taken when the context was loaded
        slot.inbox[key] = text

    def _fault(self, exc: Exception, slot: _Slot) -> Fault:
        """tbkit's runtime failed (a JS exception outside the user's calls): a fresh context for the next."""
        self._reset(slot)
        first = str(exc).strip().splitlines()[:1]
        return Fault(
            ConverterRuntimeError(
                f"tbkit's runtime failed on this call and was reloaded: {first[0] if first else type(exc).__name__}",
                converter=self.name,
            )
        )

    def _limit_hit(self, exc: Exception, slot: _Slot) -> LimitHit:
        if isinstance(exc, JSOOMException):
            self._reset(slot)
            return LimitHit(
                ConverterMemoryError(
                    f"script exceeded its memory limit of {self.max_memory >> 20} MiB and was stopped",
                    converter=self.name,
                )
            )
        return LimitHit(
            ConverterTimeoutError(
                f"script exceeded its time limit of {self.timeout:g} s and was stopped",
                converter=self.name,
            )
        )

    def _budget(self, n: int) -> float:
        return self.timeout + (_PER_ITEM_BUDGET * n if n > 1 else 0.0)

    # -- results and errors --------------------------------------------------------------------
    def runtime_error(self, info: ScriptFailure, logs: list[str]) -> ConverterError:
        """The error for a script failure ``{name, message, stack}`` reported by the prelude."""
        return self._errors.runtime_error(info, logs)

    def _parse(self, raw: str, count: int) -> list[CallResult]:
        """The ``count`` results of one call's text (a text that does not read as that: each a runtime error)."""
        try:
            items = json.loads(raw)
            results = [self._result(item) for item in items]
        except (ValueError, TypeError, KeyError, AttributeError):
            results = []
        if len(results) != count:
            error = ConverterRuntimeError("tbkit's runtime gave an answer it cannot read", converter=self.name)
            return [CallResult(error=error) for _ in range(count)]
        return results

    def _result(self, item: dict[str, Any]) -> CallResult:
        logs = [str(line) for line in item.get("logs") or []]
        if item.get("ok"):
            return CallResult(output=item.get("out"), logs=logs)
        return CallResult(logs=logs, error=self._errors.runtime_error(item["error"], logs))
