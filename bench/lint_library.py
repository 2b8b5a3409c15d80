"""How often ``tbkit lint`` reports an error on published converters (false errors, when they run).

Reads every ``converter.json`` of a thingsboard/data-converters git mirror on the chosen branches
(a bare repository is fine), lints every script it holds (``decoder``/``encoder`` as JS,
``tbelDecoder``/``tbelEncoder`` as TBEL; each distinct script once) and prints the counts and
every error. Whether an error is false is then read off: a published converter whose cases pass
in ThingsBoard runs, so an error on it is false unless its line is never reached.

    python bench/lint_library.py /work/.mirror/thingsboard+data-converters/repo --branches main
    python bench/lint_library.py MIRROR --exclude main master   # the side branches (held out)
"""

from __future__ import annotations

import argparse
import json
import subprocess
from collections import Counter
from pathlib import Path

from tbkit.converters.assist import lint_script

FIELDS = {"decoder": "JS", "encoder": "JS", "tbelDecoder": "TBEL", "tbelEncoder": "TBEL"}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, text=True, check=True).stdout


def _branches(repo: Path, only: list[str] | None, exclude: list[str]) -> list[str]:
    names = _git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads").split()
    return [b for b in names if (not only or b in only) and b not in exclude]


def scripts(repo: Path, branches: list[str]) -> dict[tuple[str, str], str]:
    """``(lang, source) -> first place seen`` over every converter.json of ``branches``."""
    seen: dict[tuple[str, str], str] = {}
    blobs: set[str] = set()
    for branch in branches:
        for row in _git(repo, "ls-tree", "-r", branch).splitlines():
            meta, path = row.split("\t", 1)
            sha = meta.split()[2]
            if not path.endswith("converter.json") or sha in blobs:
                continue
            blobs.add(sha)
            try:
                doc = json.loads(_git(repo, "cat-file", "blob", sha))
            except ValueError:
                continue
            config = doc.get("configuration") or {}
            for field, lang in FIELDS.items():
                source = config.get(field)
                if isinstance(source, str) and source.strip():
                    seen.setdefault((lang, source), f"{branch}:{path}[{field}]")
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--branches", nargs="*")
    parser.add_argument("--exclude", nargs="*", default=[])
    args = parser.parse_args()
    found = scripts(args.repo, _branches(args.repo, args.branches, args.exclude))
    totals: Counter[str] = Counter()
    for (lang, source), where in sorted(found.items(), key=lambda kv: kv[1]):
        diagnostics = lint_script(source, lang)
        totals[f"{lang} scripts"] += 1
        errors = [d for d in diagnostics if d.severity == "error"]
        totals[f"{lang} scripts with an error"] += bool(errors)
        totals[f"{lang} scripts with a warning"] += any(d.severity == "warning" for d in diagnostics)
        for d in errors:
            print(d.format(where))
    for key in sorted(totals):
        print(f"{key}: {totals[key]}")


if __name__ == "__main__":
    main()
