"""Every path a script and its payloads can take through tbkit, as comparable results; and ThingsBoard's.

Each path gets converters of its own (fresh contexts), decodes the same payloads in the same order
and gives one :class:`Result` per payload: ``run``, ``run_async``, ``test``, ``run_many``,
``decode_many`` (its entities, or the first error it raises), ``inspect`` (the byte inspector's
result, from a traced context of its own), ``replay`` (the current
converter's outcome), ``check`` (``check-converters`` on a folder of the payloads) and ``process`` /
``handle`` (the integration's steps, blocking and on a loop: what the endpoint runs). ``engine`` is
the JS converters' ``js_engine`` (``"remote"``, or ``"local"``: ThingsBoard's local engine).

:func:`thingsboard` gives what ThingsBoard's remote JS executor makes of the first call: the script
as the body of ``Decoder`` inside its wrapper, run in a context of its own (so the wrapper's
``JSON.parse`` and ``JSON.stringify`` are the ones that existed before the script ran), normalised
with :func:`tbkit.normalise.normalise`.
"""

from __future__ import annotations

import asyncio
import json
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from py_mini_racer import JSEvalException, MiniRacer

from tbkit.converters import ConverterWarning, DecodeRun, Inspection, UplinkConverter
from tbkit.converters.uplink import payload_text
from tbkit.errors import ConverterError, ConverterOutputError
from tbkit.integration import Integration
from tbkit.library.runner import CheckOptions, iter_results
from tbkit.models import ConvertedData, Request
from tbkit.normalise import normalise
from tbkit.replay import Replay
from tbkit.store import Store

Docs = Sequence[Any]  # the payloads, as JSON documents (their bytes: json.dumps(doc).encode())
METADATA = {"k": "v"}


@dataclass(frozen=True)
class Result:
    """One call's result: the raw output, the entities (as ThingsBoard JSON), the error and its status."""

    output: Any = None
    entities: Any = None
    error: str | None = None  # "<class>: <message>"; a script's errors compare by class only
    status: int = 204  # what the endpoint answers (an integration with entities: 204)

    def script_failed(self) -> bool:
        return self.error is not None and not self.error.startswith("ConverterOutputError")


def body(doc: Any) -> bytes:
    return json.dumps(doc).encode("utf-8")


def error_text(error: BaseException) -> str:
    if isinstance(error, ConverterOutputError):
        return f"ConverterOutputError: {error.message}"
    return type(error).__name__


def entities(converted: Sequence[ConvertedData] | None) -> Any:
    return None if converted is None else [e.to_dict() for e in converted]


def of_run(run: DecodeRun, lang: str) -> Result:
    error = run.error
    if error is None:
        return Result(run.output, entities(run.converted))
    if isinstance(error, ConverterOutputError):
        return Result(run.output, None, error_text(error), error.status)
    return Result(run.output, None, error_text(error), 400 if lang == "JS" else 500)  # a script's error (spec §1)


def converter(script: str, lang: str, track: Callable[[Any], Any], engine: str = "remote") -> UplinkConverter:
    conv: UplinkConverter = track(UplinkConverter(script, lang=lang, timeout=5, js_engine=engine))
    return conv


