"""Describe, list and get calls never create, update or invoke anything."""

from __future__ import annotations

import json
from typing import Any

from tests.support.probes import PROBE

TEMPLATE = {
    "Parameters": {"Stage": {"Type": "String", "Default": "dev"}},
    "Resources": {
        "A": {"Type": PROBE, "Properties": {"Name": "a", "Value": {"Ref": "Stage"}}},
        "B": {"Type": PROBE, "Properties": {"Name": "b", "Value": {"Fn::GetAtt": ["A", "Arn"]}}},
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "read-only"}},
    },
    "Outputs": {
        "BValue": {"Value": {"Fn::GetAtt": ["B", "Value"]}, "Export": {"Name": "b-value"}},
        "QueueUrl": {"Value": {"Ref": "Queue"}},
    },
}


def _read_everything(cfn: Any, stack: str) -> list[Any]:
    answers = [
        cfn.describe_stacks(StackName=stack),
        cfn.describe_stacks(),
        cfn.describe_stack_resources(StackName=stack),
        cfn.describe_stack_resource(StackName=stack, LogicalResourceId="B"),
        cfn.list_stack_resources(StackName=stack),
        cfn.describe_stack_events(StackName=stack),
        cfn.get_template(StackName=stack),
        cfn.get_template_summary(StackName=stack),
        cfn.list_stacks(),
        cfn.list_exports(),
        cfn.list_change_sets(StackName=stack),
    ]
    for summary in cfn.list_change_sets(StackName=stack)["Summaries"]:
        answers.append(cfn.describe_change_set(ChangeSetName=summary["ChangeSetId"]))
    return answers


def test_reads_never_call_a_model(cfn: Any, probe: Any, target: Any) -> None:
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(TEMPLATE))
    cfn.create_change_set(
        StackName="s",
        ChangeSetName="pending",
        TemplateBody=json.dumps(TEMPLATE),
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
        ChangeSetType="UPDATE",
    )
    sqs = target.client("sqs")
    queues = sqs.list_queues()["QueueUrls"]
    probe.calls.clear()
    first = _read_everything(cfn, "s")
    second = _read_everything(cfn, "s")
    assert probe.calls == []
    assert sqs.list_queues()["QueueUrls"] == queues
    for answer in (first, second):
        for item in answer:
            item.pop("ResponseMetadata", None)
    assert first == second
    outputs = {o["OutputKey"]: o["OutputValue"] for o in first[0]["Stacks"][0]["Outputs"]}
    assert outputs["BValue"] == "arn:aws:test:us-east-1:123456789012:probe/a"
    assert outputs["QueueUrl"].endswith("/123456789012/read-only")
    assert probe.store["a"]["Value"] == "dev"  # the pending change set did not run


def test_reads_of_a_failed_stack_never_retry_what_failed(cfn: Any, probe: Any) -> None:
    template = json.loads(json.dumps(TEMPLATE))
    template["Resources"]["B"]["Properties"]["FailOn"] = ["create"]
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(template), DisableRollback=True)
    probe.calls.clear()
    _read_everything(cfn, "s")
    assert probe.calls == []
    stack = cfn.describe_stacks(StackName="s")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_FAILED"
    assert "Outputs" not in stack


def test_stack_events_are_in_order_to_the_millisecond(cfn: Any, probe: Any) -> None:
    """Clients sort events by their time to the millisecond (the CDK CLI does): events
    made within one millisecond would be shown out of order."""
    resources = {f"R{i}": {"Type": PROBE, "Properties": {"Name": f"r{i}"}} for i in range(5)}
    cfn.create_stack(StackName="fast", TemplateBody=json.dumps({"Resources": resources}))
    cfn.delete_stack(StackName="fast")
    stack_id = cfn.list_stacks()["StackSummaries"][0]["StackId"]
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]  # newest first
    assert len(events) == 2 + 2 * 5 + 2 + 2 * 5
    milliseconds = [round(e["Timestamp"].timestamp() * 1000) for e in events]
    assert milliseconds == sorted(set(milliseconds), reverse=True)
