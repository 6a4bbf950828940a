"""Deploy a template offline, as ``aws cloudformation deploy`` does, and follow it.

    python -m localcloud.cloudformation deploy --template-file examples/minimal.yaml
    python -m localcloud.cloudformation deploy --template-file T --stack-name S \\
        --parameter-overrides DomainName=retail --tags team=crm --endpoint-url http://127.0.0.1:4566
    python -m localcloud.cloudformation deploy --template-file T --stack-name S --delete

It creates or updates the stack through a change set (a stack that does not
exist yet is created), prints one line per stack event as it happens (time,
logical id, type, status, reason), then the stack's outputs. With nothing to
change it says so and succeeds. It exits 1 with one line on stderr when the
stack fails or the input is wrong (a template it cannot read, a parameter not
in the template, an endpoint it cannot reach).

With ``--endpoint-url`` it talks to a running server (``make serve``), as it
does when ``AWS_ENDPOINT_URL_CLOUDFORMATION`` or ``AWS_ENDPOINT_URL`` is set
(botocore's variables, the first winning; ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true``
ignores them). Otherwise everything runs in this process, under moto's mock, in
a fresh empty account that is gone when the command ends: a template that needs
a domain made outside it cannot succeed there. ``main(argv)`` is the command,
for other command lines to call (``customerprofiles-localcloud deploy``).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from localcloud.cli_support import UsageError, configured_endpoint, key_value_pairs
from localcloud.core.offline import FAKE_CREDENTIALS
from localcloud.core.tags import tag_list

POLL_SECONDS = 0.2
MAX_WAIT_SECONDS = 3600.0
NO_CHANGES = ("didn't contain changes", "No updates are to be performed")
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]


class DeployError(Exception):
    """What went wrong, in one line."""


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="python -m localcloud.cloudformation deploy",
        description="Deploy a CloudFormation template offline and print its events.",
    )
    parse.add_argument("--template-file", required=True, type=Path)
    parse.add_argument("--stack-name", help="default: the template file's name")
    parse.add_argument("--parameter-overrides", nargs="*", default=[], metavar="KEY=VALUE")
    parse.add_argument("--tags", nargs="*", default=None, metavar="KEY=VALUE")
    parse.add_argument(
        "--endpoint-url",
        help="a running server (default: $AWS_ENDPOINT_URL_CLOUDFORMATION or "
        "$AWS_ENDPOINT_URL if set, else in this process)",
    )
    parse.add_argument("--region", default="us-east-1")
    parse.add_argument("--delete", action="store_true", help="delete the stack instead")
    return parse


def default_stack_name(template: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9-]+", "-", template.stem).strip("-")
    return name if name[:1].isalpha() else f"stack-{name}"


def event_line(event: dict[str, Any]) -> str:
    stamp = event["Timestamp"].strftime("%H:%M:%S")
    reason = event.get("ResourceStatusReason") or ""
    fields = [stamp, event["LogicalResourceId"], event["ResourceType"], event["ResourceStatus"]]
    return "  ".join([*fields, reason]).rstrip()


class Deployment:
    """One deploy (or delete) with one CloudFormation client, printing to ``out``."""

    def __init__(self, client: Any, out: TextIO) -> None:
        self.client = client
        self.out = out
        self.seen: set[str] = set()

    def _stack(self, name_or_id: str) -> dict[str, Any] | None:
        try:
            stacks = self.client.describe_stacks(StackName=name_or_id)["Stacks"]
        except ClientError as error:
            if "does not exist" in str(error.response.get("Error", {}).get("Message", "")):
                return None
            raise
        return dict(stacks[0]) if stacks else None

    def _events(self, stack_id: str) -> list[dict[str, Any]]:
        events = self.client.describe_stack_events(StackName=stack_id)["StackEvents"]
        return list(reversed(events))  # oldest first

    def _print_new(self, stack_id: str) -> list[dict[str, Any]]:
        new = [e for e in self._events(stack_id) if e["EventId"] not in self.seen]
        for event in new:
            self.seen.add(event["EventId"])
            print(event_line(event), file=self.out, flush=True)
        return new

    def _follow(self, stack_id: str, action: Callable[[], Any]) -> dict[str, Any]:
        """Runs ``action`` in the background, printing events until the stack settles."""
        self.seen.update(e["EventId"] for e in self._events(stack_id))
        failure: list[BaseException] = []

        def run() -> None:
            try:
                action()
            except BaseException as error:  # reported below, in this thread
                failure.append(error)

        worker = threading.Thread(target=run, name="stack-operation", daemon=True)
        worker.start()
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while True:
            worker.join(POLL_SECONDS)
            self._print_new(stack_id)
            if failure:
                error = failure[0]
                if isinstance(error, ClientError | BotocoreConnectionError | HTTPClientError):
                    raise error
                # An engine that lets a resource's failure escape the request.
                raise DeployError(f"the stack operation failed: {error}") from error
            stack = self._stack(stack_id)
            status = stack["StackStatus"] if stack else "DELETE_COMPLETE"
            if not worker.is_alive() and not status.endswith("_IN_PROGRESS"):
                self._print_new(stack_id)
                return stack or {"StackStatus": status}
            if time.monotonic() > deadline:
                raise DeployError(f"the stack was still {status} after {MAX_WAIT_SECONDS:.0f}s")

    def _parameters(
        self, template: str, overrides: dict[str, str], existing: dict[str, Any] | None
    ) -> list[dict[str, Any]]:
        summary = self.client.get_template_summary(TemplateBody=template)
        names = [p["ParameterKey"] for p in summary.get("Parameters", [])]
        unknown = sorted(set(overrides) - set(names))
        if unknown:
            raise DeployError(f"the template has no parameter {', '.join(unknown)}")
        previous = {p["ParameterKey"] for p in (existing or {}).get("Parameters", [])}
        parameters: list[dict[str, Any]] = []
        for name in names:
            if name in overrides:
                parameters.append({"ParameterKey": name, "ParameterValue": overrides[name]})
            elif name in previous:
                parameters.append({"ParameterKey": name, "UsePreviousValue": True})
        return parameters

    def deploy(
        self,
        stack_name: str,
        template: str,
        overrides: dict[str, str],
        tags: dict[str, str] | None,
    ) -> int:
        existing = self._stack(stack_name)
        status = existing["StackStatus"] if existing else None
        if status in ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED"):
            raise DeployError(f"stack {stack_name} is {status}: delete it first (--delete)")
        kind = "UPDATE" if existing and status != "REVIEW_IN_PROGRESS" else "CREATE"
        request: dict[str, Any] = {
            "StackName": stack_name,
            "ChangeSetName": f"deploy-{int(time.time() * 1000)}",
            "ChangeSetType": kind,
            "TemplateBody": template,
            "Parameters": self._parameters(
                template, overrides, existing if kind == "UPDATE" else None
            ),
            "Capabilities": CAPABILITIES,
        }
        if tags is not None:
            request["Tags"] = tag_list(tags)
        try:
            made = self.client.create_change_set(**request)
        except ClientError as error:
            if any(text in str(error) for text in NO_CHANGES):
                return self._no_changes(stack_name, None)
            raise
        change_set = self._settled_change_set(made["Id"])
        if change_set["Status"] == "FAILED":
            reason = change_set.get("StatusReason") or ""
            if any(text in reason for text in NO_CHANGES):
                return self._no_changes(stack_name, made["Id"])
            raise DeployError(f"the change set failed: {reason}")
        self._print_changes(change_set)
        stack = self._follow(
            made["StackId"],
            lambda: self.client.execute_change_set(ChangeSetName=made["Id"]),
        )
        return self._finish(stack_name, stack, f"{kind}_COMPLETE")

    def _settled_change_set(self, change_set_id: str) -> dict[str, Any]:
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while True:
            change_set = dict(self.client.describe_change_set(ChangeSetName=change_set_id))
            if not str(change_set["Status"]).endswith(("_PENDING", "_IN_PROGRESS")):
                return change_set
            if time.monotonic() > deadline:
                raise DeployError("the change set was not ready in time")
            time.sleep(POLL_SECONDS)

    def _print_changes(self, change_set: dict[str, Any]) -> None:
        for change in change_set.get("Changes", []):
            resource = change.get("ResourceChange", {})
            replacement = resource.get("Replacement")
            extra = f" (replacement: {replacement})" if replacement else ""
            line = f"{resource.get('Action')} {resource.get('LogicalResourceId')}"
            print(f"  {line}  {resource.get('ResourceType')}{extra}", file=self.out)

    def _no_changes(self, stack_name: str, change_set_id: str | None) -> int:
        if change_set_id:
            with contextlib.suppress(ClientError):
                self.client.delete_change_set(ChangeSetName=change_set_id)
        print(f"No changes to deploy. Stack {stack_name} is up to date", file=self.out)
        return 0

    def _finish(self, stack_name: str, stack: dict[str, Any], wanted: str) -> int:
        status = stack["StackStatus"]
        if status != wanted:
            raise DeployError(f"stack {stack_name} ended {status}{self._first_failure(stack)}")
        outputs = stack.get("Outputs") or []
        print(f"Stack {stack_name}: {status}", file=self.out)
        if outputs:
            print("Outputs:", file=self.out)
            for output in outputs:
                print(f"  {output['OutputKey']} = {output.get('OutputValue', '')}", file=self.out)
        return 0

    def _first_failure(self, stack: dict[str, Any]) -> str:
        stack_id = stack.get("StackId")
        if not stack_id:
            return ""
        for event in self._events(stack_id):
            if event["ResourceStatus"].endswith("_FAILED") and event.get("ResourceStatusReason"):
                return f": {event['LogicalResourceId']}: {event['ResourceStatusReason']}"
        return ""

    def delete(self, stack_name: str) -> int:
        existing = self._stack(stack_name)
        if existing is None:
            raise DeployError(f"stack {stack_name} does not exist")
        stack_id = existing["StackId"]
        stack = self._follow(stack_id, lambda: self.client.delete_stack(StackName=stack_id))
        return self._finish(stack_name, {"StackId": stack_id, **stack}, "DELETE_COMPLETE")


@contextlib.contextmanager
def in_process() -> Iterator[None]:
    """moto's mock with the local Customer Profiles service and the resource types."""
    from localcloud import cloudformation
    from localcloud.customer_profiles import mock_customer_profiles

    with mock_customer_profiles():
        cloudformation.register()
        yield


