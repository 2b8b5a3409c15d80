"""Make the README's screenshots of the quickstart in JupyterLab: ``make screenshots``.

Runs a copy of ``notebooks/01-quickstart.ipynb`` in a throwaway JupyterLab (headless system
Chromium, light theme, 1280 px wide) and saves, from its closing Dashboard:

- ``docs/dashboard.png``: the Dashboard after the notebook's uplinks (status, uplinks, live plot);
- ``docs/editor-error.png``: the decoder editor marking the line of a syntax error typed into it;
- ``docs/editor-replay.png``: the decoder editor after Replay: the recorded uplinks through an
  edited script (Celsius to Fahrenheit) and the running one, summary and first diffs, nothing saved;
- ``docs/attribute-downlink.png``: a shared attribute saved in the Attributes tab, delivered as
  the downlink in the response to the next uplink;
- ``docs/editor-completion.png``: the decoder editor completing ``data.`` with the keys of the last
  uplink's JSON payload (and a sample of each value);
- ``docs/editor-diagnostic.png``: the decoder editor underlining a line ThingsBoard's local JS engine
  would reject, with the linter's message;
- ``docs/inspector-editor.png`` and ``docs/inspector-editor-dark.png``: the byte inspector in the
  editor's Test panel after Run, light and dark: a GH/1 frame (the workshop's binary protocol)
  through the workshop's step-4 decoder, a byte clicked and its line marked in the script;
- ``docs/inspector-notebook.png`` and ``docs/inspector-notebook-dark.png``: the notebook view of
  ``hi.uplink.inspect(frame)`` (the static HTML grid), light and dark;
- ``docs/inspector-monitor.png`` and ``docs/inspector-monitor-dark.png``: the Dashboard's top row, an
  uplink selected in its monitor and the inspection shown under it, light and dark.

It needs /usr/bin/chromium and the playwright package (no ``playwright install``). The notebook
must define ``kit`` and ``hi`` (its HTTP integration), as the quickstart does.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
sys.path.insert(0, str(REPO / "tests" / "ui"))

from lab import (  # noqa: E402
    DARK,
    LIGHT,
    chromium,
    fold_file_browser,
    jupyter,
    notebook,
    open_notebook,
    run_all,
    set_theme,
    wait_for_file,
    why_skip,
)

QUICKSTART = REPO / "notebooks" / "01-quickstart.ipynb"
WIDTH = 1280
# appended to the copy: where the integration listens and which headers it wants
HANDOFF = """\
import json as _json, pathlib as _pathlib
_pathlib.Path("handoff.json").write_text(_json.dumps({"url": hi.url, "headers": dict(hi.security_headers)}))"""


# The inspector's notebook: the workshop's step-4 GH/1 decoder, one real binary uplink, an editor whose test
# payload is that frame, and the Dashboard.
INSPECT_CELLS = (
    """\
import pathlib
import tbkit, tbkit.ui
from tbkit import workshop

kit = tbkit.start(db="inspect.db", fresh=True)
hi = kit.add_http_integration("Greenhouses", uplink=pathlib.Path("decoder.js").read_text())
pathlib.Path("url.txt").write_text(hi.url)""",
    """\
import asyncio
while not pathlib.Path("go.txt").exists():
    await asyncio.sleep(0.05)
