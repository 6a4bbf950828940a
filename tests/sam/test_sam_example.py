"""The SAM example (examples/sam) through the real ``sam`` CLI against the local endpoint:
``sam deploy`` into an artifacts bucket (SAM uploads the code and the packaged template
and names the template by TemplateURL; the endpoint runs the SAM transform), ``sam list
stack-outputs``, a second ``sam deploy`` that updates the trigger in place, one of
changed code that updates the function in place, ``sam delete`` (the stack, its
resources and the artifacts gone); and ``sam deploy --resolve-s3``, which first makes
SAM's managed stack for the artifacts bucket. After each step the resources are checked
in the local services.

The CLI is the pinned one ``make sam-tools`` installs (``make unit`` and ``make
sam-test`` do it first); without it the tests are skipped and say so.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import zipfile
from typing import Any

import pytest

from tests.support.constants import ACCOUNT, REGION
from tests.support.sam import (
    APP,
    DOMAIN,
    FUNCTION,
    MANAGED_STACK,
    OBJECT_TYPE,
    STACK,
    TRIGGER,
    Sam,
    deploy_args,
)

pytestmark = pytest.mark.server

BUCKET = "retail-sam-artifacts"
ACCOUNT_BUS = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"
# What the SAM transform makes of the template's resources, all in the stack.
RESOURCES = [
    "Domain",
    "OrdersObjectType",
    "LargeOrderTrigger",
    "OrdersIntegration",
    FUNCTION,
    f"{FUNCTION}Role",
    f"{FUNCTION}TriggerApiCalls",
    f"{FUNCTION}TriggerApiCallsPermission",
]
# The function's EventBridge rule, as the template writes its pattern.
PATTERN = {
    "source": ["aws.profile"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {
        "eventSource": ["profile.amazonaws.com"],
        "eventName": ["CreateEventTrigger", "UpdateEventTrigger", "DeleteEventTrigger"],
    },
}


def _ok(ran: subprocess.CompletedProcess[str]) -> str:
    """The command's whole output, after checking it succeeded."""
    output = ran.stdout + ran.stderr
    assert ran.returncode == 0, output[-4000:]
    return output


def _threshold(trigger: dict[str, Any]) -> list[str]:
    condition = trigger["EventTriggerConditions"][0]
    return list(condition["EventTriggerDimensions"][0]["ObjectAttributes"][0]["Values"])


def _status(cfn: Any, stack: str = STACK) -> str:
    return str(cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"])


def _resources(cfn: Any, stack: str = STACK) -> dict[str, str]:
    summaries = cfn.list_stack_resources(StackName=stack)["StackResourceSummaries"]
    return {s["LogicalResourceId"]: s["ResourceStatus"] for s in summaries}


def _physical_id(cfn: Any, logical_id: str) -> str:
    found = cfn.describe_stack_resource(StackName=STACK, LogicalResourceId=logical_id)
    return str(found["StackResourceDetail"]["PhysicalResourceId"])


def _outputs(cfn: Any, stack: str = STACK) -> dict[str, str]:
    outputs = cfn.describe_stacks(StackName=stack)["Stacks"][0].get("Outputs", [])
    return {o["OutputKey"]: o["OutputValue"] for o in outputs}


def _objects(s3: Any, bucket: str) -> dict[str, bytes]:
    """Every object in ``bucket`` (its current versions), by key."""
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listed}


def _artifacts(s3: Any, bucket: str) -> tuple[str, bytes, str, str]:
    """What ``sam deploy`` left in ``bucket``: the code's key and zip, the packaged template's
    key and text (SAM names each by the MD5 of its content; the template ends ``.template``)."""
    objects = _objects(s3, bucket)
    templates = [key for key in objects if key.endswith(".template")]
    assert len(objects) == 2 and len(templates) == 1, sorted(objects)
    (template_key,) = templates
    (code_key,) = set(objects) - {template_key}
    return code_key, objects[code_key], template_key, objects[template_key].decode()


def _original(cfn: Any, stack: str = STACK) -> Any:
    return cfn.get_template(StackName=stack, TemplateStage="Original")["TemplateBody"]


