"""One ThingsBoard HTTP integration, in the order a request flows through it.

(The payload and metadata rules a request goes through first are :mod:`tbkit.payloads`, below
this package: replays use them too.)

- :mod:`.pipeline`: :class:`Integration`, the steps of one request (security headers, the
  converter, the write, the downlink) ending in an :class:`Outcome`;
- :mod:`.write`: the write transaction of one accepted uplink;
- :mod:`.downlink`: pending downlinks taken and encoded into the response;
- :mod:`.routes`: the message-type → action table, and routing a message into the cache;
- :mod:`.events`: every debug event, built in one place;
- :mod:`.outcome`: what a request came to, before an HTTP status is chosen.
"""

from __future__ import annotations

from .outcome import Outcome, OutcomeKind
from .pipeline import DEFAULT_MAX_BODY, Integration, new_routing_key
from .routes import Routes

__all__ = ["DEFAULT_MAX_BODY", "Integration", "Outcome", "OutcomeKind", "Routes", "new_routing_key"]
