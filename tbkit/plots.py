"""DataFrames → plotly figures (no display calls; widgets and notebooks show them).

Both plot paths, this module's :func:`telemetry_figure` and the live :class:`tbkit.ui.TelemetryPlot`,
share what a reader compares: one trace per (entity, key) named ``"<entity> · <key>"``, colours
given by the series' sorted order (:func:`series_colors`), and lines broken at gaps.

**Gaps.** A line breaks between two consecutive points of a series when they are more than
:data:`GAP_FACTOR` (5) times the series' median interval apart, and at least :data:`MIN_GAP_MS`
(1 s); it takes at least :data:`MIN_INTERVALS` (3) intervals to tell, so a series of 3 points or
fewer never breaks. So runs or bursts recorded minutes apart are not joined by a straight line,
while a steady series with some jitter, or a burst of uplinks milliseconds apart, stays one line.

**Local only.** No "Share chart" (cloud) or "edit in" action and no plotly logo link, whatever
renders the figure: its layout removes the cloud and "edit in" buttons (``modebar.remove``, which
plotly.js honours even where a renderer drops the config, as JupyterLab's plotly renderer did for
``pio.show``), and the figure carries :data:`PLOT_CONFIG` on every way it is shown or saved
(notebook display, ``show``, HTML, ``to_dict``/JSON), which also removes the logo.

**A lone instant.** When every point of the figure has the same time (one uplink), the time axis
spans :data:`LONE_POINT_MS` either side of it, not a millisecond.

>>> import pandas as pd
>>> fig = telemetry_figure(pd.DataFrame(columns=["entity", "entity_type", "ts", "key", "value"]))
>>> fig.layout.xaxis.title.text
'time (local)'
>>> with_gaps([0, 1000, 2000, 3000, 60_000], [1, 2, 3, 4, 5])
([0, 1000, 2000, 3000, 3001, 60000], [1, 2, 3, 4, None, 5])
"""

from __future__ import annotations

import copy
import html
import statistics
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict, TypeVar

import pandas as pd
import plotly.graph_objects as go

from .models import JsonObject

__all__ = [
    "CLOUD_BUTTONS",
    "GAP_FACTOR",
    "LONE_POINT_MS",
    "MIN_GAP_MS",
    "MIN_INTERVALS",
    "PALETTE",
    "PLOT_CONFIG",
    "TelemetryFigure",
    "gap_threshold",
    "local_times",
    "series_colors",
    "series_name",
    "telemetry_figure",
    "with_gaps",
]

GAP_FACTOR = 5.0
MIN_INTERVALS = 3
MIN_GAP_MS = 1000
# Readable on light and dark backgrounds alike (plotly's D3 palette).
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
#: The toolbar's cloud and "edit in" buttons (plotly.js 1 to 4 named them differently).
CLOUD_BUTTONS = ("sendChartToCloud", "sendDataToCloud", "editInChartStudio")


class PlotConfig(TypedDict):
    """The plotly.js config tbkit's figures carry (see :data:`PLOT_CONFIG`)."""

    displaylogo: bool
    showSendToCloud: bool
    plotlyServerURL: str
    modeBarButtonsToRemove: list[str]


PLOT_CONFIG: PlotConfig = {
    "displaylogo": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": list(CLOUD_BUTTONS),
}
LONE_POINT_MS = 60_000
_NEUTRAL = "#808080"  # text and lines on a transparent background: readable in light and dark themes

_V = TypeVar("_V")
Series = tuple[str, str]


def series_name(entity: str, key: str) -> str:
    """A trace's name: ``"Sensor T1 · temperature"``."""
    return f"{entity} · {key}"


def series_colors(series: Iterable[Series]) -> dict[Series, str]:
    """Each series' colour: :data:`PALETTE` in the series' sorted order (the same in both plots)."""
    return {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sorted(set(series)))}


def gap_threshold(ts: Sequence[int]) -> float | None:
    """The interval above which two points of a series are apart (see the module docstring), or None."""
    intervals = [b - a for a, b in zip(ts, ts[1:], strict=False) if b > a]
    if len(intervals) < MIN_INTERVALS:
        return None
    return max(GAP_FACTOR * statistics.median(intervals), float(MIN_GAP_MS))


def with_gaps(
    ts: Sequence[int], values: Sequence[_V], threshold: float | None = None
) -> tuple[list[int], list[_V | None]]:
    """``ts`` and ``values`` with a ``None`` value (at ``ts + 1``) wherever the line should break.

    ``threshold`` defaults to :func:`gap_threshold` of ``ts``.
    """
    limit = gap_threshold(ts) if threshold is None else threshold
    xs: list[int] = []
    ys: list[_V | None] = []
    for i, (t, v) in enumerate(zip(ts, values, strict=True)):
        if i and limit is not None and t - ts[i - 1] > limit:
            xs.append(ts[i - 1] + 1)
            ys.append(None)
        xs.append(t)
        ys.append(v)
    return xs, ys


