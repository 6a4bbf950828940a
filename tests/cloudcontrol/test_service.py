"""Unit tests of ``CloudControl`` over a scripted entrypoint: no server, no service."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cloudcontrol import CloudControl, CloudControlError
from tests.support.polling import final_event, until
from tests.support.samples import desired

Reply = dict[str, Any]


class Script:
    """An entrypoint that records its events and answers from per-action functions."""

    def __init__(self, **replies: Callable[[dict[str, Any]], Reply]) -> None:
        self.replies = replies
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> Reply:
        self.events.append(event)
        return self.replies[event["action"]](event)

    def actions(self) -> list[str]:
        return [event["action"] for event in self.events]


def _success(event: dict[str, Any]) -> Reply:
    return {"status": "SUCCESS", "resourceModel": event["requestData"]["resourceProperties"]}


@pytest.fixture
def make() -> Iterator[Callable[[Script], CloudControl]]:
    made: list[CloudControl] = []

    def build(script: Script) -> CloudControl:
        made.append(CloudControl(entrypoint=script, region="eu-west-2", account_id="111122223333"))
        return made[-1]

    yield build
    for service in made:
        service.close()


def _settle(service: CloudControl, started: dict[str, Any]) -> dict[str, Any]:
    token = started["ProgressEvent"]["RequestToken"]
    return final_event(lambda: service.get_resource_request_status(token), f"{token} settled")


def _create(service: CloudControl, name: str = "n") -> dict[str, Any]:
    return service.create_resource(TYPE_NAME, json.dumps(desired("d", name)))


def test_the_handler_request_is_cloud_controls(make: Callable[[Script], CloudControl]) -> None:
    script = Script(CREATE=_success)
    service = make(script)
    started = _create(service)
    assert _settle(service, started)["OperationStatus"] == "SUCCESS"
    (event,) = script.events
    assert event["region"] == "eu-west-2"
    assert event["awsAccountId"] == "111122223333"
    assert event["bearerToken"] == started["ProgressEvent"]["RequestToken"]
    assert event["requestData"]["callerCredentials"]["sessionToken"]
    assert event["requestData"]["systemTags"] == {}
    assert event["requestData"]["resourceProperties"] == desired("d", "n")


def test_in_progress_is_reinvoked_with_its_callback_context(
    make: Callable[[Script], CloudControl],
) -> None:
    def create(event: dict[str, Any]) -> Reply:
        step = (event["callbackContext"] or {}).get("step", 0)
        model = dict(event["requestData"]["resourceProperties"], Description=f"step {step}")
        if step < 2:
            return {
                "status": "IN_PROGRESS",
                "callbackContext": {"step": step + 1},
                "callbackDelaySeconds": 0,
                "resourceModel": model,
            }
        return {"status": "SUCCESS", "resourceModel": model}

    script = Script(CREATE=create)
    service = make(script)
    final = _settle(service, _create(service))
    assert final["OperationStatus"] == "SUCCESS"
    assert [e["callbackContext"] for e in script.events] == [None, {"step": 1}, {"step": 2}]
    # The model an IN_PROGRESS event returns is the next invocation's desired state.
    assert script.events[2]["requestData"]["resourceProperties"]["Description"] == "step 1"
    assert json.loads(final["ResourceModel"])["Description"] == "step 2"


def test_a_crashing_handler_fails_the_request_only(make: Callable[[Script], CloudControl]) -> None:
    def crash(event: dict[str, Any]) -> Reply:
        raise ZeroDivisionError

    service = make(Script(CREATE=crash, DELETE=lambda event: {"status": "SUCCESS"}))
    final = _settle(service, _create(service))
    assert (final["OperationStatus"], final["ErrorCode"]) == ("FAILED", "InternalFailure")
    assert "ZeroDivisionError" in final["StatusMessage"]
    assert _settle(service, service.delete_resource(TYPE_NAME, "d|n"))["OperationStatus"] == (
        "SUCCESS"
    )


@pytest.mark.parametrize(
    "reply",
    [None, "SUCCESS", {"status": "MAYBE"}, {"status": "SUCCESS", "resourceModels": [1]}],
)
def test_a_malformed_reply_is_an_internal_failure(
    make: Callable[[Script], CloudControl], reply: Any
) -> None:
    service = make(Script(CREATE=lambda event: reply))
    final = _settle(service, _create(service))
    assert (final["OperationStatus"], final["ErrorCode"]) == ("FAILED", "InternalFailure")


def test_cancel_a_request_waiting_for_its_callback(make: Callable[[Script], CloudControl]) -> None:
    script = Script(CREATE=lambda event: {"status": "IN_PROGRESS", "callbackDelaySeconds": 30})
    service = make(script)
    started = _create(service)
    token = started["ProgressEvent"]["RequestToken"]
    until(
        lambda: "RetryAfter" in service.get_resource_request_status(token)["ProgressEvent"],
        "the request waits to retry",
        5,
    )
    canceled = service.cancel_resource_request(token)["ProgressEvent"]
    assert canceled["OperationStatus"] == "CANCEL_COMPLETE"
    assert script.actions() == ["CREATE"]
    with pytest.raises(CloudControlError) as excinfo:
        service.cancel_resource_request(token)
    assert excinfo.value.code == "ConcurrentModificationException"


def test_update_reads_patches_and_sends_both_states(make: Callable[[Script], CloudControl]) -> None:
    current = dict(desired("d", "n"), Description="old", CreatedAt="c", LastUpdatedAt="u")
    script = Script(
        READ=lambda event: {"status": "SUCCESS", "resourceModel": current}, UPDATE=_success
    )
    service = make(script)
    patch = json.dumps([{"op": "replace", "path": "/Description", "value": "new"}])
    final = _settle(service, service.update_resource(TYPE_NAME, "d|n", patch))
    assert final["OperationStatus"] == "SUCCESS"
    update = script.events[-1]["requestData"]
    assert update["resourceProperties"] == dict(desired("d", "n"), Description="new")
    assert update["previousResourceProperties"] == dict(desired("d", "n"), Description="old")


def test_get_maps_handler_failures_to_exceptions(make: Callable[[Script], CloudControl]) -> None:
    replies = iter(
        [
            {"status": "FAILED", "errorCode": "NotFound", "message": "gone"},
            {"status": "FAILED", "errorCode": "Throttling", "message": "slow down"},
            {"status": "SUCCESS"},
        ]
    )
    service = make(Script(READ=lambda event: next(replies)))
    expected = [
        "ResourceNotFoundException",
        "ThrottlingException",
        "HandlerInternalFailureException",
    ]
    for code in expected:
        with pytest.raises(CloudControlError) as excinfo:
            service.get_resource(TYPE_NAME, "d|n")
        assert excinfo.value.code == code


def _pages(size: int, total: int) -> Callable[[dict[str, Any]], Reply]:
    """A list handler with pages of ``size`` over ``total`` triggers."""

    def list_(event: dict[str, Any]) -> Reply:
        start = int(event["nextToken"] or 0)
        end = min(start + size, total)
        return {
            "status": "SUCCESS",
            "resourceModels": [desired("d", f"t{i:02d}") for i in range(start, end)],
            "nextToken": str(end) if end < total else None,
        }

    return list_


@pytest.mark.parametrize(("max_results", "pages"), [(None, 3), (2, 5), (3, 3), (7, 2), (100, 1)])
def test_list_pages_cap_at_max_results(
    make: Callable[[Script], CloudControl], max_results: int | None, pages: int
) -> None:
    service = make(Script(LIST=_pages(size=4, total=9)))
    model = json.dumps({"DomainName": "d"})
    seen: list[str] = []
    token = None
    for _ in range(pages):
        page = service.list_resources(TYPE_NAME, model, next_token=token, max_results=max_results)
        assert len(page["ResourceDescriptions"]) <= (max_results or 4)
        seen.extend(d["Identifier"] for d in page["ResourceDescriptions"])
        token = page.get("NextToken")
    assert token is None
    assert seen == [f"d|t{i:02d}" for i in range(9)]


def test_list_tokens_belong_to_their_model(make: Callable[[Script], CloudControl]) -> None:
    service = make(Script(LIST=_pages(size=2, total=5)))
    token = service.list_resources(TYPE_NAME, json.dumps({"DomainName": "d"}))["NextToken"]
    for model, bad_token in (('{"DomainName": "e"}', token), ('{"DomainName": "d"}', "junk")):
        with pytest.raises(CloudControlError) as excinfo:
            service.list_resources(TYPE_NAME, model, next_token=bad_token)
        assert excinfo.value.code == "InvalidRequestException"


def test_list_handler_failures_are_raised(make: Callable[[Script], CloudControl]) -> None:
    failing = {"status": "FAILED", "errorCode": "AccessDenied", "message": "no"}
    service = make(Script(LIST=lambda event: failing))
    with pytest.raises(CloudControlError) as excinfo:
        service.list_resources(TYPE_NAME, '{"DomainName": "d"}')
    assert (excinfo.value.code, excinfo.value.message) == ("GeneralServiceException", "no")
