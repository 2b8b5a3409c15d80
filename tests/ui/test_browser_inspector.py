"""The byte inspector in a real JupyterLab (pytest -m browser), light and dark, 1280 px wide.

A GH/1 decoder (the workshop's step 4, which never reads the magic byte, the version, the message
type or the checksum) gets one real binary uplink. The editor's Run shows the grid of the test
payload: every cell is named ("byte 3, 0x2A, read by line 1"), byte text keeps 4.5:1 contrast on
the colours it shows, on every colour of the palette (cells of each colour class put in the grid,
plain and outlined; in the notebook view a twelve-line decoder shows them all) and on unread
cells; clicking a byte marks the lines that read it in the script, and the cursor on a line
outlines the bytes it read. Selecting the uplink in the monitor shows the same grid for the
recorded uplink, and ``hi.inspect(...)`` shows it as notebook HTML. Screenshots go to
tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tbkit import workshop
from tbkit.converters import UplinkConverter
from tbkit.converters.inspection_html import accessible_name
from tests.ui.lab import (
    DARK,
    LIGHT,
    chromium,
    jupyter,
    notebook,
    open_notebook,
    run_all,
    set_theme,
    wait_for_file,
    why_skip,
)
from tests.ui.test_browser import COLOUR_JS

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
STEP4 = (Path(__file__).resolve().parents[1] / "fixtures" / "workshop" / "step4.js").read_text("utf-8")
FRAME = workshop.sample_frames()[0]
SETUP = """\
import pathlib
import tbkit, tbkit.ui

