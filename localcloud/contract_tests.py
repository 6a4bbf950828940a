"""The CloudFormation CLI's contract suite (``cfn test``), offline (``make contract``).

``cfn test`` invokes the handler over the Lambda Invoke REST API and first asks
STS, at its fixed AWS endpoint, who the caller is. Here, in one process:

- the offline Customer Profiles service and STS run in-process under moto's
  ``mock_aws`` (through ``mock_customer_profiles``), which answers both;
- ``localcloud.lambda_invoke`` serves Invoke on 127.0.0.1 and runs the
  ``resource`` entrypoint in-process, as SAM would in a container;
- the domains and object types the ``inputs/`` name are created first, since
  the suite's ``{{Export}}`` placeholders need CloudFormation itself.

Credentials are the offline ones (``localcloud.core.offline``), with a session
token, so the suite does not call sts:GetSessionToken. The suite drives the
handler through the registry contract itself (its ``ResourceClient`` sends the
callbacks); ``localcloud.registry_handler`` follows the same contract for the
local services. Extra arguments go to ``cfn test`` (after ``--``, to pytest).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import sys
from pathlib import Path

import boto3

from localcloud.core.offline import FAKE_CREDENTIALS

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
PORT = int(os.environ.get("CONTRACT_INVOKE_PORT", "3001"))
# The suite logs whole models at INFO; the largest input set is megabytes.
QUIET = ["--", "-o", "log_cli=false", "-p", "no:logging"]


def names_in_inputs(root: Path = ROOT) -> set[tuple[str, str]]:
    """The (domain, object type) pairs the contract inputs use."""
    pairs = set()
    for path in sorted(glob.glob(str(root / "inputs" / "inputs_*.json"))):
        model = json.loads(Path(path).read_text())
        if isinstance(model.get("DomainName"), str) and isinstance(
            model.get("ObjectTypeName"), str
        ):
            pairs.add((model["DomainName"], model["ObjectTypeName"]))
    return pairs


def set_up(pairs: set[tuple[str, str]]) -> None:
    client = boto3.client("customer-profiles", region_name=REGION)
    for domain in sorted({domain for domain, _ in pairs}):
        with contextlib.suppress(client.exceptions.BadRequestException):
            client.create_domain(DomainName=domain, DefaultExpirationDays=366)
    for domain, object_type in sorted(pairs):
        with contextlib.suppress(client.exceptions.BadRequestException):
            client.put_profile_object_type(
                DomainName=domain, ObjectTypeName=object_type, Description="Contract tests"
            )


class Outcomes:
    """A pytest plugin that counts the suite's outcomes over every input set."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {"passed": 0, "failed": 0, "skipped": 0}
        self.sessions = 0

    def pytest_sessionstart(self, session: object) -> None:
        self.sessions += 1

    def pytest_runtest_logreport(self, report: object) -> None:
        when, outcome = getattr(report, "when", ""), getattr(report, "outcome", "")
        if outcome == "skipped" or (when == "call" and outcome in self.counts):
            self.counts[outcome] += 1
        elif outcome == "failed":  # a failing fixture fails its test too
            self.counts["failed"] += 1

    def summary(self) -> str:
        counts = self.counts
        return (
            f"Contract tests: {counts['passed']} passed, {counts['failed']} failed,"
            f" {counts['skipped']} skipped, over {self.sessions} input sets"
        )


def main(argv: list[str]) -> int:
    os.environ.update(
        AWS_ACCESS_KEY_ID=FAKE_CREDENTIALS["accessKeyId"],
        AWS_SECRET_ACCESS_KEY=FAKE_CREDENTIALS["secretAccessKey"],
        AWS_SESSION_TOKEN=FAKE_CREDENTIALS["sessionToken"],
        AWS_DEFAULT_REGION=REGION,
    )
    os.environ.pop("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", None)
    os.environ.pop("AWS_PROFILE", None)

    import pytest
    from rpdk.core.cli import main as cfn

    from localcloud import lambda_invoke
    from localcloud.customer_profiles import mock_customer_profiles

    outcomes = Outcomes()
    pytest_main = pytest.main

    def with_outcomes(args: list[str], plugins: list[object] | None = None) -> object:
        return pytest_main(args, plugins=[*(plugins or []), outcomes])

    os.chdir(ROOT)
    status = 0
    with mock_customer_profiles(), lambda_invoke.serving(PORT) as endpoint:
        set_up(names_in_inputs())
        pytest.main = with_outcomes  # type: ignore[assignment]
        try:
            cfn(["test", "--endpoint", endpoint, "--region", REGION, *(argv or QUIET)])
        except SystemExit as done:
            status = 1 if isinstance(done.code, str) else int(done.code or 0)
        finally:
            pytest.main = pytest_main
    print(outcomes.summary())
    if outcomes.counts["skipped"] or outcomes.counts["failed"] or not outcomes.counts["passed"]:
        status = status or 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
