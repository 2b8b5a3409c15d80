"""ConverterEditor's Replay: recorded uplinks through the edited script, before Save (no kernel).

The front end's Replay and Cancel buttons arrive as ``replay`` / ``cancel_replay`` messages; here the
handlers run on a loop of the test's own. What the front end is sent (state, progress, summary,
differences) is asserted as whole values.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime
from typing import Any

import pytest

import tbkit
from tests.seeds import SEED_DECODER
from tests.waiting import until

T2_TIMES_TEN = SEED_DECODER.replace(
    "temperature: data.temperature}",
    "temperature: data.deviceName == 'Sensor T2' ? data.temperature * 10 : data.temperature}",
)
BROKEN = "var data = decodeToJson(payload);\nreturn {deviceName: data.deviceName,,};\n"


def _ms(ts: datetime) -> int:
    return round(ts.timestamp() * 1000)


def _traffic(hi: tbkit.Integration, post: Any) -> None:
    for device, temperature in [("Sensor T1", 20), ("Sensor T2", 21.5), ("Sensor T1", 20.5), ("Sensor T2", 22)]:
        assert post(hi, device=device, temperature=temperature).result.value == "processed"


def test_replay_shows_the_summary_and_the_first_differences_and_saves_nothing(kit, hi, post):
    from tbkit.ui import ConverterEditor

    _traffic(hi, post)
    editor = ConverterEditor(hi, kit=kit)
    old = hi.uplink
    editor.source = T2_TIMES_TEN
    replay = asyncio.run(editor.replay_async())
    assert replay is editor.last_replay and replay is not None
    assert editor.can_replay is True
    assert (editor.replay_state, editor.replay_done, editor.replay_total, editor.replay_message) == (
        "finished",
        4,
        4,
        "",
    )
    assert editor.replay_summary == {"total": 4, "same": 2, "changed": 2, "new_errors": 0, "fixed_errors": 0}
    ts = [_ms(u.ts) for u in hi.recorded()]
    assert editor.replay_diffs == [
        {
            "index": i,
            "ts": ts[i],
            "device": "Sensor T2",
            "verdict": "changed",
            "lines": [
                '         "ts": null,',
                '         "values": {',
                f'-          "temperature": {before}',
                f'+          "temperature": {after}',
                "         }",
                "       }",
            ],
        }
        for i, before, after in [(1, "21.5", "215"), (3, "22", "220")]
    ]
    # nothing saved, nothing written: the running converter and the store are as they were
    assert hi.uplink is old and hi.uplink.source == SEED_DECODER and editor.saved_source == SEED_DECODER
    assert len(kit.uplinks()) == 4
    assert list(kit.telemetry("Sensor T2")["value"]) == [21.5, 22]
    assert old._script.closed is False
    editor.close()


def test_the_replay_button_message_starts_it_on_the_running_loop(kit, hi, post, comms):
    from tbkit.ui import ConverterEditor

    _traffic(hi, post)
    editor = ConverterEditor(hi, kit=kit)
    editor.source = T2_TIMES_TEN

    async def click() -> Any:
        editor._on_custom(editor, {"type": "replay"}, [])
        assert editor.replay_state == "running"  # at once: the replay goes on in the background
        await until(lambda: editor.replay_state != "running", "the replay to finish")
        return editor.last_replay

    replay = asyncio.run(click())
    assert replay.summary()["changed"] == 2 and editor.replay_state == "finished"
    sent = [m["state"] for m in comms.of(editor) if m.get("method") == "update"]
    states = [m["replay_state"] for m in sent if "replay_state" in m]
    assert states == ["running", "finished"]  # only what changed is sent
    assert sent[-1]["replay_summary"] == {"total": 4, "same": 2, "changed": 2, "new_errors": 0, "fixed_errors": 0}
    assert [m["index"] for m in sent[-1]["replay_diffs"]] == [1, 3]
    editor.close()


def test_a_script_that_does_not_compile_is_not_replayed_and_its_line_is_marked(kit, hi, post):
    from tbkit.ui import ConverterEditor

    _traffic(hi, post)
    editor = ConverterEditor(hi, kit=kit)
    editor.source = BROKEN
    assert asyncio.run(editor.replay_async()) is None
    assert editor.last_replay is None
    assert (editor.error_line, editor.status_kind) == (2, "error")
    assert editor.status == "not replayed: line 2 does not compile"
    assert editor.replay_state == "failed"
    assert editor.replay_message.startswith("the script does not compile: HTTP Uplink Converter:2:")
    editor.close()


def test_with_no_recorded_uplinks_the_replay_says_so(kit, hi):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(hi, kit=kit)
    editor.source = T2_TIMES_TEN
    asyncio.run(editor.replay_async())
    assert (editor.replay_state, editor.replay_total, editor.replay_summary["total"]) == ("finished", 0, 0)
    assert editor.replay_message == "no recorded uplinks yet: send some traffic to the integration first"
    editor.close()


def test_only_an_integrations_uplink_converter_can_replay(hi, make_converter):
    from tbkit.ui import ConverterEditor

    encoder = ConverterEditor(hi, kind="downlink")
    bare = ConverterEditor(make_converter("return {deviceName: 'a'};"))
    for editor in (encoder, bare):
        assert editor.can_replay is False
        assert asyncio.run(editor.replay_async()) is None
        assert (
            editor.replay_message == "Replay needs an integration's uplink converter: it replays its recorded uplinks"
        )
        editor.close()


SLOW = SEED_DECODER.replace("var data", "var t0 = Date.now(); while (Date.now() - t0 < 6) {}\nvar data")


@pytest.fixture
def many(kit: tbkit.Kit) -> tbkit.Integration:
    """An integration with 600 recorded uplinks (three replay steps of 256)."""
    from tbkit.replay import REPLAY_STEP

    assert REPLAY_STEP == 256
    hi = kit.add_http_integration("Many", uplink=SEED_DECODER)
    for i in range(600):
        body = json.dumps({"deviceName": f"D{i % 7}", "temperature": i, "model": "m"}).encode()
        assert hi.process(tbkit.Request(body, "application/json")).result.value == "processed"
    return hi


def test_a_long_replay_shows_progress_at_a_bounded_rate_and_can_be_cancelled(kit, many, comms):
    from tbkit.ui import ConverterEditor
    from tbkit.ui._replay_panel import PROGRESS_INTERVAL

    editor = ConverterEditor(many, kit=kit)
    editor.source = SLOW  # about 6 ms an uplink: each step of 256 takes a second or more
    mark = comms.mark()

    async def replay_then_cancel() -> tuple[float, Any]:
        started = time.monotonic()
        running = asyncio.ensure_future(editor.replay_async())
        # the first step's progress reached the front end
        await until(lambda: editor.replay_done > 0, "the first step's progress")
        assert editor.replay_state == "running" and editor.replay_total == 600
        editor._on_custom(editor, {"type": "cancel_replay"}, [])
        replay = await running
        return time.monotonic() - started, replay

    elapsed, replay = asyncio.run(replay_then_cancel())
    assert editor.replay_state == "cancelled" and replay.cancelled
    done = editor.replay_done
    assert done in (256, 512) and editor.replay_total == 600  # stopped after the step running then
    assert editor.replay_summary == {"total": done, "same": done, "changed": 0, "new_errors": 0, "fixed_errors": 0}
    progress = [m["state"] for m in comms.since(mark) if m.get("method") == "update" and "replay_done" in m["state"]]
    assert len(progress) <= elapsed / PROGRESS_INTERVAL + 3  # one update per interval at most, plus start and end
    assert replay.after._script.closed  # the replay's own converter is freed when it stops
    editor.close()


def _while_running(editor: Any, action: Any) -> Any:
    """Start the editor's replay, call ``action()`` once its first step is shown, return the replay."""

    async def run() -> Any:
        running = asyncio.ensure_future(editor.replay_async())
        await until(lambda: editor.replay_done > 0, "the first step's progress")
        action()
        return await running

    return asyncio.run(run())


