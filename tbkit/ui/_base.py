"""What the tbkit widgets share: static files, the feed connection, small formatters."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable

import anywidget

from ..store.changes import Change
from .feed import Feed, feed_for

__all__ = ["STATIC", "FeedWidget", "compact", "module", "short"]

STATIC = pathlib.Path(__file__).parent / "static"
MAX_TEXT = 2000  # characters of user data sent per table cell (the full value stays in the store)


def compact(value: object) -> str:
    """JSON without spaces (non-JSON values as their ``str``)."""
    try:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def module(name: str) -> pathlib.Path:
    """A widget's ES module: ``static/<name>``, bundled by esbuild from ``js/src/<name>`` (see ``js/build.mjs``)."""
    path = STATIC / name
    if not path.is_file():  # pragma: no cover - a broken install
        raise FileNotFoundError(f"tbkit widget module missing: {path} (run `make js`)")
    return path


def short(text: object, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    value = "" if text is None else str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


class FeedWidget(anywidget.AnyWidget):
    """An anywidget that gets the store's changes in batches (see :mod:`tbkit.ui.feed`).

    Subclasses implement ``_on_changes(changes)`` and send at most one update from it.
    """

    _css = STATIC / "tbkit.css"

    _disconnect: Callable[[], None] | None = None

    def _listen(self, source: object, feed: Feed | None) -> None:
        self.feed = feed if feed is not None else feed_for(source)
        self._disconnect = self.feed.connect(self._on_changes)
        self.on_msg(self._on_custom)

    def _on_changes(self, changes: list[Change]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _on_custom(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict):
            handler = getattr(self, f"_msg_{content.get('type')}", None)
            if handler is not None:
                handler(content)

    def close(self) -> None:
        """Stop listening to the store and close the widget."""
        if self._disconnect is not None:
            self._disconnect()
            self._disconnect = None
        super().close()
