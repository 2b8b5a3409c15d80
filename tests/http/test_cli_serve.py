"""``python -m tbkit serve`` as a real subprocess: URL on stdout, uplinks durable across SIGKILL,
clean SIGTERM, the warning for a non-loopback bind without security headers."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

import tbkit

URL_LINE = re.compile(
    r"^  (?P<name>.+): (?P<url>http://(?P<host>[^/:]+):(?P<port>\d+)/api/v1/integrations/http/"
    r"(?P<key>[^/\s]+))$"
)
STARTUP_TIMEOUT = 30


class Served:
    """A running ``python -m tbkit serve`` with its output read on threads."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tbkit", "serve", *args],
            cwd=cwd,
            env=env,
            text=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.stdout_lines: queue.Queue[str | None] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self._threads = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout_lines), daemon=True),
            threading.Thread(target=self._collect, args=(self.proc.stderr, self.stderr), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @staticmethod
    def _pump(stream, lines: queue.Queue) -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    @staticmethod
    def _collect(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def wait_for_url(self) -> re.Match[str]:
        """Read stdout until the first integration URL line; return its match."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.stdout_lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.stdout.append(line)
            match = URL_LINE.match(line)
            if match:
                return match
        raise AssertionError(f"no URL line; rc={self.proc.poll()} stdout={self.stdout} stderr={self.stderr}")

    def finish(self, timeout: float = 30) -> int:
        """Wait for exit and drain the output; the exit code."""
        rc = self.proc.wait(timeout)
        for thread in self._threads:
            thread.join(10)
        while True:
            try:
                line = self.stdout_lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.stdout.append(line)
        return rc

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.finish()


@pytest.fixture
def serve(tmp_path):
    """Factory ``serve(*args)``; every process still running at teardown is killed (by its own pid)."""
    started: list[Served] = []

    def factory(*args: str) -> Served:
        served = Served(list(args), tmp_path)
        started.append(served)
        return served

    try:
        yield factory
    finally:
        for served in started:
            served.kill()


@pytest.fixture
def decoder_file(tmp_path, any_content_decoder) -> Path:
    path = tmp_path / "dec.js"
    path.write_text(any_content_decoder, "utf-8")
    return path


def test_serve_help():
    done = subprocess.run(
        [sys.executable, "-m", "tbkit", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )

    assert done.returncode == 0
    assert "--routing-key" in done.stdout
    assert "--uplink" in done.stdout
    assert done.stderr == ""


def _seed_examples(examples, temperatures):
    """The four seed examples with a distinct temperature each, so every uplink is its own row."""
    out = []
    for (name, (body, content_type)), temperature in zip(examples.items(), temperatures, strict=True):
        new_body = body.replace(b'"temperature":33', f'"temperature":{temperature}'.encode())
        new_body = new_body.replace(b"temperature=33", f"temperature={temperature}".encode())
        assert f"{temperature}".encode() in new_body
        out.append((name, new_body, content_type))
    return out


def test_acknowledged_uplinks_survive_sigkill(serve, tmp_path, decoder_file, examples, http_send):
    db = tmp_path / "f.db"
    served = serve("--uplink", str(decoder_file), "--db", str(db), "--port", "0", "--routing-key", "cli-key")
    match = served.wait_for_url()
    assert (match["name"], match["host"], match["key"]) == ("HTTP integration", "127.0.0.1", "cli-key")
    assert int(match["port"]) > 0

    temperatures = [33, 34, 35, 36]
    statuses = []
    for _name, body, content_type in _seed_examples(examples, temperatures):
        statuses.append(http_send(match["url"], body, content_type).status)  # each in its own millisecond
    served.proc.send_signal(signal.SIGKILL)  # right after the last 2xx, no chance to flush anything
    assert served.finish() == -signal.SIGKILL

    assert statuses == [204, 204, 204, 204]
    with tbkit.open(str(db)) as handle:
        telemetry = handle.telemetry()[["entity", "key", "value"]].to_dict("records")
        devices = handle.devices()[["name", "entity_type", "type", "integration"]].to_dict("records")
        attributes = handle.attributes()[["entity", "scope", "key", "value"]].to_dict("records")
    assert telemetry == [{"entity": "Sensor T1", "key": "temperature", "value": t} for t in temperatures]
    assert devices == [
        {"name": "Sensor T1", "entity_type": "DEVICE", "type": "Temperature Sensor", "integration": "HTTP integration"}
    ]
    assert attributes == [{"entity": "Sensor T1", "scope": "CLIENT_SCOPE", "key": "model", "value": "test"}]


def test_restart_on_the_same_store_serves_the_saved_integration(serve, tmp_path, decoder_file, seed_body, http_send):
    db = tmp_path / "f.db"
    first = serve("--uplink", str(decoder_file), "--db", str(db), "--port", "0")
    key = first.wait_for_url()["key"]
    first.proc.send_signal(signal.SIGKILL)
    first.finish()

    second = serve("--db", str(db), "--port", "0")  # no --uplink: the store's integration comes back
    match = second.wait_for_url()

    assert (match["name"], match["key"]) == ("HTTP integration", key)
    assert http_send(match["url"], seed_body).status == 204
    second.proc.send_signal(signal.SIGTERM)
    assert second.finish() == 0


def test_sigterm_stops_cleanly(serve, tmp_path, decoder_file, seed_body, http_send):
    served = serve("--uplink", str(decoder_file), "--db", str(tmp_path / "f.db"), "--port", "0")
    match = served.wait_for_url()
    assert http_send(match["url"], seed_body).status == 204

    served.proc.send_signal(signal.SIGTERM)

    assert served.finish() == 0
    assert "tbkit stopping" in served.stdout
    assert served.stdout[0] == f"tbkit serving http://127.0.0.1:{match['port']} (store {tmp_path / 'f.db'})"
    assert not any("Traceback" in line for line in served.stderr), served.stderr
    # one access line per request on stdout
    assert any(
        re.search(r"POST /api/v1/integrations/http/" + re.escape(match["key"]) + r" 204 ", line)
        for line in served.stdout
    ), served.stdout


def test_sigterm_stops_cleanly_when_quiet(serve, tmp_path, decoder_file, seed_body, http_send):
    served = serve("--uplink", str(decoder_file), "--db", str(tmp_path / "f.db"), "--port", "0", "--quiet")
    match = served.wait_for_url()
    assert http_send(match["url"], seed_body).status == 204

    served.proc.send_signal(signal.SIGTERM)

    assert served.finish() == 0
    assert not any("POST /api" in line for line in served.stdout), served.stdout


def test_all_interfaces_without_header_warns(serve, tmp_path, decoder_file, seed_body, http_send):
    served = serve("--uplink", str(decoder_file), "--db", str(tmp_path / "f.db"), "--port", "0", "--host", "0.0.0.0")
    match = served.wait_for_url()
    port = int(match["port"])
    # only ever connect through loopback
    url = urllib.parse.urlunsplit(("http", f"127.0.0.1:{port}", urllib.parse.urlsplit(match["url"]).path, "", ""))
    assert http_send(url, seed_body).status == 204

    served.proc.send_signal(signal.SIGTERM)

    assert served.finish() == 0
    assert served.stderr == [
        "WARNING: serving on 0.0.0.0 without security headers: anyone who can reach this address can post uplinks. "
        "Add --header NAME=VALUE."
    ]


def test_all_interfaces_with_header_does_not_warn(serve, tmp_path, decoder_file, seed_body, http_send):
    served = serve(
        "--uplink",
        str(decoder_file),
        "--db",
        str(tmp_path / "f.db"),
        "--port",
        "0",
        "--host",
        "0.0.0.0",
        "--header",
        "X-Api-Key=secret",
    )
    match = served.wait_for_url()
    url = f"http://127.0.0.1:{match['port']}/api/v1/integrations/http/{match['key']}"
    assert http_send(url, seed_body).status == 403
    assert http_send(url, seed_body, headers={"X-Api-Key": "secret"}).status == 204

    served.proc.send_signal(signal.SIGTERM)

    assert served.finish() == 0
    assert served.stderr == []


def test_export_json_as_config(serve, tmp_path, kit, seed_decoder, seed_body, http_send):
    kit.add_http_integration("Exported", uplink=seed_decoder, routing_key="exported-key")
    config = tmp_path / "integration.json"
    config.write_text(json.dumps(kit.export("Exported")), "utf-8")

    served = serve("--config", str(config), "--db", str(tmp_path / "cli.db"), "--port", "0")
    match = served.wait_for_url()

    assert (match["name"], match["key"]) == ("Exported", "exported-key")
    assert http_send(match["url"], seed_body).status == 204
    served.proc.send_signal(signal.SIGTERM)
    assert served.finish() == 0


@pytest.mark.parametrize(("option", "kept"), [((), 1), (("--max-uplinks", "0"), 0)])
def test_serve_records_uplinks_unless_max_uplinks_is_zero(
    serve, tmp_path, decoder_file, seed_body, http_send, option, kept
):
    db = tmp_path / "r.db"
    served = serve("--uplink", str(decoder_file), "--db", str(db), "--port", "0", "--quiet", *option)
    assert http_send(served.wait_for_url()["url"], seed_body).status == 204
    served.proc.send_signal(signal.SIGTERM)
    assert served.finish() == 0
    with tbkit.open(str(db)) as handle:
        assert handle.uplinks()["body"].tolist() == [seed_body] * kept
