"""The custom resource protocol: properties as strings, refusals, time, failures, size, delivery."""

from __future__ import annotations

import json
import threading
from collections.abc import MutableMapping
from typing import Any

import pytest
from cloudformation_cli_python_lib.interface import OperationStatus, ProgressEvent
from hypothesis import given, settings
from hypothesis import strategies as st

from aws_customerprofiles_eventtrigger import actions, clients, handlers
from aws_customerprofiles_eventtrigger.custom_resource import handler, response
from localcloud.customer_profiles import faults
from tests.support import api_calls
from tests.support.response_url import (
    DROP,
    LambdaContext,
    ResponseURL,
    custom_resource_event,
)
from tests.support.samples import DOMAIN, NAME, model_properties

KEY = {"DomainName": DOMAIN, "EventTriggerName": NAME}
PHYSICAL_ID = f"{DOMAIN}|{NAME}"
STRING_LIMITS = {
    "EventExpiration": "86400000",
    "Periods": [
        {"Unit": "DAYS", "Value": "1", "MaxInvocationsPerProfile": "2", "Unlimited": "false"},
        {"Unit": "HOURS", "Value": "6", "Unlimited": "TRUE"},
    ],
}
TYPED_LIMITS = {
    "EventExpiration": 86400000,
    "Periods": [
        {"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 2, "Unlimited": False},
        {"Unit": "HOURS", "Value": 6, "Unlimited": True},
    ],
}


def invoke(event: dict[str, Any], seconds: float = 300) -> tuple[dict[str, Any], dict[str, int]]:
    with api_calls.counting() as counted:
        sent = handler(event, LambdaContext(seconds))
    return sent, dict(counted)


def test_numbers_and_booleans_given_as_strings_are_typed_by_the_schema(
    service: Any, responses: ResponseURL
) -> None:
    event = custom_resource_event(
        "Create", model_properties(EventTriggerLimits=STRING_LIMITS), responses.url
    )
    assert invoke(event)[0]["Status"] == "SUCCESS"
    assert service.get_event_trigger(**KEY)["EventTriggerLimits"] == TYPED_LIMITS
    update = custom_resource_event(
        "Update",
        model_properties(EventTriggerLimits={**STRING_LIMITS, "EventExpiration": "1000"}),
        responses.url,
        old_properties=model_properties(EventTriggerLimits=STRING_LIMITS),
        physical_id=PHYSICAL_ID,
    )
    assert invoke(update)[0]["Status"] == "SUCCESS"
    assert service.get_event_trigger(**KEY)["EventTriggerLimits"]["EventExpiration"] == 1000


def limits_with(**period: Any) -> dict[str, Any]:
    return {"Periods": [{"Unit": "DAYS", "Value": "1", **period}]}


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (
            {"EventTriggerLimits": limits_with(Value="one")},
            "Invalid property EventTriggerLimits.Periods[0].Value must be integer: 'one' is not",
        ),
        (
            {"EventTriggerLimits": limits_with(Unlimited="yes")},
            "Invalid property EventTriggerLimits.Periods[0].Unlimited must be boolean"
            " (true or false): 'yes' is not",
        ),
        (
            {"EventTriggerLimits": {"EventExpiration": "1.5"}},
            "Invalid property EventTriggerLimits.EventExpiration must be integer: '1.5' is not",
        ),
        (
            {"EventTriggerLimits": limits_with(Value="61")},
            "Invalid property EventTriggerLimits.Periods[0].Value must be smaller than or equal"
            " to 60",
        ),
        (
            {"Colour": "blue"},
            "Invalid resource model: it must not contain {'Colour'} properties",
        ),
        (
            {"CreatedAt": "2026-01-01T00:00:00Z"},
            "Invalid property CreatedAt: it is read-only; read it with Fn::GetAtt",
        ),
        (
            {"ObjectTypeName": None},
            "Invalid resource model: it must contain ['ObjectTypeName'] properties",
        ),
        ({"Tags": [{"Key": "aws:x", "Value": "1"}]}, "Tags: the key 'aws:x' uses the reserved"),
    ],
)
def test_bad_properties_fail_in_one_line_naming_the_property_with_no_call(
    service: Any, responses: ResponseURL, overrides: dict[str, Any], reason: str
) -> None:
    event = custom_resource_event("Create", model_properties(**overrides), responses.url)

    sent, calls = invoke(event)

    assert calls == {}
    assert sent["Status"] == "FAILED"
    assert sent["Reason"].startswith(f"InvalidRequest: {reason}"), sent["Reason"]
    assert "\n" not in sent["Reason"]
    assert sent["PhysicalResourceId"].startswith(f"create-failed:{event['RequestId']}")
    assert responses.documents == [sent]


