"""The kit: a store, an HTTP server and the integrations it serves, in one object.

>>> import tbkit
>>> kit = tbkit.start(db=":memory:")                                  # doctest: +SKIP
>>> hi = kit.add_http_integration("HTTP", uplink="return {deviceName: 'T1'};")  # doctest: +SKIP
>>> hi.url                                                            # doctest: +SKIP
'http://127.0.0.1:40123/api/v1/integrations/http/6f1c...'
"""

from __future__ import annotations

import contextlib
import html
import json
import sqlite3
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._startup import bind_server, open_store
from .converters.downlink import DownlinkConverter
from .converters.nashorn import JsEngine, check_engine
from .converters.uplink import UplinkConverter
from .errors import ConfigError
from .frames import ReplayFrame, StoreFrames
from .http import RunningServer, make_app
from .integration import Integration, Routes
from .integration.routes import route_message
from .library import Capture, capture_cases
from .models import AttributeScope, JsonObject, JsonValue, TimeLike
from .plain import plain
from .store import Store, now_ms
from .store.changes import AttributesSaved, WriteContext
from .store.lock import KitLock
from .store.ops import Entity, find_entity, put_attributes
from .thingsboard import integration_settings, integration_to_thingsboard

__all__ = ["Kit", "start"]

_current: Kit | None = None
_current_lock = threading.Lock()


UplinkSource = UplinkConverter | str | dict[str, Any]
"""An uplink converter, its script, or its ThingsBoard JSON."""
DownlinkSource = DownlinkConverter | str | dict[str, Any]
"""A downlink converter, its script, or its ThingsBoard JSON."""


def _uplink(value: UplinkSource, js_engine: JsEngine = "remote") -> UplinkConverter:
    if isinstance(value, UplinkConverter):
        return value
    if isinstance(value, dict):
        return UplinkConverter.from_thingsboard(value, js_engine=js_engine)
    if isinstance(value, str):
        return UplinkConverter(value, js_engine=js_engine)
    raise ConfigError(f"uplink must be an UplinkConverter, a script or ThingsBoard JSON, not {type(value).__name__}")


def _downlink(value: DownlinkSource | None, js_engine: JsEngine = "remote") -> DownlinkConverter | None:
    if value is None or isinstance(value, DownlinkConverter):
        return value
    if isinstance(value, dict):
        return DownlinkConverter.from_thingsboard(value, js_engine=js_engine)
    if isinstance(value, str):
        return DownlinkConverter(value, js_engine=js_engine)
    raise ConfigError(f"downlink must be a DownlinkConverter, a script or ThingsBoard JSON, not {type(value).__name__}")


