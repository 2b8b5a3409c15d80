"""V8Script: one user function in its own V8 context, with limits and line-accurate errors."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tbkit.converters.runtime import CallResult, V8Script, _Slot
from tbkit.errors import (
    ConverterCompileError,
    ConverterError,
    ConverterMemoryError,
    ConverterRuntimeError,
    ConverterTimeoutError,
    TbkitError,
)

PARAMS = ("payload", "metadata")
RUNAWAY = "if (payload.length > 1) { while (true) {} }\nreturn payload.length;"
MEMORY_BOMB = (
    "if (payload.length > 1) { var a = []; while (true) { a.push(new Array(1000000).fill(1.5)); } }\n"
    "return payload.length;"
)


def call(script: V8Script, items: list[tuple[str, dict]]) -> list[CallResult]:
    """Call ``script(payload, metadata)`` per item, the payload given as the char codes of its text."""
    return script.call_many([([ord(c) for c in text], meta) for text, meta in items])


@pytest.fixture
def script(track):
    def make(body: str, **options) -> V8Script:
        return track(V8Script(body, params=PARAMS, **options))

    return make


def test_call_many_returns_json_outputs(script):
    s = script("return {n: payload.length, first: payload[0], m: metadata.k};")
    assert call(s, [("abc", {"k": "v"}), ("", {})]) == [
        CallResult(output={"n": 3, "first": 97, "m": "v"}),
        CallResult(output={"n": 0}),  # undefined members vanish in JSON.stringify
    ]


def test_undefined_becomes_none(script):
    s = script("var x = 1;")
    assert call(s, [("a", {})]) == [CallResult(output=None)]


def test_console_log_captured_per_call(script):
    s = script("console.log('len', payload.length, {a: 1}); console.warn('w'); return 1;")
    results = call(s, [("ab", {}), ("abc", {})])
    assert [r.logs for r in results] == [['len 2 {"a":1}', "WARN: w"], ['len 3 {"a":1}', "WARN: w"]]


def test_syntax_error_reports_line_and_column():
    with pytest.raises(ConverterCompileError) as info:
        V8Script("var a = 1;\nvar b = 2;\nvar c = );\nreturn c;", params=PARAMS, name="conv")
    err = info.value
    assert (err.line, err.column) == (3, 9)
    assert "SyntaxError" in err.message
    assert str(err).startswith("conv:3:9: ")
    assert isinstance(err, ConverterError)
    assert isinstance(err, TbkitError)


def test_syntax_error_on_first_line_column_is_relative_to_user_script():
    with pytest.raises(ConverterCompileError) as info:
        V8Script("var c = );", params=PARAMS)
    assert (info.value.line, info.value.column) == (1, 9)


def test_throw_reports_line_and_message(script):
    s = script('var a = 1;\nthrow new Error("boom");\nreturn a;', name="conv")
    (result,) = call(s, [("x", {})])
    assert not result.ok and result.output is None
    err = result.error
    assert isinstance(err, ConverterRuntimeError)
    assert isinstance(err, ConverterError)
    assert err.line == 2
    assert err.column == 7
    assert "Error: boom" in err.message
    assert str(err) == "conv:2:7: Error: boom"


def test_type_error_line(script):
    s = script("var a = null;\n\nvar b = 1;\nreturn a.foo;")
    (result,) = call(s, [("x", {})])
    assert isinstance(result.error, ConverterRuntimeError)
    assert result.error.line == 4
    assert result.error.message.startswith("TypeError: ")


def test_error_inside_a_helper_reports_the_user_line(script):
    s = script("var x = 1;\nreturn decodeToJson(payload);")
    (result,) = call(s, [("{bad", {})])
    assert isinstance(result.error, ConverterRuntimeError)
    assert result.error.line == 2
    assert result.error.message.startswith("SyntaxError: ")


def test_throw_of_a_non_error_value(script):
    s = script("throw 'plain';")
    (result,) = call(s, [("x", {})])
    assert isinstance(result.error, ConverterRuntimeError)
    assert result.error.message == "plain"


def test_logs_kept_on_error(script):
    s = script("console.log('before');\nthrow new Error('x');")
    (result,) = call(s, [("x", {})])
    assert result.logs == ["before"]
    assert result.error is not None and result.error.logs == ["before"]


def test_infinite_loop_times_out_and_script_still_works(script):
    s = script(RUNAWAY, timeout=0.2)
    (result,) = call(s, [("xx", {})])
    assert isinstance(result.error, ConverterTimeoutError)
    assert isinstance(result.error, ConverterError)
    assert isinstance(result.error, TbkitError)
    assert call(s, [("x", {})]) == [CallResult(output=1)]


def test_batch_with_one_runaway_only_that_one_fails(script):
    s = script(RUNAWAY, timeout=0.2)
    results = call(s, [("a", {}), ("b", {}), ("cc", {}), ("d", {})])
    assert [r.output for r in results] == [1, 1, None, 1]
    assert [type(r.error) for r in results] == [type(None), type(None), ConverterTimeoutError, type(None)]


def test_memory_bomb_and_script_still_works(script):
    s = script(MEMORY_BOMB, max_memory=32 << 20, timeout=5)
    (result,) = call(s, [("xx", {})])
    assert isinstance(result.error, ConverterMemoryError)
    assert isinstance(result.error, ConverterError)
    assert isinstance(result.error, TbkitError)
    assert call(s, [("x", {})]) == [CallResult(output=1)]


def call_async(script: V8Script, items: list[tuple[str, dict]]) -> list[CallResult]:
    """:func:`call` through ``call_many_async`` on a loop of its own."""
    return asyncio.run(script.call_many_async([([ord(c) for c in text], meta) for text, meta in items]))


def test_call_many_async_gives_what_call_many_gives(script):
    s = script("return payload.length * 10 + Number(metadata.i);")
    items = [("x" * i, {"i": str(i)}) for i in range(300)]  # more than one chunk
    assert call_async(s, items) == call(s, items) == [CallResult(output=i * 11) for i in range(300)]


def test_call_many_async_runaway_only_that_one_fails(script):
    s = script(RUNAWAY, timeout=0.2)
    results = call_async(s, [("a", {}), ("bb", {}), ("c", {})])
    assert [r.output for r in results] == [1, None, 1]
    assert isinstance(results[1].error, ConverterTimeoutError)


def test_close_twice_and_closed_call_raises():
    s = V8Script("return 1;", params=PARAMS)
    fresh = s.closed
    s.close()
    s.close()
    assert (fresh, s.closed) == (False, True)
    with pytest.raises(RuntimeError):
        call(s, [("x", {})])


def test_context_manager_closes():
    with V8Script("return 1;", params=PARAMS) as s:
        assert call(s, [("x", {})])[0].output == 1
    assert s.closed


def test_bad_timeout_rejected():
    with pytest.raises(ValueError):
        V8Script("return 1;", params=PARAMS, timeout=0)


def test_scripts_are_isolated(script):
    a = script("globalThis.shared = (globalThis.shared || 0) + 1; return globalThis.shared;")
    b = script("return typeof globalThis.shared;")
    assert [r.output for r in call(a, [("x", {}), ("x", {})])] == [1, 2]
    assert call(b, [("x", {})])[0].output == "undefined"


# -- closing while calls run, loops that come and go ------------------------------------------
GATED = (
    "var v = new Int32Array(globalThis.gate);\n"
    "Atomics.store(v, 1, 1);\n"  # tell the test the call is running
    "while (Atomics.load(v, 0) === 0) {}\n"  # and wait until the test opens the gate
    "return payload.length;"
)


def _gate(s: V8Script) -> memoryview:
    """A shared 2-int buffer the gated script reads: [open, running]."""
    slot = s._slot
    assert slot is not None
    shared = s._engine.run(lambda: slot.mr.eval("globalThis.gate = new SharedArrayBuffer(8); globalThis.gate"))
    assert isinstance(shared, memoryview)
    return shared.cast("i")


def freed(slot: _Slot) -> bool:
    """Whether ``slot``'s context was freed (read through a call, so mypy does not narrow the attribute)."""
    return slot.freed


