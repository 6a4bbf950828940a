"""Fixtures for the offline Customer Profiles service's own tests.

Every test that takes ``cp`` runs twice: in-process (``mock_customer_profiles``)
and in server mode (real HTTP over 127.0.0.1 to one server per test session,
reset between tests). With ``CP_REAL_AWS=1`` it runs once against the real
service instead (credentials and region from the environment as it was when
pytest started), and only the tests marked ``real_aws`` run: the others need
the emulator (faults, call counts, its internals).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from botocore.config import Config

from localcloud.customer_profiles import calls, faults, mock_customer_profiles, reset_calls
from localcloud.server import LocalCloudServer, ServerControl
from tests.samples import CONDITIONS

REAL_AWS = os.environ.get("CP_REAL_AWS") == "1"
_STARTUP_ENV = dict(os.environ)  # before the suite-wide fixture swaps in offline credentials
REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
TARGETS = ["aws"] if REAL_AWS else ["inprocess", pytest.param("server", marks=pytest.mark.server)]
# No retries, and no client-side checks: the service's own validation is under test.
NO_RETRIES = Config(
    retries={"mode": "standard", "total_max_attempts": 1}, parameter_validation=False
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not REAL_AWS:
        return
    here = os.path.dirname(__file__)
    skip = pytest.mark.skip(reason="needs the emulator (not marked real_aws)")
    for item in items:
        if str(item.path).startswith(here) and item.get_closest_marker("real_aws") is None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def boto_session() -> boto3.Session:
    """One session for the run: loading the service model again per test is slow."""
    if REAL_AWS:
        env = _STARTUP_ENV
        return boto3.Session(
            aws_access_key_id=env.get("AWS_ACCESS_KEY_ID"),
            aws_secret_access_key=env.get("AWS_SECRET_ACCESS_KEY"),
            aws_session_token=env.get("AWS_SESSION_TOKEN"),
            profile_name=env.get("AWS_PROFILE"),
            region_name=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or REGION,
        )
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
    )


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    server = LocalCloudServer()
    try:
        yield server.start()
    finally:
        server.stop()


@dataclass
class Env:
    """What a test needs, whichever way it reaches the service."""

    target: str
    session: boto3.Session
    endpoint_url: str | None
    account: str
    region: str
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    domains: list[str] = field(default_factory=list)
    _client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = self.new_client(NO_RETRIES)
        return self._client

    def new_client(self, config: Config | None = None) -> Any:
        return self.session.client(
            "customer-profiles",
            region_name=self.region,
            endpoint_url=self.endpoint_url,
            config=config,
        )

    @property
    def control(self) -> ServerControl:
        assert self.endpoint_url is not None
        return ServerControl(self.endpoint_url)

    def inject(
        self, operation: str, fault: str, count: int | None = 1, seconds: float = 0.0
    ) -> None:
        if self.target == "server":
            self.control.inject(operation, fault, count=count, seconds=seconds)
        else:
            faults.inject(operation, fault, count=count, seconds=seconds)

    def clear_faults(self) -> None:
        self.control.clear() if self.target == "server" else faults.clear()

    def calls(self) -> dict[str, int]:
        return self.control.calls() if self.target == "server" else dict(calls())

    def reset_calls(self) -> None:
        self.control.reset_calls() if self.target == "server" else reset_calls()

    def name(self, base: str) -> str:
        """Unique per test, so a real account's leftovers never collide."""
        return f"{base}-{self.suffix}"

    def domain(self, base: str = "retail", **extra: Any) -> str:
        name = self.name(base)
        self.client.create_domain(
            DomainName=name, DefaultExpirationDays=extra.pop("days", 30), **extra
        )
        self.domains.append(name)
        return name

    def object_type(self, domain: str, name: str = "Orders") -> str:
        self.client.put_profile_object_type(
            DomainName=domain, ObjectTypeName=name, Description="Orders"
        )
        return name

    def trigger(self, domain: str, name: str = "big-order", **extra: Any) -> dict[str, Any]:
        params: dict[str, Any] = {
            "DomainName": domain,
            "EventTriggerName": name,
            "ObjectTypeName": "Orders",
            "EventTriggerConditions": CONDITIONS,
        }
        params.update(extra)
        return dict(self.client.create_event_trigger(**params))

    def arn(self, domain: str, trigger: str | None = None) -> str:
        partition = self.session.get_partition_for_region(self.region)
        resource = f"domains/{domain}" + (f"/event-triggers/{trigger}" if trigger else "")
        return f"arn:{partition}:profile:{self.region}:{self.account}:{resource}"

    def cleanup(self) -> None:
        for domain in self.domains:
            with contextlib.suppress(self.client.exceptions.ResourceNotFoundException):
                self.client.delete_domain(DomainName=domain)


@pytest.fixture(params=TARGETS)
def cp(request: pytest.FixtureRequest, boto_session: boto3.Session) -> Iterator[Env]:
    """The service, in-process or over HTTP (or real, with CP_REAL_AWS=1)."""
    target = request.param
    if target == "aws":
        account = boto_session.client("sts").get_caller_identity()["Account"]
        env = Env(target, boto_session, None, account, boto_session.region_name or REGION)
        try:
            yield env
        finally:
            env.cleanup()
        return
    if target == "server":
        url = request.getfixturevalue("server_url")
        ServerControl(url).reset()
        yield Env(target, boto_session, url, ACCOUNT, REGION)
        ServerControl(url).reset()
        return
    with mock_customer_profiles():
        yield Env(target, boto_session, None, ACCOUNT, REGION)


@pytest.fixture
def error_of() -> Callable[[Any], tuple[str, str]]:
    """``(Error.Code, Error.Message)`` of a ``ClientError``."""

    def read(excinfo: Any) -> tuple[str, str]:
        error = excinfo.value.response["Error"]
        return error["Code"], error["Message"]

    return read
