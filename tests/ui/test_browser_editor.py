"""The Dashboard's converter editor in JupyterLab (headless Chromium, 1280x800), light and dark, as a new user
meets it: whether the script in the editor is the running one, where Save's answer shows, feedback that goes
stale, and switching the test payload's type.

- **Saved state.** The header says "saved" only while the editor holds exactly the running script: an edit
  (``oops();`` added, saved, deleted again) shows "unsaved changes" at once, and typing back to the saved text
  shows "saved" again; the endpoint answers from the saved script meanwhile. The Encoder tab behaves alike.
- **Feedback where it belongs.** Save's answer sits by the Save button, inside the 800 px viewport; an edit
  clears it. A Replay refused for a compile error stops saying so once the script compiles; after Save the
  replay of the saved script says that it compared the converter Save replaced. "Last uplink" clears the
  previous input error.
- **Payload type.** JSON → HEX → BASE64 → TEXT converts the payload (the decoder gets the same bytes); what
  cannot be converted is said in words, next to the type.

Screenshots go to tests/screenshots/ (git-ignored). Needs /usr/bin/chromium and playwright; skips otherwise.
"""

from __future__ import annotations

import json
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
from tests.ui.test_browser import COLOUR_JS, post

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
DECODER = (
    "var data = decodeToJson(payload); return {deviceName: data.deviceName, deviceType: data.deviceType, "
    "telemetry: {temperature: data.temperature}};"
)
OOPS = "oops(); "
SETUP = f"""\
import asyncio, pathlib
import tbkit, tbkit.ui

kit = tbkit.start(db="editor.db", fresh=True)
hi = kit.add_http_integration("HTTP", uplink={DECODER!r},
    downlink="return {{contentType: 'JSON', data: JSON.stringify(msg), metadata: {{}}}};")
pathlib.Path("url.txt").write_text(hi.url)
while not pathlib.Path("go.txt").exists():
    await asyncio.sleep(0.05)
tbkit.ui.Dashboard(kit)"""
EDITOR = ".tbkit-converter-editor"


@pytest.fixture
def lab(tmp_path: Path) -> Any:
    reason = why_skip()
    if reason:
        pytest.skip(f"browser test {reason}")
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    notebook(root / "editor.ipynb", SETUP)
    with jupyter(root, home) as server:
        yield server


def test_the_editor_says_what_runs_and_answers_by_its_buttons_light_and_dark(lab: Any) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium(1280, 800) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            url = _open(page, lab)
            _saved_state(page, url, "light")
            _stale_feedback(page, url)
            _payload_type(page)
            set_theme(page, DARK)
            page.click(".lm-TabBar-tabLabel:text-is('Decoder')")
            _saved_state(page, url, "dark")
            _payload_note(page, "dark")
            _encoder_saved_state(page)
        except Exception:
            page.screenshot(path=str(SCREENSHOTS / "editor-failure.png"), full_page=True)
            raise
        assert errors == []


def _open(page: Any, lab: Any) -> str:
    open_notebook(page, lab.url("lab/tree/editor.ipynb"))
    fold_file_browser(page, False)
    run_all(page)
    url = wait_for_file(lab.root / "url.txt")
    assert post(url, "Sensor T1", 21.0)[0] == 204  # a last uplink for the editor to load
    (lab.root / "go.txt").write_text("go")
    page.wait_for_selector(f"{EDITOR} .cm-content", timeout=120_000)
    page.evaluate(COLOUR_JS)
    page.click(".lm-TabBar-tabLabel:text-is('Decoder')")
    return url


def _wait_text(page: Any, selector: str, text: str, index: int = 0) -> None:
    page.wait_for_function(
        "([s, t, i]) => document.querySelectorAll(s)[i]?.textContent === t", arg=[selector, text, index]
    )


def _saved(page: Any, want: str) -> None:
    """The header's saved state reads ``want`` (it is worked out in the page, with no kernel round trip)."""
    _wait_text(page, f"{EDITOR} [data-tbkit=saved]", want)


def _type_at_start(page: Any, text: str) -> None:
    page.locator(f"{EDITOR} .cm-content").first.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type(text)


def _delete_at_start(page: Any, count: int) -> None:
    page.locator(f"{EDITOR} .cm-content").first.click()
    page.keyboard.press("Control+Home")
    for _ in range(count):
        page.keyboard.press("Delete")