def _wait_running(view: memoryview) -> None:
    deadline = time.monotonic() + 30
    while view[1] == 0:
        assert time.monotonic() < deadline, "the gated call never started"
        time.sleep(0.001)


def test_close_while_a_sync_call_runs_frees_the_context_after_it():
    s = V8Script(GATED, params=PARAMS, timeout=30)
    slot = s._slot
    assert slot is not None
    view = _gate(s)
    results: list[list[CallResult]] = []
    worker = threading.Thread(target=lambda: results.append(call(s, [("abc", {})])))
    worker.start()
    _wait_running(view)
    s.close()
    assert s.closed and not freed(slot)  # the running call still owns the context
    with pytest.raises(RuntimeError, match="converter 'converter' is closed"):
        call(s, [("x", {})])
    view[0] = 1
    worker.join(30)
    assert results == [[CallResult(output=3)]]
    assert freed(slot) and slot.calls == 0


def test_close_while_an_async_call_runs_frees_the_context_after_it():
    s = V8Script(GATED, params=PARAMS, timeout=30)
    slot = s._slot
    assert slot is not None
    view = _gate(s)
    results: list[CallResult] = []
    worker = threading.Thread(target=lambda: results.extend(call_async(s, [("ab", {})])))
    worker.start()
    _wait_running(view)
    s.close()
    assert not freed(slot)

    with pytest.raises(RuntimeError, match="is closed"):
        call_async(s, [("x", {})])
    view[0] = 1
    worker.join(30)
    assert results == [CallResult(output=2)]
    assert freed(slot) and slot.calls == 0
