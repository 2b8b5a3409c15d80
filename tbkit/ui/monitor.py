"""UplinkMonitor: a live table of recent uplinks with accepted and failed counters.

A monitor opens with the most recent uplinks already in the store (read back from the debug
events the integration recorded, so also after a kernel restart), then adds each new one as
the change feed brings it.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import count
from typing import Any

import traitlets

from ._base import FeedWidget, compact, module, short
from ._protocols import KitLike
from .feed import Feed

__all__ = ["UplinkMonitor", "uplinks_from_events"]

Row = dict[str, Any]


def _devices(out: Any) -> str:
    """The device names of a converter's output (JSON text of an object or a list of them)."""
    try:
        value = json.loads(out) if isinstance(out, str) else out
    except ValueError:
        return ""
    items = value if isinstance(value, list) else [value]
    return ", ".join(str(item["deviceName"]) for item in items if isinstance(item, dict) and item.get("deviceName"))


def uplinks_from_events(events: Iterable[dict[str, Any]]) -> Iterator[Row]:
    """Uplink rows (oldest first) from debug events given oldest first.

    Every request leaves an integration event (``DEBUG_INTEGRATION``, type ``Uplink``) with its
    status; an accepted one is preceded by its converter's event, which holds the decoded output.
    """
    decoded: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.get("type") != "Uplink":
            continue
        integration = str(event.get("integration") or "")
        if event["event_type"] == "DEBUG_CONVERTER":
            decoded[integration] = event
            continue
        if event["event_type"] != "DEBUG_INTEGRATION":
            continue
        converter = decoded.pop(integration, None)
        if event.get("status") == "OK":
            out = converter.get("out", "") if converter else ""
            yield {"ts": event["ts"], "integration": integration, "device": _devices(out), "status": "OK",
                   "output": short(compact(json.loads(out)) if out else ""), "error": ""}
        else:
            yield {"ts": event["ts"], "integration": integration, "device": "",
                   "status": str(event.get("status") or "ERROR"), "output": "", "error": short(event.get("error"))}


class UplinkMonitor(FeedWidget):
    """Recent uplinks (time, device, status, decoded output or error), newest first.

    Parameters
    ----------
    kit:
        The running kit.
    integration:
        Only this integration's uplinks; all when None.
    max_rows:
        How many rows the table keeps.
    feed:
        The batching feed (the kit's shared one by default).
    """

    _esm = module("monitor.js")
    accepted = traitlets.Int(0).tag(sync=True)
    failed = traitlets.Int(0).tag(sync=True)
    max_rows = traitlets.Int(200).tag(sync=True)
    integration = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    def __init__(self, kit: KitLike, integration: str | None = None, max_rows: int = 200,
                 feed: Feed | None = None, **kwargs: Any) -> None:
        super().__init__(max_rows=max_rows, integration=integration, **kwargs)
        self.kit = kit
        self.store = kit.store
        self.rows: deque[Row] = deque(maxlen=max_rows)
        self._ids = count(1)
        self._backfilled: set[tuple[int, str]] = set()  # rows the feed may bring again
        self._read_counters()
        self._backfill()
        self._listen(kit, feed)

    def _read_counters(self) -> None:
        sql, params = "SELECT COALESCE(SUM(processed), 0), COALESCE(SUM(errors), 0) FROM stats", ()
        if self.integration is not None:
            sql, params = sql + " WHERE integration = ?", (self.integration,)
        accepted, failed = self.store.read(sql, params)[0]
        self.accepted, self.failed = int(accepted), int(failed)

    def _backfill(self) -> None:
        """The most recent uplinks in the store (each request left up to two debug events)."""
        frame = self.kit.events(integration=self.integration, limit=3 * self.max_rows)
        if frame.empty:
            return
        records = frame.to_dict("records")[::-1]
        for record in records:
            record["ts"] = int(record["ts"].value // 1_000_000)
        for row in uplinks_from_events(records):
            self.rows.append({"id": next(self._ids), **row})
        self._backfilled = {(row["ts"], row["integration"]) for row in self.rows}

    def _row(self, change: tuple[Any, ...]) -> Row | None:
        kind, integration = change[0], change[1]
        if kind not in ("uplink", "uplink_failed") or self.integration not in (None, integration):
            return None
        if (change[-1], integration) in self._backfilled:  # committed before the monitor, already read
            self._backfilled.discard((change[-1], integration))
            return None
        if kind == "uplink":
            _, _, names, run, ts = change
            return {"id": next(self._ids), "ts": ts, "integration": integration, "device": ", ".join(names),
                    "status": "OK", "output": short(compact(run.output)), "error": ""}
        _, _, result, message, ts = change
        return {"id": next(self._ids), "ts": ts, "integration": integration, "device": "",
                "status": str(result).upper(), "output": "", "error": short(message)}

    def _on_changes(self, changes: list[Any]) -> None:
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