def _saved_state(page: Any, url: str, theme: str) -> None:
    editor = page.locator(EDITOR).first
    _saved(page, "saved")
    _type_at_start(page, OOPS)  # a script that compiles and fails at run time
    _saved(page, "unsaved changes")
    editor.locator("[data-tbkit=save]").click()
    _wait_text(page, f"{EDITOR} [data-tbkit=status]", "saved: the next request uses it")
    _saved(page, "saved")
    _answer_by_the_button(page, theme)
    status, body = post(url, "Sensor T1", 22.0)
    assert status == 400 and "ReferenceError: oops is not defined" in json.loads(body)["message"]
    _delete_at_start(page, len(OOPS))  # the step: oops() deleted, not saved
    _saved(page, "unsaved changes")
    _wait_text(page, f"{EDITOR} [data-tbkit=status]", "")  # the edit made Save's answer stale
    _contrast(page, f"{EDITOR} [data-tbkit=saved]", theme)
    editor.screenshot(path=str(SCREENSHOTS / f"{theme}-editor-unsaved.png"))
    assert post(url, "Sensor T1", 22.0)[0] == 400  # what runs is still the saved script
    _type_at_start(page, OOPS)  # typed back to the saved text
    _saved(page, "saved")
    _delete_at_start(page, len(OOPS))
    page.keyboard.press("Control+s")  # Save from the keyboard: the header flips, the status by the button
    _wait_text(page, f"{EDITOR} [data-tbkit=status]", "saved: the next request uses it")
    _saved(page, "saved")
    assert post(url, "Sensor T1", 22.0)[0] == 204


def _answer_by_the_button(page: Any, theme: str) -> None:
    """Save's answer is next to the Save button and inside the viewport (1280x800)."""
    got = page.evaluate(f"""() => {{
        const editor = document.querySelector('{EDITOR}');
        const save = editor.querySelector('[data-tbkit=save]').getBoundingClientRect();
        const status = editor.querySelector('[data-tbkit=status]').getBoundingClientRect();
        return {{save: [save.top, save.bottom, save.right], status: [status.top, status.bottom, status.left],
                 height: innerHeight}};
    }}""")
    save, status = got["save"], got["status"]
    assert abs(status[0] - save[0]) < 20 and 0 <= status[2] - save[2] < 40, got  # same row, just after Save
    assert 0 <= status[0] and status[1] <= got["height"], got  # in view where the button was clicked
    _contrast(page, f"{EDITOR} [data-tbkit=status]", theme)
    page.locator(EDITOR).first.locator("[data-tbkit=save]").screenshot(
        path=str(SCREENSHOTS / f"{theme}-editor-saved-by-button.png")
    )
    page.screenshot(path=str(SCREENSHOTS / f"{theme}-editor-save-1280x800.png"))


def _contrast(page: Any, selector: str, theme: str) -> None:
    ratio = page.evaluate("(s) => window.tbkitColour.textContrast(document.querySelector(s))", selector)
    assert ratio >= 4.5, f"{theme}: {selector} contrast {ratio:.2f}"


def _stale_feedback(page: Any, url: str) -> None:
    editor = page.locator(EDITOR).first
    state = f"{EDITOR} [data-tbkit=replay-state]"
    _type_at_start(page, "var x = ; ")  # does not compile
    editor.locator("[data-tbkit=replay]").click()
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.startsWith('the script does not compile')", arg=state
    )
    _delete_at_start(page, len("var x = ; "))
    _wait_text(page, state, "runs the recorded uplinks through this script and the running one, before Save")
    # replay a changed script, then save it: the diffs now compare the converter Save replaced
    _type_at_start(page, "var unused = 1; ")
    editor.locator("[data-tbkit=replay]").click()
    page.wait_for_function("(s) => document.querySelector(s).textContent.includes('replayed')", arg=state)
    editor.locator("[data-tbkit=save]").click()
    page.wait_for_function("(s) => document.querySelector(s).textContent.includes('before Save')", arg=state)
    text = editor.locator("[data-tbkit=replay-state]").inner_text()
    assert text.endswith("replayed before Save; in the diffs - is the converter Save replaced, + the saved script")
    _delete_at_start(page, len("var unused = 1; "))
    editor.locator("[data-tbkit=save]").click()
    _wait_text(page, f"{EDITOR} [data-tbkit=status]", "saved: the next request uses it")
    # an input error, then Last uplink: the error goes with the old input
    payload = editor.locator("[data-tbkit=payload]")
    payload.fill("{not json")
    editor.locator("[data-tbkit=run]").click()
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.startsWith('payload is not valid JSON')",
        arg=f"{EDITOR} [data-tbkit=error]",
    )
    editor.locator("[data-tbkit=last-uplink]").click()
    _wait_text(page, f"{EDITOR} [data-tbkit=status]", "loaded the last uplink")
    assert editor.locator("[data-tbkit=error]").is_hidden()
    assert json.loads(payload.input_value())["deviceName"] == "Sensor T1"


