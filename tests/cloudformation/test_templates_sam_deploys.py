"""What the SAM CLI's deploys meet in the engine, as on AWS: a TemplateURL's ``versionId``,
an ``AWS::S3::Bucket``'s ``VersioningConfiguration`` and a tag update of one without
``BucketName`` (the bucket of SAM's managed stack has both), and the physical id of an
``AWS::Lambda::Permission`` (the permission SAM adds for each event source of a
function), which is its statement's Sid and goes with the stack. Each runs in-process
and against a server (the ``cfn`` fixture)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.probes import Target

QUEUE = {"Type": "AWS::SQS::Queue"}


def _status(cfn: Any, stack: str) -> str:
    return str(cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"])


def test_a_template_url_with_a_version_id_is_read_at_that_version(cfn: Any, target: Target) -> None:
    s3 = target.client("s3")
    s3.create_bucket(Bucket="templates")
    s3.put_bucket_versioning(Bucket="templates", VersioningConfiguration={"Status": "Enabled"})
    versions = [
        s3.put_object(
            Bucket="templates",
            Key="queue.json",
            Body=json.dumps({"Description": description, "Resources": {"Q": QUEUE}}),
        )["VersionId"]
        for description in ("first", "second")
    ]
    url = f"http://127.0.0.1:4566/templates/queue.json?versionId={versions[0]}"
    cfn.create_stack(StackName="versioned", TemplateURL=url)
    assert _status(cfn, "versioned") == "CREATE_COMPLETE"
    assert cfn.describe_stacks(StackName="versioned")["Stacks"][0]["Description"] == "first"


def test_a_bucket_made_with_versioning_enabled_is_versioned(cfn: Any, target: Target) -> None:
    template = {
        "Resources": {
            "Bucket": {
                "Type": "AWS::S3::Bucket",
                "Properties": {"VersioningConfiguration": {"Status": "Enabled"}},
            }
        },
        "Outputs": {"Name": {"Value": {"Ref": "Bucket"}}},
    }
    cfn.create_stack(StackName="bucket", TemplateBody=json.dumps(template))
    assert _status(cfn, "bucket") == "CREATE_COMPLETE"
    name = cfn.describe_stacks(StackName="bucket")["Stacks"][0]["Outputs"][0]["OutputValue"]
    versioning = target.client("s3").get_bucket_versioning(Bucket=name)
    assert versioning.get("Status") == "Enabled"


PERMISSION_TEMPLATE = {
    "Resources": {
        "Role": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            },
        },
        "Fn": {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Runtime": "python3.12",
                "Handler": "index.handler",
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Code": {"ZipFile": "def handler(event, context):\n    return event\n"},
            },
        },
        "Permission": {
            "Type": "AWS::Lambda::Permission",
            "Properties": {
                "FunctionName": {"Ref": "Fn"},
                "Action": "lambda:InvokeFunction",
                "Principal": "events.amazonaws.com",
            },
        },
    },
    "Outputs": {"Permission": {"Value": {"Ref": "Permission"}}},
}


def test_a_lambda_permission_made_by_a_stack_has_a_physical_id(cfn: Any, target: Target) -> None:
    cfn.create_stack(StackName="permission", TemplateBody=json.dumps(PERMISSION_TEMPLATE))
    assert _status(cfn, "permission") == "CREATE_COMPLETE"
    found = cfn.describe_stack_resource(StackName="permission", LogicalResourceId="Permission")
    physical_id = found["StackResourceDetail"].get("PhysicalResourceId")
    ref = cfn.describe_stacks(StackName="permission")["Stacks"][0]["Outputs"][0]["OutputValue"]
    assert (bool(physical_id), ref) == (True, physical_id)
    # The function's policy holds the statement AddPermission makes, named by the id.
    function = (
        found["StackResourceDetail"]["StackId"]
        and cfn.describe_stack_resource(StackName="permission", LogicalResourceId="Fn")[
            "StackResourceDetail"
        ]["PhysicalResourceId"]
    )
    lambdas = target.client("lambda")
    statements = json.loads(lambdas.get_policy(FunctionName=function)["Policy"])["Statement"]
    assert [(s["Sid"], s["Action"], s["Principal"]) for s in statements] == [
        (physical_id, "lambda:InvokeFunction", {"Service": "events.amazonaws.com"})
    ]
    assert "FunctionName" not in statements[0]
    # Removed from the template: the statement goes with it (the policy, its last, too).
    without = json.loads(json.dumps(PERMISSION_TEMPLATE))
    del without["Resources"]["Permission"]
    del without["Outputs"]
    cfn.update_stack(StackName="permission", TemplateBody=json.dumps(without))
    assert _status(cfn, "permission") == "UPDATE_COMPLETE"
    with pytest.raises(ClientError) as gone:
        lambdas.get_policy(FunctionName=function)
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_a_bucket_without_a_name_takes_new_tags_in_place(cfn: Any, target: Target) -> None:
    bucket: dict[str, Any] = {"Type": "AWS::S3::Bucket"}
    template = {"Resources": {"Bucket": bucket}, "Outputs": {"Name": {"Value": {"Ref": "Bucket"}}}}
    cfn.create_stack(StackName="tagged", TemplateBody=json.dumps(template))
    name = cfn.describe_stacks(StackName="tagged")["Stacks"][0]["Outputs"][0]["OutputValue"]
    bucket["Properties"] = {"Tags": [{"Key": "ManagedStackSource", "Value": "AwsSamCli"}]}
    cfn.update_stack(StackName="tagged", TemplateBody=json.dumps(template))
    assert _status(cfn, "tagged") == "UPDATE_COMPLETE"
    tags = target.client("s3").get_bucket_tagging(Bucket=name)["TagSet"]
    assert {"Key": "ManagedStackSource", "Value": "AwsSamCli"} in tags
