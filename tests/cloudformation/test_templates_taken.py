"""Templates as CloudFormation takes them: the SAM transform, TemplateURL on any loopback
endpoint, ValidateTemplate's answer, GetTemplate's stages, CloudFormation's quotas, and
YAML read safely. Each runs in-process and against a server (the ``cfn`` fixture)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

SAM = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: A function, by SAM
Parameters:
  Stage:
    Type: String
    Default: dev
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: |
        def handler(event, context):
            return {"ok": True}
      Policies: [AWSLambdaBasicExecutionRole]
      Environment:
        Variables:
          STAGE: !Ref Stage
Outputs:
  FunctionArn:
    Value: !GetAtt Fn.Arn
"""

QUEUE = {"Type": "AWS::SQS::Queue"}


def _status(cfn: Any, stack: str) -> str:
    return str(cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"])


def _types(cfn: Any, stack: str) -> dict[str, str]:
    found = cfn.describe_stack_resources(StackName=stack)["StackResources"]
    return {r["LogicalResourceId"]: r["ResourceType"] for r in found}


def _refused(call: Any, **request: Any) -> str:
    with pytest.raises(ClientError) as excinfo:
        call(**request)
    error = excinfo.value.response["Error"]
    assert error["Code"] == "ValidationError", error
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return str(error["Message"])


# -- the SAM transform ----------------------------------------------------------


def test_a_sam_template_is_expanded_by_the_transform_and_deployed(cfn: Any, target: Any) -> None:
    cfn.create_stack(
        StackName="sam",
        TemplateBody=SAM,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
    )
    assert _status(cfn, "sam") == "CREATE_COMPLETE"
    assert _types(cfn, "sam") == {"Fn": "AWS::Lambda::Function", "FnRole": "AWS::IAM::Role"}
    outputs = cfn.describe_stacks(StackName="sam")["Stacks"][0]["Outputs"]
    arn = outputs[0]["OutputValue"]
    function = target.client("lambda").get_function(FunctionName=arn)["Configuration"]
    assert function["Environment"]["Variables"] == {"STAGE": "prod"}
    assert function["Role"].endswith(":role/" + function["Role"].split("/")[-1])


def test_get_template_answers_the_original_and_the_processed_stage(cfn: Any) -> None:
    cfn.create_stack(StackName="sam", TemplateBody=SAM, Capabilities=["CAPABILITY_AUTO_EXPAND"])
    original = cfn.get_template(StackName="sam", TemplateStage="Original")
    assert original["TemplateBody"] == SAM
    assert original["StagesAvailable"] == ["Original", "Processed"]
    processed = cfn.get_template(StackName="sam", TemplateStage="Processed")["TemplateBody"]
    assert "Transform" not in processed
    assert processed["Resources"]["Fn"]["Type"] == "AWS::Lambda::Function"
    assert cfn.get_template(StackName="sam")["TemplateBody"] == processed  # the default
    plain = json.dumps({"Resources": {"Q": QUEUE}})
    cfn.create_stack(StackName="plain", TemplateBody=plain)
    for stage in ("Original", "Processed"):
        body = cfn.get_template(StackName="plain", TemplateStage=stage)["TemplateBody"]
        assert body == json.loads(plain)


def test_a_sam_template_goes_through_a_change_set_and_an_update(cfn: Any, target: Any) -> None:
    created = cfn.create_change_set(
        StackName="sam", ChangeSetName="first", ChangeSetType="CREATE", TemplateBody=SAM
    )
    described = cfn.describe_change_set(ChangeSetName=created["Id"])
    assert described["Status"] == "CREATE_COMPLETE"
    added = sorted(c["ResourceChange"]["LogicalResourceId"] for c in described["Changes"])
    assert added == ["Fn", "FnRole"]
    original = cfn.get_template(StackName="sam", ChangeSetName="first", TemplateStage="Original")[
        "TemplateBody"
    ]
    assert original == SAM
    cfn.execute_change_set(ChangeSetName=created["Id"])
    assert _status(cfn, "sam") == "CREATE_COMPLETE"
    cfn.update_stack(
        StackName="sam",
        TemplateBody=SAM.replace("Default: dev", "Default: test"),
        Capabilities=["CAPABILITY_AUTO_EXPAND"],
    )
    assert _status(cfn, "sam") == "UPDATE_COMPLETE"
    arn = cfn.describe_stacks(StackName="sam")["Stacks"][0]["Outputs"][0]["OutputValue"]
    function = target.client("lambda").get_function(FunctionName=arn)["Configuration"]
    assert function["Environment"]["Variables"] == {"STAGE": "test"}


BROKEN_SAM = SAM.replace("Handler: index.handler", "Handler: index.handler\n      Events: 5")
BROKEN_REASON = "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application"


def test_a_sam_template_the_transform_refuses_fails_with_its_message(cfn: Any) -> None:
    message = _refused(cfn.create_stack, StackName="bad", TemplateBody=BROKEN_SAM)
    assert message.startswith(BROKEN_REASON), message
    assert "Fn" in message
    assert cfn.describe_stacks()["Stacks"] == []
    created = cfn.create_change_set(
        StackName="bad", ChangeSetName="c", ChangeSetType="CREATE", TemplateBody=BROKEN_SAM
    )
    described = cfn.describe_change_set(ChangeSetName=created["Id"])
    assert described["Status"] == "FAILED"
    assert described["StatusReason"].startswith(BROKEN_REASON)
    assert _status(cfn, "bad") == "REVIEW_IN_PROGRESS"


# -- TemplateURL ----------------------------------------------------------------


@pytest.fixture
def bucket(target: Any) -> str:
    s3 = target.client("s3")
    s3.create_bucket(Bucket="templates")
    s3.put_object(Bucket="templates", Key="sam.yaml", Body=SAM.encode())
    s3.put_object(
        Bucket="templates", Key="queue.json", Body=json.dumps({"Resources": {"Q": QUEUE}})
    )
    return "templates"


URLS = [
    "http://127.0.0.1:4566/templates/{key}",
    "http://localhost:4566/templates/{key}",
    "http://[::1]:4566/templates/{key}",
    "http://127.0.0.1/templates/{key}",
    "http://templates.localhost:4566/{key}",
    "http://templates.s3.localhost:4566/{key}",
    "https://templates.s3.amazonaws.com/{key}",
    "https://s3.eu-west-1.amazonaws.com/templates/{key}",
]


@pytest.mark.parametrize("url", URLS)
def test_a_template_url_is_read_from_the_local_s3_on_any_loopback_endpoint(
    cfn: Any, bucket: str, url: str
) -> None:
    sam_url = url.format(key="sam.yaml")
    assert cfn.validate_template(TemplateURL=sam_url)["DeclaredTransforms"] == [
        "AWS::Serverless-2016-10-31"
    ]
    queue_url = url.format(key="queue.json")
    cfn.create_stack(StackName="from-url", TemplateURL=queue_url)
    assert _status(cfn, "from-url") == "CREATE_COMPLETE"
    cfn.update_stack(StackName="from-url", TemplateURL=sam_url)
    assert _status(cfn, "from-url") == "UPDATE_COMPLETE"
    created = cfn.create_change_set(
        StackName="other", ChangeSetName="c", ChangeSetType="CREATE", TemplateURL=queue_url
    )
    assert cfn.describe_change_set(ChangeSetName=created["Id"])["Status"] == "CREATE_COMPLETE"


def test_a_nested_stack_reads_its_template_url_on_a_loopback_endpoint(
    cfn: Any, bucket: str
) -> None:
    url = "http://127.0.0.1:4566/templates/queue.json"
    parent = {
        "Resources": {
            "Child": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": url}}
        }
    }
    cfn.create_stack(StackName="parent", TemplateBody=json.dumps(parent))
    assert _status(cfn, "parent") == "CREATE_COMPLETE"
    child = _types(cfn, "parent")
    assert child == {"Child": "AWS::CloudFormation::Stack"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:4566/templates/none.yaml", "S3 error: "),
        ("http://127.0.0.1:4566/no-such-bucket/t.yaml", "S3 error: "),
        ("ftp://127.0.0.1/templates/sam.yaml", "TemplateURL must be a supported URL."),
        ("https://example.com/templates/sam.yaml", "TemplateURL must be a supported URL."),
        ("http://127.0.0.1:4566/templates", "TemplateURL must be a supported URL."),
    ],
)
def test_a_template_url_that_names_nothing_is_refused(
    cfn: Any, bucket: str, url: str, message: str
) -> None:
    assert _refused(cfn.create_stack, StackName="x", TemplateURL=url).startswith(message)
    assert _refused(cfn.validate_template, TemplateURL=url).startswith(message)
    assert cfn.describe_stacks()["Stacks"] == []


