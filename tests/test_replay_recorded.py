"""``Replay.from_integration``, ``Kit.replay`` and ``python -m tbkit replay``: recorded traffic through the current
and a new decoder."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit
from tbkit.frames import ReplayFrame
from tbkit.models import Request
from tbkit.store import Store

CURRENT = "var d = decodeToJson(payload);\nreturn {deviceName: d.n, telemetry: {t: d.t}};"
SCALED = "var d = decodeToJson(payload);\nreturn {deviceName: d.n, telemetry: {t: d.t / 10}};"
STRICT = (
    "var d = decodeToJson(payload);\nif (d.t > 100) { throw new Error('too hot: ' + d.t); }\n"
    "return {deviceName: d.n, telemetry: {t: d.t}};"
)
BODIES = [b'{"n": "A", "t": 10}', b'{"n": "B", "t": 215}', b'{"n": null, "t": 1}']


def record(store: Store) -> None:
    hi = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter(CURRENT))
    try:
        assert [hi.process(Request(b, "application/json")).status for b in BODIES] == [204, 204, 500]
        hi.process(Request(b"", None, query=(("n", "Q"), ("t", "5")), method="GET"))  # a GET's payload: its query
    finally:
        hi.close()


@pytest.fixture
def hi(store: Store) -> Iterator[tbkit.Integration]:
    record(store)
    integration = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter(CURRENT))
    yield integration
    integration.close()


def test_replay_compares_the_current_and_a_new_script(hi: tbkit.Integration, store: Store) -> None:
    before = store.read("SELECT COUNT(*) FROM uplinks")
    replay = ReplayFrame.from_integration(hi, SCALED)
    assert replay.summary() == {"total": 4, "same": 1, "changed": 3, "new_errors": 0, "fixed_errors": 0}
    frame = replay.frame
    assert frame[["device", "changed", "error_after"]].to_dict("records") == [
        {"device": "A", "changed": True, "error_after": None},
        {"device": "B", "changed": True, "error_after": None},
        {"device": None, "changed": False, "error_after": frame["error_after"][2]},
        {"device": "Q", "changed": True, "error_after": None},
    ]
    assert "deviceName" in frame["error_after"][2]
    assert [row[0]["telemetry"][0]["values"]["t"] for row in frame["after"][[0, 1, 3]]] == [1, 21.5, 0.5]
    assert store.read("SELECT COUNT(*) FROM uplinks") == before  # nothing written


def test_replay_counts_new_errors(hi: tbkit.Integration) -> None:
    replay = ReplayFrame.from_integration(hi, STRICT)
    assert replay.summary() == {"total": 4, "same": 3, "changed": 0, "new_errors": 1, "fixed_errors": 0}
    assert replay.frame["error_after"][1] is not None and "too hot: 215" in replay.frame["error_after"][1]


def test_replay_without_a_new_converter_replays_the_current_one(hi: tbkit.Integration) -> None:
    summary = ReplayFrame.from_integration(hi).summary()
    assert summary == {"total": 4, "same": 4, "changed": 0, "new_errors": 0, "fixed_errors": 0}


def test_replay_limit_takes_the_newest(hi: tbkit.Integration) -> None:
    assert ReplayFrame.from_integration(hi, SCALED, limit=2).summary()["total"] == 2
    assert [u.body for u in hi.recorded(limit=2)] == [BODIES[2], b""]


def test_a_runaway_new_converter_is_that_uplinks_error(hi: tbkit.Integration) -> None:
    runaway = tbkit.UplinkConverter(
        "var d = decodeToJson(payload);\nif (d.n == 'B') { while (true) {} }\n"
        "return {deviceName: d.n, telemetry: {t: d.t}};",
        timeout=0.3,
    )
    try:
        replay = ReplayFrame.from_integration(hi, runaway)
    finally:
        runaway.close()
    assert replay.summary() == {"total": 4, "same": 3, "changed": 0, "new_errors": 1, "fixed_errors": 0}
    assert "time limit" in replay.frame["error_after"][1]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tbkit", "replay", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def recorded_db(tmp_path: Path) -> Path:
    db = tmp_path / "r.db"
    kit = tbkit.start(db=str(db), in_thread=True)
    try:
        hi = kit.add_http_integration("HTTP", uplink=CURRENT)
        assert hi.url is not None
        assert [tbkit.send(hi.url, body).status for body in BODIES] == [204, 204, 500]
    finally:
        kit.stop()
    (tmp_path / "scaled.js").write_text(SCALED)
    (tmp_path / "strict.js").write_text(STRICT)
    return db


def test_kit_replay_takes_an_integration_or_its_name_and_gives_a_frame(recorded_db: Path) -> None:
    kit = tbkit.start(db=str(recorded_db), in_thread=True)
    try:
        by_name = kit.replay("HTTP", SCALED)
        by_object = kit.replay(kit.integrations["HTTP"], SCALED, limit=1)
        assert type(by_name) is ReplayFrame
        assert by_name.summary()["changed"] == 2
        assert by_name.frame["device"].tolist() == ["A", "B", None]
        assert by_object.summary() == {"total": 1, "same": 1, "changed": 0, "new_errors": 0, "fixed_errors": 0}
    finally:
        kit.stop()


def test_cli_prints_the_summary_and_differences_and_passes_without_new_errors(recorded_db: Path) -> None:
    done = cli("--db", "r.db", "--integration", "HTTP", "--uplink", "scaled.js", cwd=recorded_db.parent)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == "total=3 same=1 changed=2 new_errors=0 fixed_errors=0"
    assert '-          "t": 215' in lines and '+          "t": 21.5' in lines
    heads = [
        re.sub(r"^(uplink \d+): \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+00:00", r"\1: T", line)
        for line in lines
        if line.startswith("uplink ")
    ]
    assert heads == ["uplink 1: T · A · changed", "uplink 2: T · B · changed"]  # counted from 1


def test_cli_fails_on_new_errors(recorded_db: Path) -> None:
    done = cli("--db", "r.db", "--integration", "HTTP", "--uplink", "strict.js", "--show", "0", cwd=recorded_db.parent)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "total=3 same=2 changed=0 new_errors=1 fixed_errors=0\n",
        "",
    )


def test_cli_input_errors(recorded_db: Path) -> None:
    cwd = recorded_db.parent
    assert (
        cli("--db", "none.db", "--integration", "HTTP", "--uplink", "scaled.js", cwd=cwd).stderr
        == "tbkit: --db none.db: no such store\n"
    )
    unknown = cli("--db", "r.db", "--integration", "X", "--uplink", "scaled.js", cwd=cwd)
    assert (unknown.returncode, unknown.stderr) == (2, "tbkit: --db r.db: no integration named 'X' (saved: 'HTTP')\n")
    missing = cli("--db", "r.db", "--integration", "HTTP", "--uplink", "nope.js", cwd=cwd)
    assert (missing.returncode, missing.stderr) == (2, "tbkit: --uplink nope.js: no such file\n")


def test_cli_takes_the_stores_only_integration_without_integration(recorded_db: Path) -> None:
    done = cli("--db", "r.db", "--uplink", "scaled.js", "--show", "0", cwd=recorded_db.parent)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "total=3 same=1 changed=2 new_errors=0 fixed_errors=0\n",
        "",
    )


def test_cli_asks_which_integration_when_the_store_has_several(recorded_db: Path) -> None:
    kit = tbkit.start(db=str(recorded_db), in_thread=True)
    try:
        kit.add_http_integration("Second", uplink=CURRENT)
    finally:
        kit.stop()
    done = cli("--db", "r.db", "--uplink", "scaled.js", cwd=recorded_db.parent)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "tbkit: --db r.db holds 2 integrations ('HTTP', 'Second'): pick one with --integration NAME\n",
    )
