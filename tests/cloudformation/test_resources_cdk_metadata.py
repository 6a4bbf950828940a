"""``AWS::CDK::Metadata``, the resource every CDK app adds, provisions nothing and never
fails a stack, as on AWS: create, update in place (a new ``Analytics``) and delete."""

from __future__ import annotations

import json
import uuid
from typing import Any

from localcloud.cloudformation.resources import ALL_TYPES, CdkMetadata
from tests.support.probes import PROBE

# As ``cdk synth`` writes it (shortened): the resource under a condition on the region.
ANALYTICS = "v2:deflate64:H4sIAAAAAAAA/zPSMzLUM1BMLC/WTU7J1s3JTNKrDi5JTM7WcU7LQxHOLwILAgAAAA=="


def _template(analytics: str) -> str:
    return json.dumps(
        {
            "Conditions": {
                "CDKMetadataAvailable": {
                    "Fn::Or": [
                        {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
                        {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]},
                    ]
                }
            },
            "Resources": {
                "Thing": {"Type": PROBE, "Properties": {"Name": "thing"}},
                "CDKMetadata": {
                    "Type": "AWS::CDK::Metadata",
                    "Properties": {"Analytics": analytics},
                    "Metadata": {"aws:cdk:path": "App/CDKMetadata/Default"},
                    "Condition": "CDKMetadataAvailable",
                },
            },
        }
    )


def _metadata(cfn: Any) -> dict[str, Any]:
    answer = cfn.describe_stack_resource(StackName="s", LogicalResourceId="CDKMetadata")
    return dict(answer["StackResourceDetail"])


def test_cdk_metadata_is_created_updated_and_deleted_without_provisioning(
    cfn: Any, probe: Any
) -> None:
    cfn.create_stack(StackName="s", TemplateBody=_template(ANALYTICS))
    assert cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    created = _metadata(cfn)
    assert created["ResourceStatus"] == "CREATE_COMPLETE"
    assert created["ResourceType"] == "AWS::CDK::Metadata"
    uuid.UUID(created["PhysicalResourceId"])  # a fresh id, as on AWS

    cfn.update_stack(StackName="s", TemplateBody=_template(ANALYTICS + "x"))
    assert cfn.describe_stacks(StackName="s")["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"
    updated = _metadata(cfn)
    assert updated["ResourceStatus"] == "UPDATE_COMPLETE"
    assert updated["PhysicalResourceId"] == created["PhysicalResourceId"]  # in place

    stack_id = cfn.describe_stacks(StackName="s")["Stacks"][0]["StackId"]
    cfn.delete_stack(StackName="s")
    events = cfn.describe_stack_events(StackName=stack_id)["StackEvents"]
    statuses = [e["ResourceStatus"] for e in events if e["LogicalResourceId"] == "CDKMetadata"]
    assert statuses[0] == "DELETE_COMPLETE"
    assert "CREATE_FAILED" not in statuses
    assert probe.store == {}


def test_moto_finds_the_cdk_metadata_type() -> None:
    from moto.cloudformation import parsing

    assert parsing.get_model_map()["AWS::CDK::Metadata"] is CdkMetadata
    assert ALL_TYPES["AWS::CDK::Metadata"] is CdkMetadata
