"""The Dashboard in a real JupyterLab, driven by headless Chromium (pytest -m browser).

Starts JupyterLab on a free loopback port with isolated config and runtime directories, opens
a notebook that starts a kit and shows ``tbkit.ui.Dashboard(kit)``, posts uplinks from this
process and asserts in the DOM: monitor rows and plot points appear, a device named with HTML
shows as text, a shared attribute saved in the AttributeEditor rides back on the next uplink's
HTTP response, and a broken decoder typed into the editor gets its error line marked.
Screenshots go to tests/screenshots/ (git-ignored).

Needs /usr/bin/chromium (``apt-get install chromium``) and the playwright package (never
``playwright install``: the system Chromium is used); skips with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
HTML_NAME = "<img src=x onerror=alert(1)>"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

SETUP = '''\
import json, pathlib
import tbkit, tbkit.ui

kit = tbkit.start(db="lab.db")
hi = kit.add_http_integration("HTTP", uplink="""var data = decodeToJson(payload);
return {deviceName: data.deviceName, deviceType: data.deviceType,
        attributes: {model: data.model}, telemetry: {temperature: data.temperature}};""",
    downlink="return {contentType: 'JSON', data: JSON.stringify(msg), metadata: {}};")
pathlib.Path("url.txt").write_text(hi.url)
kit'''
SHOW = "dash = tbkit.ui.Dashboard(kit)\ndash"


def _why_skip() -> str | None:
    if not CHROMIUM.exists():
        return "browser test needs /usr/bin/chromium (apt-get install -y chromium; .ci/run does this)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser test needs the playwright package (pip install 'playwright>=1.40'; no `playwright install`)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _notebook(path: Path) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src}
             for src in (SETUP, SHOW)]
    doc = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                                       "language": "python"}},
           "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(doc))


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[dict[str, Any]]:
    reason = _why_skip()
    if reason:
        pytest.skip(reason)
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    settings = home / "settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    _notebook(root / "dashboard.ipynb")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               IPYTHONDIR=str(home / "ipython"), PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    port, token = _free_port(), secrets.token_hex(16)
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={token}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {(tmp_path / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield {"url": f"http://127.0.0.1:{port}/lab/tree/dashboard.ipynb?token={token}", "root": root}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def post(url: str, device: str, temperature: float) -> tuple[int, bytes]:
    body = json.dumps({"deviceName": device, "deviceType": "Temperature Sensor", "temperature": temperature,
                       "model": "test"}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _wait_for_file(path: Path, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text():
        if time.monotonic() > deadline:
            pytest.fail(f"the notebook did not write {path.name}")
        time.sleep(0.2)
    return path.read_text()


def _count(page: Any, selector: str, n: int, timeout: float = 30_000) -> None:
    page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[selector, n], timeout=timeout)


def test_dashboard_in_jupyterlab(lab: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1300})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            _drive(page, lab, dialogs)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "dashboard-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
        assert errors == []


def _drive(page: Any, lab: dict[str, Any], dialogs: list[str]) -> None:
    page.goto(lab["url"])
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
    page.click(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")  # fold the file browser away
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    url = _wait_for_file(lab["root"] / "url.txt")
    page.wait_for_selector(".tbkit-monitor", timeout=60_000)
    page.wait_for_selector(".tbkit-converter-editor .cm-content", timeout=30_000)

    # uplinks from outside: rows in the monitor, points in the plot, an HTML name as text
    for i, (device, temperature) in enumerate([("Sensor T1", 21.5), ("Sensor T2", 19.0), ("Sensor T1", 22.0),
                                               (HTML_NAME, 5.0), ("Sensor T2", 19.5), ("Sensor T1", 22.5)]):
        assert post(url, device, temperature)[0] == 204, i
    _count(page, ".tbkit-monitor tr.tbkit-row", 6)
    _count(page, ".js-plotly-plot .scatterlayer .trace .points path.point", 6)
    _check_plot(page)
    devices = page.eval_on_selector_all(".tbkit-monitor td.tbkit-device", "cells => cells.map(c => c.textContent)")
    assert HTML_NAME in devices
    assert page.locator(".tbkit-monitor img, .tbkit img").count() == 0
    assert page.locator(".tbkit-status [data-tbkit=devices]").inner_text() == "3 devices"
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
    page.locator(".jp-OutputArea-output:has(.tbkit-status)").screenshot(path=str(SCREENSHOTS / "dashboard-widget.png"))

    # a shared attribute saved in the AttributeEditor rides on the next uplink's response
    page.click(".lm-TabBar-tabLabel:text-is('Attributes')")
    attributes = page.locator(".tbkit-attributes")
    attributes.locator("select[data-tbkit=entity]").select_option("Sensor T1")
    attributes.locator("[data-tbkit=key]").fill("firmware")
    attributes.locator("[data-tbkit=value]").fill("01052020.v1.2")
    attributes.locator("[data-tbkit=save-attribute]").click()
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=PENDING]", timeout=15_000)
    page.wait_for_selector(".tbkit-attributes tr.tbkit-attr[data-scope=SHARED_SCOPE][data-key=firmware]")
    assert post(url, "Sensor T1", 23.0) == (200, b'{"firmware":"01052020.v1.2"}')
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=DELIVERED]", timeout=15_000)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-attributes.png"), full_page=True)

    # a broken decoder typed into the editor: its error line is marked
    page.click(".lm-TabBar-tabLabel:text-is('Decoder')")
    content = page.locator(".tbkit-converter-editor").first.locator(".cm-content")
    content.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type("var a = 1;\nvar b = ;\n")
    page.wait_for_selector(".tbkit-converter-editor .cm-tbkit-error-line", timeout=15_000)
    marked = page.locator(".tbkit-converter-editor .cm-tbkit-error-line").first.inner_text()
    assert marked.strip() == "var b = ;"
    assert page.locator(".tbkit-converter-editor .cm-lint-marker-error").count() >= 1
    page.locator(".tbkit-converter-editor [data-tbkit=run]").first.click()
    page.wait_for_function(
        "() => document.querySelector('.tbkit-converter-editor [data-tbkit=error]').textContent.includes(':2')")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-editor-error.png"), full_page=True)

    # the Events tab lists converter and integration events; the Integration tab switches it off and on
    page.click(".lm-TabBar-tabLabel:text-is('Events')")
    _count(page, ".tbkit-events tr.tbkit-event", 10)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-events.png"), full_page=True)
    page.click(".lm-TabBar-tabLabel:text-is('Integration')")
    panel = page.locator(".tbkit-panel")
    assert panel.locator("[data-tbkit=url]").inner_text() == url
    panel.locator("[data-tbkit=enabled]").uncheck()
    _until(lambda: post(url, "Sensor T1", 1.0)[0] == 404)
    panel.locator("[data-tbkit=enabled]").check()
    _until(lambda: post(url, "Sensor T1", 1.0)[0] == 204)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-integration.png"), full_page=True)
    assert dialogs == []


def _check_plot(page: Any) -> None:
    """The plot got its points through "extend" messages, from plotly.js loaded once, and nothing else."""
    got = page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        const foreign = performance.getEntriesByType('resource').map((e) => e.name)
            .filter((u) => !u.startsWith(location.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
        return {traces: gd.data.map((t) => [t.name, t.x.length]), foreign,
                blobScripts: document.querySelectorAll('script[src^="blob:"]').length,
                legend: [...gd.querySelectorAll('.legendtext')].map((n) => n.textContent)};
    }""")
    assert sorted(map(tuple, got["traces"])) == [("&lt;img src=x onerror=alert(1)&gt; · temperature", 1),
                                                 ("Sensor T1 · temperature", 3), ("Sensor T2 · temperature", 2)]
    assert f"{HTML_NAME} · temperature" in got["legend"]  # plotly shows the escaped name as text
    assert page.locator(".js-plotly-plot img").count() == 0
    assert got["blobScripts"] == 1  # plotly.js, from the kernel's one PlotlyJS model
    assert got["foreign"] == []  # no CDN, no network


def _until(check: Any, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached in time")
        time.sleep(0.2)