def local_times(ts: pd.Series) -> pd.Series:
    """Timestamps in the machine's local time zone, without the zone (for plot axes)."""
    from datetime import datetime

    zone = datetime.now().astimezone().tzinfo
    return pd.to_datetime(ts, utc=True).dt.tz_convert(zone).dt.tz_localize(None)


def _config() -> PlotConfig:
    return copy.deepcopy(PLOT_CONFIG)  # plotly may edit it


class TelemetryFigure(go.Figure):  # type: ignore[misc]
    """A plotly Figure that always carries :data:`PLOT_CONFIG` (no cloud or "edit in" actions, no logo).

    Its layout removes the cloud buttons; its display (``_ipython_display_``, ``show``), HTML and
    dict forms add the config, unless given another one.
    """

    def _ipython_display_(self) -> None:
        import plotly.io as pio

        if pio.renderers.render_on_display and pio.renderers.default:
            pio.show(self, config=_config())
        else:
            print(repr(self))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, validate: bool = True, **kwargs: Any) -> Any:
        kwargs.setdefault("config", _config())
        return super()._repr_mimebundle_(include, exclude, validate, **kwargs)

    def show(self, *args: Any, **kwargs: Any) -> None:
        """Like :meth:`plotly.graph_objects.Figure.show`, with :data:`PLOT_CONFIG` unless given a config."""
        kwargs.setdefault("config", _config())
        super().show(*args, **kwargs)

    def to_html(self, *args: Any, **kwargs: Any) -> str:
        """Like :meth:`plotly.graph_objects.Figure.to_html`, with :data:`PLOT_CONFIG` unless given a config."""
        kwargs.setdefault("config", _config())
        return str(super().to_html(*args, **kwargs))

    def write_html(self, *args: Any, **kwargs: Any) -> Any:
        """Like :meth:`plotly.graph_objects.Figure.write_html`, with :data:`PLOT_CONFIG` unless given a config."""
        kwargs.setdefault("config", _config())
        return super().write_html(*args, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        """Like :meth:`plotly.graph_objects.Figure.to_dict`, plus ``"config"`` (plotly.js's figure shape):
        ``pio.show(fig)``, the figure's JSON and a ``.plotly.json`` file carry it too."""
        figure: dict[str, Any] = super().to_dict()
        figure["config"] = _config()
        return figure


def _layout(title: str) -> JsonObject:
    axis: JsonObject = {
        "gridcolor": "rgba(128,128,128,0.25)",
        "linecolor": _NEUTRAL,
        "zerolinecolor": "rgba(128,128,128,0.4)",
    }
    return {
        "title": {"text": title},
        "font": {"color": _NEUTRAL},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"title": {"text": "time (local)"}, **axis},
        "yaxis": {"title": {"text": "value"}, **axis},
        "legend": {"title": {"text": "entity · key"}},
        "showlegend": True,  # a single series is named too
        "modebar": {"remove": list(CLOUD_BUTTONS)},
    }


def telemetry_figure(
    frame: pd.DataFrame, keys: Iterable[str] | None = None, title: str = "Telemetry"
) -> TelemetryFigure:
    """One line per entity and numeric key, time axis in local time, broken at gaps.

    The background is transparent and text a neutral grey, so the figure reads in light and dark
    notebook themes.
    """
    wanted = set(keys) if keys is not None else None
    figure = TelemetryFigure(layout=_layout(title))
    if frame.empty:
        return figure
    lines: dict[Series, tuple[list[int], list[float | None]]] = {}
    for (entity, key), group in frame.groupby(["entity", "key"], sort=True):
        if wanted is not None and key not in wanted:
            continue
        values = pd.to_numeric(group["value"], errors="coerce")
        if values.notna().any():
            ts = [int(t.value // 1_000_000) for t in pd.to_datetime(group["ts"], utc=True)]
            numbers: list[float | None] = [None if pd.isna(v) else float(v) for v in values]
            broken = with_gaps(ts, numbers)
            lines[(str(entity), str(key))] = broken
    colors = series_colors(lines)
    instants = {t for xs, _ in lines.values() for t in xs}
    if len(instants) == 1:  # one time: a minute either side, not sub-millisecond ticks
        (only,) = instants
        around = local_times(
            pd.Series([only - LONE_POINT_MS, only + LONE_POINT_MS], dtype="int64").astype("datetime64[ms]")
        )
        figure.update_xaxes(range=list(around))
    for (entity, key), (xs, ys) in lines.items():
        figure.add_scatter(
            x=local_times(pd.Series(xs, dtype="int64").astype("datetime64[ms]")),
            y=ys,
            mode="lines+markers",
            name=html.escape(series_name(entity, key), quote=False),
            connectgaps=False,
            line={"color": colors[(entity, key)]},
            marker={"color": colors[(entity, key)]},
        )
    return figure
