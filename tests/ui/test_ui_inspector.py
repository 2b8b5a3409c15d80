"""The byte inspector in the widgets: the editor's Run sends the grid's data, the monitor inspects a row."""

from __future__ import annotations

import re
from pathlib import Path

import tbkit
from tbkit.converters.inspection_html import PALETTE, TEXT_DARK, TEXT_LIGHT, contrast

CSS = Path(tbkit.__file__).parent / "ui" / "static" / "tbkit.css"
READS_TWO = "var d = decodeToJson(payload);\nvar first = payload[0];\nreturn {deviceName: d.deviceName, telemetry: {t: d.temperature}};"  # noqa: E501


def custom(messages):
    return [m["content"] for m in messages if m.get("method") == "custom"]


def test_every_line_colour_keeps_byte_text_at_4_5_to_1_in_both_themes() -> None:
    for light, dark in PALETTE:
        assert contrast(TEXT_LIGHT, light) >= 4.5, light
        assert contrast(TEXT_DARK, dark) >= 4.5, dark
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_the_widgets_stylesheet_has_the_palette_of_the_notebook_view() -> None:
    css = CSS.read_text("utf-8")
    found_light = re.findall(
        r"\n\.tbkit \.tbkit-rc(\d+),[^{]*\{\s*background: (#[0-9a-f]{6});\s*color: (#[0-9a-f]{6})", css
    )
    found_dark = re.findall(
        r'\nbody\[data-jp-theme-light="false"\] \.tbkit \.tbkit-rc(\d+),[^{]*\{\s*background: (#[0-9a-f]{6});'
        r"\s*color: (#[0-9a-f]{6})",
        css,
    )
    assert [(int(k), bg, fg) for k, bg, fg in found_light] == [(k, p[0], TEXT_LIGHT) for k, p in enumerate(PALETTE)]
    assert [(int(k), bg, fg) for k, bg, fg in found_dark] == [(k, p[1], TEXT_DARK) for k, p in enumerate(PALETTE)]


def test_run_sends_the_inspection_of_the_test_payload_in_one_update(hi, comms):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.source = READS_TWO
    editor.payload = '{"deviceName":"A","temperature":5}'
    mark = comms.mark()
    editor.run_test()
    updates = [m["state"] for m in comms.since(mark) if m.get("method") == "update"]
    assert len(updates) == 1
    view = updates[0]["inspection"]
    size = len(editor.payload)
    assert view["size"] == size and len(view["bytes"]) == size
    assert view["bytes"][0] == [ord("{"), 0, [1, 2], 2, [[1, "decodeToJson(payload)", 1], [2, None, 1]]]
    assert view["lines"] == [[1, "var d = decodeToJson(payload);", 0], [2, "var first = payload[0];", 1]]
    assert view["summary"] == f"{size} of {size} bytes read"
    editor.source = "return {deviceName: 'x',,};"
    editor.run_test()
    assert editor.inspection == {}  # a script that does not compile read nothing
    editor.close()


def test_a_downlink_editor_sends_no_inspection(hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kind="downlink")
    editor.run_test()
    assert editor.inspection == {} and editor.status_kind == "ok"
    editor.close()


def test_selecting_a_monitor_row_inspects_that_recorded_uplink(kit, hi, feed, comms, post):
    from tbkit.ui import UplinkMonitor

    monitor = UplinkMonitor(kit, feed=feed)
    post(hi, device="T1", temperature=21)
    post(hi, b"\x01\x02", "application/octet-stream")  # the seed decoder fails on it: recorded all the same
    post(hi, device="T2", temperature=22)
    feed.flush()
    rows = {r["device"] or r["status"]: r["id"] for r in monitor.rows}
    mark = comms.mark()
    monitor._on_custom(monitor, {"type": "inspect", "id": rows["T1"]}, [])
    reply = custom(comms.since(mark))[-1]
    assert reply["id"] == rows["T1"] and "error" not in reply
    body = b'{"deviceName":"T1","deviceType":"Temperature Sensor","temperature":21,"model":"test"}'  # as recorded
    assert reply["data"]["size"] == len(body)
    assert reply["data"]["summary"] == f"{len(body)} of {len(body)} bytes read"
    bad = next(r for r in monitor.rows if r["status"] != "OK")
    monitor._on_custom(monitor, {"type": "inspect", "id": bad["id"]}, [])
    reply = custom(comms.since(mark))[-1]
    assert reply["data"]["size"] == 2 and "SyntaxError: Unexpected token" in reply["error"]
    monitor._on_custom(monitor, {"type": "inspect", "id": 999}, [])
    assert custom(comms.since(mark))[-1] == {"type": "inspection", "id": 999, "error": "no row 999 in the monitor"}
    monitor.close()
