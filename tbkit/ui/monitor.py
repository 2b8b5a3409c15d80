"""UplinkMonitor: a live table of recent uplinks with accepted and failed counters."""

from __future__ import annotations

from collections import deque
from itertools import count
from typing import Any

import traitlets

from ..store.changes import Change, UplinkAccepted, UplinkRefused
from ._base import FeedWidget, compact, short, widget_module
from .feed import Feed

__all__ = ["UplinkMonitor"]


class UplinkMonitor(FeedWidget):
    """Recent uplinks (time, device, status, decoded output, error), newest first.

    Parameters
    ----------
    kit:
        The running kit (or its store).
    integration:
        Only this integration's uplinks; all when None.
    max_rows:
        How many rows the table keeps.
    feed:
        The batching feed (the kit's shared one by default).
    """

    _esm = widget_module("monitor.js")
    accepted = traitlets.Int(0).tag(sync=True)
    failed = traitlets.Int(0).tag(sync=True)
    max_rows = traitlets.Int(200).tag(sync=True)
    integration = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    def __init__(self, kit: Any, integration: str | None = None, max_rows: int = 200,
                 feed: Feed | None = None, **kwargs: Any) -> None:
        super().__init__(max_rows=max_rows, integration=integration, **kwargs)
        self.store = getattr(kit, "store", kit)
        self.rows: deque[dict[str, Any]] = deque(maxlen=max_rows)
        self._ids = count(1)
        self._read_counters()
        self._listen(kit, feed)

    def _read_counters(self) -> None:
        self.accepted, self.failed = self.store.counters(self.integration)

    def _row(self, change: Change) -> dict[str, Any] | None:
        match change:
            case UplinkAccepted(integration=integration, entities=names, run=run, ts=ts) if (
                self.integration in (None, integration)
            ):
                return {"id": next(self._ids), "ts": ts, "integration": integration, "device": ", ".join(names),
                        "status": "OK", "output": short(compact(run.output)), "error": ""}
            case UplinkRefused(integration=integration, result=result, message=message, ts=ts) if (
                self.integration in (None, integration)
            ):
                return {"id": next(self._ids), "ts": ts, "integration": integration, "device": "",
                        "status": str(result).upper(), "output": "", "error": short(message)}
        return None

    def _on_changes(self, changes: list[Change]) -> None:
        new = [row for row in map(self._row, changes) if row is not None][-self.max_rows:]
        if not new:
            return
        self.rows.extend(new)
        with self.hold_sync():
            self._read_counters()
        self.send({"type": "rows", "rows": new[::-1]})

    def _msg_hello(self, _content: dict[str, Any]) -> None:
        """A view was rendered: send it every row kept, newest first."""
        self.send({"type": "rows", "rows": list(self.rows)[::-1], "reset": True})
