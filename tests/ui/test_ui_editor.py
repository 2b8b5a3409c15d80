"""ConverterEditor: test panel runs, error lines, Save swaps the running converter atomically."""

from __future__ import annotations

import base64
import json

import pytest

import tbkit

BROKEN = "var data = decodeToJson(payload);\nreturn {deviceName: data.deviceName,,};\n"
RENAMING = (
    "var data = decodeToJson(payload);\n"
    "console.log('decoding', data.deviceName);\n"
    "return {deviceName: 'new-' + data.deviceName, telemetry: {t: data.temperature}};"
)


def test_run_shows_output_and_console_lines_without_touching_the_integration(hi, comms):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.source = RENAMING
    mark = comms.mark()
    editor.run_test()
    assert json.loads(editor.output) == {"deviceName": "new-Sensor T1", "telemetry": {"t": 33}}
    assert editor.logs == ["decoding Sensor T1"]
    assert (editor.error, editor.error_line, editor.status_kind) == ("", 0, "ok")
    assert hi.uplink.source != RENAMING  # Run tests; it does not save
    updates = [m for m in comms.since(mark) if m.get("method") == "update"]
    assert len(updates) == 1 and updates[0]["state"]["logs"] == ["decoding Sensor T1"]
    editor.close()


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("text", "hello"),
        ("hex", "68 65 6c 6c 6f"),
        ("base64", base64.b64encode(b"hello").decode()),
    ],
)
def test_payload_formats_reach_the_decoder_as_the_same_bytes(hi, fmt, text):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.source = "return {deviceName: String.fromCharCode.apply(null, payload)};"
    editor.payload, editor.payload_format, editor.content_type = text, fmt, "application/octet-stream"
    editor.run_test()
    assert json.loads(editor.output) == {"deviceName": "hello"}
    editor.close()


def test_a_runtime_error_names_its_line(hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.source = "var a = 1;\nvar b = null;\nreturn b.deviceName;"
    editor.run_test()
    assert editor.error_line == 3 and "TypeError" in editor.error and editor.status_kind == "error"
    editor.close()


def test_check_marks_the_line_that_does_not_compile_and_clears_it_when_fixed(hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.source = BROKEN
    assert editor.check() is False
    assert editor.error_line == 2 and editor.error_message
    editor.source = RENAMING
    assert editor.check() is True
    assert (editor.error_line, editor.error) == (0, "")
    editor.close()


def test_save_refuses_a_script_that_does_not_compile_and_keeps_the_old_one(kit, hi, post):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kit=kit)
    old = hi.uplink
    editor.source = BROKEN
    assert editor.save() is False
    assert hi.uplink is old and editor.error_line == 2 and "not saved" in editor.status
    assert post(hi).result.value == "processed"
    editor.close()


def test_save_swaps_the_script_so_the_next_request_uses_it_and_persists_it(kit, hi, post, tmp_path):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kit=kit)
    old = hi.uplink
    editor.source = RENAMING
    assert editor.save() is True
    assert hi.uplink is not old and hi.uplink.source == RENAMING and hi.uplink.name == old.name
    assert old._script.closed
    post(hi)
    assert "new-Sensor T1" in set(kit.devices()["name"])
    saved = kit.store.read("SELECT uplink FROM integrations WHERE name = 'HTTP'")[0][0]
    assert json.loads(saved)["configuration"]["decoder"] == RENAMING
    assert editor.saved_source == RENAMING
    editor.close()


def test_last_uplink_fills_the_test_panel_from_the_real_request(kit, hi, post):
    from tbkit.ui import ConverterEditor

    post(hi, device="Real", temperature=7)
    editor = ConverterEditor(hi)
    assert editor.load_last_uplink() is True
    assert json.loads(editor.payload)["deviceName"] == "Real"
    assert json.loads(editor.metadata)["integrationName"] == "HTTP"
    assert editor.payload_format == "json"
    editor.run_test()
    assert json.loads(editor.output)["deviceName"] == "Real"
    editor.close()


def test_the_front_end_buttons_arrive_as_custom_messages(hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.source = BROKEN
    editor._on_custom(editor, {"type": "run"}, [])
    assert editor.error_line == 2
    editor.close()


def test_downlink_encoder_is_tested_with_msg_metadata_and_type(hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kind="downlink")
    editor.run_test()
    assert json.loads(editor.output) == {"contentType": "JSON", "data": '{"firmware":"01052020.v1.2"}', "metadata": {}}
    editor.close()


def test_a_bare_converter_is_edited_and_swapped_in_the_editor(make_converter):
    from tbkit.ui import ConverterEditor

    conv = make_converter("return {deviceName: 'a'};")
    editor = ConverterEditor(conv)
    editor.source = "return {deviceName: 'b'};"
    assert editor.save() is True
    assert editor.converter.test(b"") == {"deviceName": "b"}
    editor.converter.close()
    editor.close()


def test_an_integration_without_a_downlink_converter_is_refused(kit):
    from tbkit.ui import ConverterEditor

    only_up = kit.add_http_integration("Up", uplink="return {deviceName: 'x'};")
    with pytest.raises(ValueError, match="no downlink converter"):
        ConverterEditor(only_up, kind="downlink")


def test_kit_update_integration_refuses_an_integration_it_does_not_serve(kit, hi, store):
    stray = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter("return {deviceName: 'x'};"))
    try:
        with pytest.raises(KeyError):
            kit.update_integration(stray)
    finally:
        stray.close()


