"""Acknowledged means stored: killing the server or the kernel mid-load loses nothing acknowledged."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import tbkit

# Each uplink carries its own ts: telemetry is keyed by (device, key, ts) as in ThingsBoard, so two uplinks of one
# device without ts in the same millisecond would rightly overwrite each other (see the README's durability section).
DECODER = (
    "var d = decodeToJson(payload);\nreturn {deviceName: d.deviceName, telemetry: {ts: d.ts, values: {seq: d.seq}}};"
)
BASE_TS = 1_700_000_000_000
ENCODER = "return {contentType: 'JSON', data: JSON.stringify(msg)};"
URL_LINE = re.compile(r"^\s+\S.*: (http://127\.0\.0\.1:\d+/api/v1/integrations/http/\S+)$")
CLIENTS, PER_CLIENT = 4, 400


def load(url: str, client: int, acked: list[tuple[str, int]], stop: threading.Event) -> None:
    """Post uplinks until told to stop or the server goes away; remember every 2xx."""
    parts = urlsplit(url)
    assert parts.hostname is not None
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    device = f"D{client}"
    for seq in range(PER_CLIENT):
        if stop.is_set():
            break
        body = json.dumps({"deviceName": device, "seq": seq, "ts": BASE_TS + seq})
        try:
            conn.request("POST", parts.path, body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            break
        if 200 <= response.status < 300:
            acked.append((device, seq))
    conn.close()


def run_load(url: str, kill: Callable[[], None], acked: list[tuple[str, int]]) -> None:
    stop = threading.Event()
    threads = [threading.Thread(target=load, args=(url, c, acked, stop)) for c in range(CLIENTS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(acked) < 300 and time.monotonic() < deadline and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    kill()  # mid-load: the clients are still posting
    stop.set()
    for thread in threads:
        thread.join(30)


def prepare(db: Path) -> None:
    """An integration saved in the store, with a downlink pending for device P."""
    kit = tbkit.start(db=str(db), in_thread=True)
    try:
        kit.add_http_integration("HTTP", uplink=DECODER, downlink=ENCODER, routing_key="crash")
        kit.integrations["HTTP"].process(tbkit.Request(b'{"deviceName": "P", "seq": -1, "ts": 1}', "application/json"))
        kit.save_attributes("P", {"firmware": "v2"})
    finally:
        kit.stop()


def check(db: Path, acked: list[tuple[str, int]]) -> None:
    with tbkit.open(str(db)) as store:
        assert store.store.integrity_check() == "ok"
        rows = store.telemetry(keys="seq")
        stored = {
            (e, int(v))
            for e, v, ts in zip(rows["entity"], rows["value"], rows["ts"], strict=True)
            if round(ts.timestamp() * 1000) == BASE_TS + int(v)
        }
        missing = [pair for pair in acked if pair not in stored]
        assert missing == []
        # the request itself was recorded (for replays) in the same transaction
        bodies = [json.loads(body) for body in store.uplinks()["body"]]
        recorded = {(b["deviceName"], b["seq"]) for b in bodies}
        assert [pair for pair in acked if pair not in recorded] == []
        pending = store.downlinks()[["device", "msg", "status"]].to_dict("records")
        assert pending == [{"device": "P", "msg": {"firmware": "v2"}, "status": "PENDING"}]


def test_sigkill_of_the_server_under_load_loses_no_acknowledged_uplink(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    prepare(db)
    server = subprocess.Popen(
        [sys.executable, "-m", "tbkit", "serve", "--db", str(db), "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        url = None
        for line in server.stdout:  # type: ignore[union-attr]
            match = URL_LINE.match(line.rstrip("\n"))
            if match:
                url = match.group(1)
                break
        assert url is not None and url.endswith("/crash"), server.stderr.read()  # type: ignore[union-attr]
        acked: list[tuple[str, int]] = []
        run_load(url, lambda: os.kill(server.pid, signal.SIGKILL), acked)
        assert server.wait(30) == -signal.SIGKILL
        assert len(acked) >= 300
    finally:
        if server.poll() is None:
            server.kill()
    check(db, acked)


@pytest.mark.kernel
def test_a_kernel_killed_under_load_loses_no_acknowledged_uplink(tmp_path: Path) -> None:
    from jupyter_client.manager import KernelManager

    db = tmp_path / "kernel.db"
    prepare(db)
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(tmp_path))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        code = f"import tbkit\nkit = tbkit.start(db={str(db)!r})\nprint(kit.integrations['HTTP'].url)"
        msg_id = client.execute(code)
        url, printed = None, ""
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            msg = client.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":  # not a warning on stderr
                printed += msg["content"]["text"]
                url = next((line for line in printed.splitlines() if line.startswith("http")), None)
            if msg["msg_type"] == "error":
                pytest.fail("\n".join(msg["content"]["traceback"]))
        assert url is not None and url.endswith("/crash")
        acked: list[tuple[str, int]] = []
        pid = manager.provisioner.process.pid  # type: ignore[union-attr]
        run_load(url, lambda: os.kill(pid, signal.SIGKILL), acked)
        assert len(acked) >= 300
    finally:
        client.stop_channels()
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    check(db, acked)
