"""ConverterEditor: edit, test and hot-swap a converter script (ThingsBoard's "Test decoder function").

The front end is CodeMirror 6, bundled into ``static/editor.js`` from ``js/editor`` (see the
README's Widgets section). Run tests the script in the editor without touching the running
integration; Save builds a new converter from it, refuses it (keeping the old one) when it
does not compile, and otherwise swaps it into the integration in one assignment.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Literal

import traitlets

from ..converters.downlink import DownlinkConverter, EncodeRun
from ..converters.uplink import DecodeRun, UplinkConverter
from ..errors import ConverterError, PayloadError
from ..integration import Integration
from ..integration.events import parse_body
from ..models import JsonObject
from ..payloads import build_payload
from ..store.changes import Change
from ._assist import AssistControls
from ._base import FeedWidget, module
from ._protocols import KitLike
from ._replay_panel import ReplayControls
from .feed import Feed, feed_for

__all__ = ["ConverterEditor", "payload_bytes"]

Converter = UplinkConverter | DownlinkConverter
_DEFAULT_UPLINK = '{"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "temperature": 33, "model": "test"}'
_FORMATS = {"JSON": "json", "TEXT": "text", "BINARY": "base64"}
_PAYLOAD_FORMATS = ("json", "text", "hex", "base64")
#: Bytes of the test payload the Test panel's grid shows (Inspection.to_view).
MAX_INSPECT_BYTES = 2048
#: What the page sends with each button press (see ``ConverterEditor._take_state``).
_PAGE_STATE = ("source", "payload", "payload_format", "content_type", "metadata", "msg_type", "integration_metadata")


class _InputError(ValueError):
    """The test panel's payload or metadata cannot be read."""


