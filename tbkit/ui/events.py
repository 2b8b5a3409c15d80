"""EventsViewer: converter and integration debug events, filterable, like ThingsBoard's Events tab."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from itertools import count
from typing import Any

import traitlets

from ..integration.events import parse_body
from ..models import JsonObject
from ..store.changes import Change, EventStored
from ._base import FeedWidget, module, short
from ._protocols import KitLike
from .feed import Feed

__all__ = ["EventsViewer"]

EventRow = dict[str, str | int]
"""One row of the table: id, ts, who, status and the body's text fields (cut for display)."""
FIELDS = ("type", "in", "inMessageType", "out", "metadata", "message", "messageType", "error", "logs")


class EventsViewer(FeedWidget):
    """Debug events, newest first: In / Out / Metadata / Error for converters, Message / Status for integrations.

    Parameters
    ----------
    kit:
        The running kit.
    max_rows:
        How many events the viewer keeps.
    feed:
        The batching feed (the kit's shared one by default).
    """

    _esm = module("events.js")
    max_rows = traitlets.Int(500).tag(sync=True)
    event_type = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    integration = traitlets.Unicode("").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)

    def __init__(self, kit: KitLike, max_rows: int = 500, feed: Feed | None = None, **kwargs: Any) -> None:
        super().__init__(max_rows=max_rows, **kwargs)
        self.kit = kit
        self.rows: deque[EventRow] = deque(maxlen=max_rows)
        self._ids = count(1)
        self._backfill()
        self._listen(kit, feed)

    def _row(
        self,
        ts: int,
        event_type: str,
        source: str,
        name: str,
        integration: str | None,
        status: str | None,
        body: Mapping[str, object],
    ) -> EventRow:
        row: EventRow = {
            "id": next(self._ids),
            "ts": ts,
            "event_type": event_type,
            "source": source,
            "name": name,
            "integration": integration or "",
            "status": status or "",
        }
        row.update({f: short(body.get(f, "")) for f in FIELDS})
        return row

    def _backfill(self) -> None:
        rows = self.kit.store.debug_event_rows(self.max_rows)
        for ts, event_type, source, name, integration, status, body in reversed(rows):
            self.rows.append(self._row(ts, event_type, source, name, integration, status, parse_body(body)))

    def _on_changes(self, changes: list[Change]) -> None:
        new = [
            self._row(
                c.event.ts,
                c.event.event_type,
                c.event.source,
                c.event.name,
                c.event.integration,
                c.event.status,
                c.event.body,
            )
            for c in changes
            if isinstance(c, EventStored) and c.event.event_type.startswith("DEBUG_")
        ][-self.max_rows :]
        if new:
            self.rows.extend(new)
            self.send({"type": "rows", "rows": new[::-1]})

    def visible_rows(self) -> list[EventRow]:
        """The kept rows the current filters let through, newest first (the front end filters the same way)."""
        needle = self.text.lower()
        return [
            r
            for r in reversed(self.rows)
            if (not self.event_type or r["event_type"] == self.event_type)
            and (not self.status or r["status"] == self.status)
            and (not self.integration or r["integration"] == self.integration)
            and (not needle or any(needle in str(v).lower() for v in r.values()))
        ]

    def _msg_hello(self, _content: JsonObject) -> None:
        self.send({"type": "rows", "rows": list(self.rows)[::-1], "reset": True})
