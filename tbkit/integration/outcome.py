"""What processing one request came to, and the HTTP status ThingsBoard answers for it.

:attr:`Outcome.status` applies spec §1's table in one place; the HTTP layer
(:func:`tbkit.http.status.status_for`) and the recorded uplinks both read it.

Documented choice: an unknown routing key and a disabled integration answer **404** (as
ThingsBoard's docs say; its code answers 500 with an empty body, see spec open question 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Outcome", "OutcomeKind", "status_of"]


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


_STATUS = {
    OutcomeKind.PING: 200,
    OutcomeKind.NO_ENTITIES: 204,
    OutcomeKind.DOWNLINK: 200,
    OutcomeKind.FORBIDDEN: 403,
    OutcomeKind.NOT_FOUND: 404,
    OutcomeKind.BAD_REQUEST: 400,
    OutcomeKind.SERVER_ERROR: 500,
    OutcomeKind.UNSUPPORTED_MEDIA: 415,
    OutcomeKind.TOO_LARGE: 413,
    OutcomeKind.METHOD_NOT_ALLOWED: 405,
}


def status_of(kind: OutcomeKind, replace_no_content_to_ok: bool = False) -> int:
    """The HTTP status ThingsBoard answers for an outcome of this kind."""
    if kind is OutcomeKind.PROCESSED:
        return 200 if replace_no_content_to_ok else 204
    return _STATUS[kind]


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
    def status(self) -> int:
        """The HTTP status ThingsBoard answers for this outcome (spec §1)."""
        return status_of(self.result, self.replace_no_content_to_ok)

    @property
    def accepted(self) -> bool:
        """True when the uplink was acknowledged (its data, if any, is stored)."""
        return self.result in (OutcomeKind.PING, OutcomeKind.NO_ENTITIES, OutcomeKind.PROCESSED, OutcomeKind.DOWNLINK)
