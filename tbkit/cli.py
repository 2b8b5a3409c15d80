"""``python -m tbkit``: serve integrations from a terminal.

``python -m tbkit serve --uplink decoder.js`` runs the same server as ``tbkit.start()`` in
the foreground, prints each endpoint URL, logs one line per request and stops cleanly on
Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import ipaddress
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ._inputs import CliError, Subcommands, compiled, load_converter, read_json
from .converters import UplinkConverter
from .converters.downlink import DownlinkConverter
from .errors import ConfigError
from .thingsboard import integration_settings

if TYPE_CHECKING:
    from .kit import Kit

__all__ = ["CliError", "build_parser", "load_converter", "main", "serving_lines"]

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _port(text: str) -> int:
    """``--port``: a TCP port, 0 to 65535 (0 picks a free one)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535 (0 picks a free one), got {port}")
    return port


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def serving_lines(kit: Kit, host: str) -> list[str]:
    """What ``serve`` prints: the store, then each integration's URL at every address others can use.

    Bound to a wildcard (``0.0.0.0``, ``::``), the URLs use this machine's own addresses (see
    :mod:`tbkit.http.addresses`) and a last line gives the loopback URL for this machine.
    """
    from .http.addresses import is_wildcard, shareable_hosts, url_host

    path = "/api/v1/integrations/http/"
    if not is_wildcard(host):
        return [f"tbkit serving {kit.base_url} (store {kit.store.path})"] + [
            f"  {i.name}: {i.url}" for i in kit.integrations.values()
        ]
    port = kit.server.port
    where = {"0.0.0.0": "all IPv4 interfaces", "::": "all IPv6 interfaces", "": "all interfaces"}[host]
    hosts = shareable_hosts(host)
    local = "[::1]" if host == "::" else "127.0.0.1"
    lines = [f"tbkit serving port {port} on {where} (store {kit.store.path})"]
    if not hosts:
        lines[0] += "; this machine has no address besides loopback, so other machines cannot reach it"
    for integration in kit.integrations.values():
        lines += [f"  {integration.name}: http://{url_host(h)}:{port}{path}{integration.routing_key}" for h in hosts]
        lines.append(f"  ({integration.name} from this machine: http://{local}:{port}{path}{integration.routing_key})")
    return lines


