"""The store's change feed: one frozen dataclass per kind of change, and the write context.

After each commit, :meth:`tbkit.store.Store.subscribe` callbacks get the group's changes as
a list of :data:`Change` values; readers ``match`` on the class:

>>> from tbkit.store.ops import Entity
>>> change = EntityCreated(Entity(1, "DEVICE", "T1", "default"))
>>> match change:
...     case EntityCreated(entity=entity):
...         entity.name
'T1'

A write job gets a :class:`WriteContext`: the changes it made (for subscribers), the debug
events it records (inserted with the commit) and the counters it bumps (the integrations'
statistics) are kept apart, each for its one reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import JsonValue
from .ops import Entity, EventRecord

if TYPE_CHECKING:
    from ..converters.uplink import DecodeRun

__all__ = [
    "AttributesSaved",
    "Change",
    "DownlinkQueued",
    "DownlinksAnswered",
    "EntityCreated",
    "EventStored",
    "TelemetrySaved",
    "UplinkAccepted",
    "UplinkRefused",
    "WriteContext",
]


@dataclass(frozen=True)
class EntityCreated:
    """A device or asset was created."""

    entity: Entity


@dataclass(frozen=True)
class AttributesSaved:
    """Attributes of one scope were stored for an entity."""

    entity: Entity
    scope: str
    values: dict[str, JsonValue]


@dataclass(frozen=True)
class TelemetrySaved:
    """Telemetry was stored for an entity: ``(ts_ms, key, value)`` points."""

    entity: Entity
    points: list[tuple[int, str, JsonValue]]


@dataclass(frozen=True)
class EventStored:
    """A debug event was stored."""

    event: EventRecord


@dataclass(frozen=True)
class UplinkAccepted:
    """An integration accepted an uplink and stored what its converter produced."""

    integration: str
    entities: list[str]
    run: DecodeRun
    ts: int


@dataclass(frozen=True)
class UplinkRefused:
    """An integration refused a request; ``result`` is the outcome kind's value."""

    integration: str
    result: str
    message: str | None
    ts: int


@dataclass(frozen=True)
class DownlinkQueued:
    """A message was cached for a device's next uplink."""

    integration: str
    device: str
    msg_type: str
    id: int


@dataclass(frozen=True)
class DownlinksAnswered:
    """Taken downlinks were answered: ``(status, id)`` for each."""

    integration: str
    updates: list[tuple[str, int]]


Change = (
    EntityCreated
    | AttributesSaved
    | TelemetrySaved
    | EventStored
    | UplinkAccepted
    | UplinkRefused
    | DownlinkQueued
    | DownlinksAnswered
)


@dataclass
class Counts:
    """An integration's statistics increments (ThingsBoard's messagesProcessed/errorsOccurred)."""

    processed: int = 0
    errors: int = 0


@dataclass
class WriteContext:
    """What write jobs produce besides their rows; one per commit group (or per job on retry).

    ``changes`` go to subscribers after the commit, ``events`` are inserted just before it,
    ``counters`` are added to the ``stats`` table just before it, ``recorded`` counts the
    uplink records written (the store prunes old ones in steps).
    """

    changes: list[Change] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    counters: dict[str, Counts] = field(default_factory=dict)
    recorded: int = 0

    def change(self, change: Change) -> None:
        """Tell subscribers about a change once the job commits."""
        self.changes.append(change)

    def add_events(self, events: list[EventRecord]) -> None:
        """Record debug events: inserted with the job's commit, announced as :class:`EventStored`."""
        self.events.extend(events)
        self.changes.extend(EventStored(event) for event in events)

    def count(self, integration: str, *, processed: int = 0, errors: int = 0) -> None:
        """Add to an integration's statistics counters."""
        counts = self.counters.setdefault(integration, Counts())
        counts.processed += processed
        counts.errors += errors

    def merge(self, other: WriteContext) -> None:
        """Take in what a job that committed inside a savepoint produced."""
        self.changes.extend(other.changes)
        self.events.extend(other.events)
        for integration, counts in other.counters.items():
            self.count(integration, processed=counts.processed, errors=counts.errors)
        self.recorded += other.recorded

    def __bool__(self) -> bool:
        return bool(self.changes or self.events or self.counters or self.recorded)