def _last_change_set(cfn: Any) -> dict[str, Any]:
    summaries = cfn.list_change_sets(StackName=STACK)["Summaries"]
    newest = max(summaries, key=lambda s: s["CreationTime"])
    return dict(cfn.describe_change_set(StackName=STACK, ChangeSetName=newest["ChangeSetName"]))


def _code_sha256(code: bytes) -> str:
    """A Lambda function's CodeSha256 for this zip."""
    return base64.b64encode(hashlib.sha256(code).digest()).decode()


def test_sam_deploys_lists_updates_and_deletes_the_example(
    sam: Sam, cfn: Any, profiles: Any, s3: Any, lambda_client: Any, events: Any, iam: Any
) -> None:
    _ok(sam.aws("s3", "mb", f"s3://{BUCKET}"))

    # sam deploy: the code and the packaged template uploaded, a CREATE change set
    out = _ok(sam(*deploy_args(bucket=BUCKET)))
    assert f"Successfully created/updated stack - {STACK} in {REGION}" in out
    assert _status(cfn) == "CREATE_COMPLETE"
    assert _resources(cfn) == dict.fromkeys(RESOURCES, "CREATE_COMPLETE")
    code_key, code, template_key, packaged = _artifacts(s3, BUCKET)
    assert template_key == hashlib.md5(packaged.encode()).hexdigest() + ".template"
    assert f"CodeUri: s3://{BUCKET}/{code_key}" in packaged
    with zipfile.ZipFile(io.BytesIO(code)) as archive:
        assert archive.namelist() == ["trigger_audit.py"]
        assert archive.read("trigger_audit.py") == (APP / "src" / "trigger_audit.py").read_bytes()
    # The stack's template is the one SAM packaged, and the transform ran on it
    assert _original(cfn) == packaged
    processed = cfn.get_template(StackName=STACK, TemplateStage="Processed")["TemplateBody"]
    assert "Transform" not in processed
    assert processed["Resources"][FUNCTION]["Properties"]["Code"] == {
        "S3Bucket": BUCKET,
        "S3Key": code_key,
    }

    # Customer Profiles: the domain, its object type, the trigger, the integration naming it
    assert profiles.get_domain(DomainName=DOMAIN)["DefaultExpirationDays"] == 366
    object_type = profiles.get_profile_object_type(DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE)
    assert sorted(object_type["Fields"]) == ["Email", "OrderId", "TotalPrice"]
    created = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert (created["Description"], _threshold(created)) == ("Orders over 500.", ["500"])
    assert created["Tags"] == {"team": "crm"}
    integration = profiles.get_integration(DomainName=DOMAIN, Uri=ACCOUNT_BUS)
    assert integration["EventTriggerNames"] == [TRIGGER]

    # Lambda: the function with the code SAM uploaded, its role, the rule that calls it
    outputs = _outputs(cfn)
    function = lambda_client.get_function(FunctionName=outputs["TriggerAuditFunctionArn"])
    configuration = function["Configuration"]
    assert configuration["FunctionName"] == _physical_id(cfn, FUNCTION)
    assert (configuration["Runtime"], configuration["Handler"]) == (
        "python3.12",
        "trigger_audit.handler",
    )
    assert configuration["Environment"]["Variables"] == {
        "DOMAIN_NAME": DOMAIN,
        "EVENT_TRIGGER_NAME": TRIGGER,
    }
    assert configuration["CodeSha256"] == _code_sha256(code)
    role = iam.get_role(RoleName=_physical_id(cfn, f"{FUNCTION}Role"))["Role"]
    assert configuration["Role"] == role["Arn"]
    rules = events.list_rules()["Rules"]
    assert [rule["Name"] for rule in rules] == [_physical_id(cfn, f"{FUNCTION}TriggerApiCalls")]
    assert json.loads(rules[0]["EventPattern"]) == PATTERN
    targets = events.list_targets_by_rule(Rule=rules[0]["Name"])["Targets"]
    assert [target["Arn"] for target in targets] == [configuration["FunctionArn"]]
    policy = json.loads(
        lambda_client.get_policy(FunctionName=configuration["FunctionName"])["Policy"]
    )
    (statement,) = policy["Statement"]
    assert statement["Action"] == "lambda:InvokeFunction"
    assert statement["Principal"] == {"Service": "events.amazonaws.com"}
    assert statement["Condition"] == {"ArnLike": {"AWS:SourceArn": rules[0]["Arn"]}}

    # sam list stack-outputs
    listed = _ok(sam("list", "stack-outputs", "--stack-name", STACK, "--output", "json"))
    shown = json.loads(listed[listed.index("[") : listed.rindex("]") + 1])
    assert {o["OutputKey"]: o["OutputValue"] for o in shown} == {
        "EventTriggerIdentifier": f"{DOMAIN}|{TRIGGER}",
        "TriggerAuditFunctionArn": configuration["FunctionArn"],
    }

    # sam deploy of a new threshold: an UPDATE change set, the trigger updated in place
    out = _ok(sam(*deploy_args("--parameter-overrides", "LargeOrderTotal=1000", bucket=BUCKET)))
    assert f"Successfully created/updated stack - {STACK} in {REGION}" in out
    assert _status(cfn) == "UPDATE_COMPLETE"
    assert _resources(cfn) == {
        **dict.fromkeys(RESOURCES, "CREATE_COMPLETE"),
        "LargeOrderTrigger": "UPDATE_COMPLETE",
    }
    executed = _last_change_set(cfn)
    assert executed["ExecutionStatus"] == "EXECUTE_COMPLETE"
    changes = [change["ResourceChange"] for change in executed["Changes"]]
    assert [(c["Action"], c["LogicalResourceId"], c["Replacement"]) for c in changes] == [
        ("Modify", "LargeOrderTrigger", "False")
    ]
    updated = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert (updated["Description"], _threshold(updated)) == ("Orders over 1000.", ["1000"])
    assert updated["CreatedAt"] == created["CreatedAt"]  # not replaced
    unchanged = lambda_client.get_function(FunctionName=configuration["FunctionArn"])
    assert unchanged["Configuration"]["CodeSha256"] == configuration["CodeSha256"]
    assert _artifacts(s3, BUCKET) == (code_key, code, template_key, packaged)  # same content

    # sam deploy again: nothing to change, and nothing is
    out = _ok(
        sam(
            *deploy_args(
                "--parameter-overrides",
                "LargeOrderTotal=1000",
                "--no-fail-on-empty-changeset",
                bucket=BUCKET,
            )
        )
    )
    assert "No changes to deploy" in out
    assert _status(cfn) == "UPDATE_COMPLETE"

    # sam delete: the stack and everything in it gone, and the artifacts SAM uploaded
    out = _ok(sam("delete", "--stack-name", STACK, "--no-prompts", "--s3-bucket", BUCKET))
    assert "Deleted successfully" in out
    assert [s["StackName"] for s in cfn.describe_stacks()["Stacks"]] == []
    assert DOMAIN not in [d["DomainName"] for d in profiles.list_domains()["Items"]]
    assert lambda_client.list_functions()["Functions"] == []
    assert events.list_rules()["Rules"] == []
    assert [r["RoleName"] for r in iam.list_roles()["Roles"] if r["Arn"] == role["Arn"]] == []
    assert _objects(s3, BUCKET) == {}
    assert s3.head_bucket(Bucket=BUCKET)["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_the_endpoint_reads_the_template_sam_names_by_template_url(
    sam: Sam, cfn: Any, profiles: Any, s3: Any
) -> None:
    _ok(sam.aws("s3", "mb", f"s3://{BUCKET}"))
    _ok(sam(*deploy_args(bucket=BUCKET)))
    _, _, template_key, packaged = _artifacts(s3, BUCKET)
    assert _original(cfn) == packaged

    # Another template at the same URL. SAM names an upload by the MD5 of its content and
    # skips one whose key exists, so the next deploy sends the same TemplateURL and no
    # template: what the stack becomes can only come from reading that URL.
    marker = "Fn::Sub: Orders over ${LargeOrderTotal}."
    assert packaged.count(marker) == 1
    replaced = packaged.replace(marker, "Fn::Sub: Orders above ${LargeOrderTotal}.")
    s3.put_object(Bucket=BUCKET, Key=template_key, Body=replaced.encode())
    out = _ok(sam(*deploy_args(bucket=BUCKET)))
    assert f"File with same data already exists at {template_key}, skipping upload" in out
    assert _status(cfn) == "UPDATE_COMPLETE"
    assert _original(cfn) == replaced
    trigger = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert (trigger["Description"], _threshold(trigger)) == ("Orders above 500.", ["500"])