# -- ValidateTemplate -----------------------------------------------------------

VALIDATED = {
    "Description": "Two parameters and a role",
    "Parameters": {
        "Secret": {"Type": "String", "NoEcho": True, "Description": "not shown"},
        "Size": {"Type": "Number", "Default": 3},
        "Names": {"Type": "CommaDelimitedList", "Default": "a,b"},
    },
    "Resources": {
        "Role": {
            "Type": "AWS::IAM::Role",
            "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}},
        },
        "Policy": {
            "Type": "AWS::IAM::Policy",
            "Properties": {
                "PolicyName": "p",
                "PolicyDocument": {"Version": "2012-10-17", "Statement": []},
                "Roles": [{"Ref": "Role"}],
            },
        },
        "Q": QUEUE,
    },
}


def _answer(cfn: Any, **request: Any) -> dict[str, Any]:
    found = cfn.validate_template(**request)
    found.pop("ResponseMetadata")
    return dict(found)


def test_validate_template_answers_parameters_capabilities_and_the_description(cfn: Any) -> None:
    assert _answer(cfn, TemplateBody=json.dumps(VALIDATED)) == {
        "Parameters": [
            {"ParameterKey": "Secret", "NoEcho": True, "Description": "not shown"},
            {"ParameterKey": "Size", "DefaultValue": "3", "NoEcho": False},
            {"ParameterKey": "Names", "DefaultValue": "a,b", "NoEcho": False},
        ],
        "Description": "Two parameters and a role",
        "Capabilities": ["CAPABILITY_IAM"],
        "CapabilitiesReason": (
            "The following resource(s) require capabilities: [AWS::IAM::Role, AWS::IAM::Policy]"
        ),
        "DeclaredTransforms": [],
    }
    named = json.loads(json.dumps(VALIDATED))
    named["Resources"]["Role"]["Properties"]["RoleName"] = "fixed"
    assert _answer(cfn, TemplateBody=json.dumps(named))["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    sam = _answer(cfn, TemplateBody=SAM)
    assert sam["Capabilities"] == ["CAPABILITY_AUTO_EXPAND"]
    assert sam["DeclaredTransforms"] == ["AWS::Serverless-2016-10-31"]
    assert sam["CapabilitiesReason"] == (
        "The following resource(s) require capabilities: [AWS::Serverless-2016-10-31]"
    )
    plain = _answer(cfn, TemplateBody=json.dumps({"Resources": {"Q": QUEUE}}))
    assert plain == {"Parameters": [], "Capabilities": [], "DeclaredTransforms": []}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '{\n  "Resources": {\n',
            "Template format error: JSON not well-formed. (line 3, column 1)",
        ),
        (
            "Resources:\n  Q: [unclosed\n",
            "Template format error: YAML not well-formed. (line 3, column 1)",
        ),
        (
            "Resources: {}\n",
            "Template format error: At least one Resources member must be defined.",
        ),
        (
            json.dumps(
                {
                    "Resources": {
                        "Q": {"Type": "AWS::SQS::Queue", "Properties": {"X": {"Ref": "Nope"}}}
                    }
                }
            ),
            "Template format error: Unresolved resource dependencies [Nope] in the Resources block",
        ),
    ],
)
def test_validate_template_refuses_a_broken_template_with_cloudformation_s_message(
    cfn: Any, body: str, message: str
) -> None:
    assert _refused(cfn.validate_template, TemplateBody=body).startswith(message)


