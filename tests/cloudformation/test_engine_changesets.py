"""Change sets: Add/Modify/Remove with Replacement, execution, and deploy with nothing to change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.support.probes import PROBE
from tests.support.stacks import aws_cli

BASE = {
    "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
    "Resources": {
        "Root": {"Type": PROBE, "Properties": {"Name": "root"}},
        "User": {"Type": PROBE, "Properties": {"Name": "user", "Value": {"Ref": "Root"}}},
        "Doomed": {"Type": PROBE, "Properties": {"Name": "doomed"}},
        "Plain": {"Type": PROBE, "Properties": {"Name": "plain", "Value": {"Ref": "Stage"}}},
    },
    "Outputs": {"UserValue": {"Value": {"Fn::GetAtt": ["User", "Value"]}}},
}


def _changes(cfn: Any, change_set_id: str) -> dict[str, dict[str, Any]]:
    answer = cfn.describe_change_set(ChangeSetName=change_set_id)
    return {
        c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"] for c in answer["Changes"]
    }


def test_a_create_change_set_lists_adds_and_runs_on_execute(cfn: Any, probe: Any) -> None:
    made = cfn.create_change_set(
        StackName="s", ChangeSetName="first", TemplateBody=json.dumps(BASE), ChangeSetType="CREATE"
    )
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "REVIEW_IN_PROGRESS"
    answer = cfn.describe_change_set(ChangeSetName=made["Id"])
    assert (answer["Status"], answer["ExecutionStatus"]) == ("CREATE_COMPLETE", "AVAILABLE")
    assert {k: v["Action"] for k, v in _changes(cfn, made["Id"]).items()} == {
        "Root": "Add",
        "User": "Add",
        "Doomed": "Add",
        "Plain": "Add",
    }
    assert probe.calls == []
    cfn.execute_change_set(ChangeSetName=made["Id"])
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Outputs"] == [{"OutputKey": "UserValue", "OutputValue": "root"}]
    answer = cfn.describe_change_set(ChangeSetName=made["Id"])
    assert answer["ExecutionStatus"] == "EXECUTE_COMPLETE"


def test_an_update_change_set_lists_modify_remove_add_with_replacement(
    cfn: Any, probe: Any
) -> None:
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(BASE))
    probe.calls.clear()
    new = json.loads(json.dumps(BASE))
    new["Resources"]["Root"]["Properties"]["Name"] = "root-2"  # create-only: replaced
    del new["Resources"]["Doomed"]
    new["Resources"]["Fresh"] = {"Type": PROBE, "Properties": {"Name": "fresh"}}
    made = cfn.create_change_set(
        StackName="s",
        ChangeSetName="second",
        TemplateBody=json.dumps(new),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
        ChangeSetType="UPDATE",
    )
    changes = _changes(cfn, made["Id"])
    assert {k: (v["Action"], v.get("Replacement")) for k, v in changes.items()} == {
        "Root": ("Modify", "True"),
        "User": ("Modify", "False"),
        "Plain": ("Modify", "False"),
        "Doomed": ("Remove", None),
        "Fresh": ("Add", None),
    }
    assert changes["Root"]["PhysicalResourceId"] == "root"
    assert changes["Root"]["Scope"] == ["Properties"]
    detail = changes["Root"]["Details"][0]
    assert detail["Target"] == {
        "Attribute": "Properties",
        "Name": "Name",
        "RequiresRecreation": "Always",
    }
    assert detail["ChangeSource"] == "DirectModification"
    assert changes["User"]["Details"][0]["Evaluation"] == "Dynamic"
    assert changes["Plain"]["Details"][0]["ChangeSource"] == "ParameterReference"
    assert probe.calls == []  # planning calls nothing
    cfn.execute_change_set(ChangeSetName=made["Id"])
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert stack["Outputs"] == [{"OutputKey": "UserValue", "OutputValue": "root-2"}]
    assert sorted(probe.store) == ["fresh", "plain", "root-2", "user"]


def test_a_create_only_value_known_only_after_apply_is_conditional(cfn: Any, probe: Any) -> None:
    resources: dict[str, dict[str, Any]] = {
        "Root": {"Type": PROBE, "Properties": {"Name": "root"}},
        "Named": {"Type": PROBE, "Properties": {"Name": {"Fn::Sub": "${Root}-child"}}},
    }
    cfn.create_stack(StackName="s", TemplateBody=json.dumps({"Resources": resources}))
    resources["Root"]["Properties"]["Name"] = "root-2"
    made = cfn.create_change_set(
        StackName="s",
        ChangeSetName="c",
        TemplateBody=json.dumps({"Resources": resources}),
        ChangeSetType="UPDATE",
    )
    changes = _changes(cfn, made["Id"])
    assert changes["Named"]["Replacement"] == "Conditional"
    assert changes["Named"]["Details"][0]["Target"]["RequiresRecreation"] == "Conditionally"


def test_a_change_set_with_nothing_to_change_fails_as_cloudformation_says(
    cfn: Any, probe: Any
) -> None:
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(BASE))
    made = cfn.create_change_set(
        StackName="s",
        ChangeSetName="same",
        TemplateBody=json.dumps(BASE, indent=4),
        Parameters=[{"ParameterKey": "Stage", "UsePreviousValue": True}],
        ChangeSetType="UPDATE",
    )
    answer = cfn.describe_change_set(ChangeSetName=made["Id"])
    assert (answer["Status"], answer["ExecutionStatus"]) == ("FAILED", "UNAVAILABLE")
    assert answer["StatusReason"].startswith("The submitted information didn't contain changes.")
    assert answer.get("Changes", []) == []


def test_a_failed_change_set_execution_rolls_back(cfn: Any, probe: Any) -> None:
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(BASE))
    new = json.loads(json.dumps(BASE))
    new["Resources"]["Plain"]["Properties"]["FailOn"] = ["update"]
    made = cfn.create_change_set(
        StackName="s", ChangeSetName="bad", TemplateBody=json.dumps(new), ChangeSetType="UPDATE"
    )
    cfn.execute_change_set(ChangeSetName=made["Id"])
    assert cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"] == (
        "UPDATE_ROLLBACK_COMPLETE"
    )
    assert cfn.describe_change_set(ChangeSetName=made["Id"])["ExecutionStatus"] == "EXECUTE_FAILED"
    assert "FailOn" not in probe.store["plain"]


DEPLOY_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "deploy-${Stage}"
  Parameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Sub "/deploy/${Stage}"
      Type: String
      Value: !GetAtt Queue.Arn
Outputs:
  QueueUrl:
    Value: !Ref Queue
"""


