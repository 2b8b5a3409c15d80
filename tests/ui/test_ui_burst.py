"""The update bound: a burst of 1,000 uplinks becomes a bounded number of widget messages, and the plot
sends only new points, so its bytes per flush do not grow with the series."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import tbkit
from tests.waiting import until

N = 1000
DEVICES = 10


def burst(hi, post, n: int = N) -> None:
    def one(i: int) -> None:
        post(hi, device=f"Sensor {i % DEVICES}", temperature=20 + i % 7)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(n)))


def per_widget(comms, mark, dash) -> Counter:
    names = widget_names(dash)
    return Counter(names.get(comm_id, "other") for comm_id, _ in comms.log[mark:])


def widget_names(dash) -> dict[str, str]:
    names = {w.comm.comm_id: type(w).__name__ for w in dash.widgets if hasattr(w, "comm") and w.comm}
    names[dash.plot.figure.comm.comm_id] = "PlotFigure"
    names[dash.plot.picker.comm.comm_id] = "SelectMultiple"
    return names


def size(data) -> int:
    return len(json.dumps(data, default=str))


def test_a_burst_of_1000_uplinks_is_one_bounded_update_per_widget(kit, hi, feed, comms, post):
    from tbkit.ui import Dashboard

    dash = Dashboard(kit, feed=feed, entity="Sensor 1")
    post(hi, device="Sensor 1")  # every series exists before the burst
    for i in range(DEVICES):
        post(hi, device=f"Sensor {i}")
    feed.flush()
    mark = comms.mark()
    burst(hi, post)
    assert comms.mark() == mark  # nothing is sent between flushes
    feed.flush()
    counts = per_widget(comms, mark, dash)
    names = widget_names(dash)
    sizes: Counter = Counter()
    for comm_id, data in comms.log[mark:]:
        sizes[names.get(comm_id, "other")] += size(data)
    print(f"\n{N} uplinks, one flush: {sum(counts.values())} messages {dict(counts)}, bytes {dict(sizes)}")
    assert counts["UplinkMonitor"] == 2  # counters + the new rows
    assert counts["EventsViewer"] == 1
    assert counts["KitStatus"] == 1
    assert counts["IntegrationPanel"] == 1
    assert counts["AttributeEditor"] <= 1
    assert counts["PlotFigure"] == 1  # one "extend" message with the new points
    assert counts["SelectMultiple"] == 0  # no new series
    assert sum(counts.values()) <= 9
    (extend,) = [data["content"] for comm_id, data in comms.log[mark:] if names.get(comm_id) == "PlotFigure"]
    assert sum(len(x) for x in extend["x"]) == sum(len(y) for y in extend["y"]) == N  # the new points, no more
    assert sizes["PlotFigure"] < 30 * N  # about 21 bytes a point: epoch ms and value
    assert dash.monitor.accepted == N + DEVICES + 1
    dash.close()


def test_with_the_timer_the_message_count_follows_flushes_not_uplinks(comms, post):
    """The real path: the feed flushes on a running event loop every 250 ms while uplinks arrive."""
    from tbkit.ui import Dashboard
    from tbkit.ui.feed import Feed

    kit = tbkit.start(db=":memory:", in_thread=True)
    hi = kit.add_http_integration(
        "HTTP",
        uplink=(
            "var d = decodeToJson(payload);\n"
            "return {deviceName: d.deviceName, telemetry: {temperature: d.temperature}};"
        ),
    )

    async def scenario() -> tuple[int, int, float]:
        feed = Feed(kit.store, interval=0.25)
        dash = Dashboard(kit, feed=feed)
        mark = comms.mark()
        started = time.monotonic()
        worker = threading.Thread(target=burst, args=(hi, post))
        worker.start()
        await until(lambda: not worker.is_alive(), "the burst of uplinks to be sent", step=0.05)
        deadline = time.monotonic() + 30  # the last flush, however slow the machine
        while dash.monitor.accepted < N and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        elapsed = time.monotonic() - started
        sent = comms.mark() - mark
        assert dash.monitor.accepted == N
        dash.close()
        feed.close()
        return sent, feed.flushes, elapsed

    try:
        sent, flushes, elapsed = asyncio.run(scenario())
    finally:
        kit.stop()
    print(f"\n{N} uplinks over {elapsed:.1f} s: {flushes} flushes, {sent} widget messages")
    assert flushes <= elapsed / 0.25 + 2
    assert sent <= flushes * 12 + 40  # + the first appearance of every series (traces, picker options)
    assert sent < N / 5


def test_the_plot_sends_the_same_bytes_per_flush_however_long_its_series(kit, hi, feed, comms, post):
    """Steady traffic: 100 uplinks per flush over 10 flushes; the series grow, the messages do not."""
    from tbkit.ui import TelemetryPlot

    plot = TelemetryPlot(kit, feed=feed)
    for i in range(DEVICES):
        post(hi, device=f"Sensor {i}")
    feed.flush()
    sent = []
    for _ in range(10):
        burst(hi, post, 100)
        mark = comms.mark()
        feed.flush()
        messages = [data for comm_id, data in comms.log[mark:] if comm_id == plot.figure.comm.comm_id]
        assert len(messages) == 1
        # 100 points; a gap (a null) may come first where the pause between bursts was long
        assert sum(y is not None for ys in messages[0]["content"]["y"] for y in ys) == 100
        sent.append(size(messages[0]))
    assert sum(v is not None for _, v in plot.series[("Sensor 0", "temperature")]) == 101
    print(f"\nplot bytes per flush of 100 new points, series growing to 101 points: {sent}")
    assert abs(sent[9] - sent[1]) <= 0.02 * sent[1]  # only the "keep" counts grow a digit
    assert max(sent) < 30 * 100
    plot.close()
