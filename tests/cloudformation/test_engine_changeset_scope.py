"""Change sets belong to their stack: DescribeChangeSet, DeleteChangeSet, ListChangeSets,
ExecuteChangeSet and GetTemplate find a change set by ARN, or by name within the stack
``StackName`` names, and answer as CloudFormation does when it is not there.

The CDK CLI depends on each: ``cdk deploy`` and ``cdk diff`` delete their change set
by name "if it exists" before making it, and read the stack's template back.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.probes import PROBE


def _template(name: str) -> str:
    return json.dumps({"Resources": {"R": {"Type": PROBE, "Properties": {"Name": name}}}})


def _stack_with_change_set(cfn: Any, stack: str, change_set: str = "pending") -> str:
    """A stack ``stack`` (CREATE_COMPLETE) with an update change set ``change_set``; its ARN."""
    cfn.create_stack(StackName=stack, TemplateBody=_template(f"{stack}-1"))
    made = cfn.create_change_set(
        StackName=stack,
        ChangeSetName=change_set,
        TemplateBody=_template(f"{stack}-2"),
        ChangeSetType="UPDATE",
    )
    return str(made["Id"])


def _error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response: Any = raised.value.response
    error = response["Error"]
    return error["Code"], error["Message"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_describing_a_change_set_the_stack_does_not_have_is_change_set_not_found(
    cfn: Any, probe: Any
) -> None:
    _stack_with_change_set(cfn, "s")
    with pytest.raises(cfn.exceptions.ChangeSetNotFoundException) as raised:
        cfn.describe_change_set(ChangeSetName="cdk-diff-change-set", StackName="s")
    assert _error(raised) == (
        "ChangeSetNotFound",
        "ChangeSet [cdk-diff-change-set] does not exist",
        404,
    )


def test_deleting_a_change_set_the_stack_does_not_have_succeeds(cfn: Any, probe: Any) -> None:
    arn = _stack_with_change_set(cfn, "s")
    cfn.delete_change_set(ChangeSetName="cdk-deploy-change-set", StackName="s")
    # ... and deletes nothing else
    assert cfn.describe_change_set(ChangeSetName=arn)["ChangeSetName"] == "pending"


def test_a_change_set_of_a_stack_that_does_not_exist_is_a_validation_error(
    cfn: Any, probe: Any
) -> None:
    for call in (cfn.describe_change_set, cfn.delete_change_set):
        with pytest.raises(ClientError) as raised:
            call(ChangeSetName="c", StackName="nostack")
        assert _error(raised) == ("ValidationError", "Stack with id nostack does not exist", 400)
    with pytest.raises(ClientError) as raised:
        cfn.list_change_sets(StackName="nostack")
    assert _error(raised)[0] == "ValidationError"


def test_a_change_set_name_without_a_stack_name_is_refused(cfn: Any, probe: Any) -> None:
    _stack_with_change_set(cfn, "s")
    for call in (cfn.describe_change_set, cfn.delete_change_set, cfn.execute_change_set):
        with pytest.raises(ClientError) as raised:
            call(ChangeSetName="pending")
        assert _error(raised) == (
            "ValidationError",
            "StackName must be specified if ChangeSetName is not specified as an ARN.",
            400,
        )


def test_the_same_change_set_name_on_two_stacks_is_two_change_sets(cfn: Any, probe: Any) -> None:
    first = _stack_with_change_set(cfn, "one", "cdk-deploy-change-set")
    second = _stack_with_change_set(cfn, "two", "cdk-deploy-change-set")
    assert first != second
    for stack, arn in (("one", first), ("two", second)):
        answer = cfn.describe_change_set(ChangeSetName="cdk-deploy-change-set", StackName=stack)
        assert (answer["ChangeSetId"], answer["StackName"]) == (arn, stack)
    cfn.delete_change_set(ChangeSetName="cdk-deploy-change-set", StackName="two")
    with pytest.raises(cfn.exceptions.ChangeSetNotFoundException):
        cfn.describe_change_set(ChangeSetName="cdk-deploy-change-set", StackName="two")
    assert cfn.describe_change_set(ChangeSetName=first)["StackName"] == "one"
    # executing by name runs the named stack's change set, not the first of that name
    second = cfn.create_change_set(
        StackName="two",
        ChangeSetName="cdk-deploy-change-set",
        TemplateBody=_template("two-3"),
        ChangeSetType="UPDATE",
    )["Id"]
    cfn.execute_change_set(ChangeSetName="cdk-deploy-change-set", StackName="two")
    assert sorted(probe.store) == ["one-1", "two-3"]
    assert cfn.describe_change_set(ChangeSetName=first)["ExecutionStatus"] == "AVAILABLE"
    assert cfn.describe_change_set(ChangeSetName=second)["ExecutionStatus"] == "EXECUTE_COMPLETE"


def test_list_change_sets_lists_only_that_stacks(cfn: Any, probe: Any) -> None:
    first = _stack_with_change_set(cfn, "one")
    _stack_with_change_set(cfn, "two")
    summaries = cfn.list_change_sets(StackName="one")["Summaries"]
    assert [(s["ChangeSetId"], s["StackName"]) for s in summaries] == [(first, "one")]
    cfn.delete_change_set(ChangeSetName=first)
    assert cfn.list_change_sets(StackName="one")["Summaries"] == []
    assert len(cfn.list_change_sets(StackName="two")["Summaries"]) == 1


def test_executing_a_change_set_that_is_not_there_is_change_set_not_found(
    cfn: Any, probe: Any
) -> None:
    _stack_with_change_set(cfn, "s")
    with pytest.raises(cfn.exceptions.ChangeSetNotFoundException):
        cfn.execute_change_set(ChangeSetName="other", StackName="s")
    assert sorted(probe.store) == ["s-1"]


def _body(answer: dict[str, Any]) -> Any:
    """GetTemplate's TemplateBody (botocore decodes a JSON template itself)."""
    body = answer["TemplateBody"]
    return json.loads(body) if isinstance(body, str) else dict(body)


def test_get_template_gives_a_change_sets_template_and_the_stages(cfn: Any, probe: Any) -> None:
    arn = _stack_with_change_set(cfn, "s")
    for stage in ("Original", "Processed"):
        answer = cfn.get_template(StackName="s", TemplateStage=stage)
        assert _body(answer) == json.loads(_template("s-1"))
        assert answer["StagesAvailable"] == ["Original", "Processed"]
    by_name = cfn.get_template(StackName="s", ChangeSetName="pending")
    assert _body(by_name) == json.loads(_template("s-2"))
    assert _body(cfn.get_template(ChangeSetName=arn)) == _body(by_name)
    with pytest.raises(cfn.exceptions.ChangeSetNotFoundException):
        cfn.get_template(StackName="s", ChangeSetName="other")
