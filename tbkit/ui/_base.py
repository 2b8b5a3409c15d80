"""What the tbkit widgets share: static files, the feed connection, small formatters."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import anywidget

from ..store.changes import Change
from .feed import Feed, feed_for

__all__ = ["STATIC", "FeedWidget", "compact", "short", "widget_module"]

STATIC = pathlib.Path(__file__).parent / "static"
MAX_TEXT = 2000  # characters of user data sent per table cell (the full value stays in the store)


def compact(value: Any) -> str:
    """JSON without spaces (non-JSON values as their ``str``)."""
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def widget_module(name: str) -> str:
    """A widget's ES module: the shared ``dom.js`` helpers, then ``static/<name>``."""
    return (STATIC / "dom.js").read_text("utf-8") + (STATIC / name).read_text("utf-8")


def short(text: Any, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FeedWidget(anywidget.AnyWidget):  # type: ignore[misc]
    """An anywidget that gets the store's changes in batches (see :mod:`tbkit.ui.feed`).

    Subclasses implement ``_on_changes(changes)`` and send at most one update from it.
    """

    _css = STATIC / "tbkit.css"

    def _listen(self, source: Any, feed: Feed | None) -> None:
        self.feed = feed if feed is not None else feed_for(source)
        self._disconnect = self.feed.connect(self._on_changes)
        self.on_msg(self._on_custom)

    def _on_changes(self, changes: list[Change]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _on_custom(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):
            handler = getattr(self, f"_msg_{content.get('type')}", None)
            if handler is not None:
                handler(content)

    def close(self) -> None:
        """Stop listening to the store and close the widget."""
        disconnect = getattr(self, "_disconnect", None)
        if disconnect is not None:
            disconnect()
        super().close()
