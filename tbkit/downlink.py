"""The downlink cache and its delivery in the response to a device's next uplink (spec §7).

A message for a device waits in the store (status PENDING) under (integration, device).
By default only the latest one is kept, as ThingsBoard does; ``queue_all=True`` keeps every
message and delivers them one per uplink, oldest first (a tbkit extension). On the next
uplink naming the device, the encoder runs with the integration metadata; exactly one
non-empty result becomes the HTTP response, none or several give no body. Taken messages
end DELIVERED, FAILED or DISCARDED whatever the result, as in ThingsBoard.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .converters.downlink import EncodeRun
from .outcome import Outcome, Result
from .payloads import stringify_metadata
from .store import EventRecord, now_ms

if TYPE_CHECKING:
    from .pipeline import Integration
    from .store.ops import Entity
    from .uplink_write import UplinkWrite

__all__ = ["DownlinkStep", "PendingDownlink", "enqueue_downlink", "recover_downlinks", "route_message"]


@dataclass
class PendingDownlink:
    """A cached message taken for delivery."""

    id: int
    device: str
    msg_type: str
    msg: Any
    metadata: dict[str, str]


def enqueue_downlink(
    conn: sqlite3.Connection,
    integration: str,
    entity_id: int,
    msg_type: str,
    msg: Any,
    metadata: dict[str, str],
    *,
    queue_all: bool = False,
    now: int | None = None,
) -> int:
    """Cache a message for a device (a write-job step); returns its id."""
    now = now if now is not None else now_ms()
    if not queue_all:
        conn.execute(
            "UPDATE downlinks SET status = 'REPLACED', done_ts = ? "
            "WHERE integration = ? AND entity_id = ? AND status = 'PENDING'",
            (now, integration, entity_id),
        )
    cursor = conn.execute(
        "INSERT INTO downlinks (integration, entity_id, msg_type, msg, metadata, status, created_ts)"
        " VALUES (?, ?, ?, ?, ?, 'PENDING', ?)",
        (
            integration,
            entity_id,
            msg_type,
            json.dumps(msg, ensure_ascii=False),
            json.dumps(metadata, ensure_ascii=False),
            now,
        ),
    )
    return int(cursor.lastrowid or 0)


def recover_downlinks(conn: sqlite3.Connection, changes: list[Any]) -> None:
    """After a crash, messages taken but never answered go back to PENDING (at least once)."""
    conn.execute("UPDATE downlinks SET status = 'PENDING' WHERE status = 'SENDING'")


class DownlinkStep:
    """The downlink half of an integration's request handling."""

    def __init__(self, integration: Integration, queue_all: bool = False) -> None:
        self.integration = integration
        self.queue_all = queue_all

    def take_pending(
        self, conn: sqlite3.Connection, entities: list[Entity], changes: list[Any]
    ) -> list[PendingDownlink]:
        """Inside the uplink's transaction: take the messages waiting for its devices."""
        if self.integration.downlink is None:
            return []
        taken = []
        for entity in entities:
            if entity.entity_type != "DEVICE":
                continue  # assets never get downlinks
            row = conn.execute(
                "SELECT id, msg_type, msg, metadata FROM downlinks WHERE integration = ? AND entity_id = ?"
                " AND status = 'PENDING' ORDER BY id LIMIT 1",
                (self.integration.name, entity.id),
            ).fetchone()
            if row is not None:
                conn.execute("UPDATE downlinks SET status = 'SENDING' WHERE id = ?", (row[0],))
                taken.append(PendingDownlink(row[0], entity.name, row[1], json.loads(row[2]), json.loads(row[3])))
        return taken

    def idle_event(self, uplink_metadata: dict[str, str], now: int) -> list[EventRecord]:
        """ThingsBoard's quirk (spec §6): with debug-all on, an uplink through an integration
        with a downlink converter and nothing pending logs a Downlink event with in=[], out=[]."""
        converter = self.integration.downlink
        if converter is None or not converter.debug.records_all(now):
            return []
        meta = {"integrationName": self.integration.name, **stringify_metadata(self.integration.metadata)}
        meta.update({"header:" + k[len("Header:") :]: v for k, v in uplink_metadata.items() if k.startswith("Header:")})
        body = {
            "type": "Downlink",
            "inMessageType": "JSON",
            "in": "[]",
            "outMessageType": "JSON",
            "out": "[]",
            "metadata": json.dumps(meta, sort_keys=True, ensure_ascii=False),
            "error": "",
        }
        return [EventRecord(now, "DEBUG_CONVERTER", "CONVERTER", converter.name, self.integration.name, body, "OK")]

    def _items(self, pending: list[PendingDownlink], headers: dict[str, str]) -> tuple[list[list[Any]], dict[str, str]]:
        meta = {"integrationName": self.integration.name}
        meta.update(stringify_metadata(self.integration.metadata))
        meta.update({f"header:{name}": value for name, value in headers.items()})
        items = [[p.msg, p.metadata, p.msg_type, meta] for p in pending]
        return items, meta

    def respond(self, written: UplinkWrite, headers: dict[str, str]) -> Outcome:
        """Encode what was taken and build the outcome (synchronous path)."""
        if not written.pending:
            return self._plain(written)
        items, meta = self._items(written.pending, headers)
        runs = self.integration.downlink.run_many(items)
        outcome, job = self._conclude(written, items, meta, runs)
        self.integration.store.call(job)
        return outcome

    async def respond_async(self, written: UplinkWrite, headers: dict[str, str]) -> Outcome:
        """Encode what was taken and build the outcome (async path)."""
        import asyncio

        if not written.pending:
            return self._plain(written)
        items, meta = self._items(written.pending, headers)
        runs = await self.integration.downlink.run_many_async(items)
        outcome, job = self._conclude(written, items, meta, runs)
        await asyncio.wrap_future(self.integration.store.submit(job))
        return outcome

    def _plain(self, written: UplinkWrite) -> Outcome:
        result = Result.PROCESSED if written.entities else Result.NO_ENTITIES
        return self.integration._outcome(result, entities=[e.name for e in written.entities])

    def _conclude(
        self, written: UplinkWrite, items: list[list[Any]], meta: dict[str, str], runs: list[EncodeRun]
    ) -> tuple[Outcome, Any]:
        sendable = [d for run in runs for d in (run.encoded or []) if not d.empty]
        names = [e.name for e in written.entities]
        if len(sendable) == 1:
            data = sendable[0]
            headers = {k[len("Header:") :]: v for k, v in data.metadata.items() if k.startswith("Header:")}
            content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), data.mime_type)
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            outcome = self.integration._outcome(
                Result.DOWNLINK, body=data.body, content_type=content_type, headers=headers, entities=names
            )
        else:
            outcome = self._plain(written)
        return outcome, self._record_job(written, items, meta, runs, outcome, len(sendable))

    def _record_job(
        self,
        written: UplinkWrite,
        items: list[list[Any]],
        meta: dict[str, str],
        runs: list[EncodeRun],
        outcome: Outcome,
        sendable: int,
    ) -> Any:
        now = now_ms()
        updates = []
        for pending, run in zip(written.pending, runs, strict=True):
            if run.error is not None:
                updates.append(("FAILED", None, str(run.error), pending.id))
            elif sendable == 1 and any(not d.empty for d in run.encoded or []):
                updates.append(("DELIVERED", outcome.body.decode("utf-8", "replace"), None, pending.id))
            else:
                reason = (
                    "several downlinks for one response: ThingsBoard sends none"
                    if sendable > 1
                    else "encoder produced no data"
                )
                updates.append(("DISCARDED", None, reason, pending.id))
        events = self._events(items, meta, runs, outcome, now)
        store, name = self.integration.store, self.integration.name

        def job(conn: sqlite3.Connection, changes: list[Any]) -> None:
            conn.executemany(
                "UPDATE downlinks SET status = ?, response = ?, error = ?, done_ts = " + str(now) + " WHERE id = ?",
                updates,
            )
            store.add_events(conn, events, changes)
            changes.append(("downlinks", name, [(u[0], u[3]) for u in updates]))

        return job

    def _events(
        self, items: list[list[Any]], meta: dict[str, str], runs: list[EncodeRun], outcome: Outcome, now: int
    ) -> list[EventRecord]:
        converter = self.integration.downlink
        errors = [str(r.error) for r in runs if r.error is not None]
        events = []
        if converter.debug.records_all(now) or (errors and converter.debug.failures_enabled):
            body = {
                "type": "Downlink",
                "inMessageType": "JSON",
                "in": json.dumps([{"msg": i[0], "metadata": i[1], "msgType": i[2]} for i in items], ensure_ascii=False),
                "outMessageType": "JSON",
                "out": json.dumps([r.output for r in runs], ensure_ascii=False),
                "metadata": json.dumps(meta, sort_keys=True, ensure_ascii=False),
                "error": "\n".join(errors),
            }
            events.append(
                EventRecord(
                    now,
                    "DEBUG_CONVERTER",
                    "CONVERTER",
                    converter.name,
                    self.integration.name,
                    body,
                    "ERROR" if errors else "OK",
                )
            )
        if self.integration.debug.records_all(now):
            response = {
                "status": 200 if outcome.result is Result.DOWNLINK else None,
                "contentType": outcome.content_type,
                "headers": outcome.headers,
                "body": outcome.body.decode("utf-8", "replace"),
            }
            events.append(
                EventRecord(
                    now,
                    "DEBUG_INTEGRATION",
                    "INTEGRATION",
                    self.integration.name,
                    self.integration.name,
                    {
                        "type": "Downlink",
                        "messageType": "JSON",
                        "message": json.dumps(response),
                        "status": "OK",
                        "error": "",
                    },
                    "OK",
                )
            )
        return events


