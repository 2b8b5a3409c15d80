"""``python -m tbkit check-converters PATH``: the pass/fail table, the diffs, the exit code.

One row per converter folder, printed as it finishes, then one line per failing case with
its differences (or its error) underneath, then totals per language and direction::

    RESULT  CASES  LANG  TYPE      CONVERTER
    pass    2/2    JS    uplink    acme/t1/HTTP/uplink
    FAIL    1/2    TBEL  uplink    acme/t2/HTTP/uplink
            payload_2.json: 1 difference
              telemetry.values.temperature: expected 21.5, got 21

The exit code is 0 when every case passed, 1 on any failure, 2 when nothing was checked.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..converters.runtime import DEFAULT_TIMEOUT
from .runner import CaseResult, CheckOptions, ConverterResult, Report, iter_results

if TYPE_CHECKING:
    from .._inputs import Subcommands

__all__ = ["add_parser", "format_converter", "format_totals", "run"]

HEADER = f"{'RESULT':<8}{'CASES':<7}{'LANG':<6}{'TYPE':<10}CONVERTER"
MAX_DIFF_LINES = 12
_INDENT = " " * 8


def format_case(case: CaseResult) -> list[str]:
    """The lines under a converter row for one case that did not pass."""
    if case.status == "error":
        return [f"{_INDENT}{case.name}: error: {case.error}"]
    count = len(case.diff)
    lines = [f"{_INDENT}{case.name}: {count} difference{'s' if count != 1 else ''}"]
    lines += [f"{_INDENT}  {line}" for line in case.diff[:MAX_DIFF_LINES]]
    if count > MAX_DIFF_LINES:
        lines.append(f"{_INDENT}  … and {count - MAX_DIFF_LINES} more")
    return lines


def format_converter(conv: ConverterResult) -> list[str]:
    """The table row of one converter, then the details of what failed."""
    status = "pass" if conv.ok else "FAIL"
    cases = f"{conv.passed}/{len(conv.cases)}"
    lines = [f"{status:<8}{cases:<7}{conv.lang:<6}{conv.kind or '?':<10}{conv.path}"]
    if conv.error is not None:
        lines.append(f"{_INDENT}{conv.error}")
    for case in conv.cases:
        if not case.passed and not (case.status == "error" and case.error == conv.error):
            lines.extend(format_case(case))
    return lines


def format_totals(report: Report) -> list[str]:
    """One line per ``"<lang> <kind>"`` group, then the overall line."""
    lines = []
    for name, group in report.groups().items():
        converters_passed = group["converters"] - group["failed_converters"]
        lines.append(
            f"{name}: {group['passed']}/{group['total']} cases passed"
            f" ({converters_passed}/{group['converters']} converters)"
        )
    failed = sum(not c.ok for c in report.converters)
    lines.append(
        f"total: {report.passed}/{report.total} cases passed, "
        f"{len(report.converters) - failed}/{len(report.converters)} converters passed"
    )
    return lines


def add_parser(sub: Subcommands) -> None:
    """Add the ``check-converters`` subcommand to ``python -m tbkit``'s parser."""
    p = sub.add_parser(
        "check-converters",
        help="run a converter library's payload/result cases",
        description="Run every payload_N.json/result_N.json case of every converter folder "
        "under PATH (laid out like thingsboard/data-converters) the way that repository's "
        "validator does, offline.",
    )
    p.add_argument("path", type=Path, help="a folder of converter folders (or one converter folder)")
    p.add_argument("--lang", type=str.upper, choices=["JS", "TBEL"], help="only converters in this language")
    p.add_argument(
        "--type",
        dest="kind",
        type=str.lower,
        choices=["uplink", "downlink"],
        help="only uplink or only downlink converters",
    )
    p.add_argument("--filter", metavar="TEXT", help="only folders whose path or converter name contains TEXT")
    p.add_argument("--quiet", action="store_true", help="print only failures and the totals")
    p.add_argument("--json", action="store_true", help="print a machine-readable summary instead of the table")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per script call (default 1)")
    p.add_argument(
        "--loose",
        action="store_true",
        help="compare numbers by value (21 == 21.0), as the data-converters validator does; "
        "by default JSON types must match too",
    )
    p.add_argument(
        "--js-engine",
        choices=["remote", "local"],
        default="remote",
        help="ThingsBoard JS engine the JS converters run as: remote (Node.js; the data-converters scripts need it; "
        "default) or local (a self-hosted ThingsBoard's default: Nashorn, ES5, in its sandbox)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``check-converters``; the exit code (0 all passed, 1 any failure, 2 nothing checked)."""
    out = out or sys.stdout
    if not args.path.is_dir():
        print(f"check-converters: {args.path} is not a folder", file=sys.stderr)
        return 2
    report = Report(str(args.path))
    options = CheckOptions(args.lang, args.kind, args.filter, args.timeout, args.loose, args.js_engine)
    results = iter_results(args.path, options)
    if not args.json and not args.quiet:
        print(HEADER, file=out)
    for conv in results:
        report.converters.append(conv)
        if not args.json and (not args.quiet or not conv.ok):
            print("\n".join(format_converter(conv)), file=out, flush=True)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str), file=out)
    else:
        print("\n".join(format_totals(report)), file=out)
    if not report.converters:
        print(
            f"check-converters: no converter folder under {args.path} matches",
            file=sys.stderr,
        )
        return 2
    return 0 if report.ok else 1
