"""``make lab`` roots JupyterLab at the repository (README, docs and examples reachable) with the quickstart open,
and its terminals run the README's commands with the project's Python."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "readme-check"
LAB_URL = re.compile(r"(http://127\.0\.0\.1:\d+)/\S*\?token=")


@pytest.fixture(scope="module")
def lab() -> Iterator[str]:
    """``make lab`` as the README runs it (on a free port, no browser): its base URL."""
    if shutil.which("make") is None:
        pytest.skip("needs make")
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port=0 --IdentityProvider.token={TOKEN}"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in proc.stdout or ():
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        base = None
        deadline = time.monotonic() + 120
        while base is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail("JupyterLab printed no URL within 120 s")
            match = LAB_URL.search(line)
            base = match.group(1) if match else None
        wait_until_listening(base, TOKEN, deadline)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)


def test_make_lab_serves_the_repository_and_opens_the_quickstart(lab: str) -> None:
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{lab}/?token={TOKEN}", timeout=30)
    assert redirect.value.code == 302
    assert redirect.value.headers["Location"].split("?")[0] == "/lab/tree/notebooks/01-quickstart.ipynb"
    with urllib.request.urlopen(f"{lab}/api/contents?token={TOKEN}", timeout=30) as answer:
        names = {item["name"] for item in json.load(answer)["content"]}
    assert {"README.md", "docs", "examples", "notebooks"} <= names


def test_the_lab_terminal_runs_the_readme_commands_with_the_projects_python(lab: str) -> None:
    """File > New > Terminal, then the README's commands: plain ``python`` is the project's too, in the
    repository's folder, whatever the user's ~/.bashrc puts first (pyenv here)."""
    from tbkit import __version__

    out = asyncio.run(
        terminal(
            lab,
            "pwd; command -v python; python -m tbkit --version; .venv/bin/python -m tbkit --version; echo E''ND",
            "END",
        )
    )
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out).replace("\r", "")  # no terminal control sequences
    lines = [line.strip() for line in plain.split("\n")]
    start = lines.index(str(ROOT))
    assert lines[start : start + 4] == [
        str(ROOT),
        str(ROOT / ".venv" / "bin" / "python"),
        f"tbkit {__version__}",
        f"tbkit {__version__}",
    ], out


async def terminal(base: str, command: str, end: str, timeout: float = 60) -> str:
    """Open a terminal through the terminals REST API, type ``command``, and return what it printed
    up to the line ``end`` (a deadline, never a guessed wait)."""
    from tornado.websocket import websocket_connect

    request = urllib.request.Request(
        f"{base}/api/terminals?token={TOKEN}", data=b"{}", method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        name = json.load(answer)["name"]
    socket = await websocket_connect(f"ws{base[4:]}/terminals/websocket/{name}?token={TOKEN}")
    try:
        await socket.write_message(json.dumps(["stdin", command + "\r"]))
        out = ""
        deadline = asyncio.get_running_loop().time() + timeout
        while f"\n{end}\r" not in out:
            left = deadline - asyncio.get_running_loop().time()
            message = await asyncio.wait_for(socket.read_message(), timeout=max(left, 0.01))
            if message is None:
                break
            kind, *rest = json.loads(message)
            if kind == "stdout":
                out += rest[0]
        return out
    finally:
        socket.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def wait_until_listening(base: str, token: str, deadline: float) -> None:
    """Jupyter prints its URL a moment before its socket accepts connections."""
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=30):
                return
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
