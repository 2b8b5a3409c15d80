"""Dashboard: every tbkit widget over one kit, sharing one feed."""

from __future__ import annotations

from typing import Any

import ipywidgets

from ..integration import Integration
from ._protocols import KitLike
from .attributes import AttributeEditor
from .editor import ConverterEditor
from .events import EventsViewer
from .feed import Feed, feed_for
from .monitor import UplinkMonitor
from .panel import IntegrationPanel
from .plot import TelemetryPlot
from .status import KitStatus

__all__ = ["Dashboard"]

TABS = ("Decoder", "Encoder", "Attributes", "Events", "Integration")


def _column() -> ipywidgets.Layout:
    """Half the row from about 900 px of notebook width; the whole row (stacked) below that."""
    return ipywidgets.Layout(flex="1 1 440px", min_width="0", max_width="100%")


class Dashboard(ipywidgets.VBox):  # type: ignore[misc]
    """The kit at a glance: status line, uplinks next to the live plot, then tabs.

    The uplinks and the plot sit side by side in a wide notebook and one above the other in a
    narrow one (below about 900 px of output width, e.g. a 1024 px window with the file browser
    open).

    Parameters
    ----------
    kit:
        The running kit.
    integration:
        The integration whose converters and settings the tabs show (the first one by default).
    entity:
        The device the attribute editor starts on.
    feed:
        The batching feed (the kit's shared one by default).
    """

    def __init__(
        self,
        kit: KitLike,
        integration: str | None = None,
        entity: str | None = None,
        feed: Feed | None = None,
        **kwargs: Any,
    ) -> None:
        self.kit = kit
        self.feed = feed if feed is not None else feed_for(kit)
        chosen: Integration | None = (
            kit.integrations.get(integration) if integration else next(iter(kit.integrations.values()), None)
        )
        if integration and chosen is None:
            raise KeyError(f"the kit has no integration named {integration!r}")
        self.status = KitStatus(kit, feed=self.feed)
        self.monitor = UplinkMonitor(kit, feed=self.feed, layout=_column())
        self.plot = TelemetryPlot(kit, feed=self.feed, layout=_column())
        self.attributes = AttributeEditor(kit, entity=entity, feed=self.feed)
        self.events = EventsViewer(kit, feed=self.feed)
        self.decoder: ipywidgets.DOMWidget = (
            ConverterEditor(chosen, kit=kit, feed=self.feed) if chosen else _missing("uplink converter")
        )
        self.encoder: ipywidgets.DOMWidget = (
            ConverterEditor(chosen, kind="downlink", kit=kit, feed=self.feed)
            if chosen and chosen.downlink
            else _missing("downlink converter")
        )
        self.panel: ipywidgets.DOMWidget = (
            IntegrationPanel(chosen, kit=kit, feed=self.feed) if chosen else _missing("integration")
        )
        self.tabs = ipywidgets.Tab(
            children=[self.decoder, self.encoder, self.attributes, self.events, self.panel], titles=TABS
        )
        top = ipywidgets.HBox(
            [self.monitor, self.plot],
            layout=ipywidgets.Layout(flex_flow="row wrap", align_items="flex-start", width="100%", grid_gap="8px 16px"),
        )
        kwargs.setdefault("layout", ipywidgets.Layout(width="100%", max_width="100%"))
        super().__init__(children=[self.status, top, self.tabs], **kwargs)

    @property
    def widgets(self) -> list[Any]:
        """Every widget of the dashboard."""
        names = ("status", "monitor", "plot", "decoder", "encoder", "attributes", "events", "panel")
        return [w for w in (getattr(self, n, None) for n in names) if w is not None]

    def close(self) -> None:
        """Close every widget (they stop listening to the kit)."""
        for widget in self.widgets:
            widget.close()
        if getattr(self, "tabs", None) is not None:
            self.tabs.close()
        super().close()


def _missing(what: str) -> ipywidgets.HTML:
    return ipywidgets.HTML(f"<i>no {what}: add an integration with kit.add_http_integration(...)</i>")
