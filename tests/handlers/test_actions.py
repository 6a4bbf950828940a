"""Every handler path, with the exact API parameters each one sends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cloudformation_cli_python_lib.interface import HandlerErrorCode, OperationStatus

from aws_customerprofiles_eventtrigger import handlers, tags
from tests.support.payloads import make_request
from tests.support.samples import (
    CONDITIONS,
    CREATED,
    DOMAIN,
    LIMITS,
    NAME,
    UPDATED,
    api_trigger,
    model_properties,
)
from tests.support.stubs import Stubbed, newer_model

KEY = {"DomainName": DOMAIN, "EventTriggerName": NAME}
ARN = f"arn:aws:profile:us-east-1:123456789012:domains/{DOMAIN}/event-triggers/{NAME}"
READ_MODEL = {
    **model_properties(),
    "CreatedAt": "2026-11-01T09:30:00.123Z",
    "LastUpdatedAt": "2026-11-02T10:00:00.000Z",
}


def create_params(**overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        **KEY,
        "ObjectTypeName": "Orders",
        "Description": "Orders over 500",
        "EventTriggerConditions": CONDITIONS,
        "SegmentFilter": "vip-customers",
        "EventTriggerLimits": LIMITS,
        "Tags": {"team": "crm"},
    }
    params.update(overrides)
    return {key: value for key, value in params.items() if value is not None}


def serialized(event: Any) -> dict[str, Any]:
    return dict(event._serialize())


# create


def test_create_sends_every_property_and_returns_the_read_model(stubbed: Stubbed) -> None:
    stubbed.expect("create_event_trigger", create_params(), api_trigger())
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel._serialize() == READ_MODEL


def test_create_client_is_regional_with_standard_retries(stubbed: Stubbed) -> None:
    stubbed.expect("create_event_trigger", create_params(), api_trigger())
    handlers.create_handler(
        stubbed.session, make_request(model_properties(), region="eu-west-2"), {}
    )
    [(service, kwargs)] = stubbed.boto_session.client_kwargs
    assert service == "customer-profiles"
    assert kwargs["region_name"] == "eu-west-2"
    assert kwargs["config"].retries == {"mode": "standard"}


def test_create_merges_stack_tags_model_wins_and_never_sends_aws_tags(stubbed: Stubbed) -> None:
    tags = {"team": "crm", "env": "prod"}
    stubbed.expect("create_event_trigger", create_params(Tags=tags), api_trigger(Tags=tags))
    request = make_request(
        model_properties(),
        stack_tags={"team": "stack-value", "env": "prod", "aws:cloudformation:stack-name": "s"},
    )
    event = handlers.create_handler(stubbed.session, request, {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel.Tags[0].Key == "env"


def test_create_leaves_tags_out_when_there_are_none(stubbed: Stubbed) -> None:
    stubbed.expect("create_event_trigger", create_params(Tags=None), api_trigger(Tags=None))
    event = handlers.create_handler(stubbed.session, make_request(model_properties(Tags=None)), {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel.Tags is None


def test_empty_tags_list_means_no_tags(stubbed: Stubbed) -> None:
    stubbed.expect("create_event_trigger", create_params(Tags=None), api_trigger(Tags=None))
    event = handlers.create_handler(stubbed.session, make_request(model_properties(Tags=[])), {})
    assert event.status == OperationStatus.SUCCESS
    assert "Tags" not in event.resourceModel._serialize()


def test_create_of_an_existing_trigger_is_already_exists(stubbed: Stubbed) -> None:
    stubbed.fail("create_event_trigger", "BadRequestException", "Event trigger exists")
    stubbed.expect("get_event_trigger", KEY, api_trigger())
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert event.status == OperationStatus.FAILED
    assert event.errorCode == HandlerErrorCode.AlreadyExists
    assert f"{DOMAIN}|{NAME}" in event.message


def test_create_bad_request_for_a_new_trigger_is_invalid_request(stubbed: Stubbed) -> None:
    stubbed.fail("create_event_trigger", "BadRequestException", "Object type Orders not found")
    stubbed.fail("get_event_trigger", "ResourceNotFoundException", params=KEY)
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert "Object type Orders not found" in event.message
    assert f"{DOMAIN}|{NAME}" in event.message


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"DomainName": "bad name"}, "DomainName"),
        ({"EventTriggerName": "x" * 65}, "EventTriggerName"),
        ({"ObjectTypeName": "9starts-with-digit"}, "ObjectTypeName"),
        ({"Description": ""}, "Description"),
        ({"SegmentFilter": "a/b"}, "SegmentFilter"),
        ({"EventTriggerConditions": []}, "EventTriggerConditions"),
        (
            {"EventTriggerLimits": {"Periods": [{"Unit": "YEARS", "Value": 1}]}},
            "EventTriggerLimits.Periods[0].Unit",
        ),
        (
            {"EventTriggerLimits": {"Periods": [{"Unit": "DAYS", "Value": 61}]}},
            "EventTriggerLimits.Periods[0].Value",
        ),
        (
            {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "1"}]},
            "Tags",
        ),
        ({"Tags": [{"Key": "k" * 129, "Value": "v"}]}, "Tags[0].Key"),
        ({"ObjectTypeName": None}, "ObjectTypeName"),
    ],
)
def test_create_refuses_what_the_schema_forbids_before_any_call(
    stubbed: Stubbed, override: dict[str, Any], named: str
) -> None:
    properties = model_properties(**override)
    if override == {"ObjectTypeName": None}:
        properties.pop("ObjectTypeName", None)
    event = handlers.create_handler(stubbed.session, make_request(properties), {})
    assert event.status == OperationStatus.FAILED
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert named in event.message


def test_create_refuses_reserved_tag_keys(stubbed: Stubbed) -> None:
    properties = model_properties(Tags=[{"Key": "aws:owner", "Value": "me"}])
    event = handlers.create_handler(stubbed.session, make_request(properties), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert "aws:owner" in event.message


# read


def test_read_returns_a_fresh_model_with_domain_from_the_request(stubbed: Stubbed) -> None:
    stubbed.expect("get_event_trigger", KEY, api_trigger())
    event = handlers.read_handler(stubbed.session, make_request(dict(KEY)), {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel._serialize() == READ_MODEL


def test_read_leaves_absent_properties_absent(stubbed: Stubbed) -> None:
    response = api_trigger(Description=None, SegmentFilter=None, EventTriggerLimits=None, Tags=None)
    stubbed.expect("get_event_trigger", KEY, response)
    event = handlers.read_handler(stubbed.session, make_request(dict(KEY)), {})
    body = event.resourceModel._serialize()
    for absent in ("Description", "SegmentFilter", "EventTriggerLimits", "Tags"):
        assert absent not in body


def test_read_of_a_missing_trigger_is_not_found(stubbed: Stubbed) -> None:
    stubbed.fail("get_event_trigger", "ResourceNotFoundException", params=KEY)
    event = handlers.read_handler(stubbed.session, make_request(dict(KEY)), {})
    assert event.errorCode == HandlerErrorCode.NotFound
    assert f"{DOMAIN}|{NAME}" in event.message


@pytest.mark.parametrize(
    ("key", "named"),
    [
        ({"EventTriggerName": NAME}, "DomainName"),
        ({"DomainName": DOMAIN}, "EventTriggerName"),
        ({"DomainName": "../etc", "EventTriggerName": NAME}, "DomainName"),
        ({"DomainName": DOMAIN, "EventTriggerName": "a%2Fb"}, "EventTriggerName"),
    ],
)
def test_read_refuses_missing_or_malformed_identifiers(
    stubbed: Stubbed, key: dict[str, str], named: str
) -> None:
    event = handlers.read_handler(stubbed.session, make_request(key), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert named in event.message


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (
            {"DomainName": "../etc", "EventTriggerName": NAME},
            "Invalid property DomainName must match pattern ^[a-zA-Z0-9_-]+$",
        ),
        (
            {"DomainName": DOMAIN, "EventTriggerName": "x" * 65},
            "Invalid property EventTriggerName must be shorter than or equal to 64 characters",
        ),
    ],
)
def test_a_malformed_identifier_is_refused_with_the_schema_rule_it_breaks(
    stubbed: Stubbed, key: dict[str, str], message: str
) -> None:
    event = handlers.delete_handler(stubbed.session, make_request(key), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert event.message == message


# update


def update_params(**overrides: Any) -> dict[str, Any]:
    params = create_params(**overrides)
    params.pop("Tags", None)
    return params


def test_update_without_tag_change_makes_one_call(stubbed: Stubbed) -> None:
    stubbed.expect("update_event_trigger", update_params(), api_trigger())
    request = make_request(model_properties(), previous=model_properties())
    event = handlers.update_handler(stubbed.session, request, {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel._serialize() == READ_MODEL


def test_update_removes_optional_properties_left_out(stubbed: Stubbed) -> None:
    desired = model_properties(Description=None, SegmentFilter=None, EventTriggerLimits=None)
    response = api_trigger(Description=None, SegmentFilter=None, EventTriggerLimits=None)
    stubbed.expect(
        "update_event_trigger",
        update_params(Description=None, SegmentFilter=None, EventTriggerLimits=None),
        response,
    )
    event = handlers.update_handler(
        stubbed.session, make_request(desired, previous=model_properties()), {}
    )
    assert event.status == OperationStatus.SUCCESS
    assert "Description" not in event.resourceModel._serialize()


def test_update_tags_only_what_differs(stubbed: Stubbed) -> None:
    current = {"team": "crm", "old": "x", "aws:cloudformation:stack-name": "s"}
    stubbed.expect("update_event_trigger", update_params(), api_trigger(Tags=current))
    stubbed.expect("untag_resource", {"resourceArn": ARN, "tagKeys": ["old"]})
    stubbed.expect("tag_resource", {"resourceArn": ARN, "tags": {"new": "y"}})
    desired = model_properties(Tags=[{"Key": "team", "Value": "crm"}, {"Key": "new", "Value": "y"}])
    event = handlers.update_handler(
        stubbed.session, make_request(desired, previous=model_properties()), {}
    )
    assert event.status == OperationStatus.SUCCESS
    tags = {tag.Key: tag.Value for tag in event.resourceModel.Tags}
    # The aws: tag stays on the trigger (never removed) but is never returned.
    assert tags == {"team": "crm", "new": "y"}


def test_update_only_adds_when_nothing_is_removed(stubbed: Stubbed) -> None:
    stubbed.expect("update_event_trigger", update_params(), api_trigger(Tags={"team": "crm"}))
    stubbed.expect("tag_resource", {"resourceArn": ARN, "tags": {"team": "sales"}})
    desired = model_properties(Tags=[{"Key": "team", "Value": "sales"}])
    event = handlers.update_handler(
        stubbed.session, make_request(desired, previous=model_properties()), {}
    )
    assert event.status == OperationStatus.SUCCESS


def test_update_removing_all_tags_untags_only(stubbed: Stubbed) -> None:
    stubbed.expect("update_event_trigger", update_params(), api_trigger(Tags={"team": "crm"}))
    stubbed.expect("untag_resource", {"resourceArn": ARN, "tagKeys": ["team"]})
    event = handlers.update_handler(
        stubbed.session, make_request(model_properties(Tags=None), previous=model_properties()), {}
    )
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel.Tags is None


@pytest.mark.parametrize("field", ["DomainName", "EventTriggerName"])
def test_update_of_a_create_only_property_is_not_updatable_without_a_call(
    stubbed: Stubbed, field: str
) -> None:
    desired = model_properties(**{field: "renamed"})
    event = handlers.update_handler(
        stubbed.session, make_request(desired, previous=model_properties()), {}
    )
    assert event.errorCode == HandlerErrorCode.NotUpdatable
    assert field in event.message


def test_update_of_a_missing_trigger_is_not_found(stubbed: Stubbed) -> None:
    stubbed.fail("update_event_trigger", "ResourceNotFoundException", params=update_params())
    event = handlers.update_handler(stubbed.session, make_request(model_properties()), {})
    assert event.errorCode == HandlerErrorCode.NotFound


@pytest.mark.parametrize(
    ("region", "arn_prefix"),
    [
        ("us-gov-west-1", "arn:aws-us-gov:profile:us-gov-west-1:"),
        ("cn-north-1", "arn:aws-cn:profile:cn-north-1:"),
        ("eu-central-1", "arn:aws:profile:eu-central-1:"),
    ],
)
def test_update_tags_the_arn_of_the_right_partition(region: str, arn_prefix: str) -> None:
    stub = Stubbed(region=region)
    arn = f"{arn_prefix}123456789012:domains/{DOMAIN}/event-triggers/{NAME}"
    with stub.stubber:
        stub.expect("update_event_trigger", update_params(), api_trigger(Tags=None))
        stub.expect("tag_resource", {"resourceArn": arn, "tags": {"team": "crm"}})
        event = handlers.update_handler(
            stub.session, make_request(model_properties(), region=region), {}
        )
        stub.stubber.assert_no_pending_responses()
    assert event.status == OperationStatus.SUCCESS


# delete


def test_delete_makes_one_call_and_returns_no_model(stubbed: Stubbed) -> None:
    stubbed.expect("delete_event_trigger", KEY, {"Message": "deleted"})
    event = handlers.delete_handler(stubbed.session, make_request(dict(KEY)), {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel is None


def test_delete_of_a_missing_trigger_is_not_found(stubbed: Stubbed) -> None:
    stubbed.fail("delete_event_trigger", "ResourceNotFoundException", params=KEY)
    event = handlers.delete_handler(stubbed.session, make_request(dict(KEY)), {})
    assert event.errorCode == HandlerErrorCode.NotFound


# list


def summary(name: str) -> dict[str, Any]:
    return {
        "EventTriggerName": name,
        "ObjectTypeName": "Orders",
        "CreatedAt": CREATED,
        "LastUpdatedAt": UPDATED,
        "Tags": {"team": "crm"},
    }


def test_list_fetches_one_page_and_passes_the_tokens(stubbed: Stubbed) -> None:
    stubbed.expect(
        "list_event_triggers",
        {"DomainName": DOMAIN, "NextToken": "page-2"},
        {"Items": [summary("a"), summary("b")], "NextToken": "page-3"},
    )
    request = make_request({"DomainName": DOMAIN}, next_token="page-2")
    event = handlers.list_handler(stubbed.session, request, {})
    assert event.status == OperationStatus.SUCCESS
    assert event.nextToken == "page-3"
    assert [model._serialize() for model in event.resourceModels] == [
        {
            "DomainName": DOMAIN,
            "EventTriggerName": name,
            "ObjectTypeName": "Orders",
            "CreatedAt": "2026-11-01T09:30:00.123Z",
            "LastUpdatedAt": "2026-11-02T10:00:00.000Z",
            "Tags": [{"Key": "team", "Value": "crm"}],
        }
        for name in ("a", "b")
    ]


def test_list_of_the_last_page_has_no_token(stubbed: Stubbed) -> None:
    stubbed.expect("list_event_triggers", {"DomainName": DOMAIN}, {"Items": []})
    event = handlers.list_handler(stubbed.session, make_request({"DomainName": DOMAIN}), {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModels == []
    assert event.nextToken is None


@pytest.mark.parametrize("properties", [None, {}, {"EventTriggerName": NAME}])
def test_list_without_a_domain_is_invalid_request(stubbed: Stubbed, properties: Any) -> None:
    event = handlers.list_handler(stubbed.session, make_request(properties), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert "DomainName is required" in event.message


def test_a_request_without_credentials_fails_cleanly() -> None:
    event = handlers.read_handler(None, make_request(dict(KEY)), {})
    assert event.status == OperationStatus.FAILED
    assert event.errorCode == HandlerErrorCode.InvalidCredentials


def test_create_reports_a_failing_probe_as_itself(stubbed: Stubbed) -> None:
    stubbed.fail("create_event_trigger", "BadRequestException", "Event trigger exists")
    stubbed.fail("get_event_trigger", "ThrottlingException", "Rate exceeded", params=KEY)
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert event.errorCode == HandlerErrorCode.Throttling
    assert "GetEventTrigger" in event.message


def test_create_with_a_repeated_tag_key_is_refused_before_any_call(stubbed: Stubbed) -> None:
    tags = [{"Key": "team", "Value": "crm"}, {"Key": "team", "Value": "sales"}]
    event = handlers.create_handler(stubbed.session, make_request(model_properties(Tags=tags)), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert "more than once" in event.message


def test_create_refuses_an_event_expiration_beyond_int64(stubbed: Stubbed) -> None:
    limits = {"EventExpiration": 2**63}
    event = handlers.create_handler(
        stubbed.session, make_request(model_properties(EventTriggerLimits=limits)), {}
    )
    assert event.errorCode == HandlerErrorCode.InvalidRequest
    assert "EventTriggerLimits.EventExpiration" in event.message


def retried_conflict(stubbed: Stubbed) -> None:
    stubbed.stubber.add_client_error(
        "create_event_trigger",
        "BadRequestException",
        "Event trigger exists",
        http_status_code=400,
        response_meta={"RetryAttempts": 2},
    )


def test_a_retried_create_that_had_landed_is_this_requests_success(stubbed: Stubbed) -> None:
    retried_conflict(stubbed)
    stubbed.expect("get_event_trigger", KEY, api_trigger())
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel._serialize() == READ_MODEL


def test_a_retried_create_finding_someone_elses_trigger_is_already_exists(
    stubbed: Stubbed,
) -> None:
    retried_conflict(stubbed)
    stubbed.expect("get_event_trigger", KEY, api_trigger(Description="Another stack's"))
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert event.errorCode == HandlerErrorCode.AlreadyExists


def test_a_create_finding_the_trigger_it_tagged_as_its_creator_is_its_success(
    stubbed: Stubbed,
) -> None:
    creator = {tags.CREATED_BY: "owner/request-1"}
    stubbed.fail("create_event_trigger", "BadRequestException", "Event trigger exists")
    held = api_trigger(Tags={"team": "crm", **creator})
    stubbed.expect("get_event_trigger", KEY, held)
    request = make_request(model_properties(), stack_tags=creator)
    event = handlers.create_handler(stubbed.session, request, {})
    assert event.status == OperationStatus.SUCCESS
    # The record of the creator is not the user's: the model never shows it.
    assert event.resourceModel._serialize() == READ_MODEL


def test_a_create_finding_another_creators_trigger_is_already_exists(stubbed: Stubbed) -> None:
    stubbed.fail("create_event_trigger", "BadRequestException", "Event trigger exists")
    held = api_trigger(Tags={"team": "crm", tags.CREATED_BY: "owner/request-1"})
    stubbed.expect("get_event_trigger", KEY, held)
    request = make_request(model_properties(), stack_tags={tags.CREATED_BY: "owner/request-2"})
    event = handlers.create_handler(stubbed.session, request, {})
    assert event.errorCode == HandlerErrorCode.AlreadyExists


def test_update_keeps_what_the_api_has_and_the_schema_does_not(tmp_path: Path) -> None:
    """A newer API member (as botocore 1.44.18's IntentFilterDefinition): read it first and
    send it again, so a stack update never clears what was set outside CloudFormation."""
    member = {"NewerFilter": {"shape": "name"}}
    session = newer_model(
        tmp_path, {"UpdateEventTriggerRequest": member, "GetEventTriggerResponse": member}
    )
    stub = Stubbed(session=session)
    stub.expect("get_event_trigger", KEY, api_trigger(NewerFilter="kept"))
    stub.expect("update_event_trigger", update_params(NewerFilter="kept"), api_trigger())
    with stub.stubber:
        request = make_request(model_properties(), previous=model_properties())
        event = handlers.update_handler(stub.session, request, {})
        stub.stubber.assert_no_pending_responses()
    assert event.status == OperationStatus.SUCCESS
    assert event.resourceModel._serialize() == READ_MODEL
