"""The committed local-engine tool (tbkit/converters/nashorn/tool.js) is built from the committed sources.

js/build.mjs bundles js/v8/nashorn.js (with the js/v8/nashorn-*.js modules, acorn and js-beautify
1.14.7) like the other V8 scripts and writes a sha256 over all of js/'s inputs into its first line;
this recomputes it (no npm needed), so a source or lock-file change without `make js` fails here.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
JS = ROOT / "js"
TOOL = ROOT / "tbkit" / "converters" / "nashorn" / "tool.js"


def _digest() -> str:
    names = sorted(f"src/{p.name}" for p in (JS / "src").glob("*.js"))
    names += sorted(f"v8/{p.name}" for p in (JS / "v8").glob("*.js"))
    names += ["build.mjs", "package.json", "package-lock.json"]
    digest = hashlib.sha256()
    for name in names:
        text = (JS / name).read_text("utf-8").replace("\r\n", "\n")
        digest.update(f"{name}\n{len(text.encode('utf-8'))}\n".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def test_the_committed_tool_is_current() -> None:
    header = TOOL.read_text("utf-8").split("\n", 1)[0]
    match = re.search(r"sha256=([0-9a-f]{64})", header)
    assert match, "tbkit/converters/nashorn/tool.js has no build header: run `make js`"
    assert match.group(1) == _digest(), "tbkit/converters/nashorn/tool.js is stale: run `make js` and commit it"
    assert re.search(r'"nashorn\.js":\s*join\([^)]*"nashorn", "tool\.js"\)', (JS / "build.mjs").read_text("utf-8"))


def test_the_beautifier_is_the_version_the_sandbox_runs() -> None:
    """delight-nashorn-sandbox 0.4.5 reformats every script with js-beautify 1.14.7: pinned exactly."""
    package = json.loads((JS / "package.json").read_text("utf-8"))
    lock = json.loads((JS / "package-lock.json").read_text("utf-8"))
    assert package["devDependencies"]["js-beautify"] == "1.14.7"
    assert lock["packages"]["node_modules/js-beautify"]["version"] == "1.14.7"


def test_the_tool_is_a_plain_script() -> None:
    text = TOOL.read_text("utf-8")
    assert not re.search(r"^\s*(import|export)\s", text, re.M), "V8 evaluates the tool as a script, not a module"
    assert "__tbkitNashornTool" in text
