"""Where Cloud Control over the provider must say what AWS says: conflicts, missing domains,
EventTime, RoleArn."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from tests.support.cloud import create
from tests.support.polling import settle
from tests.support.samples import desired


def _stream(domain: str) -> str:
    return f"arn:aws:kinesis:us-east-1:123456789012:stream/{domain}/events"


def test_delete_of_a_trigger_an_integration_names_fails_with_resource_conflict(
    cloudcontrol: Any, customer_profiles: Any, domain: str
) -> None:
    assert create(cloudcontrol, desired(domain, "in-use"))["OperationStatus"] == "SUCCESS"
    uri = _stream(domain)
    customer_profiles.put_integration(
        DomainName=domain, Uri=uri, ObjectTypeName="orders", EventTriggerNames=["in-use"]
    )
    identifier = f"{domain}|in-use"
    started = cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    failed = settle(cloudcontrol, started["ProgressEvent"]["RequestToken"])
    assert (failed["OperationStatus"], failed["ErrorCode"]) == ("FAILED", "ResourceConflict")
    assert uri in failed["StatusMessage"]
    assert customer_profiles.get_event_trigger(DomainName=domain, EventTriggerName="in-use")

    customer_profiles.delete_integration(DomainName=domain, Uri=uri)
    started = cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    deleted = settle(cloudcontrol, started["ProgressEvent"]["RequestToken"])
    assert deleted["OperationStatus"] == "SUCCESS"


def test_create_in_a_missing_domain_names_the_domain(cloudcontrol: Any) -> None:
    missing = f"nodomain-{uuid.uuid4().hex[:8]}"
    failed = create(cloudcontrol, desired(missing, "x"))
    assert (failed["OperationStatus"], failed["ErrorCode"]) == ("FAILED", "NotFound")
    assert f"Domain '{missing}' does not exist" in failed["StatusMessage"]
    assert f"{missing}|x' was not found" not in failed["StatusMessage"]


def test_list_of_a_missing_domain_names_the_domain(cloudcontrol: Any) -> None:
    missing = f"nodomain-{uuid.uuid4().hex[:8]}"
    with pytest.raises(ClientError) as excinfo:
        cloudcontrol.list_resources(
            TypeName=TYPE_NAME, ResourceModel=json.dumps({"DomainName": missing})
        )
    message = excinfo.value.response["Error"]["Message"]
    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert missing in message and "None" not in message


def test_event_time_is_when_the_request_was_initiated(cloudcontrol: Any, domain: str) -> None:
    started = cloudcontrol.create_resource(
        TypeName=TYPE_NAME, DesiredState=json.dumps(desired(domain, "timed"))
    )["ProgressEvent"]
    done = settle(cloudcontrol, started["RequestToken"])
    assert done["OperationStatus"] == "SUCCESS"
    assert done["EventTime"] == started["EventTime"]
    again = cloudcontrol.get_resource_request_status(RequestToken=started["RequestToken"])
    assert again["ProgressEvent"]["EventTime"] == started["EventTime"]
    listed = cloudcontrol.list_resource_requests()["ResourceRequestStatusSummaries"]
    mine = [event for event in listed if event["RequestToken"] == started["RequestToken"]]
    assert [event["EventTime"] for event in mine] == [started["EventTime"]]


def test_role_arn_is_accepted_and_not_checked(cloudcontrol: Any, domain: str) -> None:
    """No local IAM: the handlers run with the server's credentials whatever RoleArn says."""
    role = "arn:aws:iam::123456789012:role/does-not-exist"
    done = create(cloudcontrol, desired(domain, "with-role"), RoleArn=role)
    assert done["OperationStatus"] == "SUCCESS"
    with pytest.raises(ClientError) as excinfo:
        cloudcontrol.create_resource(
            TypeName=TYPE_NAME, DesiredState=json.dumps(desired(domain, "r2")), RoleArn="bad"
        )
    assert excinfo.value.response["Error"]["Code"] == "ValidationException"
