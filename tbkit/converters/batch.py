"""Decode many uplinks in V8 at once: one string in, one string out, Python objects on demand.

The bodies cross into V8 as one base64 string of their bytes (a builtin turns it into a
``Uint8Array``); V8 builds each payload array (the UTF-8 rule of
:func:`~tbkit.converters.uplink.payload_text`), calls the decoder and normalises its result with
the rules of :mod:`tbkit.normalise` (``batch_*.js``; from the JSON text ``JSON.stringify`` makes
of it whenever the result itself may not read the same). The format of what crosses is
:mod:`.wire` (``batch_wire.js`` on V8's side). The answer comes back as one string
with a line per uplink; :class:`DecodedBatch` parses a line only when that uplink is asked for.
A call that runs past its limit stops there: the items before it are kept, it is rerun alone
(so only a real runaway fails) and the batch goes on.

>>> from tbkit.converters import UplinkConverter
>>> conv = UplinkConverter("var d = decodeToJson(payload); return {deviceName: d.n, telemetry: {t: d.t}};")
>>> batch = conv.decode_batch([b'{"n": "A", "t": 1}', b'{"n": "B", "t": "2.5"}'], [{}])
>>> [d.telemetry[0].values for item in batch for d in item]
[{'t': 1}, {'t': 2.5}]
>>> conv.close()
"""

from __future__ import annotations

import json
import sys
from array import array
from binascii import b2a_base64
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from itertools import count as _count
from typing import Any, cast, overload

from ..errors import ConverterError, ConverterMemoryError, ConverterOutputError, ConverterRuntimeError
from ..models import ConvertedData, JsonArray, JsonObject, JsonText, JsonValue, TelemetryRecord, compact_json
from ..normalise import normalise
from .runtime import V8Script
from .steps import Eval, Fault, Steps
from .wire import HEAD_END, LINE_END, NUMBER_BYTES, RAW_SEPARATOR, ROW, Line

__all__ = ["CHUNK", "OK_PREFIX", "DecodedBatch", "decode_batch", "decode_batch_async", "decode_steps"]

#: Uplinks per V8 call.
CHUNK = 1024
_UINT = next(code for code in "IL" if array(code).itemsize == NUMBER_BYTES)  # the array type code of wire numbers
OK_PREFIX = f"[{Line.OK},"  # how an OK line begins (see batch_wire.js)
_PYTHON_PREFIX = f"[{Line.PYTHON},"
_LIMIT_LINE = f"[{Line.LIMIT}]"
_KINDS = frozenset(Line) - {Line.LIMIT}
_TOKENS = _count(1)  # names each V8 batch call, so that its progress can be collected after a limit