def test_closing_the_editor_cancels_its_replay(kit, many):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(many, kit=kit)
    editor.source = SLOW
    replay = _while_running(editor, editor.close)
    assert replay.cancelled and replay.done < 600


def test_diffs_are_sent_without_file_headers_and_with_gaps_between_hunks_marked():
    from tbkit.ui._replay_panel import _diff_lines

    unified = [
        "--- before",
        "+++ after",
        "@@ -1,3 +1,3 @@",
        " [",
        '-  "a": 1',
        '+  "a": 2',
        "@@ -20,2 +20,2 @@",
        '-  "z": "x"',
        '+  "z": "y"',
        " ]",
    ]
    assert _diff_lines(unified) == [" [", '-  "a": 1', '+  "a": 2', "…", '-  "z": "x"', '+  "z": "y"', " ]"]


def test_a_tbel_script_that_fails_on_one_device_shows_a_new_error_with_its_line(kit):
    from tbkit.ui import ConverterEditor

    running = "var data = decodeToJson(payload);\nreturn {deviceName: data.deviceName, telemetry: {t: data.t}};"
    hi = kit.add_http_integration("TBEL", uplink=tbkit.UplinkConverter(running, lang="TBEL"))
    for device, t in [("A", 1.5), ("B", 2)]:
        body = json.dumps({"deviceName": device, "t": t}).encode()
        assert hi.process(tbkit.Request(body, "application/json")).result.value == "processed"
    editor = ConverterEditor(hi, kit=kit)
    editor.source = running.replace("payload);\n", "payload);\nif (data.deviceName == 'B') {\n  throw 'no B';\n}\n")
    asyncio.run(editor.replay_async())
    assert editor.replay_summary == {"total": 2, "same": 1, "changed": 0, "new_errors": 1, "fixed_errors": 0}
    [shown] = editor.replay_diffs
    assert (shown["index"], shown["device"], shown["verdict"]) == (1, "B", "new error")
    assert shown["lines"][:3] == ["-[", "-  {", '-    "deviceName": "B",']
    assert shown["lines"][-1].startswith("+error: HTTP Uplink Converter:3:") and shown["lines"][-1].endswith("no B")
    editor.close()


