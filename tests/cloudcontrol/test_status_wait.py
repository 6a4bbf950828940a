"""GetResourceRequestStatus waits, within its bound, for a handler that is running.

No timing is asserted: handlers here block on events the test controls, and
whether a status read waited is seen by counting the waits on the store's
condition.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from localcloud.cloudcontrol import CloudControl
from tests.support.constants import TYPE_NAME
from tests.support.samples import desired
from tests.support.status_waits import CountedWaits, HeldHandler, delayed, success

Reply = dict[str, Any]
Handler = Callable[[dict[str, Any]], Reply]
LONG = 60.0  # a bound no passing test comes near


@pytest.fixture
def make() -> Iterator[Callable[..., CloudControl]]:
    made: list[CloudControl] = []

    def build(status_wait: float = LONG, **replies: Handler) -> CloudControl:
        def entrypoint(event: dict[str, Any], context: Any) -> Reply:
            return replies[event["action"]](event)

        made.append(CloudControl(entrypoint=entrypoint, status_wait=status_wait))
        return made[-1]

    yield build
    for service in made:
        service.close()


def _create(service: CloudControl, name: str = "n") -> str:
    event = service.create_resource(TYPE_NAME, json.dumps(desired("d", name)))["ProgressEvent"]
    assert event["OperationStatus"] in ("IN_PROGRESS", "PENDING")  # as Cloud Control answers
    return str(event["RequestToken"])


def _status(service: CloudControl, token: str) -> dict[str, Any]:
    return dict(service.get_resource_request_status(token)["ProgressEvent"])


def test_a_status_read_waits_for_the_running_handler_to_settle(
    make: Callable[..., CloudControl],
) -> None:
    create = HeldHandler(LONG)
    service = make(CREATE=create)
    counted = CountedWaits(service)
    token = _create(service)
    assert create.started.wait(LONG)
    threading.Timer(0.05, create.release.set).start()
    assert _status(service, token)["OperationStatus"] == "SUCCESS"
    assert counted.waits >= 1


def test_a_status_read_never_waits_beyond_its_bound(make: Callable[..., CloudControl]) -> None:
    create = HeldHandler(LONG)
    service = make(status_wait=0.05, CREATE=create)
    token = _create(service)
    assert create.started.wait(LONG)
    try:
        assert _status(service, token)["OperationStatus"] == "IN_PROGRESS"
    finally:
        create.release.set()


def test_a_request_waiting_out_a_callback_delay_is_answered_at_once(
    make: Callable[..., CloudControl],
) -> None:
    calls: list[dict[str, Any]] = []

    def create(event: dict[str, Any]) -> Reply:
        calls.append(event)
        return delayed(600, {"n": 1})

    service = make(CREATE=create)
    token = _create(service)
    # The first read waits for the first invocation to settle IN_PROGRESS ...
    first = _status(service, token)
    assert first["OperationStatus"] == "IN_PROGRESS"
    assert "RetryAfter" in first
    # ... and later reads, with the handler waiting on its delay, do not wait at all.
    counted = CountedWaits(service)
    again = _status(service, token)
    assert (again["OperationStatus"], counted.waits) == ("IN_PROGRESS", 0)
    assert len(calls) == 1  # the delay is kept: no early re-invocation


def test_a_request_queued_behind_a_delayed_one_is_answered_at_once(
    make: Callable[..., CloudControl],
) -> None:
    def create(event: dict[str, Any]) -> Reply:
        return delayed(600)

    service = make(CREATE=create)
    first = _create(service)
    _status(service, first)  # settles its first invocation
    queued = _create(service)
    counted = CountedWaits(service)
    assert _status(service, queued)["OperationStatus"] == "PENDING"
    assert counted.waits == 0


def test_a_settled_request_is_answered_at_once(make: Callable[..., CloudControl]) -> None:
    service = make(CREATE=success)
    token = _create(service)
    assert _status(service, token)["OperationStatus"] == "SUCCESS"
    counted = CountedWaits(service)
    assert _status(service, token)["OperationStatus"] == "SUCCESS"
    assert counted.waits == 0


def test_no_wait_when_turned_off(make: Callable[..., CloudControl]) -> None:
    create = HeldHandler(LONG)
    service = make(status_wait=0.0, CREATE=create)
    counted = CountedWaits(service)
    token = _create(service)
    assert create.started.wait(LONG)
    try:
        assert _status(service, token)["OperationStatus"] == "IN_PROGRESS"
        assert counted.waits == 0
    finally:
        create.release.set()