def run_path(script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote") -> list[Result]:
    conv = converter(script, lang, track, engine)
    return [of_run(conv.run(body(d), METADATA), lang) for d in docs]


def run_async_path(
    script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote"
) -> list[Result]:
    conv = converter(script, lang, track, engine)

    async def calls() -> list[DecodeRun]:
        return [await conv.run_async(body(d), METADATA) for d in docs]

    return [of_run(run, lang) for run in asyncio.run(calls())]


def run_many_path(
    script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote"
) -> list[Result]:
    conv = converter(script, lang, track, engine)
    return [of_run(run, lang) for run in conv.run_many([body(d) for d in docs], METADATA)]


def inspect_path(
    script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote"
) -> list[Result]:
    """``inspect()`` per payload: its result (the byte inspector's traced context must give what run() gives)."""
    conv = converter(script, lang, track, engine)
    return [of_run(conv.inspect(body(d), METADATA).result, lang) for d in docs]


def trace_of(found: Inspection[DecodeRun], shift: int = 0) -> list[Any]:
    """An inspection's reads per byte, its lines moved up by ``shift`` (a prologue of ``shift`` lines)."""
    return [
        (
            b.reads,
            [line - shift for line in b.lines],
            b.first_read,
            [(r.line - shift if r.line else r.line, r.call, r.count) for r in b.readers],
        )
        for b in found.bytes
    ] + [(gone.index, gone.line - shift if gone.line else gone.line) for gone in found.past_end]


def via_test(script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote") -> list[Any]:
    """``test()`` per payload: its output, or the error it raises (its engine warnings are not compared)."""
    conv = converter(script, lang, track, engine)
    out: list[Any] = []
    for d in docs:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConverterWarning)
                out.append(("output", conv.test(body(d), METADATA)))
        except ConverterError as exc:
            out.append(("raised", error_text(exc)))
    return out


def decode_many_path(script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote") -> Any:
    """``decode_many`` of every payload: the entities of each, or the first error it raises."""
    conv = converter(script, lang, track, engine)
    try:
        return ("entities", [entities(e) for e in conv.decode_many([body(d) for d in docs], METADATA)])
    except ConverterError as exc:
        return ("raised", error_text(exc))


def replay_path(script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote") -> list[Any]:
    """The current converter's outcome per recorded uplink in a replay."""
    records = [
        {"ts": i, "content_type": "application/json", "metadata": METADATA, "body": body(d)} for i, d in enumerate(docs)
    ]
    replay = Replay(records, converter(script, lang, track, engine), converter("return null;", "JS", track, engine))
    return [
        entities(o) if isinstance(o, list) else error_text(o) for o in (replay.outcome(i)[0] for i in range(len(docs)))
    ]


def check_path(script: str, lang: str, docs: Docs, folder: Path, engine: str = "remote") -> list[Any]:
    """``check-converters`` on a folder holding the script and the payloads: each case's output or error."""
    field = "tbelDecoder" if lang == "TBEL" else "decoder"
    document = {"name": "C", "type": "UPLINK", "configuration": {"scriptLang": lang, field: script}}
    (folder / "converter.json").write_text(json.dumps(document), "utf-8")
    (folder / "metadata.json").write_text(json.dumps(METADATA), "utf-8")
    for i, d in enumerate(docs, start=1):
        (folder / f"payload_{i}.json").write_text(json.dumps(d), "utf-8")
        (folder / f"result_{i}.json").write_text("null", "utf-8")
    [result] = list(iter_results(folder, CheckOptions(timeout=5, js_engine=engine)))
    assert result.error is None, result.error
    return [case.output if case.error is None else case.error.partition(":")[0] for case in result.cases]


def integration_paths(
    script: str, lang: str, docs: Docs, track: Callable[[Any], Any], engine: str = "remote"
) -> dict[str, list[Any]]:
    """The integration's steps (what the endpoint runs), blocking and on a loop: each request's status and entities."""
    requests = [Request(body(d), "application/json") for d in docs]

    async def handle(hi: Integration) -> list[Any]:
        return [await hi.handle(r) for r in requests]

    found: dict[str, list[Any]] = {}
    for name in ("process", "handle"):
        with Store(":memory:") as store:
            hi = Integration(store, "HTTP", converter(script, lang, track, engine), metadata=METADATA)
            outcomes = [hi.process(r) for r in requests] if name == "process" else asyncio.run(handle(hi))
            found[name] = [(o.status, o.entities) for o in outcomes]
    return found


WRAPPER = """(function (codes, metaText) {
  var S = String, parse = JSON.parse, stringify = JSON.stringify, fromCharCode = S.fromCharCode, apply = Reflect.apply;
  globalThis.decodeToString = function (p) { return apply(fromCharCode, S, p); };
  globalThis.decodeToJson = function (p) { return parse(apply(fromCharCode, S, p)); };
  var metadata = parse(metaText);
  return stringify(Decoder(codes, metadata));
  function Decoder(payload, metadata) {
%s
}
})(%s, %s)"""


def thingsboard(script: str, doc: Any) -> Result:
    """What ThingsBoard's remote JS executor makes of one call, normalised as tbkit does (see the module)."""
    codes = [ord(c) for c in payload_text(body(doc), "JS")]
    racer = MiniRacer()
    try:
        text = racer.eval(WRAPPER % (script, json.dumps(codes), json.dumps(json.dumps(METADATA))))
    except JSEvalException:
        return Result(error="script error")
    finally:
        racer.close()
    output = None if text is None else json.loads(str(text))
    try:
        return Result(output, entities(normalise(output)))
    except ConverterOutputError as exc:
        return Result(output, None, error_text(exc), exc.status)