def _pretty(value: object) -> str:
    try:
        return json.dumps(value, indent=2, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def _json_object(text: str, what: str) -> JsonObject:
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise _InputError(f"{what} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise _InputError(f"{what} must be a JSON object")
    return value


_EXPECTS = {"hex": "pairs of hex digits, such as 01 0a ff", "base64": "base64, such as AQr/"}


def payload_bytes(text: str, fmt: str) -> bytes:
    """The test panel's payload text as bytes: ``json``/``text`` as UTF-8, ``hex``, ``base64``."""
    try:
        if fmt == "hex":
            return bytes.fromhex("".join(text.split()).removeprefix("0x"))
        if fmt == "base64":
            return base64.b64decode("".join(text.split()), validate=True)
    except (ValueError, binascii.Error):
        raise _InputError(
            f"the payload is not {fmt.upper()}: the payload type {fmt.upper()} expects {_EXPECTS[fmt]} "
            "(change the payload type to convert the payload)"
        ) from None
    if fmt == "json":
        try:
            json.loads(text)
        except ValueError as exc:
            raise _InputError(f"payload is not valid JSON: {exc}") from None
    return text.encode("utf-8")


def _clone(old: Converter, source: str) -> Converter:
    """A new converter like ``old`` (language, name, limits, debug settings) running ``source``."""
    options: dict[str, Any] = {
        "lang": old.lang,
        "name": old.name,
        "timeout": old.timeout,
        "max_memory": old.max_memory,
        "debug": old.debug,
        "js_engine": old.js_engine,
    }
    if isinstance(old, UplinkConverter):
        options["update_only_keys"] = list(old.update_only_keys)
    new = type(old)(source, **options)
    new.extra = dict(old.extra)
    return new


class ConverterEditor(AssistControls, ReplayControls, FeedWidget):
    """A code editor for a converter, with a test panel and Save into the running integration.

    Parameters
    ----------
    target:
        An :class:`~tbkit.Integration` (its uplink converter, or its downlink one with
        ``kind="downlink"``), or an :class:`~tbkit.UplinkConverter` / :class:`~tbkit.DownlinkConverter`.
    kind:
        ``"uplink"`` or ``"downlink"``; taken from the converter when one is given.
    kit:
        The kit serving the integration: Save persists the new script in its store. Without it
        Save swaps the script in the running integration only.
    feed:
        The batching feed that tells the editor of new uplinks (the store's shared one by default).

    **Writing help** (see :mod:`tbkit.ui._assist`): completion of helpers with their signatures,
    keywords and variables, of map and list methods after ``.``, and of the keys of the last
    uplink's JSON payload and metadata; signature help; hover docs (Mod-i from the keyboard); and
    diagnostics as you type, from :func:`tbkit.converters.assist.lint_script`.

    **Replay** (an integration's uplink converter) runs the integration's recorded uplinks through
    the running converter and through the editor's script, before Save, and shows the summary and
    the first differences; a long replay shows its progress and can be cancelled (see
    :meth:`replay_async`; the whole outcome stays in :attr:`last_replay`). Save cancels a running
    replay: it compared against the converter being replaced.

    A replaced converter is closed at once: it takes no new calls, requests already running on
    it finish there, and its V8 context is freed when the last one ends (no timer).
    """

    _esm = module("editor.js")
    kind = traitlets.Unicode("uplink").tag(sync=True)
    lang = traitlets.Unicode("JS").tag(sync=True)
    #: The ThingsBoard JS engine the script targets ("remote" or "local"; "" for TBEL).
    engine = traitlets.Unicode("").tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    source = traitlets.Unicode("").tag(sync=True)
    saved_source = traitlets.Unicode("").tag(sync=True)
    payload = traitlets.Unicode(_DEFAULT_UPLINK).tag(sync=True)
    payload_format = traitlets.Enum(_PAYLOAD_FORMATS, "json").tag(sync=True)
    content_type = traitlets.Unicode("application/json").tag(sync=True)
    metadata = traitlets.Unicode("").tag(sync=True)
    msg_type = traitlets.Unicode("ATTRIBUTES_UPDATED").tag(sync=True)
    integration_metadata = traitlets.Unicode("{}").tag(sync=True)
    output = traitlets.Unicode("").tag(sync=True)
    logs = traitlets.List(traitlets.Unicode()).tag(sync=True)
    warnings = traitlets.List(traitlets.Unicode()).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    error_line = traitlets.Int(0).tag(sync=True)
    error_column = traitlets.Int(0).tag(sync=True)
    error_message = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    status_kind = traitlets.Unicode("").tag(sync=True)
    #: The last Run's byte inspection of the test payload (uplink only; see Inspection.to_view).
    inspection = traitlets.Dict({}).tag(sync=True)

    def __init__(
        self,
        target: Integration | Converter,
        kind: Literal["uplink", "downlink"] | None = None,
        kit: KitLike | None = None,
        feed: Feed | None = None,
        **kwargs: Any,
    ) -> None:
        self.integration = target if isinstance(target, Integration) else None
        if self.integration is None:
            if not isinstance(target, (UplinkConverter, DownlinkConverter)):
                raise TypeError(f"ConverterEditor edits an Integration or a converter, not {type(target).__name__}")
            kind = "uplink" if isinstance(target, UplinkConverter) else "downlink"
            self._converter = target
        kind = kind or "uplink"
        if kind not in ("uplink", "downlink"):
            raise ValueError(f"kind must be 'uplink' or 'downlink', got {kind!r}")
        self.kit = kit
        super().__init__(kind=kind, **kwargs)
        converter = self._current()
        if converter is None:
            raise ValueError(f"integration {target.name!r} has no {kind} converter")
        name = self.integration.name if self.integration else converter.name
        with self.hold_sync():
            self.lang, self.source, self.saved_source = converter.lang, converter.source, converter.source
            self.engine = converter.js_engine if converter.lang == "JS" else ""
            self.title = f"{name}: {converter.name} ({converter.lang})"
            self.can_replay = self.integration is not None and kind == "uplink"
            if kind == "downlink":
                self.payload, self.payload_format = '{"firmware": "01052020.v1.2"}', "json"
                self.metadata = json.dumps(
                    {"deviceName": "Sensor T1", "deviceType": "Temperature Sensor", "scope": "SHARED_SCOPE"}
                )
            else:
                self.metadata = json.dumps({"integrationName": name})
        self.on_msg(self._on_custom)
        self._start_assist()
        if self.integration is not None:
            self.feed = feed if feed is not None else feed_for(self.integration)
            self._disconnect = self.feed.connect(self._on_changes)

    def _current(self) -> Converter | None:
        if self.integration is None:
            return self._converter
        return self.integration.uplink if self.kind == "uplink" else self.integration.downlink

    @property
    def converter(self) -> Converter:
        """The converter the integration runs now (or the one given)."""
        current = self._current()
        if current is None:
            raise ValueError(f"the integration has no {self.kind} converter any more")
        return current

    def _on_changes(self, changes: list[Change]) -> None:  # only the completion keys follow live data
        self._assist_changes(changes)

    # -- results -------------------------------------------------------------------------------
    def _show(
        self,
        *,
        output: str = "",
        logs: list[str] | None = None,
        warnings: list[str] | None = None,
        error: BaseException | str | None = None,
        status: str = "",
        status_kind: str = "",
        inspection: JsonObject | None = None,
    ) -> None:
        line = column = 0
        message = ""
        if isinstance(error, ConverterError):
            line, column, message = error.line or 0, error.column or 0, error.message
        with self.hold_sync():
            self.output, self.logs, self.warnings = output, list(logs or []), list(warnings or [])
            self.error = "" if error is None else str(error)
            self.error_line, self.error_column, self.error_message = line, column, message
            self.status, self.status_kind = status, status_kind
            if inspection is not None:
                self.inspection = inspection

    def _compile(self) -> Converter | None:
        """The editor's script as a new converter (the running one when the script is unchanged)."""
        return None if self.source == self.converter.source else _clone(self.converter, self.source)

    # -- handlers (the front end's buttons; call them directly in tests) -----------------------
    def check(self) -> bool:
        """Compile the editor's script and mark its error line, if any; True when it compiles.

        The page calls it after each edit: the last action's status (ran, saved) no longer
        applies to the script, so it is cleared; a Replay refused for a compile error is too.
        """
        self._sync_saved()
        try:
            fresh = self._compile()
        except ConverterError as exc:
            self._show(error=exc, status=f"does not compile: line {exc.line}", status_kind="error")
            return False
        if fresh is not None:
            fresh.close()
        self._replay_compiles()
        if self.error_line or self.status_kind == "error":
            self._show(status="compiles", status_kind="ok")
        else:
            with self.hold_sync():
                self.status, self.status_kind = "", ""
        return True

    def _sync_saved(self) -> None:
        """``saved_source`` follows the running converter (another editor may have saved since)."""
        current = self._current()
        if current is not None and current.source != self.saved_source:
            self.saved_source = current.source

    def run_test(self) -> None:
        """Run the editor's script on the test panel's input and show output, logs, warnings or error."""
        try:
            fresh = self._compile()
        except ConverterError as exc:
            self._show(error=exc, status=f"does not compile: line {exc.line}", status_kind="error", inspection={})
            return
        converter = fresh or self.converter
        run: DecodeRun | EncodeRun
        view: JsonObject = {}
        try:
            if isinstance(converter, UplinkConverter):
                payload = build_payload(payload_bytes(self.payload, self.payload_format), self.content_type or None)
                found = converter.inspect(payload.body, _json_object(self.metadata, "metadata"))
                run, view = found.result, found.to_view(MAX_INSPECT_BYTES)
                warnings = run.warnings
            else:
                msg = json.loads(self.payload) if self.payload.strip() else {}
                run = converter.run(
                    msg,
                    _json_object(self.metadata, "metadata"),
                    self.msg_type,
                    _json_object(self.integration_metadata, "integration metadata"),
                )
                warnings = list(converter.warnings)
        except (_InputError, PayloadError, ValueError) as exc:
            self._show(error=str(exc), status="input refused", status_kind="error", inspection={})
            return
        finally:
            if fresh is not None:
                fresh.close()
        output = _pretty(run.output) if run.output is not None or run.error is None else ""
        if run.error is not None:
            self._show(
                output=output,
                logs=run.logs,
                warnings=warnings,
                error=run.error,
                status="error" + (f" on line {run.error.line}" if run.error.line else ""),
                status_kind="error",
                inspection=view,
            )
        else:
            self._show(output=output, logs=run.logs, warnings=warnings, status="ran", status_kind="ok", inspection=view)

    def save(self) -> bool:
        """Swap the editor's script into the running integration; refused (old kept) if it does not compile."""
        old = self.converter
        if self.source == old.source:
            self._show(status="saved (unchanged)", status_kind="ok")
            return True
        try:
            new = _clone(old, self.source)
        except ConverterError as exc:
            self._show(
                error=exc,
                status=f"not saved: line {exc.line} does not compile; the old script still runs",
                status_kind="error",
            )
            return False
        self.cancel_replay()  # it compares against the converter being replaced
        if self.integration is None:
            self._converter = new
        else:
            setattr(self.integration, self.kind, new)  # one assignment: the next request uses it
            self._persist()
        old.close()  # running calls finish on it; its context goes with the last of them
        self.saved_source = new.source
        self._replay_saved(new.source)
        self._show(warnings=new.warnings, status="saved: the next request uses it", status_kind="ok")
        return True

    def _persist(self) -> None:
        if self.kit is not None and self.integration is not None:
            self.kit.update_integration(self.integration)

    def load_last_uplink(self) -> bool:
        """Fill payload and metadata from the integration's last uplink (its converter debug event)."""
        if self.integration is None:
            self._show(status="no integration: nothing received yet", status_kind="error")
            return False
        text = self.integration.store.last_uplink_event(self.integration.name)
        if text is None:
            self._show(status="no uplink received yet", status_kind="error")
            return False
        event = parse_body(text)
        metadata = _json_object(event.get("metadata") or "{}", "metadata")
        fmt = _FORMATS.get(event.get("inMessageType", "JSON"), "text")
        header = metadata.get("Header:content-type")  # stored metadata: string values
        content_type = (
            header
            if isinstance(header, str) and header
            else {"json": "application/json", "text": "text/plain", "base64": "application/octet-stream"}[fmt]
        )
        with self.hold_sync():
            self.payload, self.payload_format, self.content_type = event.get("in", ""), fmt, content_type
            self.metadata = json.dumps(metadata, indent=1, ensure_ascii=False)
            # the last run's results were for the old input (a script's error line stays marked)
            self.output, self.logs, self.warnings, self.error = "", [], [], ""
            self.status, self.status_kind = "loaded the last uplink", "ok"
        return True

    def _on_custom(self, widget: object, content: object, buffers: object) -> None:
        if isinstance(content, dict) and isinstance(content.get("state"), dict):
            self._take_state(content["state"])
        super()._on_custom(widget, content, buffers)

    def _take_state(self, state: JsonObject) -> None:
        """Take the script and test inputs the page sent with a button press.

        The page also syncs them as widget state, but ipywidgets holds state updates back while
        the kernel is busy and sends custom messages at once, so a press can arrive first: the
        handler would run on the old script. Taken here as ipywidgets takes an update from the
        page (locked, so not sent back to it).
        """
        fresh = {k: v for k, v in state.items() if k in _PAGE_STATE and isinstance(v, str) and v != getattr(self, k)}
        if fresh.get("payload_format", "json") not in _PAYLOAD_FORMATS:
            del fresh["payload_format"]
        with self._lock_property(**fresh), self.hold_trait_notifications():
            for name, value in fresh.items():
                self.set_trait(name, value)

    def close(self) -> None:
        """Cancel a running replay and close the widget."""
        self.cancel_replay()
        super().close()

    def _msg_check(self, _content: JsonObject) -> None:
        self.check()

    def _msg_run(self, _content: JsonObject) -> None:
        self.run_test()

    def _msg_save(self, _content: JsonObject) -> None:
        self.save()

    def _msg_last_uplink(self, _content: JsonObject) -> None:
        self.load_last_uplink()
