"""``python -m tbkit lint FILE...``: ThingsBoard-aware diagnostics for converter scripts, for a CI.

Each FILE is a script (``.js``; ``.tbel`` for TBEL; ``--lang`` for other names) or ThingsBoard
converter JSON, as ``serve`` takes it (the script its ``scriptLang`` selects). Prints one line per
diagnostic, ``file:line:col: severity: message`` (for JSON, ``file[field]`` names the script
inside it), and exits 1 when any file has an error, 0 otherwise; an unreadable file exits 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._inputs import Subcommands

__all__ = ["add_parser", "lint_file", "run"]


def add_parser(sub: Subcommands) -> None:
    """Register ``lint`` on the top-level parser's subcommands."""
    p = sub.add_parser(
        "lint",
        help="check converter scripts as ThingsBoard's engines will treat them",
        description="Print file:line:col: severity: message for each problem ThingsBoard's engines "
        "would have with the converters; exit 1 when there is an error.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a script (.js, .tbel) or converter JSON")
    p.add_argument("--lang", choices=["JS", "TBEL"], help="language of script files (default: by extension)")
    p.set_defaults(run=run)


def _script_of(path: Path, lang: str | None) -> tuple[str, str, str]:
    """``(where, source, lang)`` of one input file; raises CliError naming the file."""
    from ._inputs import CliError, read_json
    from .converters.downlink import DownlinkConverter
    from .converters.uplink import UplinkConverter

    if path.suffix.lower() != ".json":
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"{path}: cannot read it: {getattr(exc, 'strerror', None) or exc}") from None
        return str(path), text, lang or ("TBEL" if path.suffix.lower() == ".tbel" else "JS")
    doc = read_json(path, "")
    cls = DownlinkConverter if doc.get("type") == "DOWNLINK" else UplinkConverter
    config = doc.get("configuration") or {}
    script_lang = str(config.get("scriptLang") or "JS").upper()
    field = cls.tbel_field if script_lang == "TBEL" else cls.js_field
    source = config.get(field)
    if not isinstance(source, str):
        raise CliError(f"{path}: configuration.{field} is missing (scriptLang {script_lang})")
    return f"{path}[{field}]", source, script_lang


def lint_file(path: Path, lang: str | None = None) -> list[str]:
    """The lines ``lint`` prints for one file."""
    from .converters.assist import lint_script

    where, source, script_lang = _script_of(path, lang)
    return [d.format(where) for d in lint_script(source, script_lang)]


def run(args: argparse.Namespace) -> int:
    """Lint every file; the exit status."""
    from .converters.assist import lint_script

    errors = 0
    for path in args.files:
        where, source, lang = _script_of(path, args.lang)
        for diagnostic in lint_script(source, lang):
            print(diagnostic.format(where))
            errors += diagnostic.severity == "error"
    return 1 if errors else 0
