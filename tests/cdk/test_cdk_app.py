"""The CDK example (examples/cdk) through the real ``cdk`` CLI against the local endpoint:
``cdk deploy``, ``cdk diff`` with a change set, ``cdk deploy`` of an update by change set,
``cdk destroy``; after each step the resources are checked in the local Customer Profiles
service.

The tools are the pinned ones ``make cdk-tools`` installs (``make unit`` and ``make
cdk-test`` do it first); without them the test is skipped and says so.
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest

from tests.support.cdk import DOMAIN, OBJECT_TYPE, STACK, TRIGGER, Cdk

pytestmark = pytest.mark.server

ACCOUNT_BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default"


def _ok(ran: subprocess.CompletedProcess[str]) -> str:
    """The command's whole output, after checking it succeeded."""
    output = ran.stdout + ran.stderr
    assert ran.returncode == 0, output[-4000:]
    return output


def _threshold(trigger: dict[str, Any]) -> list[str]:
    condition = trigger["EventTriggerConditions"][0]
    return list(condition["EventTriggerDimensions"][0]["ObjectAttributes"][0]["Values"])


def _progress(output: str) -> list[tuple[str, str]]:
    """The (status, logical id) of each stack event the CLI printed, in the order printed."""
    found = []
    for line in output.splitlines():
        columns = [column.strip() for column in line.split("|")]
        if len(columns) >= 6 and columns[0] == STACK:
            named = re.search(r"\((\w+)\)", columns[5])  # "CDKMetadata/Default (CDKMetadata)"
            found.append((columns[3], named[1] if named else columns[5].split()[0]))
    return found


def _in_order(output: str, final: str) -> None:
    """The events as they happened: the stack's start (``CREATE_IN_PROGRESS`` for a create)
    first, each resource's IN_PROGRESS before its outcome, the stack's ``final`` last."""
    printed = _progress(output)
    started = (final.split("_")[0] + "_IN_PROGRESS", STACK)
    assert started in printed, printed
    assert all(logical_id == STACK for _, logical_id in printed[: printed.index(started)])
    assert printed[-1] == (final, STACK), printed
    for index, (status, logical_id) in enumerate(printed):
        if status.endswith("_COMPLETE") and logical_id != STACK:
            begun = (status.replace("_COMPLETE", "_IN_PROGRESS"), logical_id)
            assert begun in printed[:index], printed


def _resources(cfn: Any) -> dict[str, str]:
    summaries = cfn.list_stack_resources(StackName=STACK)["StackResourceSummaries"]
    return {s["LogicalResourceId"]: s["ResourceStatus"] for s in summaries}


def test_cdk_deploys_diffs_updates_and_destroys_the_example(
    cdk: Cdk, cfn: Any, profiles: Any
) -> None:
    # cdk deploy: a new stack, through a CREATE change set
    out = _ok(cdk("deploy", "--require-approval", "never"))
    assert f"{STACK}: creating CloudFormation changeset..." in out
    assert f"{STACK}.EventTriggerIdentifier = {DOMAIN}|{TRIGGER}" in out
    _in_order(out, "CREATE_COMPLETE")
    stack = cfn.describe_stacks(StackName=STACK)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert _resources(cfn) == {
        "Domain": "CREATE_COMPLETE",
        "OrdersObjectType": "CREATE_COMPLETE",
        "LargeOrderTrigger": "CREATE_COMPLETE",
        "OrdersIntegration": "CREATE_COMPLETE",
        "CDKMetadata": "CREATE_COMPLETE",
    }
    assert profiles.get_domain(DomainName=DOMAIN)["DefaultExpirationDays"] == 366
    object_type = profiles.get_profile_object_type(DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE)
    assert sorted(object_type["Fields"]) == ["Email", "OrderId", "TotalPrice"]
    created = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert (created["Description"], _threshold(created)) == ("Orders over 500.", ["500"])
    assert created["Tags"] == {"team": "crm"}
    integration = profiles.get_integration(DomainName=DOMAIN, Uri=ACCOUNT_BUS)
    assert integration["EventTriggerNames"] == [TRIGGER]

    # cdk diff: from a change set it makes, reads and deletes; nothing changes
    out = _ok(cdk("diff", "-c", "largeOrderTotal=1000"))
    assert "create a read-only change set" in out
    assert "Could not create a change set" not in out  # no fall back to a template diff
    assert "[+] Orders over 1000." in out
    assert "Number of stacks with differences: 1" in out
    assert not any(
        s["ChangeSetName"].startswith("cdk-diff-change-set")
        for s in cfn.list_change_sets(StackName=STACK)["Summaries"]
    )
    assert cfn.describe_stacks(StackName=STACK)["Stacks"][0]["StackStatus"] == "CREATE_COMPLETE"
    unchanged = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert _threshold(unchanged) == ["500"]

    # cdk deploy of the update: an UPDATE change set, the trigger updated in place
    out = _ok(cdk("deploy", "-c", "largeOrderTotal=1000", "--require-approval", "never"))
    assert f"{STACK}: creating CloudFormation changeset..." in out
    _in_order(out, "UPDATE_COMPLETE")
    stack = cfn.describe_stacks(StackName=STACK)["Stacks"][0]
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    assert _resources(cfn)["LargeOrderTrigger"] == "UPDATE_COMPLETE"
    assert _resources(cfn)["Domain"] == "CREATE_COMPLETE"  # only the trigger changed
    updated = profiles.get_event_trigger(DomainName=DOMAIN, EventTriggerName=TRIGGER)
    assert (updated["Description"], _threshold(updated)) == ("Orders over 1000.", ["1000"])
    assert updated["CreatedAt"] == created["CreatedAt"]  # not replaced
    executed = cfn.describe_change_set(ChangeSetName="cdk-deploy-change-set", StackName=STACK)
    assert executed["ExecutionStatus"] == "EXECUTE_COMPLETE"

    # cdk deploy again: nothing to change, and nothing is
    out = _ok(cdk("deploy", "-c", "largeOrderTotal=1000", "--require-approval", "never"))
    assert "(no changes)" in out
    assert cfn.describe_stacks(StackName=STACK)["Stacks"][0]["StackStatus"] == "UPDATE_COMPLETE"

    # cdk destroy: the stack and everything in it are gone
    out = _ok(cdk("destroy", "--force"))
    assert f"{STACK}: destroyed" in out
    _in_order(out, "DELETE_COMPLETE")
    assert [s["StackName"] for s in cfn.describe_stacks()["Stacks"]] == []
    assert DOMAIN not in [d["DomainName"] for d in profiles.list_domains()["Items"]]
