"""The byte inspector's V8 side: a converter's script in a context of its own, its payload reads traced.

An :class:`Inspector` loads the script again, in a second V8 context made on the first
inspection, with ``trace.js`` between tbkit's runtime and the script (see that file); the
runtime adopts the user function wrapped by the tracer. The
converter's own context never loads the tracer, so decoding, batches and replays run exactly as
before and at the same speed. An inspection decodes its payload through the same batch code as
:meth:`~tbkit.converters.UplinkConverter.run` (so the output is the same), then takes the trace.

>>> inspector = Inspector("var t = payload[1];\\nreturn {deviceName: 'A', telemetry: {t: t}};", "JS", "demo")
>>> traced = inspector.trace(b"\\x01\\x02\\x03", {})
>>> traced.batch.output(0), traced.reads
({'deviceName': 'A', 'telemetry': {'t': 2}}, [ElementRead(index=1, line=1, call=None, count=1)])
>>> inspector.close()
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, TypedDict

from .batch import DecodedBatch, decode_batch
from .runtime import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, USER_FUNCTION, V8Script

__all__ = ["TRACE_SLACK", "ElementRead", "Inspector", "Traced"]

#: An inspection may run this many times the converter's time limit: tracing slows reads down.
TRACE_SLACK = 5.0
_PARAMS = ("payload", "metadata")
_TRACE_URL = "tbkit-trace.js"
_TRACE_JS = resources.files("tbkit.converters").joinpath("trace.js").read_text("utf-8")
_WRAP = "__tbkit_trace.wrap"


class _TraceOptions(TypedDict):
    params: tuple[str, ...]
    name: str
    timeout: float
    max_memory: int
    adopt_through: str


def _loader(key: str) -> str:
    """JS that installs the tracer with ``key``: trace.js evaluated as a script of its own (indirect
    eval, so its frames carry their own name), a function called with the global object and the key."""
    text = json.dumps(_TRACE_JS + "\n//# sourceURL=" + _TRACE_URL)
    return f";(0, eval)({text})(globalThis, {json.dumps(key)});\n"


@dataclass(frozen=True)
class ElementRead:
    """Reads of one payload element from one place: ``count`` reads of ``index`` on ``line``.

    ``call`` is the helper call that made them (``parseBytesToInt(payload, 2, 2, false)``), the
    builtin (``slice``), or None for a plain ``payload[i]``. ``line`` is 0 when unknown.
    """

    index: int
    line: int
    call: str | None
    count: int


@dataclass
class Traced:
    """One traced decode: the batch of one item (as :meth:`UplinkConverter.run` reads it) and its reads.

    ``length`` is the number of payload elements the script saw (None when the trace is
    missing: the call hit a limit, or the payload never reached the script). ``first`` maps
    an element index to the order of its first read (0 first).
    """

    batch: DecodedBatch
    length: int | None = None
    reads: list[ElementRead] = field(default_factory=list)
    first: dict[int, int] = field(default_factory=dict)


class Inspector:
    """One uplink script loaded in an inspection context: every payload read recorded.

    Parameters
    ----------
    source, lang, name:
        The decoder script, ``"JS"`` or ``"TBEL"``, and the converter's name (for errors).
    timeout, max_memory:
        The converter's limits; the inspection gets :data:`TRACE_SLACK` times the time limit.
    """

    def __init__(
        self,
        source: str,
        lang: str,
        name: str,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory: int = DEFAULT_MAX_MEMORY,
    ) -> None:
        self.lang = lang
        self._lock = threading.Lock()  # one traced call at a time: a trace belongs to the call before take()
        key = secrets.token_hex(16)  # what take() needs: the script shares the context and cannot know it
        self._take_source = f"__tbkit_trace.take({json.dumps(key)})"
        options: _TraceOptions = {
            "params": _PARAMS,
            "name": name,
            "timeout": timeout * TRACE_SLACK,
            "max_memory": max_memory,
            "adopt_through": _WRAP,
        }
        if lang == "TBEL":
            from .tbel import TBEL_RUNTIME_JS, compile_tbel

            program = compile_tbel(source, params=_PARAMS, function_name=USER_FUNCTION)
            runtime = TBEL_RUNTIME_JS + _loader(key)
            self._script = V8Script(source, compiled=program.js, runtime_js=runtime, **options)
        else:
            self._script = V8Script(source, runtime_js=_loader(key), **options)

    def _take(self) -> dict[str, Any] | None:
        raw = self._script.eval_text(self._take_source, 1)
        if not isinstance(raw, str):  # a limit, or a fault (the context was reloaded): no trace
            return None
        value = json.loads(raw)
        return value if isinstance(value, dict) else None

    def trace(self, payload: bytes, metadata: dict[str, str]) -> Traced:
        """Decode ``payload`` (bytes as received) with ``metadata`` (string values) and trace its reads."""
        with self._lock:
            batch = decode_batch(self._script, [payload], [metadata], utf8=self.lang == "JS", raw=True)
            taken = self._take()
        traced = Traced(batch)
        if taken is None or taken.get("length", -1) < 0:
            return traced
        labels = [str(x) for x in taken["labels"]]
        traced.length = int(taken["length"])
        traced.reads = [
            ElementRead(int(i), int(line), labels[call] if call >= 0 else None, int(n))
            for i, line, call, n in taken["reads"]
        ]
        traced.first = {int(i): int(seq) for i, seq in taken["first"]}
        return traced

    def close(self) -> None:
        """Free the inspection context."""
        self._script.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran."""
        return self._script.closed
