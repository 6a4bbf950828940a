"""Stacks through boto3's ``cloudformation`` client, in-process or over HTTP, for the tests.

``targets()`` yields a ``Stacks`` for one target: in-process under
``mock_customer_profiles`` or against a server on 127.0.0.1 (reset around the
test). ``counting_handler`` counts the provider's entrypoint invocations by
action, wherever the engine runs it (the test server runs in this process).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from localcloud.cloudformation import register
from localcloud.core.tags import tag_list
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.server import ServerControl
from tests.support.samples import CONDITIONS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REGION = "us-east-1"
TARGETS = ["inprocess", pytest.param("server", marks=pytest.mark.server)]
NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1}, read_timeout=120)


def trigger_resource(**properties: Any) -> dict[str, Any]:
    """A template's EventTrigger ``big-order`` on ``Orders`` with ``CONDITIONS``; ``properties``
    adds to or overrides them (DomainName has no default)."""
    return {
        "Type": "AWS::CustomerProfiles::EventTrigger",
        "Properties": {
            "EventTriggerName": "big-order",
            "ObjectTypeName": "Orders",
            "EventTriggerConditions": CONDITIONS,
            **properties,
        },
    }


def template_body(
    resources: dict[str, Any],
    parameters: dict[str, Any] | None = None,
    outputs: dict[str, Any] | None = None,
) -> str:
    body: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09"}
    if parameters:
        body["Parameters"] = parameters
    body["Resources"] = resources
    if outputs:
        body["Outputs"] = outputs
    return json.dumps(body)


# One stack event, read back: (logical id, status, reason).
Event = tuple[str, str, str | None]


def stack_events(cfn: Any, stack: str) -> list[Event]:
    """The stack's events, oldest first."""
    answer = cfn.describe_stack_events(StackName=stack)["StackEvents"]
    return [
        (e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason"))
        for e in reversed(answer)
    ]


def events_since(cfn: Any, stack: str, status: str) -> list[Event]:
    """The stack's events, oldest first, from its last stack event with ``status`` on."""
    events = stack_events(cfn, stack)
    start = max(i for i, e in enumerate(events) if e[0] == stack and e[1] == status)
    return events[start:]


def stack_status(cfn: Any, stack: str) -> str:
    return str(cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"])


def example(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def parameters(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"ParameterKey": key, "ParameterValue": value} for key, value in values.items()]


# Parameters or tags by name; None leaves them out.
Strings = dict[str, str] | None


def _stack_request(name: str, template: str, params: Strings, tags: Strings) -> dict[str, Any]:
    """A CreateStack or UpdateStack request; ``tags`` None leaves them out."""
    request: dict[str, Any] = {
        "StackName": name,
        "TemplateBody": template,
        "Parameters": parameters(params or {}),
    }
    if tags is not None:
        request["Tags"] = tag_list(tags)
    return request


class Stacks:
    """boto3 clients for CloudFormation and Customer Profiles at one target."""

    def __init__(self, target: str, endpoint_url: str | None) -> None:
        self.target = target
        self.endpoint_url = endpoint_url
        session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        )
        self.cf = session.client("cloudformation", endpoint_url=endpoint_url, config=NO_RETRIES)
        self.cp = session.client("customer-profiles", endpoint_url=endpoint_url, config=NO_RETRIES)

    def stack(self, name: str) -> dict[str, Any]:
        return dict(self.cf.describe_stacks(StackName=name)["Stacks"][0])

    def create(
        self, name: str, template: str, params: Strings = None, tags: Strings = None
    ) -> dict[str, Any]:
        return self._submit(
            self.cf.create_stack, _stack_request(name, template, params, tags or {})
        )

    def update(
        self, name: str, template: str, params: Strings = None, tags: Strings = None
    ) -> dict[str, Any]:
        """Tags left out (None) keep the stack's own."""
        return self._submit(self.cf.update_stack, _stack_request(name, template, params, tags))

    def _submit(self, call: Callable[..., Any], request: dict[str, Any]) -> dict[str, Any]:
        call(**request)
        return self.stack(request["StackName"])

    def delete(self, name: str) -> None:
        stack_id = self.stack(name)["StackId"]
        self.cf.delete_stack(StackName=name)
        assert self.stack(stack_id)["StackStatus"] == "DELETE_COMPLETE"

    def outputs(self, name: str) -> dict[str, str]:
        found = self.stack(name).get("Outputs") or []
        return {o["OutputKey"]: o.get("OutputValue", "") for o in found}

    def trigger(self, domain: str, name: str) -> dict[str, Any] | None:
        """The trigger as the local service holds it; None when it has none of that name."""
        try:
            found = dict(self.cp.get_event_trigger(DomainName=domain, EventTriggerName=name))
        except self.cp.exceptions.ResourceNotFoundException:
            return None
        found.pop("ResponseMetadata", None)
        return found

    def triggers(self, domain: str) -> list[str]:
        try:
            items = self.cp.list_event_triggers(DomainName=domain)["Items"]
        except self.cp.exceptions.ResourceNotFoundException:
            return []
        return sorted(item["EventTriggerName"] for item in items)

    def domains(self) -> list[str]:
        return sorted(item["DomainName"] for item in self.cp.list_domains()["Items"])

    def domain_with_orders(self, domain: str) -> None:
        """A domain with the object type ``Orders``, made outside any stack."""
        self.cp.create_domain(DomainName=domain, DefaultExpirationDays=30)
        self.cp.put_profile_object_type(
            DomainName=domain, ObjectTypeName="Orders", Description="Orders"
        )


def targets(request: pytest.FixtureRequest, server_fixture: str = "cfn_server") -> Iterator[Stacks]:
    """The body of a fixture parametrized with ``TARGETS``."""
    register()
    if request.param == "server":
        url = request.getfixturevalue(server_fixture)
        ServerControl(url).reset()
        try:
            yield Stacks("server", url)
        finally:
            ServerControl(url).reset()
        return
    with mock_customer_profiles():
        yield Stacks("inprocess", None)


@contextmanager
def counting_handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts the provider entrypoint's invocations by action inside the block."""
    from aws_customerprofiles_eventtrigger import handlers

    real = handlers.resource
    counts: Counter[str] = Counter()
    active = [True]

    def counted(event: dict[str, Any], context: Any) -> Any:
        if active[0]:
            counts[str(event.get("action"))] += 1
        return real(event, context)

    monkeypatch.setattr(handlers, "resource", counted)
    try:
        yield counts
    finally:
        active[0] = False


@contextmanager
def capturing_events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """The HandlerRequests the provider's entrypoint receives inside the block."""
    from aws_customerprofiles_eventtrigger import handlers

    real = handlers.resource
    seen: list[dict[str, Any]] = []

    def captured(event: dict[str, Any], context: Any) -> Any:
        seen.append(event)
        return real(event, context)

    monkeypatch.setattr(handlers, "resource", captured)
    yield seen


def cli_env(home: Path) -> dict[str, str]:
    """The environment for the AWS CLI: the guide's fake credentials, none of the caller's
    profiles or config; skips the test when the CLI is not installed."""
    if shutil.which("aws") is None:
        pytest.skip("the AWS CLI is not installed")
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "offline",
        "AWS_SECRET_ACCESS_KEY": "offline",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": str(home / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
    }
    env.pop("AWS_PROFILE", None)
    return env


def aws_cli(home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs ``aws <args>`` (the AWS CLI) in ``cli_env(home)``."""
    env = cli_env(home)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["aws", *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )

    return run
