"""AttributeEditor, EventsViewer, IntegrationPanel, KitStatus and Dashboard without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import tbkit


def custom(messages):
    return [m["content"] for m in messages if m.get("method") == "custom"]


# -- AttributeEditor ---------------------------------------------------------------------------
def test_saving_a_shared_attribute_queues_a_downlink_the_next_uplink_delivers(kit, hi, feed, post):
    from tbkit.ui import AttributeEditor

    post(hi, device="Sensor T1")
    editor = AttributeEditor(kit, feed=feed)
    assert editor.entity == "Sensor T1" and editor.entities == ["Sensor T1"]
    assert [(a["scope"], a["key"], a["value"]) for a in editor.attributes] == [("CLIENT_SCOPE", "model", '"test"')]
    editor._on_custom(
        editor, {"type": "save", "key": "firmware", "value": "01052020.v1.2", "scope": "SHARED_SCOPE"}, []
    )
    assert ("SHARED_SCOPE", "firmware", '"01052020.v1.2"') in [
        (a["scope"], a["key"], a["value"]) for a in editor.attributes
    ]
    assert [(d["msg_type"], d["status"]) for d in editor.downlinks] == [("ATTRIBUTES_UPDATED", "PENDING")]
    assert editor.status_kind == "ok"
    outcome = post(hi, device="Sensor T1")
    assert outcome.body == b'{"firmware":"01052020.v1.2"}'
    feed.flush()
    assert editor.downlinks[0]["status"] == "DELIVERED" and editor.downlinks[0]["done"]
    editor.close()


def test_typed_values_are_read_as_json_when_they_parse(kit, hi, post):
    from tbkit.ui import AttributeEditor

    post(hi)
    editor = AttributeEditor(kit, entity="Sensor T1")
    editor.save("interval", "30")
    editor.save("on", "true")
    editor.save("name", "plain text")
    values = {a["key"]: a["value"] for a in editor.attributes if a["scope"] == "SHARED_SCOPE"}
    assert values == {"interval": "30", "on": "true", "name": '"plain text"'}
    frame = kit.attributes("Sensor T1", scope="SHARED_SCOPE")
    assert dict(zip(frame["key"], frame["value"], strict=True)) == {"interval": 30, "on": True, "name": "plain text"}
    editor.close()


def test_attribute_editor_refuses_an_unknown_device_and_follows_new_ones(kit, hi, feed, post):
    from tbkit.ui import AttributeEditor

    editor = AttributeEditor(kit, feed=feed)
    assert [editor.entity] == [None]  # (a list: mypy would keep `entity` narrowed to None below)
    assert editor.save("k", "v") is False and editor.status_kind == "error"
    post(hi, device="New")
    feed.flush()
    assert editor.entities == ["New"] and editor.entity == "New"
    editor.entity = "Ghost"
    assert editor.save("k", "v") is False and "Ghost" in editor.status
    editor.close()


# -- EventsViewer ------------------------------------------------------------------------------
def test_events_viewer_backfills_streams_and_filters(kit, hi, feed, comms, post):
    from tbkit.ui import EventsViewer

    post(hi, device="A")
    feed.flush()
    viewer = EventsViewer(kit, feed=feed)
    assert {r["event_type"] for r in viewer.rows} == {"DEBUG_CONVERTER", "DEBUG_INTEGRATION"}
    post(hi, b'"no device"', "application/json")
    feed.flush()
    sent = custom(comms.of(viewer))[-1]["rows"]
    assert {(r["event_type"], r["status"]) for r in sent} == {
        ("DEBUG_CONVERTER", "ERROR"),
        ("DEBUG_INTEGRATION", "ERROR"),
    }
    converter = next(r for r in sent if r["event_type"] == "DEBUG_CONVERTER")
    assert converter["in"] == '"no device"' and converter["error"]
    assert json.loads(converter["metadata"])["integrationName"] == "HTTP"
    viewer.status = "ERROR"
    assert all(r["status"] == "ERROR" for r in viewer.visible_rows()) and len(viewer.visible_rows()) == 2
    viewer.status, viewer.event_type, viewer.text = "", "DEBUG_CONVERTER", '"a"'
    assert [json.loads(str(r["out"]))["deviceName"] for r in viewer.visible_rows()] == ["A"]
    viewer._on_custom(viewer, {"type": "hello"}, [])
    assert custom(comms.of(viewer))[-1]["reset"] is True
    viewer.close()


# -- IntegrationPanel --------------------------------------------------------------------------
def test_panel_shows_url_and_curls_and_switches_the_integration(kit, hi, feed, post):
    from tbkit.ui import IntegrationPanel

    panel = IntegrationPanel(hi, kit=kit, feed=feed)
    assert panel.url == hi.url and hi.url in panel.curls["application/json"]
    assert set(panel.curls) >= {"application/json", "text/plain", "application/octet-stream"}
    panel.enabled = False
    assert hi.enabled is False and post(hi).result.name == "NOT_FOUND"
    saved = kit.store.read("SELECT enabled FROM integrations WHERE name = 'HTTP'")[0][0]
    assert saved == 0
    panel.enabled = True
    panel.headers = [{"name": "X-Api-Key", "value": "s3cret"}]
    panel.security_enabled = True
    assert hi.security_headers == {"X-Api-Key": "s3cret"}
    assert "X-Api-Key: s3cret" in panel.curls["application/json"]
    assert post(hi).result.name == "FORBIDDEN"
    panel.security_enabled = False
    assert hi.security_headers == {} and post(hi).result.name == "PROCESSED"
    feed.flush()
    assert (panel.processed, panel.errors) == (1, 1)
    panel.close()


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_every_panel_curl_sends_its_sample_byte_for_byte(kit, hi, feed):
    from tbkit.ui import IntegrationPanel
    from tbkit.ui.panel import SAMPLES

    panel = IntegrationPanel(hi, kit=kit, feed=feed)
    for command in panel.curls.values():
        done = subprocess.run(["sh", "-c", command], capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
    sent = [(r["content_type"], bytes(r["body"])) for r in kit.uplinks().to_dict("records")]
    assert sent == [(ct, body if isinstance(body, bytes) else body.encode()) for ct, body in SAMPLES.items()]
    assert sent[2] == ("application/octet-stream", b"\x01\x02\x03")  # three bytes, not 12 characters
    panel.close()


# -- KitStatus and Dashboard -------------------------------------------------------------------
def test_status_counts_devices_uplinks_and_errors(kit, hi, feed, post):
    from tbkit.ui import KitStatus

    status = KitStatus(kit, feed=feed)
    assert (status.url, status.devices, status.uplinks, status.errors) == (kit.base_url, 0, 0, 0)
    post(hi, device="A")
    post(hi, b"x", "application/json")
    feed.flush()
    assert (status.devices, status.uplinks, status.errors, status.integrations) == (1, 1, 1, ["HTTP"])
    assert status.js_engine == "remote"
    status.close()


def test_status_names_the_js_engine_of_a_local_kit(tmp_path):
    from tbkit.ui import KitStatus

    kit = tbkit.start(db=str(tmp_path / "local.db"), in_thread=True, js_engine="local")
    try:
        status = KitStatus(kit)
        assert status.js_engine == "local"
        status.close()
    finally:
        kit.stop()


def test_dashboard_holds_every_widget_and_closes_them(kit, hi, feed):
    from tbkit.ui import Dashboard

    dash = Dashboard(kit, feed=feed)
    assert [type(w).__name__ for w in dash.widgets] == [
        "KitStatus",
        "UplinkMonitor",
        "TelemetryPlot",
        "ConverterEditor",
        "ConverterEditor",
        "AttributeEditor",
        "EventsViewer",
        "IntegrationPanel",
    ]
    assert dash.decoder.kind == "uplink" and dash.encoder.kind == "downlink"
    assert feed.listeners == 8  # the two converter editors follow new uplinks for their completion keys
    dash.close()
    assert feed.listeners == 0


def test_dashboard_without_integrations_says_so(kit, feed):
    from tbkit.ui import Dashboard

    dash = Dashboard(kit, feed=feed)
    assert "no uplink converter" in dash.decoder.value
    dash.close()
    with pytest.raises(KeyError):
        Dashboard(kit, integration="nope", feed=feed)


def test_import_tbkit_loads_no_jupyter_code():
    code = (
        "import sys, tbkit; bad = [m for m in ('tbkit.ui', 'ipywidgets', 'anywidget', 'plotly', 'IPython')"
        " if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
