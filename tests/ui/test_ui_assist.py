"""The editor's writing help, kernel side: helper table, keys of the last uplink, diagnostics."""

from __future__ import annotations

import json

from tbkit.ui._assist import KEYS_INTERVAL, shape


def test_the_page_gets_the_helper_table_of_the_editors_language(comms):
    import tbkit
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(tbkit.UplinkConverter("return {};", lang="TBEL"))
    names = {h["name"] for h in editor.assist_helpers}
    assert {"parseBytesToInt", "Math.abs", "List.add", "Map.keySet", "Date.now"} <= names
    (entry,) = [h for h in editor.assist_helpers if h["name"] == "parseBytesToInt"]
    assert entry["sig"][-1] == "parseBytesToInt(List|byte[] data, int offset, int length, boolean bigEndian)"
    editor.close()


def test_lint_messages_are_answered_with_diagnostics(hi, comms):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi)
    mark = comms.mark()
    editor._on_custom(editor, {"type": "lint", "seq": 7, "source": "var x = 1;"}, [])
    sent = [m for m in comms.since(mark) if m.get("method") == "custom"]
    assert [m["content"] for m in sent] == [
        {
            "type": "diagnostics",
            "seq": 7,
            "items": [
                {
                    "line": 1,
                    "column": 1,
                    "severity": "warning",
                    "message": "the script can end after this statement without a return: on that path "
                    "ThingsBoard gets no result (undefined) and the message fails",
                }
            ],
        }
    ]
    editor.close()


def test_the_keys_come_from_the_last_uplink_and_follow_new_ones_at_a_bounded_rate(kit, hi, post, feed, monkeypatch):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, feed=feed)
    assert set(editor.assist_keys["payload"]["k"]) == {"deviceName", "deviceType", "temperature", "model"}
    clock = [1000.0]
    monkeypatch.setattr("tbkit.ui._assist.time.monotonic", lambda: clock[0])
    editor.refresh_keys()
    post(hi, device="Real", temperature=7)
    feed.flush()
    device = editor.assist_keys["payload"]["k"]["deviceName"]
    assert device == {"t": "string", "v": '"Sensor T1"'}  # within the interval: not yet
    clock[0] += KEYS_INTERVAL
    post(hi, device="Later", temperature=8)
    feed.flush()  # the next batch after the interval refreshes, from the newest uplink
    assert editor.assist_keys["payload"]["k"]["deviceName"] == {"t": "string", "v": '"Later"'}
    assert editor.assist_keys["metadata"]["k"]["integrationName"] == {"t": "string", "v": '"HTTP"'}
    editor.close()


def test_the_encoder_keys_are_of_msg_and_metadata(hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kind="downlink")
    assert set(editor.assist_keys) == {"msg", "metadata"}
    assert set(editor.assist_keys["msg"]["k"]) == {"firmware"}
    editor.close()


def test_shape_is_bounded_and_keeps_only_previews():
    big = {f"k{i}": {"nested": "x" * 100} for i in range(500)}
    out = shape(big)
    assert len(out["k"]) < 200
    assert out["k"]["k0"]["k"]["nested"]["v"] == json.dumps("x" * 100)[:39] + "…"
    assert shape([[[[[[1]]]]]]) == {
        "t": "list",
        "e": {"t": "list", "e": {"t": "list", "e": {"t": "list", "e": {"t": "list"}}}},
    }
