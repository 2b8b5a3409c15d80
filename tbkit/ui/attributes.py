"""AttributeEditor: an entity's attributes by scope; edit a shared one and Save → the downlink path."""

from __future__ import annotations

import json
from typing import Any

import traitlets

from ..models import JsonObject, JsonValue
from ..store.changes import AttributesSaved, Change, DownlinkQueued, DownlinksAnswered, EntityCreated
from ._base import FeedWidget, compact, module, short
from ._protocols import KitLike
from .feed import Feed

__all__ = ["AttributeEditor", "parse_value"]

SCOPES = ("CLIENT_SCOPE", "SHARED_SCOPE", "SERVER_SCOPE")


def parse_value(text: str) -> JsonValue:
    """A value typed in the editor: JSON when it parses (``42``, ``true``, ``{"a": 1}``), else the text."""
    try:
        value: JsonValue = json.loads(text)
        return value
    except ValueError:
        return text


class AttributeEditor(FeedWidget):
    """Attributes of one device by scope, with its pending and delivered downlinks.

    Parameters
    ----------
    kit:
        The running kit.
    entity:
        The device name; the first device when None (pick another in the widget).
    entity_type:
        ``"DEVICE"`` or ``"ASSET"``.
    feed:
        The batching feed (the kit's shared one by default).
    """

    _esm = module("attributes.js")
    entity = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    entities = traitlets.List(traitlets.Unicode()).tag(sync=True)
    attributes: traitlets.List[JsonObject] = traitlets.List().tag(sync=True)
    downlinks: traitlets.List[JsonObject] = traitlets.List().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    status_kind = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        kit: KitLike,
        entity: str | None = None,
        entity_type: str = "DEVICE",
        feed: Feed | None = None,
        max_downlinks: int = 20,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.kit = kit
        self.entity_type = entity_type
        self.max_downlinks = max_downlinks
        with self.hold_sync():
            self._read_entities()
            self.entity = entity if entity is not None else (self.entities[0] if self.entities else None)
            self.refresh()
        self.observe(self._on_entity, names="entity")
        self._listen(kit, feed)

    # -- reading -------------------------------------------------------------------------------
    def _read_entities(self) -> None:
        self.entities = self.kit.store.entity_names(self.entity_type)

    def refresh(self) -> None:
        """Read the entity's attributes and downlinks from the store (one update to the front end)."""
        attributes: list[JsonObject] = []
        downlinks: list[JsonObject] = []
        if self.entity is not None:
            frame = self.kit.attributes(self.entity)
            frame = frame[frame["entity_type"] == self.entity_type]
            attributes = [
                {"scope": scope, "key": key, "value": short(compact(value)), "ts": int(ts.value // 1_000_000)}
                for scope, key, value, ts in zip(
                    frame["scope"], frame["key"], frame["value"], frame["last_update"], strict=True
                )
            ]
            rows = self.kit.store.entity_downlink_rows(self.entity, self.entity_type, self.max_downlinks)
            downlinks = [
                {
                    "id": i,
                    "integration": integ,
                    "msg_type": mtype,
                    "msg": short(msg),
                    "status": status,
                    "created": created,
                    "done": done,
                    "response": short(response or ""),
                    "error": short(error or ""),
                }
                for i, integ, mtype, msg, status, created, done, response, error in rows
            ]
        with self.hold_sync():
            self.attributes, self.downlinks = attributes, downlinks

    def _on_entity(self, _change: dict[str, Any]) -> None:
        with self.hold_sync():
            self.status, self.status_kind = "", ""
            self.refresh()

    def _concerns(self, change: Change) -> bool:
        match change:
            case AttributesSaved(entity=entity):
                return entity.name == self.entity
            case DownlinkQueued(device=device):
                return device == self.entity
            case DownlinksAnswered(updates=updates):
                shown = {d["id"] for d in self.downlinks}
                return any(ident in shown for _, ident in updates)
        return False

    def _on_changes(self, changes: list[Change]) -> None:
        new_entity = any(isinstance(c, EntityCreated) and c.entity.entity_type == self.entity_type for c in changes)
        if not new_entity and not any(self._concerns(c) for c in changes):
            return
        with self.hold_sync():
            if new_entity:
                self._read_entities()
                if self.entity is None and self.entities:
                    self.entity = self.entities[0]
            self.refresh()

    # -- writing -------------------------------------------------------------------------------
    def save(self, key: str, value: object, scope: str = "SHARED_SCOPE") -> bool:
        """Save one attribute (text is read as JSON when it parses); shared ones go down to the device."""
        key = key.strip()
        if self.entity is None or not key:
            self._status("pick a device and name the attribute", "error")
            return False
        if isinstance(value, str):
            value = parse_value(value)
        try:
            self.kit.save_attributes(self.entity, {key: value}, scope=scope, entity_type=self.entity_type)
        except (KeyError, ValueError) as exc:
            self._status(f"not saved: {exc}", "error")
            return False
        with self.hold_sync():
            self.refresh()
            self._status(f"saved {key} = {compact(value)} ({scope})", "ok")
        return True

    def _status(self, text: str, kind: str) -> None:
        with self.hold_sync():
            self.status, self.status_kind = text, kind

    def _msg_save(self, content: JsonObject) -> None:
        self.save(str(content.get("key", "")), str(content.get("value", "")), str(content.get("scope", "SHARED_SCOPE")))
