"""Converter libraries: run payload/result cases laid out like thingsboard/data-converters.

``python -m tbkit check-converters PATH`` (or :func:`check_converters`) walks ``PATH`` for
folders holding ``converter.json``, ``metadata.json`` and ``payload_N.json``/``result_N.json``
pairs, runs each case as that repository's validator does (offline, in V8) and reports a
pass/fail table with a diff per failure. :func:`capture_cases` (also
``Kit.capture_cases``) writes such a folder from an integration's recorded uplinks.

>>> report = check_converters("/nonexistent")
>>> report.ok, report.total
(False, 0)
"""

from __future__ import annotations

from .capture import Capture, capture_cases
from .cli import add_parser, run
from .compare import json_diff, json_equal
from .runner import CaseResult, CheckOptions, ConverterResult, Report, check_converters, iter_results

__all__ = [
    "Capture",
    "CaseResult",
    "CheckOptions",
    "ConverterResult",
    "Report",
    "add_parser",
    "capture_cases",
    "check_converters",
    "iter_results",
    "json_diff",
    "json_equal",
    "run",
]
