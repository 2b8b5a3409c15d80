"""A :class:`~tbkit.replay.Replay` as HTML: the summary, then the first differences as JSON diffs."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Protocol

from .payloads import RecordedUplink

__all__ = ["ReplayView", "replay_html"]


class ReplayView(Protocol):
    """What the HTML needs of a :class:`~tbkit.replay.Replay`."""

    @property
    def uplinks(self) -> Sequence[RecordedUplink]: ...
    @property
    def cancelled(self) -> bool: ...
    @property
    def finished(self) -> bool: ...
    def summary(self) -> dict[str, int]: ...
    def differences(self) -> Iterable[int]: ...
    def device(self, index: int) -> str | None: ...
    def verdict(self, index: int) -> int: ...
    def diff(self, index: int) -> list[str]: ...


_LABELS = {1: "changed", 2: "new error", 3: "fixed error"}
_COLOURS = {"+": "color: #1a7f37", "-": "color: #cf222e", "@": "color: #6e7781"}


def replay_html(replay: ReplayView, first: int = 5) -> str:
    """The summary table and the first ``first`` differing uplinks, every text escaped."""
    summary = replay.summary()
    state = " (cancelled)" if replay.cancelled else "" if replay.finished else " (not finished)"
    cells = "".join(f"<th>{html.escape(k.replace('_', ' '))}</th>" for k in summary)
    values = "".join(f"<td>{v:,}</td>" for v in summary.values())
    parts = [
        f"<div class='tbkit-replay'><b>Replay of {len(replay.uplinks):,} uplinks{state}</b>",
        f"<table><tr>{cells}</tr><tr>{values}</tr></table>",
    ]
    shown = list(islice(replay.differences(), first))
    if not shown:
        parts.append("<p>No differences.</p>")
    for index in shown:
        uplink = replay.uplinks[index]
        device = replay.device(index)
        head = " · ".join([_when(uplink.ts), *([device] if device else []), _LABELS[replay.verdict(index)]])
        head = f"uplink {index + 1}: {head}"  # people count from 1: uplink N is .frame row N - 1
        parts.append(f"<p><b>{html.escape(head)}</b></p>")
        parts.append("<pre style='font-size: 90%'>" + "\n".join(_line(x) for x in replay.diff(index)) + "</pre>")
    rest = summary["total"] - summary["same"] - len(shown)
    if rest > 0:
        parts.append(f"<p>… and {rest:,} more; see <code>.frame</code>.</p>")
    return "\n".join(parts) + "</div>"


def _when(ts: object) -> str:
    return ts.isoformat(sep=" ", timespec="milliseconds") if hasattr(ts, "isoformat") else str(ts)


def _line(text: str) -> str:
    style = _COLOURS.get(text[:1]) if not text.startswith(("+++", "---")) else "color: #6e7781"
    escaped = html.escape(text)
    return f"<span style='{style}'>{escaped}</span>" if style else escaped
