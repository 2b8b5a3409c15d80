"""``python -m tbkit replay``: what a new uplink converter does to the traffic a store recorded.

Runs an integration's recorded uplinks through its saved uplink converter and through the new
one, prints the summary and the first differences, and exits 1 when the new converter fails on
an uplink the current one decodes (so it can gate a converter change in CI), 0 otherwise.
Input errors exit 2 (see :mod:`tbkit.cli`).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._inputs import Subcommands
    from .replay import Replay
    from .store import Store

__all__ = ["add_parser", "run"]


def add_parser(sub: Subcommands) -> None:
    """Register ``replay`` on the top-level parser's subcommands."""
    p = sub.add_parser(
        "replay",
        help="replay recorded uplinks through a new uplink converter",
        description="Replay an integration's recorded uplinks through its saved uplink converter and "
        "a new one; print what changed. Exit 1 when the new one fails where the saved one "
        "did not.",
    )
    p.add_argument("--db", type=Path, required=True, help="the tbkit store that recorded the uplinks")
    p.add_argument("--integration", help="the integration's name (needed when the store holds more than one)")
    p.add_argument(
        "--uplink",
        type=Path,
        required=True,
        help="the new uplink converter: a script (.js; .tbel for TBEL) or ThingsBoard converter JSON",
    )
    p.add_argument("--lang", choices=["JS", "TBEL"], help="language of a script file (default: the saved converter's)")
    p.add_argument("--limit", type=int, help="replay only the newest N recorded uplinks")
    p.add_argument("--show", type=int, default=5, help="differences to print (default 5)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Replay and report; the exit status."""
    from ._inputs import CliError, load_converter
    from .converters import UplinkConverter
    from .errors import ConverterError, StoreError
    from .integration import Integration
    from .replay import Replay
    from .store import Store

    if not args.db.is_file():
        raise CliError(f"--db {args.db}: no such store")
    try:
        store = Store(args.db)
    except StoreError as exc:
        raise CliError(f"--db {args.db}: {exc}") from None
    try:
        name = args.integration if args.integration is not None else _only_integration(store, args.db)
        saved = _saved_uplink(store, name)
        if saved is None:
            names = ", ".join(repr(n) for n in _saved_names(store)) or "none"
            raise CliError(f"--db {args.db}: no integration named {name!r} (saved: {names})")
        try:
            current = UplinkConverter.from_thingsboard(saved)
        except ConverterError as exc:
            raise CliError(f"the saved uplink converter of {name!r} does not compile: {exc}") from None
        new = load_converter(args.uplink, "--uplink", UplinkConverter, args.lang or current.lang)
        assert new is not None
        integration = Integration(store, name, current)
        try:
            replay = Replay.from_integration(integration, new, limit=args.limit)
        finally:
            integration.close()
            new.close()
        _report(replay, args.show)
        return 1 if replay.summary()["new_errors"] else 0
    finally:
        store.close()


def _only_integration(store: Store, db: Path) -> str:
    """The store's one saved integration; with none or several, say which to name."""
    from ._inputs import CliError

    names = _saved_names(store)
    if len(names) == 1:
        return names[0]
    if not names:
        raise CliError(f"--db {db}: no saved integration to replay")
    listed = ", ".join(repr(n) for n in names)
    raise CliError(f"--db {db} holds {len(names)} integrations ({listed}): pick one with --integration NAME")


def _saved(store: Store) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(json.loads(doc), json.loads(up)) for doc, up, _down in store.saved_integrations()]


def _saved_names(store: Store) -> list[str]:
    return [str(doc.get("name")) for doc, _up in _saved(store)]


def _saved_uplink(store: Store, name: str) -> dict[str, Any] | None:
    return next((up for doc, up in _saved(store) if doc.get("name") == name), None)


def _report(replay: Replay, show: int) -> None:
    summary = replay.summary()
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    for shown, index in enumerate(replay.differences()):
        if shown >= show:
            break
        ts = replay.uplinks[index].ts  # read from the store: an aware datetime
        when = ts.isoformat(sep=" ", timespec="milliseconds") if isinstance(ts, datetime) else str(ts)
        device = replay.device(index)
        verdict = replay.verdict(index).name.lower().replace("_", " ")
        # numbered from 1, oldest first, as the editor and the notebook view number them
        print("\n" + f"uplink {index + 1}: " + " · ".join([when, *([device] if device else []), verdict]))
        for line in replay.diff(index):
            print(line)
