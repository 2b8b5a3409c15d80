"""The Dashboard in a real JupyterLab, driven by headless Chromium (pytest -m browser), light and dark.

A notebook starts a kit; this process posts uplinks *before* the Dashboard is made, then lets the
notebook show it, and asserts in the DOM, in the light theme and again after switching to the dark
one: the Dashboard lists that earlier traffic; times read ``15:45:40.620`` and counts have their
plurals right; the converter editor's text has at least 4.5:1 contrast (computed from the
styles, also under the selection on the error line); the plot's colours are the theme's; the plot
offers no cloud action. It also checks escaping (a device named with HTML), the attribute to
downlink loop, the editor's error line and the Integration tab. Screenshots at 768 px, 1024 px (file
browser open), 1280 px and 1920 px in both themes go to tests/screenshots/ (git-ignored).

Needs /usr/bin/chromium and the playwright package; skips with the reason otherwise. No fixed
sleeps: every step waits for a condition in the page.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.ui.lab import (
    DARK,
    LIGHT,
    chromium,
    fold_file_browser,
    jupyter,
    notebook,
    open_notebook,
    run_all,
    run_all_until_written,
    set_theme,
    wait_for_file,
    why_skip,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
HTML_NAME = "<img src=x onerror=alert(1)>"
TIME = r"^\d{2}:\d{2}:\d{2}\.\d{3}$"

SETUP = '''\
import asyncio, pathlib
import tbkit, tbkit.ui

kit = tbkit.start(db="lab.db")
hi = kit.add_http_integration("HTTP", uplink="""var data = decodeToJson(payload);
return {deviceName: data.deviceName, deviceType: data.deviceType,
        attributes: {model: data.model}, telemetry: {temperature: data.temperature}};""",
    downlink="return {contentType: 'JSON', data: JSON.stringify(msg), metadata: {}};")
pathlib.Path("url.txt").write_text(hi.url)
kit'''
# the Dashboard is made only once the test has posted its uplinks (the kernel loop stays free meanwhile)
SHOW = """\
while not pathlib.Path("go.txt").exists():
    await asyncio.sleep(0.05)
