"""examples/custom-resource.yaml through its whole lifecycle offline, deployed as
guides/custom-resource.md deploys it: the AWS CLI against a local server, the Lambda
code of a registry package with this checkout's code (``lambda_code_zip``) uploaded
to the local S3, and the function's real code run by the local Lambda runner, under
python3.12, for every request the stack engine sends it.

One stack goes through create, an update in place, a rename (a replacement), two
updates that fail and roll back (one after its rename succeeded, one whose rename
was refused) and delete. After each step the trigger is checked in the local
Customer Profiles service. Every assertion's message shows the stack's events so
far; the whole run's events are printed at the end (``pytest -s`` shows them).
The last test checks how ``lambda_code_zip`` tells a package of other code.
"""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest

from aws_customerprofiles_eventtrigger.custom_resource import identity
from aws_customerprofiles_eventtrigger.tags import CREATED_BY
from localcloud.cloudformation.engine import templates
from tests.support import registry_package
from tests.support.stacks import NO_RETRIES, REGION, aws_cli

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "examples" / "custom-resource.yaml"
STACK = "event-trigger-custom-resource"
DOMAIN, OBJECT_TYPE = "retail", "Orders"
BUCKET, KEY = "code", "aws-customerprofiles-eventtrigger/lambda.zip"
REFUSED = "Invalid property EventTriggerLimits.Periods[0].Value must be integer: 'one' is not"

# One stack event: (logical id, status, physical id, reason).
Event = tuple[str, str, str, str]


def _line(event: Event) -> str:
    logical, status, physical, reason = event
    return f"{logical:<29} {status:<44} {physical:<50} {reason}".rstrip()


@dataclass(repr=False)  # a failure shows report(), not every field
class Lifecycle:
    """The stack as the AWS CLI deploys it, and its events, step by step."""

    url: str
    aws: Callable[..., subprocess.CompletedProcess[str]]
    cf: Any
    cp: Any
    stack_id: str = STACK
    shown: list[str] = field(default_factory=list)
    seen: int = 0

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.aws("--endpoint-url", self.url, *args)

    def ok(self, *args: str) -> str:
        done = self.cli(*args)
        assert done.returncode == 0, f"aws {' '.join(args)}:\n{done.stdout}{done.stderr}"
        return done.stdout

    def deploy(self, template: Path, **parameters: str) -> subprocess.CompletedProcess[str]:
        overrides = {"CodeBucket": BUCKET, "CodeKey": KEY, "DomainName": DOMAIN, **parameters}
        return self.cli(
            "cloudformation", "deploy", "--template-file", str(template),
            "--stack-name", STACK, "--capabilities", "CAPABILITY_IAM",
            "--parameter-overrides", *(f"{key}={value}" for key, value in overrides.items()),
        )  # fmt: skip

    def events(self, step: str) -> list[Event]:
        """The stack's events since the last step's, oldest first, shown under ``step``."""
        answer = self.cf.describe_stack_events(StackName=self.stack_id)["StackEvents"]
        every = [
            (
                e["LogicalResourceId"],
                e["ResourceStatus"],
                "" if e["LogicalResourceId"] == STACK else e.get("PhysicalResourceId") or "",
                e.get("ResourceStatusReason") or "",
            )
            for e in reversed(answer)
        ]
        new, self.seen = every[self.seen :], len(every)
        self.shown += [f"-- {step}", *(_line(event) for event in new)]
        return new

    def report(self, *extra: str) -> str:
        """What an assertion shows: ``extra`` and every event so far."""
        return "\n".join([*extra, "Stack events:", *self.shown])

    def status(self) -> str:
        return str(self.cf.describe_stacks(StackName=self.stack_id)["Stacks"][0]["StackStatus"])

    def outputs(self) -> dict[str, str]:
        found = self.cf.describe_stacks(StackName=self.stack_id)["Stacks"][0].get("Outputs") or []
        return {o["OutputKey"]: o["OutputValue"] for o in found}

    def trigger(self, name: str) -> dict[str, Any]:
        found = dict(self.cp.get_event_trigger(DomainName=DOMAIN, EventTriggerName=name))
        found.pop("ResponseMetadata")
        return found

    def triggers(self) -> list[str]:
        items = self.cp.list_event_triggers(DomainName=DOMAIN)["Items"]
        return sorted(item["EventTriggerName"] for item in items)