class Kit(StoreFrames):
    """The running tbkit: use :func:`start` to make one.

    It serves every integration it holds, saves them in the store (they come back when a
    kit starts on the same file), and reads the store as DataFrames. ``js_engine`` is the
    ThingsBoard JS engine the JS converters it makes from scripts and ThingsBoard JSON target.
    """

    def __init__(
        self,
        store: Store,
        server: RunningServer,
        routes: Routes | None = None,
        *,
        lock: KitLock | None = None,
        routing: dict[str, Integration] | None = None,
        js_engine: JsEngine = "remote",
    ) -> None:
        self.js_engine: JsEngine = check_engine(js_engine)
        self.store = store
        self.server = server
        self.routes = routes if routes is not None else Routes()
        self.integrations: dict[str, Integration] = {}
        # integrations by routing key: the table the server's app looks each request up in
        self._by_key: dict[str, Integration] = routing if routing is not None else {}
        self._lock = lock  # released by stop()
        self.store.recover_downlinks()

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the server."""
        host = self.server.host if ":" not in self.server.host else f"[{self.server.host}]"
        return f"http://{host}:{self.server.port}"

    def proxy_url(self, integration: Integration | str | None = None, *, warn: bool = True) -> str | None:
        """The endpoint through jupyter-server-proxy (JupyterHub, Binder), or None without it.

        It is the path on the Jupyter server that forwards to this kit's port:
        ``<JUPYTERHUB_SERVICE_PREFIX or />proxy/<port>/api/v1/integrations/http/<key>``; prefix it
        with the hub's address (what the browser shows before ``/user/...``).

        Without jupyter-server-proxy in this kernel's environment it returns None and warns
        (a ``UserWarning``, shown under the cell) saying so and what to do instead; ``warn=False``
        returns None quietly (a notebook that says what to do itself).
        """
        path = self._proxy_path(integration)
        if path is None and warn:
            warnings.warn(
                "no proxy address: jupyter-server-proxy is not installed in this kernel's environment. "
                "Install it where Jupyter runs (pip install jupyter-server-proxy) and restart Jupyter, "
                f"or post to {self.base_url} from this machine.",
                UserWarning,
                stacklevel=2,
            )
        return path

    def _proxy_path(self, integration: Integration | str | None) -> str | None:
        import importlib.util
        import os

        if importlib.util.find_spec("jupyter_server_proxy") is None:
            return None
        prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
        base = f"{prefix.rstrip('/')}/proxy/{self.server.port}"
        if integration is None:
            return base
        target = self.integrations[integration] if isinstance(integration, str) else integration
        return f"{base}/api/v1/integrations/http/{target.routing_key}"

    def lookup(self, routing_key: str) -> Integration | None:
        """The integration serving this routing key, if any."""
        return self._by_key.get(routing_key)

    # -- integrations --------------------------------------------------------------------------
    def add_http_integration(
        self,
        name: str,
        uplink: UplinkSource,
        downlink: DownlinkSource | None = None,
        *,
        routing_key: str | None = None,
        security_headers: dict[str, str] | None = None,
        replace_no_content_to_ok: bool = False,
        allow_create: bool = True,
        metadata: Mapping[str, JsonValue] | None = None,
        enabled: bool = True,
        queue_all_downlinks: bool = False,
        **options: Any,
    ) -> Integration:
        """Create (or replace, keeping its routing key) an HTTP integration and serve it."""
        old = self.integrations.get(name)
        if routing_key is None and old is not None:
            routing_key = old.routing_key
        integration = Integration(
            self.store,
            name,
            _uplink(uplink, self.js_engine),
            _downlink(downlink, self.js_engine),
            routing_key=routing_key,
            security_headers=security_headers,
            replace_no_content_to_ok=replace_no_content_to_ok,
            allow_create=allow_create,
            metadata=metadata,
            enabled=enabled,
            routes=self.routes,
            queue_all_downlinks=queue_all_downlinks,
            **options,
        )
        clash = self._by_key.get(integration.routing_key)
        if clash is not None and clash.name != name:
            integration.close()
            raise ConfigError(f"routing key {integration.routing_key!r} already serves integration {clash.name!r}")
        self._register(integration, old)
        self._save(integration)
        return integration

    def add_integration_from_thingsboard(
        self, integration: dict[str, Any], uplink: UplinkSource, downlink: DownlinkSource | None = None
    ) -> Integration:
        """Serve an integration exported from ThingsBoard, with its converters."""
        settings = integration_settings(integration)
        return self.add_http_integration(uplink=uplink, downlink=downlink, **settings)

    def _register(self, integration: Integration, old: Integration | None) -> None:
        integration.base_url = self.base_url
        integration.proxy_path = self._proxy_path(integration)
        if old is not None:
            self._by_key.pop(old.routing_key, None)
        self.integrations[integration.name] = integration
        self._by_key[integration.routing_key] = integration
        if old is not None and old is not integration:
            old.close()

    def _save(self, integration: Integration) -> None:
        doc = json.dumps(integration_to_thingsboard(integration))
        up = json.dumps(integration.uplink.to_thingsboard())
        down = json.dumps(integration.downlink.to_thingsboard()) if integration.downlink else None
        self.store.save_integration(integration.name, integration.routing_key, integration.enabled, (doc, up, down))

    def update_integration(self, integration: Integration) -> None:
        """Save an integration after changing it in place (a swapped converter, ``enabled``, headers)."""
        if self.integrations.get(integration.name) is not integration:
            raise KeyError(f"this kit does not serve that integration {integration.name!r}")
        self._save(integration)

    def restore_integrations(self) -> None:
        """Serve every integration saved in the store, with its converters (what :func:`start` does)."""
        for document, up, down in self.store.saved_integrations():
            self.add_integration_from_thingsboard(
                json.loads(document), json.loads(up), json.loads(down) if down else None
            )

    def remove_integration(self, name: str) -> None:
        """Stop serving an integration and forget it (its devices and data stay)."""
        integration = self.integrations.pop(name)
        self._by_key.pop(integration.routing_key, None)
        integration.close()
        self.store.delete_integration(name)

    def export(self, name: str) -> JsonObject:
        """An integration and its converters as ThingsBoard JSON, ready to import."""
        integration = self.integrations[name]
        return {
            "integration": integration_to_thingsboard(integration),
            "uplinkConverter": integration.uplink.to_thingsboard(),
            "downlinkConverter": integration.downlink.to_thingsboard() if integration.downlink else None,
        }

    def capture_cases(self, name: str, folder: str | Path, n: int = 10) -> Capture:
        """Write the newest ``n`` recorded uplinks of integration ``name`` as converter-library cases.

        See :func:`tbkit.library.capture_cases`; ``python -m tbkit check-converters folder``
        replays them.
        """
        integration = self.integrations[name]
        return capture_cases(self.store, integration.uplink, folder, n, integration=name)

    def replay(
        self,
        integration: Integration | str,
        uplink: UplinkSource | None = None,
        limit: int | None = None,
        start: TimeLike = None,
        end: TimeLike = None,
        *,
        run: bool = True,
    ) -> ReplayFrame:
        """Run an integration's recorded uplinks through its current uplink converter and ``uplink``.

        ``uplink`` is the converter to try: a script (in the current converter's language), an
        :class:`~tbkit.UplinkConverter` or ThingsBoard converter JSON; None replays the current one
        against itself. Nothing is written to the store. The result has a ``frame`` (one row per
        uplink) and shows its summary and first differences in a notebook. See
        :meth:`tbkit.replay.Replay.from_integration`.
        """
        target = self.integrations[integration] if isinstance(integration, str) else integration
        return ReplayFrame.from_integration(target, uplink, limit, start, end, run=run)

    # -- attributes and downlinks --------------------------------------------------------------
    def _entity(self, conn: sqlite3.Connection, name: str, entity_type: str) -> Entity:
        entity = find_entity(conn, entity_type, name)
        if entity is None:
            raise KeyError(f"no {entity_type.lower()} named {name!r}")
        return entity

    def save_attributes(
        self, entity: str, values: Mapping[str, object], scope: str = "SHARED_SCOPE", entity_type: str = "DEVICE"
    ) -> None:
        """Store attributes; for SHARED_SCOPE and SERVER_SCOPE emit ATTRIBUTES_UPDATED.

        The message holds the changed keys only; its metadata holds ``scope`` plus
        ``deviceName`` and ``deviceType`` (in ThingsBoard an enrichment node adds those two).
        """
        scope_name = AttributeScope.parse(scope).value
        from .normalise import cast_value

        given = plain(values, "attributes")  # numpy and pandas values (df.t.max()) as Python ones
        typed = {str(k): cast_value(v) if isinstance(v, (dict, list)) else v for k, v in given.items()}

        def job(conn: sqlite3.Connection, context: WriteContext) -> None:
            found = self._entity(conn, entity, entity_type)
            now = now_ms()
            put_attributes(conn, found.id, scope_name, typed, now)
            context.change(AttributesSaved(found, scope_name, dict(typed)))
            if scope_name != AttributeScope.CLIENT.value:
                meta = {"scope": scope_name, "deviceName": found.name, "deviceType": found.type}
                target = self.integrations.get(found.integration or "")
                route_message(conn, context, target, found, ("ATTRIBUTES_UPDATED", dict(given), meta), now)

        self.store.call(job)

    def send_downlink(
        self,
        entity: str,
        msg: object,
        msg_type: str = "RPC_CALL_FROM_SERVER_TO_DEVICE",
        metadata: Mapping[str, object] | None = None,
        integration: str | None = None,
    ) -> None:
        """Cache a message of your own (an RPC-like command, say) for a device's next uplink."""
        given = plain(msg, "msg")

        def job(conn: sqlite3.Connection, context: WriteContext) -> None:
            found = self._entity(conn, entity, "DEVICE")
            target = self.integrations.get(integration or found.integration or "")
            if target is None:
                raise KeyError(f"device {entity!r} has no managing integration; pass integration=")
            meta = {
                "deviceName": found.name,
                "deviceType": found.type,
                **{k: str(v) for k, v in (metadata or {}).items()},
            }
            route_message(conn, context, target, found, (msg_type, given, meta), now_ms(), force=True)

        self.store.call(job)

    # -- lifecycle -----------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop the server, free the converters and close the store."""
        global _current
        self.server.stop()
        for integration in self.integrations.values():
            integration.close()
        self.integrations.clear()
        self._by_key.clear()
        self.store.close()
        if self._lock is not None:
            self._lock.release()
        with _current_lock:
            if _current is self:
                _current = None

    def __repr__(self) -> str:
        lines = [f"<tbkit kit {self.base_url} store={self.store.path!r}>"]
        lines += [f"  {i.name}: {i.url}" for i in self.integrations.values()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        stats = {row[0]: row[1:] for row in self.store.stats_rows()}
        devices = self.store.entity_count()
        rows = "".join(
            f"<tr><td>{html.escape(i.name)}</td><td><code>{html.escape(i.url or '')}</code></td>"
            f"<td>{stats.get(i.name, (0, 0))[0]}</td><td>{stats.get(i.name, (0, 0))[1]}</td></tr>"
            for i in self.integrations.values()
        )
        return (
            f"<b>tbkit</b> serving <code>{html.escape(self.base_url)}</code>, store "
            f"<code>{html.escape(self.store.path)}</code>, {devices} devices"
            "<table><tr><th>integration</th><th>URL</th><th>uplinks</th><th>errors</th></tr>"
            f"{rows}</table>"
        )


def start(
    db: str | Path = "tbkit.db",
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    fresh: bool = False,
    in_thread: bool | None = None,
    access_log: bool = False,
    js_engine: JsEngine | str = "remote",
    **store_options: Any,
) -> Kit:
    """Start tbkit: open the store, serve HTTP, restore saved integrations.

    In a Jupyter kernel the server runs on the kernel's event loop; elsewhere on a thread.
    Calling it again stops the previous kit first (no "address in use", no second server).

    Parameters
    ----------
    db:
        The store file (created when missing), or ``":memory:"``.
    host, port:
        Where to listen. ``port=0`` reuses the port this store's kit had last time when it is
        free (so URLs and curl commands copied earlier keep working), and otherwise takes a
        free port and warns that the address changed.
    fresh:
        Begin with no data: delete every device and asset, their attributes and telemetry,
        debug events, downlinks and counters, so a notebook re-run gives the same results.
        The saved integrations and the port are kept, so re-adding an integration by name
        keeps its URL. Refused (:class:`~tbkit.StoreError`) while another kit has the store
        open, in this kernel, another kernel or ``python -m tbkit serve``: see
        :mod:`tbkit.store.lock`.
    in_thread:
        Serve on a thread of its own (``None``: only when no event loop is running).
    access_log:
        Log one line per request.
    js_engine:
        The ThingsBoard JS engine the kit's JS converters target (those it makes from scripts
        and ThingsBoard JSON, saved ones included): ``"remote"`` (Node.js: ThingsBoard Cloud and
        microservice setups; V8 runs the script as it is and warns where the local engine would
        differ) or ``"local"`` (a self-hosted ThingsBoard's default, ``js.evaluator: local``:
        Nashorn, ECMAScript 5.1, in its sandbox). See the README's "JS engines".
    store_options:
        Passed to :class:`~tbkit.store.Store` (``durability``, ``max_events``, and
        ``max_uplinks``: recorded uplinks kept for replays, 100,000 by default, 0 for none).
    """
    global _current
    engine = check_engine(js_engine)
    with _current_lock:
        previous, _current = _current, None
    if previous is not None:
        previous.stop()
    with contextlib.ExitStack() as undo:  # a step that fails undoes the ones before it
        lock = KitLock(db)
        undo.callback(lock.release)
        store = open_store(db, lock, fresh, store_options)
        undo.callback(store.close)
        routing: dict[str, Integration] = {}
        server = bind_server(
            make_app(routing.get, access_log=access_log, js_engine=engine), store, host, port, in_thread
        )
        undo.callback(server.stop)
        kit = Kit(store, server, lock=lock, routing=routing, js_engine=engine)
        undo.pop_all()  # the kit owns them now: kit.stop() undoes everything
        undo.callback(kit.stop)
        kit.restore_integrations()
        undo.pop_all()
    with _current_lock:
        _current = kit
    return kit
