"""examples/custom-resource.yaml: the function as the package ships it, with exactly the
permissions the handlers need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from localcloud.cloudformation.engine import templates
from tests.support.constants import SCHEMA

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "examples" / "custom-resource.yaml"


def template() -> dict[str, Any]:
    """The template, its short forms in their long form (``!Ref X`` -> ``{"Ref": "X"}``)."""
    return templates.parse(TEMPLATE.read_text(encoding="utf-8"))


def test_the_role_grants_what_create_update_and_delete_need_and_nothing_more() -> None:
    resources = template()["Resources"]
    policies = {p["PolicyName"]: p for p in resources["FunctionRole"]["Properties"]["Policies"]}
    [statement] = policies["EventTriggers"]["PolicyDocument"]["Statement"]
    needed = {
        permission
        for handler in ("create", "update", "delete")
        for permission in SCHEMA["handlers"][handler]["permissions"]
    }
    assert set(statement["Action"]) == needed
    assert len(statement["Action"]) == len(needed)
    [logs] = policies["Logs"]["PolicyDocument"]["Statement"]
    assert set(logs["Action"]) == {"logs:CreateLogStream", "logs:PutLogEvents"}
    assert logs["Resource"] == {"Fn::GetAtt": ["FunctionLogGroup", "Arn"]}


def test_the_function_runs_the_custom_resource_handler_from_the_code_given() -> None:
    resources = template()["Resources"]
    function = resources["Function"]["Properties"]
    assert function["Runtime"] == "python3.12"
    assert function["Handler"] == "aws_customerprofiles_eventtrigger.custom_resource.handler"
    assert function["Code"] == {"S3Bucket": {"Ref": "CodeBucket"}, "S3Key": {"Ref": "CodeKey"}}
    trigger = resources["Trigger"]
    assert trigger["Type"] == "Custom::CustomerProfilesEventTrigger"
    assert trigger["Properties"]["ServiceToken"] == {"Fn::GetAtt": ["Function", "Arn"]}
    outputs = template()["Outputs"]
    assert outputs["TriggerCreatedAt"]["Value"] == {"Fn::GetAtt": ["Trigger", "CreatedAt"]}


def test_the_trigger_s_name_and_total_are_parameters_the_schema_s_rules_check() -> None:
    body = template()
    name = body["Parameters"]["EventTriggerName"]
    rules = SCHEMA["definitions"]["EventTriggerName"]
    assert (name["AllowedPattern"], name["MinLength"], name["MaxLength"]) == (
        rules["pattern"],
        rules["minLength"],
        rules["maxLength"],
    )
    properties = body["Resources"]["Trigger"]["Properties"]
    assert properties["EventTriggerName"] == {"Ref": "EventTriggerName"}
    [condition] = properties["EventTriggerConditions"]
    [dimension] = condition["EventTriggerDimensions"]
    [attribute] = dimension["ObjectAttributes"]
    assert attribute["Values"] == [{"Ref": "LargeOrderTotal"}]
    assert body["Parameters"]["LargeOrderTotal"]["Default"] == "500"
