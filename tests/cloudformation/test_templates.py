"""Every example template, and templates written here, through boto3's ``cloudformation`` client.

Each test runs in-process (under the mock) and over HTTP (a server in this
process), and checks the trigger and its tags in the local Customer Profiles
service, and how many times the provider's handler was invoked. Tests that
need a CloudFormation behaviour moto's engine lacks are strict xfails naming
it: they pass once the engine has it.
"""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.stacks import (
    Stacks,
    counting_handler,
    example,
    template_body,
    trigger_resource,
)

EXAMPLES: dict[str, dict[str, Any]] = {
    "minimal.yaml": {"trigger": "large-order", "tags": {}, "domain": None},
    "full.yaml": {"trigger": "vip-paid-order", "tags": {"team": "crm", "cost-center": "4711"}},
    "with-domain-and-integration.yaml": {
        "trigger": "large-order",
        "tags": {"team": "crm"},
        "domain": "retail-profiles",
    },
}
STACK_TAGS = {"env": "test"}


def reads(stacks: Stacks, name: str) -> None:
    """Every read call a console or CLI makes on a stack."""
    stacks.cf.describe_stacks(StackName=name)
    stacks.cf.describe_stack_events(StackName=name)
    stacks.cf.describe_stack_resources(StackName=name)
    stacks.cf.list_stack_resources(StackName=name)
    stacks.cf.get_template(StackName=name)
    stacks.cf.list_stacks()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_an_example_creates_reads_and_deletes(
    stacks: Stacks, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = EXAMPLES[name]
    domain = facts.get("domain", "retail") or "retail"
    params = {}
    if "domain" not in facts or facts["domain"] is None:
        stacks.domain_with_orders(domain)
        params["DomainName"] = domain

    with counting_handler(monkeypatch) as calls:
        made = stacks.create("example", example(name), params, STACK_TAGS)
    assert made["StackStatus"] == "CREATE_COMPLETE"
    assert calls == {"CREATE": 1}

    trigger = stacks.trigger(domain, facts["trigger"])
    assert trigger is not None
    assert trigger["Tags"] == {**STACK_TAGS, **facts["tags"]}
    resources = stacks.cf.describe_stack_resources(StackName="example")["StackResources"]
    physical = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources}
    assert f"{domain}|{facts['trigger']}" in physical.values()

    with counting_handler(monkeypatch) as calls:
        reads(stacks, "example")
    assert calls == {}

    with counting_handler(monkeypatch) as calls:
        stacks.delete("example")
    assert calls == {"DELETE": 1}
    assert stacks.trigger(domain, facts["trigger"]) is None
    if facts.get("domain"):
        assert domain not in stacks.domains()  # the stack made it, the stack removed it
    else:
        assert domain in stacks.domains()  # made outside the stack, left alone


def test_outputs_give_the_triggers_ref_and_attributes(stacks: Stacks) -> None:
    stacks.domain_with_orders("retail")
    stacks.create("full", example("full.yaml"), {"DomainName": "retail"})
    outputs = stacks.outputs("full")
    trigger = stacks.trigger("retail", "vip-paid-order")
    assert trigger is not None
    assert outputs["EventTriggerName"] == "retail|vip-paid-order"
    assert outputs["LastUpdatedAt"].endswith("Z")
    stamp = datetime.datetime.fromisoformat(outputs["LastUpdatedAt"].replace("Z", "+00:00"))
    assert stamp == trigger["LastUpdatedAt"]


# -- updates, on a template written here ---------------------------------------


def template(*, limits: bool = True, period_value: int = 1, description: Any = None) -> str:
    """A domain, its object type and a trigger whose Description uses Fn::Sub."""
    trigger = trigger_resource(
        DomainName={"Ref": "Domain"},
        EventTriggerName={"Ref": "TriggerName"},
        Description=description or {"Fn::Sub": "Orders over ${Threshold}"},
        Tags=[{"Key": "team", "Value": "crm"}],
    )
    properties = trigger["Properties"]
    if limits:
        properties["EventTriggerLimits"] = {
            "Periods": [{"Unit": "DAYS", "Value": period_value, "MaxInvocationsPerProfile": 1}]
        }
    return template_body(
        {
            "Domain": {
                "Type": "AWS::CustomerProfiles::Domain",
                "Properties": {"DomainName": {"Ref": "DomainName"}, "DefaultExpirationDays": 30},
            },
            "Orders": {
                "Type": "AWS::CustomerProfiles::ObjectType",
                "Properties": {
                    "DomainName": {"Ref": "Domain"},
                    "ObjectTypeName": "Orders",
                    "Description": "Orders",
                },
            },
            "Trigger": {**trigger, "DependsOn": "Orders"},
        },
        {
            "DomainName": {"Type": "String", "Default": "updates"},
            "TriggerName": {"Type": "String", "Default": "big-order"},
            "Threshold": {"Type": "String", "Default": "500"},
        },
        {
            "TriggerId": {"Value": {"Ref": "Trigger"}},
            "CreatedAt": {"Value": {"Fn::GetAtt": ["Trigger", "CreatedAt"]}},
        },
    )


