"""Outcome → HTTP status for the endpoint: ThingsBoard's table (spec §1) lives in
:mod:`tbkit.integration.outcome`, so the endpoint and the recorded uplinks agree.
"""

from __future__ import annotations

from ..integration.outcome import Outcome

__all__ = ["status_for"]


def status_for(outcome: Outcome) -> int:
    """The HTTP status ThingsBoard answers for this outcome."""
    return outcome.status
