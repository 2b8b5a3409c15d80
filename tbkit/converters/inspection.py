"""What a byte inspection found: per payload byte, how often the decoder read it, from which lines and calls.

A decoder's ``payload`` is an array of numbers. For TBEL (and for JS bytes that are not valid
UTF-8) element ``i`` is byte ``i``; for a JS payload that is valid UTF-8, element ``i`` is a
UTF-16 code unit, and reading it reads the bytes of its character (a leading BOM is never
seen by a JS decoder: it stays unread). :func:`element_spans` gives that map.

>>> from tbkit.converters import UplinkConverter
>>> conv = UplinkConverter("var t = payload[1] << 8 | payload[2];\\nreturn {deviceName: 'A', telemetry: {t: t}};")
>>> found = conv.inspect(b"\\x01\\x02\\x03\\x04")
>>> found.unread, [b.lines for b in found.bytes]
([0, 3], [[], [1], [1], []])
>>> conv.close()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from ..errors import ConverterError
from ..models import JsonObject, JsonValue
from .inspection_html import inspection_html, summary, view_data
from .inspector import ElementRead, Traced

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ByteInfo", "Inspection", "PastEnd", "Reader", "build_inspection", "element_spans"]


class _RunLike(Protocol):
    """What an inspection needs of its result (a :class:`~tbkit.converters.uplink.DecodeRun`)."""

    @property
    def error(self) -> ConverterError | None: ...
    @property
    def output(self) -> JsonValue: ...


R = TypeVar("R", bound=_RunLike)


@dataclass(frozen=True)
class PastEnd:
    """A read beyond the payload: ``payload[index]`` on ``line`` (in JS it gives ``undefined``)."""

    index: int
    line: int | None


@dataclass(frozen=True)
class Reader:
    """One place that read a byte: its ``line`` (None when unknown), the ``call`` (None for a plain
    ``payload[i]``) and how many times (``count``)."""

    line: int | None
    call: str | None
    count: int


@dataclass
class ByteInfo:
    """One payload byte and the reads of it: ``first_read`` is its rank in the order of first reads (1 first)."""

    offset: int
    value: int
    reads: int = 0
    lines: list[int] = field(default_factory=list)
    first_read: int | None = None
    readers: list[Reader] = field(default_factory=list)

    @property
    def hex(self) -> str:
        """The byte as two hex digits, ``1F``."""
        return f"{self.value:02X}"

    @property
    def char(self) -> str:
        """The byte as printable ASCII, or ``.``."""
        return chr(self.value) if 0x20 <= self.value < 0x7F else "."


@dataclass
class Inspection(Generic[R]):
    """A decoder run on one payload, with every read of the payload recorded.

    ``result`` is what :meth:`~tbkit.UplinkConverter.run` returns for this payload (an error
    included), ``bytes`` one :class:`ByteInfo` per payload byte, ``unread`` the offsets no read
    reached, ``past_end`` the reads beyond the payload. ``source_lines`` is the script, for
    the legend; ``complete`` is False when no reads are known, and ``reason`` says why: the traced
    run stopped at a limit, or (``js_engine="local"``) V8 computed another result than the local
    engine. Then ``result`` comes from an untraced run.

    In a notebook it shows as a hex grid (see :mod:`tbkit.converters.inspection_html`); :attr:`frame`
    is the same as a DataFrame.
    """

    result: R
    payload: bytes
    lang: str
    source_lines: list[str]
    bytes: list[ByteInfo]
    past_end: list[PastEnd] = field(default_factory=list)
    complete: bool = True
    reason: str = ""

    @property
    def unread(self) -> list[int]:
        """Offsets of the bytes the decoder never read (empty when no reads are known: see ``complete``)."""
        return [b.offset for b in self.bytes if b.reads == 0] if self.complete else []

    @property
    def lines(self) -> list[int]:
        """The lines that read the payload, in the order of their first read."""
        order: dict[int, int] = {}
        for b in sorted((b for b in self.bytes if b.first_read is not None), key=lambda b: b.first_read or 0):
            for line in b.lines:
                order.setdefault(line, len(order))
        for gone in self.past_end:
            if gone.line is not None:
                order.setdefault(gone.line, len(order))
        return list(order)

    def line_text(self, line: int) -> str:
        """The source text of ``line`` (1-based), stripped."""
        return self.source_lines[line - 1].strip() if 0 < line <= len(self.source_lines) else ""

    @property
    def frame(self) -> pd.DataFrame:
        """One row per payload byte: offset, byte, hex, char, reads, lines, first_read (nullable Int64)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "offset": pd.Series([b.offset for b in self.bytes], dtype="int64"),
                "byte": pd.Series([b.value for b in self.bytes], dtype="int64"),
                "hex": pd.Series([b.hex for b in self.bytes], dtype=object),
                "char": pd.Series([b.char for b in self.bytes], dtype=object),
                "reads": pd.Series([b.reads for b in self.bytes], dtype="int64"),
                "lines": pd.Series([list(b.lines) for b in self.bytes], dtype=object),
                "first_read": pd.Series([b.first_read for b in self.bytes], dtype="Int64"),
            }
        )

    def summary(self) -> str:
        """One sentence: how many bytes were read, which were not, reads past the end."""
        return summary(self)

    def to_view(self, max_bytes: int = 4096) -> JsonObject:
        """The inspection as the widgets' front end draws it (plain JSON values; see ``js/src/inspector.js``)."""
        return view_data(self, max_bytes)

    def _repr_html_(self) -> str:
        return inspection_html(self)

    def __repr__(self) -> str:
        return f"<Inspection of {len(self.payload)} bytes: {self.summary()}>"


