"""Bounded waits: every poll in the tests ends, in attempts and in time."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")
TIMEOUT = 60.0  # seconds; a wait that runs out fails the test, naming what it waited for
INTERVAL = 0.01
FINAL = frozenset({"SUCCESS", "FAILED", "CANCEL_COMPLETE"})


def until(
    ready: Callable[[], T | None], what: str, timeout: float = TIMEOUT, interval: float = INTERVAL
) -> T:
    """The first truthy value ``ready()`` returns; fails naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / interval) + 1):
        value = ready()
        if value:
            return value
        if time.monotonic() > deadline:
            break
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting until {what}")


def final_event(
    status: Callable[[], Mapping[str, Any]], what: str, timeout: float = TIMEOUT
) -> dict[str, Any]:
    """The ProgressEvent ``status()`` returns once it is SUCCESS, FAILED or CANCEL_COMPLETE."""

    def settled() -> dict[str, Any] | None:
        event = dict(status()["ProgressEvent"])
        return event if event["OperationStatus"] in FINAL else None

    return until(settled, what, timeout)


def settle(client: Any, token: str, timeout: float = TIMEOUT) -> dict[str, Any]:
    """A Cloud Control request's final ProgressEvent, through a boto3 ``cloudcontrol`` client."""
    return final_event(
        lambda: client.get_resource_request_status(RequestToken=token),
        f"request {token} settled",
        timeout,
    )


def until_held(pending: Callable[[], Any], timeout: float = TIMEOUT) -> None:
    """Until an injected fault is taken: the call it holds is in flight (``faults.pending``)."""
    until(lambda: not pending(), "the held call was made", timeout)
