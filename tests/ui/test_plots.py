"""Both plot paths (tbkit.plots.telemetry_figure and TelemetryPlot): names, colours, gaps, no cloud."""

from __future__ import annotations

import json

import pandas as pd

import tbkit
from tbkit.plots import PALETTE, PLOT_CONFIG, gap_threshold, series_colors, telemetry_figure, with_gaps
from tests.ui.test_ui_plot import T0, figure_messages, telemetry, utc  # noqa: F401  (utc is a fixture)

POINTS = "var d = decodeToJson(payload); return {deviceName: d.device, telemetry: d.points};"


def test_a_gap_is_more_than_five_median_intervals_and_at_least_a_second():
    # intervals 1, 1, 1.2, 50 s: median 1.1 s, so the threshold is 5.5 s and only 50 s is a gap
    ts = [0, 1000, 2000, 3200, 53_200]
    assert gap_threshold(ts) == 5500.0
    assert with_gaps(ts, [1, 2, 3, 4, 5]) == ([0, 1000, 2000, 3200, 3201, 53_200], [1, 2, 3, 4, None, 5])
    # fewer than 3 intervals: never a gap
    assert gap_threshold([0, 1000, 500_000]) is None
    assert with_gaps([0, 1000, 500_000], ["a", "b", "c"]) == ([0, 1000, 500_000], ["a", "b", "c"])
    # steady data with jitter stays one line
    steady = [0, 9000, 21_000, 30_000, 41_000, 50_000]
    assert with_gaps(steady, list(range(6))) == (steady, list(range(6)))
    # a burst milliseconds apart, then a pause under a second: one line
    burst = [0, 2, 4, 6, 8, 900]
    assert gap_threshold(burst) == 1000.0 and with_gaps(burst, list(range(6))) == (burst, list(range(6)))


def test_colours_follow_the_sorted_series_in_both_plots():
    assert series_colors([("B", "t"), ("A", "t"), ("A", "h")]) == {
        ("A", "h"): PALETTE[0],
        ("A", "t"): PALETTE[1],
        ("B", "t"): PALETTE[2],
    }


def frame(*rows):
    return pd.DataFrame(
        [
            {"entity": e, "entity_type": "DEVICE", "ts": pd.Timestamp(ts, unit="ms", tz="UTC"), "key": k, "value": v}
            for e, ts, k, v in rows
        ]
    )


def test_telemetry_figure_names_colours_and_breaks_lines(utc):  # noqa: F811
    rows = [("A", T0 + i * 1000, "t", float(i)) for i in range(4)] + [
        ("A", T0 + 60_000, "t", 9.0),
        ("<b>B</b>", T0, "t", 1.0),
    ]
    figure = telemetry_figure(frame(*rows))
    traces = [(t.name, t.line.color, t.marker.color, list(t.y)) for t in figure.data]
    assert traces == [
        ("&lt;b&gt;B&lt;/b&gt; · t", PALETTE[0], PALETTE[0], [1.0]),
        ("A · t", PALETTE[1], PALETTE[1], [0.0, 1.0, 2.0, 3.0, None, 9.0]),
    ]
    assert [pd.Timestamp(x).isoformat() for x in figure.data[1].x][3:] == [
        "2026-01-01T00:00:03",
        "2026-01-01T00:00:03.001000",
        "2026-01-01T00:01:00",
    ]
    assert figure.data[1].connectgaps is False
    assert figure.layout.legend.title.text == "entity · key"


def test_telemetry_figure_has_no_cloud_or_edit_in_actions(monkeypatch):
    import plotly.io as pio

    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")  # what JupyterLab gets
    figure = telemetry_figure(frame(("A", T0, "t", 1.0)))
    assert '"showSendToCloud": false' in figure.to_html(include_plotlyjs=False)
    bundle = figure._repr_mimebundle_()
    config = bundle["application/vnd.plotly.v1+json"]["config"]
    assert {k: config.get(k) for k in ("showSendToCloud", "displaylogo", "plotlyServerURL")} == {
        "showSendToCloud": False,
        "displaylogo": False,
        "plotlyServerURL": "",
    }
    assert set(PLOT_CONFIG["modeBarButtonsToRemove"]) >= {"sendDataToCloud", "editInChartStudio"}
    assert "sendChartToCloud" in config["modeBarButtonsToRemove"]