def test_service_token_and_service_timeout_are_cloudformations_and_ignored(
    service: Any, responses: ResponseURL
) -> None:
    properties = {**model_properties(), "ServiceTimeout": "600"}
    assert invoke(custom_resource_event("Create", properties, responses.url))[0]["Status"] == (
        "SUCCESS"
    )
    # A new ServiceToken (another function) and ServiceTimeout: an update in place.
    event = custom_resource_event(
        "Update",
        {**model_properties(), "ServiceTimeout": "900"},
        responses.url,
        old_properties=properties,
        physical_id=PHYSICAL_ID,
    )
    event["ResourceProperties"]["ServiceToken"] += "-v2"
    sent, calls = invoke(event)
    assert (sent["Status"], sent["PhysicalResourceId"], calls) == (
        "SUCCESS",
        PHYSICAL_ID,
        {"UpdateEventTrigger": 1},
    )


def test_running_out_of_time_answers_failed_before_the_deadline(
    service: Any, responses: ResponseURL, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_create = actions.create

    # Named as the action it stands for: the permissions check reads the name.
    def create(client: Any, request: Any) -> ProgressEvent:
        # Held until the timer's answer has arrived, then done: a create that lands late.
        assert responses.received.wait(timeout=120), "no answer before the deadline"
        return real_create(client, request)

    monkeypatch.setattr(actions, "create", create)
    event = custom_resource_event("Create", model_properties(), responses.url)

    # 8 s left: the timer answers 2 s before the deadline (a quarter of the time left).
    sent = handler(event, LambdaContext(8))

    failed_id = f"create-failed:{event['RequestId']}|{PHYSICAL_ID}"
    assert sent == {
        "Status": "FAILED",
        "Reason": "Create of Trigger did not finish before the function's time limit"
        " (answered 2.0 s before it): raise the function's Timeout",
        "PhysicalResourceId": failed_id,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": "Trigger",
        "NoEcho": False,
        "Data": {},
    }
    # One answer only: the work's own, after it, is not sent.
    assert responses.documents == [sent]
    # The trigger that landed late is this request's: the rollback's Delete removes it.
    rollback = custom_resource_event("Delete", None, responses.url, physical_id=failed_id)
    assert invoke(rollback)[0]["Status"] == "SUCCESS"
    assert service.list_event_triggers(DomainName=DOMAIN)["Items"] == []


def test_an_unexpected_exception_answers_failed(
    service: Any, responses: ResponseURL, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> Any:
        raise RuntimeError("no session today")

    monkeypatch.setattr(clients, "own_session", broken)
    event = custom_resource_event("Create", model_properties(), responses.url)

    sent, _ = invoke(event)

    assert (sent["Status"], sent["PhysicalResourceId"]) == (
        "FAILED",
        f"create-failed:{event['RequestId']}",
    )
    assert (
        sent["Reason"]
        == "InternalFailure: unexpected RuntimeError while handling Create of Trigger"
    )
    assert responses.documents == [sent]


def test_an_unexpected_exception_in_a_handler_is_the_handlers_internal_failure(
    service: Any, responses: ResponseURL, monkeypatch: pytest.MonkeyPatch
) -> None:
    def update(client: Any, request: Any) -> ProgressEvent:
        raise KeyError("unexpected")

    monkeypatch.setattr(actions, "update", update)
    event = custom_resource_event(
        "Update", model_properties(), responses.url, physical_id=PHYSICAL_ID
    )
    sent, _ = invoke(event)
    assert (sent["Status"], sent["PhysicalResourceId"], sent["Reason"]) == (
        "FAILED",
        PHYSICAL_ID,
        f"InternalFailure: Unexpected KeyError for {PHYSICAL_ID}",
    )


def test_a_long_reason_is_cut_to_fit_the_body_limit(service: Any, responses: ResponseURL) -> None:
    long_message = 'Le déclencheur 🚀 "refusé" \\ ' * 400
    faults.inject("CreateEventTrigger", "AccessDeniedException", message=long_message)
    event = custom_resource_event("Create", model_properties(), responses.url)

    sent, _ = invoke(event)

    [request] = responses.requests
    assert len(request.body) <= response.MAX_BODY_BYTES
    assert len(request.body) > response.MAX_BODY_BYTES - 12  # cut as late as it fits
    assert request.body.isascii()
    assert request.document == sent
    assert sent["Reason"].startswith(
        f"AccessDenied: CreateEventTrigger failed for {PHYSICAL_ID}: Le déclencheur 🚀"
    )
    assert sent["Reason"].endswith(response.TRUNCATED)


@settings(max_examples=200, deadline=None)
@given(reason=st.text(max_size=6000), data_size=st.integers(min_value=0, max_value=3500))
def test_every_reason_fits_cut_at_a_character(reason: str, data_size: int) -> None:
    event = custom_resource_event("Create", None, "http://127.0.0.1/")
    outcome = response.Outcome("FAILED", "x" * 200, reason, {"Blob": "b" * data_size})
    document = response.document(event, outcome)
    body = response.encode(document)
    assert len(body) <= response.MAX_BODY_BYTES
    assert json.loads(body) == document
    line = response.one_line(reason)
    kept = document["Reason"]
    assert kept == line or (
        kept.endswith(response.TRUNCATED) and line.startswith(kept.removesuffix(response.TRUNCATED))
    )


def test_data_too_large_for_the_body_answers_failed_saying_so(responses: ResponseURL) -> None:
    event = custom_resource_event("Create", None, responses.url)
    responder = response.Responder(event, "create-failed:r|retail|big", deadline=None)

    sent = responder.send(response.Outcome("SUCCESS", "retail|big", data={"Blob": "b" * 5000}))

    assert sent["Status"] == "FAILED"
    assert sent["PhysicalResourceId"] == "create-failed:r|retail|big"
    assert sent["Data"] == {}
    assert sent["Reason"].startswith("The response's Data makes a body of ")
    assert sent["Reason"].endswith("over CloudFormation's limit of 4096 bytes")
    assert responses.documents == [sent]


def test_the_response_is_retried_on_5xx_and_dropped_connections(
    service: Any, responses: ResponseURL
) -> None:
    responses.answers.extend([503, DROP, 200])
    event = custom_resource_event("Create", model_properties(), responses.url)

    sent, calls = invoke(event)

    assert calls == {"CreateEventTrigger": 1}
    assert len(responses.requests) == 3
    assert {request.body for request in responses.requests} == {response.encode(sent)}
    assert sent["Status"] == "SUCCESS"


def test_a_refused_response_is_not_retried(responses: ResponseURL) -> None:
    responses.answers.append(403)
    event = custom_resource_event("Delete", None, responses.url, physical_id="create-failed:x")
    responder = response.Responder(event, "create-failed:x", deadline=None)
    responder.send(response.Outcome("SUCCESS", "create-failed:x"))
    assert (len(responses.requests), responder.http_status) == (1, 403)


def test_the_response_gives_up_at_its_deadline(responses: ResponseURL) -> None:
    responses.answers.extend([500] * 10)
    event = custom_resource_event("Delete", None, responses.url, physical_id="create-failed:x")
    response.Responder(event, "create-failed:x", deadline=0.0).send(
        response.Outcome("SUCCESS", "create-failed:x")
    )
    assert responses.requests == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"RequestType": "Replace"}, "RequestType 'Replace' is not one of Create, Update, Delete"),
        ({"RequestId": None}, "RequestId is missing or not a string"),
        ({"StackId": "trigger-stack"}, "StackId is not a stack's ARN"),
        ({"ResourceProperties": ["not", "an", "object"]}, "ResourceProperties is not an object"),
    ],
)
def test_a_malformed_request_answers_failed_naming_the_field(
    responses: ResponseURL, change: dict[str, Any], reason: str
) -> None:
    event = {**custom_resource_event("Create", model_properties(), responses.url), **change}
    sent, calls = invoke(event)
    assert (sent["Status"], sent["Reason"], calls) == ("FAILED", f"InvalidRequest: {reason}", {})
    assert responses.documents == [sent]


