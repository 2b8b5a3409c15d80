"""UplinkMonitor: rows and counters from the change feed, one batched update per flush."""

from __future__ import annotations

import json


def custom(messages):
    return [m["content"] for m in messages if m.get("method") == "custom"]


def test_monitor_shows_accepted_and_failed_uplinks_newest_first(kit, hi, feed, comms, post):
    from tbkit.ui import UplinkMonitor

    monitor = UplinkMonitor(kit, feed=feed)
    post(hi, device="T1", temperature=21)
    post(hi, b"not json", "application/json")
    post(hi, device="T2", temperature=22)
    mark = comms.mark()
    feed.flush()
    sent = comms.since(mark)
    rows = custom(sent)[0]["rows"]
    assert [(r["device"], r["status"]) for r in rows] == [("T2", "OK"), ("", "BAD_REQUEST"), ("T1", "OK")]
    assert json.loads(rows[0]["output"])["telemetry"] == {"temperature": 22}
    assert rows[1]["error"]
    assert (monitor.accepted, monitor.failed) == (2, 1)
    updates = [m["state"] for m in sent if m.get("method") == "update"]
    assert updates == [{"accepted": 2, "failed": 1}]
    monitor.close()


def test_monitor_renders_device_names_as_data_not_markup(kit, hi, feed, comms, post):
    from tbkit.ui import UplinkMonitor

    monitor = UplinkMonitor(kit, feed=feed)
    post(hi, device="<img src=x onerror=alert(1)>")
    feed.flush()
    # the row carries the name as plain data; monitor.js puts it in a text node
    assert custom(comms.of(monitor))[-1]["rows"][0]["device"] == "<img src=x onerror=alert(1)>"
    monitor.close()


def test_monitor_keeps_a_bounded_window_and_replays_it_to_a_new_view(kit, hi, feed, comms, post):
    from tbkit.ui import UplinkMonitor

    monitor = UplinkMonitor(kit, feed=feed, max_rows=3)
    for i in range(5):
        post(hi, device=f"D{i}")
    feed.flush()
    assert [r["device"] for r in custom(comms.of(monitor))[-1]["rows"]] == ["D4", "D3", "D2"]
    monitor._on_custom(monitor, {"type": "hello"}, [])
    last = custom(comms.of(monitor))[-1]
    assert last["reset"] is True and [r["device"] for r in last["rows"]] == ["D4", "D3", "D2"]
    monitor.close()


def test_monitor_filters_by_integration(kit, hi, feed, comms, post):
    from tbkit.ui import UplinkMonitor

    other = kit.add_http_integration("Other", uplink="return {deviceName: 'O1'};")
    monitor = UplinkMonitor(kit, integration="Other", feed=feed)
    post(hi)
    post(other)
    feed.flush()
    assert [r["device"] for r in custom(comms.of(monitor))[-1]["rows"]] == ["O1"]
    assert (monitor.accepted, monitor.failed) == (1, 0)
    monitor.close()