SPIN = "var end = Date.now() + 2000; while (Date.now() < end) {} return {deviceName: 'old'};"


def test_a_call_running_during_save_finishes_on_the_old_converter_which_then_closes(kit):
    """No timer: the replaced converter is closed, its running call finishes, then its context is freed."""
    import threading
    import time

    from tbkit.ui import ConverterEditor

    slow = kit.add_http_integration("Slow", uplink=tbkit.UplinkConverter(SPIN, timeout=30))
    old = slow.uplink
    context = old._script._slot  # the old converter's V8 context and the calls running in it
    editor = ConverterEditor(slow, kit=kit)
    results: list[tbkit.DecodeRun] = []
    worker = threading.Thread(target=lambda: results.append(old.run(b"{}")))
    worker.start()
    deadline = time.monotonic() + 30
    while context.calls == 0:  # wait for the call to be running (a condition, not a delay)
        assert worker.is_alive() and time.monotonic() < deadline, "the call never started"
        time.sleep(0.005)
    editor.source = "return {deviceName: 'new'};"
    assert editor.save() is True
    assert slow.uplink is not old and slow.uplink.test(b"{}") == {"deviceName": "new"}
    assert old.closed and not context.freed  # closed to new calls; the running one still holds it (2 s spin)
    assert not any(isinstance(t, threading.Timer) for t in threading.enumerate())
    worker.join(60)
    assert [(r.output, r.error) for r in results] == [({"deviceName": "old"}, None)]
    assert context.freed and context.calls == 0
    editor.close()


def test_a_replaced_converter_with_no_call_running_closes_at_once(kit, hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kit=kit)
    old = hi.uplink
    editor.source = RENAMING
    assert editor.save() is True
    assert old.closed
    editor.close()


def test_a_press_carries_the_page_state_so_a_held_back_update_cannot_make_it_run_the_old_script(hi, comms):
    """ipywidgets holds the page's state updates while the kernel is busy but sends a press at once."""
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    mark = comms.mark()
    page = {
        "source": RENAMING,
        "payload": '{"deviceName": "From page", "temperature": 5}',
        "payload_format": "json",
        "content_type": "application/json",
        "metadata": '{"k": "v"}',
        "msg_type": "ATTRIBUTES_UPDATED",
        "integration_metadata": "{}",
    }
    editor._on_custom(editor, {"type": "run", "state": page}, [])
    assert json.loads(editor.output) == {"deviceName": "new-From page", "telemetry": {"t": 5}}
    assert (editor.source, editor.metadata) == (RENAMING, '{"k": "v"}')
    sent = [m["state"] for m in comms.since(mark) if m.get("method") == "update"]
    assert sent and all(not {"source", "payload", "metadata"} & set(state) for state in sent)  # not echoed back
    editor._on_custom(editor, {"type": "check", "state": {"source": BROKEN, "payload_format": "<b>"}}, [])
    assert (editor.error_line, editor.payload_format) == (2, "json")  # an unknown format is not taken
    editor.close()


def test_saved_source_is_the_running_script_and_an_edit_clears_the_save_status(kit, hi, post):
    """The page shows "saved" only while its text equals ``saved_source``: Save sets it, an edit back
    to the old text does not change it, and each edit's check clears the last action's status."""
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kit=kit)
    original = hi.uplink.source
    assert editor.saved_source == original
    editor.source = original.replace("return {", "oops();\nreturn {")
    assert editor.save() is True
    assert (editor.saved_source, editor.status) == (editor.source, "saved: the next request uses it")
    editor.source = original  # oops() deleted again: not what runs
    assert editor.check() is True
    assert (editor.saved_source, editor.status, editor.status_kind) == (hi.uplink.source, "", "")
    assert "oops();" in editor.saved_source
    assert post(hi).status == 400  # the saved script still runs: ReferenceError
    assert editor.save() is True
    assert editor.saved_source == original and post(hi).status == 204
    editor.close()


def test_saved_source_follows_a_save_made_elsewhere(kit, hi):
    from tbkit.ui import ConverterEditor

    first, second = ConverterEditor(hi, kit=kit), ConverterEditor(hi, kit=kit)
    first.source = hi.uplink.source + "\n// changed"
    assert first.save() is True
    assert second.saved_source != hi.uplink.source
    second.source = second.source + " "
    second.check()  # an edit in the second editor
    assert second.saved_source == hi.uplink.source
    first.close()
    second.close()


def test_last_uplink_clears_the_previous_input_error(kit, hi, post):
    from tbkit.ui import ConverterEditor

    post(hi)
    editor = ConverterEditor(hi, kit=kit)
    editor.payload = "{not json"
    editor.run_test()
    assert editor.error.startswith("payload is not valid JSON")
    assert editor.load_last_uplink() is True
    assert (editor.error, editor.output, editor.status) == ("", "", "loaded the last uplink")
    editor.close()


@pytest.mark.parametrize(
    ("fmt", "expects"),
    [("hex", "pairs of hex digits, such as 01 0a ff"), ("base64", "base64, such as AQr/")],
)
def test_a_payload_not_in_its_format_says_what_the_format_expects(hi, fmt, expects):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    editor.payload_format = fmt  # the JSON text is still there
    editor.run_test()
    assert (editor.status, editor.error) == (
        "input refused",
        f"the payload is not {fmt.upper()}: the payload type {fmt.upper()} expects {expects} "
        "(change the payload type to convert the payload)",
    )
    editor.close()
