"""What uplink and downlink converters share: language, limits, ThingsBoard JSON, lifecycle."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self, TypedDict

from ..errors import ConfigError, ConverterError
from ..models import JsonObject
from .nashorn import JsEngine, check_engine
from .nashorn.compare import LocalTwin
from .nashorn.engine import local_script, static_warnings
from .runtime import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, V8Script

if TYPE_CHECKING:
    from .assist import Diagnostic

__all__ = ["DebugSettings", "ScriptConverter", "load_document"]

Lang = Literal["JS", "TBEL"]


class _ScriptOptions(TypedDict):
    params: tuple[str, ...]
    name: str
    timeout: float
    max_memory: int


@dataclass
class DebugSettings:
    """ThingsBoard's ``debugSettings``: which debug events are kept.

    tbkit keeps every event by default (``all_enabled=True`` with no end time): it is a
    prototyping tool, and its store bounds the events it keeps.
    """

    failures_enabled: bool = True
    all_enabled: bool = True
    all_enabled_until: int = 0

    def records_all(self, now_ms: int | None = None) -> bool:
        """True when successful events are kept as well as failures."""
        if not self.all_enabled:
            return False
        if self.all_enabled_until <= 0:
            return True
        return (now_ms if now_ms is not None else int(time.time() * 1000)) < self.all_enabled_until

    def to_thingsboard(self) -> JsonObject:
        """The ``debugSettings`` object of ThingsBoard's JSON."""
        return {
            "failuresEnabled": self.failures_enabled,
            "allEnabled": self.all_enabled,
            "allEnabledUntil": self.all_enabled_until,
        }

    @classmethod
    def from_thingsboard(cls, doc: dict[str, Any]) -> DebugSettings:
        """Read ``debugSettings`` (or the deprecated ``debugMode`` flag)."""
        settings = doc.get("debugSettings")
        if isinstance(settings, dict):
            return cls(
                failures_enabled=bool(settings.get("failuresEnabled", True)),
                all_enabled=bool(settings.get("allEnabled", False)),
                all_enabled_until=int(settings.get("allEnabledUntil") or 0),
            )
        if "debugMode" in doc:
            return cls(all_enabled=bool(doc["debugMode"]))
        return cls()


def load_document(source: dict[str, Any] | str | Path) -> dict[str, Any]:
    """A ThingsBoard JSON document from a dict, a path, or JSON text."""
    if isinstance(source, dict):
        return source
    text = str(source)
    if isinstance(source, Path) or not text.lstrip().startswith("{"):
        path = Path(text)
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise ConfigError("a ThingsBoard document must be a JSON object")
    return doc


