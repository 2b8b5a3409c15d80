"""Every committed widget bundle is built from the committed sources (no npm needed).

js/build.mjs bundles each widget module of js/src (ES modules importing what they use) into
tbkit/ui/static/<name>.js and writes a sha256 over its inputs (js/src/*.js, build.mjs,
package.json, package-lock.json) into each bundle's first line. This recomputes it: a source
or lock-file change without `make js` fails here, for every bundle.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "js"
STATIC = ROOT / "tbkit" / "ui" / "static"


def _entries() -> list[str]:
    """The bundles js/build.mjs makes (its BUNDLES table)."""
    text = (JS / "build.mjs").read_text("utf-8")
    table = re.search(r"BUNDLES = \{(.*?)\};", text, re.S)
    assert table, "js/build.mjs has no BUNDLES table"
    return re.findall(r'"([\w-]+\.js)"\s*:', table.group(1))


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


def _helpers() -> set[str]:
    """Modules other modules import (dom.js, replay.js): bundled into those, not widgets of their own."""
    texts = [p.read_text("utf-8") for p in (JS / "src").glob("*.js")]
    return {name + ".js" for text in texts for name in re.findall(r"""from\s+["']\./([\w-]+)\.js["']""", text)}


def test_every_widget_module_is_bundled() -> None:
    assert {"dom.js", "replay.js"} <= _helpers()
    sources = sorted(p.name for p in (JS / "src").glob("*.js") if p.name not in _helpers())
    assert sorted(_entries()) == sources
    assert sorted(p.name for p in STATIC.glob("*.js")) == sources


@pytest.mark.parametrize("name", _entries())
def test_the_committed_bundle_is_current(name: str) -> None:
    header = (STATIC / name).read_text("utf-8").split("\n", 1)[0]
    match = re.search(r"sha256=([0-9a-f]{64})", header)
    assert match, f"tbkit/ui/static/{name} has no build header: run `make js`"
    assert match.group(1) == _digest(), f"tbkit/ui/static/{name} is stale: run `make js` and commit the result"


@pytest.mark.parametrize("name", _entries())
def test_a_bundle_is_one_self_contained_module(name: str) -> None:
    text = (STATIC / name).read_text("utf-8")
    assert re.search(r"export\s*\{[^}]*\bas default\b|export default", text), "no default ES module export"
    assert not re.search(r"""^\s*import\s.*from\s+["']""", text, re.M), "bundle imports a module at run time"
    assert "https://cdn" not in text and "unpkg.com" not in text and "esm.sh" not in text


def test_the_widgets_use_no_undeclared_dom_helpers() -> None:
    """What dom.js used to lend by being prepended: each bundle now carries its own copy."""
    for name in _entries():
        if name in ("plot.js", "editor.js"):
            continue
        text = (STATIC / name).read_text("utf-8")
        assert re.search(r"^function el\(", text, re.M), f"{name} does not bundle dom.js's el()"


def test_the_v8_parser_bundle_is_current() -> None:
    """js/v8/jsparse.js (acorn) -> tbkit/converters/jsparse.js, a classic script for mini-racer."""
    text = (ROOT / "tbkit" / "converters" / "jsparse.js").read_text("utf-8")
    match = re.search(r"sha256=([0-9a-f]{64})", text.split("\n", 1)[0])
    assert match and match.group(1) == _digest(), "tbkit/converters/jsparse.js is stale: run `make js`"
    assert "export " not in text.split("\n", 3)[2][:200] and "__jsparse" in text


def test_node_modules_stay_out_of_git() -> None:
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "node_modules/" in ignored