# -- quotas ---------------------------------------------------------------------


def _sized(size: int) -> str:
    """A template of exactly ``size`` bytes."""
    base = json.dumps({"Description": "", "Resources": {"Q": QUEUE}})
    return base.replace('"Description": ""', '"Description": "' + "x" * (size - len(base)) + '"')


def test_a_template_body_over_51200_bytes_is_refused_everywhere(cfn: Any) -> None:
    assert len(_sized(51_200).encode()) == 51_200
    cfn.validate_template(TemplateBody=_sized(51_200))
    too_big = _sized(51_201)
    expected = "Member must have length less than or equal to 51200"
    assert expected in _refused(cfn.validate_template, TemplateBody=too_big)
    assert expected in _refused(cfn.create_stack, StackName="big", TemplateBody=too_big)
    assert expected in _refused(
        cfn.create_change_set,
        StackName="big",
        ChangeSetName="c",
        ChangeSetType="CREATE",
        TemplateBody=too_big,
    )
    cfn.create_stack(StackName="small", TemplateBody=_sized(100))
    assert expected in _refused(cfn.update_stack, StackName="small", TemplateBody=too_big)
    assert [s["StackName"] for s in cfn.describe_stacks()["Stacks"]] == ["small"]


def test_a_template_over_1_mb_from_a_url_is_refused(cfn: Any, target: Any) -> None:
    s3 = target.client("s3")
    s3.create_bucket(Bucket="templates")
    s3.put_object(Bucket="templates", Key="fits.json", Body=_sized(1_000_000).encode())
    s3.put_object(Bucket="templates", Key="big.json", Body=_sized(1_000_001).encode())
    cfn.validate_template(TemplateURL="http://127.0.0.1:4566/templates/fits.json")
    message = _refused(
        cfn.create_stack, StackName="big", TemplateURL="http://127.0.0.1:4566/templates/big.json"
    )
    assert message == "Template may not exceed 1000000 bytes in size."