kit = tbkit.start(db="inspect.db")
hi = kit.add_http_integration("Greenhouses", uplink=pathlib.Path("decoder.js").read_text())
pathlib.Path("url.txt").write_text(hi.url)"""
WAIT = """\
import asyncio
while not pathlib.Path("go.txt").exists():
    await asyncio.sleep(0.05)"""
EDITOR = f"""\
editor = tbkit.ui.ConverterEditor(hi, kit=kit)
editor.payload, editor.payload_format = "{FRAME.hex(" ")}", "hex"
editor.content_type = "application/octet-stream"
editor"""
MONITOR = "tbkit.ui.UplinkMonitor(kit)"
STATIC = "hi.inspect(kit.uplinks().iloc[-1])"
# twelve lines, each reading one byte: the notebook view shows every colour of the palette
EVERY_COLOUR = """\
every = tbkit.UplinkConverter("".join(f"var b{k} = payload[{k}];\\n" for k in range(12)) + "return {deviceName: 'x'};")
every.inspect(bytes(range(0xF0, 0xFC)))"""
PALETTE_SIZE = 12
# cells of every colour class (plain, and outlined as the cursor's line marks them) put in a widget's grid
WIDGET_PALETTE_JS = """(grid) => {
  const body = document.querySelector(grid).tBodies[0];
  const row = document.createElement("tr");
  for (let k = 0; k < PALETTE_SIZE; k++) {
    for (const extra of ["", " tbkit-insp-hl"]) {
      const td = document.createElement("td");
      td.className = `tbkit-insp-byte tbkit-rc${k}${extra}`;
      td.textContent = "A7";
      row.append(td);
    }
  }
  body.append(row);
  const found = [...row.children].map((td) => [tbkitColour.textContrast(td), getComputedStyle(td).backgroundColor]);
  row.remove();
  return found;
}""".replace("PALETTE_SIZE", str(PALETTE_SIZE))


def expected_names() -> list[str]:
    with UplinkConverter(STEP4) as conv:
        return [accessible_name(b) for b in conv.inspect(FRAME).bytes]


@pytest.fixture
def lab(tmp_path: Path) -> Any:
    reason = why_skip()
    if reason:
        pytest.skip(f"browser test {reason}")
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    (root / "decoder.js").write_text(STEP4)
    notebook(root / "inspect.ipynb", SETUP, WAIT, EDITOR, MONITOR, STATIC, EVERY_COLOUR)
    with jupyter(root, home) as server:
        yield server


def post_frame(url: str) -> int:
    request = urllib.request.Request(
        url, data=FRAME, method="POST", headers={"Content-Type": "application/octet-stream"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(response.status)


def _names(page: Any, cells: str) -> list[str]:
    return list(
        page.evaluate("(s) => [...document.querySelectorAll(s)].map((n) => n.getAttribute('aria-label'))", cells)
    )


def _min_contrast(page: Any, cells: str) -> float:
    page.evaluate(COLOUR_JS)
    return float(
        page.evaluate(
            "(s) => Math.min(...[...document.querySelectorAll(s)].map((n) => tbkitColour.textContrast(n)))", cells
        )
    )


def _widget_palette(page: Any, grid: str) -> None:
    """Byte text keeps 4.5:1 on every colour of the widgets' palette, plain and outlined, in the page's theme."""
    page.evaluate(COLOUR_JS)
    found = page.evaluate(WIDGET_PALETTE_JS, grid)
    assert len({background for _, background in found}) == PALETTE_SIZE  # twelve distinct colours
    assert min(ratio for ratio, _ in found) >= 4.5, found


def _editor(page: Any, theme: str, names: list[str]) -> None:
    editor = page.locator(".tbkit-converter-editor").first
    editor.locator("[data-tbkit=run]").click()
    cells = ".tbkit-converter-editor .tbkit-insp-grid td.tbkit-insp-byte"
    page.wait_for_function("(s) => document.querySelectorAll(s).length === 12", arg=cells)
    assert _names(page, cells) == names
    assert _min_contrast(page, cells) >= 4.5
    _widget_palette(page, ".tbkit-converter-editor .tbkit-insp-grid")
    summary = editor.locator("[data-tbkit=inspect-summary]").inner_text()
    assert summary == "8 of 12 bytes read; 4 never read (0-1, 4, 11)"
    # a byte chosen: the lines that read it are marked in the script
    page.locator(f"{cells}[data-offset='5']").click()
    marked = editor.locator(".cm-tbkit-read-line")
    marked.first.wait_for()
    assert marked.all_inner_texts() == ["var raw = (payload[5] << 8) | payload[6];"]
    # from the keyboard: Enter on a cell chooses it, arrows move between cells
    page.locator(f"{cells}[data-offset='5']").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # byte 7, humidity: read on the return statement's telemetry line
    page.wait_for_function(
        "() => [...document.querySelectorAll('.cm-tbkit-read-line')].some((n) => n.textContent.includes('humidity'))"
    )
    # the cursor on a line outlines the bytes that line read
    editor.locator(".cm-line").first.click()
    page.wait_for_function(
        "(s) => [...document.querySelectorAll(s + '.tbkit-insp-hl')].map((n) => n.dataset.offset).join() === '2,3'",
        arg=cells,
    )
    editor.locator("[data-tbkit=inspect-panel]").scroll_into_view_if_needed()
    editor.screenshot(path=str(SCREENSHOTS / f"{theme}-inspector-editor.png"))


def _monitor(page: Any, theme: str, names: list[str]) -> None:
    monitor = page.locator(".tbkit-monitor").first
    monitor.locator("tr.tbkit-row td").first.click()
    cells = ".tbkit-monitor .tbkit-insp-grid td.tbkit-insp-byte"
    page.wait_for_function("(s) => document.querySelectorAll(s).length === 12", arg=cells)
    assert _names(page, cells) == names
    assert _min_contrast(page, cells) >= 4.5
    assert monitor.locator("tr.tbkit-row").first.get_attribute("aria-selected") == "true"
    monitor.screenshot(path=str(SCREENSHOTS / f"{theme}-inspector-monitor.png"))


def _static(page: Any, theme: str, names: list[str]) -> None:
    cells = ".jp-OutputArea-output .tbkit-inspection td[role=gridcell]"
    page.wait_for_function("(s) => document.querySelectorAll(s).length === 24", arg=cells)
    views = ".jp-OutputArea-output .tbkit-inspection"
    assert _names(page, f"{views}:not(:has(.c11)) td[role=gridcell]") == names
    # the twelve-line decoder: every colour of the palette, each byte read by its own line
    every = f"{views}:has(.c11) td[role=gridcell]"
    assert _names(page, every) == [f"byte {k}, 0x{0xF0 + k:02X}, read by line {k + 1}" for k in range(12)]
    page.evaluate(COLOUR_JS)
    backgrounds = page.evaluate(
        "(s) => [...document.querySelectorAll(s)].map((n) => getComputedStyle(n).backgroundColor)", every
    )
    assert len(set(backgrounds)) == PALETTE_SIZE
    assert _min_contrast(page, cells) >= 4.5
    output = page.locator(".jp-OutputArea-output:has(.tbkit-inspection)").first
    output.scroll_into_view_if_needed()
    output.screenshot(path=str(SCREENSHOTS / f"{theme}-inspector-notebook.png"))


def test_inspector_in_jupyterlab_light_and_dark(lab: Any) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    names = expected_names()
    assert names[:3] == ["byte 0, 0xA7, not read", "byte 1, 0x01, not read", "byte 2, 0x00, read by line 1"]
    with chromium(1280, 1400) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            open_notebook(page, lab.url("lab/tree/inspect.ipynb"))
            run_all(page)
            assert post_frame(wait_for_file(lab.root / "url.txt")) == 204
            (lab.root / "go.txt").write_text("go")
            page.wait_for_selector(".tbkit-converter-editor .cm-content")
            page.wait_for_selector(".tbkit-monitor tr.tbkit-row")
            for theme, name in (("light", LIGHT), ("dark", DARK)):
                set_theme(page, name)
                _editor(page, theme, names)
                _monitor(page, theme, names)
                _static(page, theme, names)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "inspector-failure.png"), full_page=True)
            raise
        assert errors == []
