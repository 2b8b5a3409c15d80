"""``make lab`` roots JupyterLab at the repository (README, docs and examples reachable) with the quickstart open."""

from __future__ import annotations

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
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAB_URL = re.compile(r"(http://127\.0\.0\.1:\d+)/\S*\?token=")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_lab_serves_the_repository_and_opens_the_quickstart() -> None:
    token = "readme-check"
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS=--no-browser --ip=127.0.0.1 --port=0 --IdentityProvider.token={token}"],
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
        wait_until_listening(base, token, deadline)
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(f"{base}/?token={token}", timeout=30)
        assert redirect.value.code == 302
        assert redirect.value.headers["Location"].split("?")[0] == "/lab/tree/notebooks/01-quickstart.ipynb"
        with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=30) as answer:
            names = {item["name"] for item in json.load(answer)["content"]}
        assert {"README.md", "docs", "examples", "notebooks"} <= names
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)


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
