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


def test_a_monitor_made_after_traffic_opens_with_the_recent_uplinks_from_the_store(kit, hi, feed, comms, post):
    from tbkit.ui import UplinkMonitor

    post(hi, device="T1", temperature=21)
    post(hi, b"not json", "application/json")
    post(hi, device="T2", temperature=22)
    monitor = UplinkMonitor(kit, feed=feed)
    monitor._on_custom(monitor, {"type": "hello"}, [])
    rows = custom(comms.of(monitor))[-1]["rows"]
    assert [(r["integration"], r["device"], r["status"]) for r in rows] == [
        ("HTTP", "T2", "OK"),
        ("HTTP", "", "ERROR"),
        ("HTTP", "T1", "OK"),
    ]
    assert json.loads(rows[0]["output"]) == {
        "deviceName": "T2",
        "deviceType": "Temperature Sensor",
        "attributes": {"model": "test"},
        "telemetry": {"temperature": 22},
    }
    assert rows[1]["error"].startswith("body is not valid JSON")
    events = kit.events(event_type="DEBUG_INTEGRATION")
    assert sorted(r["ts"] for r in rows) == sorted(int(t.value // 1_000_000) for t in events["ts"])
    assert (monitor.accepted, monitor.failed) == (2, 1)
    # the feed brings the same commits again (they were queued before the monitor existed): no doubles
    mark = comms.mark()
    feed.flush()
    assert custom(comms.since(mark)) == []
    post(hi, device="T3")
    feed.flush()
    assert [r["device"] for r in custom(comms.since(mark))[-1]["rows"]] == ["T3"]
    monitor.close()


def test_a_monitor_after_a_kernel_restart_reads_the_uplinks_of_the_store_file(tmp_path, comms):
    import tbkit
    from tbkit.ui import UplinkMonitor
    from tbkit.ui.feed import Feed

    seed = "var d = decodeToJson(payload); return {deviceName: d.deviceName, telemetry: {t: d.t}};"
    db = tmp_path / "restart.db"
    first = tbkit.start(db=str(db), in_thread=True)
    try:
        hi = first.add_http_integration("HTTP", uplink=seed)
        for i in range(3):
            assert (
                hi.process(
                    tbkit.Request(json.dumps({"deviceName": f"D{i}", "t": i}).encode(), "application/json")
                ).result.value
                == "processed"
            )
    finally:
        first.stop()
    second = tbkit.start(db=str(db), in_thread=True)
    feed = Feed(second.store, interval=None)
    try:
        monitor = UplinkMonitor(second, feed=feed, max_rows=2)
        monitor._on_custom(monitor, {"type": "hello"}, [])
        assert [r["device"] for r in custom(comms.of(monitor))[-1]["rows"]] == ["D2", "D1"]
        monitor.close()
    finally:
        feed.close()
        second.stop()
