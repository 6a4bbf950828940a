"""Fixtures for the offline Customer Profiles service's own tests.

Every test that takes ``cp`` runs twice: in-process (``mock_customer_profiles``)
and in server mode (real HTTP over 127.0.0.1 to one server per test session,
reset between tests). With ``CP_REAL_AWS=1`` it runs once against the real
service instead (credentials and region from the environment as it was when
pytest started), and only the tests marked ``real_aws`` run: the others need
the emulator (faults, call counts, its internals).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from localcloud.customer_profiles import mock_customer_profiles
from localcloud.server import LocalCloudServer, ServerControl
from tests.support.constants import ACCOUNT, REGION
from tests.support.services import Env, session

REAL_AWS = os.environ.get("CP_REAL_AWS") == "1"
_STARTUP_ENV = dict(os.environ)  # before the suite-wide fixture swaps in offline credentials
TARGETS = ["aws"] if REAL_AWS else ["inprocess", pytest.param("server", marks=pytest.mark.server)]


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
    return session()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    server = LocalCloudServer()
    try:
        yield server.start()
    finally:
        server.stop()


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
def domain(cp: Env) -> str:
    """A fresh domain with the ``Orders`` object type."""
    name = cp.domain()
    cp.object_type(name)
    return name


@pytest.fixture
def error_of() -> Callable[[Any], tuple[str, str]]:
    """``(Error.Code, Error.Message)`` of a ``ClientError``."""

    def read(excinfo: Any) -> tuple[str, str]:
        error = excinfo.value.response["Error"]
        return error["Code"], error["Message"]

    return read