def _of(events: list[Event], logical_id: str) -> list[tuple[str, str]]:
    """The (status, physical id) of one resource's events, in order."""
    return [(status, physical) for logical, status, physical, _ in events if logical == logical_id]


def _threshold(trigger: dict[str, Any]) -> list[str]:
    condition = trigger["EventTriggerConditions"][0]
    return list(condition["EventTriggerDimensions"][0]["ObjectAttributes"][0]["Values"])


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def _but_update_time(trigger: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in trigger.items() if key != "LastUpdatedAt"}


def _variant(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    """The example, changed by ``change`` (on its long form), as a JSON template file."""
    body = templates.parse(TEMPLATE.read_text(encoding="utf-8"))
    change(body)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")
    return path


def _refuse_period_value(properties: dict[str, Any]) -> None:
    properties["EventTriggerLimits"]["Periods"][0]["Value"] = "one"


def _with_breaker(body: dict[str, Any]) -> None:
    """A second trigger, made after ``Trigger``, whose properties the schema refuses."""
    breaker = json.loads(json.dumps(body["Resources"]["Trigger"]))
    breaker["DependsOn"] = "Trigger"
    breaker["Properties"]["EventTriggerName"] = "breaker"
    _refuse_period_value(breaker["Properties"])
    body["Resources"]["Breaker"] = breaker


def _trigger_refused(body: dict[str, Any]) -> None:
    _refuse_period_value(body["Resources"]["Trigger"]["Properties"])


@pytest.fixture
def lifecycle(stack_server: str, tmp_path: Path) -> Lifecycle:
    session = boto3.session.Session(
        aws_access_key_id="offline", aws_secret_access_key="offline", region_name=REGION
    )
    return Lifecycle(
        stack_server,
        aws_cli(tmp_path),
        session.client("cloudformation", endpoint_url=stack_server, config=NO_RETRIES),
        session.client("customer-profiles", endpoint_url=stack_server, config=NO_RETRIES),
    )


@pytest.mark.server
def test_the_example_s_whole_lifecycle_offline_runs_the_package_s_code(
    lifecycle: Lifecycle, lambda_code_zip: Path, tmp_path: Path
) -> None:
    life = lifecycle
    # As the guide does: the code in the local S3; the domain and its object type made
    # outside the stack, as in an account.
    life.ok("s3", "mb", f"s3://{BUCKET}")
    life.ok("s3", "cp", str(lambda_code_zip), f"s3://{BUCKET}/{KEY}")
    life.ok(
        "customer-profiles", "create-domain", "--domain-name", DOMAIN,
        "--default-expiration-days", "30",
    )  # fmt: skip
    life.ok(
        "customer-profiles", "put-profile-object-type", "--domain-name", DOMAIN,
        "--object-type-name", OBJECT_TYPE, "--description", "Orders",
    )  # fmt: skip

    # Create: the function's code creates the trigger, with the form's created-by tag.
    done = life.deploy(TEMPLATE)
    life.stack_id = life.cf.describe_stacks(StackName=STACK)["Stacks"][0]["StackId"]
    created = life.events("create")
    assert done.returncode == 0, life.report(done.stdout + done.stderr)
    assert life.status() == "CREATE_COMPLETE", life.report()
    assert _of(created, "Trigger") == [
        ("CREATE_IN_PROGRESS", ""),
        ("CREATE_COMPLETE", "retail|large-order"),
    ], life.report()
    assert life.triggers() == ["large-order"], life.report()
    first = life.trigger("large-order")
    assert first["Description"] == "Orders over 500.", life.report()
    assert _threshold(first) == ["500"], life.report()
    # CloudFormation hands the function strings; the handler converted them by the schema.
    assert first["EventTriggerLimits"] == {
        "EventExpiration": 86400000,
        "Periods": [
            {"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 2, "Unlimited": False}
        ],
    }, life.report()
    owner = identity.owner(life.stack_id, "Trigger")
    assert first["Tags"]["team"] == "crm", life.report()
    assert first["Tags"][CREATED_BY].startswith(f"{owner}/"), life.report()
    outputs = life.outputs()
    assert outputs["TriggerId"] == "retail|large-order", life.report()
    # !GetAtt Trigger.CreatedAt: an ISO time, the service's.
    assert outputs["TriggerCreatedAt"].endswith("Z"), life.report(str(outputs))
    assert _at(outputs["TriggerCreatedAt"]) == first["CreatedAt"], life.report(str(outputs))

    # An update in place: the same trigger and physical id, changed in the service.
    done = life.deploy(TEMPLATE, LargeOrderTotal="1000")
    updated = life.events("update in place: LargeOrderTotal=1000")
    assert done.returncode == 0, life.report(done.stdout + done.stderr)
    assert life.status() == "UPDATE_COMPLETE", life.report()
    assert _of(updated, "Trigger") == [
        ("UPDATE_IN_PROGRESS", "retail|large-order"),
        ("UPDATE_COMPLETE", "retail|large-order"),
    ], life.report()
    assert life.triggers() == ["large-order"], life.report()
    second = life.trigger("large-order")
    assert (second["Description"], _threshold(second)) == ("Orders over 1000.", ["1000"])
    assert second["CreatedAt"] == first["CreatedAt"], life.report()
    assert second["Tags"] == first["Tags"], life.report()
    assert life.outputs() == outputs, life.report()

    # A rename replaces it: the new trigger made, the old one deleted in the cleanup.
    done = life.deploy(TEMPLATE, LargeOrderTotal="1000", EventTriggerName="very-large-order")
    renamed = life.events("rename: EventTriggerName=very-large-order")
    assert done.returncode == 0, life.report(done.stdout + done.stderr)
    assert life.status() == "UPDATE_COMPLETE", life.report()
    assert _of(renamed, "Trigger") == [
        ("UPDATE_IN_PROGRESS", "retail|large-order"),
        ("UPDATE_COMPLETE", "retail|very-large-order"),
        ("DELETE_IN_PROGRESS", "retail|large-order"),
        ("DELETE_COMPLETE", "retail|large-order"),
    ], life.report()
    statuses = [status for _, status, _, _ in renamed]
    cleanup = statuses.index("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
    assert cleanup < statuses.index("DELETE_IN_PROGRESS"), life.report()
    assert life.triggers() == ["very-large-order"], life.report()
    third = life.trigger("very-large-order")
    assert (third["Description"], _threshold(third)) == ("Orders over 1000.", ["1000"])
    assert third["Tags"][CREATED_BY].startswith(f"{owner}/"), life.report()
    assert third["Tags"][CREATED_BY] != first["Tags"][CREATED_BY], life.report()
    outputs = life.outputs()
    assert outputs["TriggerId"] == "retail|very-large-order", life.report()
    assert _at(outputs["TriggerCreatedAt"]) == third["CreatedAt"], life.report(str(outputs))

    # A rename that succeeded, then a resource after it that fails: the rollback restores
    # the old trigger in place and the cleanup deletes the new one.
    breaking = _variant(tmp_path, "breaker", _with_breaker)
    done = life.deploy(breaking, LargeOrderTotal="5000", EventTriggerName="largest-order")
    rolled = life.events("rename, then Breaker fails: rollback")
    assert done.returncode != 0, life.report(done.stdout + done.stderr)
    assert life.status() == "UPDATE_ROLLBACK_COMPLETE", life.report()
    assert _of(rolled, "Trigger") == [
        ("UPDATE_IN_PROGRESS", "retail|very-large-order"),
        ("UPDATE_COMPLETE", "retail|largest-order"),
        ("UPDATE_IN_PROGRESS", "retail|largest-order"),
        ("UPDATE_COMPLETE", "retail|very-large-order"),
        ("DELETE_IN_PROGRESS", "retail|largest-order"),
        ("DELETE_COMPLETE", "retail|largest-order"),
    ], life.report()
    failed = [e for e in rolled if e[:2] == ("Breaker", "CREATE_FAILED")]
    assert len(failed) == 1 and REFUSED in failed[0][3], life.report()
    assert [status for status, _ in _of(rolled, "Breaker")] == [
        "CREATE_IN_PROGRESS",
        "CREATE_FAILED",
        "DELETE_IN_PROGRESS",
        "DELETE_COMPLETE",
    ], life.report()
    assert life.triggers() == ["very-large-order"], life.report()
    restored = life.trigger("very-large-order")
    assert _but_update_time(restored) == _but_update_time(third), life.report()
    assert life.outputs() == outputs, life.report()

    # A rename the schema refuses (with it, a property it refuses): the trigger's update
    # fails, and the rollback's update back leaves the trigger as it was.
    refused = _variant(tmp_path, "refused", _trigger_refused)
    done = life.deploy(refused, LargeOrderTotal="5000", EventTriggerName="refused-order")
    refusal = life.events("rename with a property the schema refuses: rollback")
    assert done.returncode != 0, life.report(done.stdout + done.stderr)
    assert life.status() == "UPDATE_ROLLBACK_COMPLETE", life.report()
    assert _of(refusal, "Trigger") == [
        ("UPDATE_IN_PROGRESS", "retail|very-large-order"),
        ("UPDATE_FAILED", "retail|very-large-order"),
        ("UPDATE_IN_PROGRESS", "retail|very-large-order"),
        ("UPDATE_COMPLETE", "retail|very-large-order"),
    ], life.report()
    [failure] = [e for e in refusal if e[:2] == ("Trigger", "UPDATE_FAILED")]
    assert REFUSED in failure[3], life.report()
    assert life.triggers() == ["very-large-order"], life.report()
    assert _but_update_time(life.trigger("very-large-order")) == _but_update_time(third)
    assert life.outputs() == outputs, life.report()

    # Delete: the function deletes the trigger; the stack and its function are gone.
    life.ok("cloudformation", "delete-stack", "--stack-name", STACK)
    life.ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", life.stack_id)
    deleted = life.events("delete")
    assert life.status() == "DELETE_COMPLETE", life.report()
    assert _of(deleted, "Trigger") == [
        ("DELETE_IN_PROGRESS", "retail|very-large-order"),
        ("DELETE_COMPLETE", "retail|very-large-order"),
    ], life.report()
    assert life.triggers() == [], life.report()
    functions = boto3.client(
        "lambda", endpoint_url=life.url, region_name=REGION,
        aws_access_key_id="offline", aws_secret_access_key="offline",
    ).list_functions()["Functions"]  # fmt: skip
    assert functions == [], life.report(str(functions))

    print(life.report(f"The stack's events, {STACK}, step by step:"))


def _package(folder: Path, sources: dict[str, bytes], distributions: list[str]) -> Path:
    """A registry package whose Lambda code holds ``sources`` and ``distributions``."""
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as inner:
        for name, content in sources.items():
            inner.writestr(name, content)
        for distribution in distributions:
            inner.writestr(f"{distribution}/METADATA", "Metadata-Version: 2.1\n")
    package = folder / "package.zip"
    with zipfile.ZipFile(package, "w") as outer:
        outer.writestr("ResourceProvider.zip", code.getvalue())
    return package


def test_a_package_built_from_other_code_is_not_taken_for_the_checkout_s(tmp_path: Path) -> None:
    provider = registry_package.PROVIDER
    sources = {
        path.relative_to(ROOT / "src").as_posix(): path.read_bytes()
        for path in (ROOT / "src" / provider).rglob("*.py")
    }
    pins = sorted(registry_package.pinned_distributions(ROOT))
    assert "boto3-" in " ".join(pins) and not any(p.startswith("setuptools-") for p in pins)
    assert registry_package.stale_because(_package(tmp_path, sources, pins)) is None

    edited = {**sources, f"{provider}/handlers.py": b"# another build\n"}
    reason = registry_package.stale_because(_package(tmp_path, edited, pins))
    assert reason == (
        f"its provider sources differ from the checkout's: ['{provider}/handlers.py']"
    )
    extra = {**sources, f"{provider}/gone.py": b""}
    reason = registry_package.stale_because(_package(tmp_path, extra, pins))
    assert reason == f"its provider modules differ: ['{provider}/gone.py']"
    reason = registry_package.stale_because(_package(tmp_path, sources, pins[1:]))
    assert reason == f"it lacks the pinned distributions {pins[:1]}"
    assert registry_package.stale_because(tmp_path / "none.zip") == "none.zip does not exist"
