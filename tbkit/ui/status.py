"""KitStatus: one live line about a kit: URL, devices, uplinks, errors."""

from __future__ import annotations

from typing import Any

import traitlets

from ..store.changes import Change, EntityCreated, UplinkAccepted, UplinkRefused
from ._base import FeedWidget, module
from ._protocols import KitLike
from .feed import Feed

__all__ = ["KitStatus"]


class KitStatus(FeedWidget):
    """The kit's URL and counts, updated at the feed's pace."""

    _esm = module("status.js")
    url = traitlets.Unicode("").tag(sync=True)
    devices = traitlets.Int(0).tag(sync=True)
    uplinks = traitlets.Int(0).tag(sync=True)
    errors = traitlets.Int(0).tag(sync=True)
    integrations = traitlets.List(traitlets.Unicode()).tag(sync=True)
    #: The ThingsBoard JS engine the kit's JS converters target ("remote" or "local").
    js_engine = traitlets.Unicode("remote").tag(sync=True)

    def __init__(self, kit: KitLike, feed: Feed | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kit = kit
        with self.hold_sync():
            self.refresh()
        self._listen(kit, feed)

    def refresh(self) -> None:
        """Read the counts from the store."""
        store = self.kit.store
        devices = store.entity_count("DEVICE")
        uplinks, errors = store.counters()
        self.url, self.devices, self.uplinks, self.errors = self.kit.base_url, devices, uplinks, errors
        self.integrations = sorted(self.kit.integrations)
        self.js_engine = str(getattr(self.kit, "js_engine", "remote"))

    def _on_changes(self, changes: list[Change]) -> None:
        if any(isinstance(c, (EntityCreated, UplinkAccepted, UplinkRefused)) for c in changes):
            with self.hold_sync():
                self.refresh()