frame = workshop.sample_frames()[0]
editor = tbkit.ui.ConverterEditor(hi, kit=kit)
editor.payload, editor.payload_format = frame.hex(" "), "hex"
editor.content_type = "application/octet-stream"
editor""",
    "hi.uplink.inspect(frame)",
    "tbkit.ui.Dashboard(kit)",
)


def _prepare(root: Path) -> None:
    doc = json.loads(QUICKSTART.read_text())
    doc["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "screenshots-handoff",
            "metadata": {},
            "outputs": [],
            "source": HANDOFF,
        }
    )
    (root / "quickstart.ipynb").write_text(json.dumps(doc))


def _post(handoff: dict[str, Any], body: dict[str, Any]) -> tuple[int, bytes]:
    request = urllib.request.Request(
        handoff["url"],
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **handoff["headers"]},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read()


def _dashboard(page: Any) -> Any:
    page.wait_for_selector(".tbkit-monitor tr.tbkit-row", timeout=180_000)
    page.wait_for_selector(".tbkit-plot.js-plotly-plot .scatterlayer .trace .points path.point")
    output = page.locator(".jp-OutputArea-output:has(.tbkit-status)").last
    output.scroll_into_view_if_needed()
    return output


def _editor_error(page: Any, output: Any) -> None:
    output.locator(".lm-TabBar-tabLabel:text-is('Decoder')").click()
    editor = output.locator(".tbkit-converter-editor").first
    line = editor.locator(".cm-line:has-text('deviceType = data.deviceType')").first
    line.click()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    page.keyboard.type(" +;")  # var deviceType = data.deviceType +;
    page.wait_for_selector(".tbkit-converter-editor .cm-tbkit-error-line")
    editor.locator("[data-tbkit=run]").click()
    page.wait_for_function("() => document.querySelector('.tbkit-converter-editor [data-tbkit=error]').textContent")
    editor.locator(".cm-lint-marker-error").first.hover()
    page.wait_for_selector(".cm-tooltip .cm-diagnostic")
    editor.screenshot(path=str(DOCS / "editor-error.png"))


def _editor_replay(page: Any, output: Any) -> None:
    editor = output.locator(".tbkit-converter-editor").first
    broken = editor.locator(".cm-line:has-text('deviceType = data.deviceType +;')").first
    broken.click()
    page.keyboard.press("End")
    for _ in " +;":
        page.keyboard.press("Backspace")
    page.keyboard.type(";")  # the line _editor_error broke, mended
    page.wait_for_selector(".tbkit-converter-editor .cm-tbkit-error-line", state="detached")
    editor.locator(".cm-line:has-text('temperature: data.temperature')").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" * 9 / 5 + 32")
    editor.locator("[data-tbkit=replay]").click()
    page.wait_for_selector(".tbkit-converter-editor [data-tbkit=replay-summary] [data-key=changed]")
    editor.locator("[data-tbkit=replay-diffs]").scroll_into_view_if_needed()
    editor.screenshot(path=str(DOCS / "editor-replay.png"))


def _editor_completion(page: Any, output: Any) -> None:
    output.locator(".lm-TabBar-tabLabel:text-is('Decoder')").click()
    editor = output.locator(".tbkit-converter-editor").first
    editor.locator(".cm-line:has-text('var data = decodeToJson(payload);')").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("var t = data.", delay=20)
    page.wait_for_selector(".cm-tooltip-autocomplete li:has-text('temperature')")
    editor.scroll_into_view_if_needed()
    _shoot_with_popups(page, editor, DOCS / "editor-completion.png")
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")


def _editor_diagnostic(page: Any, output: Any) -> None:
    editor = output.locator(".tbkit-converter-editor").first
    editor.locator(".cm-line:has-text('var data = decodeToJson(payload);')").first.click()
    page.keyboard.press("Home")
    page.keyboard.type("const ", delay=20)
    page.keyboard.press("Delete")
    page.keyboard.press("Delete")
    page.keyboard.press("Delete")
    page.keyboard.press("Delete")  # const data = decodeToJson(payload);
    page.wait_for_selector(".tbkit-converter-editor .cm-lintRange-warning")
    editor.locator(".cm-lintRange-warning").first.hover()
    page.wait_for_selector(".cm-tooltip .cm-diagnostic")
    _shoot_with_popups(page, editor, DOCS / "editor-diagnostic.png")


def _shoot_with_popups(page: Any, editor: Any, path: Path) -> None:
    """The editor and the popups over it (they live outside it, on the page)."""
    box = editor.bounding_box()
    x, y = max(0, box["x"] - 12), max(0, box["y"] - 90)
    clip = {"x": x, "y": y, "width": box["width"] + 24, "height": min(box["height"], 420) + 90}
    page.screenshot(path=str(path), clip=clip)


def _attribute_downlink(page: Any, output: Any, handoff: dict[str, Any]) -> None:
    output.locator(".lm-TabBar-tabLabel:text-is('Attributes')").click()
    attributes = output.locator(".tbkit-attributes")
    attributes.locator("select[data-tbkit=entity]").select_option("Sensor T1")
    attributes.locator("[data-tbkit=key]").fill("firmware")
    attributes.locator("[data-tbkit=value]").fill('"01052020.v1.3"')
    attributes.locator("[data-tbkit=save-attribute]").click()
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=PENDING]")
    status, answer = _post(
        handoff, {"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "temperature": 36.6, "model": "test"}
    )
    if status != 200 or b"01052020.v1.3" not in answer:
        raise RuntimeError(f"the uplink's response carried no downlink: {status} {answer!r}")
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=DELIVERED]")
    attributes.locator("tr.tbkit-downlink[data-status=DELIVERED] td.tbkit-long").last.click()  # show it whole
    attributes.screenshot(path=str(DOCS / "attribute-downlink.png"))


def _inspector(page: Any, server: Any, root: Path) -> None:
    """The byte inspector: the editor's grid (light and dark) and a monitor row's inspection."""
    from tbkit import workshop

    (root / "decoder.js").write_text((REPO / "tests" / "fixtures" / "workshop" / "step4.js").read_text("utf-8"))
    notebook(root / "inspect.ipynb", *INSPECT_CELLS)
    open_notebook(page, server.url("lab/tree/inspect.ipynb"))
    fold_file_browser(page, False)
    run_all(page)
    url = wait_for_file(root / "url.txt")
    for frame in workshop.sample_frames()[:3]:
        request = urllib.request.Request(
            url, data=frame, method="POST", headers={"Content-Type": "application/octet-stream"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            if response.status != 204:
                raise RuntimeError(f"the GH/1 uplink was answered {response.status}")
    (root / "go.txt").write_text("go")
    editor = page.locator(".tbkit-converter-editor").first
    editor.wait_for()
    for theme, suffix in ((LIGHT, ""), (DARK, "-dark")):
        set_theme(page, theme)
        editor.locator("[data-tbkit=run]").click()
        cells = ".tbkit-converter-editor .tbkit-insp-grid td.tbkit-insp-byte"
        page.wait_for_function("(s) => document.querySelectorAll(s).length === 12", arg=cells)
        page.locator(f"{cells}[data-offset='6']").first.click()  # temperature's low byte: line 2 marked
        page.wait_for_selector(".tbkit-converter-editor .cm-tbkit-read-line")
        page.locator(f"{cells}[data-offset='6']").first.hover()
        editor.screenshot(path=str(DOCS / f"inspector-editor{suffix}.png"))
        view = page.locator(".jp-OutputArea-output:has(.tbkit-inspection)").first
        view.locator("td[role=gridcell]").nth(11).wait_for()
        view.screenshot(path=str(DOCS / f"inspector-notebook{suffix}.png"))
    monitor = page.locator(".jp-OutputArea-output .tbkit-monitor").last
    monitor.locator("tr.tbkit-row td").first.click()
    page.wait_for_function(
        "() => document.querySelectorAll('.tbkit-monitor .tbkit-insp-grid td.tbkit-insp-byte').length === 12"
    )
    dashboard = page.locator(".jp-OutputArea-output:has(.tbkit-monitor)").last
    for theme, suffix in ((DARK, "-dark"), (LIGHT, "")):
        set_theme(page, theme)
        # the Dashboard's top row: the monitor (the selected uplink and its inspection) beside the plot
        dashboard.scroll_into_view_if_needed()
        outer, inner = dashboard.bounding_box(), monitor.bounding_box()
        assert outer is not None and inner is not None
        clip = {
            "x": outer["x"],
            "y": outer["y"],
            "width": outer["width"],
            "height": inner["y"] + inner["height"] - outer["y"] + 8,
        }
        page.screenshot(path=str(DOCS / f"inspector-monitor{suffix}.png"), clip=clip)


def main() -> int:
    """Make the screenshots; returns the exit status."""
    reason = why_skip()
    if reason:
        print(f"screenshots: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="tbkit-shots-") as tmp:
        root, home = Path(tmp) / "root", Path(tmp) / "home"
        root.mkdir()
        _prepare(root)
        with jupyter(root, home) as server, chromium(WIDTH, 1500) as page:
            open_notebook(page, server.url("lab/tree/quickstart.ipynb"))
            fold_file_browser(page, False)
            run_all(page)
            handoff = json.loads(wait_for_file(root / "handoff.json", timeout=300))
            output = _dashboard(page)
            output.screenshot(path=str(DOCS / "dashboard.png"))
            _editor_error(page, output)
            _editor_replay(page, output)
            _attribute_downlink(page, output, handoff)
            _editor_completion(page, output)
            _editor_diagnostic(page, output)
        shutil.rmtree(home, ignore_errors=True)
        root, home = Path(tmp) / "inspect", Path(tmp) / "inspect-home"
        root.mkdir()
        with jupyter(root, home) as server, chromium(WIDTH, 1500) as page:
            try:
                _inspector(page, server, root)
            except Exception:
                page.screenshot(path=str(Path(tmp).parent / "tbkit-screenshots-failure.png"), full_page=True)
                raise
        shutil.rmtree(home, ignore_errors=True)
    shots = ("dashboard", "editor-error", "editor-replay", "attribute-downlink")
    shots += ("editor-completion", "editor-diagnostic")
    shots += ("inspector-editor", "inspector-editor-dark", "inspector-notebook", "inspector-notebook-dark")
    shots += ("inspector-monitor", "inspector-monitor-dark")
    for name in (f"{shot}.png" for shot in shots):
        print(f"wrote docs/{name} ({(DOCS / name).stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
