"""The ConverterEditor's writing help on the kernel side: helper table, sample keys, diagnostics.

The page completes and documents from two synced traits: ``assist_helpers`` (the helper table of
the editor's language, sent once) and ``assist_keys`` (the shapes of the last uplink's JSON payload
and metadata, or for an encoder the last ``msg`` and metadata: keys, kinds and short previews,
never whole values). The keys are refreshed when the test panel's input changes and when the
integration records a new message, at most once a second. The page asks for diagnostics with a
``lint`` message (debounced as you type) and gets a ``diagnostics`` message back.
"""

from __future__ import annotations

import json
import time
from typing import Required, TypedDict

import traitlets

from ..converters.assist import Diagnostic, helpers, lint_script
from ..integration.events import parse_body
from ..models import JsonLike, JsonObject, JsonValue
from ..store.changes import Change, DownlinkQueued, UplinkAccepted

__all__ = ["AssistControls", "shape"]

MAX_KEYS = 200
MAX_DEPTH = 4
PREVIEW = 40
KEYS_INTERVAL = 1.0  # seconds between two refreshes driven by new traffic


class Shape(TypedDict, total=False):
    """What :func:`shape` gives: a kind, and a map's keys, a list's element or a scalar's preview."""

    t: Required[str]
    k: dict[str, Shape]
    e: Shape
    v: str


def shape(value: JsonLike, depth: int = MAX_DEPTH, budget: list[int] | None = None) -> Shape:
    """A bounded description of a JSON value: ``{"t": kind, "k": {key: shape}, "e": element, "v": preview}``.

    >>> shape({"t": 21.5, "tags": ["a"]})
    {'t': 'map', 'k': {'t': {'t': 'number', 'v': '21.5'}, 'tags': {'t': 'list', 'e': {'t': 'string', 'v': '"a"'}}}}
    """
    budget = budget if budget is not None else [MAX_KEYS]
    if isinstance(value, dict):
        keys: dict[str, Shape] = {}
        out: Shape = {"t": "map", "k": keys}
        for key, sub in value.items():
            if budget[0] <= 0:
                break
            budget[0] -= 1
            keys[str(key)] = shape(sub, depth - 1, budget) if depth > 0 else {"t": "value"}
        return out
    if isinstance(value, list):
        return {"t": "list", "e": shape(value[0], depth - 1, budget)} if value and depth > 0 else {"t": "list"}
    kind = "string" if isinstance(value, str) else "boolean" if isinstance(value, bool) else "number"
    if value is None:
        return {"t": "null"}
    text = json.dumps(value, ensure_ascii=False)
    return {"t": kind, "v": text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"}


def _json_or_none(text: str | None) -> JsonValue:
    try:
        value: JsonValue = json.loads(text) if text else None
        return value
    except ValueError:
        return None


class AssistControls(traitlets.HasTraits):
    """Mixin for :class:`~tbkit.ui.editor.ConverterEditor`: what completion, hover and lint need."""

    assist_helpers = traitlets.List(traitlets.Dict()).tag(sync=True)
    assist_keys = traitlets.Dict().tag(sync=True)
    #: The diagnostics last sent to the page (for tests and notebooks).
    diagnostics: list[Diagnostic]
    _keys_at = 0.0
    _keys_pending = False

    def _start_assist(self) -> None:
        self.diagnostics = []
        self.assist_helpers = [h.to_json() for h in helpers(getattr(self, "lang", "JS"))]
        self.observe(lambda _change: self.refresh_keys(), names=["payload", "metadata", "payload_format"])
        self.refresh_keys()

    def lint_source(self, source: str) -> list[Diagnostic]:
        """Lint ``source`` in the editor's language; remembered as :attr:`diagnostics`."""
        self.diagnostics = lint_script(source, getattr(self, "lang", "JS"))
        return self.diagnostics

    def _msg_lint(self, content: JsonObject) -> None:
        source = content.get("source")
        if not isinstance(source, str):
            return
        items = [d.to_json() for d in self.lint_source(source)]
        self.send({"type": "diagnostics", "seq": content.get("seq"), "items": items})  # type: ignore[attr-defined]

    # -- keys of the last message ----------------------------------------------------------------
    def _last_recorded(self) -> tuple[JsonValue, JsonValue] | None:
        integration = getattr(self, "integration", None)
        if integration is None:
            return None
        if getattr(self, "kind", "uplink") == "uplink":
            text = integration.store.last_uplink_event(integration.name)
            if text is None:
                return None
            event = parse_body(text)
            return _json_or_none(event.get("in")), _json_or_none(event.get("metadata"))
        rows = integration.store.downlink_rows(integration.name)
        if not rows:
            return None
        return _json_or_none(rows[-1][4]), _json_or_none(rows[-1][5])

    def refresh_keys(self) -> None:
        """Send the shapes of the last recorded message (else the test panel's input) to the page."""
        self._keys_at = time.monotonic()
        recorded = self._last_recorded()
        payload, metadata = recorded or (None, None)
        if payload is None and getattr(self, "payload_format", "json") == "json":
            payload = _json_or_none(getattr(self, "payload", ""))
        if metadata is None:
            metadata = _json_or_none(getattr(self, "metadata", ""))
        main = "payload" if getattr(self, "kind", "uplink") == "uplink" else "msg"
        keys: dict[str, Shape] = {}
        if payload is not None:
            keys[main] = shape(payload)
        if isinstance(metadata, dict):
            keys["metadata"] = shape(metadata)
        if keys != self.assist_keys:
            self.assist_keys = keys

    def _assist_changes(self, changes: list[Change]) -> None:
        """A feed batch: refresh the keys when this integration recorded a message (at most once a second)."""
        integration = getattr(self, "integration", None)
        if integration is None:
            return
        wanted = UplinkAccepted if getattr(self, "kind", "uplink") == "uplink" else DownlinkQueued
        if any(isinstance(c, wanted) and c.integration == integration.name for c in changes):
            self._keys_pending = True
        if self._keys_pending and time.monotonic() - self._keys_at >= KEYS_INTERVAL:
            self._keys_pending = False
            self.refresh_keys()