class ScriptConverter:
    """Base of :class:`UplinkConverter` and :class:`DownlinkConverter`."""

    converter_type: ClassVar[str]
    params: ClassVar[tuple[str, ...]]
    js_field: ClassVar[str]
    tbel_field: ClassVar[str]
    default_name: ClassVar[str]
    arg_limits: ClassVar[dict[str, int]] = {"JS": 150_000, "TBEL": 100_000}

    def __init__(
        self,
        source: str,
        lang: Lang | str = "JS",
        name: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory: int = DEFAULT_MAX_MEMORY,
        debug: DebugSettings | None = None,
        js_engine: JsEngine | str = "remote",
    ) -> None:
        lang = str(lang).upper()
        if lang not in ("JS", "TBEL"):
            raise ConfigError(f"lang must be 'JS' or 'TBEL', got {lang!r}")
        if not isinstance(source, str):
            raise ConfigError(f"converter source must be a string, got {type(source).__name__}")
        self.source = source
        self.lang: Lang = lang  # type: ignore[assignment]
        self.name = name or self.default_name
        self.timeout = timeout
        self.max_memory = max_memory
        self.debug = debug or DebugSettings()
        self.extra: JsonObject = {}
        self.js_engine: JsEngine = check_engine(js_engine)
        self.warnings: list[str] = self._static_warnings()
        self._script = self._compile()
        self._twin = (
            LocalTwin(source, self._kind, self.params, self.name, timeout, max_memory)
            if lang == "JS" and self.js_engine == "remote"
            else None
        )

    @property
    def _kind(self) -> Literal["decode", "encode"]:
        return "encode" if self.converter_type == "DOWNLINK" else "decode"

    @property
    def runs_local(self) -> bool:
        """True when the script runs as ThingsBoard's local JS engine (Nashorn) would run it."""
        return self.lang == "JS" and self.js_engine == "local"

    def _static_warnings(self) -> list[str]:
        """Under ``js_engine="remote"``: what the local engine would refuse to compile, with the line."""
        if self.lang != "JS" or self.js_engine == "local":
            return []
        return static_warnings(self.source, self._kind)

    def _compile(self) -> V8Script:
        options: _ScriptOptions = {
            "params": self.params,
            "name": self.name,
            "timeout": self.timeout,
            "max_memory": self.max_memory,
        }
        if self.runs_local:
            return local_script(self.source, self._kind, **options)
        if self.lang == "JS":
            return V8Script(self.source, **options)
        try:
            from .tbel import TBEL_RUNTIME_JS, compile_tbel
        except ImportError as exc:  # pragma: no cover - TBEL ships with the package
            raise ConfigError(f"TBEL support is not available: {exc}") from exc
        try:
            program = compile_tbel(self.source, params=self.params, function_name="__tbkit_user")
        except ConverterError as exc:
            exc.converter = self.name
            raise
        return V8Script(self.source, compiled=program.js, runtime_js=TBEL_RUNTIME_JS, **options)

    def lint(self) -> list[Diagnostic]:
        """What ThingsBoard's engine will make of this script: errors and warnings with their line.

        The same checks as the editor's diagnostics and ``python -m tbkit lint`` (see
        :mod:`tbkit.converters.assist`): unknown functions, helper argument counts, function bodies
        that fail only when they run, names a helper hides (TBEL); what ThingsBoard's local JS engine
        rejects, paths that end without ``return`` (JS).
        """
        from .assist import lint_script

        return lint_script(self.source, self.lang)

    def _args_warning(self, size: int) -> list[str]:
        limit = self.arg_limits[self.lang]
        if size <= limit:
            return []
        return [
            f"script arguments are {size:,} characters: ThingsBoard rejects more than {limit:,} "
            f"for {self.lang} ('Script input arguments exceed maximum allowed total args size')"
        ]

    # -- ThingsBoard JSON ----------------------------------------------------------------------
    @classmethod
    def from_thingsboard(cls, document: dict[str, Any] | str | Path, **options: Any) -> Self:
        """Load a converter exported from ThingsBoard (a dict, a path or JSON text)."""
        doc = load_document(document)
        kind = doc.get("type", cls.converter_type)
        if kind != cls.converter_type:
            raise ConfigError(f"expected a {cls.converter_type} converter, got type {kind!r}")
        config = doc.get("configuration") or {}
        lang = str(config.get("scriptLang") or "JS").upper()
        field = cls.tbel_field if lang == "TBEL" else cls.js_field
        source = config.get(field)
        if not isinstance(source, str):
            raise ConfigError(f"converter {doc.get('name')!r}: configuration.{field} is missing")
        converter = cls(
            source,
            lang=lang,
            name=doc.get("name"),
            debug=DebugSettings.from_thingsboard(doc),
            **cls._options_from_configuration(config),
            **options,
        )
        converter.extra = {
            k: v for k, v in doc.items() if k not in ("name", "type", "configuration", "debugMode", "debugSettings")
        }
        return converter

    @classmethod
    def _options_from_configuration(cls, config: dict[str, Any]) -> dict[str, Any]:
        return {}

    def to_thingsboard(self) -> JsonObject:
        """This converter as ThingsBoard converter JSON, ready to import."""
        configuration: JsonObject = {
            "scriptLang": self.lang,
            self.js_field: self.source if self.lang == "JS" else None,
            self.tbel_field: self.source if self.lang == "TBEL" else None,
        }
        configuration.update(self._configuration_extra())
        doc: JsonObject = {
            "name": self.name,
            "type": self.converter_type,
            "integrationType": "HTTP",
            "converterVersion": 1,
            "debugSettings": self.debug.to_thingsboard(),
            "configuration": configuration,
            "additionalInfo": {"description": ""},
            "edgeTemplate": False,
        }
        doc.update({k: v for k, v in self.extra.items() if k not in doc or k == "additionalInfo"})
        return doc

    def _configuration_extra(self) -> JsonObject:
        return {}

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        """Free the converter's V8 context (and its local-engine twin's)."""
        self._script.close()
        if self._twin is not None:
            self._twin.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran (calls already running may still be finishing)."""
        return self._script.closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        engine = f" js_engine={self.js_engine}" if self.lang == "JS" else ""
        return f"<{type(self).__name__} {self.name!r} lang={self.lang}{engine}>"
