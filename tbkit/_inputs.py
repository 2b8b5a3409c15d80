"""Reading the command line's input files: every error is one line naming the file (see :mod:`tbkit.cli`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .converters.base import ScriptConverter
from .errors import ConfigError, ConverterError

__all__ = ["CliError", "Subcommands", "compiled", "load_converter", "read_json"]

_C = TypeVar("_C", bound=ScriptConverter)


class Subcommands(Protocol):
    """Where a subcommand adds its parser: the action ``ArgumentParser.add_subparsers()`` returns."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


class CliError(Exception):
    """A command-line input error: printed as one line (``tbkit: ...``), exit status 2, no traceback."""


def _read(path: Path, option: str) -> str:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        raise CliError(f"{option} {path}: no such file") from None
    except UnicodeDecodeError:
        raise CliError(f"{option} {path}: not UTF-8 text") from None
    except OSError as exc:
        raise CliError(f"{option} {path}: cannot read it: {exc.strerror}") from None


def read_json(path: Path, option: str) -> dict[str, Any]:
    text = _read(path, option)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{option} {path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    if not isinstance(doc, dict):
        raise CliError(f"{option} {path}: expected a JSON object, got {type(doc).__name__}")
    return doc


def load_converter(path: Path | None, option: str, cls: type[_C], lang: str, js_engine: str = "remote") -> _C | None:
    """Compile the converter in ``path`` (a script, or ThingsBoard converter JSON); errors name the file."""
    if path is None:
        return None
    if path.suffix.lower() == ".json":
        doc = _converter_document(read_json(path, option), path, option)
        return compiled(lambda: cls.from_thingsboard(doc, js_engine=js_engine), f"{option} {path}", " (its script)")
    text = _read(path, option)
    script_lang = "TBEL" if path.suffix.lower() == ".tbel" else lang
    return compiled(lambda: cls(text, lang=script_lang, js_engine=js_engine), f"{option} {path}", "")


def _converter_document(doc: dict[str, Any], path: Path, option: str) -> dict[str, Any]:
    """``doc`` if it looks like ThingsBoard converter JSON; otherwise say what the file seems to be."""
    if isinstance(doc.get("configuration"), dict):
        return doc
    if "uplinkConverter" in doc or "integration" in doc:
        raise CliError(f"{option} {path}: an integration export, not a converter: pass it as --config {path}")
    keys = ", ".join(list(doc)[:4]) + (", ..." if len(doc) > 4 else "")
    seen = f"its keys are {keys}: a payload to post to the endpoint?" if keys else "an empty object"
    raise CliError(
        f"{option} {path}: not a converter ({seen}); pass a script (.js, .tbel) or ThingsBoard converter "
        'JSON, which has a "configuration" object holding the script'
    )


def compiled(build: Callable[[], _C], where: str, inside: str) -> _C:
    try:
        return build()
    except ConverterError as exc:
        place = f"{where}{inside}" + "".join(f":{n}" for n in (exc.line, exc.column) if n is not None)
        raise CliError(f"{place}: {exc.message}") from None
    except ConfigError as exc:
        raise CliError(f"{where}: {exc}") from None
