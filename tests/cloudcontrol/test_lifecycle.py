"""End to end over loopback HTTP: boto3's cloudcontrol client against the local server."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.customer_profiles import faults
from tests.support.cloud import create, properties
from tests.support.constants import SCHEMA
from tests.support.polling import settle
from tests.support.samples import desired
from tests.support.services import seed


def _error(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_full_lifecycle(cloudcontrol: Any, domain: str) -> None:
    identifier = f"{domain}|lifecycle"

    started = cloudcontrol.create_resource(
        TypeName=TYPE_NAME, DesiredState=json.dumps(desired(domain, "lifecycle"))
    )["ProgressEvent"]
    assert started["Operation"] == "CREATE"
    assert started["OperationStatus"] in ("PENDING", "IN_PROGRESS", "SUCCESS")
    assert started["Identifier"] == identifier
    created = settle(cloudcontrol, started["RequestToken"])
    assert created["OperationStatus"] == "SUCCESS"
    assert json.loads(created["ResourceModel"])["EventTriggerName"] == "lifecycle"

    current = properties(cloudcontrol, identifier)
    assert current["DomainName"] == domain
    assert current["ObjectTypeName"] == "orders"
    assert {"CreatedAt", "LastUpdatedAt"} <= set(current)

    patch = [
        {"op": "add", "path": "/Description", "value": "Big orders"},
        {"op": "replace", "path": "/EventTriggerConditions/0/LogicalOperator", "value": "ALL"},
    ]
    updating = cloudcontrol.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=json.dumps(patch)
    )["ProgressEvent"]
    updated = settle(cloudcontrol, updating["RequestToken"])
    assert (updated["Operation"], updated["OperationStatus"]) == ("UPDATE", "SUCCESS")
    current = properties(cloudcontrol, identifier)
    assert current["Description"] == "Big orders"
    assert current["EventTriggerConditions"][0]["LogicalOperator"] == "ALL"

    deleting = cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)
    deleted = settle(cloudcontrol, deleting["ProgressEvent"]["RequestToken"])
    assert (deleted["Operation"], deleted["OperationStatus"]) == ("DELETE", "SUCCESS")
    assert "ResourceModel" not in deleted
    with pytest.raises(ClientError) as excinfo:
        cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=identifier)
    code, message, status = _error(excinfo)
    assert (code, status) == ("ResourceNotFoundException", 400)
    assert identifier in message


def test_properties_use_the_schemas_names(cloudcontrol: Any, domain: str) -> None:
    model = desired(
        domain,
        "names",
        Description="d",
        SegmentFilter="segment",
        EventTriggerLimits={"EventExpiration": 60, "Periods": [{"Unit": "HOURS", "Value": 1}]},
        Tags=[{"Key": "team", "Value": "crm"}],
    )
    assert create(cloudcontrol, model)["OperationStatus"] == "SUCCESS"
    found = properties(cloudcontrol, f"{domain}|names")
    assert set(found) <= set(SCHEMA["properties"])
    assert set(model) <= set(found)
    assert found["Tags"] == [{"Key": "team", "Value": "crm"}]


def test_json_object_identifier(cloudcontrol: Any, customer_profiles: Any, domain: str) -> None:
    seed(customer_profiles, desired(domain, "as-json"))
    identifier = json.dumps({"EventTriggerName": "as-json", "DomainName": domain})
    found = cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=identifier)
    assert found["ResourceDescription"]["Identifier"] == f"{domain}|as-json"
    patch = json.dumps([{"op": "add", "path": "/Description", "value": "via JSON id"}])
    token = cloudcontrol.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch
    )["ProgressEvent"]["RequestToken"]
    assert settle(cloudcontrol, token)["OperationStatus"] == "SUCCESS"
    token = cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier)[
        "ProgressEvent"
    ]["RequestToken"]
    assert settle(cloudcontrol, token)["OperationStatus"] == "SUCCESS"


def test_list_pages_follow_max_results(
    cloudcontrol: Any, customer_profiles: Any, domain: str
) -> None:
    names = [f"t{index}" for index in range(5)]
    for name in names:
        seed(customer_profiles, desired(domain, name))
    seen: list[str] = []
    kwargs: dict[str, Any] = {"ResourceModel": json.dumps({"DomainName": domain})}
    pages = 0
    while True:
        page = cloudcontrol.list_resources(TypeName=TYPE_NAME, MaxResults=2, **kwargs)
        pages += 1
        assert page["TypeName"] == TYPE_NAME
        assert len(page["ResourceDescriptions"]) <= 2
        for description in page["ResourceDescriptions"]:
            assert json.loads(description["Properties"])["DomainName"] == domain
            seen.append(description["Identifier"])
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert pages == 3
    assert sorted(seen) == sorted(f"{domain}|{name}" for name in names)


def test_list_passes_the_handlers_pages_through(
    cloudcontrol: Any, customer_profiles: Any, domain: str
) -> None:
    # More triggers than the service's page (100), made directly for speed.
    for index in range(103):
        seed(customer_profiles, desired(domain, f"bulk-{index:03d}"))
    paginator = cloudcontrol.get_paginator("list_resources")
    pages = list(
        paginator.paginate(TypeName=TYPE_NAME, ResourceModel=json.dumps({"DomainName": domain}))
    )
    assert [len(page["ResourceDescriptions"]) for page in pages] == [100, 3]


def test_list_without_domain_name_is_refused(cloudcontrol: Any, domain: str) -> None:
    models: tuple[dict[str, Any] | None, ...] = ({}, None)
    for model in models:
        kwargs = {} if model is None else {"ResourceModel": json.dumps(model)}
        with pytest.raises(cloudcontrol.exceptions.InvalidRequestException) as excinfo:
            cloudcontrol.list_resources(TypeName=TYPE_NAME, **kwargs)
        assert _error(excinfo)[1] == (
            "Missing or invalid ResourceModel property in AWS::CustomerProfiles::EventTrigger "
            "list handler request input. Required property: "
            "(#: required key [DomainName] not found)"
        )


def test_duplicate_create_fails_already_exists(cloudcontrol: Any, domain: str) -> None:
    assert create(cloudcontrol, desired(domain, "twice"))["OperationStatus"] == "SUCCESS"
    second = create(cloudcontrol, desired(domain, "twice"))
    assert (second["OperationStatus"], second["ErrorCode"]) == ("FAILED", "AlreadyExists")
    assert "StatusMessage" in second


def test_delete_twice_fails_not_found(
    cloudcontrol: Any, customer_profiles: Any, domain: str
) -> None:
    seed(customer_profiles, desired(domain, "gone"))
    outcomes = []
    for _ in range(2):
        token = cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=f"{domain}|gone")[
            "ProgressEvent"
        ]["RequestToken"]
        outcomes.append(settle(cloudcontrol, token))
    assert outcomes[0]["OperationStatus"] == "SUCCESS"
    assert (outcomes[1]["OperationStatus"], outcomes[1]["ErrorCode"]) == ("FAILED", "NotFound")


def test_create_refuses_invalid_and_read_only_state(cloudcontrol: Any, domain: str) -> None:
    cases = [
        desired(domain, "bad", CreatedAt="2024-01-01T00:00:00Z"),
        desired(domain, "bad", Unknown=1),
        {"DomainName": domain, "EventTriggerName": "bad"},
        desired(domain, "bad/name"),
    ]
    for model in cases:
        with pytest.raises(ClientError) as excinfo:
            cloudcontrol.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(model))
        code, message, status = _error(excinfo)
        assert (code, status) == ("ValidationException", 400)
        assert message.startswith("Model validation failed (#")
    with pytest.raises(ClientError) as excinfo:
        cloudcontrol.create_resource(TypeName=TYPE_NAME, DesiredState="not json")
    assert _error(excinfo)[0] == "ValidationException"
    assert cloudcontrol.list_resource_requests()["ResourceRequestStatusSummaries"] is not None


def test_unknown_request_token(cloudcontrol: Any) -> None:
    for call in (cloudcontrol.get_resource_request_status, cloudcontrol.cancel_resource_request):
        with pytest.raises(cloudcontrol.exceptions.RequestTokenNotFoundException) as excinfo:
            call(RequestToken="00000000-0000-0000-0000-000000000000")
        assert _error(excinfo)[2] == 400


def test_unknown_type(cloudcontrol: Any, domain: str) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: cloudcontrol.get_resource(TypeName="AWS::Logs::LogGroup", Identifier="x"),
        lambda: cloudcontrol.create_resource(TypeName="AWS::Logs::LogGroup", DesiredState="{}"),
        lambda: cloudcontrol.list_resources(TypeName="AWS::CustomerProfiles::Domain"),
        lambda: cloudcontrol.delete_resource(TypeName="AWS::Logs::LogGroup", Identifier="x"),
    ]
    for call in calls:
        with pytest.raises(cloudcontrol.exceptions.TypeNotFoundException) as excinfo:
            call()
        assert _error(excinfo)[2] == 400


@pytest.mark.parametrize(
    "identifier",
    [
        "only-one-part",
        "a|b|c",
        "|name",
        "domain|",
        "|",
        "dom/ain|name",
        "..|name",
        "domain|..",
        "domain|a%2Fb",
        "dömain|name",
        "domain|nämé",
        "domain|name\n",
        "domain|" + "n" * 65,
        '{"DomainName": "domain"}',
        '{"DomainName": "domain", "EventTriggerName": "n", "Extra": 1}',
        '{"DomainName": "domain", "EventTriggerName": 5}',
        "{not json",
        '["domain", "name"]',
    ],
)
def test_malformed_identifiers_are_client_errors(cloudcontrol: Any, identifier: str) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=identifier),
        lambda: cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier=identifier),
        lambda: cloudcontrol.update_resource(
            TypeName=TYPE_NAME,
            Identifier=identifier,
            PatchDocument='[{"op": "add", "path": "/Description", "value": "x"}]',
        ),
    ]
    for call in calls:
        with pytest.raises(ClientError) as excinfo:
            call()
        code, _, status = _error(excinfo)
        assert (code, status) == ("ValidationException", 400)


def test_client_token_returns_the_same_request(cloudcontrol: Any, domain: str) -> None:
    state = json.dumps(desired(domain, "idempotent"))
    first = cloudcontrol.create_resource(TypeName=TYPE_NAME, DesiredState=state, ClientToken="t-1")
    settle(cloudcontrol, first["ProgressEvent"]["RequestToken"])
    again = cloudcontrol.create_resource(TypeName=TYPE_NAME, DesiredState=state, ClientToken="t-1")
    assert again["ProgressEvent"]["RequestToken"] == first["ProgressEvent"]["RequestToken"]
    assert again["ProgressEvent"]["OperationStatus"] == "SUCCESS"  # not a second, failed create

    other = json.dumps(desired(domain, "another"))
    with pytest.raises(cloudcontrol.exceptions.ClientTokenConflictException):
        cloudcontrol.create_resource(TypeName=TYPE_NAME, DesiredState=other, ClientToken="t-1")

    patch = json.dumps([{"op": "add", "path": "/Description", "value": "once"}])
    identifier = f"{domain}|idempotent"
    update = cloudcontrol.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch, ClientToken="t-2"
    )
    settle(cloudcontrol, update["ProgressEvent"]["RequestToken"])
    repeat = cloudcontrol.update_resource(
        TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=patch, ClientToken="t-2"
    )
    assert repeat["ProgressEvent"]["RequestToken"] == update["ProgressEvent"]["RequestToken"]


def test_list_resource_requests_filters_and_pages(cloudcontrol: Any, domain: str) -> None:
    create(cloudcontrol, desired(domain, "listed"))
    create(cloudcontrol, desired(domain, "listed"))  # FAILED AlreadyExists
    failed = cloudcontrol.list_resource_requests(
        ResourceRequestStatusFilter={"Operations": ["CREATE"], "OperationStatuses": ["FAILED"]}
    )["ResourceRequestStatusSummaries"]
    assert any(event["Identifier"] == f"{domain}|listed" for event in failed)
    assert all(event["OperationStatus"] == "FAILED" for event in failed)
    paginator = cloudcontrol.get_paginator("list_resource_requests")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 1}))
    assert len(pages) >= 2
    assert all(len(page["ResourceRequestStatusSummaries"]) <= 1 for page in pages)


def test_service_errors_become_failed_events(cloudcontrol: Any, domain: str) -> None:
    faults.inject("CreateEventTrigger", "AccessDeniedException")
    event = create(cloudcontrol, desired(domain, "denied"))
    assert (event["OperationStatus"], event["ErrorCode"]) == ("FAILED", "AccessDenied")
    faults.inject("GetEventTrigger", "AccessDeniedException")
    with pytest.raises(cloudcontrol.exceptions.GeneralServiceException):
        cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=f"{domain}|denied")
