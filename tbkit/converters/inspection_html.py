"""An :class:`~tbkit.converters.inspection.Inspection` drawn: the hex grid, its colours, names and summary.

The notebook view is static HTML (a notebook runs no script in an output): a hex grid of 16
bytes a row with offsets and an ASCII column, each byte coloured by the first line that read it,
unread bytes outlined with a dashed border, a legend of the lines with their source text, and
per byte a tooltip naming its offset, value and the lines and calls that read it. Hovering a
byte or a legend entry outlines every byte of that line (CSS ``:has``). The widgets draw the same
from :func:`view_data` (``js/src/inspector.js``) with the same colours (``tbkit.css``) and names.

Colours: :data:`PALETTE` holds each line colour for the light and the dark theme; byte text is
:data:`TEXT_LIGHT` / :data:`TEXT_DARK`, at least 4.5:1 on every colour (:func:`contrast`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import count
from typing import Protocol

from ..errors import ConverterError
from ..models import JsonObject

__all__ = [
    "PALETTE",
    "ByteInfo",
    "Inspected",
    "TEXT_DARK",
    "TEXT_LIGHT",
    "accessible_name",
    "byte_title",
    "contrast",
    "inspection_html",
    "summary",
    "view_data",
]

#: (light theme, dark theme) background of each line's bytes, in the order lines first read.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#cfe3ff", "#1f4a7a"),
    ("#ffd9b3", "#7a4310"),
    ("#c8f0c8", "#235c2a"),
    ("#f6c8d8", "#7a2448"),
    ("#e2d4f7", "#4f3680"),
    ("#fff0a8", "#665500"),
    ("#bdeee9", "#11615a"),
    ("#e8dcc8", "#5e4a2c"),
    ("#d9e7b0", "#4d5c14"),
    ("#f9cfc4", "#7d3222"),
    ("#cdd8e8", "#3a4a63"),
    ("#f0c8f0", "#6e2a6e"),
)
TEXT_LIGHT = "#1a1a1a"
TEXT_DARK = "#f5f5f5"
_ROW = 16


class _Reader(Protocol):
    @property
    def line(self) -> int | None: ...
    @property
    def call(self) -> str | None: ...
    @property
    def count(self) -> int: ...


class ByteInfo(Protocol):
    """What the views read of a byte (:class:`tbkit.converters.inspection.ByteInfo`)."""

    @property
    def offset(self) -> int: ...
    @property
    def value(self) -> int: ...
    @property
    def hex(self) -> str: ...
    @property
    def char(self) -> str: ...
    @property
    def reads(self) -> int: ...
    @property
    def lines(self) -> list[int]: ...
    @property
    def readers(self) -> Sequence[_Reader]: ...


class _PastEnd(Protocol):
    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int | None: ...


class _Result(Protocol):
    @property
    def error(self) -> ConverterError | None: ...


class Inspected(Protocol):
    """What the views read of an inspection (:class:`tbkit.converters.inspection.Inspection`)."""

    @property
    def result(self) -> _Result: ...
    @property
    def bytes(self) -> Sequence[ByteInfo]: ...
    @property
    def past_end(self) -> Sequence[_PastEnd]: ...
    @property
    def complete(self) -> bool: ...
    @property
    def reason(self) -> str: ...
    @property
    def unread(self) -> list[int]: ...
    @property
    def lines(self) -> list[int]: ...
    def line_text(self, line: int) -> str: ...


_MAX_HTML_BYTES = 4096
_ids = count(1)


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _lines_text(lines: list[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"


def accessible_name(info: ByteInfo, complete: bool = True) -> str:
    """A grid cell's accessible name: ``byte 3, 0x1F, read by line 5`` (or ``not read``, or ``reads not
    known`` when the inspection has none: ``complete`` False)."""
    head = f"byte {info.offset}, 0x{info.hex}"
    if not complete:
        return f"{head}, reads not known"
    if info.reads == 0:
        return f"{head}, not read"
    if not info.lines:
        return f"{head}, read"
    return f"{head}, read by {_lines_text(info.lines)}"


def byte_title(info: ByteInfo, found: Inspected) -> str:
    """The tooltip of a byte: offset, value, and each line and call that read it."""
    head = f"byte {info.offset} (0x{info.offset:X}): 0x{info.hex} = {info.value}"
    if info.char != ".":
        head += f" '{info.char}'"
    if not found.complete:
        return head + "\nreads not known"
    if info.reads == 0:
        return head + "\nnot read"
    rows = [head, f"read {info.reads} time{'s' if info.reads != 1 else ''}"]
    for reader in info.readers:
        where = f"line {reader.line}" if reader.line is not None else "somewhere"
        what = reader.call or (found.line_text(reader.line) if reader.line is not None else "")
        rows.append(f"{where}: {what}" + (f" (×{reader.count})" if reader.count > 1 else ""))
    return "\n".join(rows)


def summary(found: Inspected) -> str:
    """``12 of 16 bytes read; 4 never read (12-15); 1 read past the end (index 20, line 7)``."""
    if not found.complete:
        return f"{found.reason}: no reads recorded"
    total = len(found.bytes)
    unread = found.unread
    text = f"{total - len(unread)} of {total} byte{'s' if total != 1 else ''} read"
    if unread:
        text += f"; {len(unread)} never read ({_ranges(unread)})"
    if found.past_end:
        shown = ", ".join(
            f"index {p.index}" + (f" on line {p.line}" if p.line is not None else "") for p in found.past_end[:3]
        )
        more = ", ..." if len(found.past_end) > 3 else ""
        text += f"; {len(found.past_end)} read{'s' if len(found.past_end) != 1 else ''} past the end ({shown}{more})"
    return text


def _ranges(offsets: list[int]) -> str:
    parts: list[str] = []
    start = prev = offsets[0]
    for offset in [*offsets[1:], None]:
        if offset is not None and offset == prev + 1:
            prev = offset
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if offset is not None:
            start = prev = offset
    return ", ".join(parts[:8]) + (", ..." if len(parts) > 8 else "")


def _colours(found: Inspected) -> dict[int, int]:
    return {line: k % len(PALETTE) for k, line in enumerate(found.lines)}


def _byte_colour(info: ByteInfo, colours: dict[int, int]) -> int:
    """The colour of the line that read the byte first (-1: unread, or no line known)."""
    if not info.lines:
        return -1
    return min(colours[line] for line in info.lines)


def view_data(found: Inspected, max_bytes: int = 4096) -> JsonObject:
    """Plain JSON values for the widgets' grid: bytes (value, colour, lines, readers), lines, past reads."""
    colours = _colours(found)
    shown = found.bytes[:max_bytes]
    return {
        "size": len(found.bytes),
        "bytes": [
            [
                b.value,
                _byte_colour(b, colours),
                [*b.lines],
                b.reads,
                [[r.line, r.call, r.count] for r in b.readers],
            ]
            for b in shown
        ],
        "lines": [[line, found.line_text(line), colours[line]] for line in found.lines],
        "past_end": [[p.index, p.line] for p in found.past_end[:100]],
        "summary": summary(found),
        "complete": found.complete,
    }


