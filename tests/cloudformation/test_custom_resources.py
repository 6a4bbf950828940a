"""Custom resources as CloudFormation drives them, with their function's real code.

The function is an inline Python function (``cfnresponse``, as CloudFormation
gives inline code) run by the local Lambda runner. It writes to the local S3
(so its code is seen to run): ``things/<name>`` for the resource it makes, and a
record of every request it receives. Each test runs in-process and against a
server (the ``cfn`` fixture).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.stacks import stack_events as events
from tests.support.stacks import stack_status as status

BUCKET = "custom-resource-proof"
CODE = """
import json, boto3, cfnresponse

s3 = boto3.client("s3")

def handler(event, context):
    props = event["ResourceProperties"]
    kind, bucket = event["RequestType"], props["Bucket"]
    seen = {
        "logical": event["LogicalResourceId"],
        "kind": kind,
        "physical": event.get("PhysicalResourceId"),
        "name": props.get("Name"),
        "old_name": (event.get("OldResourceProperties") or {}).get("Name"),
    }
    s3.put_object(Bucket=bucket, Key="requests/" + event["RequestId"], Body=json.dumps(seen))
    if props.get("Silent") == "yes":
        return "no answer"
    try:
        if props.get("Fail") == "yes" and kind != "Delete":
            raise ValueError("asked to fail")
        if kind == "Delete":
            s3.delete_object(Bucket=bucket, Key="things/" + event["PhysicalResourceId"])
            physical = event["PhysicalResourceId"]
        else:
            s3.put_object(Bucket=bucket, Key="things/" + props["Name"], Body=json.dumps(props))
            physical = props["Name"]
        data = {"Key": "things/" + physical, "Color": props.get("Color", "")}
        cfnresponse.send(event, context, cfnresponse.SUCCESS, data, physical)
    except Exception as error:
        cfnresponse.send(
            event, context, cfnresponse.FAILED, {}, event.get("PhysicalResourceId"),
            reason=str(error),
        )
