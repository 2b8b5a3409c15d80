"""Outcome → HTTP status: the one place that applies ThingsBoard's table (spec §1).

Documented choice: an unknown routing key and a disabled integration answer **404** (as
ThingsBoard's docs say; its code answers 500 with an empty body, see spec open question 1).
"""

from __future__ import annotations

from ..integration.outcome import Outcome, OutcomeKind

__all__ = ["status_for"]

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


def status_for(outcome: Outcome) -> int:
    """The HTTP status ThingsBoard answers for this outcome."""
    if outcome.result is OutcomeKind.PROCESSED:
        return 200 if outcome.replace_no_content_to_ok else 204
    return _STATUS[outcome.result]