class DecodedBatch(Sequence[list[ConvertedData]]):
    """The outcome of decoding many uplinks: one item per uplink, its normalised entities.

    Indexing an item returns its entities or raises its :class:`ConverterError`; nothing is
    parsed before it is asked for. :meth:`text` gives an item's normalised output as compact
    JSON text (equal texts mean equal outputs), :meth:`error` its error without raising.
    """

    def __init__(
        self, script: V8Script, segments: list[tuple[int, str]], limits: dict[int, ConverterError], size: int
    ) -> None:
        self._script = script
        self._segments = segments
        self._limits = limits
        self._size = size
        self._ends = list(accumulate(count for count, _ in segments))
        self._lines: list[str] | None = None
        self._parsed: dict[int, tuple[list[Any], list[Any] | None]] = {}
        self._python: dict[int, list[ConvertedData] | ConverterError] = {}

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> list[ConvertedData]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[ConvertedData]]: ...
    def __getitem__(self, index: int | slice) -> list[ConvertedData] | list[list[ConvertedData]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        outcome = self.outcome(index)
        if isinstance(outcome, ConverterError):
            raise outcome
        return outcome

    def __iter__(self) -> Iterator[list[ConvertedData]]:
        for i in range(self._size):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<DecodedBatch of {self._size} uplinks, {len(self.failed())} failed>"

    # -- per item ------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """One line per item, as V8 wrote it (see :mod:`.wire`)."""
        if self._lines is None:
            lines: list[str] = []
            for _, segment in self._segments:
                lines.extend(segment.partition(HEAD_END)[2].partition(RAW_SEPARATOR)[0].split(LINE_END))
            self._lines = lines
        return self._lines

    def _rows(self, index: int) -> tuple[list[Any], list[Any] | None, int]:
        """The parsed lines (and raw lines) of ``index``'s segment, and its place in them."""
        segment = bisect_right(self._ends, index)
        parsed = self._parsed.get(segment)
        if parsed is None:  # one json.loads per segment: much cheaper than one per item
            parsed = self._parsed[segment] = self._parse(segment)
        return parsed[0], parsed[1], index - (self._ends[segment - 1] if segment else 0)

    def _parse(self, segment: int) -> tuple[list[Any], list[Any] | None]:
        count, text = self._segments[segment]
        body, _, raw = text.partition(HEAD_END)[2].partition(RAW_SEPARATOR)
        try:
            rows = json.loads("[" + body.replace(LINE_END, ",") + "]")
            raws = json.loads("[" + raw.replace(LINE_END, ",") + "]") if raw else None
            if len(rows) != count or not all(type(row) is list and row and row[0] in _KINDS for row in rows):
                raise ValueError("not one line of a known kind per item")
        except ValueError:  # never written so by batch_*.js: still, an error per item, not a Python internal
            error = ConverterRuntimeError("tbkit's runtime wrote an answer it cannot read", converter=self._script.name)
            start = self._ends[segment] - count
            self._limits.update((i, error) for i in range(start, start + count))
            return [], None
        return rows, raws

    def failed(self) -> list[int]:
        """Indexes of the items whose decoding failed, in order."""
        found = {i for i in self._candidates() if isinstance(self.outcome(i), ConverterError)}
        return sorted(found | self._limits.keys())  # with the items of a segment that could not be read

    def first_error(self) -> ConverterError | None:
        """The error of the first failed item, or None when all succeeded."""
        for i in self._candidates():
            outcome = self.outcome(i)
            if isinstance(outcome, ConverterError):
                return outcome
        return None

    def _candidates(self) -> Iterator[int]:
        """Items that may have failed: every item from the first non-plain one of each segment."""
        start = 0
        for count, segment in self._segments:
            head = segment.partition(HEAD_END)[0]
            first = int(head) if head.lstrip("-").isdigit() else 0
            if first >= 0:
                lines = self.lines()
                yield from (i for i in range(start + first, start + count) if not lines[i].startswith(OK_PREFIX))
            start += count

    def error(self, index: int) -> ConverterError | None:
        """Item ``index``'s error, or None."""
        outcome = self.outcome(index)
        return outcome if isinstance(outcome, ConverterError) else None

    def text(self, index: int) -> str:
        """Item ``index``'s normalised output as compact JSON (``[kind, ...]``, see :mod:`.wire`)."""
        if index in self._limits:
            return _LIMIT_LINE
        line = self.lines()[index]
        if line.startswith(_PYTHON_PREFIX):
            outcome = self.outcome(index)
            if isinstance(outcome, ConverterError):
                return compact_json([Line.OUTPUT_ERROR, outcome.message, getattr(outcome, "status", 500)])
            return compact_json([Line.OK, [_entity_row(e) for e in outcome]])
        return line

    def outcome(self, index: int) -> list[ConvertedData] | ConverterError:
        """Item ``index``'s entities, or its error."""
        if index < 0:
            index += self._size
        if index in self._limits:
            return self._limits[index]
        rows, _, offset = self._rows(index)
        if index in self._limits:  # its segment could not be read
            return self._limits[index]
        row = rows[offset]
        if row[0] == Line.OK:
            return [_entity(entity) for entity in row[1]]
        cached = self._python.get(index)
        if cached is None:
            cached = self._python[index] = self._slow(row)
        return cached

    def output(self, index: int) -> JsonValue:
        """The raw value item ``index``'s script returned (None when it failed)."""
        return self.raw(index)[0]

    def logs(self, index: int) -> list[str]:
        """The ``console.log`` lines item ``index``'s call printed."""
        return self.raw(index)[1]

    def raw(self, index: int) -> tuple[JsonValue, list[str]]:
        """Item ``index``'s raw output and logs (decoded with ``raw=True`` only)."""
        if index < 0:
            index += self._size
        if index in self._limits:
            return None, []
        _, raws, offset = self._rows(index)
        if index in self._limits:
            return None, []
        if raws is None:
            raise ValueError("this batch was decoded without raw outputs")
        output, logs = raws[offset]
        return output, [str(x) for x in logs] if logs else []

    def _slow(self, row: list[Any]) -> list[ConvertedData] | ConverterError:
        kind = row[0]
        if kind == Line.OUTPUT_ERROR:
            return ConverterOutputError(row[1], status=row[2], converter=self._script.name, logs=row[3])
        if kind == Line.SCRIPT_ERROR:
            return self._script.runtime_error(row[1], [str(x) for x in row[2]])
        try:  # Line.PYTHON: a value only Python reads exactly
            return normalise(row[1])
        except ConverterOutputError as exc:
            exc.converter = self._script.name
            return exc


def _values(raw: dict[str, JsonValue]) -> dict[str, JsonValue]:
    return {k: JsonText(compact_json(v)) if isinstance(v, (dict, list)) else v for k, v in raw.items()}


def _entity(row: list[Any]) -> ConvertedData:
    if len(row) > len(ROW):  # V8 saw a nested value: it becomes JsonText, as tbkit.normalise makes it
        attributes, telemetry = _values(row[6]), [TelemetryRecord(ts, _values(v)) for ts, v in row[7]]
    else:
        attributes, telemetry = row[6], [TelemetryRecord(ts, v) for ts, v in row[7]]
    return ConvertedData(row[0], row[1], row[2], row[3], row[4], row[5], attributes, telemetry)


def _entity_row(e: ConvertedData) -> JsonArray:
    def raw(values: dict[str, JsonValue]) -> JsonObject:
        return {k: json.loads(v) if isinstance(v, JsonText) else v for k, v in values.items()}

    telemetry: JsonArray = [[r.ts, raw(r.values)] for r in e.telemetry]
    return [e.entity_type, e.name, e.type, e.label, e.customer_name, e.group_name, raw(e.attributes), telemetry]


def decode_batch(
    script: V8Script,
    payloads: Sequence[bytes | str],
    metas: Sequence[dict[str, str]],
    which: Sequence[int] | None = None,
    *,
    utf8: bool = True,
    raw: bool = False,
) -> DecodedBatch:
    """Decode ``payloads`` with ``script``, ``CHUNK`` per V8 call.

    ``metas`` are the distinct metadata dicts (string values) and ``which[i]`` the one item
    ``i`` gets (all get ``metas[0]`` when ``which`` is None). ``utf8`` applies ThingsBoard's
    UTF-8 payload rule (JS); without it the payload is the raw bytes (TBEL). ``raw`` keeps
    each script's raw output and logs too (:meth:`DecodedBatch.output`).
    """
    return script.run_steps(decode_steps(script, payloads, metas, which, utf8=utf8, raw=raw))


async def decode_batch_async(
    script: V8Script,
    payloads: Sequence[bytes | str],
    metas: Sequence[dict[str, str]],
    which: Sequence[int] | None = None,
    *,
    utf8: bool = True,
    raw: bool = False,
) -> DecodedBatch:
    """:func:`decode_batch` from async code: the same steps, each V8 call awaited."""
    return await script.run_steps_async(decode_steps(script, payloads, metas, which, utf8=utf8, raw=raw))


def decode_steps(
    script: V8Script,
    payloads: Sequence[bytes | str],
    metas: Sequence[dict[str, str]],
    which: Sequence[int] | None,
    *,
    utf8: bool,
    raw: bool,
) -> Steps[DecodedBatch]:
    """:func:`decode_batch` as I/O-free steps (see :mod:`.runtime`), for a sync or an async driver."""
    runner = _Runner(payloads, list(metas), which, utf8, raw)
    for start in range(0, len(payloads), CHUNK):
        yield from runner.run(start, min(start + CHUNK, len(payloads)))
    return DecodedBatch(script, runner.segments, runner.limits, len(payloads))


class _Runner:
    """Feeds one batch to V8 chunk by chunk; keeps each chunk's answer as a (count, text) segment."""

    def __init__(
        self,
        payloads: Sequence[bytes | str],
        metas: list[dict[str, str]],
        which: Sequence[int] | None,
        utf8: bool,
        raw: bool,
    ) -> None:
        self.payloads, self.metas, self.which, self.raw = payloads, metas, which, raw
        self.flags = f"{'true' if utf8 else 'false'},{'true' if raw else 'false'}"
        self.segments: list[tuple[int, str]] = []
        self.token = 0
        self.limits: dict[int, ConverterError] = {}
        self.done = 0

    def call(self, start: int, end: int) -> Eval:
        """The V8 call for items ``start:end``: its source and its inbox entry (the data).

        The data is a JSON head (``[metas, count, has which]``), a line break and, in base64, the
        body lengths and metadata indexes as 4-byte little-endian numbers, then the bodies.
        """
        chunk = self.payloads[start:end]
        try:
            blob = b"".join(cast("Sequence[bytes]", chunk))
        except TypeError:  # str payloads count as their UTF-8 bytes
            chunk = [_as_bytes(p) for p in chunk]
            blob = b"".join(cast("Sequence[bytes]", chunk))
        numbers = array(_UINT, map(len, chunk))  # each body's length, then (if given) each item's metadata
        if self.which is not None:
            numbers.extend(self.which[start:end])
        if sys.byteorder == "big":
            numbers.byteswap()
        head = compact_json([self.metas, end - start, self.which is not None])
        self.token = next(_TOKENS)
        source = f"__tbkit.decodeQueued({self.token},{self.flags})"
        data = b2a_base64(b"".join((numbers.tobytes(), blob)), newline=False).decode("ascii")
        return Eval(source, end - start, (str(self.token), head + HEAD_END + data))

    def add(self, count: int, text: str) -> None:
        if count:
            self.segments.append((count, text))
            self.done += count

    def run(self, start: int, end: int) -> Steps[None]:
        while start < end:
            answer = yield self.call(start, end)
            if isinstance(answer, str):
                self.add(end - start, answer)
                return
            if end - start == 1:  # this item's call stopped (a limit) or failed (tbkit's runtime): its error
                self.limits[self.done] = answer.error
                self.add(1, "0" + HEAD_END + _LIMIT_LINE + (RAW_SEPARATOR + "[null,[]]" if self.raw else ""))
                return
            replaced = isinstance(answer, Fault) or isinstance(answer.error, ConverterMemoryError)
            finished = None if replaced else (yield from self.partial())
            if finished is None:  # the context was replaced: rerun each item alone
                for i in range(start, end):
                    yield from self.run(i, i + 1)
                return
            yield from self.run(start + finished, start + finished + 1)  # the item that was running, alone
            start += finished + 1

    def partial(self) -> Steps[int | None]:
        """After a time limit: keep what the batch finished and say how many items that was."""
        answer = yield Eval(f"__tbkit.collect({self.token})", 1)
        if not isinstance(answer, str) or not answer:
            return None
        body = answer.partition(HEAD_END)[2].partition(RAW_SEPARATOR)[0]
        finished = body.count(LINE_END) + 1 if body else 0
        self.add(finished, answer)
        return finished


def _as_bytes(payload: bytes | bytearray | memoryview | str) -> bytes:
    return payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