"""

ROLE = {
    "Type": "AWS::IAM::Role",
    "Properties": {
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": ["lambda.amazonaws.com"]},
                    "Action": ["sts:AssumeRole"],
                }
            ],
        }
    },
}


def _function(code: str = CODE, timeout: int = 120) -> dict[str, Any]:
    return {
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "Code": {"ZipFile": code},
            "Handler": "index.handler",
            "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Runtime": "python3.12",
            "Timeout": timeout,
        },
    }


def _thing(**properties: Any) -> dict[str, Any]:
    return {
        "Type": "Custom::Thing",
        "Properties": {
            "ServiceToken": {"Fn::GetAtt": ["Function", "Arn"]},
            "Bucket": BUCKET,
            **properties,
        },
    }


def _template(name: str, color: str, *, breaker: bool = False) -> str:
    resources: dict[str, Any] = {
        "Role": ROLE,
        "Function": _function(),
        "Thing": _thing(Name=name, Color=color),
    }
    if breaker:  # made after Thing, and fails: the update rolls back
        resources["Breaker"] = {**_thing(Name="breaker", Fail="yes"), "DependsOn": "Thing"}
    outputs = {
        "ThingId": {"Value": {"Ref": "Thing"}},
        "Key": {"Value": {"Fn::GetAtt": ["Thing", "Key"]}},
        "Color": {"Value": {"Fn::GetAtt": ["Thing", "Color"]}},
    }
    return json.dumps({"Resources": resources, "Outputs": outputs})


@pytest.fixture
def s3(target: Any) -> Any:
    client = target.client("s3")
    client.create_bucket(Bucket=BUCKET)
    return client


def _things(s3: Any) -> dict[str, dict[str, Any]]:
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix="things/").get("Contents", [])
    return {
        item["Key"].removeprefix("things/"): json.loads(
            s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
        )
        for item in listed
    }


def _requests(s3: Any) -> list[dict[str, Any]]:
    listed = s3.list_objects_v2(Bucket=BUCKET, Prefix="requests/").get("Contents", [])
    found = [
        json.loads(s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()) for item in listed
    ]
    for item in listed:
        s3.delete_object(Bucket=BUCKET, Key=item["Key"])
    return sorted(found, key=lambda seen: (seen["logical"], seen["kind"], str(seen["physical"])))


def _outputs(cfn: Any, stack: str) -> dict[str, str]:
    found = cfn.describe_stacks(StackName=stack)["Stacks"][0].get("Outputs") or []
    return {o["OutputKey"]: o["OutputValue"] for o in found}


def test_a_custom_resource_s_whole_lifecycle_runs_its_function(cfn: Any, s3: Any) -> None:
    # Create: the function makes things/a; Ref and GetAtt read its answer.
    cfn.create_stack(StackName="custom", TemplateBody=_template("a", "red"))
    assert status(cfn, "custom") == "CREATE_COMPLETE"
    assert _outputs(cfn, "custom") == {"ThingId": "a", "Key": "things/a", "Color": "red"}
    assert _things(s3) == {
        "a": {
            "ServiceToken": _things(s3)["a"]["ServiceToken"],
            "Bucket": BUCKET,
            "Name": "a",
            "Color": "red",
        }
    }
    assert _requests(s3) == [
        {"logical": "Thing", "kind": "Create", "physical": None, "name": "a", "old_name": None}
    ]

    # An update in place: the same physical id, nothing deleted.
    cfn.update_stack(StackName="custom", TemplateBody=_template("a", "blue"))
    assert status(cfn, "custom") == "UPDATE_COMPLETE"
    assert _things(s3)["a"]["Color"] == "blue"
    assert _outputs(cfn, "custom")["Color"] == "blue"
    assert _requests(s3) == [
        {"logical": "Thing", "kind": "Update", "physical": "a", "name": "a", "old_name": "a"}
    ]

    # A new physical id from the update replaces it: the old one is deleted in the cleanup.
    cfn.update_stack(StackName="custom", TemplateBody=_template("b", "blue"))
    assert status(cfn, "custom") == "UPDATE_COMPLETE"
    assert set(_things(s3)) == {"b"}
    assert _outputs(cfn, "custom")["ThingId"] == "b"
    assert _requests(s3) == [
        {"logical": "Thing", "kind": "Delete", "physical": "a", "name": "a", "old_name": None},
        {"logical": "Thing", "kind": "Update", "physical": "a", "name": "b", "old_name": "a"},
    ]
    cleanup = [e for e in events(cfn, "custom") if e[0] == "Thing"][-2:]
    assert [e[1] for e in cleanup] == ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"]

    # An update that fails later rolls back: Update back to the old properties, whose
    # answer (the old id) makes the cleanup delete the new one; the failed create of
    # Breaker is sent a Delete too.
    cfn.update_stack(StackName="custom", TemplateBody=_template("c", "green", breaker=True))
    assert status(cfn, "custom") == "UPDATE_ROLLBACK_COMPLETE"
    assert set(_things(s3)) == {"b"}
    assert _things(s3)["b"]["Color"] == "blue"
    assert _outputs(cfn, "custom") == {"ThingId": "b", "Key": "things/b", "Color": "blue"}
    seen = _requests(s3)
    breaker = [s for s in seen if s["logical"] == "Breaker"]
    assert [s["kind"] for s in breaker] == ["Create", "Delete"]
    thing = [(s["kind"], s["physical"], s["name"]) for s in seen if s["logical"] == "Thing"]
    assert sorted(thing) == [("Delete", "c", "c"), ("Update", "b", "c"), ("Update", "c", "b")]
    reasons = [e[2] for e in events(cfn, "custom") if e[:2] == ("Breaker", "CREATE_FAILED")]
    assert reasons and "Message returned: asked to fail" in str(reasons[0])

    # Delete: the function deletes what it made.
    cfn.delete_stack(StackName="custom")
    assert _things(s3) == {}
    assert _requests(s3) == [
        {"logical": "Thing", "kind": "Delete", "physical": "b", "name": "b", "old_name": None}
    ]


def _failing(cfn: Any, resources: dict[str, Any]) -> str:
    body = json.dumps({"Resources": {"Role": ROLE, **resources}})
    cfn.create_stack(StackName="broken", TemplateBody=body)
    assert status(cfn, "broken") == "ROLLBACK_COMPLETE"
    failed = [e for e in events(cfn, "broken") if e[1] == "CREATE_FAILED"]
    assert [e[0] for e in failed] == ["Thing"]
    return str(failed[0][2])


def test_a_failed_answer_fails_the_resource_with_its_reason(cfn: Any, s3: Any) -> None:
    reason = _failing(cfn, {"Function": _function(), "Thing": _thing(Name="x", Fail="yes")})
    assert reason.startswith(
        "Received response status [FAILED] from custom resource. Message returned: asked to fail"
    )


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("def handler(event, context) return 1\n", "Runtime.UserCodeSyntaxError"),
        ("def other(event, context):\n    return 1\n", "Runtime.HandlerNotFound"),
        ("def handler(event, context):\n    raise KeyError('boom')\n", "KeyError"),
    ],
)
def test_a_broken_function_fails_the_stack_naming_what_broke(
    cfn: Any, s3: Any, code: str, named: str
) -> None:
    reason = _failing(cfn, {"Function": _function(code), "Thing": _thing(Name="x")})
    assert reason.startswith("CloudFormation did not receive a response from your Custom Resource")
    assert named in reason


def test_a_function_that_never_answers_fails_after_the_service_timeout(cfn: Any, s3: Any) -> None:
    code = "import time\n\ndef handler(event, context):\n    time.sleep(600)\n"
    reason = _failing(
        cfn, {"Function": _function(code, timeout=900), "Thing": _thing(Name="x", ServiceTimeout=3)}
    )
    assert reason.startswith("CloudFormation did not receive a response from your Custom Resource")
    assert "Offline" not in reason  # the time ran out: the function was still running


def test_a_function_that_returns_without_answering_fails_at_once(cfn: Any, s3: Any) -> None:
    reason = _failing(cfn, {"Function": _function(), "Thing": _thing(Name="x", Silent="yes")})
    assert "the function returned without sending a response" in reason


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "Property ServiceToken cannot be empty."),
        ("arn:aws:sns:us-east-1:123456789012:topic", "is not a Lambda function"),
        ("arn:aws:lambda:us-east-1:123456789012:function:gone", "ServiceToken arn:aws:lambda"),
    ],
)
def test_a_service_token_that_names_no_function_fails_the_resource(
    cfn: Any, token: str, message: str
) -> None:
    thing = {"Type": "Custom::Thing", "Properties": {"ServiceToken": token}}
    cfn.create_stack(StackName="s", TemplateBody=json.dumps({"Resources": {"Thing": thing}}))
    assert status(cfn, "s") == "ROLLBACK_COMPLETE"
    failed = [e for e in events(cfn, "s") if e[1] == "CREATE_FAILED"]
    assert message in str(failed[0][2])


def test_a_get_att_of_a_key_the_answer_lacks_fails_the_stack(cfn: Any, s3: Any) -> None:
    body = json.loads(_template("a", "red"))
    body["Outputs"] = {"Nope": {"Value": {"Fn::GetAtt": ["Thing", "Nope"]}}}
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(body))
    assert status(cfn, "s") == "ROLLBACK_COMPLETE"
    rolled = [e for e in events(cfn, "s") if e[:2] == ("s", "ROLLBACK_IN_PROGRESS")]
    assert "Vendor response doesn't contain Nope key" in str(rolled[0][2])
    assert _things(s3) == {}  # the rollback deleted what was made


def test_service_timeout_out_of_range_is_refused(cfn: Any, s3: Any) -> None:
    body = json.loads(_template("a", "red"))
    body["Resources"]["Thing"]["Properties"]["ServiceTimeout"] = 0
    cfn.create_stack(StackName="s", TemplateBody=json.dumps(body))
    failed = [e for e in events(cfn, "s") if e[1] == "CREATE_FAILED"]
    assert "ServiceTimeout must be an integer from 1 to 3600" in str(failed[0][2])
    with pytest.raises(ClientError):
        cfn.describe_stacks(StackName="never-made")
