"""Regenerate ``tbkit/converters/tbel/date_facts.json``: Java 17's localized date text, from the JVM itself.

Compiles and runs ``DateFacts.java`` with the locale and zone flags the TBEL reference runner uses
(ThingsBoard's JVM defaults: en-US, UTC), then compacts its output: a regional locale keeps only what
differs from its language, a language only what differs from ``und`` (the data Java uses for a language
it has none for), and zones with the same names in every locale share one entry.

    python tools/tbel_oracle/datefacts.py [--java java] [--out tbkit/converters/tbel/date_facts.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FLAGS = ["-Duser.timezone=UTC", "-Duser.language=en", "-Duser.country=US", "-Dfile.encoding=UTF-8"]


def run_java(java: str) -> dict[str, Any]:
    """Compile and run DateFacts.java; its JSON output."""
    with tempfile.TemporaryDirectory() as tmp:
        javac = str(Path(java).with_name("javac")) if "/" in java else "javac"
        subprocess.run([javac, "-d", tmp, str(HERE / "DateFacts.java")], check=True)
        out = subprocess.run([java, *FLAGS, "-cp", tmp, "DateFacts"], check=True, capture_output=True, text=True)
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def compact(raw: dict[str, Any]) -> dict[str, Any]:
    """Deduplicate regions against languages, languages against ``und``, and zones sharing all names."""
    locales: dict[str, dict[str, Any]] = raw["locales"]
    zones: list[str] = raw["zones"]
    groups: dict[str, int] = {}
    zone_group: dict[str, int] = {}
    for zone in zones:
        key = json.dumps([locales[tag]["z:" + zone] for tag in locales], ensure_ascii=False)
        zone_group[zone] = groups.setdefault(key, len(groups))
    firsts = {g: z for z, g in reversed(zone_group.items())}
    out: dict[str, Any] = {}
    for tag, data in locales.items():
        full = {k: v for k, v in data.items() if not k.startswith("z:")}
        full["zn"] = {str(g): data["z:" + firsts[g]] for g in range(len(groups))}
        parent = tag.split("-")[0] if "-" in tag else ("und" if tag != "und" else None)
        if parent is not None:
            base = locales[parent] if parent in locales else locales["und"]
            base_zn = {str(g): base["z:" + firsts[g]] for g in range(len(groups))}
            full = {k: v for k, v in full.items() if k == "zn" or base.get(k) != v}
            full["zn"] = {g: v for g, v in full["zn"].items() if base_zn[g] != v}
            if not full["zn"]:
                del full["zn"]
        out[tag] = full
    return {
        "java": raw["java"],
        "languages": raw["languages"],
        "zones": zone_group,
        "locales": out,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--java", default="java")
    ap.add_argument("--out", type=Path, default=ROOT / "tbkit" / "converters" / "tbel" / "date_facts.json")
    args = ap.parse_args()
    data = compact(run_java(args.java))
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: Java {data['java']}, {len(data['locales'])} locales, {len(data['zones'])} zones")


if __name__ == "__main__":
    main()
