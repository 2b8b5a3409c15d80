"""Turn bench/out/results.json into the console table and bench/results.md."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
HTTP_ORDER = ["tbkit_serve", "tbkit_serve_trial", "tbkit_kernel", "tornado_bare", "nodered", "node_bare"]


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def targets(r: dict) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, goal, met) rows; met is None when a side was skipped."""
    http = r.get("http", {})
    rps = {k: v.get("rps") for k, v in http.items()}
    rows = []
    for name, peer, goal in (
        ("tbkit serve / bare Tornado req/s", "tornado_bare", 0.85),
        ("tbkit serve / Node-RED req/s", "nodered", 1.0),
    ):
        x = _ratio(rps.get("tbkit_serve"), rps.get(peer))
        if http:
            rows.append((name, f"{x:.2f}" if x else "n/a", f">= {goal:.2f}", None if x is None else x >= goal))
    conv, node = r.get("converters", {}), r.get("converters_node", {})
    for dec in ("seed", "binary"):
        x = _ratio(conv.get(dec, {}).get("batch"), node.get(dec))
        rows.append(
            (
                f"batch decode ({dec}) / Node.js, same decoder and per-uplink work",
                f"{x:.2f}" if x else "n/a",
                ">= 0.50",
                None if x is None else x >= 0.5,
            )
        )
        x = _ratio(conv.get(dec, {}).get("batch_cpu"), node.get(f"{dec}_cpu"))
        if x:
            rows.append((f"the same per CPU-second ({dec})", f"{x:.2f}", ">= 0.50", x >= 0.5))
    slowest = max((v["median_ms"] for v in r.get("inspection", {}).get("inspect", {}).values()), default=None)
    if slowest is not None:
        rows.append(("inspect a 1 KiB payload, slowest decoder", f"{slowest:.0f} ms", "<= 1000 ms", slowest <= 1000))
    if "store" not in r:  # a --converters-only run
        return rows
    resp = r.get("responsiveness", {})
    p95, busiest = resp.get("cell_p95_ms"), resp.get("busiest_widget_msgs_per_s")
    rows.append(
        (
            "trivial cell p95 under 500 uplinks/s, Dashboard shown",
            f"{p95:.1f} ms" if p95 is not None else "n/a",
            "<= 100 ms",
            None if p95 is None else p95 <= 100,
        )
    )
    rows.append(
        (
            "widget messages per second, busiest widget",
            f"{busiest:.1f}" if busiest is not None else "n/a",
            "<= 10",
            None if busiest is None else busiest <= 10,
        )
    )
    df = r.get("store", {}).get("df_load_s")
    rows.append(
        (
            "1,000,000 telemetry rows -> DataFrame",
            f"{df:.2f} s" if df else "n/a",
            "<= 1.50 s",
            None if df is None else df <= 1.5,
        )
    )
    return rows


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**MISSED**", None: "skipped"}[met]


