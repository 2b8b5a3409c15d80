"""The SQLite store: WAL, schema versions, grouped commits, events, durability."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from tbkit.errors import CreationForbiddenError, StoreError, TbkitError
from tbkit.models import ConvertedData, JsonText, TelemetryRecord
from tbkit.store import SCHEMA_VERSION, EventRecord, Store
from tbkit.store.ops import (
    MAX_EVENT_FIELD,
    ensure_entity,
    find_entity,
    put_attributes,
    put_telemetry,
)
from tbkit.store.values import BOOLEAN, DOUBLE, JSON, LONG, STRING, decode_value, encode_value


def insert_entity(name: str):
    def job(conn, context):
        conn.execute(
            "INSERT INTO entities (entity_type, name, type, created_ts) VALUES ('DEVICE', ?, 'default', 0)", (name,)
        )
        context.changes.append(("entity", name))
        return name

    return job


def names(store: Store) -> list[str]:
    return [r[0] for r in store.read("SELECT name FROM entities ORDER BY name")]


def event(i: int, **body) -> EventRecord:
    return EventRecord(
        ts=i, event_type="DEBUG_INTEGRATION", source="INTEGRATION", name="hi", integration="hi", body=body or {"i": i}
    )


# -- files, WAL, schema ---------------------------------------------------------------------------
def test_file_store_uses_wal_and_records_schema_version(tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as store:
        assert store.read("PRAGMA journal_mode") == [("wal",)]
        assert store.read("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert store.integrity_check() == "ok"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        conn.close()


def test_reopening_keeps_rows(tmp_path):
    path = tmp_path / "t.db"
    with Store(path) as store:
        assert store.call(insert_entity("A")) == "A"
        store.call(insert_entity("B"))
    with Store(path) as store:
        assert names(store) == ["A", "B"]
        assert store.read("PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_newer_schema_version_is_refused(tmp_path):
    path = tmp_path / "t.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert isinstance(info.value, TbkitError)
    assert str(SCHEMA_VERSION + 1) in str(info.value)


def test_memory_store(store):
    assert store.read("SELECT COUNT(*) FROM entities") == [(0,)]
    assert store.read("PRAGMA user_version") == [(SCHEMA_VERSION,)]
    store.call(insert_entity("M"))
    assert names(store) == ["M"]
    assert store.integrity_check() == "ok"


def test_memory_stores_are_separate():
    a, b = Store(":memory:"), Store(":memory:")
    try:
        a.call(insert_entity("only-a"))
        assert names(a) == ["only-a"]
        assert names(b) == []
    finally:
        a.close()
        b.close()


def test_bad_durability_rejected():
    with pytest.raises(ValueError):
        Store(":memory:", durability="sometimes")


def test_closed_store_refuses_jobs():
    store = Store(":memory:")
    store.close()
    with pytest.raises(RuntimeError):
        store.call(insert_entity("late"))


# -- grouped commits ------------------------------------------------------------------------------
def test_failing_job_rolls_back_alone_within_its_group(store):
    groups: list[list] = []
    store.subscribe(lambda changes: groups.append(list(changes)))
    gate, started = threading.Event(), threading.Event()

    def blocker(conn, context):
        started.set()
        gate.wait(5)
        context.changes.append(("blocker",))

    def failing(conn, context):
        conn.execute("INSERT INTO entities (entity_type, name, type, created_ts) VALUES ('DEVICE', 'bad', 't', 0)")
        context.changes.append(("entity", "bad"))
        raise RuntimeError("job failed")

    first = store.submit(blocker)
    assert started.wait(5)
    futures = [
        store.submit(insert_entity("j1")),
        store.submit(insert_entity("j2")),
        store.submit(failing),
        store.submit(insert_entity("j3")),
    ]
    gate.set()
    first.result(5)
    assert [f.result(5) for i, f in enumerate(futures) if i != 2] == ["j1", "j2", "j3"]
    with pytest.raises(RuntimeError, match="job failed"):
        futures[2].result(5)
    assert names(store) == ["j1", "j2", "j3"]
    assert groups == [[("blocker",)], [("entity", "j1"), ("entity", "j2"), ("entity", "j3")]]


def test_call_raises_the_job_error_and_store_keeps_working(store):
    def boom(conn, changes):
        raise ValueError("nope")

    with pytest.raises(ValueError, match="nope"):
        store.call(boom)
    store.call(insert_entity("after"))
    assert names(store) == ["after"]


def test_subscribe_and_unsubscribe(store):
    seen: list[list] = []
    unsubscribe = store.subscribe(seen.append)
    store.call(insert_entity("a"))
    store.call(lambda conn, changes: None)  # no changes: no callback
    unsubscribe()
    store.call(insert_entity("b"))
    assert seen == [[("entity", "a")]]


@pytest.mark.error_logs(r"store subscriber .* failed")
def test_broken_subscriber_does_not_stop_writer(store):
    def broken(changes):
        raise RuntimeError("subscriber bug")

    store.subscribe(broken)
    store.call(insert_entity("x"))
    store.call(insert_entity("y"))
    assert names(store) == ["x", "y"]


# -- the writer survives any exception --------------------------------------------------------------
def with_event(name: str, **body):
    """A job inserting entity ``name`` and recording one event with ``body``."""

    def job(conn, context):
        insert_entity(name)(conn, context)
        context.add_events([event(1, **body)])
        return name

    return job


def written(store, job):
    """``store.call(job)`` with a deadline: a writer that died fails the test instead of hanging it."""
    return store.submit(job).result(5)


def held(store: Store):
    """Hold the writer with a job until the returned event is set: jobs queued meanwhile form one group."""
    gate, started = threading.Event(), threading.Event()

    def blocker(conn, context):
        started.set()
        gate.wait(5)

    first = store.submit(blocker)
    assert started.wait(5)
    return gate, first


def test_an_event_body_that_is_not_json_fails_its_job_and_the_next_job_is_written(store):
    with pytest.raises(TypeError, match="not JSON serializable"):
        written(store, with_event("bad", value=object()))
    assert written(store, with_event("next", value=1)) == "next"
    assert names(store) == ["next"]
    assert store.read("SELECT body FROM events") == [('{"value": 1}',)]


def test_an_event_that_is_not_json_fails_alone_in_its_commit_group(store):
    seen: list[list] = []
    store.subscribe(lambda changes: seen.append([c for c in changes if isinstance(c, tuple)]))
    gate, first = held(store)
    futures = [store.submit(with_event(n, value=object() if n == "bad" else n)) for n in ("a", "bad", "b")]
    gate.set()
    first.result(5)
    assert [futures[0].result(5), futures[2].result(5)] == ["a", "b"]
    with pytest.raises(TypeError):
        futures[1].result(5)
    assert names(store) == ["a", "b"]
    assert sorted(json.loads(b)["value"] for (b,) in store.read("SELECT body FROM events")) == ["a", "b"]
    assert seen == [[("entity", "a"), ("entity", "b")]]


class Stop(BaseException):
    """Not an Exception: what ``except Exception`` lets through."""


def test_a_job_raising_a_base_exception_fails_alone(store):
    def stops(conn, context):
        insert_entity("stopped")(conn, context)
        raise Stop("stop")

    gate, first = held(store)
    futures = [store.submit(insert_entity("a")), store.submit(stops), store.submit(insert_entity("b"))]
    gate.set()
    first.result(5)
    with pytest.raises(Stop):
        futures[1].result(5)
    assert [futures[0].result(5), futures[2].result(5)] == ["a", "b"]
    assert written(store, insert_entity("later")) == "later"
    assert names(store) == ["a", "b", "later"]


@pytest.mark.error_logs(r"store subscriber .* failed")
def test_a_subscriber_raising_a_base_exception_does_not_stop_the_writer(store):
    def broken(changes):
        raise Stop("subscriber")

    store.subscribe(broken)
    written(store, insert_entity("x"))
    written(store, insert_entity("y"))
    assert names(store) == ["x", "y"]


class FailingCommit(sqlite3.Connection):
    """A connection whose next COMMIT raises a non-sqlite error (a disk or driver failure)."""

    fail_next = False

    def execute(self, sql, *args):
        if sql == "COMMIT" and FailingCommit.fail_next:
            FailingCommit.fail_next = False
            raise OSError("commit failed")
        return super().execute(sql, *args)


def test_a_failed_commit_fails_the_whole_group_and_the_writer_goes_on(tmp_path):
    from tbkit.store.writer import Writer

    path = tmp_path / "w.db"

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, factory=FailingCommit)
        conn.execute("CREATE TABLE IF NOT EXISTS t (x TEXT)")
        return conn

    def insert(x: str):
        return lambda conn, context: conn.execute("INSERT INTO t VALUES (?)", (x,)) and x

    writer = Writer(connect)
    try:
        FailingCommit.fail_next = True
        with pytest.raises(OSError, match="commit failed"):
            written(writer, insert("lost"))
        assert written(writer, insert("kept")) == "kept"
        assert written(writer, lambda conn, context: conn.execute("SELECT x FROM t").fetchall()) == [("kept",)]
    finally:
        writer.close()


# -- events ---------------------------------------------------------------------------------------
def test_events_are_pruned_to_max_events():
    store = Store(":memory:", max_events=10)
    try:
        store.call(lambda conn, changes: store.add_events(conn, [event(i) for i in range(300)], changes))
        rows = store.read("SELECT ts, body FROM events ORDER BY id")
        # pruned in steps of max(1, max_events // 10) so the table never holds more than max_events
        assert rows == [(i, json.dumps({"i": i})) for i in range(291, 300)]
    finally:
        store.close()


def test_event_fields_are_truncated_to_4096_chars(store):
    assert MAX_EVENT_FIELD == 4096
    long_text = "é" * 5000
    store.call(lambda conn, changes: store.add_events(conn, [event(1, message=long_text, n=5, short="ok")], changes))
    (row,) = store.read("SELECT event_type, source, name, integration, status, body FROM events")
    assert row[:5] == ("DEBUG_INTEGRATION", "INTEGRATION", "hi", "hi", None)
    assert json.loads(row[5]) == {"message": "é" * 4096, "n": 5, "short": "ok"}


# -- operations ----------------------------------------------------------------------------------
def test_ensure_entity_creates_once_and_respects_allow_create(store):
    data = ConvertedData("DEVICE", "D1", "Thermo", label="L", customer_name="C", group_name="G")

    def create(conn, changes):
        return ensure_entity(conn, data, "hi", True, 1234)

    entity, created = store.call(create)
    assert created is True
    assert (
        entity.entity_type,
        entity.name,
        entity.type,
        entity.label,
        entity.customer,
        entity.group_name,
        entity.integration,
        entity.created_ts,
    ) == ("DEVICE", "D1", "Thermo", "L", "C", "G", "hi", 1234)
    other = ConvertedData("DEVICE", "D1", "Other", label="X")
    again, created = store.call(lambda conn, changes: ensure_entity(conn, other, "hi", False, 9999))
    assert (again, created) == (entity, False)
    missing = ConvertedData("DEVICE", "D2")
    with pytest.raises(CreationForbiddenError) as info:
        store.call(lambda conn, changes: ensure_entity(conn, missing, "hi", False, 1))
    assert isinstance(info.value, StoreError)
    assert "forbidden" in str(info.value)
    assert store.call(lambda conn, changes: find_entity(conn, "DEVICE", "D2")) is None
    assert store.call(lambda conn, changes: find_entity(conn, "ASSET", "D1")) is None


def test_attributes_and_telemetry_upsert(store):
    entity, _ = store.call(lambda c, ch: ensure_entity(c, ConvertedData("DEVICE", "D"), "hi", True, 1))

    def write(conn, changes):
        put_attributes(conn, entity.id, "CLIENT_SCOPE", {"a": 1, "b": "x"}, 10)
        put_attributes(conn, entity.id, "CLIENT_SCOPE", {"a": 2.5}, 20)
        first = put_telemetry(
            conn, entity.id, [TelemetryRecord(100, {"t": 1}), TelemetryRecord(None, {"u": True})], 50, store.key_cache
        )
        second = put_telemetry(conn, entity.id, [TelemetryRecord(100, {"t": JsonText('{"k":1}')})], 60, store.key_cache)
        return first, second

    first, second = store.call(write)
    assert first == [(100, "t", 1), (50, "u", True)]
    assert second == [(100, "t", '{"k":1}')]
    assert store.read("SELECT scope, key, kind, value, last_update_ts FROM attributes ORDER BY key") == [
        ("CLIENT_SCOPE", "a", DOUBLE, 2.5, 20),
        ("CLIENT_SCOPE", "b", STRING, "x", 10),
    ]
    assert store.read(
        "SELECT k.key, t.ts, t.kind, t.value FROM telemetry t JOIN keys k ON k.id = t.key_id ORDER BY k.key"
    ) == [("t", 100, JSON, '{"k":1}'), ("u", 50, BOOLEAN, 1)]


@pytest.mark.parametrize(
    ("value", "stored", "back"),
    [
        (True, (BOOLEAN, 1), True),
        (False, (BOOLEAN, 0), False),
        (42, (LONG, 42), 42),
        (2.5, (DOUBLE, 2.5), 2.5),
        ("s", (STRING, "s"), "s"),
        (JsonText('{"a":1}'), (JSON, '{"a":1}'), '{"a":1}'),
        ({"a": [1]}, (JSON, '{"a":[1]}'), '{"a":[1]}'),
    ],
)
def test_value_kinds(value, stored, back):
    assert encode_value(value) == stored
    got = decode_value(*stored)
    assert got == back and type(got) is type(back)


# -- durability ------------------------------------------------------------------------------------
def test_committed_row_survives_sigkill(tmp_path):
    path = tmp_path / "durable.db"
    code = textwrap.dedent(
        f"""
        import sys, time
        from tbkit.store import Store
        store = Store({str(path)!r})
        store.call(lambda conn, changes: conn.execute(
            "INSERT INTO entities (entity_type, name, type, created_ts) VALUES ('DEVICE', 'survivor', 't', 0)"))
        sys.stdout.write("committed\\n")
        sys.stdout.flush()
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        line = proc.stdout.readline()
        assert line == "committed\n"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    with Store(path) as store:
        assert names(store) == ["survivor"]
        assert store.integrity_check() == "ok"