@pytest.fixture
def updating(stacks: Stacks) -> Stacks:
    made = stacks.create("updates", template(), tags=STACK_TAGS)
    assert made["StackStatus"] == "CREATE_COMPLETE"
    return stacks


def finish(stacks: Stacks) -> None:
    """Delete the stack; nothing it made is left."""
    stacks.delete("updates")
    assert "updates" not in stacks.domains()


def test_update_changes_a_property(updating: Stacks, monkeypatch: pytest.MonkeyPatch) -> None:
    before = updating.trigger("updates", "big-order")
    assert before is not None
    with counting_handler(monkeypatch) as calls:
        stack = updating.update("updates", template(period_value=2))
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert calls == {"UPDATE": 1}
    after = updating.trigger("updates", "big-order")
    assert after is not None
    assert after["EventTriggerLimits"]["Periods"][0]["Value"] == 2
    assert after["LastUpdatedAt"] > before["LastUpdatedAt"]
    assert after["Tags"] == {"env": "test", "team": "crm"}
    finish(updating)


def test_update_removes_an_optional_property(
    updating: Stacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    with counting_handler(monkeypatch) as calls:
        updating.update("updates", template(limits=False))
    assert calls == {"UPDATE": 1}
    after = updating.trigger("updates", "big-order")
    assert after is not None
    assert "EventTriggerLimits" not in after
    finish(updating)


def test_update_of_a_parameter_used_through_sub_reaches_the_trigger(
    updating: Stacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    with counting_handler(monkeypatch) as calls:
        updating.update("updates", template(), {"Threshold": "900"})
    after = updating.trigger("updates", "big-order")
    assert after is not None
    assert after["Description"] == "Orders over 900"
    assert calls == {"UPDATE": 1}
    finish(updating)


def test_renaming_the_trigger_replaces_it(
    updating: Stacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    with counting_handler(monkeypatch) as calls:
        stack = updating.update("updates", template(), {"TriggerName": "bigger-order"})
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert updating.triggers("updates") == ["bigger-order"]
    assert updating.outputs("updates")["TriggerId"] == "updates|bigger-order"
    assert calls == {"CREATE": 1, "DELETE": 1}
    renamed = updating.trigger("updates", "bigger-order")
    assert renamed is not None and renamed["Tags"] == {"env": "test", "team": "crm"}
    finish(updating)


def test_changed_stack_tags_reach_the_trigger_and_the_domain(
    updating: Stacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    with counting_handler(monkeypatch) as calls:
        stack = updating.update("updates", template(), tags={"env": "prod", "owner": "ops"})
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    after = updating.trigger("updates", "big-order")
    assert after is not None
    assert calls == {"UPDATE": 1}
    assert after["Tags"] == {"env": "prod", "owner": "ops", "team": "crm"}
    # Only tags changed: retagged without UpdateDomain, which the local service lacks.
    assert updating.cp.get_domain(DomainName="updates")["Tags"] == {"env": "prod", "owner": "ops"}
    finish(updating)


def test_an_update_the_schema_refuses_rolls_back_with_the_reason(
    updating: Stacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = template(description="x" * 2000)  # Description allows 1000 characters
    with counting_handler(monkeypatch) as calls, contextlib.suppress(ClientError):
        updating.cf.update_stack(StackName="updates", TemplateBody=bad)
    # Refused before the handler; the rollback puts the previous properties back.
    assert calls == {"UPDATE": 1}
    assert updating.stack("updates")["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    events = updating.cf.describe_stack_events(StackName="updates")["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"] == "UPDATE_FAILED"]
    assert failed and failed[-1]["LogicalResourceId"] == "Trigger"
    assert "#/Description: expected maxLength: 1000" in failed[-1]["ResourceStatusReason"]
    after = updating.trigger("updates", "big-order")
    assert after is not None and after["Description"] == "Orders over 500"
    finish(updating)


# -- change sets ---------------------------------------------------------------


def test_a_change_set_creates_the_stack_with_its_outputs(stacks: Stacks) -> None:
    made = stacks.cf.create_change_set(
        StackName="by-change-set",
        ChangeSetName="first",
        ChangeSetType="CREATE",
        TemplateBody=template(),
    )
    described = stacks.cf.describe_change_set(ChangeSetName=made["Id"])
    actions = {
        c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]["Action"]
        for c in described["Changes"]
    }
    assert actions == {"Domain": "Add", "Orders": "Add", "Trigger": "Add"}
    stacks.cf.execute_change_set(ChangeSetName=made["Id"])
    assert stacks.stack("by-change-set")["StackStatus"] == "CREATE_COMPLETE"
    assert stacks.trigger("updates", "big-order") is not None
    assert stacks.outputs("by-change-set")["TriggerId"] == "updates|big-order"


# -- failures ------------------------------------------------------------------

MISSING_OBJECT_TYPE = template_body(
    {
        "Domain": {
            "Type": "AWS::CustomerProfiles::Domain",
            "Properties": {"DomainName": "rolled-back", "DefaultExpirationDays": 30},
        },
        "Trigger": trigger_resource(DomainName={"Ref": "Domain"}, ObjectTypeName="Missing"),
    }
)


def test_a_trigger_naming_a_missing_object_type_rolls_back(
    stacks: Stacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    with counting_handler(monkeypatch) as calls, contextlib.suppress(ClientError):
        stacks.cf.create_stack(StackName="rolled-back", TemplateBody=MISSING_OBJECT_TYPE)
    assert stacks.stack("rolled-back")["StackStatus"] == "ROLLBACK_COMPLETE"
    assert calls == {"CREATE": 1}
    events = stacks.cf.describe_stack_events(StackName="rolled-back")["StackEvents"]
    failed = [e for e in events if e["ResourceStatus"] == "CREATE_FAILED"]
    assert [e["LogicalResourceId"] for e in failed] == ["Trigger"]
    reason = failed[0]["ResourceStatusReason"]
    assert reason.startswith("InvalidRequest: ") and "Missing" in reason
    assert "rolled-back" not in stacks.domains()  # the domain it made is gone again


# -- a trigger an integration names --------------------------------------------

UNLINKED = template_body(
    {"Trigger": trigger_resource(DomainName={"Ref": "DomainName"})},
    {"DomainName": {"Type": "String"}},
)


def test_a_trigger_an_integration_still_names_is_not_deleted(stacks: Stacks) -> None:
    stacks.domain_with_orders("retail")
    stacks.create("unlinked", UNLINKED, {"DomainName": "retail"})
    uri = "arn:aws:events:us-east-1:123456789012:event-bus/default"
    stacks.cp.put_integration(
        DomainName="retail", Uri=uri, ObjectTypeName="Orders", EventTriggerNames=["big-order"]
    )
    with contextlib.suppress(ClientError):
        stacks.cf.delete_stack(StackName="unlinked")
    assert stacks.stack("unlinked")["StackStatus"] == "DELETE_FAILED"
    events = stacks.cf.describe_stack_events(StackName="unlinked")["StackEvents"]
    failed = [
        e
        for e in events
        if e["ResourceStatus"] == "DELETE_FAILED"
        and e["ResourceType"] != "AWS::CloudFormation::Stack"
    ]
    assert failed and failed[0]["LogicalResourceId"] == "Trigger"
    assert uri in failed[0]["ResourceStatusReason"]
    assert stacks.trigger("retail", "big-order") is not None


def test_a_template_linking_them_deletes_the_integration_first(stacks: Stacks) -> None:
    stack_id = stacks.create("linked", example("with-domain-and-integration.yaml"))["StackId"]
    stacks.delete("linked")
    events = stacks.cf.describe_stack_events(StackName=stack_id)
    deletes = [
        e["LogicalResourceId"]
        for e in reversed(events["StackEvents"])
        if e["ResourceStatus"] == "DELETE_COMPLETE"
    ]
    assert deletes.index("OrdersIntegration") < deletes.index("LargeOrderTrigger")
    assert deletes.index("LargeOrderTrigger") < deletes.index("Domain")
