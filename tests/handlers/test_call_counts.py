"""API calls per action on the normal path, counted at botocore's client.

The goals: create 1, read 1, update 1 (plus one UntagResource and/or one
TagResource only when tags change), delete 1, list 1 per page. These run the
real entrypoint against the offline service, in-process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from aws_customerprofiles_eventtrigger.handlers import resource
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.registry_handler import handler_request
from tests.support import api_calls
from tests.support.samples import CONDITIONS, model_properties

DOMAIN = "retail"
KEY = {"DomainName": DOMAIN, "EventTriggerName": "high-value-order"}


@pytest.fixture
def service() -> Iterator[Any]:
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="us-east-1")
        client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
        client.put_profile_object_type(DomainName=DOMAIN, ObjectTypeName="Orders", Description="o")
        yield client


def invoke(
    action: str, properties: dict[str, Any], **extra: Any
) -> tuple[dict[str, Any], dict[str, int]]:
    with api_calls.counting() as counted:
        response = resource(handler_request(action, properties, **extra), None)
    assert response["status"] == "SUCCESS", response
    return response, dict(counted)


def test_create_read_delete_make_one_call_each(service: Any) -> None:
    assert invoke("CREATE", model_properties())[1] == {"CreateEventTrigger": 1}
    assert invoke("READ", KEY)[1] == {"GetEventTrigger": 1}
    assert invoke("DELETE", KEY)[1] == {"DeleteEventTrigger": 1}


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([{"Key": "team", "Value": "crm"}], {"UpdateEventTrigger": 1}),
        (
            [{"Key": "team", "Value": "crm"}, {"Key": "new", "Value": "1"}],
            {"UpdateEventTrigger": 1, "TagResource": 1},
        ),
        ([{"Key": "team", "Value": "sales"}], {"UpdateEventTrigger": 1, "TagResource": 1}),
        (None, {"UpdateEventTrigger": 1, "UntagResource": 1}),
        (
            [{"Key": "other", "Value": "1"}],
            {"UpdateEventTrigger": 1, "UntagResource": 1, "TagResource": 1},
        ),
    ],
)
def test_update_makes_tag_calls_only_for_a_tag_change(
    service: Any, tags: Any, expected: dict[str, int]
) -> None:
    invoke("CREATE", model_properties())
    desired = model_properties(Description="Changed", Tags=tags)
    _, counted = invoke("UPDATE", desired, previous_properties=model_properties())
    assert counted == expected
    read = service.get_event_trigger(**KEY)
    assert read["Description"] == "Changed"
    assert read.get("Tags", {}) == {tag["Key"]: tag["Value"] for tag in tags or []}


def test_list_makes_one_call_per_page(service: Any) -> None:
    for index in range(150):
        service.create_event_trigger(
            DomainName=DOMAIN,
            EventTriggerName=f"trigger-{index:03d}",
            ObjectTypeName="Orders",
            EventTriggerConditions=CONDITIONS,
        )
    names, token, pages = [], None, 0
    while True:
        response, counted = invoke("LIST", {"DomainName": DOMAIN}, next_token=token)
        assert counted == {"ListEventTriggers": 1}
        pages += 1
        names += [model["EventTriggerName"] for model in response["resourceModels"]]
        token = response.get("nextToken")
        if not token:
            break
    assert pages == 2
    assert names == sorted(f"trigger-{index:03d}" for index in range(150))
