"""TelemetryPlot: traces per device and key, bounded windows, only changed traces sent."""

from __future__ import annotations


def plot_messages(messages):
    return [m for m in messages if m.get("method") == "update" and any(k.startswith("_py2js") for k in m["state"])]


def test_plot_grows_one_trace_per_device_and_key(kit, hi, feed, comms, post):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    post(hi, device="A", temperature=1)
    post(hi, device="b<b>B</b>", temperature=2)
    feed.flush()
    assert [t.name for t in plot.figure.data] == ["A · temperature", "b&lt;b&gt;B&lt;/b&gt; · temperature"]
    post(hi, device="A", temperature=3)
    mark = comms.mark()
    feed.flush()
    assert list(plot.figure.data[0].y) == [1.0, 3.0]
    assert list(plot.figure.data[1].y) == [2.0]
    assert len(plot.figure.data[0].x[0]) == 23 and "T" in plot.figure.data[0].x[0]  # local ISO time, ms
    sent = plot_messages(comms.since(mark))
    updates = [m["state"]["_py2js_update"] for m in sent if m["state"].get("_py2js_update")]
    assert len(updates) == 1 and updates[0]["style_traces"] == [0]  # only the trace that changed
    plot.close()


def test_plot_backfills_the_window_and_filters_entity_and_keys(kit, hi, feed, post):
    from tbkit.ui import TelemetryPlot

    post(hi, device="A", temperature=1)
    post(hi, device="B", temperature=2)
    plot = TelemetryPlot(kit, entity="B", keys=["temperature"], feed=feed)
    assert [t.name for t in plot.figure.data] == ["B · temperature"]
    post(hi, device="A", temperature=5)
    feed.flush()
    assert [t.name for t in plot.figure.data] == ["B · temperature"]
    plot.close()


def test_plot_windows_are_bounded(kit, hi, feed, post):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed, max_points=5)
    for i in range(12):
        post(hi, device="A", temperature=i)
    feed.flush()
    assert list(plot.figure.data[0].y) == [7.0, 8.0, 9.0, 10.0, 11.0]
    plot.close()


def test_picking_series_hides_the_others(kit, hi, feed, post):
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    post(hi, device="A", temperature=1)
    post(hi, device="B", temperature=2)
    feed.flush()
    plot.select(("B", "temperature"))
    assert [t.visible for t in plot.figure.data] == [False, True]
    post(hi, device="A", temperature=9)
    feed.flush()
    assert list(plot.figure.data[0].y) == [1.0]  # hidden: not sent
    plot.select()
    assert [t.visible for t in plot.figure.data] == [True, True]
    assert list(plot.figure.data[0].y) == [1.0, 9.0]
    plot.close()
