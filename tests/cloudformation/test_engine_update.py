"""update_stack: resolved values reach resources; replacement; failed updates roll back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.probes import PROBE
from tests.support.stacks import events_since, stack_status, template_body

SUB = {
    "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
    "Resources": {
        "A": {"Type": PROBE, "Properties": {"Name": "a", "Value": {"Fn::Sub": "app-${Stage}"}}}
    },
}


def test_a_parameter_used_through_sub_reaches_the_resource(cfn: Any, probe: Any) -> None:
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(SUB))
    probe.calls.clear()
    cfn.update_stack(
        StackName="s",
        TemplateBody=json.dumps(SUB),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
    )
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    assert probe.calls == [("update", "A")]
    assert probe.store["a"]["Value"] == "app-prod"
    request = probe.requests[-1]
    assert request.previous_properties == {"Name": "a", "Value": "app-dev"}
    assert events_since(cfn, "s", "UPDATE_IN_PROGRESS") == [
        ("s", "UPDATE_IN_PROGRESS", "User Initiated"),
        ("A", "UPDATE_IN_PROGRESS", None),
        ("A", "UPDATE_COMPLETE", None),
        ("s", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", None),
        ("s", "UPDATE_COMPLETE", None),
    ]
    parameters = cfn.describe_stacks(StackName="s")["Stacks"][0]["Parameters"]
    assert parameters == [{"ParameterKey": "Stage", "ParameterValue": "prod"}]


def test_the_same_template_and_parameters_is_no_update(cfn: Any, probe: Any) -> None:
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(SUB))
    probe.calls.clear()
    with pytest.raises(ClientError, match="No updates are to be performed"):
        cfn.update_stack(
            StackName="s",
            TemplateBody=json.dumps(SUB, indent=2),
            Parameters=[{"ParameterKey": "Stage", "ParameterValue": "dev"}],
        )
    assert probe.calls == []
    assert stack_status(cfn, "s") == "CREATE_COMPLETE"


def test_a_changed_ref_target_updates_the_dependent(cfn: Any, probe: Any) -> None:
    resources: dict[str, dict[str, Any]] = {
        "Old": {"Type": PROBE, "Properties": {"Name": "old"}},
        "New": {"Type": PROBE, "Properties": {"Name": "new"}},
        "User": {"Type": PROBE, "Properties": {"Name": "user", "Value": {"Ref": "Old"}}},
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    resources["User"]["Properties"]["Value"] = {"Fn::GetAtt": ["New", "Arn"]}
    probe.calls.clear()
    cfn.update_stack(StackName="s", TemplateBody=template_body(resources))
    assert probe.calls == [("update", "User")]
    assert probe.store["user"]["Value"].endswith("probe/new")


def test_a_replaced_resource_updates_its_dependents_then_goes_at_cleanup(
    cfn: Any, probe: Any
) -> None:
    resources: dict[str, dict[str, Any]] = {
        "Base": {"Type": PROBE, "Properties": {"Name": "base-1"}},
        "User": {"Type": PROBE, "Properties": {"Name": "user", "Value": {"Ref": "Base"}}},
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    resources["Base"]["Properties"]["Name"] = "base-2"  # create-only: replacement
    probe.calls.clear()
    cfn.update_stack(StackName="s", TemplateBody=template_body(resources))
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    assert probe.calls == [("create", "Base"), ("update", "User"), ("delete", "Base")]
    assert probe.store == {
        "base-2": {"Name": "base-2"},
        "user": {"Name": "user", "Value": "base-2"},
    }
    events = events_since(cfn, "s", "UPDATE_IN_PROGRESS")
    assert [e[:2] for e in events] == [
        ("s", "UPDATE_IN_PROGRESS"),
        ("Base", "UPDATE_IN_PROGRESS"),
        ("Base", "UPDATE_COMPLETE"),
        ("User", "UPDATE_IN_PROGRESS"),
        ("User", "UPDATE_COMPLETE"),
        ("s", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
        ("Base", "DELETE_IN_PROGRESS"),
        ("Base", "DELETE_COMPLETE"),
        ("s", "UPDATE_COMPLETE"),
    ]
    assert "creation of a new physical resource" in str(events[1][2])
    listed = cfn.describe_stack_resources(StackName="s", LogicalResourceId="Base")
    assert listed["StackResources"][0]["PhysicalResourceId"] == "base-2"


def test_a_condition_that_flips_adds_and_removes_the_resource(cfn: Any, probe: Any) -> None:
    template = {
        "Parameters": {"Extra": {"Type": "String", "Default": "no"}},
        "Conditions": {"WithExtra": {"Fn::Equals": [{"Ref": "Extra"}, "yes"]}},
        "Resources": {
            "Always": {"Type": PROBE, "Properties": {"Name": "always"}},
            "Sometimes": {"Type": PROBE, "Condition": "WithExtra", "Properties": {"Name": "x"}},
        },
    }
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(template))
    assert sorted(probe.store) == ["always"]

    def set_extra(value: str) -> None:
        cfn.update_stack(
            StackName="s",
            TemplateBody=json.dumps(template),
            Parameters=[{"ParameterKey": "Extra", "ParameterValue": value}],
        )

    set_extra("yes")
    assert sorted(probe.store) == ["always", "x"]
    set_extra("no")
    assert sorted(probe.store) == ["always"]
    assert [c for c in probe.calls if c[1] == "Always"] == [("create", "Always")]
    summaries = cfn.list_stack_resources(StackName="s")["StackResourceSummaries"]
    assert [s["LogicalResourceId"] for s in summaries] == ["Always"]


def test_changed_stack_tags_update_every_resource_that_takes_tags(
    cfn: Any, probe: Any, target: Any
) -> None:
    resources: dict[str, dict[str, Any]] = {
        "A": {"Type": PROBE, "Properties": {"Name": "a"}},
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "tagged"}},
    }
    body = template_body(resources)
    cfn.create_stack(StackName="s", TemplateBody=body, Tags=[{"Key": "team", "Value": "red"}])
    probe.calls.clear()
    cfn.update_stack(StackName="s", TemplateBody=body, Tags=[{"Key": "team", "Value": "blue"}])
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    assert probe.calls == [("update", "A")]
    assert probe.store["a"]["Tags"] == [{"Key": "team", "Value": "blue"}]
    assert probe.requests[-1].previous_stack_tags == {"team": "red"}
    assert probe.requests[-1].stack_tags == {"team": "blue"}
    tags = target.client("s3").get_bucket_tagging(Bucket="tagged")["TagSet"]
    assert tags == [{"Key": "team", "Value": "blue"}]
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["Tags"] == [{"Key": "team", "Value": "blue"}]


def test_a_failed_update_rolls_back_template_parameters_and_properties(
    cfn: Any, probe: Any
) -> None:
    first = {
        "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
        "Resources": {
            "Kept": {"Type": PROBE, "Properties": {"Name": "kept", "Value": {"Ref": "Stage"}}},
            "Swapped": {"Type": PROBE, "Properties": {"Name": "swap-1"}},
        },
    }
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(first))
    second = json.loads(json.dumps(first))
    second["Resources"]["Swapped"]["Properties"]["Name"] = "swap-2"
    second["Resources"]["Added"] = {"Type": PROBE, "Properties": {"Name": "added"}}
    second["Resources"]["Broken"] = {
        "Type": PROBE,
        "DependsOn": ["Kept", "Swapped", "Added"],
        "Properties": {"Name": "broken", "FailOn": ["create"], "FailMessage": "quota"},
    }
    cfn.update_stack(
        StackName="s",
        TemplateBody=json.dumps(second),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
    )
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    assert stack["Parameters"] == [{"ParameterKey": "Stage", "ParameterValue": "dev"}]
    assert json.loads(json.dumps(cfn.get_template(StackName="s")["TemplateBody"])) == first
    assert probe.store == {"kept": {"Name": "kept", "Value": "dev"}, "swap-1": {"Name": "swap-1"}}
    events = events_since(cfn, "s", "UPDATE_IN_PROGRESS")
    assert ("Broken", "CREATE_FAILED", "quota") in events
    assert (
        "s",
        "UPDATE_ROLLBACK_IN_PROGRESS",
        "The following resource(s) failed to create: [Broken]. ",
    ) in events
    assert [e[:2] for e in events[-8:]] == [
        ("Kept", "UPDATE_IN_PROGRESS"),
        ("Kept", "UPDATE_COMPLETE"),
        ("s", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"),
        ("Added", "DELETE_IN_PROGRESS"),
        ("Added", "DELETE_COMPLETE"),
        ("Swapped", "DELETE_IN_PROGRESS"),
        ("Swapped", "DELETE_COMPLETE"),
        ("s", "UPDATE_ROLLBACK_COMPLETE"),
    ]
    summaries = cfn.list_stack_resources(StackName="s")["StackResourceSummaries"]
    assert {s["LogicalResourceId"]: s["PhysicalResourceId"] for s in summaries} == {
        "Kept": "kept",
        "Swapped": "swap-1",
    }
    # The stack can be updated again from where it was.
    third = json.loads(json.dumps(first))
    third["Resources"]["Kept"]["Properties"]["Value"] = "fixed"
    cfn.update_stack(StackName="s", TemplateBody=json.dumps(third))
    assert stack_status(cfn, "s") == "UPDATE_COMPLETE"
    assert probe.store["kept"]["Value"] == "fixed"


def test_a_failed_in_place_update_is_put_back(cfn: Any, probe: Any) -> None:
    resources: dict[str, dict[str, Any]] = {
        "A": {"Type": PROBE, "Properties": {"Name": "a", "Value": "1"}},
        "B": {"Type": PROBE, "DependsOn": "A", "Properties": {"Name": "b", "Value": "1"}},
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    resources["A"]["Properties"]["Value"] = "2"
    resources["B"]["Properties"].update(Value="2", FailOn=["update"], FailMessage="refused")
    cfn.update_stack(StackName="s", TemplateBody=template_body(resources))
    assert stack_status(cfn, "s") == "UPDATE_ROLLBACK_COMPLETE"
    assert probe.store == {"a": {"Name": "a", "Value": "1"}, "b": {"Name": "b", "Value": "1"}}
    events = events_since(cfn, "s", "UPDATE_IN_PROGRESS")
    assert ("B", "UPDATE_FAILED", "refused") in events
    rollback = events[
        events.index(
            (
                "s",
                "UPDATE_ROLLBACK_IN_PROGRESS",
                "The following resource(s) failed to update: [B]. ",
            )
        ) :
    ]
    assert [e[:2] for e in rollback if e[0] != "s"] == [
        ("B", "UPDATE_IN_PROGRESS"),
        ("B", "UPDATE_COMPLETE"),
        ("A", "UPDATE_IN_PROGRESS"),
        ("A", "UPDATE_COMPLETE"),
    ]


def test_a_type_reading_stack_tags_from_the_request_is_updated_when_they_change(
    cfn: Any, probe: Any
) -> None:
    resources: dict[str, dict[str, Any]] = {
        "A": {"Type": "Test::Engine::ContextTagProbe", "Properties": {"Name": "a"}},
        "Plain": {"Type": "Test::Engine::ContextTagProbe", "Properties": {"Name": "p"}},
    }
    body = template_body(resources)
    cfn.create_stack(StackName="s", TemplateBody=body, Tags=[{"Key": "team", "Value": "red"}])
    assert probe.store["a"] == {"Name": "a"}  # properties as written
    made = cfn.create_change_set(
        StackName="s",
        ChangeSetName="retag",
        TemplateBody=body,
        ChangeSetType="UPDATE",
        Tags=[{"Key": "team", "Value": "blue"}],
    )
    changes = cfn.describe_change_set(ChangeSetName=made["Id"])["Changes"]
    assert [
        (c["ResourceChange"]["LogicalResourceId"], c["ResourceChange"]["Scope"]) for c in changes
    ] == [
        ("A", ["Tags"]),
        ("Plain", ["Tags"]),
    ]
    probe.calls.clear()
    cfn.execute_change_set(ChangeSetName=made["Id"])
    assert probe.calls == [("update", "A"), ("update", "Plain")]
    request = probe.requests[-1]
    assert (request.stack_tags, request.previous_stack_tags) == ({"team": "blue"}, {"team": "red"})
    assert request.previous_properties == {"Name": "p"}
    assert probe.store["a"] == {"Name": "a"}


def test_a_type_that_cannot_update_in_place_fails_the_update_and_rolls_back(
    cfn: Any, probe: Any
) -> None:
    resources: dict[str, dict[str, Any]] = {
        "Fine": {"Type": PROBE, "Properties": {"Name": "fine", "Value": "1"}},
        "Fixed": {
            "Type": "Test::Engine::FixedProbe",
            "DependsOn": "Fine",
            "Properties": {"Name": "fixed", "Value": "1"},
        },
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    resources["Fine"]["Properties"]["Value"] = "2"
    resources["Fixed"]["Properties"]["Value"] = "2"
    cfn.update_stack(StackName="s", TemplateBody=template_body(resources))
    assert stack_status(cfn, "s") == "UPDATE_ROLLBACK_COMPLETE"
    events = events_since(cfn, "s", "UPDATE_IN_PROGRESS")
    failed = [e for e in events if e[1] == "UPDATE_FAILED"]
    assert failed == [
        (
            "Fixed",
            "UPDATE_FAILED",
            "InvalidRequest: Resource type Test::Engine::FixedProbe cannot be updated in place"
            " by this endpoint",
        )
    ]
    assert probe.store == {
        "fine": {"Name": "fine", "Value": "1"},
        "fixed": {"Name": "fixed", "Value": "1"},
    }