@pytest.mark.server
def test_aws_cli_deploy_twice_says_no_changes_and_succeeds(
    tmp_path: Path, probe: Any, request: pytest.FixtureRequest
) -> None:
    aws = aws_cli(tmp_path)
    url = request.getfixturevalue("target_server_url")
    template = tmp_path / "template.yaml"
    template.write_text(DEPLOY_TEMPLATE)
    command = [
        "cloudformation",
        "deploy",
        "--endpoint-url",
        url,
        "--stack-name",
        "cli",
        "--template-file",
        str(template),
        "--no-fail-on-empty-changeset",
    ]
    first = aws(*command)
    assert first.returncode == 0, first.stderr
    assert "Successfully created/updated stack - cli" in first.stdout
    second = aws(*command)
    assert second.returncode == 0, second.stderr
    assert "No changes to deploy. Stack cli is up to date" in second.stdout
    # Without the flag the CLI v1 reports the same with a non-zero exit, as against AWS.
    strict = aws(*command[:-1])
    assert strict.returncode != 0
    assert "No changes to deploy. Stack cli is up to date" in strict.stderr
    third = aws(*command, "--parameter-overrides", "Stage=prod")
    assert third.returncode == 0, third.stderr
    ssm = boto3.client("ssm", endpoint_url=url, region_name="us-east-1")
    value = ssm.get_parameter(Name="/deploy/prod")["Parameter"]["Value"]
    assert value.endswith(":deploy-prod")
    cfn = boto3.client("cloudformation", endpoint_url=url, region_name="us-east-1")
    assert cfn.describe_stacks(StackName="cli")["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"


def test_a_second_create_change_set_reuses_the_stack_under_review(cfn: Any, probe: Any) -> None:
    first = cfn.create_change_set(
        StackName="s", ChangeSetName="one", TemplateBody=json.dumps(BASE), ChangeSetType="CREATE"
    )
    cfn.delete_change_set(ChangeSetName=first["Id"])
    second = cfn.create_change_set(
        StackName="s", ChangeSetName="two", TemplateBody=json.dumps(BASE), ChangeSetType="CREATE"
    )
    assert second["StackId"] == first["StackId"]
    assert len(cfn.describe_stacks()["Stacks"]) == 1
    cfn.execute_change_set(ChangeSetName="two", StackName="s")
    assert cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    with pytest.raises(ClientError, match=r"Stack \[s\] already exists"):
        cfn.create_change_set(
            StackName="s",
            ChangeSetName="three",
            TemplateBody=json.dumps(BASE),
            ChangeSetType="CREATE",
        )


def test_a_change_set_without_a_type_updates_as_on_aws(cfn: Any, probe: Any) -> None:
    with pytest.raises(ClientError, match="ValidationError"):  # UPDATE: no stack s yet
        cfn.create_change_set(StackName="s", ChangeSetName="c", TemplateBody=json.dumps(BASE))
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(BASE))
    made = cfn.create_change_set(
        StackName="s",
        ChangeSetName="c",
        TemplateBody=json.dumps(BASE),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
    )
    assert _changes(cfn, made["Id"])["Plain"]["Action"] == "Modify"
