"""TelemetryPlot: a live plotly.js plot that gets only the new points of each feed flush.

One trace per (device, key), picked in the widget; each trace keeps a bounded window (``window``
seconds, at most ``max_points`` points), in Python and in the page alike.

plotly's FigureWidget has no "extend traces" message (assigning a trace's x/y resends its whole
window) and sends its 5 MB bundle with every figure. So the plot is an anywidget of its own that
draws with plotly.js from the installed ``plotly`` package (see :mod:`tbkit.ui._plotlyjs`: sent
once per kernel) and talks in custom messages:

* the page says ``hello`` when a view renders (first display, re-display, page reload) and gets
  a ``snapshot``: every trace's current window;
* each feed flush sends at most **one** ``extend``: new traces whole (``Plotly.addTraces``), and
  for the others only their new points plus how many points each keeps (``Plotly.extendTraces``
  with per-trace ``maxPoints``), so points that left the window are dropped in the page too;
* the picker sends ``visible`` (``Plotly.restyle``).

Trace names, colours and gaps follow :mod:`tbkit.plots` (``"<device> · <key>"``, colours by the
series' sorted order, a line broken where two points are more than 5 median intervals apart). A
gap is a ``null`` point kept in the window like any other, so the page holds exactly what Python
holds; the backfill finds its gaps from all of its points, live points from the points held when
they arrive. The page takes its colours from JupyterLab's theme and follows theme changes.

The time axis shows the kernel's local time, like :func:`tbkit.plots.local_times`: x values are
sent as that local wall-clock time in epoch milliseconds (``ts + UTC offset``; 13 digits, shorter
than an ISO string), which a plotly date axis shows as is.

>>> from tbkit.ui import TelemetryPlot
>>> plot = TelemetryPlot(kit, keys=["temperature"])               # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
import time
from collections import deque
from itertools import islice
from numbers import Real
from typing import Any, NotRequired, TypedDict

import anywidget
import ipywidgets
import traitlets

from ..models import JsonObject
from ..plots import gap_threshold, series_colors, series_name, with_gaps
from ..store.changes import Change, TelemetrySaved
from ._base import module
from ._plotlyjs import PlotlyJS, plotly_js
from ._protocols import KitLike
from .feed import Feed, feed_for

__all__ = ["TelemetryPlot"]

Series = tuple[str, str]


Point = tuple[int, float | None]  # a value of None marks a gap: the line breaks there


class Trace(TypedDict):
    name: str
    x: list[int]
    y: list[float | None]
    visible: bool
    color: str


class Snapshot(TypedDict):
    type: str  # "snapshot"
    traces: list[Trace]


class Extend(TypedDict):
    type: str  # "extend"
    n: int  # traces the page has before this message (a check: a mismatch asks for a snapshot)
    new: list[Trace]
    index: list[int]
    x: list[list[int]]
    y: list[list[float | None]]
    keep: list[int]
    colors: NotRequired[list[str]]  # every trace's colour, when adding a series changed them


def _label(series: Series) -> str:
    return series_name(*series)


def _trace_name(series: Series) -> str:
    # plotly reads a subset of HTML in trace names (<b>, <br>, <a href>): escape user data
    return html.escape(_label(series), quote=False)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def _seen(points: deque[Point], ts: int, number: float) -> bool:
    """Whether the point is among the newest points already: the backfill read it and the feed brings it again."""
    for old_ts, old in reversed(points):
        if old is None:
            continue
        if old_ts < ts:
            return False
        if old_ts == ts and old == number:
            return True
    return False


def wall_ms(ts_ms: int) -> int:
    """Epoch milliseconds as the kernel's local wall-clock time, counted in epoch milliseconds.

    A plotly date axis shows numbers as UTC, so it shows these as the kernel's local time.
    """
    return ts_ms + time.localtime(ts_ms // 1000).tm_gmtoff * 1000


def _figure_layout() -> JsonObject:
    """The plot's layout; the page adds the theme's colours (the title is a heading above the plot).
    The legend sits at the top, where no axis title is, under the toolbar's strip; the page sets
    the top margin to the toolbar's and the legend's height after each draw and resize, so none of
    them overlap at any width."""
    return {
        "height": 380,
        "margin": {"l": 56, "r": 16, "t": 24, "b": 48},
        "autosize": True,
        "xaxis": {"type": "date", "title": {"text": "time (local)"}, "automargin": True},
        "yaxis": {"title": {"text": "value"}, "automargin": True},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container"},
        "showlegend": True,  # a single series is named too
        "uirevision": "tbkit",
    }


class PlotFigure(anywidget.AnyWidget):
    """The page side of :class:`TelemetryPlot`: a plotly.js graph driven by custom messages."""

    _esm = module("plot.js")
    plotly = traitlets.Instance(PlotlyJS).tag(sync=True, **ipywidgets.widget_serialization)
    figure_layout = traitlets.Dict().tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)


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
    title:
        The plot's title.
    """

    def __init__(
        self,
        kit: KitLike,
        entity: str | list[str] | None = None,
        keys: str | list[str] | None = None,
        window: float = 600.0,
        max_points: int = 1000,
        feed: Feed | None = None,
        title: str = "Telemetry",
        **kwargs: Any,
    ) -> None:
        self.kit = kit
        self.only_entities = None if entity is None else ({entity} if isinstance(entity, str) else set(entity))
        self.only_keys = None if keys is None else ({keys} if isinstance(keys, str) else set(keys))
        self.window_ms = int(window * 1000)
        self.max_points = max_points
        self.series: dict[Series, deque[Point]] = {}
        self.traces: dict[Series, int] = {}  # trace index in the page, in order of first appearance
        self.colors: dict[Series, str] = {}
        self._limits: dict[Series, float | None] = {}  # gap thresholds, per flush
        self.picker = ipywidgets.SelectMultiple(
            options=[],
            rows=4,
            description="series",
            layout=ipywidgets.Layout(width="auto", max_width="100%", align_self="stretch"),
            style={"description_width": "initial"},
        )
        self.picker.add_class("tbkit-series")
        self.figure = PlotFigure(plotly=plotly_js(), figure_layout=_figure_layout(), title=title)
        super().__init__(children=[self.picker, self.figure], **kwargs)
        self._chosen: set[Series] | None = None  # None: show every series
        self._syncing_picker = False
        self._backfill()
        self.picker.observe(self._picked, names="value")
        self.figure.on_msg(self._on_figure_msg)
        self.feed = feed if feed is not None else feed_for(kit)
        self._disconnect = self.feed.connect(self._on_changes)

    # -- data ----------------------------------------------------------------------------------
    def _wanted(self, entity: str, key: str) -> bool:
        return (self.only_entities is None or entity in self.only_entities) and (
            self.only_keys is None or key in self.only_keys
        )

    def _limit(self, series: Series, points: deque[Point]) -> float | None:
        if series not in self._limits:
            self._limits[series] = gap_threshold([ts for ts, value in points if value is not None])
        return self._limits[series]

    def _add(self, series: Series, ts: int, value: object, added: dict[Series, int]) -> None:
        number = _number(value)
        if number is None:
            return
        points = self.series.get(series)
        if points is None:
            points = self.series[series] = deque(maxlen=self.max_points)
        elif _seen(points, ts, number):
            return
        limit = self._limit(series, points) if points else None
        if points and limit is not None and ts - points[-1][0] > limit:
            points.append((points[-1][0] + 1, None))
            added[series] = added.get(series, 0) + 1
        points.append((ts, number))
        added[series] = added.get(series, 0) + 1

    def _trim(self) -> None:
        newest = max((points[-1][0] for points in self.series.values() if points), default=0)
        for points in self.series.values():
            while points and (points[0][0] < newest - self.window_ms or points[0][1] is None):
                points.popleft()

    def _backfill(self) -> None:
        from ..store import now_ms

        frame = self.kit.telemetry(start=now_ms() - self.window_ms)
        found: dict[Series, list[tuple[int, float]]] = {}
        for entity, ts, key, value in zip(frame["entity"], frame["ts"], frame["key"], frame["value"], strict=True):
            number = _number(value)
            if number is not None and self._wanted(entity, key):
                found.setdefault((entity, key), []).append((int(ts.value // 1_000_000), number))
        for series, points in found.items():
            points.sort()
            xs, ys = with_gaps([ts for ts, _ in points], [v for _, v in points])  # gaps from all the points
            self.series[series] = deque(zip(xs, ys, strict=True), maxlen=self.max_points)
        self._trim()
        self._register(sorted(found))  # no view yet: the page asks for a snapshot when it renders

    def _on_changes(self, changes: list[Change]) -> None:
        added: dict[Series, int] = {}
        self._limits.clear()
        for change in changes:
            if not isinstance(change, TelemetrySaved):
                continue
            entity = change.entity.name
            for ts, key, value in change.points:
                if self._wanted(entity, key):
                    self._add((entity, key), ts, value, added)
        if added:
            self._trim()
            self.figure.send(self._extend(added))

    # -- messages to the page ------------------------------------------------------------------
    def _visible(self, series: Series) -> bool:
        return self._chosen is None or series in self._chosen

    def _trace(self, series: Series) -> Trace:
        points = self.series[series]
        return {
            "name": _trace_name(series),
            "x": [wall_ms(ts) for ts, _ in points],
            "y": [v for _, v in points],
            "visible": self._visible(series),
            "color": self.colors[series],
        }

    def _register(self, new: list[Series]) -> bool:
        """Give new series trace indices and colours; True when an existing trace's colour changed."""
        recolored = False
        if new:
            start = len(self.traces)
            self.traces.update({s: start + i for i, s in enumerate(new)})
            colors = series_colors(self.traces)
            recolored = any(self.colors.get(s, c) != c for s, c in colors.items())
            self.colors = colors
            self._update_picker()
        self._sent = {s: len(points) for s, points in self.series.items()}  # what the page holds per trace
        return recolored

    def _extend(self, added: dict[Series, int]) -> Extend:
        """One message: new traces whole; for the others their new points and how many points they keep."""
        message: Extend = {
            "type": "extend",
            "n": len(self.traces),
            "new": [],
            "index": [],
            "x": [],
            "y": [],
            "keep": [],
        }
        for series, index in self.traces.items():
            points = self.series[series]
            fresh = min(added.get(series, 0), len(points))  # new points still in the window
            if not fresh and len(points) == self._sent[series]:
                continue
            tail = list(islice(points, len(points) - fresh, None))
            message["index"].append(index)
            message["x"].append([wall_ms(ts) for ts, _ in tail])
            message["y"].append([v for _, v in tail])
            message["keep"].append(len(points))
        new = sorted(s for s in added if s not in self.traces)
        if self._register(new):
            ordered = sorted(self.traces, key=self.traces.__getitem__)
            message["colors"] = [self.colors[s] for s in ordered]
        message["new"] = [self._trace(s) for s in new]
        return message

    def snapshot(self) -> Snapshot:
        """Every trace's current window, in trace order: what the page draws."""
        ordered = sorted(self.traces, key=self.traces.__getitem__)
        return {"type": "snapshot", "traces": [self._trace(s) for s in ordered]}

    def _on_figure_msg(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "hello":
            self.figure.send(self.snapshot())

    # -- the picker ----------------------------------------------------------------------------
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
        ordered = sorted(self.traces, key=self.traces.__getitem__)
        self.figure.send({"type": "visible", "visible": [self._visible(s) for s in ordered]})

    def select(self, *series: Series) -> None:
        """Show only these ``(device, key)`` series (all of them when none given)."""
        self.picker.value = tuple(series) if series else tuple(sorted(self.series))

    def close(self) -> None:
        """Stop listening and close the picker and the figure (plotly.js stays loaded for other plots)."""
        disconnect = getattr(self, "_disconnect", None)
        if disconnect is not None:
            disconnect()
        self.picker.close()
        self.figure.close()
        super().close()
