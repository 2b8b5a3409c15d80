"""Remote-engine runs checked against the local engine: the warnings a user sees before deploying.

A converter that targets the remote engine runs in V8 as it is. Beside it, on the calls a user
looks at (``run``, ``test``, the editor), tbkit runs the same input through the local engine (a
twin made on first use) and warns where ThingsBoard's default local engine would fail or return
something else. What the local engine refuses to compile is warned about when the converter is
made (:func:`~tbkit.converters.nashorn.engine.static_warnings`).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from typing import Protocol

from ...errors import ConverterError, ConverterMemoryError, ConverterTimeoutError
from ...models import JsonValue
from ..runtime import V8Script
from .engine import ENGINE, Kind, is_local_failure, local_script

__all__ = ["LocalTwin", "differences", "from_the_twin"]

_SAYS = (f"{ENGINE} fails", f"{ENGINE} returns a different result", f"{ENGINE} runs this input")


def from_the_twin(warning: str) -> bool:
    """True for a warning :func:`differences` wrote (what the local engine did with one input)."""
    return any(says in warning for says in _SAYS)


def _same(a: JsonValue, b: JsonValue) -> bool:
    """JSON values equal with their number types (1 and 1.0 differ, as they do in ThingsBoard)."""
    if isinstance(a, bool) or isinstance(b, bool) or isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return type(a) is type(b) and (a == b or (a != a and b != b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _first_difference(a: JsonValue, b: JsonValue, path: str = "output") -> tuple[str, JsonValue, JsonValue]:
    """Where two JSON values first differ: (path, a's value there, b's value there)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b or not _same(a[key], b[key]):
                return _first_difference(a.get(key, "<absent>"), b.get(key, "<absent>"), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if not _same(x, y):
                return _first_difference(x, y, f"{path}[{i}]")
    return path, a, b


def _shown(value: JsonValue) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) or value != "<absent>" else value
    return text if len(text) <= 80 else text[:77] + "..."


def differences(
    remote_output: JsonValue,
    remote_error: ConverterError | None,
    local_output: JsonValue,
    local_error: ConverterError | None,
) -> list[str]:
    """Warnings for one input: what the local engine does that the remote run did not."""
    if isinstance(local_error, (ConverterTimeoutError, ConverterMemoryError)):
        return []  # tbkit's limits, not the engine's (ThingsBoard's local engine allows 8 s of CPU)
    local_failed = local_error is not None and is_local_failure(local_error)
    remote_failed = remote_error is not None and type(remote_error).__name__ != "ConverterOutputError"
    if local_failed:
        assert local_error is not None
        where = f"line {local_error.line}: " if local_error.line else ""
        text = local_error.message.split("\n", 1)[0]
        if re.search(r'"decodeTo(String|Json)" is not defined', text):
            text += " (tbkit defines decodeToString and decodeToJson; ThingsBoard does not: define them in the script)"
        return [f"{where}{ENGINE} fails{' too' if remote_failed else ''}: {text}"]
    if remote_failed:
        return [f"{ENGINE} runs this input without that error"]
    if not _same(remote_output, local_output):
        path, local, remote = _first_difference(local_output, remote_output)
        return [f"{ENGINE} returns a different result: {path} is {_shown(local)} there, {_shown(remote)} here"]
    return []


class LocalTwin:
    """A remote-engine converter's script as the local engine runs it, made on first use.

    ``None`` stands for "the local engine does not load this script" (then the converter's
    static warnings say why).
    """

    def __init__(
        self, source: str, kind: Kind, params: tuple[str, ...], name: str, timeout: float, memory: int
    ) -> None:
        self._options = (source, kind, params, name, timeout, memory)
        self._lock = threading.Lock()
        self._script: V8Script | None = None
        self._failed = False
        self._closed = False

    def script(self) -> V8Script | None:
        """The twin's V8 script, or None when the local engine refuses the source."""
        with self._lock:
            if self._closed or self._failed:
                return None
            if self._script is None:
                source, kind, params, name, timeout, memory = self._options
                try:
                    self._script = local_script(
                        source, kind, params=params, name=name, timeout=timeout, max_memory=memory
                    )
                except ConverterError:
                    self._failed = True
            return self._script

    def close(self) -> None:
        """Free the twin's context (if it was made)."""
        with self._lock:
            self._closed = True
            script, self._script = self._script, None
        if script is not None:
            script.close()


class Run(Protocol):
    """What :func:`paired` reads of a run (a DecodeRun or EncodeRun)."""

    @property
    def output(self) -> JsonValue: ...
    @property
    def error(self) -> ConverterError | None: ...


def paired(runs: Sequence[Run], local: Sequence[tuple[JsonValue, ConverterError | None]]) -> list[list[str]]:
    """For each remote run (``output``/``error``) and local (output, error): the warnings."""
    return [differences(run.output, run.error, out, err) for run, (out, err) in zip(runs, local, strict=True)]
