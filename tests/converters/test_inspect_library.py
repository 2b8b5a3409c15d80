"""Tracing changes no result: every uplink case of a converter library, through inspect() and run().

The cases come the way the library runner reads them (``tbkit.library.cases``): from our own
fixtures always, and from a whole library laid out like thingsboard/data-converters when
``TBKIT_LIBRARY`` names its folder (``841 JS and 737 TBEL uplink cases`` in that repository;
it is not part of tbkit, so ``make test`` runs it only where a copy exists):

    TBKIT_LIBRARY=path/to/data-converters .venv/bin/python -m pytest tests/converters/test_inspect_library.py

Each case decodes the bytes ``check-converters`` gives it (``json.dumps`` of the payload
document) with the folder's metadata; the inspection's result must equal run()'s: the raw output,
the logs, the normalised entities and the error text, and its trace must cover the payload.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tbkit.converters import UplinkConverter
from tbkit.converters.uplink import DecodeRun
from tbkit.library.cases import ConverterDir, discover, load_converter_dir

FIXTURES = Path(__file__).parent.parent / "fixtures" / "library"
WORKSHOP = Path(__file__).parent.parent / "fixtures" / "workshop"


def _uplink_dirs(root: Path) -> Iterator[ConverterDir]:
    for folder in discover(root):
        found = load_converter_dir(folder, root)
        if found.kind == "uplink" and found.problem is None and found.document is not None:
            yield found


def _entities(run: DecodeRun, start: int, end: int) -> list[Any] | None:
    """The normalised entities, a timestamp the decode took from the clock (start..end ms) as "now"."""
    if run.converted is None:
        return None
    rows = []
    for entity in run.converted:
        row: dict[str, Any] = dict(entity.to_dict())
        clock = [r.ts is not None and start <= r.ts <= end for r in entity.telemetry]
        row["telemetry"] = [("now" if now else r.ts, r.values) for r, now in zip(entity.telemetry, clock, strict=True)]
        rows.append(row)
    return rows


def _same(a: DecodeRun, b: DecodeRun, start: int, end: int) -> dict[str, Any]:
    """What a user compares: output, logs, warnings, entities, and the error's text."""
    return {
        "output": a.output == b.output,
        "logs": a.logs == b.logs,
        "warnings": a.warnings == b.warnings,
        "converted": _entities(a, start, end) == _entities(b, start, end),
        "error": (a.error is None, str(a.error)) == (b.error is None, str(b.error)),
    }


def check_library(root: Path) -> tuple[dict[str, int], list[str]]:
    """Cases per language and the cases whose inspection differs from run()."""
    counts: dict[str, int] = {"JS": 0, "TBEL": 0}
    differences: list[str] = []
    for found in _uplink_dirs(root):
        assert found.document is not None
        conv = UplinkConverter.from_thingsboard(found.document)
        try:
            for case in found.cases:
                if case.problem is not None:
                    continue
                body = json.dumps(case.payload).encode("utf-8")
                start = int(time.time() * 1000)
                # inspect() first: it applies updateOnlyKeys without remembering, run() remembers
                seen = conv.inspect(body, found.metadata)
                run = conv.run(body, found.metadata)
                end = int(time.time() * 1000) + 1
                counts[conv.lang] += 1
                same = _same(seen.result, run, start, end)
                if not all(same.values()) or len(seen.bytes) != len(body) or not seen.complete:
                    differences.append(f"{found.rel}/{case.name}: {same}")
        finally:
            conv.close()
    return counts, differences


def test_every_fixture_case_inspects_to_the_same_result() -> None:
    counts, differences = check_library(FIXTURES)
    assert differences == []
    assert counts == {"JS": 5, "TBEL": 2}


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("TBKIT_LIBRARY"), reason="TBKIT_LIBRARY names no converter library")
def test_every_library_case_inspects_to_the_same_result() -> None:
    counts, differences = check_library(Path(os.environ["TBKIT_LIBRARY"]))
    assert differences == []
    assert counts["JS"] > 0 and counts["TBEL"] > 0
    print(f"uplink cases inspected: {counts}")
