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
``"drop"``. Unknown message types are dropped. Not a rule engine.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping

__all__ = ["ACTIONS", "Routes"]

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
