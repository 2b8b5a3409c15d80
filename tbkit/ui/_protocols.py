"""What the widgets need of a kit and of its store, as Protocols (a :class:`tbkit.Kit` has all of it).

The widgets are typed against these, not against :class:`~tbkit.kit.Kit`, so a test can hand them
a small fake and the widgets do not reach into the kit's internals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from ..integration import Integration
    from ..models import TimeLike
    from ..store.changes import Change
    from ..store.queries import Row

__all__ = ["ChangeListener", "KitLike", "StoreLike"]

ChangeListener = Callable[[list["Change"]], None]


class StoreLike(Protocol):
    """The store's change feed and the named reads the widgets make."""

    def subscribe(self, callback: ChangeListener) -> Callable[[], None]:
        """Call ``callback(changes)`` after each commit; returns an unsubscribe function."""
        ...

    def counters(self, integration: str | None = None) -> tuple[int, int]:
        """``(processed, errors)`` of one integration, or summed over all."""
        ...

    def entity_count(self, entity_type: str | None = None) -> int:
        """How many entities (of one kind, or all)."""
        ...

    def entity_names(self, entity_type: str) -> list[str]:
        """Names of the entities of one kind, sorted."""
        ...

    def entity_downlink_rows(self, entity: str, entity_type: str, limit: int) -> list[Row]:
        """An entity's newest downlinks."""
        ...

    def debug_event_rows(self, limit: int) -> list[Row]:
        """The newest ``DEBUG_*`` events."""
        ...


class KitLike(Protocol):
    """A running kit as the widgets use it."""

    @property
    def store(self) -> StoreLike:
        """The kit's store."""
        ...

    @property
    def integrations(self) -> Mapping[str, Integration]:
        """The integrations the kit serves, by name."""
        ...

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the kit's server."""
        ...

    def telemetry(
        self,
        entity: str | Iterable[str] | None = None,
        keys: str | Iterable[str] | None = None,
        start: TimeLike = None,
        end: TimeLike = None,
        wide: bool = False,
    ) -> pd.DataFrame:
        """Telemetry in long form (entity, entity_type, ts, key, value)."""
        ...

    def attributes(self, entity: str | Iterable[str] | None = None, scope: str | None = None) -> pd.DataFrame:
        """Attributes: one row per entity, scope and key."""
        ...

    def events(self, event_type: str | None = None, integration: str | None = None, limit: int = 1000) -> pd.DataFrame:
        """Debug events, newest first."""
        ...

    def save_attributes(
        self, entity: str, values: Mapping[str, object], scope: str = "SHARED_SCOPE", entity_type: str = "DEVICE"
    ) -> None:
        """Store attributes (shared and server ones go down to the device)."""
        ...

    def update_integration(self, integration: Integration) -> None:
        """Save an integration's changed settings or converters."""
        ...
