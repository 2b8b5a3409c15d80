"""TelemetryPlot: traces per device and key, bounded windows, each flush sends only the new points."""

from __future__ import annotations

import contextlib
import json
import os
import time

import pytest

from tbkit.plots import PALETTE
from tbkit.store.changes import TelemetrySaved
from tbkit.store.ops import Entity

BLUE, ORANGE = PALETTE[0], PALETTE[1]

MINUTE = 60_000
T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z


def figure_messages(comms, plot, mark=0):
    """The custom messages the plot's figure sent since ``mark``."""
    return [
        data["content"]
        for comm_id, data in comms.log[mark:]
        if comm_id == plot.figure.comm.comm_id and data.get("method") == "custom"
    ]


def stored(kit, device):
    """The device's temperature points as the store has them: ([ts ms], [value])."""
    frame = kit.telemetry(device)
    return [int(ts.value // 1_000_000) for ts in frame["ts"]], [float(v) for v in frame["value"]]


def telemetry(feed, device, *points, key="t"):
    """Queue one commit of telemetry, as the store would: points are (ts, value)."""
    entity = Entity(1, "DEVICE", device, "default")
    feed._on_changes([TelemetrySaved(entity, [(ts, key, value) for ts, value in points])])


def hello(plot):
    """What the page sends when a view renders, as the comm hands it to the widget."""
    plot.figure.comm.handler({"content": {"data": {"method": "custom", "content": {"type": "hello"}}}, "buffers": []})


@contextlib.contextmanager
def zone(name):
    """The process's local time zone set to ``name`` for a while."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


@pytest.fixture
def utc():
    """Local time is UTC, so x values equal the stored timestamps."""
    with zone("UTC"):
        yield


def test_plot_grows_one_trace_per_device_and_key(kit, hi, feed, comms, post, utc):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    post(hi, device="A", temperature=1)
    post(hi, device="b<b>B</b>", temperature=2)
    mark = comms.mark()
    feed.flush()
    (a1,), _ = stored(kit, "A")
    (b1,), _ = stored(kit, "b<b>B</b>")
    assert figure_messages(comms, plot, mark) == [
        {
            "type": "extend",
            "n": 0,
            "index": [],
            "x": [],
            "y": [],
            "keep": [],
            "new": [
                {"name": "A · temperature", "x": [a1], "y": [1.0], "visible": True, "color": BLUE},
                {
                    "name": "b&lt;b&gt;B&lt;/b&gt; · temperature",
                    "x": [b1],
                    "y": [2.0],
                    "visible": True,
                    "color": ORANGE,
                },
            ],
        }
    ]
    post(hi, device="A", temperature=3)
    mark = comms.mark()
    feed.flush()
    (_, a2), _ = stored(kit, "A")
    # one message, with only the new point of the only trace that changed
    assert figure_messages(comms, plot, mark) == [
        {"type": "extend", "n": 2, "new": [], "index": [0], "x": [[a2]], "y": [[3.0]], "keep": [2]}
    ]
    assert plot.snapshot() == {
        "type": "snapshot",
        "traces": [
            {"name": "A · temperature", "x": [a1, a2], "y": [1.0, 3.0], "visible": True, "color": BLUE},
            {"name": "b&lt;b&gt;B&lt;/b&gt; · temperature", "x": [b1], "y": [2.0], "visible": True, "color": ORANGE},
        ],
    }
    plot.close()


def test_a_rendering_view_gets_the_whole_window_as_a_snapshot(kit, hi, feed, comms, post, utc):
    from tbkit.ui import TelemetryPlot

    post(hi, device="A", temperature=1)
    plot = TelemetryPlot(kit, feed=feed)
    post(hi, device="A", temperature=2)
    feed.flush()
    mark = comms.mark()
    hello(plot)  # first display, a re-display or a page reload
    xs, ys = stored(kit, "A")
    assert figure_messages(comms, plot, mark) == [
        {"type": "snapshot", "traces": [{"name": "A · temperature", "x": xs, "y": ys, "visible": True, "color": BLUE}]}
    ]
    assert ys == [1.0, 2.0]
    plot.close()


def test_plot_backfills_the_window_and_filters_entity_and_keys(kit, hi, feed, comms, post, utc):
    from tbkit.ui import TelemetryPlot

    post(hi, device="A", temperature=1)
    post(hi, device="B", temperature=2)
    plot = TelemetryPlot(kit, entity="B", keys=["temperature"], feed=feed)
    xs, _ = stored(kit, "B")
    assert plot.snapshot()["traces"] == [
        {"name": "B · temperature", "x": xs, "y": [2.0], "visible": True, "color": BLUE}
    ]
    assert figure_messages(comms, plot) == []  # nothing is sent before a view asks
    post(hi, device="A", temperature=5)
    feed.flush()
    assert [t["name"] for t in plot.snapshot()["traces"]] == ["B · temperature"]
    assert figure_messages(comms, plot) == []
    plot.close()


def test_plot_windows_are_bounded_and_the_page_keeps_the_same_points(kit, feed, comms, utc):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed, max_points=5)
    telemetry(feed, "A", *[(T0 + i, float(i)) for i in range(3)])
    feed.flush()
    mark = comms.mark()
    telemetry(feed, "A", *[(T0 + i, float(i)) for i in range(3, 12)])
    feed.flush()
    # of 9 new points only the 5 that stay are sent, and the page keeps 5
    assert figure_messages(comms, plot, mark) == [
        {
            "type": "extend",
            "n": 1,
            "new": [],
            "index": [0],
            "x": [[T0 + i for i in range(7, 12)]],
            "y": [[7.0, 8.0, 9.0, 10.0, 11.0]],
            "keep": [5],
        }
    ]
    assert plot.snapshot()["traces"][0]["y"] == [7.0, 8.0, 9.0, 10.0, 11.0]
    plot.close()


def test_points_older_than_the_window_leave_the_page_too(kit, feed, comms, utc):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed, window=600)
    telemetry(feed, "A", (T0, 1.0), (T0 + 5 * MINUTE, 2.0))
    telemetry(feed, "B", (T0 + 6 * MINUTE, 3.0))
    feed.flush()
    mark = comms.mark()
    telemetry(feed, "B", (T0 + 12 * MINUTE, 4.0))
    feed.flush()
    # A gets no point but drops its first one (older than 10 minutes before B's newest)
    assert figure_messages(comms, plot, mark) == [
        {
            "type": "extend",
            "n": 2,
            "new": [],
            "index": [0, 1],
            "x": [[], [T0 + 12 * MINUTE]],
            "y": [[], [4.0]],
            "keep": [1, 2],
        }
    ]
    assert plot.snapshot()["traces"] == [
        {"name": "A · t", "x": [T0 + 5 * MINUTE], "y": [2.0], "visible": True, "color": BLUE},
        {"name": "B · t", "x": [T0 + 6 * MINUTE, T0 + 12 * MINUTE], "y": [3.0, 4.0], "visible": True, "color": ORANGE},
    ]
    plot.close()


def test_the_time_axis_is_the_kernels_local_wall_clock():
    from tbkit.ui.plot import wall_ms

    july = T0 + 181 * 24 * 60 * MINUTE
    with zone("Europe/Berlin"):
        assert (wall_ms(T0), wall_ms(july)) == (T0 + 60 * MINUTE, july + 120 * MINUTE)  # CET, then CEST
    with zone("UTC"):
        assert (wall_ms(T0), wall_ms(july)) == (T0, july)


def test_picking_series_hides_the_others(kit, hi, feed, comms, post, utc):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    post(hi, device="A", temperature=1)
    post(hi, device="B", temperature=2)
    feed.flush()
    mark = comms.mark()
    plot.select(("B", "temperature"))
    assert figure_messages(comms, plot, mark) == [{"type": "visible", "visible": [False, True]}]
    post(hi, device="A", temperature=9)
    feed.flush()
    # a hidden trace still gets its new points (they are few), so showing it again sends no data
    (_, a2), _ = stored(kit, "A")
    assert figure_messages(comms, plot, mark)[1:] == [
        {"type": "extend", "n": 2, "new": [], "index": [0], "x": [[a2]], "y": [[9.0]], "keep": [2]}
    ]
    assert [(t["y"], t["visible"]) for t in plot.snapshot()["traces"]] == [([1.0, 9.0], False), ([2.0], True)]
    mark = comms.mark()
    plot.select()
    assert figure_messages(comms, plot, mark) == [{"type": "visible", "visible": [True, True]}]
    plot.close()


def test_plotly_js_is_sent_once_per_kernel_not_with_each_plot(kit, feed, comms):
    from tbkit.ui import TelemetryPlot
    from tbkit.ui._plotlyjs import PLOTLY_MIN_JS, plotly_js

    first, second = TelemetryPlot(kit, feed=feed), TelemetryPlot(kit, feed=feed)
    assert first.figure.plotly is second.figure.plotly is plotly_js()
    assert plotly_js().source == PLOTLY_MIN_JS.read_bytes()
    assert first.figure.get_state()["plotly"] == f"IPY_MODEL_{plotly_js().model_id}"
    for plot in (first, second):  # each figure's own state is small: its ESM and a reference
        assert len(json.dumps(plot.figure.comm.open_data, default=str)) < 20_000
        plot.close()
