"""The callback policy: what IN_PROGRESS sends next, when, and how many times."""

from __future__ import annotations

from typing import Any

import pytest

from localcloud.registry_handler import (
    AS_THE_SERVICE,
    MAX_CALLBACKS,
    MAX_DELAY_SECONDS,
    OFFLINE,
    CallbackPolicy,
    HandlerResult,
    drive,
    handler_request,
    next_request,
    step,
)

PROPERTIES = {"DomainName": "d", "EventTriggerName": "n", "Description": "first"}


class Replies:
    """An entrypoint answering from a list (the last reply repeats); records every event."""

    def __init__(self, *replies: dict[str, Any]) -> None:
        self.replies = replies
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        return self.replies[min(len(self.events), len(self.replies)) - 1]


def in_progress(delay: float = 0, **reply: Any) -> dict[str, Any]:
    return {"status": "IN_PROGRESS", "callbackDelaySeconds": delay, **reply}


def test_the_next_request_carries_the_returned_model_and_context() -> None:
    event = handler_request("UPDATE", PROPERTIES, previous_properties=PROPERTIES)
    returned = {**PROPERTIES, "Description": "from the handler"}
    result = HandlerResult("IN_PROGRESS", model=returned, callback_context={"n": 1})
    following = next_request(event, result)
    assert following["requestData"]["resourceProperties"] == returned
    assert following["callbackContext"] == {"n": 1}
    # Everything else is the same request, and the original is left as it was.
    assert {**following, "requestData": None, "callbackContext": None} == {
        **event,
        "requestData": None,
        "callbackContext": None,
    }
    assert following["requestData"]["previousResourceProperties"] == PROPERTIES
    assert event["requestData"]["resourceProperties"] == PROPERTIES


def test_without_a_returned_model_the_desired_state_stays() -> None:
    event = handler_request("CREATE", PROPERTIES)
    following = next_request(event, HandlerResult("IN_PROGRESS", callback_context={}))
    assert following["requestData"]["resourceProperties"] == PROPERTIES
    assert following["callbackContext"] is None


def test_drive_follows_callbacks_to_the_end_with_capped_delays() -> None:
    handler = Replies(
        in_progress(30, callbackContext={"n": 1}),
        in_progress(0.1, callbackContext={"n": 2}),
        {"status": "SUCCESS", "resourceModel": PROPERTIES},
    )
    slept: list[float] = []
    result = drive(handler, handler_request("CREATE", PROPERTIES), sleep=slept.append)
    assert result == HandlerResult("SUCCESS", model=PROPERTIES)
    assert slept == [MAX_DELAY_SECONDS, 0.1]
    assert [event["callbackContext"] for event in handler.events] == [None, {"n": 1}, {"n": 2}]
    assert len({event["bearerToken"] for event in handler.events}) == 1


def test_drive_stops_a_handler_that_never_settles() -> None:
    handler = Replies(in_progress(resourceModel=PROPERTIES))
    slept: list[float] = []
    result = drive(handler, handler_request("CREATE", PROPERTIES), sleep=slept.append)
    assert (result.status, result.error_code) == ("FAILED", "NotStabilized")
    assert (
        result.message
        == f"The CREATE handler was still IN_PROGRESS after {MAX_CALLBACKS} callbacks"
    )
    assert result.model == PROPERTIES
    assert len(handler.events) == MAX_CALLBACKS + 1
    assert len(slept) == MAX_CALLBACKS


def test_a_failure_ends_the_drive() -> None:
    handler = Replies(in_progress(), {"status": "FAILED", "errorCode": "Throttling"})
    result = drive(handler, handler_request("DELETE", PROPERTIES), sleep=lambda seconds: None)
    assert (result.status, result.error_code) == ("FAILED", "Throttling")
    assert len(handler.events) == 2


@pytest.mark.parametrize("action", ["READ", "LIST"])
def test_read_and_list_never_answer_in_progress(action: str) -> None:
    handler = Replies(in_progress(callbackContext={"n": 1}))
    done = step(handler, handler_request(action, PROPERTIES))
    assert done.next_request is None
    assert (done.result.status, done.result.error_code) == ("FAILED", "InternalFailure")
    assert len(handler.events) == 1


def test_one_step_gives_the_callback_and_its_delay_for_a_scheduler() -> None:
    handler = Replies(in_progress(600, callbackContext={"n": 1}, resourceModel=PROPERTIES))
    event = handler_request("CREATE", {"DomainName": "d", "EventTriggerName": "n"})
    done = step(handler, event, policy=AS_THE_SERVICE, callbacks=10_000)
    assert done.result.status == "IN_PROGRESS"
    assert done.delay_seconds == 600  # as the handler asks: the scheduler waits it out
    assert done.next_request == next_request(event, done.result)
    assert done.next_request["requestData"]["resourceProperties"] == PROPERTIES
    assert OFFLINE.delay(done.result) == MAX_DELAY_SECONDS


def test_a_policy_bounds_what_it_is_given() -> None:
    policy = CallbackPolicy(max_callbacks=0, max_delay_seconds=None)
    done = step(Replies(in_progress(-5)), handler_request("CREATE", PROPERTIES), policy=policy)
    assert done.result.error_code == "NotStabilized"
    assert policy.delay(HandlerResult("IN_PROGRESS", delay_seconds=-5)) == 0.0
    assert policy.delay(HandlerResult("IN_PROGRESS", delay_seconds=900)) == 900