def test_save_during_a_replay_cancels_it_and_the_replay_ends_cleanly(kit, many):
    from tbkit.ui import ConverterEditor

    editor = ConverterEditor(many, kit=kit)
    editor.source = SLOW
    saved: list[bool] = []
    replay = _while_running(editor, lambda: saved.append(editor.save()))
    assert saved == [True]
    assert (editor.replay_state, editor.replay_message) == ("cancelled", "")
    assert replay.cancelled and replay.done < 600 and many.uplink.source == SLOW
    editor.close()


def test_a_compile_error_on_the_replay_line_goes_once_the_script_compiles(kit, hi, post):
    from tbkit.ui import ConverterEditor

    _traffic(hi, post)
    editor = ConverterEditor(hi, kit=kit)
    editor.source = BROKEN
    assert asyncio.run(editor.replay_async()) is None
    assert editor.replay_state == "failed"
    editor.source = T2_TIMES_TEN
    assert editor.check() is True
    assert (editor.replay_state, editor.replay_message, editor.status) == ("", "", "compiles")
    editor.close()


def test_after_save_the_replay_of_the_saved_script_says_it_compared_the_converter_save_replaced(kit, hi, post):
    from tbkit.ui import ConverterEditor

    _traffic(hi, post)
    editor = ConverterEditor(hi, kit=kit)
    editor.source = T2_TIMES_TEN
    asyncio.run(editor.replay_async())
    assert editor.save() is True
    assert editor.replay_message == (
        "4 recorded uplinks replayed before Save; in the diffs - is the converter Save replaced, + the saved script"
    )
    assert editor.replay_summary["changed"] == 2 and len(editor.replay_diffs) == 2  # still shown
    editor.source = SEED_DECODER  # a replay of another script than the one saved next means nothing then
    asyncio.run(editor.replay_async())
    editor.source = T2_TIMES_TEN + "\n"
    assert editor.save() is True
    assert (editor.replay_state, editor.replay_message, editor.replay_summary, editor.replay_diffs) == ("", "", {}, [])
    editor.close()
