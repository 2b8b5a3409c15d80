"""IntegrationPanel: the endpoint URL, ready curl commands, security headers, enabled, counters."""

from __future__ import annotations

from typing import Any

import traitlets

from ..integration import Integration
from ..store.changes import Change, UplinkAccepted, UplinkRefused
from ._base import FeedWidget, module
from ._protocols import KitLike
from .feed import Feed

__all__ = ["IntegrationPanel"]

SAMPLES: dict[str, str | bytes] = {
    "application/json": '{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}',
    "text/plain": "Sensor T1,33",
    "application/octet-stream": b"\x01\x02\x03",
    "application/x-www-form-urlencoded": "deviceName=Sensor%20T1&temperature=33",
}


class IntegrationPanel(FeedWidget):
    """One integration's endpoint and switches.

    Parameters
    ----------
    integration:
        The :class:`~tbkit.Integration` (served by ``kit``).
    kit:
        The kit serving it, so changes are saved in its store (kept in the running integration only
        without it).
    feed:
        The batching feed (the kit's shared one by default).
    """

    _esm = module("panel.js")
    name = traitlets.Unicode("").tag(sync=True)
    url = traitlets.Unicode("").tag(sync=True)
    curls = traitlets.Dict().tag(sync=True)
    enabled = traitlets.Bool(True).tag(sync=True)
    security_enabled = traitlets.Bool(False).tag(sync=True)
    headers: traitlets.List[dict[str, str]] = traitlets.List().tag(sync=True)
    processed = traitlets.Int(0).tag(sync=True)
    errors = traitlets.Int(0).tag(sync=True)

    def __init__(
        self, integration: Integration, kit: KitLike | None = None, feed: Feed | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.integration = integration
        self.kit = kit
        with self.hold_sync():
            self.name, self.enabled = integration.name, integration.enabled
            self.headers = [{"name": k, "value": v} for k, v in integration.security_headers.items()]
            self.security_enabled = bool(integration.security_headers)
            self._describe()
            self._read_counters()
        self.observe(self._on_enabled, names="enabled")
        self.observe(self._on_security, names=["security_enabled", "headers"])
        self._listen(integration, feed)

    def _describe(self) -> None:
        self.url = self.integration.url or ""
        self.curls = {ct: self.integration.curl(ct, body) for ct, body in SAMPLES.items()}

    def _read_counters(self) -> None:
        self.processed, self.errors = self.integration.store.counters(self.integration.name)

    def _on_changes(self, changes: list[Change]) -> None:
        name = self.integration.name
        if any(isinstance(c, (UplinkAccepted, UplinkRefused)) and c.integration == name for c in changes):
            with self.hold_sync():
                self._read_counters()

    def _save(self) -> None:
        if self.kit is not None:
            self.kit.update_integration(self.integration)

    def _on_enabled(self, change: dict[str, Any]) -> None:
        self.integration.enabled = bool(change["new"])
        self._save()

    def _on_security(self, _change: dict[str, Any]) -> None:
        headers = {str(h.get("name", "")).strip(): str(h.get("value", "")) for h in self.headers}
        headers = {k: v for k, v in headers.items() if k}
        self.integration.security_headers = headers if self.security_enabled else {}
        self._save()
        with self.hold_sync():
            self._describe()
