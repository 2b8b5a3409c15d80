"""Outcome → HTTP status: the one place that applies ThingsBoard's table (spec §1).

Documented choice: an unknown routing key and a disabled integration answer **404** (as
ThingsBoard's docs say; its code answers 500 with an empty body, see spec open question 1).
"""

from __future__ import annotations

from ..outcome import Outcome, Result

__all__ = ["status_for"]

_STATUS = {
    Result.PING: 200,
    Result.NO_ENTITIES: 204,
    Result.DOWNLINK: 200,
    Result.FORBIDDEN: 403,
    Result.NOT_FOUND: 404,
    Result.BAD_REQUEST: 400,
    Result.SERVER_ERROR: 500,
    Result.UNSUPPORTED_MEDIA: 415,
    Result.TOO_LARGE: 413,
    Result.METHOD_NOT_ALLOWED: 405,
}


def status_for(outcome: Outcome) -> int:
    """The HTTP status ThingsBoard answers for this outcome."""
    if outcome.result is Result.PROCESSED:
        return 200 if outcome.replace_no_content_to_ok else 204
    return _STATUS[outcome.result]
