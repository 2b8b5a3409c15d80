"""tbkit in JupyterLab: live widgets over a running kit.

``import tbkit`` never loads this module (nor ipywidgets, anywidget or plotly); import it
yourself::

    from tbkit.ui import Dashboard
    Dashboard(kit)

Every widget listens to the store's change feed through one shared :class:`~tbkit.ui.feed.Feed`
per kit, which flushes a few times a second: a burst of uplinks becomes one update per widget
per flush. User data reaches the page only as text.
"""

from __future__ import annotations

from .attributes import AttributeEditor
from .dashboard import Dashboard
from .editor import ConverterEditor
from .events import EventsViewer
from .feed import Feed, feed_for
from .monitor import UplinkMonitor
from .panel import IntegrationPanel
from .plot import TelemetryPlot
from .status import KitStatus

__all__ = [
    "AttributeEditor",
    "ConverterEditor",
    "Dashboard",
    "EventsViewer",
    "Feed",
    "IntegrationPanel",
    "KitStatus",
    "TelemetryPlot",
    "UplinkMonitor",
    "feed_for",
]