def _payload_type(page: Any) -> None:
    editor = page.locator(EDITOR).first
    payload, fmt, note = (editor.locator(f"[data-tbkit={k}]") for k in ("payload", "payload-format", "payload-note"))
    document = '{"deviceName":"Sensor T9","temperature":5}'
    payload.fill(document)
    fmt.select_option("hex")
    assert payload.input_value() == " ".join(f"{b:02x}" for b in document.encode())
    editor.locator("[data-tbkit=run]").click()  # the decoder gets the same bytes
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.includes('Sensor T9')", arg=f"{EDITOR} [data-tbkit=output]"
    )
    fmt.select_option("base64")
    assert payload.input_value() == "eyJkZXZpY2VOYW1lIjoiU2Vuc29yIFQ5IiwidGVtcGVyYXR1cmUiOjV9"
    fmt.select_option("text")
    assert payload.input_value() == document
    fmt.select_option("json")
    assert (payload.input_value(), note.is_hidden()) == (document, True)
    # bytes that are not text stay HEX, and the note says why
    fmt.select_option("hex")
    payload.fill("a7 01 ff")
    fmt.select_option("text")
    assert (fmt.input_value(), payload.input_value()) == ("hex", "a7 01 ff")
    assert note.inner_text() == "these bytes are not UTF-8 text, so they stay HEX (TEXT expects any text)"
    # text that is not HEX: the type changes, the text stays, and the note says what the type expects
    payload.fill("hello")
    fmt.select_option("base64")
    assert (fmt.input_value(), payload.input_value()) == ("base64", "hello")
    assert note.inner_text() == (
        "the payload is not valid HEX, so it is left as typed: BASE64 expects base64, such as AQr/"
    )
    _contrast(page, f"{EDITOR} [data-tbkit=payload-note]", "light")
    editor.screenshot(path=str(SCREENSHOTS / "light-editor-payload-type.png"))
    fmt.select_option("json")
    payload.fill(document)
    assert note.is_hidden()  # it spoke of the text before the edit


def _payload_note(page: Any, theme: str) -> None:
    """The note on a payload that cannot be converted reads well in this theme too."""
    editor = page.locator(EDITOR).first
    payload, fmt, note = (editor.locator(f"[data-tbkit={k}]") for k in ("payload", "payload-format", "payload-note"))
    fmt.select_option("hex")
    payload.fill("zz")
    fmt.select_option("base64")
    assert note.inner_text() == (
        "the payload is not valid HEX, so it is left as typed: BASE64 expects base64, such as AQr/"
    )
    _contrast(page, f"{EDITOR} [data-tbkit=payload-note]", theme)
    editor.screenshot(path=str(SCREENSHOTS / f"{theme}-editor-payload-note.png"))
    fmt.select_option("text")
    payload.fill('{"deviceName":"Sensor T1"}')
    fmt.select_option("json")


def _encoder_saved_state(page: Any) -> None:
    page.click(".lm-TabBar-tabLabel:text-is('Encoder')")
    encoder = page.locator(EDITOR).nth(1)
    encoder.locator(".cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" // note")
    _wait_text(page, f"{EDITOR} [data-tbkit=saved]", "unsaved changes", index=1)
    for _ in range(len(" // note")):
        page.keyboard.press("Backspace")
    _wait_text(page, f"{EDITOR} [data-tbkit=saved]", "saved", index=1)
    encoder.screenshot(path=str(SCREENSHOTS / "dark-encoder.png"))
