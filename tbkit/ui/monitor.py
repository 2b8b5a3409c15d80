"""UplinkMonitor: a live table of recent uplinks with accepted and failed counters.

A monitor opens with the most recent uplinks already in the store (read back from the debug
events the integration recorded, so also after a kernel restart), then adds each new one as
the change feed brings it. Selecting a row (a click, or Enter) opens its byte inspection: the
uplink as recorded, through the integration's running decoder (:meth:`tbkit.Integration.inspect`).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import count
from typing import Any, NotRequired, TypedDict

import traitlets

from ..converters.inspection import Inspection
from ..converters.uplink import DecodeRun
from ..models import JsonObject
from ..payloads import RecordedUplink
from ..store.changes import Change, UplinkAccepted, UplinkRefused
from ._base import FeedWidget, compact, module, short
from ._protocols import KitLike
from .feed import Feed

__all__ = ["UplinkMonitor", "uplinks_from_events"]


class Row(TypedDict):
    """One uplink of the table (``id`` numbers the rows the widget keeps)."""

    id: NotRequired[int]
    ts: int
    integration: str
    device: str
    status: str
    output: str
    error: str


MAX_INSPECT_BYTES = 2048  # bytes of a selected uplink the inspection grid shows


def _devices(out: object) -> str:
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
            yield {
                "ts": event["ts"],
                "integration": integration,
                "device": _devices(out),
                "status": "OK",
                "output": short(compact(json.loads(out)) if out else ""),
                "error": "",
            }
        else:
            yield {
                "ts": event["ts"],
                "integration": integration,
                "device": "",
                "status": str(event.get("status") or "ERROR"),
                "output": "",
                "error": short(event.get("error")),
            }


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

    def __init__(
        self, kit: KitLike, integration: str | None = None, max_rows: int = 200, feed: Feed | None = None, **kwargs: Any
    ) -> None:
        super().__init__(max_rows=max_rows, integration=integration, **kwargs)
        self.kit = kit
        self.store = kit.store
        self.rows: deque[Row] = deque(maxlen=max_rows)
        self._ids = count(1)
        self._backfilled: list[Row] = []  # rows the first flush may bring again
        self._read_counters()
        self._backfill()
        self._listen(kit, feed)

    def _read_counters(self) -> None:
        self.accepted, self.failed = self.store.counters(self.integration)

    def _backfill(self) -> None:
        """The most recent uplinks in the store (each request left up to two debug events)."""
        frame = self.kit.events(integration=self.integration, limit=3 * self.max_rows)
        if frame.empty:
            return
        records = [{str(k): v for k, v in record.items()} for record in frame.to_dict("records")[::-1]]
        for record in records:
            record["ts"] = int(record["ts"].value // 1_000_000)
        for row in uplinks_from_events(records):
            self.rows.append({"id": next(self._ids), **row})
        self._backfilled = list(self.rows)

    def _row(self, change: Change) -> Row | None:
        row: Row
        match change:
            case UplinkAccepted(integration=integration, entities=names, run=run, ts=ts) if self.integration in (
                None,
                integration,
            ):
                row = {
                    "ts": ts,
                    "integration": integration,
                    "device": ", ".join(names),
                    "status": "OK",
                    "output": short(compact(run.output)),
                    "error": "",
                }
            case UplinkRefused(integration=integration, result=result, message=message, ts=ts) if self.integration in (
                None,
                integration,
            ):
                row = {
                    "ts": ts,
                    "integration": integration,
                    "device": "",
                    "status": str(result).upper(),
                    "output": "",
                    "error": short(message),
                }
            case _:
                return None
        return None if self._read_already(row) else {"id": next(self._ids), **row}

    def _read_already(self, row: Row) -> bool:
        """Whether the backfill read this row (its commit was queued in the feed before the monitor).

        An accepted uplink and its events share one timestamp; a refused one's events are stamped a
        moment before its change, so it matches on its error text within a second.
        """
        for old in self._backfilled:
            same = old["integration"] == row["integration"] and (old["status"] == "OK") == (row["status"] == "OK")
            if same and (
                old["ts"] == row["ts"]
                if row["status"] == "OK"
                else old["error"] == row["error"] and abs(old["ts"] - row["ts"]) < 1000
            ):
                self._backfilled.remove(old)
                return True
        return False

    def _on_changes(self, changes: list[Change]) -> None:
        new = [row for row in map(self._row, changes) if row is not None][-self.max_rows :]
        self._backfilled = []  # only the first flush can repeat what the backfill read
        if not new:
            return
        self.rows.extend(new)
        with self.hold_sync():
            self._read_counters()
        self.send({"type": "rows", "rows": new[::-1]})

    # -- inspection of a selected row --------------------------------------------------------------
    def inspect_row(self, row_id: int) -> Inspection[DecodeRun]:
        """The byte inspection of row ``row_id``, through its integration's running decoder.

        The uplink is the one the integration recorded last within the 5 seconds before the row's
        time with an answer of the row's kind (accepted: 2xx; refused: an error). LookupError when
        there is none (a request refused before the decoder is not recorded)."""
        row = next((r for r in self.rows if r["id"] == row_id), None)
        if row is None:
            raise LookupError(f"no row {row_id} in the monitor")
        integration = self.kit.integrations.get(row["integration"])
        if integration is None:
            raise LookupError(f"integration {row['integration']!r} is not running")
        accepted = row["status"] == "OK"
        rows = integration.store.uplink_rows(integration.name, None, row["ts"] - 5000, row["ts"])
        found = [r for r in rows if (r[8] is None or r[8] < 400) == accepted]
        if not found:
            raise LookupError("this uplink was not recorded (it never reached the decoder)")
        _id, ts, _name, method, content_type, query, meta, body, _status = found[-1]
        return integration.inspect(RecordedUplink(ts, content_type, json.loads(meta), bytes(body), method, query))

    def _msg_inspect(self, content: JsonObject) -> None:
        row_id = content.get("id")
        reply: JsonObject = {"type": "inspection", "id": row_id}
        try:
            found = self.inspect_row(int(row_id) if isinstance(row_id, (int, str)) else -1)
        except (LookupError, ValueError, RuntimeError) as exc:
            reply["error"] = str(exc)
        else:
            reply["data"] = found.to_view(MAX_INSPECT_BYTES)
            if found.result.error is not None:
                reply["error"] = str(found.result.error)
        self.send(reply)

    def _msg_hello(self, _content: JsonObject) -> None:
        """A view was rendered: send it every row kept, newest first."""
        self.send({"type": "rows", "rows": list(self.rows)[::-1], "reset": True})
