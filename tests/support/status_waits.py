"""GetResourceRequestStatus's wait, made visible: the store's waits counted, handler replies.

``CountedWaits`` stands in for a ``RequestStore``'s condition and counts how
often a status read waited on it, so a test tells whether a read waited without
timing it. ``success`` and ``delayed`` are handler replies; ``HeldHandler`` is a
handler that says when it started and holds until released.
"""

from __future__ import annotations

import threading
from typing import Any

from localcloud.cloudcontrol import CloudControl


class CountedWaits:
    """Wraps ``service``'s store condition and counts the status reads' waits on it."""

    def __init__(self, service: CloudControl) -> None:
        self.inner = service.store.changed
        self.waits = 0
        service.store.changed = self  # type: ignore[assignment]

    def wait(self, timeout: float | None = None) -> bool:
        self.waits += 1
        return self.inner.wait(timeout)

    def notify_all(self) -> None:
        self.inner.notify_all()


def success(event: dict[str, Any]) -> dict[str, Any]:
    """A handler's SUCCESS, with the model it was asked for."""
    return {"status": "SUCCESS", "resourceModel": event["requestData"]["resourceProperties"]}


def delayed(seconds: int, context: dict[str, Any] | None = None) -> dict[str, Any]:
    """A handler's IN_PROGRESS that asks to be called again after ``seconds``."""
    reply: dict[str, Any] = {"status": "IN_PROGRESS", "callbackDelaySeconds": seconds}
    if context is not None:
        reply["callbackContext"] = context
    return reply


class HeldHandler:
    """A handler that sets ``started`` when called and succeeds once ``release`` is set."""

    def __init__(self, bound: float) -> None:
        self.bound = bound  # the longest it holds, so a failing test still ends
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, event: dict[str, Any]) -> dict[str, Any]:
        self.started.set()
        self.release.wait(self.bound)
        return success(event)
