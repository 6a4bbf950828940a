"""delete_stack: reverse dependency order on every run; Retain; gone is deleted; failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.probes import PROBE
from tests.support.stacks import stack_events, template_body

ROOT = Path(__file__).resolve().parents[2]


def _stack(cfn: Any, stack_id: str) -> dict[str, Any]:
    return dict(cfn.describe_stacks(StackName=stack_id)["Stacks"][0])


def test_delete_runs_in_reverse_dependency_order(cfn: Any, probe: Any) -> None:
    resources = {
        "Leaf": {"Type": PROBE, "Properties": {"Name": "leaf", "Value": {"Ref": "Middle"}}},
        "Middle": {
            "Type": PROBE,
            "Properties": {"Name": "mid", "Value": {"Fn::Sub": "${Root.Arn}"}},
        },
        "Root": {"Type": PROBE, "Properties": {"Name": "root"}},
        "Loose": {"Type": PROBE, "DependsOn": "Root", "Properties": {"Name": "loose"}},
    }
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body(resources))["StackId"]
    created = [c[1] for c in probe.calls]
    probe.calls.clear()
    cfn.delete_stack(StackName="s")
    deleted = [c[1] for c in probe.calls]
    assert deleted == list(reversed(created))
    assert deleted.index("Leaf") < deleted.index("Middle") < deleted.index("Root")
    assert deleted.index("Loose") < deleted.index("Root")
    assert _stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    assert stack_events(cfn, stack_id)[-1] == ("s", "DELETE_COMPLETE", None)
    assert probe.store == {}
    listed = cfn.list_stacks(StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"]
    assert [s["StackId"] for s in listed] == [stack_id]


HASH_SEED_SCRIPT = """
import json, boto3
from moto import mock_aws
from localcloud.cloudformation import register
register()
names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
resources = {}
for i, name in enumerate(names):
    props = {"QueueName": name.lower()}
    if i:
        parent = {"Fn::GetAtt": [names[i // 2], "Arn"]}
        props["Tags"] = [{"Key": "after", "Value": parent}]
    resources[name] = {"Type": "AWS::SQS::Queue", "Properties": props}
    topic = {"TopicName": {"Fn::Sub": "${%s.QueueName}-t" % name}}
    resources[name + "Topic"] = {"Type": "AWS::SNS::Topic", "Properties": topic}
with mock_aws():
    cfn = boto3.client("cloudformation", region_name="us-east-1")
    body = json.dumps({"Resources": resources})
    stack_id = cfn.create_stack(StackName="s", TemplateBody=body)["StackId"]
    cfn.delete_stack(StackName="s")
    events = reversed(cfn.describe_stack_events(StackName=stack_id)["StackEvents"])
    done = [e["LogicalResourceId"] for e in events if e["ResourceStatus"] == "DELETE_COMPLETE"]
    print(json.dumps(done))
"""


def test_delete_order_is_the_same_whatever_the_hash_seed() -> None:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", HASH_SEED_SCRIPT],
            env={**env, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in ("0", "1", "2")
    ]
    orders = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err[-2000:]
        orders.append(json.loads(out.strip().splitlines()[-1]))
    assert all(order == orders[0] for order in orders), orders
    order = orders[0]
    assert order[-1] == "s"
    assert len(order) == 17  # 16 resources, then the stack
    for i, name in enumerate(
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
    ):
        assert order.index(name + "Topic") < order.index(name)
        if i:
            parent = ["Alpha", "Bravo", "Charlie", "Delta"][i // 2]
            assert order.index(name) < order.index(parent)


def test_deletion_policy_retain_keeps_the_resource(cfn: Any, probe: Any, target: Any) -> None:
    resources = {
        "Kept": {"Type": PROBE, "DeletionPolicy": "Retain", "Properties": {"Name": "kept"}},
        "KeptQueue": {
            "Type": "AWS::SQS::Queue",
            "DeletionPolicy": "Retain",
            "Properties": {"QueueName": "kept-queue"},
        },
        "Gone": {"Type": PROBE, "Properties": {"Name": "gone"}},
    }
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body(resources))["StackId"]
    cfn.delete_stack(StackName="s")
    assert _stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    assert list(probe.store) == ["kept"]
    assert target.client("sqs").list_queues()["QueueUrls"][0].endswith("/kept-queue")
    events = stack_events(cfn, stack_id)
    assert ("Kept", "DELETE_SKIPPED", None) in events
    assert ("KeptQueue", "DELETE_SKIPPED", None) in events


def test_a_resource_already_gone_counts_as_deleted(cfn: Any, probe: Any, target: Any) -> None:
    resources = {
        "A": {"Type": PROBE, "Properties": {"Name": "a"}},
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "short-lived"}},
    }
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body(resources))["StackId"]
    del probe.store["a"]  # removed outside the stack
    sqs = target.client("sqs")
    sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName="short-lived")["QueueUrl"])
    cfn.delete_stack(StackName="s")
    assert _stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    events = stack_events(cfn, stack_id)
    assert ("A", "DELETE_COMPLETE", None) in events
    assert ("Queue", "DELETE_COMPLETE", None) in events


def test_a_failed_delete_is_delete_failed_and_keeps_what_it_needs(cfn: Any, probe: Any) -> None:
    resources = {
        "Base": {"Type": PROBE, "Properties": {"Name": "base"}},
        "Stuck": {
            "Type": PROBE,
            "Properties": {
                "Name": "stuck",
                "Value": {"Ref": "Base"},
                "FailOn": ["delete"],
                "FailMessage": "resource is in use",
            },
        },
        "Free": {"Type": PROBE, "Properties": {"Name": "free"}},
    }
    stack_id = cfn.create_stack(StackName="s", TemplateBody=template_body(resources))["StackId"]
    cfn.delete_stack(StackName="s")
    stack = _stack(cfn, "s")
    assert stack["StackStatus"] == "DELETE_FAILED"
    assert stack["StackStatusReason"] == "The following resource(s) failed to delete: [Stuck]. "
    assert ("Stuck", "DELETE_FAILED", "resource is in use") in stack_events(cfn, "s")
    assert sorted(probe.store) == ["base", "stuck"]  # Base is still needed by Stuck
    summaries = cfn.list_stack_resources(StackName="s")["StackResourceSummaries"]
    statuses = {s["LogicalResourceId"]: s["ResourceStatus"] for s in summaries}
    assert statuses == {
        "Base": "CREATE_COMPLETE",
        "Stuck": "DELETE_FAILED",
        "Free": "DELETE_COMPLETE",
    }
    failed = [s for s in summaries if s["LogicalResourceId"] == "Stuck"]
    assert failed[0]["ResourceStatusReason"] == "resource is in use"
    # Retaining the stuck resource lets the stack go.
    cfn.delete_stack(StackName="s", RetainResources=["Stuck"])
    assert _stack(cfn, stack_id)["StackStatus"] == "DELETE_COMPLETE"
    assert sorted(probe.store) == ["stuck"]


def test_deleting_a_stack_that_does_not_exist_is_no_error(cfn: Any) -> None:
    cfn.delete_stack(StackName="never-made")
    assert cfn.list_stacks()["StackSummaries"] == []


@pytest.mark.parametrize("policy", ["Retain", "RetainExceptOnCreate"])
def test_create_rollback_honours_retain_but_not_retain_except_on_create(
    cfn: Any, probe: Any, policy: str
) -> None:
    resources = {
        "Kept": {"Type": PROBE, "DeletionPolicy": policy, "Properties": {"Name": "kept"}},
        "Broken": {
            "Type": PROBE,
            "DependsOn": "Kept",
            "Properties": {"Name": "b", "FailOn": ["create"]},
        },
    }
    cfn.create_stack(StackName="s", TemplateBody=template_body(resources))
    assert cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"] == "ROLLBACK_COMPLETE"
    assert list(probe.store) == (["kept"] if policy == "Retain" else [])


def test_termination_protection_refuses_delete(cfn: Any, probe: Any) -> None:
    body = template_body({"A": {"Type": PROBE, "Properties": {"Name": "a"}}})
    cfn.create_stack(StackName="s", TemplateBody=body, EnableTerminationProtection=True)
    with pytest.raises(ClientError, match="cannot be deleted while TerminationProtection"):
        cfn.delete_stack(StackName="s")
    assert list(probe.store) == ["a"]


def test_an_export_in_use_blocks_its_deletion_and_change(cfn: Any, probe: Any) -> None:
    exporter = {
        "Resources": {"A": {"Type": PROBE, "Properties": {"Name": "a"}}},
        "Outputs": {"Name": {"Value": {"Ref": "A"}, "Export": {"Name": "shared-name"}}},
    }
    importer = {
        "Resources": {
            "B": {
                "Type": PROBE,
                "Properties": {"Name": "b", "Value": {"Fn::ImportValue": "shared-name"}},
            }
        }
    }
    cfn.create_stack(StackName="exporter", TemplateBody=json.dumps(exporter))
    cfn.create_stack(StackName="importer", TemplateBody=json.dumps(importer))
    assert probe.store["b"]["Value"] == "a"

    changed = json.loads(json.dumps(exporter))
    changed["Outputs"]["Name"]["Value"] = "other"
    cfn.update_stack(StackName="exporter", TemplateBody=json.dumps(changed))
    stack = _stack(cfn, "exporter")
    assert stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    reasons = [e[2] for e in stack_events(cfn, "exporter") if e[1] == "UPDATE_ROLLBACK_IN_PROGRESS"]
    assert reasons == ["Export shared-name cannot be updated as it is in use by importer"]
    assert stack["Outputs"][0]["OutputValue"] == "a"

    cfn.delete_stack(StackName="exporter")
    stack = _stack(cfn, "exporter")
    assert stack["StackStatus"] == "DELETE_FAILED"
    assert stack["StackStatusReason"] == (
        "Export shared-name cannot be deleted as it is in use by importer"
    )
    assert sorted(probe.store) == ["a", "b"]

    cfn.delete_stack(StackName="importer")
    cfn.delete_stack(StackName="exporter")
    assert probe.store == {}
