"""What failures name, and what models never hold: missing domains, integrations, aws: tags."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from cloudformation_cli_python_lib.interface import HandlerErrorCode, OperationStatus

from aws_customerprofiles_eventtrigger import handlers
from aws_customerprofiles_eventtrigger.handlers import resource
from aws_customerprofiles_eventtrigger.models import ResourceModel
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.registry_handler import handler_request
from tests.support.payloads import make_request
from tests.support.samples import DOMAIN, NAME, api_trigger, model_properties
from tests.support.stubs import Stubbed

KEY = {"DomainName": DOMAIN, "EventTriggerName": NAME}
SYSTEM_TAGS = {"aws:cloudformation:stack-name": "s", "aws:cloudformation:logical-id": "T"}


# Against the offline service, through the Lambda entrypoint.


@pytest.fixture
def service() -> Iterator[Any]:
    with mock_customer_profiles():
        yield boto3.client("customer-profiles", region_name="us-east-1")


def test_a_list_of_a_missing_domain_names_the_domain(service: Any) -> None:
    response = resource(handler_request("LIST", {"DomainName": "nodomain"}), None)
    assert response["status"] == "FAILED"
    assert response["errorCode"] == "NotFound"
    assert "nodomain" in response["message"]
    assert "None" not in response["message"]
    assert "|" not in response["message"]


def test_a_create_in_a_missing_domain_is_not_found_naming_the_domain(service: Any) -> None:
    properties = model_properties(DomainName="nodomain", EventTriggerName="x")
    response = resource(handler_request("CREATE", properties), None)
    assert response["status"] == "FAILED"
    assert response["errorCode"] == "NotFound"
    assert "Domain 'nodomain' does not exist" in response["message"]
    assert "nodomain|x" in response["message"]


def test_a_read_of_a_missing_trigger_keeps_cloudformations_words(service: Any) -> None:
    service.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
    response = resource(handler_request("READ", KEY), None)
    assert response["errorCode"] == "NotFound"
    assert response["message"] == (
        f"Resource of type 'AWS::CustomerProfiles::EventTrigger' with identifier '{DOMAIN}|{NAME}'"
        " was not found."
    )


# With the service's answers stubbed.


def test_a_delete_refused_for_an_integration_is_a_conflict_naming_it(stubbed: Stubbed) -> None:
    message = (
        f"Event trigger '{NAME}' is used by integration "
        "'arn:aws:appflow:us-east-1:123456789012:flow/orders' and cannot be deleted"
    )
    stubbed.fail("delete_event_trigger", "BadRequestException", message, params=KEY)
    event = handlers.delete_handler(stubbed.session, make_request(dict(KEY)), {})
    assert event.status == OperationStatus.FAILED
    assert event.errorCode == HandlerErrorCode.ResourceConflict
    assert "flow/orders" in event.message
    assert f"{DOMAIN}|{NAME}" in event.message


def test_a_bad_request_elsewhere_is_still_invalid_request(stubbed: Stubbed) -> None:
    stubbed.fail("update_event_trigger", "BadRequestException", "Object type Gone not found")
    event = handlers.update_handler(stubbed.session, make_request(model_properties()), {})
    assert event.errorCode == HandlerErrorCode.InvalidRequest


def tag_keys(model: Any) -> set[str]:
    return {tag.Key for tag in model.Tags or ()}


def test_read_never_returns_aws_tags(stubbed: Stubbed) -> None:
    stubbed.expect("get_event_trigger", KEY, api_trigger(Tags={"team": "crm", **SYSTEM_TAGS}))
    event = handlers.read_handler(stubbed.session, make_request(dict(KEY)), {})
    assert tag_keys(event.resourceModel) == {"team"}


def test_read_of_only_aws_tags_returns_no_tags(stubbed: Stubbed) -> None:
    stubbed.expect("get_event_trigger", KEY, api_trigger(Tags=SYSTEM_TAGS))
    event = handlers.read_handler(stubbed.session, make_request(dict(KEY)), {})
    assert event.resourceModel is not None
    assert "Tags" not in event.resourceModel._serialize()


def test_create_result_never_returns_aws_tags(stubbed: Stubbed) -> None:
    params = {**model_properties(), "Tags": {"team": "crm"}}
    stubbed.expect("create_event_trigger", params, api_trigger(Tags={"team": "crm", **SYSTEM_TAGS}))
    event = handlers.create_handler(stubbed.session, make_request(model_properties()), {})
    assert tag_keys(event.resourceModel) == {"team"}


def test_update_result_never_returns_aws_tags(stubbed: Stubbed) -> None:
    params = {key: value for key, value in model_properties().items() if key != "Tags"}
    stubbed.expect("update_event_trigger", params, api_trigger(Tags={"team": "crm", **SYSTEM_TAGS}))
    request = make_request(model_properties(), previous=model_properties())
    event = handlers.update_handler(stubbed.session, request, {})
    assert event.status == OperationStatus.SUCCESS
    assert tag_keys(event.resourceModel) == {"team"}


def test_list_results_never_return_aws_tags(stubbed: Stubbed) -> None:
    item = {"EventTriggerName": "a", "ObjectTypeName": "Orders", "Tags": SYSTEM_TAGS}
    stubbed.expect("list_event_triggers", {"DomainName": DOMAIN}, {"Items": [item]})
    event = handlers.list_handler(stubbed.session, make_request({"DomainName": DOMAIN}), {})
    assert event.resourceModels is not None
    [model] = event.resourceModels
    assert isinstance(model, ResourceModel)
    assert model.Tags is None
