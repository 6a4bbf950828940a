"""Create, Get, Update, Delete and List of event triggers."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.samples import CONDITIONS, LIMITS
from tests.support.services import Env

pytestmark = pytest.mark.real_aws

SECRET = "Orders-over-500-for-VIP-customers"
# The optional members a trigger is made with when a test needs every member set.
OPTIONAL_MEMBERS: dict[str, Any] = {
    "SegmentFilter": "vip",
    "EventTriggerLimits": LIMITS,
    "Tags": {"team": "crm"},
}


def test_create_returns_the_trigger_as_the_model_says(cp: Env, domain: str) -> None:
    made = cp.trigger(domain, Description="Big orders", **OPTIONAL_MEMBERS)
    assert made["EventTriggerName"] == "big-order"
    assert made["ObjectTypeName"] == "Orders"
    assert made["Description"] == "Big orders"
    assert made["EventTriggerConditions"] == CONDITIONS
    assert made["SegmentFilter"] == "vip"
    assert made["EventTriggerLimits"] == LIMITS
    assert made["Tags"] == {"team": "crm"}
    assert isinstance(made["CreatedAt"], datetime.datetime)
    assert made["LastUpdatedAt"] == made["CreatedAt"]
    assert "DomainName" not in made and not any("Arn" in key for key in made)


def test_create_without_tags_answers_without_tags(cp: Env, domain: str) -> None:
    assert "Tags" not in cp.trigger(domain)
    assert "Tags" not in cp.client.get_event_trigger(
        DomainName=domain, EventTriggerName="big-order"
    )


def test_create_needs_the_domain(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(cp.name("nowhere"))
    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert cp.name("nowhere") in message


def test_create_needs_the_object_type_in_that_domain(cp: Env, error_of: Any) -> None:
    domain = cp.domain()
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(domain, ObjectTypeName="Missing")
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    assert "Missing" in message


def test_names_are_unique_per_domain(cp: Env, domain: str, error_of: Any) -> None:
    cp.trigger(domain)
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(domain)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    # The words AWS's own EventTrigger handler recognises a duplicate by.
    assert "Event trigger with name big-order already exists" in message
    other = cp.domain("other")
    cp.object_type(other)
    assert cp.trigger(other)["EventTriggerName"] == "big-order"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"EventTriggerName": "has space"}, "EventTriggerName"),
        ({"EventTriggerName": "x" * 65}, "EventTriggerName"),
        ({"ObjectTypeName": "9starts-with-digit"}, "ObjectTypeName"),
        ({"Description": ""}, "Description"),
        ({"SegmentFilter": "bad filter!"}, "SegmentFilter"),
        ({"EventTriggerConditions": []}, "EventTriggerConditions"),
        ({"EventTriggerConditions": CONDITIONS * 6}, "EventTriggerConditions"),
        (
            {"EventTriggerConditions": [{**CONDITIONS[0], "LogicalOperator": "SOME"}]},
            "EventTriggerConditions[0].LogicalOperator",
        ),
        (
            {"EventTriggerLimits": {"Periods": [{"Unit": "DAYS", "Value": 61}]}},
            "EventTriggerLimits.Periods[0].Value",
        ),
        (
            {
                "EventTriggerLimits": {
                    "Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 0}]
                }
            },
            "EventTriggerLimits.Periods[0].MaxInvocationsPerProfile",
        ),
        ({"EventTriggerLimits": {"Periods": []}}, "EventTriggerLimits.Periods"),
        ({"Tags": {"aws:reserved": "x"}}, "Tags"),
        ({"Tags": {}}, "Tags"),
    ],
)
def test_create_validates_every_constraint_of_the_model(
    cp: Env, domain: str, error_of: Any, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(domain, **change)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert f"'{field}" in message


def test_messages_never_echo_sensitive_values(cp: Env, domain: str, error_of: Any) -> None:
    conditions = [{**CONDITIONS[0], "LogicalOperator": SECRET}]
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(domain, Description=SECRET * 40, EventTriggerConditions=conditions)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    assert SECRET not in message
    if cp.target != "aws":
        assert "Description" in message and "EventTriggerConditions[0].LogicalOperator" in message


def test_get_returns_what_create_stored(cp: Env, domain: str) -> None:
    made = cp.trigger(domain, Description="d", Tags={"team": "crm"})
    got = cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    for key in (
        "EventTriggerName",
        "ObjectTypeName",
        "Description",
        "EventTriggerConditions",
        "Tags",
    ):
        assert got[key] == made[key]
    assert got["CreatedAt"] == made["CreatedAt"]


@pytest.mark.parametrize(
    "operation", ["get_event_trigger", "delete_event_trigger", "update_event_trigger"]
)
def test_missing_trigger_is_not_found(cp: Env, domain: str, error_of: Any, operation: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        getattr(cp.client, operation)(DomainName=domain, EventTriggerName="ghost")
    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert "ghost" in message


def test_get_in_missing_domain_is_not_found(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_event_trigger(DomainName=cp.name("nowhere"), EventTriggerName="x")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_get_validates_its_input(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_event_trigger(DomainName="bad domain", EventTriggerName="x")
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert "'DomainName'" in message


def test_update_replaces_the_updatable_fields(cp: Env, domain: str) -> None:
    made = cp.trigger(domain, Description="old", **OPTIONAL_MEMBERS)
    cp.client.put_profile_object_type(DomainName=domain, ObjectTypeName="Returns", Description="r")
    new_conditions = [{**CONDITIONS[0], "LogicalOperator": "ALL"}]
    updated = cp.update_trigger(
        domain, ObjectTypeName="Returns", EventTriggerConditions=new_conditions
    )
    assert updated["ObjectTypeName"] == "Returns"
    assert updated["EventTriggerConditions"] == new_conditions
    for removed in ("Description", "SegmentFilter", "EventTriggerLimits"):
        assert removed not in updated
    assert updated["Tags"] == {"team": "crm"}
    assert updated["CreatedAt"] == made["CreatedAt"]
    assert updated["LastUpdatedAt"] > made["LastUpdatedAt"]
    got = cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert {k: v for k, v in got.items() if k != "ResponseMetadata"} == {
        k: v for k, v in updated.items() if k != "ResponseMetadata"
    }


def test_update_keeps_object_type_and_conditions_when_not_sent(cp: Env, domain: str) -> None:
    cp.trigger(domain, Description="old")
    updated = cp.update_trigger(domain, Description="new", EventTriggerLimits=LIMITS)
    assert updated["ObjectTypeName"] == "Orders"
    assert updated["EventTriggerConditions"] == CONDITIONS
    assert updated["Description"] == "new"
    assert updated["EventTriggerLimits"] == LIMITS


def test_update_needs_the_object_type_it_names(cp: Env, domain: str, error_of: Any) -> None:
    cp.trigger(domain)
    with pytest.raises(ClientError) as excinfo:
        cp.client.update_event_trigger(
            DomainName=domain, EventTriggerName="big-order", ObjectTypeName="Nope"
        )
    code, message = error_of(excinfo)
    assert code == "BadRequestException" and "Nope" in message
    got = cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert got["ObjectTypeName"] == "Orders"


def test_update_validates_its_input(cp: Env, domain: str, error_of: Any) -> None:
    cp.trigger(domain)
    with pytest.raises(ClientError) as excinfo:
        cp.client.update_event_trigger(
            DomainName=domain,
            EventTriggerName="big-order",
            EventTriggerLimits={"Periods": [{"Unit": "YEARS", "Value": 1}]},
        )
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert "EventTriggerLimits.Periods[0].Unit" in message


def test_delete_removes_the_trigger_and_answers_a_message(
    cp: Env, domain: str, error_of: Any
) -> None:
    cp.trigger(domain, Tags={"team": "crm"})
    answer = cp.client.delete_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert answer["Message"]
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    again = cp.trigger(domain)
    assert "Tags" not in again


def test_delete_validates_its_input(cp: Env, domain: str, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.delete_event_trigger(DomainName=domain, EventTriggerName="a.b")
    assert error_of(excinfo)[0] == "BadRequestException"


def test_list_pages_in_name_order_with_summaries(cp: Env, domain: str) -> None:
    names = [f"t{i:02d}" for i in range(7)]
    for name in reversed(names):
        cp.trigger(domain, name, Description=f"about {name}", Tags={"n": name})
    seen: list[dict[str, Any]] = []
    token = None
    pages = 0
    while True:
        kwargs: dict[str, Any] = {"DomainName": domain, "MaxResults": 3}
        if token:
            kwargs["NextToken"] = token
        page = cp.client.list_event_triggers(**kwargs)
        pages += 1
        assert len(page["Items"]) <= 3
        seen.extend(page["Items"])
        token = page.get("NextToken")
        if not token:
            break
    assert pages == 3
    assert [item["EventTriggerName"] for item in seen] == names
    first = seen[0]
    assert first["ObjectTypeName"] == "Orders"
    assert first["Description"] == "about t00"
    assert first["Tags"] == {"n": "t00"}
    assert {"CreatedAt", "LastUpdatedAt"} <= set(first)
    assert "EventTriggerConditions" not in first


def test_a_listing_goes_on_when_the_items_at_the_page_break_are_deleted(
    cp: Env, domain: str
) -> None:
    for index in range(6):
        cp.trigger(domain, f"t{index}")
    first = cp.client.list_event_triggers(DomainName=domain, MaxResults=2)
    assert [item["EventTriggerName"] for item in first["Items"]] == ["t0", "t1"]
    for name in ("t1", "t2"):  # the page's last item and the next page's first
        cp.client.delete_event_trigger(DomainName=domain, EventTriggerName=name)
    rest = cp.client.list_event_triggers(
        DomainName=domain, MaxResults=10, NextToken=first["NextToken"]
    )
    assert [item["EventTriggerName"] for item in rest["Items"]] == ["t3", "t4", "t5"]


def test_list_defaults_to_a_hundred_and_works_with_the_paginator(cp: Env, domain: str) -> None:
    if cp.target == "aws":
        pytest.skip("creates more triggers than a real account needs")
    for index in range(105):
        cp.trigger(domain, f"t{index:03d}")
    first = cp.client.list_event_triggers(DomainName=domain)
    assert len(first["Items"]) == 100 and first["NextToken"]
    paginator = cp.client.get_paginator("list_event_triggers")
    names = [
        i["EventTriggerName"]
        for page in paginator.paginate(DomainName=domain)
        for i in page["Items"]
    ]
    assert names == [f"t{index:03d}" for index in range(105)]


def test_list_of_empty_domain(cp: Env, domain: str) -> None:
    page = cp.client.list_event_triggers(DomainName=domain)
    assert page["Items"] == [] and "NextToken" not in page


def test_list_in_missing_domain_is_not_found(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_event_triggers(DomainName=cp.name("nowhere"))
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


@pytest.mark.parametrize("max_results", [0, 101])
def test_list_max_results_is_one_to_a_hundred(
    cp: Env, domain: str, error_of: Any, max_results: int
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_event_triggers(DomainName=domain, MaxResults=max_results)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert "'MaxResults'" in message


@pytest.mark.parametrize("token", ["garbage!!", "eyJzIjoib3RoZXIiLCJrIjoieCJ9"])
def test_list_rejects_a_garbled_token(cp: Env, domain: str, error_of: Any, token: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_event_triggers(DomainName=domain, NextToken=token)
    assert error_of(excinfo)[0] == "BadRequestException"


def test_deleting_the_domain_removes_its_triggers(cp: Env, domain: str, error_of: Any) -> None:
    cp.trigger(domain)
    cp.client.delete_domain(DomainName=domain)
    cp.domains.remove(domain)
    cp.client.create_domain(DomainName=domain, DefaultExpirationDays=5)
    cp.domains.append(domain)
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert cp.client.list_event_triggers(DomainName=domain)["Items"] == []
