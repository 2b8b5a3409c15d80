"""Untrusted converter code is stopped or refused with a clear error, within its limit."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import tbkit
from tbkit.models import Request

SEED = (
    "var data = decodeToJson(payload);\n"
    "return {deviceName: data.deviceName, telemetry: {temperature: data.temperature}};"
)
BODY = b'{"deviceName":"Sensor T1","temperature":33}'


@pytest.fixture
def store() -> Iterator[tbkit.Store]:
    with tbkit.Store(":memory:") as opened:
        yield opened


@pytest.mark.parametrize(
    ("source", "kind", "message"),
    [
        (
            "while (true) {}",
            tbkit.ConverterTimeoutError,
            "HTTP Uplink Converter: script exceeded its time limit of 0.3 s and was stopped",
        ),
        (
            "var a = [];\nwhile (true) { a.push(new Array(100000).fill(7)); }",
            tbkit.ConverterMemoryError,
            "HTTP Uplink Converter: script exceeded its memory limit of 32 MiB and was stopped",
        ),
        (
            "function f() { return f() + 1; }\nreturn f();",
            tbkit.ConverterRuntimeError,
            "HTTP Uplink Converter:1:16: RangeError: Maximum call stack size exceeded",
        ),
        (
            "return require('fs').readFileSync('/etc/passwd');",
            tbkit.ConverterRuntimeError,
            "HTTP Uplink Converter:1:1: ReferenceError: require is not defined",
        ),
        (
            "return process.env;",
            tbkit.ConverterRuntimeError,
            "HTTP Uplink Converter:1:1: ReferenceError: process is not defined",
        ),
        (
            "return fetch('http://127.0.0.1:9/');",
            tbkit.ConverterRuntimeError,
            "HTTP Uplink Converter:1:1: ReferenceError: fetch is not defined",
        ),
        (
            "var a = {};\na.self = a;\nreturn a;",
            tbkit.ConverterRuntimeError,
            (
                "HTTP Uplink Converter: the result cannot be converted to JSON: TypeError: "
                "Converting circular structure to JSON"
            ),
        ),
        (
            "return {deviceName: 'x', n: BigInt(1)};",
            tbkit.ConverterRuntimeError,
            (
                "HTTP Uplink Converter: the result cannot be converted to JSON: TypeError: "
                "Do not know how to serialize a BigInt"
            ),
        ),
        (
            "return 'x'.repeat(17 * 1024 * 1024);",
            tbkit.ConverterRuntimeError,
            "HTTP Uplink Converter: the result is 17825794 characters of JSON, over tbkit's limit of 16777216 "
            "(ThingsBoard's own limit is 300,000)",
        ),
    ],
)
def test_hostile_script_is_stopped_with_a_clear_error(source: str, kind: type, message: str) -> None:
    memory = 32 << 20 if "MiB" in message else 256 << 20  # room for the big-output case to get that far
    converter = tbkit.UplinkConverter(source, timeout=0.3 if "time limit" in message else 5.0, max_memory=memory)
    try:
        run = converter.run(BODY)
        assert type(run.error) is kind
        assert str(run.error).split("\n")[0] == message
        # the same converter keeps working for the next call (and fails the same way)
        assert type(converter.run(BODY).error) is kind
    finally:
        converter.close()


def test_dynamic_import_is_refused() -> None:
    converter = tbkit.UplinkConverter("return import('fs');")
    try:
        run = converter.run(BODY)
        assert run.output == {}
        assert isinstance(run.error, tbkit.ConverterOutputError)
    finally:
        converter.close()


def test_breaking_out_of_the_wrapper_still_runs_under_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(tbkit.ConverterCompileError, match="script could not be loaded"):
        tbkit.UplinkConverter("}\nwhile (true) {}\nfunction again() {", timeout=0.3)
    assert time.monotonic() - started < 30  # bounded: the load itself has the time limit


def test_a_converter_is_usable_after_a_timeout(store: tbkit.Store) -> None:
    converter = tbkit.UplinkConverter(
        "var d = decodeToJson(payload);\nif (d.spin) { while (true) {} }\nreturn {deviceName: d.deviceName};",
        timeout=0.3,
    )
    hi = tbkit.Integration(store, "HTTP", converter)
    try:
        assert (
            hi.process(Request(b'{"deviceName":"a","spin":true}', "application/json")).result
            is tbkit.OutcomeKind.BAD_REQUEST
        )
        assert hi.process(Request(b'{"deviceName":"a"}', "application/json")).result is tbkit.OutcomeKind.PROCESSED
    finally:
        hi.close()


def test_repeated_limit_failures_pause_the_converter_when_asked(store: tbkit.Store) -> None:
    converter = tbkit.UplinkConverter("while (true) {}", timeout=0.2)
    hi = tbkit.Integration(store, "HTTP", converter, pause_after_failures=2, pause_seconds=60)
    try:
        outcomes = [hi.process(Request(BODY, "application/json")) for _ in range(3)]
        assert [o.result for o in outcomes] == [tbkit.OutcomeKind.BAD_REQUEST] * 3
        assert "time limit" in (outcomes[1].message or "")
        assert outcomes[2].message is not None
        assert outcomes[2].message.startswith(
            "HTTP Uplink Converter: Script invocation is blocked due to maximum error count (2 time or memory "
            "limit failures in a row); it resumes in"
        )
        errors = store.read(
            "SELECT json_extract(body, '$.error') FROM events WHERE event_type = 'DEBUG_CONVERTER' ORDER BY id"
        )
        assert "blocked due to maximum error count" in errors[-1][0]
    finally:
        hi.close()


def test_pausing_is_off_by_default(store: tbkit.Store) -> None:
    hi = tbkit.Integration(store, "HTTP", tbkit.UplinkConverter("while (true) {}", timeout=0.2))
    try:
        messages = [hi.process(Request(BODY, "application/json")).message or "" for _ in range(4)]
        assert all("time limit" in m for m in messages)
    finally:
        hi.close()


def post(url: str | None, body: bytes = BODY) -> int:
    assert url is not None, "the integration is not served"
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_a_runaway_integration_does_not_stop_the_others(tmp_path: Path) -> None:
    kit = tbkit.start(db=str(tmp_path / "k.db"), in_thread=True)
    try:
        bad = kit.add_http_integration("Bad", uplink=tbkit.UplinkConverter("while (true) {}", timeout=1.0))
        # each uplink carries its own ts: telemetry is keyed by (device, key, ts), as in ThingsBoard, so two
        # uplinks without ts in one millisecond would rightly overwrite each other
        good = kit.add_http_integration(
            "Good",
            uplink=(
                "var d = decodeToJson(payload);\n"
                "return {deviceName: d.deviceName, telemetry: {ts: d.ts, values: {temperature: d.temperature}}};"
            ),
        )
        statuses: list[int] = []
        runaway = threading.Thread(target=lambda: statuses.append(post(bad.url)))
        runaway.start()
        bodies = [
            f'{{"deviceName":"Sensor T1","temperature":{20 + i},"ts":{1_700_000_000_000 + i}}}'.encode()
            for i in range(20)
        ]
        good_statuses = [post(good.url, body) for body in bodies]
        runaway.join(30)
        assert statuses == [400]
        assert good_statuses == [204] * 20
        stored = kit.telemetry(entity="Sensor T1")
        assert [
            (round(ts.timestamp() * 1000), value) for ts, value in zip(stored["ts"], stored["value"], strict=True)
        ] == [(1_700_000_000_000 + i, 20 + i) for i in range(20)]
    finally:
        kit.stop()
