"""What processing one request came to, before any HTTP status is chosen.

The HTTP layer turns a :class:`Outcome` into a status code in one place
(:func:`tbkit.http.status.status_for`), following spec §1's table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Outcome", "OutcomeKind"]


class OutcomeKind(str, Enum):
    """The cases of ThingsBoard's status table (spec §1)."""

    PING = "ping"  # GET without parameters: the key resolved, nothing ran
    NO_ENTITIES = "no_entities"  # the converter returned [], null or a primitive
    PROCESSED = "processed"  # ≥1 entity stored, no downlink to send
    DOWNLINK = "downlink"  # ≥1 entity stored and exactly one downlink goes back
    FORBIDDEN = "forbidden"  # security headers missing or wrong
    NOT_FOUND = "not_found"  # unknown routing key or disabled integration
    BAD_REQUEST = "bad_request"  # converter error, bad output, malformed body
    SERVER_ERROR = "server_error"  # creation forbidden, TBEL error, anything else
    UNSUPPORTED_MEDIA = "unsupported_media"  # a content type ThingsBoard does not take
    TOO_LARGE = "too_large"  # over the body limit
    METHOD_NOT_ALLOWED = "method_not_allowed"


@dataclass
class Outcome:
    """The result of one request through an integration.

    ``body``, ``content_type`` and ``headers`` are the downlink to send back (``DOWNLINK``
    only); ``message`` explains a failure; ``entities`` names what the converter produced.
    """

    result: OutcomeKind
    message: str | None = None
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    entities: list[str] = field(default_factory=list)
    replace_no_content_to_ok: bool = False

    @property
    def accepted(self) -> bool:
        """True when the uplink was acknowledged (its data, if any, is stored)."""
        return self.result in (OutcomeKind.PING, OutcomeKind.NO_ENTITIES, OutcomeKind.PROCESSED, OutcomeKind.DOWNLINK)
