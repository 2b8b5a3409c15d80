"""tbkit's plots in JupyterLab (headless Chromium), light and dark, at 1024 and 1280 px.

- **No cloud actions, whatever renders the figure.** ``telemetry_figure`` shown as a cell's value (JupyterLab's
  plotly renderer), through ``pio.show(fig)`` and ``fig.show()``, and the live ``TelemetryPlot``: no toolbar
  button shares, uploads or edits in Chart Studio, no plotly.com logo or link.
- **The toolbar never covers the legend** of the live plot or the static figure, with seven series.
- **A lone point** (one uplink) gets a time axis of a minute either side, not sub-millisecond ticks, in both
  plots; the live plot's axis follows the data again once a second point comes.

Screenshots go to tests/screenshots/ (git-ignored). Needs /usr/bin/chromium and playwright; skips otherwise.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.ui.lab import (
    DARK,
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
from tests.ui.test_browser import post

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
SETUP = '''\
import asyncio, pathlib
import plotly.io as pio
import tbkit, tbkit.ui
from tbkit.plots import telemetry_figure

kit = tbkit.start(db="plots.db", fresh=True)
hi = kit.add_http_integration("HTTP", uplink="""var data = decodeToJson(payload);
return {deviceName: data.deviceName, telemetry: {temperature: data.temperature}};""")
pathlib.Path("url.txt").write_text(hi.url)
while not pathlib.Path("go.txt").exists():
    await asyncio.sleep(0.05)
fig = telemetry_figure(kit.telemetry(), title="seven series")
fig'''
CELLS = [
    SETUP,
    'telemetry_figure(kit.telemetry("Lone"), title="one point")',
    "pio.show(fig)",
    "fig.show()",
    "tbkit.ui.TelemetryPlot(kit, title='live, seven series')",
    "tbkit.ui.TelemetryPlot(kit, entity='Lone', title='live, one point')",
]
DEVICES = ["Sensor T1", "Sensor T2", "Greenhouse GH-0001", "Greenhouse GH-0002", "Boiler room", "Roof"]
FORBIDDEN = ("share", "cloud", "chart studio", "edit in", "plotly.com", "produced with plotly")

# Every plot on the page: its kind, toolbar buttons and links, and the legend's and toolbar's boxes.
PLOTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) => {
    const box = (n) => { if (!n) return null; const r = n.getBoundingClientRect(); return [r.left, r.top, r.right,
        r.bottom]; };
    const buttons = [...gd.querySelectorAll('.modebar-btn')];
    return {
        live: gd.classList.contains('tbkit-plot'),
        title: gd.querySelector('.gtitle')?.textContent
            || gd.closest('.jp-OutputArea-output')?.previousElementSibling?.textContent
            || gd.parentElement.querySelector('.tbkit-plot-title')?.textContent || '',
        buttons: buttons.map((b) => [b.getAttribute('data-title') || '', b.getAttribute('href') || '',
                                     b.className.baseVal ?? b.className]),
        logo: gd.querySelectorAll('.modebar-btn--logo, a[href*="plotly.com"], a[href*="plot.ly"]').length,
        legend: box(gd.querySelector('.legend')),
        modebar: box(gd.querySelector('.modebar')),
        ticks: [...gd.querySelectorAll('.xtick text')].map((t) => t.textContent),
        traces: gd.data.length,
    };
})"""


@pytest.fixture
def lab(tmp_path: Path) -> Any:
    reason = why_skip()
    if reason:
        pytest.skip(f"browser test {reason}")
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    notebook(root / "plots.ipynb", *CELLS)
    with jupyter(root, home) as server:
        yield server


def test_plots_offer_no_cloud_keep_the_legend_clear_and_show_a_lone_point(lab: Any) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium(1280, 1000) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            _drive(page, lab)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "plots-failure.png"), full_page=True)
            raise
        assert errors == []


def _drive(page: Any, lab: Any) -> None:
    open_notebook(page, lab.url("lab/tree/plots.ipynb"))
    fold_file_browser(page, False)
    run_all(page)
    url = wait_for_file(lab.root / "url.txt")
    for round_ in range(3):
        for n, device in enumerate(DEVICES):
            assert post(url, device, 20.0 + n + round_)[0] == 204
    assert post(url, "Lone", 7.0)[0] == 204
    (lab.root / "go.txt").write_text("go")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length === 6", timeout=120_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .legend').length === 6")
    for theme in ("light", "dark"):
        if theme == "dark":
            set_theme(page, DARK)
        for width, browser_open in ((1280, False), (1024, True), (1024, False)):
            page.set_viewport_size({"width": width, "height": 1000})
            fold_file_browser(page, browser_open)
            _check(page, f"{theme} at {width} px{' beside the file browser' if browser_open else ''}")
            _screens(page, f"{theme}-{width}{'-browser' if browser_open else ''}")
    fold_file_browser(page, False)
    _lone_point_is_followed(page, url)


def _plots(page: Any) -> list[dict[str, Any]]:
    # the live plots lay out their legend after a redraw at a new width: wait for the toolbar to be clear
    page.wait_for_function(
        f"() => ({PLOTS_JS})().every((p) => p.legend && p.modebar && "
        "(p.legend[2] <= p.modebar[0] || p.legend[3] <= p.modebar[1] || "
        "p.legend[1] >= p.modebar[3] || p.legend[0] >= p.modebar[2]))",
        timeout=30_000,
    )
    return list(page.evaluate(PLOTS_JS))


def _check(page: Any, where: str) -> None:
    plots = _plots(page)
    assert [p["live"] for p in plots] == [False, False, False, False, True, True], where
    assert [p["traces"] for p in plots] == [7, 1, 7, 7, 7, 1], where
    for plot in plots:
        said = [" ".join(b[:2]).strip().lower() for b in plot["buttons"]]
        assert "download plot as a png" in said, (where, said)  # the toolbar is there...
        assert not [b for b in said if any(w in b for w in FORBIDDEN)], (where, said)  # ...without cloud actions
        assert plot["logo"] == 0, where
    lone = [p for p in plots if p["traces"] == 1]
    for plot in lone:
        assert plot["ticks"] and not [t for t in plot["ticks"] if re.search(r"\d\.\d", t)], (where, plot["ticks"])
    assert page.locator("a[href*='plotly.com'], a[href*='plot.ly']").count() == 0


def _screens(page: Any, name: str) -> None:
    plots = page.locator(".js-plotly-plot")
    for i in (0, 1, 4, 5):  # the value shown, the lone point, the two live plots
        plot = plots.nth(i)
        plot.scroll_into_view_if_needed()
        page.mouse.move(0, 0)
        plot.hover()  # the toolbar shows on hover
        plot.screenshot(path=str(SCREENSHOTS / f"plot-{name}-{i}.png"))


def _lone_point_is_followed(page: Any, url: str) -> None:
    """A second point of the lone device: the live plot's axis is the data's again (seconds apart)."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    before = page.evaluate(PLOTS_JS)[5]["ticks"]
    assert post(url, "Lone", 8.0)[0] == 204
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot')[5].data[0].x.length === 2")
    page.wait_for_function("""() => {
        const gd = document.querySelectorAll('.js-plotly-plot')[5];
        const [a, b] = gd.layout.xaxis.range.map((v) => new Date(v).getTime());
        return gd.layout.xaxis.autorange === true && b - a < 60_000;  // no longer a minute either side
    }""")
    assert page.evaluate(PLOTS_JS)[5]["ticks"] != before