def test_every_way_of_showing_the_figure_carries_no_cloud_action(monkeypatch):
    """The layout removes the cloud buttons (a renderer that drops the config still honours it); the
    display JupyterLab uses (``_ipython_display_`` -> ``pio.show``), ``pio.show(fig)`` itself (through
    ``to_dict``), the figure's JSON and its HTML carry the config, which also removes the logo."""
    import plotly.io as pio

    import tbkit.plots as plots

    figure = telemetry_figure(frame(("A", T0, "t", 1.0)))
    assert figure.layout.modebar.remove == ("sendChartToCloud", "sendDataToCloud", "editInChartStudio")
    assert figure.to_dict()["config"] == PLOT_CONFIG
    assert json.loads(figure.to_json())["config"] == PLOT_CONFIG
    shown = []
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")
    monkeypatch.setattr(
        pio._renderers,
        "ipython_display",
        type("D", (), {"display": staticmethod(lambda bundle, raw: shown.append(bundle))}),
    )
    figure._ipython_display_()
    pio.show(figure)
    assert [b["application/vnd.plotly.v1+json"]["config"] for b in shown] == [PLOT_CONFIG, PLOT_CONFIG]
    assert [b["application/vnd.plotly.v1+json"]["layout"]["modebar"]["remove"] for b in shown] == [
        list(plots.CLOUD_BUTTONS)
    ] * 2
    html = figure.to_html(include_plotlyjs=False)
    assert '"displaylogo": false' in html and '"sendChartToCloud"' in html


def test_a_lone_instant_gets_a_minute_either_side(utc):  # noqa: F811
    figure = telemetry_figure(frame(("A", T0, "t", 1.0), ("B", T0, "t", 2.0)))
    assert [pd.Timestamp(x) for x in figure.layout.xaxis.range] == [
        pd.Timestamp(T0 - 60_000, unit="ms"),
        pd.Timestamp(T0 + 60_000, unit="ms"),
    ]
    assert figure.layout.showlegend is True
    assert telemetry_figure(frame(("A", T0, "t", 1.0), ("A", T0 + 5, "t", 2.0))).layout.xaxis.range is None


def test_the_live_plot_breaks_its_line_when_a_point_comes_after_a_gap(kit, feed, comms, utc):  # noqa: F811
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    telemetry(feed, "A", *[(T0 + i * 1000, float(i)) for i in range(4)])
    feed.flush()
    mark = comms.mark()
    telemetry(feed, "A", (T0 + 4000, 4.0), (T0 + 90_000, 5.0))
    feed.flush()
    assert figure_messages(comms, plot, mark) == [
        {
            "type": "extend",
            "n": 1,
            "new": [],
            "index": [0],
            "x": [[T0 + 4000, T0 + 4001, T0 + 90_000]],
            "y": [[4.0, None, 5.0]],
            "keep": [7],
        }
    ]
    assert plot.snapshot()["traces"][0]["y"] == [0.0, 1.0, 2.0, 3.0, 4.0, None, 5.0]
    plot.close()


def test_a_new_series_that_sorts_first_recolours_the_others(kit, feed, comms, utc):  # noqa: F811
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    telemetry(feed, "B", (T0, 1.0))
    feed.flush()
    mark = comms.mark()
    telemetry(feed, "A", (T0, 2.0))
    feed.flush()
    (message,) = figure_messages(comms, plot, mark)
    assert message["colors"] == [PALETTE[1], PALETTE[0]]  # trace order: B (now second), A (first)
    assert [t["color"] for t in message["new"]] == [PALETTE[0]]
    plot.close()


def test_the_live_plot_and_telemetry_figure_draw_the_same_lines(kit, feed):
    from tbkit.store import now_ms
    from tbkit.ui import TelemetryPlot

    hi = kit.add_http_integration("Points", uplink=POINTS)
    base = now_ms() - 120_000
    points = [{"ts": base + i * 1000, "values": {"t": i}} for i in range(5)] + [
        {"ts": base + 100_000, "values": {"t": 9}}
    ]
    for device in ("S2", "S1"):
        body = json.dumps({"device": device, "points": points}).encode()
        assert hi.process(tbkit.Request(body, "application/json")).result.value == "processed"
    plot = TelemetryPlot(kit, feed=feed)
    live = [(t["name"], t["color"], t["y"]) for t in plot.snapshot()["traces"]]
    static = [(t.name, t.line.color, list(t.y)) for t in telemetry_figure(kit.telemetry()).data]
    assert (
        live
        == static
        == [
            ("S1 · t", PALETTE[0], [0.0, 1.0, 2.0, 3.0, 4.0, None, 9.0]),
            ("S2 · t", PALETTE[1], [0.0, 1.0, 2.0, 3.0, 4.0, None, 9.0]),
        ]
    )
    plot.close()
