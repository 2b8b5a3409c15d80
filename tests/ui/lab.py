"""Drive a real JupyterLab (or Notebook 7) in headless Chromium: shared by the browser test and
docs/screenshots.py.

The server runs on a free loopback port with isolated config, runtime and settings directories;
the browser is the system Chromium (``/usr/bin/chromium``) through the playwright package (never
``playwright install``). Nothing here sleeps for a fixed time: every step waits for a condition.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DARK, LIGHT = "JupyterLab Dark", "JupyterLab Light"


def why_skip() -> str | None:
    """Why a browser run cannot happen here, or None."""
    if not CHROMIUM.exists():
        return "needs /usr/bin/chromium (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs the playwright package (pip install 'playwright>=1.40'; no `playwright install`)"
    return None


def notebook(path: Path, *sources: str) -> None:
    """Write a notebook of code cells."""
    cells: list[dict[str, Any]] = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src} for src in sources
    ]
    doc = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(doc))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running Jupyter server: ``url(path)`` gives a page address with the token."""

    port: int
    token: str
    root: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?token={self.token}"


@contextlib.contextmanager
def jupyter(root: Path, home: Path, app: str = "jupyterlab", timeout: float = 120) -> Iterator[Server]:
    """Run ``python -m jupyterlab`` (or ``notebook``) serving ``root``; stopped (its process group) on exit."""
    settings = home / "settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        IPYTHONDIR=str(home / "ipython"),
        PYTHONPATH=str(REPO),
    )
    port, token = _free_port(), secrets.token_hex(16)
    log_path = home / f"{app}.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                app,
                "--no-browser",
                "--allow-root",
                f"--port={port}",
                "--ip=127.0.0.1",
                f"--ServerApp.token={token}",
                "--ServerApp.port_retries=0",
                f"--ServerApp.root_dir={root}",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"{app} did not start: {log_path.read_text()[-2000:]}") from None
                    time.sleep(0.2)  # polling the server's status, not waiting for a guessed duration
            yield Server(port, token, root)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 1000) -> Iterator[Any]:
    """A headless Chromium page (the system browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(90_000)
            yield page
        finally:
            browser.close()


def open_notebook(page: Any, url: str) -> None:
    """Open a notebook and wait until its kernel is connected and idle."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    # the toolbar indicator can read idle before the kernel connection is up; the status bar cannot
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=120_000)


def answer_dialogs(page: Any) -> list[str]:
    """Answer the JupyterLab dialogs covering the page; returns their texts (printed for the test log).

    A slow kernel start can bring up a kernel dialog (Select Kernel): it is accepted with its
    default choice, as a user would. Any other dialog is cancelled.
    """
    seen = []
    for dialog in page.locator(".jp-Dialog").all():
        if not dialog.is_visible():
            continue
        text = dialog.inner_text()
        seen.append(text)
        kind = "accept" if "kernel" in text.lower() else "reject"
        button = dialog.locator(f".jp-Dialog-button.jp-mod-{kind}")
        if button.count():
            button.first.click()
        else:
            dialog.press("Escape")
    if seen:
        print(f"answered JupyterLab dialogs: {seen}")
    return seen


def run_all(page: Any, timeout: float = 90) -> None:
    """Run > Run All Cells, answering any dialog that covers the menu (it can come up at any time)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout
    while True:
        answer_dialogs(page)
        try:
            page.click(".lm-MenuBar-itemLabel:text-is('Run')", timeout=5_000)
            break
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")


PROMPTS = "() => [...document.querySelectorAll('.jp-InputPrompt')].map(p => p.textContent.trim())"


def run_all_until_written(page: Any, path: Path, attempts: int = 3, timeout: float = 180) -> str:
    """Run All Cells until a cell writes ``path``; its text.

    Run All can land before the kernel connection is up: then no cell runs, or (Notebook 7) the first cell is
    dropped and the rest run without it. Run All is pressed again only when the file is still missing and no cell
    is queued or running (no prompt shows ``[*]``), so a slow first run is never doubled.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout
    changed = f"before => JSON.stringify(({PROMPTS})()) !== JSON.stringify(before)"
    for attempt in range(attempts):
        before = page.evaluate(PROMPTS)
        page.keyboard.press("Escape")
        run_all(page)
        try:
            page.wait_for_function(changed, arg=before, timeout=30_000)
        except PlaywrightTimeout:
            continue  # the press itself was lost: no prompt moved
        while not (path.exists() and path.read_text()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the notebook did not write {path.name}: prompts {page.evaluate(PROMPTS)}")
            if attempt < attempts - 1 and all("*" not in p for p in page.evaluate(PROMPTS)):
                break  # nothing runs and nothing wrote the file: press Run All again
            time.sleep(0.1)  # polling for the file, not a guessed duration
        else:
            return path.read_text()
    raise TimeoutError(f"the notebook did not write {path.name} after {attempts} Run All")


def wait_for_file(path: Path, timeout: float = 180) -> str:
    """The text of a file a notebook cell writes, once it is there."""
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the notebook did not write {path.name}")
        time.sleep(0.1)  # polling for the file, not a guessed duration
    return path.read_text()


def set_theme(page: Any, theme: str) -> None:
    """Settings > Theme > ``theme``; returns when the theme's colours are applied."""
    page.click(".lm-MenuBar-itemLabel:text-is('Settings')")
    page.click(".lm-Menu-itemLabel:text-is('Theme')")
    page.click(f".lm-Menu-itemLabel:text-is('{theme}')")
    light = "false" if "Dark" in theme else "true"
    page.wait_for_function(
        """(light) => {
        if (document.body.dataset.jpThemeLight !== light) return false;
        const probe = document.createElement('div');
        probe.style.color = 'var(--jp-layout-color0)';
        document.body.append(probe);
        const [r, g, b] = getComputedStyle(probe).color.match(/\\d+/g).map(Number);
        probe.remove();
        const dark = (r + g + b) / 3 < 128;
        return dark === (light === 'false');
    }""",
        arg=light,
        timeout=60_000,
    )
    page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=60_000)  # its fade-out covers the page
    page.keyboard.press("Escape")


def fold_file_browser(page: Any, open_: bool) -> None:
    """Show or hide the left side panel (the file browser)."""
    shown = page.locator("#jp-left-stack").is_visible()
    if shown != open_:
        page.click(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']")
        page.wait_for_function(
            "(want) => !!document.querySelector('#jp-left-stack:not(.lm-mod-hidden)') === want", arg=open_
        )
