"""The editor's writing help in a real JupyterLab (pytest -m browser), light and dark, 1024 px wide.

A TBEL decoder in a ConverterEditor, after one real uplink: typing ``parseB`` offers
``parseBytesToInt`` with its signature; ``metadata.`` offers the last uplink's metadata keys;
hovering a helper (or Mod-i on it) shows its docs; typing an argument list shows the signature with
the next argument marked; an unknown function is underlined with its message (from the keyboard,
F8 goes to it and Mod-i shows it). Every popup has text at 4.5:1 contrast or more and lies inside the window.
Screenshots go to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

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
from tests.ui.test_browser import COLOUR_JS, post

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
WIDTH = 1024
SETUP = '''\
import pathlib
import tbkit, tbkit.ui

kit = tbkit.start(db="assist.db")
hi = kit.add_http_integration("HTTP", uplink=tbkit.UplinkConverter("""var data = decodeToJson(payload);
return {deviceName: data.deviceName, telemetry: {temperature: data.temperature}};""", lang="TBEL"))
pathlib.Path("url.txt").write_text(hi.url)'''
SHOW = """\
import asyncio
while not pathlib.Path("go.txt").exists():
    await asyncio.sleep(0.05)
editor = tbkit.ui.ConverterEditor(hi, kit=kit)
editor"""


@pytest.fixture
def lab(tmp_path: Path) -> Any:
    reason = why_skip()
    if reason:
        pytest.skip(f"browser test {reason}")
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    notebook(root / "assist.ipynb", SETUP, SHOW)
    with jupyter(root, home) as server:
        yield server


def _inside(page: Any, selector: str) -> None:
    """The popup lies wholly inside the window (waits for it to be laid out)."""
    page.wait_for_function(
        """(s) => {
            const n = document.querySelector(s);
            if (!n) return false;
            const r = n.getBoundingClientRect();
            return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
        }""",
        arg=selector,
        timeout=10_000,
    )


def _contrast(page: Any, selector: str) -> float:
    page.evaluate(COLOUR_JS)
    return float(
        page.evaluate(
            "(s) => Math.min(...[...document.querySelectorAll(s)].map((n) => window.tbkitColour.textContrast(n)))",
            selector,
        )
    )


def _type_line(page: Any, text: str) -> None:
    page.locator(".tbkit-converter-editor .cm-content").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(text, delay=15)


def _clear_last_line(page: Any) -> None:
    page.keyboard.press("Escape")
    page.keyboard.press("Control+End")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")


def _completion(page: Any, theme: str) -> None:
    _type_line(page, "var v = parseB")
    option = page.locator(".cm-tooltip-autocomplete li:has-text('parseBytesToInt')").first
    option.wait_for()
    detail = option.locator(".cm-completionDetail").inner_text()
    assert detail == "(List|byte[] data, int offset, int length, boolean bigEndian)"
    _inside(page, ".cm-tooltip-autocomplete")
    assert _contrast(page, ".cm-tooltip-autocomplete li") >= 4.5
    page.screenshot(path=str(SCREENSHOTS / f"{theme}-assist-completion.png"))
    # by keyboard: narrowed to parseBytesToInt, Enter takes it, then the signature shows
    page.keyboard.type("ytesToI", delay=15)
    page.wait_for_function(
        "() => document.querySelector('.cm-tooltip-autocomplete li[aria-selected]')?.textContent"
        ".startsWith('parseBytesToInt')"
    )
    assert page.locator(".cm-tooltip-autocomplete li[aria-selected]").inner_text().startswith("parseBytesToInt")
    page.keyboard.press("Enter")
    page.keyboard.type("(payload, 0, ")
    signature = page.locator(".cm-tbkit-sig").first
    signature.wait_for()
    assert signature.locator(".cm-tbkit-sig-arg").first.inner_text() == "int length"
    _inside(page, ".cm-tbkit-sig")
    assert _contrast(page, ".cm-tbkit-sig div") >= 4.5
    _clear_last_line(page)


def _metadata_labels(page: Any) -> list[str]:
    """The completions offered after `metadata.`, once the last uplink's keys reached the page.

    The kernel sends the keys after the uplink's feed flush (at most once a second), so the
    first attempt may still see the test panel's metadata: retype until they arrive (10 s)."""
    deadline = time.monotonic() + 10
    while True:
        _type_line(page, "var m = metadata.")
        page.locator(".cm-tooltip-autocomplete").wait_for()
        labels = page.locator(".cm-tooltip-autocomplete li .cm-completionLabel").all_inner_texts()
        if "integrationName" in labels or time.monotonic() > deadline:
            return labels
        _clear_last_line(page)
        page.wait_for_timeout(250)