def _serve_parser(sub: Subcommands) -> None:
    p = sub.add_parser(
        "serve",
        help="run the HTTP integration endpoint in the foreground",
        description="Serve ThingsBoard-style HTTP integrations backed by a tbkit store.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=_port, default=8080, help="port to bind (default 8080; 0 picks a free one)")
    p.add_argument("--db", default="tbkit.db", help="SQLite store (default tbkit.db; ':memory:' for none)")
    p.add_argument(
        "--config",
        type=Path,
        help="ThingsBoard integration JSON: tbkit's export "
        '({"integration": ..., "uplinkConverter": ..., "downlinkConverter": ...}) or a bare integration '
        "document used with --uplink/--downlink",
    )
    p.add_argument("--uplink", type=Path, help="uplink converter: a .js decoder body, or ThingsBoard converter JSON")
    p.add_argument(
        "--downlink", type=Path, help="downlink converter: a .js encoder body, or ThingsBoard converter JSON"
    )
    p.add_argument("--lang", choices=["JS", "TBEL"], default="JS", help="language of .js/.tbel script files")
    p.add_argument(
        "--js-engine",
        choices=["remote", "local"],
        default="remote",
        help="ThingsBoard JS engine the JS converters target: remote (Node.js, ThingsBoard Cloud; default) or local "
        "(a self-hosted ThingsBoard's default: Nashorn, ES5, in its sandbox)",
    )
    p.add_argument("--name", default="HTTP integration", help="integration name (default 'HTTP integration')")
    p.add_argument("--routing-key", help="routing key (default: kept from the store, or a random UUID)")
    p.add_argument(
        "--header",
        action="append",
        type=_header,
        default=[],
        metavar="NAME=VALUE",
        help="require this request header (enables security; repeat for several)",
    )
    p.add_argument("--replace-no-content-to-ok", action="store_true", help="answer 200 instead of 204")
    p.add_argument("--max-body", type=int, default=16 * 1024 * 1024, help="body limit in bytes (default 16 MiB)")
    p.add_argument("--max-events", type=int, default=20_000, help="debug events kept (default 20000)")
    p.add_argument(
        "--max-uplinks",
        type=int,
        default=100_000,
        help="recorded uplinks kept for replays (default 100000; 0 records none)",
    )
    p.add_argument(
        "--durability",
        choices=["normal", "full"],
        default="normal",
        help="normal: a commit survives a killed process; full: also a power cut (default normal)",
    )
    p.add_argument(
        "--debug",
        choices=["all", "failures"],
        default="all",
        help="debug events kept per uplink: all (default, two events per uplink) or failures only "
        "(ThingsBoard's default outside its 15-minute debug window; faster under load)",
    )
    p.add_argument("--quiet", action="store_true", help="do not log one line per request")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line naming the option, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser (all subcommands)."""
    from ._version import __version__

    parser = _Parser(prog="python -m tbkit", description="tbkit: ThingsBoard HTTP integrations, locally.")
    parser.add_argument("--version", action="version", version=f"tbkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _serve_parser(sub)
    import importlib

    from ._lint_cli import add_parser as add_lint
    from ._replay_cli import add_parser as add_replay
    from .simulator import add_parser as add_simulate

    add_simulate(sub)
    add_replay(sub)
    add_lint(sub)
    try:
        library = importlib.import_module("tbkit.library")
    except ImportError:  # pragma: no cover - the library runner ships with tbkit
        return parser
    add = getattr(library, "add_parser", None)
    if add is not None:
        add(sub)
    return parser


def _plan(args: argparse.Namespace) -> Callable[[Kit], object]:
    """Read and compile every input before anything binds a port; return what adds the integration."""
    uplink = load_converter(args.uplink, "--uplink", UplinkConverter, args.lang, args.js_engine)
    downlink = load_converter(args.downlink, "--downlink", DownlinkConverter, args.lang, args.js_engine)
    if args.config is not None:
        doc = read_json(args.config, "--config")
        integration = doc.get("integration", doc)
        if not isinstance(integration, dict):
            raise CliError(f"--config {args.config}: 'integration' must be a JSON object")
        try:
            settings = integration_settings(integration)
        except ConfigError as exc:
            raise CliError(f"--config {args.config}: {exc}") from None
        if uplink is None:
            if not isinstance(doc.get("uplinkConverter"), dict):
                raise CliError(f"--config {args.config}: no uplinkConverter in it; pass --uplink")
            uplink = compiled(
                lambda: UplinkConverter.from_thingsboard(doc["uplinkConverter"], js_engine=args.js_engine),
                f"--config {args.config}",
                " (uplinkConverter)",
            )
        if downlink is None and isinstance(doc.get("downlinkConverter"), dict):
            downlink = compiled(
                lambda: DownlinkConverter.from_thingsboard(doc["downlinkConverter"], js_engine=args.js_engine),
                f"--config {args.config}",
                " (downlinkConverter)",
            )
        return lambda kit: kit.add_http_integration(uplink=uplink, downlink=downlink, **settings)
    if uplink is None:
        return lambda kit: _require_saved(kit)
    return lambda kit: kit.add_http_integration(
        args.name,
        uplink,
        downlink,
        routing_key=args.routing_key,
        security_headers=dict(args.header) or None,
        replace_no_content_to_ok=args.replace_no_content_to_ok,
        max_body=args.max_body,
    )


def _require_saved(kit: Kit) -> None:
    if not kit.integrations:
        raise CliError(
            "nothing to serve: pass --uplink decoder.js or --config integration.json "
            f"(the store {kit.store.path} has no saved integration)"
        )


def _start(args: argparse.Namespace) -> Kit:
    from .kit import start

    try:
        return start(
            db=args.db,
            host=args.host,
            port=args.port,
            in_thread=False,
            access_log=not args.quiet,
            max_events=args.max_events,
            max_uplinks=args.max_uplinks,
            durability=args.durability,
            js_engine=args.js_engine,
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(
                f"cannot serve on {args.host}:{args.port}: the port is already in use "
                "(pass another --port, or --port 0 for a free one)"
            ) from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise CliError(
                f"cannot serve on {args.host}:{args.port}: {args.host} is not an address of this machine"
            ) from None
        raise CliError(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}") from None


async def _serve(args: argparse.Namespace) -> None:
    configure = _plan(args)
    new_store = args.db != ":memory:" and not Path(args.db).exists()
    try:
        kit = _start(args)
        try:
            configure(kit)
            await _run(kit, args)
        finally:
            kit.stop()
    except CliError:
        if new_store:  # a refused serve leaves no store (or lock file) of its own behind
            from ._startup import discard_store

            discard_store(args.db)
        raise


async def _run(kit: Kit, args: argparse.Namespace) -> None:
    """Serve until Ctrl-C or SIGTERM."""
    if args.debug == "failures":
        for integration in kit.integrations.values():
            integration.debug.all_enabled = False
            integration.uplink.debug.all_enabled = False
    if not _is_loopback(args.host) and not all(i.security_headers for i in kit.integrations.values()):
        print(
            f"WARNING: serving on {args.host} without security headers: anyone who can reach this address "
            "can post uplinks. Add --header NAME=VALUE.",
            file=sys.stderr,
            flush=True,
        )
    for line in serving_lines(kit, args.host):
        print(line, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    print("tbkit stopping", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m tbkit`` and the ``tbkit`` command."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stdout)
    logging.getLogger("tornado").setLevel(logging.WARNING)
    try:
        if args.command == "serve":
            asyncio.run(_serve(args))
            return 0
        return int(args.run(args) or 0)
    except CliError as exc:
        print(f"tbkit: {exc}", file=sys.stderr)
        return 2
