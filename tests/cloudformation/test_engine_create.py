"""create_stack: everything made now, in dependency order; failures roll back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from localcloud.cloudformation.engine import operations
from tests.support.probes import PROBE
from tests.support.stacks import stack_events, stack_status, template_body

CHAIN = {
    "Third": {"Type": PROBE, "Properties": {"Name": "third", "Value": {"Ref": "Second"}}},
    "Second": {
        "Type": PROBE,
        "Properties": {"Name": "second", "Value": {"Fn::GetAtt": ["First", "Arn"]}},
    },
    "First": {"Type": PROBE, "Properties": {"Name": "first"}},
}


def test_create_returns_a_stack_id_and_makes_everything_in_dependency_order(
    cfn: Any, probe: Any
) -> None:
    answer = cfn.create_stack(StackName="chain", TemplateBody=template_body(CHAIN))
    assert answer["StackId"].startswith("arn:aws:cloudformation:us-east-1:")
    assert stack_status(cfn, "chain") == "CREATE_COMPLETE"
    assert probe.calls == [("create", "First"), ("create", "Second"), ("create", "Third")]
    assert probe.store["third"]["Value"] == "second"
    assert probe.store["second"]["Value"].endswith("probe/first")
    assert stack_events(cfn, "chain") == [
        ("chain", "CREATE_IN_PROGRESS", "User Initiated"),
        ("First", "CREATE_IN_PROGRESS", None),
        ("First", "CREATE_COMPLETE", None),
        ("Second", "CREATE_IN_PROGRESS", None),
        ("Second", "CREATE_COMPLETE", None),
        ("Third", "CREATE_IN_PROGRESS", None),
        ("Third", "CREATE_COMPLETE", None),
        ("chain", "CREATE_COMPLETE", None),
    ]


def test_events_come_newest_first_with_physical_ids(cfn: Any, probe: Any) -> None:
    cfn.create_stack(StackName="chain", TemplateBody=template_body(CHAIN))
    events = cfn.describe_stack_events(StackName="chain")["StackEvents"]
    assert events[0]["ResourceStatus"] == "CREATE_COMPLETE"
    assert events[0]["ResourceType"] == "AWS::CloudFormation::Stack"
    assert events[-1]["ResourceStatus"] == "CREATE_IN_PROGRESS"
    done = [
        e for e in events if e["LogicalResourceId"] == "First" and "COMPLETE" in e["ResourceStatus"]
    ]
    assert done[0]["PhysicalResourceId"] == "first"
    times = [e["Timestamp"] for e in events]
    assert times == sorted(times, reverse=True)


def test_a_resource_failure_rolls_back_what_was_made_in_reverse_order(
    cfn: Any, probe: Any, target: Any
) -> None:
    resources = {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "rolled-back"}},
        "First": {"Type": PROBE, "Properties": {"Name": "first", "Value": {"Ref": "Queue"}}},
        "Broken": {
            "Type": PROBE,
            "DependsOn": "First",
            "Properties": {"Name": "broken", "FailOn": ["create"], "FailMessage": "no room"},
        },
        "Never": {"Type": PROBE, "Properties": {"Name": "never", "Value": {"Ref": "Broken"}}},
    }
    cfn.create_stack(StackName="failing", TemplateBody=template_body(resources))
    assert stack_status(cfn, "failing") == "ROLLBACK_COMPLETE"
    assert stack_events(cfn, "failing") == [
        ("failing", "CREATE_IN_PROGRESS", "User Initiated"),
        ("Queue", "CREATE_IN_PROGRESS", None),
        ("Queue", "CREATE_COMPLETE", None),
        ("First", "CREATE_IN_PROGRESS", None),
        ("First", "CREATE_COMPLETE", None),
        ("Broken", "CREATE_IN_PROGRESS", None),
        ("Broken", "CREATE_FAILED", "no room"),
        (
            "failing",
            "ROLLBACK_IN_PROGRESS",
            "The following resource(s) failed to create: [Broken]. Rollback requested by user.",
        ),
        ("Broken", "DELETE_COMPLETE", None),
        ("First", "DELETE_IN_PROGRESS", None),
        ("First", "DELETE_COMPLETE", None),
        ("Queue", "DELETE_IN_PROGRESS", None),
        ("Queue", "DELETE_COMPLETE", None),
        ("failing", "ROLLBACK_COMPLETE", None),
    ]
    assert probe.store == {}
    assert "never" not in [c[1] for c in probe.calls]
    assert target.client("sqs").list_queues().get("QueueUrls", []) == []
    stack = cfn.describe_stacks(StackName="failing")["Stacks"][0]
    assert "Outputs" not in stack
    resources_now = cfn.describe_stack_resources(StackName="failing")["StackResources"]
    assert {r["LogicalResourceId"]: r["ResourceStatus"] for r in resources_now} == {
        "Queue": "DELETE_COMPLETE",
        "First": "DELETE_COMPLETE",
        "Broken": "DELETE_COMPLETE",
    }
    with pytest.raises(ClientError, match="ROLLBACK_COMPLETE state and can not be updated"):
        cfn.update_stack(StackName="failing", TemplateBody=template_body(resources))


def test_any_exception_from_a_model_is_the_resource_failure_reason(cfn: Any, probe: Any) -> None:
    resources = {"Broken": {"Type": PROBE, "Properties": {"Name": "b", "FailOn": ["create"]}}}
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    failed = [e for e in stack_events(cfn, "s") if e[1] == "CREATE_FAILED"]
    assert failed == [("Broken", "CREATE_FAILED", "probe refused to create")]


@pytest.mark.parametrize(
    ("options", "final"),
    [({"DisableRollback": True}, "CREATE_FAILED"), ({"OnFailure": "DO_NOTHING"}, "CREATE_FAILED")],
)
def test_disable_rollback_keeps_what_was_made(
    cfn: Any, probe: Any, options: dict[str, Any], final: str
) -> None:
    resources = {
        "Kept": {"Type": PROBE, "Properties": {"Name": "kept"}},
        "Broken": {
            "Type": PROBE,
            "DependsOn": "Kept",
            "Properties": {"Name": "b", "FailOn": ["create"]},
        },
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources), **options)
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == final
    assert stack["StackStatusReason"] == "The following resource(s) failed to create: [Broken]."
    assert list(probe.store) == ["kept"]
    summaries = cfn.list_stack_resources(StackName="s")["StackResourceSummaries"]
    assert {s["LogicalResourceId"]: s["ResourceStatus"] for s in summaries} == {
        "Kept": "CREATE_COMPLETE",
        "Broken": "CREATE_FAILED",
    }
    cfn.delete_stack(StackName="s")
    assert probe.store == {}


def test_on_failure_delete_deletes_the_stack(cfn: Any, probe: Any) -> None:
    resources = {
        "Made": {"Type": PROBE, "Properties": {"Name": "made"}},
        "Broken": {
            "Type": PROBE,
            "DependsOn": "Made",
            "Properties": {"Name": "b", "FailOn": ["create"]},
        },
    }
    stack_id = cfn.create_stack(
        StackName="s", TemplateBody=template_body(resources), OnFailure="DELETE"
    )["StackId"]
    assert cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"] == "DELETE_COMPLETE"
    assert probe.store == {}
    with pytest.raises(ClientError, match="Stack with id s does not exist"):
        cfn.describe_stacks(StackName="s")


def test_both_disable_rollback_and_on_failure_is_refused(cfn: Any, probe: Any) -> None:
    with pytest.raises(ClientError, match="either DisableRollback or OnFailure"):
        cfn.create_stack(
            StackName="s",
            TemplateBody=template_body({"A": {"Type": PROBE, "Properties": {"Name": "a"}}}),
            DisableRollback=True,
            OnFailure="DELETE",
        )
    assert probe.calls == []


@pytest.mark.parametrize(
    "resource_type",
    ["AWS::CustomerProfiles::NoSuchThing", "AWS::Example::Unknown"],
)
def test_a_type_the_endpoint_cannot_provision_fails_the_stack(
    cfn: Any, probe: Any, resource_type: str
) -> None:
    resources = {
        "Made": {"Type": PROBE, "Properties": {"Name": "made"}},
        "Odd": {"Type": resource_type, "DependsOn": "Made", "Properties": {"ServiceToken": "x"}},
    }
    outputs = {"When": {"Value": {"Fn::GetAtt": ["Odd", "CreatedAt"]}}}
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources, outputs=outputs))
    assert stack_status(cfn, "s") == "ROLLBACK_COMPLETE"
    failed = [e for e in stack_events(cfn, "s") if e[1] == "CREATE_FAILED"]
    assert len(failed) == 1 and failed[0][0] == "Odd"
    assert resource_type in str(failed[0][2]) and "not supported" in str(failed[0][2])
    assert probe.store == {}


def test_outputs_and_exports_are_resolved_at_create(cfn: Any, probe: Any) -> None:
    body = template_body(
        {"A": {"Type": PROBE, "Properties": {"Name": "a", "Value": "v1"}}},
        outputs={
            "Name": {"Value": {"Ref": "A"}, "Export": {"Name": "probe-name"}},
            "Value": {"Value": {"Fn::GetAtt": ["A", "Value"]}, "Description": "the value"},
        },
    )
    cfn.create_stack(StackName="s", TemplateBody=body)
    outputs = {
        o["OutputKey"]: o for o in cfn.describe_stacks(StackName="s")["Stacks"][0]["Outputs"]
    }
    assert outputs["Name"]["OutputValue"] == "a"
    assert outputs["Name"]["ExportName"] == "probe-name"
    assert outputs["Value"]["OutputValue"] == "v1"
    assert [e["Name"] for e in cfn.list_exports()["Exports"]] == ["probe-name"]
    cfn.delete_stack(StackName="s")
    assert cfn.list_exports()["Exports"] == []


def test_a_dependency_cycle_is_refused_before_anything_is_made(cfn: Any, probe: Any) -> None:
    resources = {
        "A": {"Type": PROBE, "Properties": {"Name": "a", "Value": {"Ref": "B"}}},
        "B": {"Type": PROBE, "Properties": {"Name": "b", "Value": {"Fn::Sub": "${A}"}}},
    }
    with pytest.raises(ClientError, match=r"Circular dependency between resources: \[A, B\]"):
        cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    assert probe.calls == []
    assert cfn.describe_stacks()["Stacks"] == []


def test_the_request_context_carries_stack_and_tags(cfn: Any, probe: Any) -> None:
    body = template_body({"A": {"Type": PROBE, "Properties": {"Name": "a"}}})
    stack_id = cfn.create_stack(
        StackName="s", TemplateBody=body, Tags=[{"Key": "team", "Value": "blue"}]
    )["StackId"]
    request = probe.requests[0]
    assert (request.action, request.stack_id, request.logical_id) == ("CREATE", stack_id, "A")
    assert request.stack_tags == {"team": "blue"}
    assert request.system_tags == {
        "aws:cloudformation:stack-name": "s",
        "aws:cloudformation:stack-id": stack_id,
        "aws:cloudformation:logical-id": "A",
    }
    assert probe.store["a"]["Tags"] == [{"Key": "team", "Value": "blue"}]


QUEUE = {"Type": "AWS::SQS::Queue"}


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ({}, "At least one Resources member must be defined."),
        (
            {"Transform": "AWS::LanguageExtensions", "Resources": {"A": QUEUE}},
            "Transform AWS::LanguageExtensions is not supported by this endpoint",
        ),
        ({"Resources": []}, "At least one Resources member must be defined."),
        ({"Resources": {"A": "x"}}, "[/Resources/A] Every Resources object must contain a Type"),
        ({"Resources": {"A": {"Properties": {}}}}, "Every Resources object must contain a Type"),
        (
            {"Resources": {"A": {**QUEUE, "Properties": []}}},
            "[/Resources/A/Properties] Properties must be an object",
        ),
        (
            {"Parameters": {"P": {}}, "Resources": {"A": QUEUE}},
            "[/Parameters/P] Every Parameters object must contain a Type member.",
        ),
        (
            {"Resources": {"A": {**QUEUE, "DependsOn": "Nope"}}},
            "Unresolved resource dependencies [Nope] in the Resources block",
        ),
        (
            {"Resources": {"A": {**QUEUE, "Properties": {"QueueName": {"Ref": "Nope"}}}}},
            "Unresolved resource dependencies [Nope] in the Resources block",
        ),
        (
            {"Resources": {"A": {**QUEUE, "Properties": {"QueueName": {"Fn::Sub": "${No.Arn}"}}}}},
            "Unresolved resource dependencies [No] in the Resources block",
        ),
        (
            {
                "Resources": {
                    "A": {**QUEUE, "Properties": {"QueueName": {"Fn::GetAtt": ["Gone", "X"]}}}
                }
            },
            "Template error: instance of Fn::GetAtt references undefined resource Gone",
        ),
        (
            {"Resources": {"A": QUEUE}, "Outputs": {"O": {"Value": {"Fn::GetAtt": ["B", "Arn"]}}}},
            "Template error: instance of Fn::GetAtt references undefined resource B",
        ),
        (
            {"Resources": {"A": {**QUEUE, "Condition": "Nope"}}},
            "Unresolved condition dependency Nope",
        ),
        (
            {
                "Resources": {
                    "A": {"Type": PROBE, "Properties": {"Name": "a"}},
                    "B": {"Type": PROBE, "Properties": {"Value": {"Fn::Sub": "${A.Nope}"}}},
                }
            },
            "resource A does not support attribute type Nope in Fn::GetAtt",
        ),
    ],
)
def test_a_template_that_cannot_work_is_refused_before_anything_is_made(
    cfn: Any, probe: Any, template: dict[str, Any], message: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cfn.create_stack(StackName="s", TemplateBody=json.dumps(template))
    assert excinfo.value.response["Error"]["Code"] == "ValidationError"
    assert message in excinfo.value.response["Error"]["Message"]
    assert cfn.describe_stacks()["Stacks"] == []


def test_a_nested_stack_that_fails_fails_its_parent(cfn: Any, probe: Any, target: Any) -> None:
    s3 = target.client("s3")
    s3.create_bucket(Bucket="templates")
    child = {"Resources": {"Odd": {"Type": "AWS::Example::Unknown"}}}
    s3.put_object(Bucket="templates", Key="child.json", Body=json.dumps(child))
    url = "https://templates.s3.amazonaws.com/child.json"
    parent = {"Child": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": url}}}
    cfn.create_stack(StackName="parent", TemplateBody=template_body(parent))
    assert stack_status(cfn, "parent") == "ROLLBACK_COMPLETE"
    failed = [e for e in stack_events(cfn, "parent") if e[1] == "CREATE_FAILED"]
    assert failed[0][0] == "Child"
    assert "was not successfully created: The following resource(s) failed to create: [Odd]" in (
        str(failed[0][2])
    )


CONSTRAINED = {
    "Parameters": {
        "Stage": {"Type": "String", "AllowedValues": ["dev", "prod"], "Default": "dev"},
        "Name": {"Type": "String", "AllowedPattern": "^[a-z]+$", "Default": "abc"},
        "Short": {"Type": "String", "MaxLength": 3, "Default": "ab"},
        "Count": {"Type": "Number", "MinValue": 1, "MaxValue": 5, "Default": 2},
        "Needed": {"Type": "String"},
    },
    "Resources": {"A": {"Type": PROBE, "Properties": {"Name": {"Ref": "Needed"}}}},
}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "Parameters: [Needed] must have values"),
        ({"Needed": "n", "Other": "x"}, "Parameters: [Other] do not exist in the template"),
        ({"Needed": "n", "Stage": "test"}, "Parameter 'Stage' must be one of AllowedValues"),
        ({"Needed": "n", "Name": "ABC"}, "Parameter 'Name' must match pattern ^[a-z]+$"),
        ({"Needed": "n", "Short": "abcd"}, "Parameter 'Short' must contain at most 3 characters"),
        ({"Needed": "n", "Count": "9"}, "Parameter 'Count' must be a number not greater than 5"),
        ({"Needed": "n", "Count": "x"}, "Parameter 'Count' must be a number"),
    ],
)
def test_parameters_outside_their_constraints_are_refused(
    cfn: Any, probe: Any, given: dict[str, str], message: str
) -> None:
    parameters = [{"ParameterKey": k, "ParameterValue": v} for k, v in given.items()]
    with pytest.raises(ClientError) as excinfo:
        cfn.create_stack(StackName="s", TemplateBody=json.dumps(CONSTRAINED), Parameters=parameters)
    assert excinfo.value.response["Error"]["Message"] == message
    assert probe.calls == []


def test_parameters_within_their_constraints_are_taken(cfn: Any, probe: Any) -> None:
    parameters = [
        {"ParameterKey": "Needed", "ParameterValue": "given"},
        {"ParameterKey": "Stage", "ParameterValue": "prod"},
        {"ParameterKey": "Count", "ParameterValue": "5"},
    ]
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(CONSTRAINED), Parameters=parameters)
    assert stack_status(cfn, "s") == "CREATE_COMPLETE"
    assert list(probe.store) == ["given"]


def test_a_failure_inside_the_engine_rolls_back_instead_of_leaving_the_stack_in_progress(
    cfn: Any, probe: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("outputs exploded")

    monkeypatch.setattr(operations, "publish_outputs", broken)
    cfn.create_stack(StackName="s", TemplateBody=template_body(CHAIN))
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    reasons = [e[2] for e in stack_events(cfn, "s") if e[1] == "ROLLBACK_IN_PROGRESS"]
    assert reasons == ["Internal error: outputs exploded. Rollback requested by user."]
    assert probe.store == {}
