"""The HTTP targets: start each pinned to the server CPU, check it, load it with wrk, stop it.

Targets: tbkit serve, bare Tornado (200, no decoding), Node-RED (function node = seed decoder),
bare Node.js (seed decoder), and tbkit started inside a Jupyter kernel. Loopback only.
Each server is stopped through the PID this module started, never by name.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PEERS = HERE / "peers"
PEERS_DIR = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
NODE_RED_VER = "4.1.15"
SERVER_CPU = os.environ.get("SERVER_CPU", "1")
LOAD_CPU = os.environ.get("LOAD_CPU", "0")
PATH = "/api/v1/integrations/http/test"
BODY = b'{"deviceName":"Sensor T1","deviceType":"Temperature Sensor","temperature":33,"model":"test"}'


def pin(cpu: str) -> list[str]:
    return ["taskset", "-c", cpu] if shutil.which("taskset") and os.environ.get("NOPIN") != "1" else []


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def box_ticks() -> tuple[int, int]:
    vals = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:8]]
    return sum(vals), vals[3] + vals[4]


@dataclass
class Target:
    name: str
    label: str
    port: int
    pid: int = 0
    proc: subprocess.Popen | None = None
    kernel: object = None
    skipped: str = ""
    extra: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATH}"


def _wait_port(port: int, proc: subprocess.Popen | None, secs: float, log: Path | None) -> None:
    deadline = time.monotonic() + secs
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text()[-1500:] if log and log.exists() else ""
            raise RuntimeError(f"server exited (rc {proc.returncode}): {tail}")
        with socket.socket() as s:
            s.settimeout(0.2)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"port {port} not listening after {secs:.0f} s")


def _check(t: Target) -> int:
    req = urllib.request.Request(t.url, data=BODY, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def _launch(t: Target, cmd: list[str], out: Path, env: dict | None = None, wait: float = 60) -> None:
    log = out / f"{t.name}.log"
    t.proc = subprocess.Popen(
        cmd,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        start_new_session=True,
        cwd=out,
    )  # not the repo: `python -m tbkit` must import the interpreter's own tbkit
    t.pid = t.proc.pid  # taskset execs, so this is the server itself
    _wait_port(t.port, t.proc, wait, log)


def start(t: Target, python: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if t.name.startswith("tbkit_serve"):
        db = out / f"{t.name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        _launch(
            t,
            pin(SERVER_CPU)
            + [
                python,
                "-m",
                "tbkit",
                "serve",
                "--uplink",
                str(HERE / "decoders" / "seed.js"),
                "--db",
                str(db),
                "--port",
                str(t.port),
                "--routing-key",
                "test",
                "--quiet",
                *t.extra,
            ],
            out,
        )
    elif t.name == "tornado_bare":
        _launch(t, pin(SERVER_CPU) + [python, str(PEERS / "tornado_bare.py"), str(t.port)], out)
    elif t.name == "node_bare":
        _launch(t, pin(SERVER_CPU) + ["node", str(PEERS / "node_bare.js"), str(t.port)], out)
    elif t.name == "nodered":
        user = PEERS_DIR / "nodered" / "userdir-tbkit-bench"
        shutil.rmtree(user, ignore_errors=True)
        user.mkdir(parents=True)
        shutil.copy(PEERS / "nodered" / "settings.js", user / "settings.js")
        (user / "flows.json").write_text(nodered_flows())
        _launch(
            t,
            pin(SERVER_CPU)
            + [
                str(PEERS_DIR / "nodered" / "node_modules" / ".bin" / "node-red"),
                "--userDir",
                str(user),
                "--settings",
                str(user / "settings.js"),
            ],
            out,
            env={"PORT": str(t.port)},
            wait=90,
        )
    elif t.name == "tbkit_kernel":
        start_kernel(t, out)
    status = _check(t)
    if status >= 300:
        raise RuntimeError(f"check POST answered {status}")


def nodered_flows() -> str:
    """bench/peers/nodered/flows.json with the seed decoder (and decodeToJson) in the function node."""
    flows = json.loads((PEERS / "nodered" / "flows.json").read_text())
    helpers = (HERE / "decoders" / "helpers.js").read_text()
    seed = (HERE / "decoders" / "seed.js").read_text()
    for node in flows:
        if node.get("id") == "fn_raw":
            node["func"] = node["func"].replace(
                "/*DECODER*/", helpers + "\nfunction Decoder(payload, metadata) {\n" + seed + "\n}\n"
            )
    return json.dumps(flows)


KERNEL_CODE = """
import tbkit
kit = tbkit.start(db={db!r}, port={port})
kit.add_http_integration("HTTP", uplink=open({seed!r}).read(), routing_key="test")
print(kit.base_url)
"""


def pinned_kernel(out: Path, db: Path) -> tuple[Any, Any]:
    """A ready kernel (manager, client) in ``out``, every thread on the server CPU; ``db`` removed first."""
    from jupyter_client import KernelManager

    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(out))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    if pin(SERVER_CPU):  # every thread of the kernel, before tbkit starts its own
        pid = str(km.provisioner.process.pid)
        subprocess.run(["taskset", "-a", "-p", "-c", SERVER_CPU, pid], check=True, capture_output=True)
    return km, kc


def start_kernel(t: Target, out: Path) -> None:
    db = out / "tbkit_kernel.db"
    km, kc = pinned_kernel(out, db)
    t.kernel = (km, kc)
    t.pid = km.provisioner.process.pid
    code = KERNEL_CODE.format(db=str(db), port=t.port, seed=str(HERE / "decoders" / "seed.js"))
    reply = kc.execute_interactive(code, timeout=60, output_hook=lambda msg: None)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"kernel cell failed: {reply['content'].get('evalue')}")
    _wait_port(t.port, None, 30, None)
    t.notes.append(f"kernel {sys.executable} pid {t.pid}")


def stop(t: Target) -> None:
    if t.kernel is not None:
        km, kc = t.kernel
        try:
            kc.execute_interactive("kit.stop()", timeout=20, output_hook=lambda msg: None)
        except Exception:
            pass
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        t.kernel = None
        return
    if t.proc is not None and t.proc.poll() is None:
        t.proc.send_signal(signal.SIGTERM)
        try:
            t.proc.wait(15)
        except subprocess.TimeoutExpired:
            t.proc.kill()
            t.proc.wait(5)
    t.proc = None


_RESULT = re.compile(r"(\w+)=([\d.]+)")


def wrk(t: Target, secs: int, conns: int = 32) -> dict:
    """One bounded wrk run (1 thread, `conns` connections), pinned to the load CPU."""
    cmd = pin(LOAD_CPU) + [
        "timeout",
        str(secs + 5),
        "wrk",
        "-t1",
        f"-c{conns}",
        f"-d{secs}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(PEERS / "post.lua"),
        t.url,
    ]
    c0, b0, w0 = cpu_seconds(t.pid), box_ticks(), time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=secs + 20)
    c1, b1, w1 = cpu_seconds(t.pid), box_ticks(), time.monotonic()
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no RESULT line: {res.stdout[-500:]} {res.stderr[-500:]}")
    out = {k: float(v) for k, v in _RESULT.findall(line)}
    total, idle = b1[0] - b0[0], b1[1] - b0[1]
    out["server_cpu_pct"] = 100 * (c1 - c0) / (w1 - w0)
    out["box_busy_pct"] = 100 * (total - idle) / total if total else 0.0
    out["errors"] = sum(v for k, v in out.items() if k.startswith("err_"))
    return out