def test_sam_deploy_of_changed_code_updates_the_function_in_place(
    sam: Sam, cfn: Any, profiles: Any, s3: Any, lambda_client: Any
) -> None:
    _ok(sam.aws("s3", "mb", f"s3://{BUCKET}"))
    _ok(sam(*deploy_args(bucket=BUCKET)))
    first_key, _, _, _ = _artifacts(s3, BUCKET)
    arn = _outputs(cfn)["TriggerAuditFunctionArn"]
    trigger = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)

    handler = sam.project / "src" / "trigger_audit.py"
    handler.write_text(handler.read_text() + "\n# The second release.\n")
    _ok(sam(*deploy_args(bucket=BUCKET)))
    assert _status(cfn) == "UPDATE_COMPLETE"
    changes = [change["ResourceChange"] for change in _last_change_set(cfn)["Changes"]]
    assert [(c["Action"], c["LogicalResourceId"], c["Replacement"]) for c in changes] == [
        ("Modify", FUNCTION, "False")
    ]
    objects = _objects(s3, BUCKET)
    (second_key,) = {key for key in objects if not key.endswith(".template")} - {first_key}
    with zipfile.ZipFile(io.BytesIO(objects[second_key])) as archive:
        assert archive.read("trigger_audit.py") == handler.read_bytes()
    function = lambda_client.get_function(FunctionName=arn)["Configuration"]
    assert function["FunctionArn"] == arn  # the same function
    assert function["CodeSha256"] == _code_sha256(objects[second_key])
    processed = cfn.get_template(StackName=STACK, TemplateStage="Processed")["TemplateBody"]
    assert processed["Resources"][FUNCTION]["Properties"]["Code"]["S3Key"] == second_key
    unchanged = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert unchanged["LastUpdatedAt"] == trigger["LastUpdatedAt"]


