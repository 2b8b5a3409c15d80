"""DataFrames → plotly figures (no display calls; widgets and notebooks show them).

>>> import pandas as pd
>>> fig = telemetry_figure(pd.DataFrame(columns=["entity", "entity_type", "ts", "key", "value"]))
>>> fig.layout.xaxis.title.text
'time (local)'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

__all__ = ["local_times", "telemetry_figure"]


def local_times(ts: pd.Series) -> pd.Series:
    """Timestamps in the machine's local time zone, without the zone (for plot axes)."""
    from datetime import datetime

    zone = datetime.now().astimezone().tzinfo
    return pd.to_datetime(ts, utc=True).dt.tz_convert(zone).dt.tz_localize(None)


def telemetry_figure(frame: pd.DataFrame, keys: Iterable[str] | None = None, title: str = "Telemetry") -> go.Figure:
    """One line per entity and numeric key, time axis in local time."""
    wanted = set(keys) if keys is not None else None
    figure = go.Figure(layout={"title": {"text": title}, "xaxis": {"title": {"text": "time (local)"}},
                               "yaxis": {"title": {"text": "value"}}, "legend": {"title": {"text": "entity / key"}}})
    if frame.empty:
        return figure
    for (entity, key), group in frame.groupby(["entity", "key"], sort=True):
        if wanted is not None and key not in wanted:
            continue
        values = pd.to_numeric(group["value"], errors="coerce")
        if values.notna().any():
            figure.add_scatter(x=local_times(group["ts"]), y=values, mode="lines+markers", name=f"{entity} / {key}")
    return figure
