"""ThingsBoard's local JS engine (Nashorn 15.4 in delight-nashorn-sandbox 0.4.5), modelled in V8.

A JS converter targets one of ThingsBoard's two JS engines (``js_engine``): ``"remote"`` (the
Node.js executor: ThingsBoard Cloud, microservices; V8 runs it as it is) or ``"local"`` (the
monolith's default, ``js.evaluator: local``), which :mod:`.engine` reproduces.
"""

from __future__ import annotations

from typing import Literal

from ...errors import ConfigError

__all__ = ["JS_ENGINES", "JsEngine", "check_engine"]

JsEngine = Literal["remote", "local"]
JS_ENGINES: tuple[JsEngine, ...] = ("remote", "local")


def check_engine(value: object) -> JsEngine:
    """``value`` as a JS engine name, or :class:`~tbkit.ConfigError`."""
    text = str(value).lower() if isinstance(value, str) else value
    if text == "remote":
        return "remote"
    if text == "local":
        return "local"
    raise ConfigError(f"js_engine must be 'remote' or 'local', got {value!r}")
