"""Converter-shaped JS decoders for comparing tbkit's local engine with Nashorn (the reference runner).

Each program decodes a payload, reads metadata and fills a telemetry object ``t`` from snippets
(``t['k3_date_fmt'] = ...``, from ``gen_a_snippets``): plain ES5, ES2015+ syntax and built-ins, dates,
number formatting, JSON, strings, loops with and without braces, comments at the end, errors.
``cases(seed, n)`` is deterministic: the committed oracle records (``cases.jsonl.gz``) are
``cases(seed, n)`` for the seeds listed in ``record_cases.py``.

    python -m tests.converters.nashorn.gen_a SEED N > cases.jsonl
"""

from __future__ import annotations

import base64
import json
import random
import sys
from typing import Any

from tests.converters.nashorn.gen_a_snippets import ES5, ES6_BUILTINS, ES6_SYNTAX, HELPERS, LOOPS, METADATA, PAYLOADS


def program(rng: random.Random) -> tuple[str, list[str]]:
    """One decoder body and the snippet families it uses."""
    lines: list[str] = []
    tags: list[str] = []
    if rng.random() < 0.2:
        lines.append(rng.choice(["// Decoder for the test device", "/* multi-line\n   header */", "'use strict';"]))
    helpers = rng.choice(HELPERS)
    lines.extend(helpers)
    if helpers and rng.random() < 0.8:
        lines.append("var data = decodeToJson(payload);")
    elif rng.random() < 0.5:
        lines.append("var data = JSON.parse(String.fromCharCode.apply(null, payload));")
    else:
        lines.append("var data = {ts: payload.length, deviceName: 'raw'};")
    lines.append("var ts = data.ts || 0;")
    lines.append("var t = {};")
    mix = rng.random()
    for i in range(rng.randint(3, 12)):
        pick = rng.random()
        if pick < 0.08 + 0.1 * mix:
            tag, gen = (
                rng.choice(list(ES6_SYNTAX.items()))
                if rng.random() < 0.3 * (mix + 0.2)
                else rng.choice(list(ES5.items()))
            )
        elif pick < 0.25:
            tag, gen = rng.choice(list(ES6_BUILTINS.items())) if rng.random() < 0.35 else rng.choice(list(ES5.items()))
        else:
            tag, gen = rng.choice(list(ES5.items()))
        tags.append(tag)
        lines.append(f"t['k{i}_{tag}'] = {gen(rng)};")
        if rng.random() < 0.15:
            block = rng.choice(LOOPS)(rng)
            lines.extend(block)
            tags.append("loop")
    if rng.random() < 0.05:
        lines.append(
            rng.choice(["throw new Error('decoder failed');", "null.boom;", "undefinedFunction();", "throw 'plain';"])
        )
        tags.append("throws")
    result = rng.choice(
        [
            "return {deviceName: metadata.deviceName || data.deviceName || 'dev', deviceType: 'gen', telemetry: t};",
            "return {deviceName: data.deviceName || 'dev', telemetry: {ts: 1577836800000, values: t}, "
            "attributes: {n: 1}};",
            "var result = {\n    deviceName: 'dev',\n    telemetry: t\n};\nreturn result;",
        ]
    )
    lines.extend(result.split("\n"))
    ending = rng.random()
    text = "\n".join(lines)
    if ending < 0.08:
        text += "\n// end of decoder"
        tags.append("end_comment")
    elif ending < 0.14:
        text += "\n// end of decoder\n"
    elif ending < 0.2:
        text += "\n"
    return text, tags


def cases(seed: int, n: int) -> list[dict[str, Any]]:
    """``n`` cases from ``seed``: ``{id, script, payload_b64, metadata, tags}``."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        script, tags = program(rng)
        payload = rng.choice(PAYLOADS)(rng)
        out.append(
            {
                "id": f"{seed}-{i}",
                "script": script,
                "payload_b64": base64.b64encode(payload).decode("ascii"),
                "metadata": rng.choice(METADATA),
                "tags": sorted(set(tags)),
            }
        )
    return out


if __name__ == "__main__":
    for case in cases(int(sys.argv[1]), int(sys.argv[2])):
        print(json.dumps(case, ensure_ascii=False))
