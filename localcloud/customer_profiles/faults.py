"""Fault injection for the offline service (no moto here).

Tests of retry and error handling need the service to misbehave on cue. One
process-wide ``FaultInjector`` (``faults``) holds the faults; the moto adapter
consults it on every call that reaches the service, after routing and before
validation (and after counting the call, see ``calls``).

Faults, per operation name (or ``"*"`` for any operation), first in first out:

* ``"ThrottlingException"`` (429), ``"InternalServerException"`` (500),
  ``"AccessDeniedException"`` (403): the call fails with that error.
* ``"ConnectionError"``: in-process the send raises
  ``botocore.exceptions.EndpointConnectionError``; over HTTP the server drops
  the connection without answering. Either way botocore sees a connection
  error (and retries it, as it would on the wire).
* ``"Delay"``: the call is held ``seconds`` before it is served normally.

``count`` is how many calls the fault applies to; ``None`` means until cleared.
``faults.reset()`` also forgets the counted calls: it is what a fresh mock or a
server reset starts with.

    from localcloud.customer_profiles import faults
    faults.inject("UpdateEventTrigger", "ThrottlingException", count=3)
    faults.inject("*", "Delay", seconds=0.5)
    faults.clear()

Over HTTP the server exposes the same state (see ``localcloud.server``):
``POST /_localcloud/faults`` with ``{"operation", "fault", "count", "seconds"}``,
``GET``/``DELETE /_localcloud/faults``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, TypedDict, Unpack

from .calls import CallCounter, call_counts
from .exceptions import (
    AccessDeniedException,
    CustomerProfilesError,
    InternalServerException,
    ThrottlingException,
)

ANY_OPERATION = "*"
# The errors a fault can raise, with the message they carry unless one is given.
ERROR_FAULTS: dict[str, tuple[type[CustomerProfilesError], str]] = {
    "ThrottlingException": (ThrottlingException, "Rate exceeded"),
    "InternalServerException": (
        InternalServerException,
        "An internal error occurred (injected fault)",
    ),
    "AccessDeniedException": (
        AccessDeniedException,
        "You do not have sufficient access to perform this action",
    ),
}
CONNECTION_ERROR = "ConnectionError"
DELAY = "Delay"
KINDS = (*ERROR_FAULTS, CONNECTION_ERROR, DELAY)
MAX_DELAY_SECONDS = 300.0
# A count is a number of calls (a Java int, as the SDKs count); ``None`` is until cleared.
MAX_COUNT = 2**31 - 1


class FaultOptions(TypedDict, total=False):
    """How a fault applies, the same for every front-end (this module, the server, the plugin).

    ``count``: how many calls (default 1; ``None`` until cleared); ``seconds``: the
    delay of a ``Delay`` fault; ``message``: the error's message instead of its default.
    """

    count: int | None
    seconds: float
    message: str | None


@dataclass
class Fault:
    """One injected misbehaviour; ``remaining`` counts down (``None``: forever)."""

    operation: str
    fault: str
    remaining: int | None = 1
    seconds: float = 0.0
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def error(self) -> CustomerProfilesError | None:
        """The error an error fault raises (``None`` for a delay or a dropped connection)."""
        if self.fault not in ERROR_FAULTS:
            return None
        kind, default = ERROR_FAULTS[self.fault]
        return kind(self.message or default)


class FaultInjector:
    """Thread-safe queue of faults per operation."""

    def __init__(self, counter: CallCounter) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._counter = counter
        self._known: set[str] = set()

    def know_operations(self, operations: Iterable[str]) -> None:
        """Operations ``inject`` accepts; a service adds its own when registered."""
        with self._lock:
            self._known.update(operations)

    def inject(self, operation: str, fault: str, **options: Unpack[FaultOptions]) -> Fault:
        """Make the next ``count`` calls of ``operation`` misbehave as ``fault``."""
        count = options.get("count", 1)
        seconds = options.get("seconds", 0.0)
        if fault not in KINDS:
            raise ValueError(f"fault must be one of {', '.join(KINDS)}")
        if operation != ANY_OPERATION and operation not in self._known:
            raise ValueError(f"unknown operation {operation!r}")
        if count is not None and (
            isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT
        ):
            raise ValueError(f"count must be an integer from 1 to {MAX_COUNT}, or null (forever)")
        message = options.get("message")
        if message is not None and not isinstance(message, str):
            raise ValueError("message must be a string")
        if not 0 <= seconds <= MAX_DELAY_SECONDS:
            raise ValueError(f"seconds must be between 0 and {MAX_DELAY_SECONDS}")
        if fault == DELAY and seconds <= 0:
            raise ValueError("a Delay fault needs seconds > 0")
        added = Fault(operation, fault, count, float(seconds), message)
        with self._lock:
            self._faults.append(added)
        return added

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return [Fault(**f.to_dict()) for f in self._faults]

    def take(self, operation: str) -> Fault | None:
        """The fault a call of ``operation`` should suffer now, if any."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.operation in (operation, ANY_OPERATION):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                        if fault.remaining == 0:
                            del self._faults[index]
                    return Fault(**fault.to_dict())
        return None

    def reset(self) -> None:
        """No faults, no counted calls: what a fresh mock or a server reset starts with."""
        self.clear()
        self._counter.reset()


faults = FaultInjector(call_counts)