def _style(scope: str, lines: list[int]) -> str:
    rules = [
        f".{scope} table{{border-collapse:separate;border-spacing:2px;font-family:var(--jp-code-font-family,monospace);"
        f"font-size:var(--jp-code-font-size,13px)}}",
        f".{scope} td{{padding:1px 4px;text-align:center;border:1px solid transparent;border-radius:3px;"
        f"color:{TEXT_LIGHT}}}",
        f".{scope} td.o,.{scope} td.a{{color:var(--jp-content-font-color1,{TEXT_LIGHT});text-align:left}}",
        f".{scope} td.u{{color:var(--jp-content-font-color1,{TEXT_LIGHT});border:1px dashed #c62828}}",
        f".{scope} td.g{{padding-left:10px}}",
        f".{scope} td.m{{font-weight:bold;text-decoration:underline}}",
        f".{scope} .leg{{margin:4px 0;font-family:var(--jp-code-font-family,monospace)}}",
        f".{scope} .leg span.sw{{display:inline-block;padding:0 6px;border-radius:3px;color:{TEXT_LIGHT}}}",
        f'body[data-jp-theme-light="false"] .{scope} td.u{{border-color:#ff8a80}}',
    ]
    for k, (light, dark) in enumerate(PALETTE):
        rules.append(f".{scope} .c{k}{{background:{light};color:{TEXT_LIGHT}}}")
        rules.append(f'body[data-jp-theme-light="false"] .{scope} .c{k}{{background:{dark};color:{TEXT_DARK}}}')
    for line in lines:
        rules.append(f".{scope}:has(.l{line}:hover) td.l{line}{{outline:2px solid currentColor}}")
    return "<style>" + "".join(rules) + "</style>"


def _cell(info: ByteInfo, colours: dict[int, int], found: Inspected, gap: bool) -> str:
    colour = _byte_colour(info, colours)
    unread = info.reads == 0 and found.complete
    classes = [f"c{colour}" if colour >= 0 else ("u" if unread else ""), "g" if gap else ""]
    classes += [f"l{line}" for line in info.lines]
    if len(info.lines) > 1:
        classes.append("m")
    return (
        f'<td class="{" ".join(c for c in classes if c)}" role="gridcell" '
        f'aria-label="{html.escape(accessible_name(info, found.complete))}" '
        f'title="{html.escape(byte_title(info, found))}">'
        f"{info.hex}</td>"
    )


def _grid(found: Inspected, colours: dict[int, int], shown: Sequence[ByteInfo]) -> str:
    rows = []
    for start in range(0, len(shown), _ROW):
        chunk = shown[start : start + _ROW]
        cells = "".join(_cell(b, colours, found, k == 8) for k, b in enumerate(chunk))
        ascii_text = html.escape("".join(b.char for b in chunk))
        rows.append(
            f'<tr><td class="o" aria-hidden="true">{start:04X}</td>{cells}'
            f'<td class="a" aria-hidden="true">{ascii_text}</td></tr>'
        )
    return f'<table role="grid" aria-label="payload bytes">{"".join(rows)}</table>'


def _legend(found: Inspected, colours: dict[int, int]) -> str:
    items = []
    for line in found.lines:
        text = html.escape(found.line_text(line))
        items.append(
            f'<div class="leg l{line}"><span class="sw c{colours[line]}">line {line}</span> <code>{text}</code></div>'
        )
    return "".join(items)


def inspection_html(found: Inspected) -> str:
    """The notebook view of an inspection (escaped; no script)."""
    scope = f"tbkit-inspection-{next(_ids)}"
    colours = _colours(found)
    shown = found.bytes[:_MAX_HTML_BYTES]
    parts = [_style(scope, found.lines), f'<div class="tbkit-inspection {scope}">']
    error = found.result.error
    if error is not None:
        parts.append(f"<p><b>error:</b> {html.escape(str(error))}</p>")
    parts.append(f"<p>{html.escape(summary(found))}</p>")
    parts.append(_grid(found, colours, shown))
    if len(found.bytes) > len(shown):
        parts.append(f"<p>... {len(found.bytes) - len(shown)} more bytes (see .frame)</p>")
    parts.append(_legend(found, colours))
    parts.append("</div>")
    return "".join(parts)
