"""Fixtures for the CDK tests: a local server on 127.0.0.1 for the module, and the clients
that check what the ``cdk`` CLI made there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from localcloud.cloudformation import register
from localcloud.server import ServerControl, running_server
from tests.support.cdk import Cdk, require_tools
from tests.support.constants import REGION


@pytest.fixture(scope="module")
def cdk_server() -> Iterator[str]:
    register()
    with running_server() as url:
        yield url


@pytest.fixture
def cdk(cdk_server: str, tmp_path: Path) -> Iterator[Cdk]:
    """The ``cdk`` CLI against a server emptied before and after the test."""
    require_tools()
    ServerControl(cdk_server).reset()
    try:
        yield Cdk(cdk_server, tmp_path)
    finally:
        ServerControl(cdk_server).reset()


@pytest.fixture
def cfn(cdk_server: str) -> Any:
    return boto3.client("cloudformation", endpoint_url=cdk_server, region_name=REGION)


@pytest.fixture
def profiles(cdk_server: str) -> Any:
    return boto3.client("customer-profiles", endpoint_url=cdk_server, region_name=REGION)