def route_message(
    conn: sqlite3.Connection,
    changes: list[Any],
    integration: Integration | None,
    entity: Entity,
    msg_type: str,
    msg: Any,
    metadata: dict[str, str],
    now: int,
    force: bool = False,
) -> int | None:
    """Send a rule-engine message through the routes table (a write-job step).

    With the action ``"downlink"`` the message is cached for the entity's managing
    integration when it has a downlink converter; the integration records a
    ``"Downlink: <TYPE>"`` event either way (status FAILURE without a converter), as
    ThingsBoard's integration downlink node does. Returns the cached message's id, if any.
    """
    routed = force or (integration is not None and integration.routes.action(msg_type) == "downlink")
    if integration is None or not routed or entity.entity_type != "DEVICE":
        return None
    ident = None
    status, error = "OK", ""
    if integration.downlink is None:
        status, error = "FAILURE", f"integration {integration.name!r} has no downlink converter"
    else:
        ident = enqueue_downlink(
            conn,
            integration.name,
            entity.id,
            msg_type,
            msg,
            metadata,
            queue_all=integration.downlinks.queue_all,
            now=now,
        )
        changes.append(("downlink_queued", integration.name, entity.name, msg_type, ident))
    if integration.debug.records_all(now) or status != "OK":
        wrapper = {
            "integrationName": integration.name,
            "originator": {"entityType": "DEVICE", "name": entity.name},
            "msgType": msg_type,
            "data": json.dumps(msg, ensure_ascii=False),
            "metadata": metadata,
        }
        body = {
            "type": f"Downlink: {msg_type}",
            "messageType": "JSON",
            "message": json.dumps(wrapper, ensure_ascii=False),
            "status": status,
            "error": error,
        }
        integration.store.add_events(
            conn,
            [EventRecord(now, "DEBUG_INTEGRATION", "INTEGRATION", integration.name, integration.name, body, status)],
            changes,
        )
    return ident