def _many(section: str, count: int) -> str:
    template: dict[str, Any] = {"Resources": {"Q": QUEUE}}
    if section == "Resources":
        template["Resources"] = {
            f"H{i}": {"Type": "AWS::CloudFormation::WaitConditionHandle"} for i in range(count)
        }
    elif section == "Parameters":
        template["Parameters"] = {f"P{i}": {"Type": "String", "Default": "x"} for i in range(count)}
    else:
        template["Outputs"] = {f"O{i}": {"Value": "x"} for i in range(count)}
    return json.dumps(template)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            "Resources",
            "Template format error: Number of resources, 501, is greater than maximum allowed, 500",
        ),
        (
            "Parameters",
            "Template format error: Parameter count 201 is greater than max allowed 200",
        ),
        ("Outputs", "Template format error: Output count 201 is greater than max allowed 200"),
    ],
)
def test_more_resources_parameters_or_outputs_than_cloudformation_takes_are_refused(
    cfn: Any, section: str, message: str
) -> None:
    limit = 500 if section == "Resources" else 200
    cfn.validate_template(TemplateBody=_many(section, limit))
    assert _refused(cfn.validate_template, TemplateBody=_many(section, limit + 1)) == message
    assert (
        _refused(cfn.create_stack, StackName="x", TemplateBody=_many(section, limit + 1)) == message
    )
    assert cfn.describe_stacks()["Stacks"] == []


# -- YAML read safely -------------------------------------------------------------


def test_a_template_with_python_tags_is_refused_and_runs_nothing(cfn: Any, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = (
        f"Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
        f"    Metadata: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    for call, request in [
        (cfn.validate_template, {"TemplateBody": hostile}),
        (cfn.create_stack, {"StackName": "h", "TemplateBody": hostile}),
        (cfn.get_template_summary, {"TemplateBody": hostile}),
        (
            cfn.create_change_set,
            {
                "StackName": "h",
                "ChangeSetName": "c",
                "ChangeSetType": "CREATE",
                "TemplateBody": hostile,
            },
        ),
        (cfn.create_stack_set, {"StackSetName": "h", "TemplateBody": hostile}),
    ]:
        assert "Template format error: YAML not well-formed" in _refused(call, **request)
    assert not marker.exists()
    assert cfn.describe_stacks()["Stacks"] == []


def test_short_form_intrinsic_functions_read_as_their_long_form(cfn: Any) -> None:
    body = (
        "Parameters:\n  N: {Type: String, Default: q}\n"
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
        "    Properties:\n      QueueName: !Join ['-', [!Ref N, !Sub '${AWS::Region}']]\n"
        "Outputs:\n  Name:\n    Value: !GetAtt Q.QueueName\n"
    )
    cfn.create_stack(StackName="short", TemplateBody=body)
    outputs = cfn.describe_stacks(StackName="short")["Stacks"][0]["Outputs"]
    assert outputs[0]["OutputValue"] == "q-us-east-1"
