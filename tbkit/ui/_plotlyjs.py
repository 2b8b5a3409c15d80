"""plotly.js for tbkit's plots, taken from the installed ``plotly`` package and sent once per kernel.

``plotly/package_data/plotly.min.js`` ships in plotly's wheel: nothing is committed, built or
downloaded. One :class:`PlotlyJS` model per kernel carries its bytes (a binary buffer, not JSON);
every plot references that model, and the page loads the source once, as a classic ``<script>``
from a Blob URL (it is a UMD bundle, not an ES module), unless ``globalThis.Plotly`` is already there.

>>> from tbkit.ui._plotlyjs import plotly_js
>>> plotly_js() is plotly_js()                                    # doctest: +SKIP
True
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets
import plotly
import traitlets

__all__ = ["PLOTLY_MIN_JS", "PlotlyJS", "plotly_js"]

PLOTLY_MIN_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

_shared: PlotlyJS | None = None


class PlotlyJS(ipywidgets.Widget):  # type: ignore[misc]
    """A model without a view whose only state is the plotly.js source (see the module docstring)."""

    source = traitlets.Bytes(b"").tag(sync=True)
    version = traitlets.Unicode("").tag(sync=True)


def plotly_js() -> PlotlyJS:
    """The kernel's one :class:`PlotlyJS` model (made, and the 4.8 MB file read, on first use)."""
    global _shared
    if _shared is None or _shared.comm is None:  # none yet, or closed (Widget.close_all())
        if not PLOTLY_MIN_JS.is_file():
            raise FileNotFoundError(f"plotly.js is missing from the plotly package: {PLOTLY_MIN_JS}")
        from plotly.offline import get_plotlyjs_version

        _shared = PlotlyJS(source=PLOTLY_MIN_JS.read_bytes(), version=get_plotlyjs_version())
    return _shared
