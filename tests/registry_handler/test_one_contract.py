"""Cloud Control and the stack engine follow IN_PROGRESS by the same contract.

On IN_PROGRESS the next invocation carries the ``resourceModel`` the handler
returned, as the desired resource state, and its ``callbackContext``, under
the same bearer token. One entrypoint stub, driven through both paths, sees
exactly that.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cloudcontrol import CloudControl
from localcloud.cloudformation import register
from localcloud.customer_profiles import mock_customer_profiles
from tests.support.polling import final_event
from tests.support.samples import desired
from tests.support.stacks import template_body, trigger_resource

REGION = "us-east-1"


class ChangesTheModelOnce:
    """IN_PROGRESS with a changed model and a context, then SUCCESS; records every event."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.returned: dict[str, Any] = {}

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        received = event["requestData"]["resourceProperties"]
        if len(self.events) == 1:
            self.returned = {**received, "Description": "set by the handler"}
            return {
                "status": "IN_PROGRESS",
                "resourceModel": self.returned,
                "callbackContext": {"stage": "waiting"},
                "callbackDelaySeconds": 0,
            }
        return {"status": "SUCCESS", "resourceModel": received}


def through_cloud_control(stub: ChangesTheModelOnce, monkeypatch: pytest.MonkeyPatch) -> None:
    service = CloudControl(entrypoint=stub, region=REGION)
    try:
        started = service.create_resource(TYPE_NAME, json.dumps(desired("retail", "big-order")))
        token = started["ProgressEvent"]["RequestToken"]
        final = final_event(lambda: service.get_resource_request_status(token), "create settled")
        assert final["OperationStatus"] == "SUCCESS"
    finally:
        service.close()


def through_a_stack(stub: ChangesTheModelOnce, monkeypatch: pytest.MonkeyPatch) -> None:
    from aws_customerprofiles_eventtrigger import handlers

    register()
    monkeypatch.setattr(handlers, "resource", stub)
    with mock_customer_profiles():
        cf = boto3.client("cloudformation", region_name=REGION)
        body = template_body({"Trigger": trigger_resource(DomainName="retail")})
        cf.create_stack(StackName="callbacks", TemplateBody=body)
        (stack,) = cf.describe_stacks(StackName="callbacks")["Stacks"]
        assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")


PATHS = {"cloud-control": through_cloud_control, "stack-engine": through_a_stack}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_the_callback_carries_the_returned_model_and_context(
    path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = ChangesTheModelOnce()
    PATHS[path](stub, monkeypatch)
    first, callback = stub.events
    assert first["callbackContext"] is None
    assert first["requestData"]["resourceProperties"].get("Description") is None
    assert callback["requestData"]["resourceProperties"] == stub.returned
    assert callback["callbackContext"] == {"stage": "waiting"}
    assert callback["bearerToken"] == first["bearerToken"]
    assert callback["action"] == first["action"] == "CREATE"
