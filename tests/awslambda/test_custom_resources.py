"""A CloudFormation custom resource made in-process: its function runs and its answer lands.

The stack engine invokes a custom resource's function from inside the process,
with no request headers: the function's endpoint is the runner's own server
(``local_endpoint()``). It PUTs its answer to the request's ResponseURL, on
127.0.0.1, with plain ``urllib``; the stack then completes with the function's
``Data``. (tests/cloudformation/test_custom_resources.py drives the whole
lifecycle.)
"""

from __future__ import annotations

import json
from typing import Any

from localcloud.cloudformation import register
from tests.support.lambdas import Cloud
from tests.support.polling import until

CODE = """
import json, urllib.request

def handler(event, context):
    body = {
        "Status": "SUCCESS",
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "PhysicalResourceId": "thing-1",
        "Data": {"Answer": event["ResourceProperties"]["Question"] * 2},
    }
    data = json.dumps(body).encode()
    # As cfnresponse sends it: an empty content type (a form's would be read as one).
    request = urllib.request.Request(
        event["ResponseURL"], data=data, method="PUT", headers={"Content-Type": ""}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        print("answered", answer.status)
"""
TEMPLATE = {
    "Resources": {
        "Role": {
            "Type": "AWS::IAM::Role",
            "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}},
        },
        "Function": {
            "Type": "AWS::Lambda::Function",
            "Properties": {
                "Code": {"ZipFile": CODE},
                "Handler": "index.handler",
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Runtime": "python3.12",
                "Timeout": 120,
            },
        },
        "Thing": {
            "Type": "Custom::Thing",
            "Properties": {"ServiceToken": {"Fn::GetAtt": ["Function", "Arn"]}, "Question": 21},
        },
    },
    "Outputs": {"Answer": {"Value": {"Fn::GetAtt": ["Thing", "Answer"]}}},
}


def test_a_custom_resource_s_function_runs_and_its_answer_completes_the_stack(
    inprocess: Cloud,
) -> None:
    register()  # the stack engine, which runs custom resources
    cfn = inprocess.client("cloudformation")
    cfn.create_stack(StackName="custom", TemplateBody=json.dumps(TEMPLATE))

    def settled() -> dict[str, Any] | None:
        stack: dict[str, Any] = cfn.describe_stacks(StackName="custom")["Stacks"][0]
        return None if stack["StackStatus"].endswith("IN_PROGRESS") else stack

    stack = until(settled, "the stack settled", timeout=180, interval=0.2)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Outputs"] == [{"OutputKey": "Answer", "OutputValue": "42"}]
