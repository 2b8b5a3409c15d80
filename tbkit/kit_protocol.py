"""What the widgets need of a kit, as a :class:`typing.Protocol`.

Widgets (``tbkit.ui``) take a :class:`KitView` rather than :class:`tbkit.Kit`, so a test can
hand them a small fake and the ui layer depends on a shape, not on the kit module.
:class:`tbkit.Kit` satisfies it (mypy checks that below).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from .frames import TimeLike
    from .integration import Integration
    from .kit import Kit
    from .store import Store

__all__ = ["KitView"]


class KitView(Protocol):
    """The kit as the widgets use it: its store, integrations, URL and DataFrame readers."""

    @property
    def store(self) -> Store: ...

    @property
    def integrations(self) -> dict[str, Integration]: ...

    @property
    def base_url(self) -> str: ...

    def attributes(self, entity: str | Iterable[str] | None = None, scope: str | None = None) -> pd.DataFrame: ...

    def telemetry(
        self,
        entity: str | Iterable[str] | None = None,
        keys: str | Iterable[str] | None = None,
        start: TimeLike = None,
        end: TimeLike = None,
        wide: bool = False,
    ) -> pd.DataFrame: ...

    def save_attributes(
        self, entity: str, values: Mapping[str, object], scope: str = "SHARED_SCOPE", entity_type: str = "DEVICE"
    ) -> None: ...

    def update_integration(self, integration: Integration) -> None: ...


if TYPE_CHECKING:

    def _a_kit_is_a_kit_view(kit: Kit) -> KitView:
        return kit  # mypy fails here when Kit stops matching what the widgets need