def test_sam_deploy_resolve_s3_makes_the_managed_stack_then_deploys(
    sam: Sam, cfn: Any, profiles: Any, s3: Any
) -> None:
    ran = sam(*deploy_args())
    output = ran.stdout + ran.stderr

    # SAM's managed stack, made first: a SAM template, expanded by the transform
    assert _status(cfn, MANAGED_STACK) == "CREATE_COMPLETE", output[-4000:]
    managed = _original(cfn, MANAGED_STACK)
    managed = json.loads(managed) if isinstance(managed, str) else managed
    assert managed["Transform"] == "AWS::Serverless-2016-10-31"
    assert _resources(cfn, MANAGED_STACK) == {
        "SamCliSourceBucket": "CREATE_COMPLETE",
        "SamCliSourceBucketBucketPolicy": "CREATE_COMPLETE",
    }
    bucket = _outputs(cfn, MANAGED_STACK)["SourceBucket"]
    assert f"Managed S3 bucket: {bucket}" in output

    # Then the example's stack, its artifacts in the managed bucket
    _ok(ran)
    assert _status(cfn) == "CREATE_COMPLETE"
    assert _resources(cfn) == dict.fromkeys(RESOURCES, "CREATE_COMPLETE")
    _, _, _, packaged = _artifacts(s3, bucket)
    assert _original(cfn) == packaged
    created = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert _threshold(created) == ["500"]

    # sam delete finds the bucket in the stack's template; the managed stack stays
    _ok(sam("delete", "--stack-name", STACK, "--no-prompts"))
    assert [s["StackName"] for s in cfn.describe_stacks()["Stacks"]] == [MANAGED_STACK]
    assert _objects(s3, bucket) == {}