def http_rows(r: dict) -> list[str]:
    http = r.get("http", {})
    base = {k: http.get(k, {}).get("rps") for k in ("tornado_bare", "nodered")}
    lines = [
        "| target | req/s | p50 ms | p99 ms | vs bare Tornado | vs Node-RED | server CPU | runs (req/s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name in HTTP_ORDER + [k for k in http if k not in HTTP_ORDER]:
        v = http.get(name)
        if v is None:
            continue
        if "skipped" in v:
            lines.append(f"| {v['label']} | skipped: {v['skipped']} | | | | | | |")
            continue
        rt, rn = _ratio(v["rps"], base["tornado_bare"]), _ratio(v["rps"], base["nodered"])
        errors = f" (errors: {v['errors']:.0f})" if v["errors"] else ""
        cpu = sorted(x["server_cpu_pct"] for x in v["runs"])
        lines.append(
            f"| {v['label']} | {v['rps']:,.0f} | {v['p50_ms']:.1f} | {v['p99_ms']:.1f} | "
            f"{f'{rt:.2f}x' if rt else 'n/a'} | {f'{rn:.2f}x' if rn else 'n/a'} | {cpu[len(cpu) // 2]:.0f}% | "
            f"{' / '.join(format(x['rps'], ',.0f') for x in v['runs'])}"
            f"{errors} |"
        )
    return lines


def converter_rows(r: dict) -> list[str]:
    conv, node = r.get("converters", {}), r.get("converters_node", {})
    lines = [
        "| decoder | tbkit batch `decode_many()` | Node.js, ThingsBoard's per-uplink work | batch / Node.js | "
        "per CPU-second: tbkit / Node.js (ratio) | batch, every item read | `run_many()` (Run objects) | "
        "single `run()` | 32 concurrent `run_async()` |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for dec in ("seed", "binary"):
        c = conv.get(dec, {})
        n, ncpu = node.get(dec), node.get(f"{dec}_cpu")
        x, xcpu = _ratio(c.get("batch"), n), _ratio(c.get("batch_cpu"), ncpu)
        cpu = f"{c.get('batch_cpu', 0):,.0f} / {ncpu:,.0f} ({xcpu:.2f})" if xcpu else "n/a"
        lines.append(
            f"| {dec} | {c.get('batch', 0):,.0f} | {f'{n:,.0f}' if n else 'skipped'} | "
            f"{f'{x:.2f}' if x else 'n/a'} | {cpu} | {c.get('batch_read', 0):,.0f} | "
            f"{c.get('runs', 0):,.0f} | "
            f"{c.get('single', 0):,.0f} | {c.get('async32', 0):,.0f} |"
        )
    return lines + tbel_rows(conv)


def tbel_rows(conv: dict) -> list[str]:
    """TBEL decoders beside the JavaScript decoders of the same payloads, measured in the same process."""
    if "tbel_binary" not in conv:
        return []
    lines = [
        "",
        "TBEL decoders (`bench/decoders/*.tbel`, compiled to JavaScript and run in V8 with Java's number kinds), "
        "batch `decode_many()`, beside the JavaScript decoder of the same payloads in the same process:",
        "",
        "| TBEL decoder | uplinks/s | per CPU-second | JavaScript decoder, per CPU-second | TBEL / JavaScript |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, js in (("binary", "binary"), ("records", "binary"), ("json", "seed")):
        t, j = conv.get(f"tbel_{name}", {}), conv.get(js, {}).get("batch_cpu")
        x = _ratio(t.get("batch_cpu"), j)
        lines.append(
            f"| {name}.tbel | {t.get('batch', 0):,.0f} | {t.get('batch_cpu', 0):,.0f} | {js}.js {j or 0:,.0f} | "
            f"{f'{x:.2f}' if x else 'n/a'} |"
        )
    return lines


def replay_rows(r: dict) -> list[str]:
    rp = r.get("replay")
    if not rp:
        return []
    return [
        "",
        f"**Replay** (`bench/replay.py`, `tbkit.replay.Replay`): {rp['uplinks']:,} recorded application/json "
        "uplinks through the seed decoder and a changed copy of it (payloads rebuilt with ThingsBoard's "
        f"content-type rules, both converters in batches, outputs compared): **{rp['seconds']:.2f} s**, median of "
        f"{' / '.join(f'{x:.2f}' for x in rp['all_seconds'])} s ({rp['uplinks'] / rp['seconds']:,.0f} uplinks/s); "
        f"summary {rp['summary']}.",
    ]


def inspection_rows(r: dict) -> list[str]:
    """The byte inspector: decoding before and after an inspection, and what inspecting 1 KiB costs."""
    ins = r.get("inspection")
    if not ins:
        return []
    lines = [
        "",
        "**Byte inspector** (`bench/inspection.py`). Decoding speed of a converter never inspected (before) and "
        "of the same script in a converter inspected once (after: its inspection context exists), measured in "
        f"{ins['rounds']} alternating rounds of one process, {ins['batch']:,} payloads, uplinks/s (medians); "
        "the decode context never loads the tracer, so after / before is noise around 1.00:",
        "",
        "| decoder | `decode_many()` before / after (ratio) | `run_many()` before / after (ratio) | "
        "Replay before / after (ratio) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for dec, d in ins["decode"].items():
        paths = ("batch", "runs", "replay")
        cells = [f"{d[f'before_{p}']:,.0f} / {d[f'after_{p}']:,.0f} ({d[f'ratio_{p}']:.2f})" for p in paths]
        lines.append(f"| {dec} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Inspecting a payload of about 1 KiB (`conv.inspect(payload)`), milliseconds: the first call (it makes "
        "the inspection context) and the median of the next 7:",
        "",
        "| decoder | bytes | first | median |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, v in ins["inspect"].items():
        lines.append(f"| {name} | {v['bytes']:,} | {v['first_ms']:.0f} ms | {v['median_ms']:.0f} ms |")
    return lines


def converter_noise(r: dict) -> list[str]:
    """Each round's figures, and how far apart the rounds were (the machine's noise)."""
    rounds = r.get("converters_rounds", {})
    tb, nd = rounds.get("converters", []), rounds.get("converters_node", [])
    if not tb:
        return []
    lines = [
        "| round | tbkit seed | Node.js seed | ratio | tbkit binary | Node.js binary | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for i, t in enumerate(tb):
        n = nd[i] if i < len(nd) else {}
        cells = []
        for dec in ("seed", "binary"):
            x = _ratio(t[dec]["batch"], n.get(dec))
            cells += [f"{t[dec]['batch']:,.0f}", f"{n.get(dec, 0):,.0f}", f"{x:.2f}" if x else "n/a"]
        lines.append(f"| {i + 1} | " + " | ".join(cells) + " |")
    spread = []
    for dec in ("seed", "binary"):
        vals = [t[dec]["batch"] for t in tb]
        nvals = [n[dec] for n in nd]
        spread.append(
            f"{dec}: tbkit {min(vals):,.0f}-{max(vals):,.0f}"
            + (f", Node.js {min(nvals):,.0f}-{max(nvals):,.0f}" if nvals else "")
        )
    load = r.get("converters_load", {})
    before, after = load.get("before", [0, 0, 0]), load.get("after", [0, 0, 0])
    return lines + [
        "",
        "Per CPU-second rates count only the CPU time the measuring process used (all its threads, V8's "
        "and Node.js's helpers included), so time other processes take on the shared core does not count; "
        "on a busy machine they are steadier than wall-clock rates.",
        "",
        f"Machine noise: rounds ranged {'; '.join(spread)} uplinks/s; load average (1 min) "
        f"{before[0]:.2f} before and {after[0]:.2f} after the converter runs on this 2-core machine.",
    ]


def store_rows(r: dict) -> list[str]:
    s = r.get("store", {})
    return [
        "| measure | value |",
        "| --- | ---: |",
        f'| uplinks/s, durability="full" (fsync per group commit), 32 in flight via `Integration.handle` | '
        f"{s.get('uplinks_full_conc32', 0):,.0f} |",
        f'| uplinks/s, durability="normal" (default), 32 in flight | {s.get("uplinks_normal_conc32", 0):,.0f} |',
        f'| uplinks/s, durability="full", one at a time via `Integration.process` (a commit per uplink) | '
        f"{s.get('uplinks_full_seq', 0):,.0f} |",
        f"| {s.get('rows', 0):,} telemetry rows -> `telemetry()` DataFrame, median of 3 | "
        f"{s.get('df_load_s', 0):.2f} s "
        f"({' / '.join(f'{x:.2f}' for x in s.get('df_load_all_s', []))}) |",
        f"| of which the SQL query + fetch alone (`store.read`) | {s.get('df_sql_only_s', 0):.2f} s |",
    ]


def responsiveness_rows(r: dict) -> list[str]:
    resp = r.get("responsiveness", {})
    if not resp or "cell_p95_ms" not in resp:
        return [f"Not measured: {resp.get('skipped') or resp.get('error') or 'no result'}."]
    return [
        f"A kernel (driven by jupyter_client, as JupyterLab drives it) serves `tbkit.start()` with "
        f"`tbkit.ui.Dashboard(kit)` displayed; two paced senders post {resp['rate']:.0f} uplinks/s for "
        f"{resp['seconds']:.0f} s while a trivial cell (`1 + 1`) runs every 100 ms (`bench/responsiveness.py`; "
        "kernel on CPU 1, load on CPU 0).",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| uplinks acknowledged | {resp['acked']:,} of {resp['rate'] * resp['seconds']:,.0f} |",
        f"| trivial cell: p50 / p95 / max | {resp['cell_p50_ms']} / {resp['cell_p95_ms']} / {resp['cell_max_ms']} ms "
        f"({resp['cells']} cells) |",
        f"| widget messages per second: all {resp['widgets_sending']} widgets / the busiest | "
        f"{resp['widget_msgs_per_s']} / {resp['busiest_widget_msgs_per_s']} |",
    ]


def table(r: dict) -> str:
    lines = ["", "HTTP endpoint (wrk -t1 -c32, medians):"] + http_rows(r)
    lines += ["", "Converter calls/s:"] + converter_rows(r)
    if "store" in r:
        lines += ["", "Store:"] + store_rows(r)
    lines += ["", "Targets:", "| target | measured | goal | status |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} | {_mark(d)} |" for a, b, c, d in targets(r)]
    return "\n".join(lines)


def _endpoint_text(r: dict) -> str:
    p = r.get("params", {})
    return (
        "`POST /api/v1/integrations/http/test` with the reference uplink "
        '(`{"deviceName":"Sensor T1",...}`, application/json). tbkit decodes it with the seed decoder '
        "(`bench/decoders/seed.js`) in V8 and commits devices, attributes, telemetry and its debug events to "
        "SQLite (WAL, durability `normal`) before answering 204. Node-RED and bare Node.js run the same decoder "
        "text and keep the result in memory; bare Tornado answers 200 without decoding. "
        f"Each target gets a {p.get('warmup', '?')} s warm-up that is not counted, then "
        f"{p.get('repeats', '?')} interleaved rounds of {p.get('secs', '?')} s "
        "(every target once per round, so drift hits all alike); medians shown. wrk: 1 thread, 32 connections, "
        "`--latency`, 0 errors unless stated. Server CPU is the server process's CPU time over the run, "
        "as % of one core."
    )


def markdown(r: dict) -> str:
    m = r["machine"]
    out = [
        "# tbkit benchmark results",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand, rerun instead. Raw numbers: "
        "`bench/out/results.json`. Every ratio below compares numbers from this same run: the machine "
        "drifts by about 15 % between runs, so compare ratios, not absolute numbers, across runs.",
        "",
        f"- **Date:** {r['date']} (whole run {r.get('elapsed_s', 0):.0f} s)",
        f"- **Machine:** {m['cpu']}, {m['mem_gib']} GiB, {m['os']}, Linux {m['kernel']}; shared, so other load may run",
        f"- **Software:** Python {m['python']}, tbkit {m['tbkit']} ({m['git']}), Tornado {m['tornado']}, "
        f"mini-racer {m['mini_racer']}, pandas {m['pandas']}, Node.js {m['node']}, Node-RED {m['node_red']}, "
        f"{m['wrk'].split(' [')[0].split(' Copyright')[0]}",
        "- **Pinning:** servers and micro-benchmarks on CPU 1 (`taskset -c 1`, every thread), wrk on CPU 0.",
    ]
    load = r.get("load", {})
    if "start" in load and "end" in load:
        start, end = (" / ".join(f"{x:.2f}" for x in load[k]) for k in ("start", "end"))
        cores = m["cpu"].split(" x ")[0]
        out.append(
            f"- **Load average** (1, 5, 15 min): {start} at the start, {end} at the end, on {cores} cores "
            "(other work shares this machine: above the core count, the numbers are lower and noisier)"
        )
    if r.get("skipped"):
        out += [f"- **Skipped:** {k}: {v}" for k, v in r["skipped"].items()]
    out += ["", "## Targets", "", "| target | measured | goal | status |", "| --- | ---: | ---: | --- |"]
    out += [f"| {a} | {b} | {c} | {_mark(d)} |" for a, b, c, d in targets(r)]
    if not r.get("http"):
        out += [
            "",
            "A partial run (no endpoint section): `make bench` writes the whole of `bench/results.md`; partial "
            "runs go to `bench/out/results-partial.md`.",
        ]
    else:
        out += ["", "## 1. Endpoint throughput", "", _endpoint_text(r), ""] + http_rows(r)
    out += (
        [
            "",
            "## 2. Converter speed",
            "",
            "Uplinks per second, one process pinned to CPU 1, 1,000 distinct payloads; each figure is the median of "
            f"{len(r.get('converters_rounds', {}).get('converters', [])) or 1} interleaved rounds "
            "(tbkit, then Node.js, per round), each round the median of 3 timings. seed = the JSON decoder above; "
            "binary = `bench/decoders/binary.js` (a 12-byte frame with bytes >= 0x80, parsed with shifts). "
            "Per uplink, Node.js "
            "does ThingsBoard's work (`bench/converters.js`): parse the metadata JSON, UTF-8-decode the body with "
            "TextDecoder and build the payload array of code units (raw bytes when U+FFFD appears), call the decoder, "
            "`JSON.stringify` its result. tbkit's batch does the same in V8 and also applies ThingsBoard's output "
            "rules (identity, types, casts: `tbkit/normalise.py`, ported to "
            "`tbkit/converters/batch_normalise.js`), then hands "
            'the whole batch to Python as one string; "every item read" also builds each item\'s '
            "`ConvertedData` objects "
            "in Python.",
            "",
        ]
        + converter_rows(r)
        + [""]
        + converter_noise(r)
        + replay_rows(r)
        + inspection_rows(r)
    )
    if "store" in r:
        out += ["", "## 3. Store", ""] + store_rows(r)
    if "responsiveness" in r:
        out += ["", "## 4. Notebook responsiveness", ""] + responsiveness_rows(r)
    out += [
        "",
        "## Exact commands",
        "",
        "```sh",
        ("make bench      # = .venv/bin/python bench/run.py " + " ".join(r.get("argv", []))).rstrip(),
        "```",
        "",
        "What the run executed (HTTP servers, load, micro-benchmarks):",
        "",
        "```sh",
    ]
    out += r.get("http_commands", []) + [f"{k}: {v}" for k, v in r.get("micro_commands", {}).items()]
    out += ["```", ""]
    soak = HERE / "soak-results.md"
    if soak.exists():  # `make soak` writes it (too long for `make bench`); its last result, shown here
        out += ["## 5. Soak (`make soak`, last run)", ""]
        out += [ln for ln in soak.read_text().rstrip().splitlines() if not ln.startswith("# ")] + [""]
    beside = HERE / "replay-beside-traffic.md"
    if beside.exists():  # written by hand from `responsiveness.py --replay` (not part of `make bench`)
        out += [beside.read_text().rstrip(), ""]
    prof = HERE / "profiling.md"
    if prof.exists():
        out += [prof.read_text().rstrip(), ""]
    return "\n".join(out)
