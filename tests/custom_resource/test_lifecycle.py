"""The custom resource's Create, Update and Delete: the exact documents sent, the calls made.

Each test feeds the handler requests shaped as CloudFormation's documentation
shows them, against the offline service in-process, with a local server
standing for the ResponseURL.
"""

from __future__ import annotations

from typing import Any

import pytest

from aws_customerprofiles_eventtrigger import tags
from aws_customerprofiles_eventtrigger.custom_resource import handler, identity
from aws_customerprofiles_eventtrigger.translate import timestamp
from tests.support import api_calls
from tests.support.response_url import STACK_ID, LambdaContext, ResponseURL, custom_resource_event
from tests.support.samples import CONDITIONS, DOMAIN, NAME, OBJECT_TYPE, model_properties

KEY = {"DomainName": DOMAIN, "EventTriggerName": NAME}
PHYSICAL_ID = f"{DOMAIN}|{NAME}"
OWNER = identity.owner(STACK_ID, "Trigger")


def invoke(event: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """Runs one request; the document the handler sent, and the API calls it made."""
    with api_calls.counting() as counted:
        sent = handler(event, LambdaContext(300))
    return sent, dict(counted)


def expected(event: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The response document for ``event``: the copied fields, and ``fields``."""
    return {
        "Status": "SUCCESS",
        "Reason": "",
        "PhysicalResourceId": event.get("PhysicalResourceId"),
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "NoEcho": False,
        "Data": {},
        **fields,
    }


def attributes(service: Any, key: dict[str, str] = KEY) -> dict[str, Any]:
    """What Fn::GetAtt reads for the trigger, as the service holds it."""
    held = service.get_event_trigger(**key)
    return {
        **key,
        "CreatedAt": timestamp(held["CreatedAt"]),
        "LastUpdatedAt": timestamp(held["LastUpdatedAt"]),
    }


def create(service: Any, responses: ResponseURL, **overrides: Any) -> dict[str, Any]:
    event = custom_resource_event("Create", model_properties(**overrides), responses.url)
    sent, _ = invoke(event)
    assert sent["Status"] == "SUCCESS", sent
    return event


def test_create_answers_the_trigger_id_and_its_attributes_with_one_call(
    service: Any, responses: ResponseURL
) -> None:
    event = custom_resource_event("Create", model_properties(), responses.url)

    sent, calls = invoke(event)

    assert calls == {"CreateEventTrigger": 1}
    document = expected(event, PhysicalResourceId=PHYSICAL_ID, Data=attributes(service))
    assert sent == document
    [request] = responses.requests
    assert request.method == "PUT"
    assert request.path == "/cloudformation-custom-resource-response?X-Amz-Signature=abc%2Fdef"
    assert request.headers["Content-Type"] == ""
    assert request.headers["Content-Length"] == str(len(request.body))
    assert request.document == document
    held = service.get_event_trigger(**KEY)
    assert held["Description"] == "Orders over 500"
    assert held["Tags"] == {
        "team": "crm",
        tags.CREATED_BY: f"{OWNER}/{event['RequestId']}",
    }


@pytest.mark.parametrize(
    ("new_tags", "expected_calls"),
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
def test_update_in_place_makes_tag_calls_only_for_a_tag_change(
    service: Any, responses: ResponseURL, new_tags: Any, expected_calls: dict[str, int]
) -> None:
    created = create(service, responses)
    desired = model_properties(Description="Changed", Tags=new_tags)
    event = custom_resource_event(
        "Update",
        desired,
        responses.url,
        old_properties=model_properties(),
        physical_id=PHYSICAL_ID,
    )

    sent, calls = invoke(event)

    assert calls == expected_calls
    assert sent == expected(event, Data=attributes(service))
    held = service.get_event_trigger(**KEY)
    assert held["Description"] == "Changed"
    # The user's tags as wanted; the record of the creator kept.
    assert held.get("Tags", {}) == {
        **{tag["Key"]: tag["Value"] for tag in new_tags or []},
        tags.CREATED_BY: f"{OWNER}/{created['RequestId']}",
    }


def test_a_rollback_is_an_update_back_that_restores_the_old_properties(
    service: Any, responses: ResponseURL
) -> None:
    create(service, responses)
    changed = model_properties(Description="Changed", SegmentFilter=None, Tags=None)
    forward = custom_resource_event(
        "Update", changed, responses.url, old_properties=model_properties(), physical_id=PHYSICAL_ID
    )
    assert invoke(forward)[0]["Status"] == "SUCCESS"
    back = custom_resource_event(
        "Update", model_properties(), responses.url, old_properties=changed, physical_id=PHYSICAL_ID
    )

    sent, calls = invoke(back)

    assert sent["Status"] == "SUCCESS" and sent["PhysicalResourceId"] == PHYSICAL_ID
    assert calls == {"UpdateEventTrigger": 1, "TagResource": 1}
    held = service.get_event_trigger(**KEY)
    assert (held["Description"], held["SegmentFilter"]) == ("Orders over 500", "vip-customers")
    assert held["Tags"]["team"] == "crm"


def test_a_new_name_creates_the_new_trigger_and_answers_its_id(
    service: Any, responses: ResponseURL
) -> None:
    create(service, responses)
    renamed = model_properties(EventTriggerName="renamed")
    event = custom_resource_event(
        "Update", renamed, responses.url, old_properties=model_properties(), physical_id=PHYSICAL_ID
    )

    sent, calls = invoke(event)

    assert calls == {"CreateEventTrigger": 1}
    new_key = {"DomainName": DOMAIN, "EventTriggerName": "renamed"}
    assert sent == expected(
        event, PhysicalResourceId=f"{DOMAIN}|renamed", Data=attributes(service, new_key)
    )
    # The old one stays until CloudFormation's cleanup deletes it by its old id.
    service.get_event_trigger(**KEY)
    cleanup = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=PHYSICAL_ID
    )
    assert invoke(cleanup) == (
        expected(cleanup),
        {"GetEventTrigger": 1, "DeleteEventTrigger": 1},
    )
    names = [
        item["EventTriggerName"] for item in service.list_event_triggers(DomainName=DOMAIN)["Items"]
    ]
    assert names == ["renamed"]


def test_a_rollback_of_a_rename_answers_the_old_id_so_the_new_trigger_is_cleaned_up(
    service: Any, responses: ResponseURL
) -> None:
    create(service, responses)
    renamed = model_properties(EventTriggerName="renamed", Description="Renamed")
    forward = custom_resource_event(
        "Update", renamed, responses.url, old_properties=model_properties(), physical_id=PHYSICAL_ID
    )
    assert invoke(forward)[0]["PhysicalResourceId"] == f"{DOMAIN}|renamed"
    # The stack failed later: CloudFormation updates back, naming the new trigger.
    back = custom_resource_event(
        "Update",
        model_properties(),
        responses.url,
        old_properties=renamed,
        physical_id=f"{DOMAIN}|renamed",
    )

    sent, calls = invoke(back)

    assert calls == {"CreateEventTrigger": 1, "GetEventTrigger": 2, "UpdateEventTrigger": 1}
    assert sent == expected(back, PhysicalResourceId=PHYSICAL_ID, Data=attributes(service))
    # The cleanup deletes the id the rollback replaced: the new trigger.
    cleanup = custom_resource_event(
        "Delete", renamed, responses.url, physical_id=f"{DOMAIN}|renamed"
    )
    assert invoke(cleanup)[0]["Status"] == "SUCCESS"
    names = [
        item["EventTriggerName"] for item in service.list_event_triggers(DomainName=DOMAIN)["Items"]
    ]
    assert names == [NAME]
    assert service.get_event_trigger(**KEY)["Description"] == "Orders over 500"


def test_a_new_name_taken_by_someone_elses_trigger_fails_and_keeps_the_old_id(
    service: Any, responses: ResponseURL
) -> None:
    create(service, responses)
    service.create_event_trigger(
        DomainName=DOMAIN,
        EventTriggerName="taken",
        ObjectTypeName=OBJECT_TYPE,
        EventTriggerConditions=CONDITIONS,
    )
    event = custom_resource_event(
        "Update",
        model_properties(EventTriggerName="taken"),
        responses.url,
        old_properties=model_properties(),
        physical_id=PHYSICAL_ID,
    )

    sent, calls = invoke(event)

    assert calls == {"CreateEventTrigger": 1, "GetEventTrigger": 2}
    assert sent == expected(
        event,
        Status="FAILED",
        Reason="AlreadyExists: Resource of type 'AWS::CustomerProfiles::EventTrigger'"
        f" with identifier '{DOMAIN}|taken' already exists.",
    )
    assert "Description" not in service.get_event_trigger(
        DomainName=DOMAIN, EventTriggerName="taken"
    )


def test_delete_removes_the_trigger(service: Any, responses: ResponseURL) -> None:
    create(service, responses)
    event = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=PHYSICAL_ID
    )

    sent, calls = invoke(event)

    assert calls == {"GetEventTrigger": 1, "DeleteEventTrigger": 1}
    assert sent == expected(event)
    assert service.list_event_triggers(DomainName=DOMAIN)["Items"] == []


def test_delete_of_a_trigger_already_gone_succeeds_with_no_write(
    service: Any, responses: ResponseURL
) -> None:
    event = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=PHYSICAL_ID
    )
    assert invoke(event) == (expected(event), {"GetEventTrigger": 1})


@pytest.mark.parametrize(
    "physical_id",
    [
        "create-failed:1f3c6b7e-0000-4000-8000-000000000000",
        "Trigger-1f3c6b7e",
        f"{DOMAIN}|{NAME}|extra",
        f"{DOMAIN}|bad name",
    ],
)
def test_delete_of_an_id_naming_no_trigger_succeeds_with_no_call(
    service: Any, responses: ResponseURL, physical_id: str
) -> None:
    service.create_event_trigger(
        **KEY, ObjectTypeName=OBJECT_TYPE, EventTriggerConditions=CONDITIONS
    )
    event = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=physical_id
    )
    assert invoke(event) == (expected(event), {})
    service.get_event_trigger(**KEY)


def test_delete_leaves_a_trigger_this_resource_did_not_create(
    service: Any, responses: ResponseURL
) -> None:
    service.create_event_trigger(
        **KEY, ObjectTypeName=OBJECT_TYPE, EventTriggerConditions=CONDITIONS
    )
    event = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=PHYSICAL_ID
    )
    assert invoke(event) == (expected(event), {"GetEventTrigger": 1})
    service.get_event_trigger(**KEY)


def test_a_repeated_create_makes_no_second_trigger(service: Any, responses: ResponseURL) -> None:
    event = custom_resource_event("Create", model_properties(), responses.url)
    first, _ = invoke(event)
    created_at = service.get_event_trigger(**KEY)["CreatedAt"]

    again, calls = invoke(event)

    # One CreateEventTrigger, refused for the name taken; the probe finds this request's own.
    assert calls == {"CreateEventTrigger": 1, "GetEventTrigger": 1}
    assert again == first
    assert [doc["Status"] for doc in responses.documents] == ["SUCCESS", "SUCCESS"]
    assert service.get_event_trigger(**KEY)["CreatedAt"] == created_at
    assert len(service.list_event_triggers(DomainName=DOMAIN)["Items"]) == 1


def test_a_create_over_someone_elses_trigger_fails_with_an_id_that_is_not_its(
    service: Any, responses: ResponseURL
) -> None:
    service.create_event_trigger(
        **KEY, ObjectTypeName=OBJECT_TYPE, EventTriggerConditions=CONDITIONS
    )
    event = custom_resource_event("Create", model_properties(), responses.url)

    sent, calls = invoke(event)

    failed_id = f"create-failed:{event['RequestId']}|{PHYSICAL_ID}"
    assert calls == {"CreateEventTrigger": 1, "GetEventTrigger": 1}
    assert sent == expected(
        event,
        Status="FAILED",
        PhysicalResourceId=failed_id,
        Reason="AlreadyExists: Resource of type 'AWS::CustomerProfiles::EventTrigger'"
        f" with identifier '{PHYSICAL_ID}' already exists.",
    )
    # The rollback deletes the failed create's id: the other trigger stays, untouched.
    rollback = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=failed_id
    )
    assert invoke(rollback) == (expected(rollback), {"GetEventTrigger": 1})
    assert "Tags" not in service.get_event_trigger(**KEY)


def test_the_rollback_of_a_create_that_landed_too_late_deletes_its_trigger(
    service: Any, responses: ResponseURL
) -> None:
    event = custom_resource_event("Create", model_properties(), responses.url)
    invoke(event)
    # Had the answer been a failure (a timeout), its id names this request's trigger.
    failed_id = f"create-failed:{event['RequestId']}|{PHYSICAL_ID}"
    rollback = custom_resource_event(
        "Delete", model_properties(), responses.url, physical_id=failed_id
    )
    assert invoke(rollback) == (expected(rollback), {"GetEventTrigger": 1, "DeleteEventTrigger": 1})
    assert service.list_event_triggers(DomainName=DOMAIN)["Items"] == []
