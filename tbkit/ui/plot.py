"""TelemetryPlot: a plotly FigureWidget that grows live with incoming telemetry.

One trace per (device, key), picked in the widget; the time axis is in the kernel's local time;
each trace keeps a bounded window (``window`` seconds, at most ``max_points`` points).

plotly's FigureWidget has no "extend traces" message: assigning a trace's x/y sends its whole
arrays. So the plot sends only traces that got new points, once per feed flush (4 times a second
at most), in one ``batch_update``, and each array is bounded by the window: the traffic per
flush is bounded however fast uplinks arrive.
"""

from __future__ import annotations

import html
import math
from collections import deque
from numbers import Real
from typing import Any

import ipywidgets
import plotly.graph_objects as go

from ._base import local_time
from .feed import Feed, feed_for

__all__ = ["TelemetryPlot"]

Series = tuple[str, str]


def _label(series: Series) -> str:
    return f"{series[0]} · {series[1]}"


def _trace_name(series: Series) -> str:
    # plotly reads a subset of HTML in trace names (<b>, <br>, <a href>): escape user data
    return html.escape(_label(series), quote=False)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


class TelemetryPlot(ipywidgets.VBox):  # type: ignore[misc]
    """Live telemetry of a kit's devices.

    Parameters
    ----------
    kit:
        The running kit.
    entity:
        A device name (or a list of them) to plot; every device when None.
    keys:
        Telemetry keys to plot; every numeric key when None.
    window:
        Seconds of history each trace keeps (and the plot shows).
    max_points:
        At most this many points per trace.
    feed:
        The batching feed (the kit's shared one by default).
    """

    def __init__(self, kit: Any, entity: str | list[str] | None = None, keys: str | list[str] | None = None,
                 window: float = 600.0, max_points: int = 1000, feed: Feed | None = None,
                 title: str = "Telemetry", **kwargs: Any) -> None:
        self.kit = kit
        self.only_entities = None if entity is None else ({entity} if isinstance(entity, str) else set(entity))
        self.only_keys = None if keys is None else ({keys} if isinstance(keys, str) else set(keys))
        self.window_ms = int(window * 1000)
        self.max_points = max_points
        self.series: dict[Series, deque[tuple[int, float]]] = {}
        self.traces: dict[Series, int] = {}
        self.picker = ipywidgets.SelectMultiple(options=[], rows=4, description="series",
                                                layout=ipywidgets.Layout(width="420px"))
        self.figure = go.FigureWidget(layout={
            "title": {"text": title}, "height": 360, "margin": {"l": 50, "r": 20, "t": 40, "b": 40},
            "xaxis": {"type": "date", "title": {"text": "local time"}}, "legend": {"orientation": "h"},
            "uirevision": "tbkit",
        })
        super().__init__(children=[self.picker, self.figure], **kwargs)
        self._chosen: set[Series] | None = None  # None: show every series
        self._syncing_picker = False
        self._backfill()
        self.picker.observe(self._picked, names="value")
        self.feed = feed if feed is not None else feed_for(kit)
        self._disconnect = self.feed.connect(self._on_changes)

    # -- data ----------------------------------------------------------------------------------
    def _wanted(self, entity: str, key: str) -> bool:
        return (self.only_entities is None or entity in self.only_entities) and (
            self.only_keys is None or key in self.only_keys)

    def _add(self, series: Series, ts: int, value: Any) -> bool:
        number = _number(value)
        if number is None:
            return False
        points = self.series.get(series)
        if points is None:
            points = self.series[series] = deque(maxlen=self.max_points)
        points.append((ts, number))
        return True

    def _trim(self, series: Series, newest: int) -> None:
        points = self.series[series]
        while points and points[0][0] < newest - self.window_ms:
            points.popleft()

    def _backfill(self) -> None:
        from ..store import now_ms

        frame = self.kit.telemetry(start=now_ms() - self.window_ms)
        dirty: set[Series] = set()
        for entity, ts, key, value in zip(frame["entity"], frame["ts"], frame["key"], frame["value"], strict=True):
            if self._wanted(entity, key) and self._add((entity, key), int(ts.value // 1_000_000), value):
                dirty.add((entity, key))
        self._render(dirty)

    def _on_changes(self, changes: list[Any]) -> None:
        dirty: set[Series] = set()
        for change in changes:
            if change[0] != "telemetry":
                continue
            entity = change[1].name
            for ts, key, value in change[2]:
                if self._wanted(entity, key) and self._add((entity, key), ts, value):
                    dirty.add((entity, key))
        if dirty:
            self._render(dirty)

    # -- drawing -------------------------------------------------------------------------------
    def _visible(self, series: Series) -> bool:
        return self._chosen is None or series in self._chosen

    def _render(self, dirty: set[Series]) -> None:
        """Send the traces that changed: new series as new traces, the rest in one batch update."""
        newest = max((self.series[s][-1][0] for s in self.series if self.series[s]), default=0)
        for series in self.series:
            self._trim(series, newest)
        new = sorted(s for s in dirty if s not in self.traces)
        if new:
            self._update_picker()
            self.figure.add_traces([self._trace(s) for s in new])
            start = len(self.traces)
            self.traces.update({s: start + i for i, s in enumerate(new)})
        changed = [s for s in dirty if s not in new and self._visible(s)]
        if changed:
            with self.figure.batch_update():
                for series in changed:
                    x, y = self._xy(series)
                    trace = self.figure.data[self.traces[series]]
                    trace.x, trace.y = x, y

    def _xy(self, series: Series) -> tuple[list[str], list[float]]:
        points = self.series[series]
        return [local_time(ts) for ts, _ in points], [v for _, v in points]

    def _trace(self, series: Series) -> go.Scattergl | go.Scatter:
        x, y = self._xy(series)
        return go.Scatter(x=x, y=y, name=_trace_name(series), mode="lines+markers", visible=self._visible(series))

    def _update_picker(self) -> None:
        options = [(_label(s), s) for s in sorted(self.series)]
        chosen = self._chosen
        self._syncing_picker = True
        try:
            with self.picker.hold_sync():
                self.picker.options = options
                self.picker.value = tuple(s for s in sorted(self.series) if chosen is None or s in chosen)
        finally:
            self._syncing_picker = False

    def _picked(self, change: dict[str, Any]) -> None:
        if self._syncing_picker:
            return
        chosen = set(change["new"])
        self._chosen = None if chosen == set(self.series) else chosen
        with self.figure.batch_update():
            for series, index in self.traces.items():
                visible = self._visible(series)
                trace = self.figure.data[index]
                if visible:  # hidden traces were not updated: send their current window now
                    trace.x, trace.y = self._xy(series)
                trace.visible = visible

    def select(self, *series: Series) -> None:
        """Show only these ``(device, key)`` series (all of them when none given)."""
        self.picker.value = tuple(series) if series else tuple(sorted(self.series))

    def close(self) -> None:
        """Stop listening and close the picker and the figure."""
        disconnect = getattr(self, "_disconnect", None)
        if disconnect is not None:
            disconnect()
        self.picker.close()
        self.figure.close()
        super().close()