def _metadata_keys(page: Any) -> None:
    labels = _metadata_labels(page)
    assert "integrationName" in labels and "keySet" in labels, labels
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Space")  # by keyboard as well
    page.locator(".cm-tooltip-autocomplete li:has-text('integrationName')").first.click()  # and by mouse
    assert page.locator(".cm-line").last.inner_text() == "var m = metadata.integrationName"
    _clear_last_line(page)


def _hover(page: Any, theme: str) -> None:
    _type_line(page, "var t = toFixed(1.25, 1);")
    page.locator(".cm-line").last.locator("text=toFixed").hover()
    doc = page.locator(".cm-tooltip .cm-tbkit-doc").first
    doc.wait_for()
    assert doc.locator(".cm-tbkit-doc-sig").first.inner_text() == "toFixed(double value, int precision) → double"
    assert _contrast(page, ".cm-tbkit-doc div") >= 4.5
    _inside(page, ".cm-tooltip:has(.cm-tbkit-doc)")
    page.mouse.move(5, 5)
    page.wait_for_function("() => !document.querySelector('.cm-tooltip .cm-tbkit-doc')")
    # by keyboard: Mod-i on the name
    page.keyboard.press("Control+End")
    for _ in range(len("(1.25, 1);")):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Control+i")
    page.locator(".cm-tooltip.cm-tbkit-doc").first.wait_for()  # the tooltip is the docs box itself
    page.screenshot(path=str(SCREENSHOTS / f"{theme}-assist-hover.png"))
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('.cm-tbkit-doc')")
    _clear_last_line(page)


def _diagnostic(page: Any, theme: str) -> None:
    page.locator(".tbkit-converter-editor .cm-content").first.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("var z = nope(1);", delay=15)  # runs on every run: an error
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    page.locator(".cm-lintRange-error").first.wait_for()
    assert page.locator(".cm-lintRange-error").first.inner_text() == "nope"
    page.locator(".cm-lintRange-error").first.hover()
    message = page.locator(".cm-tooltip .cm-diagnostic").first
    message.wait_for()
    assert message.inner_text().startswith("unknown function 'nope': neither defined in this script nor")
    assert _contrast(page, ".cm-tooltip .cm-diagnostic") >= 4.5
    _inside(page, ".cm-tooltip:has(.cm-diagnostic)")
    page.screenshot(path=str(SCREENSHOTS / f"{theme}-assist-diagnostic.png"))
    page.mouse.move(5, 5)
    page.locator(".tbkit-converter-editor .cm-content").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("F8")  # from the keyboard: F8 goes to the next diagnostic, Mod-i shows it
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Control+i")
    shown = page.locator(".cm-tbkit-doc .cm-tbkit-diagnostic-error").first
    shown.wait_for()
    assert shown.inner_text().startswith("error: unknown function 'nope'")
    assert _contrast(page, ".cm-tbkit-doc .cm-tbkit-diagnostic") >= 4.5
    page.keyboard.press("Escape")
    page.locator(".tbkit-converter-editor .cm-content").first.click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Shift+End")
    page.keyboard.press("Backspace")
    page.keyboard.press("Delete")


def test_writing_help_in_jupyterlab_light_and_dark(lab: Any) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium(WIDTH, 900) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            open_notebook(page, lab.url("lab/tree/assist.ipynb"))
            run_all(page)
            url = wait_for_file(lab.root / "url.txt")
            assert post(url, "Sensor T1", 21.5)[0] == 204
            (lab.root / "go.txt").write_text("go")
            page.wait_for_selector(".tbkit-converter-editor .cm-content")
            for theme, name in (("light", LIGHT), ("dark", DARK)):
                set_theme(page, name)
                _completion(page, theme)
                _metadata_keys(page)
                _hover(page, theme)
                _diagnostic(page, theme)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "assist-failure.png"), full_page=True)
            raise
        assert errors == []