def test_a_request_without_a_response_url_is_logged_and_returned(
    caplog: pytest.LogCaptureFixture,
) -> None:
    event = custom_resource_event("Create", model_properties(), "")
    sent = handler(event, None)
    assert sent["Status"] == "FAILED"
    assert sent["Reason"] == "InvalidRequest: ResponseURL is missing or not a string"
    assert "ResponseURL is missing" in caplog.text


def test_an_in_progress_handler_is_followed_with_its_callback_context(
    service: Any, responses: ResponseURL, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_handler = handlers.create_handler
    contexts: list[dict[str, Any]] = []

    def stepwise(session: Any, request: Any, context: MutableMapping[str, Any]) -> ProgressEvent:
        contexts.append(dict(context))
        if not context:
            return ProgressEvent(
                status=OperationStatus.IN_PROGRESS,
                callbackContext={"step": 1},
                callbackDelaySeconds=0,
            )
        return create_handler(session, request, context)

    monkeypatch.setattr(handlers, "create_handler", stepwise)
    event = custom_resource_event("Create", model_properties(), responses.url)
    sent, calls = invoke(event)
    assert (sent["Status"], calls) == ("SUCCESS", {"CreateEventTrigger": 1})
    assert contexts == [{}, {"step": 1}]


def test_the_timer_and_the_work_answer_once_between_them(responses: ResponseURL) -> None:
    event = custom_resource_event("Delete", None, responses.url, physical_id="create-failed:x")
    responder = response.Responder(event, "create-failed:x", deadline=None)
    outcomes = [response.Outcome("SUCCESS", "create-failed:x")] * 8
    threads = [threading.Thread(target=responder.send, args=(outcome,)) for outcome in outcomes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(responses.requests) == 1


def test_the_function_acts_with_the_credentials_lambda_puts_in_its_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAFUNCTIONROLE0000")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "role-secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "role-token")
    session = clients.own_session()
    credentials = session.session.get_credentials()
    assert credentials is not None
    frozen = credentials.get_frozen_credentials()
    assert (frozen.access_key, frozen.secret_key, frozen.token) == (
        "AKIAFUNCTIONROLE0000",
        "role-secret",
        "role-token",
    )
    assert clients.own_session() is session
    # Without them, boto3 looks for credentials as it always does, in one session.
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    fallback = clients.own_session()
    assert fallback is not session and clients.own_session() is fallback
