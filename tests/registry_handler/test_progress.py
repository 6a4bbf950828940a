"""One invocation, read defensively: whatever the entrypoint does, the caller gets a result."""

from __future__ import annotations

from typing import Any

import pytest

from localcloud.registry_handler import HandlerResult, handler_request, invoke, read_reply

EVENT = handler_request("CREATE", {"DomainName": "d", "EventTriggerName": "n"})


def test_an_entrypoint_that_raises_is_a_failed_internal_failure() -> None:
    def broken(event: dict[str, Any], context: Any) -> Any:
        raise KeyError("boom")

    assert invoke(broken, EVENT) == HandlerResult(
        "FAILED", "InternalFailure", "The CREATE handler raised KeyError"
    )


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (None, "not a ProgressEvent"),
        ("SUCCESS", "not a ProgressEvent"),
        ({"status": "MAYBE"}, "not a ProgressEvent"),
        ({"status": "SUCCESS", "resourceModels": [1]}, "malformed"),
        ({"status": "SUCCESS", "resourceModel": ["x"]}, "malformed"),
        ({"status": "IN_PROGRESS", "callbackContext": "x"}, "malformed"),
        ({"status": "IN_PROGRESS", "callbackDelaySeconds": "5"}, "malformed"),
    ],
)
def test_a_reply_that_is_not_a_progress_event_is_a_failed_internal_failure(
    reply: Any, message: str
) -> None:
    result = invoke(lambda event, context: reply, EVENT)
    assert (result.status, result.error_code) == ("FAILED", "InternalFailure")
    assert message in (result.message or "")


def test_a_progress_event_is_read_whole() -> None:
    reply = {
        "status": "SUCCESS",
        "message": "done",
        "resourceModel": {"DomainName": "d"},
        "resourceModels": [{"DomainName": "d"}, {"DomainName": "e"}],
        "nextToken": "t",
        "callbackContext": {"k": 1},
        "callbackDelaySeconds": 3,
    }
    assert read_reply(reply) == HandlerResult(
        status="SUCCESS",
        message="done",
        model={"DomainName": "d"},
        models=({"DomainName": "d"}, {"DomainName": "e"}),
        next_token="t",
        callback_context={"k": 1},
        delay_seconds=3.0,
    )


def test_failed_without_a_code_is_an_internal_failure() -> None:
    assert read_reply({"status": "FAILED", "message": "m"}).error_code == "InternalFailure"
    assert read_reply({"status": "FAILED", "errorCode": "NotFound"}).error_code == "NotFound"


def test_the_entrypoint_gets_its_own_copy_of_the_event() -> None:
    def mutating(event: dict[str, Any], context: Any) -> dict[str, Any]:
        event["requestData"]["resourceProperties"]["DomainName"] = "changed"
        event["action"] = "DELETE"
        return {"status": "SUCCESS"}

    assert invoke(mutating, EVENT).status == "SUCCESS"
    assert EVENT["action"] == "CREATE"
    assert EVENT["requestData"]["resourceProperties"]["DomainName"] == "d"


def test_the_request_names_the_type_it_is_for() -> None:
    assert EVENT["resourceType"] == "AWS::CustomerProfiles::EventTrigger"
    other = handler_request("READ", {}, type_name="Custom::Widget")
    assert other["resourceType"] == "Custom::Widget"
