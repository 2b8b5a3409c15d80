"""One user script in its own V8 context, called with a time and a memory limit.

This is the only module that talks to mini-racer. Every V8 context tbkit makes is bound to
one private asyncio loop running on a daemon thread ("tbkit-v8"), so a call never depends on
the caller's loop: a Jupyter cell (whose loop is busy running the cell), a Tornado handler on
the kernel loop, and a plain script all call the same way. Sync callers block on the
result with the limit applied; async callers await it without blocking their loop, and
concurrent async calls on one script are batched into a single V8 call.

V8 errors become :mod:`tbkit.errors` exceptions here and nowhere else, with the line and
column counted from the first line of the user's script.

>>> from tbkit.converters.runtime import V8Script
>>> s = V8Script("return {n: payload.length};", params=("payload", "metadata"), name="demo")
>>> s.call_many("decode", [("abc", {})])[0].output
{'n': 3}
>>> s.close()
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import re
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal, TypeVar

from py_mini_racer import JSEvalException, JSOOMException, JSParseException, MiniRacer
from py_mini_racer._dll import init_mini_racer
from py_mini_racer._exc import JSTimeoutException
from py_mini_racer._mini_racer import _make_context

from ..errors import (
    ConverterCompileError,
    ConverterError,
    ConverterMemoryError,
    ConverterRuntimeError,
    ConverterTimeoutError,
)

__all__ = ["CallResult", "V8Script", "DEFAULT_MAX_MEMORY", "DEFAULT_TIMEOUT"]

Kind = Literal["decode", "encode"]
_T = TypeVar("_T")
DEFAULT_TIMEOUT = 1.0
DEFAULT_MAX_MEMORY = 64 << 20
_FUNCTION = "__tbkit_user"
_SOURCE_URL = "tbkit-user.js"
_CHUNK = 256
_PER_ITEM_BUDGET = 0.02
_PRELUDE = resources.files("tbkit.converters").joinpath("prelude.js").read_text("utf-8")
_FRAME = re.compile(re.escape(_SOURCE_URL) + r":(\d+):(\d+)")
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_TBEL_PLACE = re.compile(r"\s*\[Line: (\d+), Column: (\d+)\]$")
_PARSE_HEAD = re.compile(r"^[^\n]*?:(\d+): (.*)$", re.M)


@dataclass
class CallResult:
    """What one call into a user script produced.

    ``output`` is the JSON value the script returned (``None`` for ``undefined``), ``logs``
    the ``console.log`` lines it printed, ``error`` the failure (then ``output`` is None).
    """

    output: Any = None
    logs: list[str] = field(default_factory=list)
    error: ConverterError | None = None

    @property
    def ok(self) -> bool:
        """True when the script returned normally."""
        return self.error is None


class _Engine:
    """The private loop all V8 contexts are bound to, and their clean shutdown.

    V8 is initialised before the engine's thread starts, and every context is created and
    freed on that thread: V8 (with memory protection keys) crashes when a thread that
    existed before its initialisation creates an isolate, and in a Jupyter kernel or a
    server most threads predate the first converter.
    """

    def __init__(self) -> None:
        init_mini_racer(ignore_duplicate_init=True)
        self.loop = asyncio.new_event_loop()
        self.scripts: weakref.WeakSet[V8Script] = weakref.WeakSet()
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


_engine: _Engine | None = None
_engine_lock = threading.Lock()


def _get_engine() -> _Engine:
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = _Engine()
        return _engine


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
    ) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout!r}")
        self.name = name
        self.timeout = float(timeout)
        self.max_memory = int(max_memory)
        self._header = f"function {_FUNCTION}({', '.join(params)}) {{"
        self._lines = body.splitlines() or [""]
        self._column_shift = 0 if compiled is not None else len(self._header)
        self._source = compiled if compiled is not None else self._header + body + "\n}"
        self._runtime_js = runtime_js
        self._engine = _get_engine()
        self._lock = threading.Lock()
        self._mr: MiniRacer | None = None
        self._stack: contextlib.ExitStack | None = None
        self._batchers: dict[asyncio.AbstractEventLoop, _Batcher] = {}
        self._calls = 0  # calls in flight (see retire)
        self._retired = False
        self._open()
        self._engine.scripts.add(self)

    # -- lifecycle ---------------------------------------------------------------------------
    def _open(self) -> None:
        stack, mr = self._engine.run(self._new_context)
        try:
            mr.set_hard_memory_limit(self.max_memory)
            mr.eval(_PRELUDE, timeout_sec=5)
            if self._runtime_js:
                mr.eval(self._runtime_js, timeout_sec=5)
            mr.eval(self._source + f"\n//# sourceURL={_SOURCE_URL}", timeout_sec=self.timeout)
        except JSParseException as exc:
            self._engine.run(stack.close)
            raise self._compile_error(str(exc)) from None
        except JSEvalException as exc:
            self._engine.run(stack.close)
            raise ConverterCompileError(f"script could not be loaded: {exc}", converter=self.name) from None
        self._mr, self._stack = mr, stack

    def _new_context(self) -> tuple[contextlib.ExitStack, MiniRacer]:
        """On the engine thread: a fresh context bound to the engine loop."""
        stack = contextlib.ExitStack()
        ctx = stack.enter_context(_make_context(self._engine.loop))
        mr = MiniRacer(ctx)
        stack.callback(mr.close)
        return stack, mr

    def close(self) -> None:
        """Free the V8 context. Safe to call twice; the script is unusable afterwards."""
        with self._lock:
            stack, self._stack, self._mr = self._stack, None, None
        if stack is not None:
            with contextlib.suppress(Exception):
                self._engine.run(stack.close)

    def retire(self) -> None:
        """Close once the calls in flight now have finished (at once when none is).

        A converter replaced in a running integration is retired: a request already running on
        it completes there, and the context is freed by whichever call ends last.
        """
        with self._lock:
            self._retired = True
            idle = self._calls == 0
        if idle:
            self.close()

    @contextlib.contextmanager
    def _in_flight(self) -> Iterator[None]:
        with self._lock:
            self._calls += 1
        try:
            yield
        finally:
            with self._lock:
                self._calls -= 1
                last = self._retired and self._calls == 0
            if last:
                self.close()

    @property
    def calls_in_flight(self) -> int:
        """How many calls are running on the script now."""
        return self._calls

    def _reset(self) -> None:
        """Replace the context after a memory blow-up, so leaked globals go with it."""
        self.close()
        self._open()

    def __enter__(self) -> V8Script:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran."""
        return self._mr is None

    # -- calls ---------------------------------------------------------------------------------
    def call_many(self, kind: Kind, items: Sequence[Sequence[Any]]) -> list[CallResult]:
        """Call the script once per item, from synchronous code, in as few V8 calls as fit."""
        results: list[CallResult] = []
        with self._in_flight():
            for start in range(0, len(items), _CHUNK):
                results.extend(self._run_sync(kind, items[start : start + _CHUNK]))
        return results

    async def call_async(self, kind: Kind, item: Sequence[Any]) -> CallResult:
        """Call the script once without blocking the running loop; concurrent calls batch."""
        loop = asyncio.get_running_loop()
        batcher = self._batchers.get(loop)
        if batcher is None:
            batcher = self._batchers[loop] = _Batcher(self, loop)
        with self._in_flight():
            return await batcher.submit(kind, item)

    async def call_many_async(self, kind: Kind, items: Sequence[Sequence[Any]]) -> list[CallResult]:
        """Like :meth:`call_many`, awaited from async code."""
        results: list[CallResult] = []
        with self._in_flight():
            for start in range(0, len(items), _CHUNK):
                results.extend(await self._run_async(kind, items[start : start + _CHUNK]))
        return results

    def _expression(self, kind: Kind, items: Sequence[Sequence[Any]]) -> str:
        return f"__tbkit.{kind}({_FUNCTION}, {_ENCODE(list(items))})"

    def _budget(self, n: int) -> float:
        return self.timeout + (_PER_ITEM_BUDGET * n if n > 1 else 0.0)

    def _run_sync(self, kind: Kind, items: Sequence[Sequence[Any]]) -> list[CallResult]:
        mr = self._require()
        try:
            raw = mr.eval(self._expression(kind, items), timeout_sec=self._budget(len(items)))
        except (JSTimeoutException, JSOOMException) as exc:
            return self._after_limit(exc, kind, items)
        return self._parse(raw)

    async def _run_async(self, kind: Kind, items: Sequence[Sequence[Any]]) -> list[CallResult]:
        mr = self._require()
        budget = self._budget(len(items))
        coro = _eval_with_limit(mr, self._expression(kind, items), budget)
        future = asyncio.run_coroutine_threadsafe(coro, self._engine.loop)
        try:
            raw = await asyncio.wrap_future(future)
        except (JSTimeoutException, JSOOMException) as exc:
            if len(items) > 1:
                return [r for item in items for r in await self._run_async(kind, [item])]
            return self._after_limit(exc, kind, items)
        return self._parse(raw)

    def _after_limit(
        self, exc: Exception, kind: Kind, items: Sequence[Sequence[Any]]
    ) -> list[CallResult]:
        if len(items) > 1:  # find the runaway item: rerun one by one
            return [r for item in items for r in self._run_sync(kind, [item])]
        if isinstance(exc, JSOOMException):
            self._reset()
            error: ConverterError = ConverterMemoryError(
                f"script exceeded its memory limit of {self.max_memory >> 20} MiB and was stopped",
                converter=self.name,
            )
        else:
            error = ConverterTimeoutError(
                f"script exceeded its time limit of {self.timeout:g} s and was stopped",
                converter=self.name,
            )
        return [CallResult(error=error)]

    def _require(self) -> MiniRacer:
        mr = self._mr
        if mr is None:
            raise RuntimeError(f"converter {self.name!r} is closed")
        return mr

    # -- results and errors --------------------------------------------------------------------
    def _parse(self, raw: Any) -> list[CallResult]:
        results = []
        for item in json.loads(str(raw)):
            logs = [str(line) for line in item.get("logs") or []]
            if item.get("ok"):
                results.append(CallResult(output=item.get("out"), logs=logs))
            else:
                results.append(CallResult(logs=logs, error=self._runtime_error(item["error"], logs)))
        return results

    def _runtime_error(self, info: dict[str, Any], logs: list[str]) -> ConverterRuntimeError:
        text = str(info["message"])
        place = _TBEL_PLACE.search(text)  # TBEL runtime errors carry the TBEL position
        if place is not None:
            text = text[: place.start()]
        message = text if info.get("name") is None else f"{info['name']}: {text}"
        if place is not None:
            line, column = self._place(int(place.group(1)), int(place.group(2)))
        else:
            line, column = self._position(info.get("stack") or "")
        return ConverterRuntimeError(
            message, line=line, column=column, converter=self.name, logs=logs
        )

    def _position(self, stack: str) -> tuple[int | None, int | None]:
        match = _FRAME.search(stack)
        if match is None:
            return None, None
        line, column = int(match.group(1)), int(match.group(2))
        return self._place(line, column)

    def _place(self, line: int, column: int | None) -> tuple[int, int | None]:
        if line == 1 and column is not None:
            column = max(1, column - self._column_shift)
        line = max(1, min(line, len(self._lines)))
        if column is not None and column > len(self._lines[line - 1]) + 1:
            column = None  # a position in generated code, not in the user's line
        return line, column

    def _compile_error(self, text: str) -> ConverterCompileError:
        head = _PARSE_HEAD.search(text)
        if head is None:
            return ConverterCompileError(text.strip(), converter=self.name)
        line = int(head.group(1))
        lines = text.splitlines()
        column = None
        caret = next((ln for ln in lines[1:4] if ln.strip() == "^"), None)
        if caret is not None:
            column = caret.index("^") + 1
        line, column = self._place(line, column)
        return ConverterCompileError(head.group(2), line=line, column=column, converter=self.name)