dash = tbkit.ui.Dashboard(kit)
dash"""

# Colour arithmetic in the page: computed colours (rgb(), rgba() or color(srgb ...) from color-mix),
# backgrounds composited up the ancestors, WCAG relative luminance and contrast ratio.
COLOUR_JS = """
window.tbkitColour = (() => {
  function parse(text) {
    let m = text.match(/^rgba?\\(([^)]+)\\)$/);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = text.match(/^color\\(srgb ([^)]+)\\)$/);
    if (m) {
      const p = m[1].split(/[ /]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    if (text === 'transparent') return [0, 0, 0, 0];
    throw new Error('colour? ' + text);
  }
  const over = (top, under) => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mixc = (i) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
    return [mixc(0), mixc(1), mixc(2), a];
  };
  function background(node, extra = []) {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      layers.push(parse(getComputedStyle(n).backgroundColor));
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    for (const layer of extra) colour = over(layer, colour);
    return colour;
  }
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const lum = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  function contrast(fg, bg) {
    const f = over(fg, bg);
    const [a, b] = [lum(f) + 0.05, lum(bg) + 0.05];
    return a > b ? a / b : b / a;
  }
  function textContrast(node, extra = []) {
    return contrast(parse(getComputedStyle(node).color), background(node, extra));
  }
  function cssColour(expr) {
    const probe = document.createElement('div');
    probe.style.color = expr;
    document.body.append(probe);
    const value = parse(getComputedStyle(probe).color);
    probe.remove();
    return value;
  }
  return {parse, over, background, contrast, textContrast, cssColour};
})();
"""


@pytest.fixture
def lab(tmp_path: Path) -> Any:
    reason = why_skip()
    if reason:
        pytest.skip(f"browser test {reason}")
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    notebook(root / "dashboard.ipynb", SETUP, SHOW)
    with jupyter(root, home) as server:
        yield server


def post(url: str, device: str, temperature: float, body: bytes | None = None) -> tuple[int, bytes]:
    data = (
        body
        if body is not None
        else json.dumps(
            {"deviceName": device, "deviceType": "Temperature Sensor", "temperature": temperature, "model": "test"}
        ).encode()
    )
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _count(page: Any, selector: str, n: int) -> None:
    page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[selector, n])


def _text(page: Any, selector: str, text: str) -> None:
    page.wait_for_function("([s, t]) => document.querySelector(s)?.textContent === t", arg=[selector, text])


def test_dashboard_in_jupyterlab_light_and_dark(lab: Any) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium(1280, 1100) as page:
        dialogs: list[str] = []

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            _drive(page, lab, dialogs)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "dashboard-failure.png"), full_page=True)
            raise
        assert errors == []
        assert dialogs == []


def _drive(page: Any, lab: Any, dialogs: list[str]) -> None:
    open_notebook(page, lab.url("lab/tree/dashboard.ipynb"))
    fold_file_browser(page, False)
    run_all(page)
    url = wait_for_file(lab.root / "url.txt")
    # traffic first, the Dashboard after it
    traffic = [
        ("Sensor T1", 21.5),
        ("Sensor T2", 19.0),
        ("Sensor T1", 22.0),
        (HTML_NAME, 5.0),
        ("Sensor T2", 19.5),
        ("Sensor T1", 22.5),
    ]
    for i, (device, temperature) in enumerate(traffic):
        assert post(url, device, temperature)[0] == 204, i
    (lab.root / "go.txt").write_text("go")
    page.wait_for_selector(".tbkit-monitor", timeout=120_000)
    page.wait_for_selector(".tbkit-converter-editor .cm-content")
    page.evaluate(COLOUR_JS)

    _count(page, ".tbkit-monitor tr.tbkit-row", 6)  # from the store: the Dashboard came after them
    devices = page.eval_on_selector_all(".tbkit-monitor td.tbkit-device", "cells => cells.map(c => c.textContent)")
    assert devices == [d for d, _ in reversed(traffic)]
    assert page.locator(".tbkit-monitor img, .tbkit img").count() == 0
    _check_times_and_plurals(page, url)
    _count(page, ".js-plotly-plot .scatterlayer .trace .points path.point", 6)
    _check_plot(page)
    _check_theme(page, "light")
    _screens(page, "light")

    _check_attribute_to_downlink(page, url)
    _check_editor(page, "light")
    _check_integration_tab(page, lab, url)

    set_theme(page, DARK)
    _events_error_column_at_1024(page, url, "dark")
    page.click(".lm-TabBar-tabLabel:text-is('Decoder')")
    _check_theme(page, "dark")
    _check_editor(page, "dark")
    _screens(page, "dark")
    _check_replay(page, lab, "dark")
    set_theme(page, LIGHT)
    _check_theme(page, "light")
    _replay_contrast(page, "light")
    page.locator(".tbkit-converter-editor").first.screenshot(path=str(SCREENSHOTS / "light-editor-replay.png"))
    _check_replay_cancel(page, url)


def _check_times_and_plurals(page: Any, url: str) -> None:
    times = page.eval_on_selector_all(".tbkit-monitor td.tbkit-time", "cells => cells.map(c => c.textContent)")
    assert len(times) == 6 and all(re.match(TIME, t) for t in times), times
    _text(page, ".tbkit-status [data-tbkit=devices]", "3 devices")
    _text(page, ".tbkit-status [data-tbkit=uplinks]", "6 uplinks accepted")
    _text(page, ".tbkit-status [data-tbkit=errors]", "0 failed")
    assert post(url, "", 0, body=b"not json")[0] == 400
    _text(page, ".tbkit-status [data-tbkit=errors]", "1 failed")
    _count(page, ".tbkit-monitor tr.tbkit-row[data-status=BAD_REQUEST]", 1)
    # the status line, the uplink monitor and the integration panel count in the same words
    assert page.locator(".tbkit-monitor [data-tbkit=accepted]").inner_text() == "6 accepted"
    assert page.locator(".tbkit-monitor [data-tbkit=failed]").inner_text() == "1 failed"
    _text(page, ".tbkit-panel [data-tbkit=processed]", "6 accepted")
    _text(page, ".tbkit-panel [data-tbkit=errors]", "1 failed")


def _check_plot(page: Any) -> None:
    """Theme-independent: names, colours, plotly.js loaded once, no network, no cloud button."""
    got = page.evaluate("""() => {
        const gd = document.querySelector('.tbkit-plot.js-plotly-plot');
        const foreign = performance.getEntriesByType('resource').map((e) => e.name)
            .filter((u) => !u.startsWith(location.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
        const buttons = [...gd.querySelectorAll('.modebar-btn')].map((b) => b.getAttribute('data-title'));
        return {traces: gd.data.map((t) => [t.name, t.x.length, t.line.color]), foreign, buttons,
                blobScripts: document.querySelectorAll('script[src^="blob:"]').length,
                legend: [...gd.querySelectorAll('.legendtext')].map((n) => n.textContent)};
    }""")
    assert sorted(map(tuple, got["traces"])) == [
        ("&lt;img src=x onerror=alert(1)&gt; · temperature", 1, "#1f77b4"),
        ("Sensor T1 · temperature", 3, "#ff7f0e"),
        ("Sensor T2 · temperature", 2, "#2ca02c"),
    ]
    assert f"{HTML_NAME} · temperature" in got["legend"]  # plotly shows the escaped name as text
    assert page.locator(".js-plotly-plot img").count() == 0
    assert got["blobScripts"] == 1  # plotly.js, from the kernel's one PlotlyJS model
    assert got["foreign"] == []  # no CDN, no network
    assert "Download plot as a PNG" in got["buttons"]  # the toolbar is there, without a cloud action
    assert not [b for b in got["buttons"] if any(w in (b or "").lower() for w in ("share", "cloud", "edit in"))]


def _check_theme(page: Any, theme: str) -> None:
    """The plot's background and text are the theme's; it re-themes when the theme changes."""
    page.wait_for_function("""() => {
        const C = window.tbkitColour;
        const svg = document.querySelector('.tbkit-plot.js-plotly-plot .main-svg');
        const same = (a, b) => a.slice(0, 3).every((v, i) => Math.abs(v - b[i]) < 2);
        const bg = C.parse(getComputedStyle(svg).backgroundColor);
        const title = C.parse(getComputedStyle(svg.parentElement.querySelector('.xtitle')).fill);
        return same(bg, C.cssColour('var(--jp-layout-color0)')) && same(title, C.cssColour('var(--jp-ui-font-color1)'));
    }""")
    dark = page.evaluate(
        "() => window.tbkitColour.cssColour('var(--jp-layout-color0)').slice(0, 3).reduce((a, b) => a + b) / 3 < 128"
    )
    assert dark == (theme == "dark")
    worst = page.evaluate("""() => [...document.querySelectorAll(
        '.tbkit-monitor td, .tbkit-monitor th, .tbkit-bar span, .tbkit-bar code')].filter((n) => n.textContent.trim())
        .map((n) => [window.tbkitColour.textContrast(n), n.textContent.slice(0, 30)]).sort((a, b) => a[0] - b[0])[0]""")
    assert worst[0] >= 4.5, f"{theme}: text contrast {worst}"


def _editor_contrasts(page: Any) -> dict[str, float]:
    return page.evaluate("""() => {
        const C = window.tbkitColour;
        const view = document.querySelector('.tbkit-converter-editor .cm-editor');
        const tokens = [...view.querySelectorAll('.cm-line, .cm-line span')].filter((n) => n.textContent.trim());
        const selection = [...view.querySelectorAll('.cm-selectionBackground')]
            .map((n) => C.parse(getComputedStyle(n).backgroundColor));
        const errorLine = view.querySelector('.cm-tbkit-error-line');
        const inError = errorLine ? [...errorLine.querySelectorAll('span')].filter((n) => n.textContent.trim()) : [];
        const cursor = view.querySelector('.cm-cursor');
        const gutter = view.querySelector('.cm-activeLineGutter');
        const under = (node, extra) => C.textContrast(node, extra);
        const worst = tokens.map((n) => [under(n), n.textContent.slice(0, 20), getComputedStyle(n).color])
            .sort((x, y) => x[0] - y[0]).slice(0, 3);
        return {
            worst,
            text: Math.min(...tokens.map((n) => under(n))),
            selectedErrorLine: inError.length && selection.length
                ? Math.min(...inError.map((n) => {
                    // the selection layer lies under the line: page, editor, selection, then the line's tint
                    const bg = C.over(C.parse(getComputedStyle(errorLine).backgroundColor),
                                      C.over(selection[0], C.background(view)));
                    return C.contrast(C.parse(getComputedStyle(n).color), bg);
                })) : 0,
            lineAlpha: C.parse(getComputedStyle(errorLine || view).backgroundColor)[3],
            activeGutter: gutter ? under(gutter) : 0,
            cursor: cursor ? C.contrast(C.parse(getComputedStyle(cursor).borderLeftColor), C.background(view)) : 0,
        };
    }""")


def _check_engine_labels(page: Any, theme: str) -> None:
    """The status line and the editor name the JS engine the converters target, readably, with a tooltip."""
    status = page.locator(".tbkit-status [data-tbkit=js-engine]")
    label = page.locator(".tbkit-converter-editor [data-tbkit=engine]").first
    assert (status.inner_text(), label.inner_text()) == ("JS engine: remote", "remote JS engine")
    for node in (status, label):
        assert "Nashorn" in (node.get_attribute("title") or "")
        ratio = page.evaluate("(n) => window.tbkitColour.textContrast(n)", node.element_handle())
        assert ratio >= 4.5, f"{theme}: engine label contrast {ratio}"


def _check_editor(page: Any, theme: str) -> None:
    page.click(".lm-TabBar-tabLabel:text-is('Decoder')")
    _check_engine_labels(page, theme)
    editor = page.locator(".tbkit-converter-editor").first
    content = editor.locator(".cm-content")
    assert content.get_attribute("aria-label") == "decoder (uplink converter) script"
    hint = page.locator(f"#{content.get_attribute('aria-describedby')}").inner_text()
    assert hint == "Esc then Tab leaves the editor"
    content.click()
    if theme == "light":  # a broken decoder typed in: its error line is marked
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.type("var a = 1;\nvar b = ;\nreturn {deviceName: 'x'};\n")
        page.wait_for_selector(".tbkit-converter-editor .cm-tbkit-error-line")
        marked = page.locator(".tbkit-converter-editor .cm-tbkit-error-line").first.inner_text()
        assert marked.strip() == "var b = ;"
        assert page.locator(".tbkit-converter-editor .cm-lint-marker-error").count() >= 1
        editor.locator("[data-tbkit=run]").click()
        page.wait_for_function(
            "() => document.querySelector('.tbkit-converter-editor [data-tbkit=error]').textContent.includes(':2')"
        )
    content.click()
    page.keyboard.press("Control+a")  # select everything: the error line and the active line lie over it
    page.wait_for_selector(".tbkit-converter-editor .cm-selectionBackground")
    ratios = _editor_contrasts(page)
    assert ratios["text"] >= 4.5, f"{theme}: editor text {ratios}"
    assert ratios["selectedErrorLine"] >= 4.5, f"{theme}: selected error line {ratios}"
    assert ratios["lineAlpha"] < 0.5, f"{theme}: the error line would hide the selection {ratios}"
    assert ratios["cursor"] >= 3, f"{theme}: cursor {ratios}"
    assert ratios["activeGutter"] >= 4.5, f"{theme}: active line number {ratios}"
    page.locator(".tbkit-converter-editor .cm-lint-marker-error").first.hover()
    tooltip = page.wait_for_selector(".cm-tooltip .cm-diagnostic")
    ratio = page.evaluate("(n) => window.tbkitColour.textContrast(n)", tooltip)
    assert ratio >= 4.5, f"{theme}: error tooltip contrast {ratio:.2f}"
    page.screenshot(path=str(SCREENSHOTS / f"{theme}-editor-error.png"))
    # Escape then Tab leaves the editor (the hint says so)
    content.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.activeElement.closest('.cm-editor')")


T2_TIMES_TEN = (
    "var d = decodeToJson(payload); return {deviceName: d.deviceName, deviceType: d.deviceType, "
    "attributes: {model: d.model}, telemetry: {temperature: d.deviceName == 'Sensor T2' "
    "? d.temperature * 10 : d.temperature}};"
)


def _type_decoder(page: Any, source: str) -> None:
    page.locator(".tbkit-converter-editor .cm-content").first.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(source)


def _recorded(lab: Any) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{lab.root / 'lab.db'}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT count(*) FROM uplinks").fetchone()[0])


def _check_replay(page: Any, lab: Any, theme: str) -> None:
    """Replay the recorded traffic through an edited decoder: the summary and the first diffs, nothing saved."""
    page.click(".lm-TabBar-tabLabel:text-is('Decoder')")
    editor = page.locator(".tbkit-converter-editor").first
    _type_decoder(page, T2_TIMES_TEN)
    total = _recorded(lab)
    editor.locator("[data-tbkit=replay]").click()
    page.wait_for_selector(".tbkit-converter-editor [data-tbkit=replay-summary] [data-key=changed]")
    counters = editor.locator("[data-tbkit=replay-summary] [data-key]").all_inner_texts()
    assert counters == [f"{total - 2} same", "2 changed", "0 new errors", "0 fixed errors"], counters
    state = editor.locator("[data-tbkit=replay-state]").inner_text()
    assert state == (
        f"{total} recorded uplinks replayed, nothing saved; in the diffs - is the running converter, + this script"
    )
    heads = editor.locator(".tbkit-replay-head").all_inner_texts()
    assert [re.sub(r"\d\d:\d\d:\d\d\.\d{3}", "T", h) for h in heads] == [
        "uplink 2: T · Sensor T2 · changed",
        "uplink 5: T · Sensor T2 · changed",
    ], heads
    added = [t.rstrip("\n") for t in editor.locator(".tbkit-diff-add").all_inner_texts()]
    removed = [t.rstrip("\n") for t in editor.locator(".tbkit-diff-del").all_inner_texts()]
    assert (added, removed) == (
        ['+          "temperature": 190', '+          "temperature": 195'],
        ['-          "temperature": 19', '-          "temperature": 19.5'],
    )
    assert editor.locator("[data-tbkit=cancel-replay]").is_hidden()
    assert editor.locator("[data-tbkit=saved]").inner_text() == "unsaved changes"  # replayed, not saved
    assert "saved" not in editor.locator("[data-tbkit=status]").inner_text()
    _replay_contrast(page, theme)
    editor.screenshot(path=str(SCREENSHOTS / f"{theme}-editor-replay.png"))


def _replay_contrast(page: Any, theme: str) -> None:
    ratios = page.evaluate("""() => [...document.querySelectorAll(
        '.tbkit-converter-editor .tbkit-diff-add, .tbkit-converter-editor .tbkit-diff-del, '
        + '.tbkit-converter-editor .tbkit-diff-hunk, .tbkit-converter-editor [data-tbkit=replay-state]')]
        .map((n) => window.tbkitColour.textContrast(n))""")
    assert ratios and min(ratios) >= 4.5, f"{theme}: replay text contrast {ratios}"


def _check_replay_cancel(page: Any, url: str) -> None:
    """A long replay (600 more uplinks, a slow decoder) shows its progress and stops on Cancel."""
    for i in range(600):
        assert post(url, "Sensor T3", float(i))[0] == 204, i
    editor = page.locator(".tbkit-converter-editor").first
    _type_decoder(page, "var t0 = Date.now(); while (Date.now() - t0 < 10) {} " + T2_TIMES_TEN)
    editor.locator("[data-tbkit=replay]").click()
    page.wait_for_function("""() => {
        const p = document.querySelector('.tbkit-converter-editor [data-tbkit=replay-progress]');
        return p && !p.hidden && p.value >= 256;
    }""")
    assert editor.locator("[data-tbkit=replay]").is_disabled()
    state = editor.locator("[data-tbkit=replay-state]").inner_text()
    assert re.fullmatch(r"(256|512) of \d{3} uplinks", state), state
    editor.screenshot(path=str(SCREENSHOTS / "light-editor-replay-progress.png"))
    editor.locator("[data-tbkit=cancel-replay]").click()
    page.wait_for_function("""() => document.querySelector('.tbkit-converter-editor [data-tbkit=replay-state]')
        .textContent.startsWith('cancelled after')""")
    state = editor.locator("[data-tbkit=replay-state]").inner_text()
    assert re.fullmatch(r"cancelled after (256|512) of \d{3} uplinks", state), state
    assert editor.locator("[data-tbkit=cancel-replay]").is_hidden()
    assert editor.locator("[data-tbkit=replay]").is_enabled()
    editor.screenshot(path=str(SCREENSHOTS / "light-editor-replay-cancelled.png"))


def _check_attribute_to_downlink(page: Any, url: str) -> None:
    page.click(".lm-TabBar-tabLabel:text-is('Attributes')")
    attributes = page.locator(".tbkit-attributes")
    picker = attributes.locator("select[data-tbkit=entity]")
    assert (
        page.evaluate("(id) => document.querySelector(`label[for='${id}']`).textContent", picker.get_attribute("id"))
        == "Attributes of"
    )
    picker.select_option("Sensor T1")
    attributes.locator("[data-tbkit=key]").fill("firmware")
    attributes.locator("[data-tbkit=value]").fill("01052020.v1.2")
    attributes.locator("[data-tbkit=save-attribute]").click()
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=PENDING]")
    page.wait_for_selector(".tbkit-attributes tr.tbkit-attr[data-scope=SHARED_SCOPE][data-key=firmware]")
    edit = attributes.locator("tr.tbkit-attr[data-key=firmware] button")
    assert edit.get_attribute("aria-label") == "edit shared attribute firmware"
    assert post(url, "Sensor T1", 23.0) == (200, b'{"firmware":"01052020.v1.2"}')
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=DELIVERED]")
    # two saves before the next uplink: the first is REPLACED; the column says "done", not "delivered"
    for firmware in ("v1.3", "v1.4"):
        attributes.locator("[data-tbkit=key]").fill("firmware")
        attributes.locator("[data-tbkit=value]").fill(firmware)
        attributes.locator("[data-tbkit=save-attribute]").click()
        page.wait_for_function(
            "(v) => [...document.querySelectorAll('.tbkit-attributes tr.tbkit-downlink')]"
            ".some((r) => r.dataset.status === 'PENDING' && r.textContent.includes(v))",
            arg=firmware,
        )
    page.wait_for_selector(".tbkit-attributes tr.tbkit-downlink[data-status=REPLACED]")
    heads = attributes.locator("table[data-tbkit=downlinks] th").all_inner_texts()
    assert "done" in heads and "delivered" not in heads, heads
    assert post(url, "Sensor T1", 23.5) == (200, b'{"firmware":"v1.4"}')
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.tbkit-attributes tr.tbkit-downlink')]"
        ".some((r) => r.dataset.status === 'PENDING')"
    )
    # the three scopes' tables share their column widths
    lefts = page.evaluate("""() => [...document.querySelectorAll('.tbkit-attributes .tbkit-scopes table')]
        .map((t) => [...t.querySelectorAll('col')].map((c) => Math.round(c.getBoundingClientRect().width)))""")
    assert len(lefts) == 3 and lefts[0] == lefts[1] == lefts[2], lefts
    page.screenshot(path=str(SCREENSHOTS / "light-attributes.png"))


def _check_integration_tab(page: Any, lab: Any, url: str) -> None:
    page.click(".lm-TabBar-tabLabel:text-is('Events')")
    _count(page, ".tbkit-events tr.tbkit-event", 10)
    labels = page.eval_on_selector_all(
        ".tbkit-events select, .tbkit-events input", "nodes => nodes.map(n => n.getAttribute('aria-label'))"
    )
    assert labels == ["event type", "status", "integration", "search the events"]
    page.screenshot(path=str(SCREENSHOTS / "light-events.png"))
    _events_error_column_at_1024(page, url, "light")
    page.click(".lm-TabBar-tabLabel:text-is('Integration')")
    panel = page.locator(".tbkit-panel")
    assert panel.locator(".tbkit-title").first.inner_text() == "HTTP"  # the name, not "Integration HTTP"
    assert panel.locator("[data-tbkit=url]").inner_text() == url
    _binary_curl_sends_three_bytes(panel, lab)
    names = panel.locator("[data-tbkit=copy]").evaluate_all("nodes => nodes.map(n => n.getAttribute('aria-label'))")
    assert len(names) == len(set(names)) and names[0] == "copy the endpoint URL"
    panel.locator("[data-tbkit=security]").check()
    panel.locator("[data-tbkit=add-header]").click()
    page.wait_for_selector(".tbkit-panel [data-tbkit=remove-header]")
    assert panel.locator("[data-tbkit=remove-header]").get_attribute("aria-label") == "remove header X-Api-Key"
    page.screenshot(path=str(SCREENSHOTS / "light-integration.png"))
    panel.locator("[data-tbkit=remove-header]").click()
    panel.locator("[data-tbkit=security]").uncheck()
    page.wait_for_selector(".tbkit-panel [data-tbkit=headers][hidden]", state="attached")
    panel.locator("[data-tbkit=enabled]").uncheck()
    _until(lambda: post(url, "Sensor T1", 1.0)[0] == 404)
    panel.locator("[data-tbkit=enabled]").check()
    _until(lambda: post(url, "Sensor T1", 1.0)[0] == 204)
    page.click(".lm-TabBar-tabLabel:text-is('Decoder')")


def _events_error_column_at_1024(page: Any, url: str, theme: str) -> None:
    """At 1024 px beside the file browser, a refused uplink's error reads past its converter's name."""
    assert post(url, "", 0, body=b'{"temperature": 1}')[0] == 400  # no deviceName: the converter's error
    page.click(".lm-TabBar-tabLabel:text-is('Events')")
    page.set_viewport_size({"width": 1024, "height": 1100})
    fold_file_browser(page, True)
    page.locator("tbkit-events, .tbkit-events").first.scroll_into_view_if_needed()
    row = page.locator(".tbkit-events tr.tbkit-event[data-status=ERROR]:has-text('deviceName')").first
    cell = row.locator("td").last
    shown = cell.evaluate("""(td) => {
        const div = td.firstElementChild, range = document.createRange();
        range.selectNodeContents(div);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return {lines: lines.size, width: td.getBoundingClientRect().width, text: div.textContent};
    }""")
    assert shown["lines"] >= 2 and shown["width"] > 180, shown  # wraps instead of "HTTP Upli…"
    assert shown["text"].startswith("HTTP Uplink Converter: "), shown
    ratio = cell.evaluate("(td) => window.tbkitColour.textContrast(td.firstElementChild)")
    assert ratio >= 4.5, f"{theme}: error text contrast {ratio:.2f}"
    page.locator(".tbkit-events").first.screenshot(path=str(SCREENSHOTS / f"{theme}-events-1024.png"))
    fold_file_browser(page, False)
    page.set_viewport_size({"width": 1280, "height": 1100})


def _binary_curl_sends_three_bytes(panel: Any, lab: Any) -> None:
    """The Integration tab's application/octet-stream curl, run as shown, posts the three bytes 01 02 03."""
    import shutil
    import subprocess

    if shutil.which("curl") is None:
        return
    commands = panel.locator("details pre").all_text_contents()
    (binary,) = [c for c in commands if "application/octet-stream" in c]
    assert binary.startswith("printf '\\001\\002\\003' | curl "), binary
    done = subprocess.run(["sh", "-c", binary], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    import sqlite3

    with sqlite3.connect(f"file:{lab.root / 'lab.db'}?mode=ro", uri=True) as db:
        last = db.execute("SELECT content_type, body FROM uplinks ORDER BY id DESC LIMIT 1").fetchone()
    assert (last[0], bytes(last[1])) == ("application/octet-stream", b"\x01\x02\x03")


def _screens(page: Any, theme: str) -> None:
    """The Dashboard at 1024 px with the file browser open, 1280 px and 1920 px; the layout must hold."""
    for width, browser_open in ((768, False), (1024, True), (1280, False), (1920, False)):
        page.set_viewport_size({"width": width, "height": 1100})
        fold_file_browser(page, browser_open)
        _layout_holds(page)
        page.locator(".jp-OutputArea-output:has(.tbkit-status)").screenshot(
            path=str(SCREENSHOTS / f"{theme}-{width}.png")
        )
    fold_file_browser(page, False)
    page.set_viewport_size({"width": 1280, "height": 1100})


LAYOUT_JS = """() => {
    const table = document.querySelector('.tbkit-monitor .tbkit-scroll');
    const box = table.getBoundingClientRect();
    const cells = [...document.querySelectorAll('.tbkit-monitor tr.tbkit-row td:nth-child(3)')];
    const cut = cells
        .filter((c) => c.getBoundingClientRect().right > box.right + 1 || c.scrollWidth > c.clientWidth + 1)
        .map((c) => c.textContent);
    const picker = document.querySelector('.tbkit-series select');
    const column = picker.closest('.widget-vbox').getBoundingClientRect();
    const pickerRight = picker.getBoundingClientRect().right, columnRight = column.right;
    const plot = document.querySelector('.tbkit-plot.js-plotly-plot');
    const legend = plot.querySelector('.legend').getBoundingClientRect();
    const xtitle = plot.querySelector('.xtitle').getBoundingClientRect();
    const area = plot.querySelector('.draglayer .nsewdrag').getBoundingClientRect();
    const clear = (legend.bottom <= xtitle.top || legend.top >= xtitle.bottom) && legend.bottom <= area.top + 1;
    const drawn = plot.querySelector('.main-svg').getBoundingClientRect().width;
    const fitted = Math.abs(drawn - plot.getBoundingClientRect().width) < 2;  // resized to its column
    return {cells: cells.length, cut, pickerRight, columnRight, legend: [legend.top, legend.bottom],
            xtitle: [xtitle.top, xtitle.bottom], clear, drawn, fitted,
            ok: cells.length > 0 && cut.length === 0 && pickerRight <= columnRight + 1 && clear && fitted};
}"""


def _layout_holds(page: Any) -> None:
    """Status cells are whole and inside the table; the series picker fits its column; the plot is
    redrawn to its column's width and its legend is clear of the plot area and the x-axis title."""
    try:
        page.wait_for_function(f"() => ({LAYOUT_JS})().ok", timeout=30_000)
    except Exception as exc:
        raise AssertionError(f"layout: {page.evaluate(LAYOUT_JS)}") from exc


def _until(check: Any, timeout: float = 60) -> None:
    """Retry a check that depends on a change travelling to the kernel (each try is a real request)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition never held"
        time.sleep(0.05)  # polling the condition


@pytest.fixture
def notebook7(tmp_path: Path) -> Any:
    reason = why_skip()
    if reason:
        pytest.skip(f"browser test {reason}")
    pytest.importorskip("notebook", minversion="7", reason="Notebook 7 is not installed (pip install 'notebook>=7')")
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    notebook(root / "dashboard.ipynb", SETUP, SHOW)
    with jupyter(root, home, app="notebook") as server:
        yield server


def test_dashboard_in_notebook7(notebook7: Any) -> None:
    """The same Dashboard renders and updates in Notebook 7 (``jupyter notebook``)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium(1280, 1100) as page:
        errors: list[str] = []  # ours: raised in a widget module (anywidget loads them from blob: URLs)
        page.on("pageerror", lambda e: errors.append(str(e)) if "blob:" in (e.stack or "") else None)
        try:
            _drive_notebook7(page, notebook7)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "notebook7-failure.png"), full_page=True)
            raise
        page.locator(".jp-OutputArea-output:has(.tbkit-status)").screenshot(path=str(SCREENSHOTS / "notebook7.png"))
        assert errors == []


def _drive_notebook7(page: Any, notebook7: Any) -> None:
    page.goto(notebook7.url("notebooks/dashboard.ipynb"))
    page.wait_for_selector(".jp-Notebook")
    page.wait_for_function("""() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status
        === 'idle' && document.querySelector('.jp-NotebookKernelStatus')?.textContent.trim() === ''""")
    url = run_all_until_written(page, notebook7.root / "url.txt")
    for device, temperature in (("Sensor T1", 21.5), ("Sensor T2", 19.0)):
        assert post(url, device, temperature)[0] == 204
    (notebook7.root / "go.txt").write_text("go")
    _count(page, ".tbkit-monitor tr.tbkit-row", 2)
    _count(page, ".js-plotly-plot .scatterlayer .trace .points path.point", 2)
    assert post(url, "Sensor T3", 18.0)[0] == 204  # live, after the Dashboard
    _count(page, ".tbkit-monitor tr.tbkit-row", 3)
    _text(page, ".tbkit-status [data-tbkit=devices]", "3 devices")
