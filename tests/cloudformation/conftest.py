"""Fixtures for the CloudFormation tests: the engine registered, a stack client
in-process or over HTTP, and the probe resource type the tests can make fail
(``tests.support.probes``).

``cfn`` runs a test twice: in-process under moto's mock, and over HTTP to one
server for the package (reset between tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws

from localcloud.cloudformation import register
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.server import ServerControl, running_server
from tests.support.probes import REGION, Probe, Target
from tests.support.stacks import TARGETS, Stacks, targets


@pytest.fixture(scope="session", autouse=True)
def _engine() -> None:
    register()


@pytest.fixture
def probe() -> Iterator[type[Probe]]:
    Probe.reset()
    yield Probe
    Probe.reset()


@pytest.fixture(scope="package")
def _server_url() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    if request.param == "inprocess":
        with mock_aws():
            yield Target("inprocess", None)
        return
    url = request.getfixturevalue("_server_url")
    ServerControl(url).reset()
    try:
        yield Target("server", url)
    finally:
        ServerControl(url).reset()


@pytest.fixture
def target_server_url(_server_url: str) -> Iterator[str]:
    """The package's server, reset before and after the test."""
    ServerControl(_server_url).reset()
    try:
        yield _server_url
    finally:
        ServerControl(_server_url).reset()


@pytest.fixture
def cfn(target: Target) -> Any:
    return target.client("cloudformation")


@pytest.fixture(params=TARGETS)
def stacks(request: pytest.FixtureRequest) -> Iterator[Stacks]:
    """CloudFormation and Customer Profiles clients, in-process or over HTTP."""
    yield from targets(request, "_server_url")


@pytest.fixture
def cp() -> Iterator[Any]:
    """A Customer Profiles client in-process, for calling the resource types directly."""
    with mock_customer_profiles():
        yield boto3.client("customer-profiles", region_name=REGION)