async def _eval_with_limit(mr: MiniRacer, source: str, budget: float) -> Any:
    try:
        return await asyncio.wait_for(mr.eval_cancelable(source), budget)
    except TimeoutError as exc:
        raise JSTimeoutException() from exc


class _Batcher:
    """Collects concurrent async calls on one loop and sends them to V8 together."""

    def __init__(self, script: V8Script, loop: asyncio.AbstractEventLoop) -> None:
        self.script = script
        self.loop = loop
        self.pending: dict[str, list[tuple[Sequence[Any], asyncio.Future[CallResult]]]] = {}
        self.running = False

    async def submit(self, kind: Kind, item: Sequence[Any]) -> CallResult:
        future: asyncio.Future[CallResult] = self.loop.create_future()
        self.pending.setdefault(kind, []).append((item, future))
        if not self.running:
            self.running = True
            self.loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self.pending:
                kind = next(iter(self.pending))
                batch = self.pending.pop(kind)
                chunk, rest = batch[:_CHUNK], batch[_CHUNK:]
                if rest:
                    self.pending.setdefault(kind, [])[:0] = rest
                await self._run(kind, chunk)  # type: ignore[arg-type]
        finally:
            self.running = False

    async def _run(self, kind: Kind, chunk: list[tuple[Sequence[Any], Future[Any] | Any]]) -> None:
        try:
            results = await self.script._run_async(kind, [item for item, _ in chunk])
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
