"""A V8 call as I/O-free steps, and tbkit's JS runtime text (used by :mod:`.runtime` and :mod:`.batch`).

A call is written once, as a generator that yields each evaluation it needs (an :class:`Eval`) and
gets its :data:`Answer` back: the text it returned, a :class:`LimitHit` or a :class:`Fault`.
:meth:`~tbkit.converters.runtime.V8Script.run_steps` drives it for synchronous callers,
:meth:`~tbkit.converters.runtime.V8Script.run_steps_async` for async ones.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple, TypeVar

from ..errors import ConverterError, ConverterMemoryError, ConverterRuntimeError, ConverterTimeoutError
from ..models import JsonValue

__all__ = ["RUNTIME_FILE", "RUNTIME_JS", "Answer", "CallResult", "Eval", "Fault", "LimitHit", "Steps"]

T = TypeVar("T")
RUNTIME_FILE = "tbkit-runtime.js"  # the sourceURL of tbkit's own JS: a V8 error from it names this file
_PARTS = (
    "primordials.js",
    "prelude.js",
    "batch_wire.js",
    "batch_payload.js",
    "batch_values.js",
    "batch_normalise.js",
    "batch_protocol.js",
)


def _js(name: str) -> str:
    return resources.files("tbkit.converters").joinpath(name).read_text("utf-8")


# tbkit's runtime: the built-ins it uses captured first (primordials.js), then the prelude and the batch
# path, in one scope of their own (no script reaches it), evaluated once per context before the user's
# script. Only the frozen __tbkit global (non-writable, non-configurable) is left for Python to call.
RUNTIME_JS = "\n".join(
    [
        '(function (g) {\n"use strict";',
        *(_js(name) for name in _PARTS),
        "})(globalThis);",
        f"//# sourceURL={RUNTIME_FILE}",
    ]
)


@dataclass
class CallResult:
    """What one call into a user script produced.

    ``output`` is the JSON value the script returned (``None`` for ``undefined``), ``logs``
    the ``console.log`` lines it printed, ``error`` the failure (then ``output`` is None).
    """

    output: JsonValue = None
    logs: list[str] = field(default_factory=list)
    error: ConverterError | None = None

    @property
    def ok(self) -> bool:
        """True when the script returned normally."""
        return self.error is None


@dataclass(frozen=True)
class LimitHit:
    """A V8 call stopped by its time or memory limit (``error`` says which)."""

    error: ConverterTimeoutError | ConverterMemoryError


@dataclass(frozen=True)
class Fault:
    """A V8 call that failed inside tbkit's runtime (never the user's script: its errors are caught there).

    The context is replaced (the next call starts afresh); ``error`` names the converter.
    """

    error: ConverterRuntimeError


Answer = str | LimitHit | Fault
"""What one evaluation gives: its text, or why it gave none."""


class Eval(NamedTuple):
    """One V8 evaluation a call's steps ask for (see :meth:`V8Script.eval_text`)."""

    source: str
    items: int  # the calls it holds: its time budget is that of this many calls
    inbox: tuple[str, str] | None = None  # data handed over as a string value first


Steps = Generator[Eval, Answer, T]
"""A call as I/O-free steps: yields the evaluations it needs, gets each answer, returns its result."""
