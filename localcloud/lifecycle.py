"""The whole lifecycle of an event trigger, through the real Lambda entrypoint (``make run``).

Each step sends the ``resource`` entrypoint a HandlerRequest shaped exactly as
CloudFormation sends it (caller credentials, stack tags, system tags, previous
state on update, nextToken on list), through the registry handler contract
(``localcloud.registry_handler``: IN_PROGRESS is followed with callbacks, with
the delay capped offline), and prints the result like a stack's event log. By
default it runs against the offline Customer Profiles service, in process; with
``--real-aws`` (or ``LIFECYCLE_REAL_AWS=1``) it runs against the account and
region of the usual credential chain instead.

Steps: set up a domain and an object type, create, read, update (conditions,
limits, one tag added and one removed), list following nextToken, delete, and
read again, which must fail with NotFound.

With ``--guesses`` it then runs the checks of what the local service guessed
(``tests/service/test_guesses.py``, see guides/fidelity.md), against the same
target: ``make run ARGS="--real-aws --guesses"`` settles them in an account.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3

from localcloud.core.offline import ACCOUNT_ID
from localcloud.registry_handler import (
    OFFLINE,
    CallbackPolicy,
    HandlerResult,
    drive,
    handler_request,
    invoke,
)
from localcloud.samples import ORDERS_OVER_500, attribute, condition

DOMAIN = "lifecycle-demo"
OBJECT_TYPE = "Orders"
NAME = "large-order"
STACK_TAGS = {"stack-owner": "platform-team"}
# Enough other triggers in the domain that LIST spans more than one page.
OTHER_TRIGGERS = 120

CONDITIONS = ORDERS_OVER_500
CREATE = {
    "DomainName": DOMAIN,
    "EventTriggerName": NAME,
    "ObjectTypeName": OBJECT_TYPE,
    "Description": "Orders over 500",
    "EventTriggerConditions": CONDITIONS,
    "EventTriggerLimits": {
        "Periods": [{"Unit": "DAYS", "Value": 1, "MaxInvocationsPerProfile": 1}]
    },
    "Tags": [{"Key": "team", "Value": "crm"}, {"Key": "stage", "Value": "beta"}],
}
UPDATE = {
    **CREATE,
    "EventTriggerConditions": [
        condition(
            attribute(
                "GREATER_THAN_OR_EQUAL", "1000", source="_order.TotalPrice", field_name="TotalPrice"
            ),
            attribute("INCLUSIVE", "PAID", source="_order.Status", field_name="Status"),
            logical="ALL",
        )
    ],
    "EventTriggerLimits": {
        "EventExpiration": 3_600_000,
        "Periods": [
            {"Unit": "HOURS", "Value": 12, "MaxInvocationsPerProfile": 2},
            {"Unit": "WEEKS", "Value": 1, "Unlimited": True},
        ],
    },
    # "stage" removed, "owner" added, "team" kept.
    "Tags": [{"Key": "team", "Value": "crm"}, {"Key": "owner", "Value": "marketing"}],
}


class Run:
    """Sends each step to the entrypoint and prints it as a stack event."""

    def __init__(
        self,
        region: str,
        credentials: dict[str, str] | None,
        account: str,
        policy: CallbackPolicy = OFFLINE,
    ) -> None:
        self.region = region
        self.credentials = credentials
        self.account = account
        self.policy = policy
        self.failures: list[str] = []

    def request(self, action: str, properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return handler_request(
            action,
            properties,
            region=self.region,
            credentials=self.credentials,
            account_id=self.account,
            **extra,
        )

    def step(
        self, action: str, properties: dict[str, Any], expect: str = "SUCCESS", **extra: Any
    ) -> HandlerResult:
        event = self.request(action, properties, stack_tags=STACK_TAGS, **extra)
        result = drive(None, event, policy=self.policy)
        self.print_event(action, result)
        if result.status != expect or (expect == "FAILED" and result.error_code != "NotFound"):
            self.failures.append(f"{action}: expected {expect}, got {result.status}")
        return result

    @staticmethod
    def print_event(action: str, result: HandlerResult, note: str = "") -> None:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        code = result.error_code or "-"
        print(f"{now}  {action:<7} {result.status:<11} {code:<13}", end="")
        if result.message or note:
            print(f" {result.message or note}", end="")
        print()
        if result.model is not None:
            print(_indent(json.dumps(result.model, indent=2, sort_keys=True)))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def set_up_domain(client: Any, other_triggers: int) -> None:
    print(f"Setting up domain {DOMAIN!r} with object type {OBJECT_TYPE!r}")
    with contextlib.suppress(client.exceptions.BadRequestException):
        client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
    client.put_profile_object_type(
        DomainName=DOMAIN,
        ObjectTypeName=OBJECT_TYPE,
        Description="Orders ingested from the shop",
        AllowProfileCreation=True,
    )
    for index in range(other_triggers):
        client.create_event_trigger(
            DomainName=DOMAIN,
            EventTriggerName=f"other-trigger-{index:03d}",
            ObjectTypeName=OBJECT_TYPE,
            EventTriggerConditions=CONDITIONS,
        )
    if other_triggers:
        print(f"  and {other_triggers} other triggers, so the list spans pages")


def lifecycle(run: Run) -> None:
    key = {"DomainName": DOMAIN, "EventTriggerName": NAME}
    run.step("CREATE", CREATE)
    run.step("READ", key)
    run.step("UPDATE", UPDATE, previous_properties=CREATE)
    pages, found, token = 0, 0, None
    while True:
        result = invoke(None, run.request("LIST", {"DomainName": DOMAIN}, next_token=token))
        pages += 1
        found += sum(1 for model in result.models if model.get("EventTriggerName") == NAME)
        note = f"page {pages}: {len(result.models)} triggers" + (
            ", nextToken follows" if result.next_token else ""
        )
        run.print_event("LIST", result, note)
        token = result.next_token
        if result.status != "SUCCESS":
            run.failures.append("LIST failed")
            break
        if not token:
            break
    if found != 1:
        run.failures.append(f"LIST found the trigger {found} times")
    run.step("DELETE", key)
    run.step("READ", key, expect="FAILED")


@contextlib.contextmanager
def offline_service() -> Iterator[None]:
    from localcloud.customer_profiles import mock_customer_profiles

    with mock_customer_profiles():
        yield


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--real-aws",
        action="store_true",
        default=os.environ.get("LIFECYCLE_REAL_AWS") == "1",
        help="run against the account of the usual credential chain, not the offline service",
    )
    parser.add_argument("--region", default=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
    parser.add_argument(
        "--guesses",
        action="store_true",
        help="then check each guess of the local service (tests/service/test_guesses.py)",
    )
    args = parser.parse_args(argv)

    if args.real_aws:
        session = boto3.Session(region_name=args.region)
        found = session.get_credentials()
        if found is None:
            print("No AWS credentials found in the usual chain.")
            return 2
        frozen = found.get_frozen_credentials()
        credentials: dict[str, str] | None = {
            "accessKeyId": str(frozen.access_key),
            "secretAccessKey": str(frozen.secret_key),
            "sessionToken": str(frozen.token or ""),
        }
        account = session.client("sts").get_caller_identity()["Account"]
        context: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        other_triggers = 0
        print(f"Running against AWS account {account} in {args.region}")
    else:
        credentials, account, context = None, ACCOUNT_ID, offline_service()
        other_triggers = OTHER_TRIGGERS
        print(f"Running against the offline Customer Profiles service ({args.region})")

    with context:
        client = boto3.client("customer-profiles", region_name=args.region)
        set_up_domain(client, other_triggers)
        # Against an account, a callback waits as long as the handler asks.
        policy = CallbackPolicy(max_delay_seconds=None) if args.real_aws else OFFLINE
        run = Run(args.region, credentials, account, policy)
        lifecycle(run)
        if not args.real_aws:
            client.delete_domain(DomainName=DOMAIN)

    if run.failures:
        print("Lifecycle FAILED: " + "; ".join(run.failures))
        return 1
    print("Lifecycle complete: every step gave the expected result.")
    if args.guesses:
        return check_guesses(args.real_aws, args.region)
    return 0


def guesses_command(real_aws: bool, region: str) -> tuple[list[str], dict[str, str]]:
    """The pytest run of the guesses' checks, and its environment."""
    env = {**os.environ, "AWS_REGION": region}
    if real_aws:
        env["CP_REAL_AWS"] = "1"
    command = [sys.executable, "-m", "pytest", "tests/service/test_guesses.py"]
    command += ["tests/service/test_trigger_guesses.py", "-q"]
    return [*command, "-p", "no:randomly", "-p", "no:cacheprovider"], env


def check_guesses(real_aws: bool, region: str) -> int:
    command, env = guesses_command(real_aws, region)
    print("Checking the local service's guesses: " + " ".join(command[2:]))
    return subprocess.call(command, env=env)  # noqa: S603 (this interpreter, fixed arguments)


if __name__ == "__main__":
    sys.exit(main())
