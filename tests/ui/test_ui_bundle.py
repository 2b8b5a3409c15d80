"""The committed CodeMirror bundle is built from the committed sources (no npm needed).

js/editor/build.mjs writes a sha256 over its inputs (src/*.js, build.mjs, package.json,
package-lock.json) into the first line of tbkit/ui/static/editor.js. This recomputes it:
a source or lock-file change without `make js` fails here.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITOR = ROOT / "js" / "editor"
BUNDLE = ROOT / "tbkit" / "ui" / "static" / "editor.js"


def _digest() -> str:
    names = sorted(f"src/{p.name}" for p in (EDITOR / "src").glob("*.js"))
    names += ["build.mjs", "package.json", "package-lock.json"]
    digest = hashlib.sha256()
    for name in names:
        text = (EDITOR / name).read_text("utf-8").replace("\r\n", "\n")
        digest.update(f"{name}\n{len(text.encode('utf-8'))}\n".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def test_the_built_editor_bundle_is_current():
    header = BUNDLE.read_text("utf-8").split("\n", 1)[0]
    match = re.search(r"sha256=([0-9a-f]{64})", header)
    assert match, f"{BUNDLE} has no build header: run `make js`"
    assert match.group(1) == _digest(), "tbkit/ui/static/editor.js is stale: run `make js` and commit the result"


def test_the_bundle_is_one_self_contained_module():
    text = BUNDLE.read_text("utf-8")
    assert "export" in text and "EditorView" not in text[:200]
    assert not re.search(r"""^\s*import\s.*from\s+["'](?!\.)""", text, re.M), "bundle imports a package at run time"
    assert "https://cdn" not in text and "unpkg.com" not in text and "esm.sh" not in text


def test_node_modules_stay_out_of_git():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "node_modules/" in ignored