def element_spans(payload: bytes, lang: str) -> list[tuple[int, int]]:
    """For each element of the decoder's ``payload`` array, the bytes ``[start, end)`` it stands for.

    The same rule as :func:`~tbkit.converters.uplink.payload_text`: JS gets UTF-16 code units of a
    strict UTF-8 decode without U+FFFD (a leading BOM dropped), otherwise every byte is an element.
    """
    if lang == "JS":
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and "\ufffd" not in text:
            spans: list[tuple[int, int]] = []
            at = 0
            for k, char in enumerate(text):
                size = len(char.encode("utf-8"))
                if not (k == 0 and char == "\ufeff"):
                    spans.extend([(at, at + size)] * (2 if ord(char) > 0xFFFF else 1))
                at += size
            return spans
    return [(i, i + 1) for i in range(len(payload))]


#: Why an inspection has no reads, when the traced run stopped at a limit.
STOPPED = "the traced run stopped at its time or memory limit"


def build_inspection(
    result: R, payload: bytes, lang: str, source: str, traced: Traced | None, reason: str = STOPPED
) -> Inspection[R]:
    """The :class:`Inspection` of ``traced`` for ``payload`` (None: no reads known, for ``reason``)."""
    lines = source.splitlines() or [""]
    found = Inspection(result, payload, lang, lines, [ByteInfo(i, v) for i, v in enumerate(payload)])
    if traced is None:
        found.complete, found.reason = False, reason
        return found
    spans = element_spans(payload, lang)
    if traced.length is None or traced.length != len(spans):
        return found  # the script never got the payload array (or not as tbkit built it)
    _apply_reads(found, spans, traced.reads, traced.first, len(lines))
    return found


def _apply_reads(
    found: Inspection[R], spans: Sequence[tuple[int, int]], reads: list[ElementRead], first: dict[int, int], n: int
) -> None:
    inside = sorted((i for i in first if 0 <= i < len(spans)), key=lambda i: first[i])
    rank = {index: k + 1 for k, index in enumerate(inside)}
    past: dict[PastEnd, None] = {}
    for read in reads:
        line = min(read.line, n) if read.line > 0 else None
        if not 0 <= read.index < len(spans):
            past.setdefault(PastEnd(read.index, line))
            continue
        start, end = spans[read.index]
        for offset in range(start, end):
            info = found.bytes[offset]
            info.reads += read.count
            if line is not None and line not in info.lines:
                info.lines.append(line)
            _add_reader(info, Reader(line, read.call, read.count))
            order = rank[read.index]
            info.first_read = order if info.first_read is None else min(info.first_read, order)
    for info in found.bytes:
        info.lines.sort()
    found.past_end = list(past)


def _add_reader(info: ByteInfo, reader: Reader) -> None:
    for k, old in enumerate(info.readers):
        if old.line == reader.line and old.call == reader.call:
            info.readers[k] = Reader(old.line, old.call, old.count + reader.count)
            return
    info.readers.append(reader)
