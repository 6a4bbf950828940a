"""AWS::CustomerProfiles::EventTrigger: its HandlerRequests, callbacks, failures and deletes."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from localcloud.cloudformation.engine import ResourceFailure
from localcloud.cloudformation.engine.errors import is_not_found
from localcloud.cloudformation.resources import handler
from localcloud.cloudformation.resources.event_trigger import CustomerProfilesEventTrigger
from localcloud.customer_profiles import faults
from localcloud.registry_handler import CallbackPolicy
from tests.support.resources import (
    ACCOUNT,
    REGION,
    create,
    orders,
    trigger_properties,
)
from tests.support.stacks import capturing_events, template_body, trigger_resource

# -- EventTrigger: the HandlerRequest CloudFormation sends ---------------------

STACK_TEMPLATE = template_body(
    {"Trigger": trigger_resource(DomainName="retail", Description={"Ref": "Description"})},
    {"Description": {"Type": "String", "Default": "first"}},
)


def test_handler_requests_carry_the_stack_and_on_update_what_was_before(
    cp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders(cp)
    cf = boto3.client("cloudformation", region_name=REGION)
    with capturing_events(monkeypatch) as events:
        stack_id = cf.create_stack(
            StackName="carried", TemplateBody=STACK_TEMPLATE, Tags=[{"Key": "env", "Value": "a"}]
        )["StackId"]
        cf.update_stack(
            StackName="carried",
            TemplateBody=STACK_TEMPLATE,
            Parameters=[{"ParameterKey": "Description", "ParameterValue": "second"}],
        )
    created, updated = events
    assert (created["action"], updated["action"]) == ("CREATE", "UPDATE")
    for event in events:
        assert event["stackId"] == stack_id
        assert event["awsAccountId"] == ACCOUNT and event["region"] == REGION
        data = event["requestData"]
        assert data["logicalResourceId"] == "Trigger"
        assert data["systemTags"] == {
            "aws:cloudformation:stack-name": "carried",
            "aws:cloudformation:stack-id": stack_id,
            "aws:cloudformation:logical-id": "Trigger",
        }
        assert data["stackTags"] == {"env": "a"}
        assert data["callerCredentials"]["sessionToken"]
    assert "previousResourceProperties" not in created["requestData"]
    assert created["requestData"]["resourceProperties"]["Description"] == "first"
    assert updated["requestData"]["resourceProperties"]["Description"] == "second"
    assert updated["requestData"]["previousResourceProperties"]["Description"] == "first"
    assert updated["requestData"]["previousStackTags"] == {"env": "a"}
    assert cp.get_event_trigger(DomainName="retail", EventTriggerName="big-order")["Tags"] == {
        "env": "a"
    }


def fake_handler(monkeypatch: pytest.MonkeyPatch, replies: list[dict[str, Any]]) -> list[Any]:
    from aws_customerprofiles_eventtrigger import handlers

    seen: list[dict[str, Any]] = []

    def reply(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(event)
        return replies[min(len(seen), len(replies)) - 1]

    monkeypatch.setattr(handlers, "resource", reply)
    return seen


def test_in_progress_is_followed_with_the_callback_context(
    cp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = {**trigger_properties(), "CreatedAt": "2026-01-01T00:00:00.000Z"}
    seen = fake_handler(
        monkeypatch,
        [
            {"status": "IN_PROGRESS", "callbackContext": {"step": 1}, "callbackDelaySeconds": 0},
            {"status": "SUCCESS", "resourceModel": model},
        ],
    )
    made = create(CustomerProfilesEventTrigger, "Trigger", trigger_properties())
    assert len(seen) == 2
    assert seen[0]["callbackContext"] is None
    assert seen[1]["callbackContext"] == {"step": 1}
    assert seen[0]["bearerToken"] == seen[1]["bearerToken"]
    assert made.get_cfn_attribute("CreatedAt") == "2026-01-01T00:00:00.000Z"
    assert made.physical_resource_id == "retail|big-order"


def test_callbacks_are_bounded(cp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handler, "CALLBACKS", CallbackPolicy(max_callbacks=3))
    seen = fake_handler(monkeypatch, [{"status": "IN_PROGRESS", "callbackDelaySeconds": 0}])
    with pytest.raises(ResourceFailure) as failed:
        create(CustomerProfilesEventTrigger, "Trigger", trigger_properties())
    assert failed.value.error_code == "NotStabilized"
    assert len(seen) == 4


def test_a_failed_handler_fails_the_resource_with_its_code_and_message(cp: Any) -> None:
    cp.create_domain(DomainName="retail", DefaultExpirationDays=30)  # no object type Orders
    with pytest.raises(ResourceFailure) as failed:
        create(CustomerProfilesEventTrigger, "Trigger", trigger_properties())
    assert failed.value.error_code == "InvalidRequest"
    assert str(failed.value).startswith("InvalidRequest: ")
    assert "Orders" in str(failed.value)


def test_a_handler_that_raises_fails_the_resource(cp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from aws_customerprofiles_eventtrigger import handlers

    def broken(event: dict[str, Any], context: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(handlers, "resource", broken)
    with pytest.raises(ResourceFailure, match="InternalFailure: The CREATE handler raised"):
        create(CustomerProfilesEventTrigger, "Trigger", trigger_properties())


def test_delete_of_a_trigger_already_gone_fails_not_found_which_the_engine_counts_deleted(
    cp: Any,
) -> None:
    orders(cp)
    made = create(CustomerProfilesEventTrigger, "Trigger", trigger_properties())
    cp.delete_event_trigger(DomainName="retail", EventTriggerName="big-order")
    with pytest.raises(ResourceFailure) as gone:
        made.delete(ACCOUNT, REGION)
    assert is_not_found(gone.value)


def test_delete_fails_on_any_other_error(cp: Any) -> None:
    orders(cp)
    made = create(CustomerProfilesEventTrigger, "Trigger", trigger_properties())
    faults.inject("DeleteEventTrigger", "AccessDeniedException")
    with pytest.raises(ResourceFailure) as failed:
        made.delete(ACCOUNT, REGION)
    assert failed.value.error_code == "AccessDenied"
