"""A small, visible stand-in for ThingsBoard's root rule chain: message type → action.

ThingsBoard's docs wire the root chain's "Attributes Updated" (and optionally "Post
attributes") relations to an "integration downlink" node. tbkit keeps that as a table:

>>> routes = Routes()
>>> routes
Routes({'ATTRIBUTES_UPDATED': 'downlink'})
>>> routes["POST_ATTRIBUTES_REQUEST"] = "downlink"   # echo uplink attributes back too
>>> routes.action("POST_ATTRIBUTES_REQUEST")
'downlink'

Actions: ``"downlink"`` (cache the message for the device's managing integration) and
``"drop"``. Unknown message types are dropped. Not a rule engine. :func:`route_message`
sends one message through an integration's table, inside a write job.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Protocol

from ..converters.base import DebugSettings
from ..models import JsonLike
from ..store.changes import DownlinkQueued, WriteContext
from ..store.downlinks import enqueue_downlink
from .events import routed_event

if TYPE_CHECKING:
    from ..converters.downlink import DownlinkConverter
    from ..store.ops import Entity

__all__ = ["ACTIONS", "RouteTarget", "Routes", "route_message"]

ACTIONS = ("downlink", "drop")


class Routes(MutableMapping[str, str]):
    """Message type → action (``"downlink"`` or ``"drop"``)."""

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self._table: dict[str, str] = {"ATTRIBUTES_UPDATED": "downlink"}
        if table is not None:
            self._table = {}
            self.update(table)

    def action(self, msg_type: str) -> str:
        """What happens to a message of this type."""
        return self._table.get(msg_type, "drop")

    def __getitem__(self, msg_type: str) -> str:
        return self._table[msg_type]

    def __setitem__(self, msg_type: str, action: str) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown route action {action!r}; expected one of {', '.join(ACTIONS)}")
        self._table[str(msg_type)] = action

    def __delitem__(self, msg_type: str) -> None:
        del self._table[msg_type]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"Routes({self._table!r})"


class RouteTarget(Protocol):
    """What routing a message reads of the device's managing integration."""

    @property
    def name(self) -> str: ...

    @property
    def routes(self) -> Routes: ...

    @property
    def downlink(self) -> DownlinkConverter | None: ...

    @property
    def debug(self) -> DebugSettings: ...

    @property
    def queue_all_downlinks(self) -> bool: ...


def route_message(
    conn: sqlite3.Connection,
    context: WriteContext,
    target: RouteTarget | None,
    entity: Entity,
    message: tuple[str, JsonLike, dict[str, str]],
    now: int,
    force: bool = False,
) -> int | None:
    """Send a rule-engine message ``(msg_type, msg, metadata)`` through the routes table.

    A write-job step. With the action ``"downlink"`` (or ``force``) the message is cached
    for the entity's managing integration when it has a downlink converter; the integration
    records a ``"Downlink: <TYPE>"`` event either way (status FAILURE without a converter),
    as ThingsBoard's integration downlink node does. Returns the cached message's id, if any.
    """
    msg_type, msg, metadata = message
    routed = force or (target is not None and target.routes.action(msg_type) == "downlink")
    if target is None or not routed or entity.entity_type != "DEVICE":
        return None
    ident = None
    status, error = "OK", ""
    if target.downlink is None:
        status, error = "FAILURE", f"integration {target.name!r} has no downlink converter"
    else:
        ident = enqueue_downlink(
            conn, target.name, entity.id, msg_type, msg, metadata, queue_all=target.queue_all_downlinks, now=now
        )
        context.change(DownlinkQueued(target.name, entity.name, msg_type, ident))
    wrapper: dict[str, JsonLike] = {
        "integrationName": target.name,
        "originator": {"entityType": "DEVICE", "name": entity.name},
        "msgType": msg_type,
        "data": json.dumps(msg, ensure_ascii=False),
        "metadata": metadata,
    }
    context.add_events(routed_event(target.name, target.debug, wrapper, status, error, now))
    return ident
