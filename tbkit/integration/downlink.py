"""The downlink cache and its delivery in the response to a device's next uplink (spec §7).

A message for a device waits in the store (status PENDING) under (integration, device).
By default only the latest one is kept, as ThingsBoard does; ``queue_all=True`` keeps every
message and delivers them one per uplink, oldest first (a tbkit extension). On the next
uplink naming the device, the encoder runs with the integration metadata; exactly one
non-empty result becomes the HTTP response, none or several give no body. Taken messages
end DELIVERED, FAILED or DISCARDED whatever the result, as in ThingsBoard.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..converters.base import DebugSettings
from ..models import JsonLike, stringify_metadata
from ..store import Store, now_ms
from ..store.changes import DownlinksAnswered, WriteContext
from ..store.downlinks import PendingDownlink, finish_downlinks, take_pending
from ..store.uplinks import set_uplink_status
from .events import DownlinkResponse, EventSource
from .flow import Encode, Flow, Write
from .outcome import Outcome, OutcomeKind

if TYPE_CHECKING:
    from ..converters.downlink import DownlinkConverter, EncodeRun
    from ..converters.uplink import DecodeRun
    from ..store.ops import Entity, EventRecord

__all__ = ["DownlinkOwner", "DownlinkStep", "PendingDownlink", "UplinkWrite"]

_Update = tuple[str, str | None, str | None, int]


class DownlinkOwner(Protocol):
    """What the downlink step reads of its integration, live (the editor may swap a converter)."""

    @property
    def name(self) -> str: ...

    @property
    def metadata(self) -> Mapping[str, object]: ...

    @property
    def debug(self) -> DebugSettings: ...

    @property
    def downlink(self) -> DownlinkConverter | None: ...

    @property
    def replace_no_content_to_ok(self) -> bool: ...


@dataclass
class UplinkWrite:
    """What one committed uplink wrote, and the downlinks it picked up for delivery."""

    entities: list[Entity]
    run: DecodeRun
    pending: list[PendingDownlink] = field(default_factory=list)
    uplink_id: int | None = None  # the recorded request, when kept
    status: int = 204  # the status the record holds


class DownlinkStep:
    """The downlink half of an integration's request handling.

    Parameters
    ----------
    owner:
        The integration (its name, metadata, debug settings and downlink converter).
    store:
        Where taken messages are marked answered.
    queue_all:
        Keep every pending message and deliver them in order (a tbkit extension).
    """

    def __init__(self, owner: DownlinkOwner, store: Store, queue_all: bool = False) -> None:
        self.owner = owner
        self.store = store
        self.queue_all = queue_all

    def take_pending(self, conn: sqlite3.Connection, entities: list[Entity]) -> list[PendingDownlink]:
        """Inside the uplink's transaction: take the messages waiting for its devices."""
        if self.owner.downlink is None:
            return []
        taken = []
        for entity in entities:
            if entity.entity_type != "DEVICE":
                continue  # assets never get downlinks
            found = take_pending(conn, self.owner.name, entity.id, entity.name)
            if found is not None:
                taken.append(found)
        return taken

    def idle_event(self, uplink_metadata: dict[str, str], now: int) -> list[EventRecord]:
        """The Downlink event ThingsBoard logs when nothing was pending (see :mod:`.events`)."""
        converter = self.owner.downlink
        if converter is None:
            return []
        meta = {"integrationName": self.owner.name, **stringify_metadata(self.owner.metadata)}
        meta.update({"header:" + k[len("Header:") :]: v for k, v in uplink_metadata.items() if k.startswith("Header:")})
        return self._source(converter).downlink_idle(meta, now)

    def _source(self, converter: DownlinkConverter) -> EventSource:
        return EventSource(self.owner.name, self.owner.debug, converter.name, converter.debug)

    def _items(
        self, pending: list[PendingDownlink], headers: dict[str, str]
    ) -> tuple[list[list[JsonLike]], dict[str, str]]:
        meta = {"integrationName": self.owner.name}
        meta.update(stringify_metadata(self.owner.metadata))
        meta.update({f"header:{name}": value for name, value in headers.items()})
        items: list[list[JsonLike]] = [[p.msg, p.metadata, p.msg_type, meta] for p in pending]
        return items, meta

    def respond(self, written: UplinkWrite, headers: dict[str, str]) -> Flow[Outcome]:
        """Encode what was taken and build the outcome: steps of the request's flow (see :mod:`.flow`)."""
        converter = self.owner.downlink
        if not written.pending or converter is None:
            return self._plain(written)
        items, meta = self._items(written.pending, headers)
        runs: list[EncodeRun] = yield Encode(converter, items)
        outcome, job = self._conclude(converter, written, items, meta, runs)
        yield Write(job)
        return outcome

    def _outcome(self, kind: OutcomeKind, **extra: Any) -> Outcome:
        return Outcome(kind, replace_no_content_to_ok=self.owner.replace_no_content_to_ok, **extra)

    def _plain(self, written: UplinkWrite) -> Outcome:
        kind = OutcomeKind.PROCESSED if written.entities else OutcomeKind.NO_ENTITIES
        return self._outcome(kind, entities=[e.name for e in written.entities])

    def _conclude(
        self,
        converter: DownlinkConverter,
        written: UplinkWrite,
        items: Sequence[Sequence[JsonLike]],
        meta: dict[str, str],
        runs: list[EncodeRun],
    ) -> tuple[Outcome, Callable[[sqlite3.Connection, WriteContext], None]]:
        sendable = [d for run in runs for d in (run.encoded or []) if not d.empty]
        names = [e.name for e in written.entities]
        if len(sendable) == 1:
            data = sendable[0]
            headers = {k[len("Header:") :]: v for k, v in data.metadata.items() if k.startswith("Header:")}
            content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), data.mime_type)
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            outcome = self._outcome(
                OutcomeKind.DOWNLINK, body=data.body, content_type=content_type, headers=headers, entities=names
            )
        else:
            outcome = self._plain(written)
        now = now_ms()
        updates = _updates(written.pending, runs, outcome, len(sendable))
        response: DownlinkResponse = {
            "status": 200 if outcome.result is OutcomeKind.DOWNLINK else None,
            "contentType": outcome.content_type,
            "headers": outcome.headers,
            "body": outcome.body.decode("utf-8", "replace"),
        }
        events = self._source(converter).downlink_answered(items, meta, runs, response, now)
        name = self.owner.name
        uplink_id, status = written.uplink_id, outcome.status

        def job(conn: sqlite3.Connection, context: WriteContext) -> None:
            finish_downlinks(conn, updates, now)
            context.add_events(events)
            context.change(DownlinksAnswered(name, [(u[0], u[3]) for u in updates]))
            if uplink_id is not None and status != written.status:
                set_uplink_status(conn, uplink_id, status)

        return outcome, job


def _updates(pending: list[PendingDownlink], runs: list[EncodeRun], outcome: Outcome, sendable: int) -> list[_Update]:
    """``(status, response, error, id)`` for each taken message."""
    updates: list[_Update] = []
    for taken, run in zip(pending, runs, strict=True):
        if run.error is not None:
            updates.append(("FAILED", None, str(run.error), taken.id))
        elif sendable == 1 and any(not d.empty for d in run.encoded or []):
            updates.append(("DELIVERED", outcome.body.decode("utf-8", "replace"), None, taken.id))
        else:
            reason = (
                "several downlinks for one response: ThingsBoard sends none"
                if sendable > 1
                else "encoder produced no data"
            )
            updates.append(("DISCARDED", None, reason, taken.id))
    return updates
