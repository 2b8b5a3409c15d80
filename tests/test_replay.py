"""Replay: recorded uplinks through the current and a new converter, compared."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import threading

import pytest

from tbkit.frames import ReplayFrame
from tbkit.payloads import RecordLike
from tbkit.replay import RecordedUplink, Replay, Verdict

BEFORE = (
    "var d = decodeToJson(payload);\nif (d.bad) throw new Error('bad input');\nreturn "
    "{deviceName: d.n, telemetry: {t: d.t}};"
)
AFTER = (
    "var d = decodeToJson(payload);\n"
    "if (d.t > 100) return {telemetry: {t: d.t}};\n"  # new error: no deviceName
    "return {deviceName: d.n, telemetry: {t: d.t >= 50 ? d.t / 10 : d.t}};"
)


def uplink(i: int, t: float, **extra: object) -> dict:
    body = json.dumps({"n": f"S{i}", "t": t, **extra}).encode()
    return {"ts": 1_700_000_000_000 + i, "content_type": "application/json", "metadata": {"i": i}, "body": body}


@pytest.fixture
def pair(make_converter):
    return make_converter(BEFORE), make_converter(AFTER)


def test_summary_counts_each_kind_and_both_failing_is_same(pair):
    ups = [uplink(0, 20), uplink(1, 60), uplink(2, 200), uplink(3, 20, bad=1), uplink(4, 200, bad=1)]
    replay = Replay(ups, *pair)
    assert replay.summary() == {"total": 5, "same": 2, "changed": 1, "new_errors": 1, "fixed_errors": 1}
    assert [replay.verdict(i) for i in range(5)] == [
        Verdict.SAME,
        Verdict.CHANGED,
        Verdict.NEW_ERROR,
        Verdict.FIXED_ERROR,
        Verdict.SAME,
    ]
    assert list(replay.differences()) == [1, 2, 3]


def test_frame_has_one_row_per_uplink(pair):
    replay = ReplayFrame([uplink(0, 20), uplink(1, 60), uplink(2, 200)], *pair)
    entity = {"deviceType": "default", "attributes": {}}
    assert replay.frame.to_dict("records") == [
        {
            "ts": 1_700_000_000_000,
            "device": "S0",
            "changed": False,
            "error_before": None,
            "error_after": None,
            "before": [{"deviceName": "S0", **entity, "telemetry": [{"ts": None, "values": {"t": 20}}]}],
            "after": [{"deviceName": "S0", **entity, "telemetry": [{"ts": None, "values": {"t": 20}}]}],
        },
        {
            "ts": 1_700_000_000_001,
            "device": "S1",
            "changed": True,
            "error_before": None,
            "error_after": None,
            "before": [{"deviceName": "S1", **entity, "telemetry": [{"ts": None, "values": {"t": 60}}]}],
            "after": [{"deviceName": "S1", **entity, "telemetry": [{"ts": None, "values": {"t": 6}}]}],
        },
        {
            "ts": 1_700_000_000_002,
            "device": "S2",
            "changed": True,
            "error_before": None,
            "error_after": "HTTP Uplink Converter: output: Either 'deviceName' or 'assetName' should be present in the "
            "converter output (keys: telemetry)",
            "before": [{"deviceName": "S2", **entity, "telemetry": [{"ts": None, "values": {"t": 200}}]}],
            "after": None,
        },
    ]
    assert list(replay.frame.columns) == ["ts", "device", "before", "after", "changed", "error_before", "error_after"]


def test_key_order_is_not_a_change_but_a_type_is(make_converter):
    a = make_converter("return {deviceName: 'D', telemetry: {x: 1, y: 28}};")
    b = make_converter("return {deviceName: 'D', telemetry: {y: 28, x: 1}};")
    c = make_converter("return {deviceName: 'D', telemetry: {x: 1, y: JSON.rawJSON('28.0')}};")
    ups = [uplink(0, 1)]
    assert Replay(ups, a, b).summary()["same"] == 1
    assert Replay(ups, a, c).summary()["changed"] == 1  # a long became a double


def test_records_as_objects_mappings_or_tuples_and_metadata_per_uplink(make_converter):
    conv = make_converter("return {deviceName: metadata.site + ':' + decodeToString(payload)};")
    ups: list[RecordLike] = [
        RecordedUplink(1, "text/plain", {"site": "A"}, b"x"),
        {"ts": 2, "content_type": None, "metadata": {"site": "B"}, "body": b"y"},
        (3, "application/x-www-form-urlencoded", {"site": "C"}, b"k=v"),
    ]
    replay = ReplayFrame(ups, conv, conv)
    assert replay.frame["device"].tolist() == ["A:x", "B:y", 'C:{"k":"v"}']  # form bodies become JSON text


def test_metadata_values_are_strings_and_equal_looking_values_stay_apart(make_converter):
    conv = make_converter("return {deviceName: metadata.v + '/' + typeof metadata.v};")
    ups = [(i, None, {"v": v}, b"") for i, v in enumerate([1, True, "1", 1.5, None])]
    assert ReplayFrame(ups, conv, conv).frame["device"].tolist() == [
        "1/string",
        "true/string",
        "1/string",
        "1.5/string",
        "null/string",
    ]


def test_scripts_and_thingsboard_json_are_built_and_closed():
    doc = {"name": "new", "type": "UPLINK", "configuration": {"scriptLang": "JS", "decoder": AFTER}}
    replay = Replay([uplink(0, 60)], BEFORE, doc)
    assert replay.summary()["changed"] == 1
    assert replay.before._script.closed and replay.after._script.closed


def test_given_converters_stay_open(pair):
    Replay([uplink(0, 1)], *pair)
    assert not pair[0]._script.closed and not pair[1]._script.closed


def test_progress_is_reported_per_step_and_cancel_stops_between_steps(pair):
    seen: list[tuple[int, int]] = []
    replay = ReplayFrame([uplink(i, i) for i in range(10)], *pair, batch_size=4, run=False)

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 4:
            replay.cancel()

    replay.progress = progress
    replay.run()
    assert seen == [(4, 10)]
    assert (replay.done, replay.cancelled, replay.finished, replay.summary()["total"]) == (4, True, False, 4)
    assert "cancelled" in replay._repr_html_() and "cancelled" in repr(replay)


def test_all_steps_are_reported(pair):
    seen: list[tuple[int, int]] = []
    replay = Replay([uplink(i, i) for i in range(10)], *pair, batch_size=4, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(4, 10), (8, 10), (10, 10)]
    assert replay.finished and replay.summary()["total"] == 10


def test_a_runaway_call_is_that_uplinks_error(make_converter):
    before = make_converter("var d = decodeToJson(payload);\nreturn {deviceName: d.n};")
    after = make_converter(
        "var d = decodeToJson(payload);\nif (d.t === 2) { while (true) {} }\nreturn {deviceName: d.n};", timeout=0.2
    )
    replay = ReplayFrame([uplink(i, i) for i in range(4)], before, after)
    assert replay.summary() == {"total": 4, "same": 3, "changed": 0, "new_errors": 1, "fixed_errors": 0}
    assert replay.frame["error_after"].tolist() == [
        None,
        None,
        "HTTP Uplink Converter: script exceeded its time limit of 0.2 s and was stopped",
        None,
    ]


def test_a_record_that_cannot_be_rebuilt_is_that_uplinks_error_and_the_replay_goes_on(pair):
    broken = {**uplink(1, 20), "metadata": {"note": {"not json": object()}}}
    unsupported = {**uplink(2, 20), "content_type": "application/xml"}
    replay = Replay([uplink(0, 60), broken, unsupported, uplink(3, 60)], *pair)
    assert replay.finished and replay.summary() == {
        "total": 4,
        "same": 2,
        "changed": 2,
        "new_errors": 0,
        "fixed_errors": 0,
    }
    first, second = replay.outcome(1)
    assert first is second and isinstance(first, TypeError)
    assert [str(e) for e in replay.outcome(2)] == [
        "Content-Type 'application/xml' is not supported by the HTTP integration; use application/json, text/plain, "
        "application/octet-stream, application/x-www-form-urlencoded or multipart/form-data"
    ] * 2
    assert [replay.device(0), replay.device(3)] == ["S0", "S3"]


def test_run_async_runs_on_a_worker_thread(pair):
    threads: list[threading.Thread] = []
    replay = Replay(
        [uplink(i, 60) for i in range(3)],
        *pair,
        run=False,
        progress=lambda d, t: threads.append(threading.current_thread()),
    )

    async def main() -> Replay:
        return await replay.run_async()

    assert asyncio.run(main()).summary()["changed"] == 3
    assert threads and threads[0] is not threading.main_thread()


def test_html_shows_the_summary_and_escaped_diffs(make_converter):
    before = make_converter("return {deviceName: '<img src=x onerror=alert(1)>', telemetry: {t: 1}};")
    after = make_converter("return {deviceName: '<img src=x onerror=alert(1)>', telemetry: {t: 2}};")
    page = ReplayFrame([uplink(i, i) for i in range(7)], before, after)._repr_html_()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<th>new errors</th>" in page and "<td>7</td>" in page
    assert page.count("· changed</b>") == 5 and "… and 2 more" in page
    heads = re.findall(r"<b>(uplink \d+): [^<]*</b>", page)
    assert heads == ["uplink 1", "uplink 2", "uplink 3", "uplink 4", "uplink 5"]  # counted from 1
    assert "<span style='color: #cf222e'>-" in page and "<span style='color: #1a7f37'>+" in page


def test_replay_module_loads_no_dataframe_web_or_jupyter_code():
    probe = "import sys, tbkit.replay; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert {"pandas", "tornado", "IPython", "ipywidgets"} & set(eval(loaded.stdout)) == set()
