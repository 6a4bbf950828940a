"""Resource operation requests (the entities), and the store of one region's requests.

One lock guards everything here, so "is this identifier busy?" and "record the
new request" happen as one step: two racing requests cannot both see an idle
resource. Client tokens are remembered for 36 hours and requests for 7 days, as
Cloud Control documents; expired ones are dropped lazily on the next call.

``settled`` lets a status read wait, briefly and within a bound, for a request
whose handler is running or about to run: the answer is the one Cloud Control
would give a moment later, and a request waiting on a handler's callback delay
is answered at once.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from localcloud.core import tokens

from .exceptions import CloudControlError

CLIENT_TOKEN_TTL = timedelta(hours=36)
REQUEST_TTL = timedelta(days=7)
ACTIVE = frozenset({"PENDING", "IN_PROGRESS", "CANCEL_IN_PROGRESS"})
FINISHED = frozenset({"SUCCESS", "FAILED", "CANCEL_COMPLETE"})

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class ResourceRequest:
    """One CreateResource, UpdateResource or DeleteResource, as it progresses."""

    token: str
    operation: str
    type_name: str
    identifier: str
    created: datetime
    sequence: int
    fingerprint: str = ""
    client_token: str | None = None
    status: str = "PENDING"
    event_time: datetime | None = None
    resource_model: dict[str, Any] | None = None
    status_message: str | None = None
    error_code: str | None = None
    retry_after: datetime | None = None
    # Handler state carried between invocations; never sent on the wire.
    handler_request: dict[str, Any] = field(default_factory=dict)  # the next one to send
    callbacks: int = 0
    handler_running: bool = False
    cancel_requested: bool = False

    def progress_event(self) -> dict[str, Any]:
        """The ProgressEvent shape, with None members left out."""
        event = {
            "TypeName": self.type_name,
            "Identifier": self.identifier,
            "RequestToken": self.token,
            "Operation": self.operation,
            "OperationStatus": self.status,
            # When the request was initiated (the model's definition); event_time,
            # the last change, stays internal.
            "EventTime": self.created,
            "ResourceModel": (
                json.dumps(self.resource_model) if self.resource_model is not None else None
            ),
            "StatusMessage": self.status_message,
            "ErrorCode": self.error_code,
            "RetryAfter": self.retry_after,
        }
        return {key: value for key, value in event.items() if value is not None}


class RequestStore:
    """Every request of one region, by request token and by client token."""

    def __init__(self, clock: Clock = utcnow) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        # Notified whenever a request changes state (under ``lock``).
        self.changed = threading.Condition(self.lock)
        self._requests: dict[str, ResourceRequest] = {}
        self._client_tokens: dict[str, tuple[str, datetime]] = {}
        self._sequence = 0

    def _prune(self, now: datetime) -> None:
        for key, (_, used) in list(self._client_tokens.items()):
            if now - used >= CLIENT_TOKEN_TTL:
                del self._client_tokens[key]
        for token, request in list(self._requests.items()):
            if now - request.created >= REQUEST_TTL and request.status in FINISHED:
                del self._requests[token]

    def replay(self, client_token: str | None, fingerprint: str) -> ResourceRequest | None:
        """The request an unexpired ``client_token`` already made, if it asked the same thing."""
        if not client_token:
            return None
        with self.lock:
            self._prune(self.clock())
            remembered = self._client_tokens.get(client_token)
            request = self._requests.get(remembered[0]) if remembered else None
            if request is None:
                return None
            if request.fingerprint != fingerprint:
                raise CloudControlError(
                    "ClientTokenConflictException",
                    f"Client token {client_token} was already used for a different request",
                )
            return request

    def busy(self, identifier: str) -> ResourceRequest | None:
        """The unfinished request on ``identifier``, if any."""
        with self.lock:
            for request in self._requests.values():
                if request.identifier == identifier and request.status in ACTIVE:
                    return request
        return None

    def refuse_if_busy(self, type_name: str, identifier: str) -> None:
        """ConcurrentOperationException while another request on ``identifier`` is unfinished."""
        running = self.busy(identifier)
        if running is not None:
            raise CloudControlError(
                "ConcurrentOperationException",
                f"Another resource operation ({running.operation}, request token "
                f"{running.token}) is in progress on {type_name} {identifier}",
            )

    def begin(
        self,
        operation: str,
        type_name: str,
        identifier: str,
        *,
        client_token: str | None,
        fingerprint: str,
        exclusive: bool,
    ) -> tuple[ResourceRequest, bool]:
        """A new request, or the one ``client_token`` already made (then False).

        ``exclusive`` refuses to start while another request on the identifier
        is unfinished (ConcurrentOperationException); otherwise the caller
        queues the new one behind it.
        """
        with self.lock:
            earlier = self.replay(client_token, fingerprint)
            if earlier is not None:
                return earlier, False
            if exclusive:
                self.refuse_if_busy(type_name, identifier)
            now = self.clock()
            self._sequence += 1
            request = ResourceRequest(
                token=str(uuid.uuid4()),
                operation=operation,
                type_name=type_name,
                identifier=identifier,
                created=now,
                event_time=now,
                sequence=self._sequence,
                fingerprint=fingerprint,
                client_token=client_token,
            )
            self._requests[request.token] = request
            if client_token:
                self._client_tokens[client_token] = (request.token, now)
            return request, True

    def notify(self) -> None:
        """Wakes status reads waiting in ``settled`` (call with ``lock`` held)."""
        self.changed.notify_all()

    def in_flight(self, request: ResourceRequest) -> bool:
        """Whether ``request``'s handler is running or starts without a delay.

        False once it is finished, and while it waits out a handler's
        callbackDelaySeconds. A PENDING request is in flight while the request
        ahead of it on the same identifier is.
        """
        with self.lock:
            if request.status not in ACTIVE:
                return False
            if request.handler_running:
                return True
            if request.retry_after is not None and request.retry_after > self.clock():
                return False
            if request.status != "PENDING":
                return True
            ahead = [
                other
                for other in self._requests.values()
                if other.identifier == request.identifier
                and other.sequence < request.sequence
                and other.status in ACTIVE
                and other.status != "PENDING"
            ]
            return any(self.in_flight(other) for other in ahead)

    def settled(self, request: ResourceRequest, timeout: float) -> None:
        """Waits at most ``timeout`` seconds while ``request`` is in flight."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.in_flight(request):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self.changed.wait(remaining)

    def get(self, token: str) -> ResourceRequest:
        with self.lock:
            self._prune(self.clock())
            request = self._requests.get(token)
        if request is None:
            raise CloudControlError(
                "RequestTokenNotFoundException", f"Request with token {token} was not found"
            )
        return request

    def page(
        self,
        *,
        operations: Collection[str] = (),
        statuses: Collection[str] = (),
        max_results: int = 20,
        next_token: str | None = None,
    ) -> tuple[list[ResourceRequest], str | None]:
        """Matching requests, newest first, one page at a time."""
        below = _decode_position(next_token) if next_token else None
        with self.lock:
            self._prune(self.clock())
            matching = sorted(
                (
                    r
                    for r in self._requests.values()
                    if (not operations or r.operation in operations)
                    and (not statuses or r.status in statuses)
                    and (below is None or r.sequence < below)
                ),
                key=lambda r: r.sequence,
                reverse=True,
            )
        page = matching[:max_results]
        more = len(matching) > max_results
        return page, (tokens.encode(_SCOPE, page[-1].sequence) if more else None)


_SCOPE = "resource-requests"


def _decode_position(token: str) -> int:
    try:
        sequence = tokens.decode(_SCOPE, token)
    except tokens.InvalidToken:
        sequence = None
    if not isinstance(sequence, int) or isinstance(sequence, bool):
        raise CloudControlError("ValidationException", "The NextToken is not valid")
    return sequence