def session(region: str) -> boto3.session.Session:
    """A session with the offline credentials (any server and the in-process mock take them)."""
    return boto3.session.Session(
        aws_access_key_id=FAKE_CREDENTIALS["accessKeyId"],
        aws_secret_access_key=FAKE_CREDENTIALS["secretAccessKey"],
        aws_session_token=FAKE_CREDENTIALS["sessionToken"],
        region_name=region,
    )


def client(endpoint_url: str | None, region: str) -> Any:
    """The CloudFormation client a deploy uses (``endpoint_url`` None: in-process)."""
    return session(region).client(
        "cloudformation",
        endpoint_url=endpoint_url,
        config=Config(retries={"mode": "standard", "total_max_attempts": 2}, read_timeout=900),
    )


def endpoint_url(args: argparse.Namespace) -> str | None:
    """The server to deploy to: ``--endpoint-url``, else the endpoint botocore configures for
    CloudFormation (``cli_support.configured_endpoint``); None: in-process."""
    if args.endpoint_url:
        return str(args.endpoint_url)
    return configured_endpoint("cloudformation")


def run(args: argparse.Namespace, out: TextIO) -> int:
    stack_name = args.stack_name or default_stack_name(args.template_file)
    overrides = key_value_pairs(args.parameter_overrides, "--parameter-overrides")
    tags = key_value_pairs(args.tags, "--tags") if args.tags is not None else None
    template = "" if args.delete else read_template(args.template_file)
    endpoint = endpoint_url(args)
    with contextlib.nullcontext() if endpoint else in_process():
        deployment = Deployment(client(endpoint, args.region), out)
        if args.delete:
            return deployment.delete(stack_name)
        return deployment.deploy(stack_name, template, overrides, tags)


def read_template(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DeployError(f"cannot read the template file {path}: {reason}") from error


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """The deploy command; returns the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    args = parser().parse_args(argv)
    try:
        return run(args, out)
    except FAILURES as error:
        print(f"deploy: {problem(error, endpoint_url(args))}", file=err)
        return 1


# What a deploy can end with, each reported in one line by ``problem``.
FAILURES = (DeployError, UsageError, ClientError, BotoCoreError)


def problem(error: Exception, endpoint: str | None = None) -> str:
    """One line for a deploy that failed with one of ``FAILURES``, whatever it quotes."""
    if isinstance(error, ClientError):
        details = error.response.get("Error", {})
        message = details.get("Message") or details.get("Code") or str(error)
        text = f"{error.operation_name}: {message}"
    elif isinstance(error, BotocoreConnectionError | HTTPClientError):
        text = f"cannot reach {endpoint or 'the in-process endpoint'}: {error}"
    else:
        text = str(error)
    return " ".join(text.split())
