"""Fixtures for the SAM tests: a local server on 127.0.0.1 for the module, and the clients
that check what the ``sam`` CLI made there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from localcloud.cloudformation import register
from localcloud.server import ServerControl, running_server
from tests.support.constants import REGION
from tests.support.sam import Sam, copy_app, require_tools


@pytest.fixture(scope="module")
def sam_server() -> Iterator[str]:
    register()
    with running_server() as url:
        yield url


@pytest.fixture
def sam(sam_server: str, tmp_path: Path) -> Iterator[Sam]:
    """The ``sam`` CLI in a copy of the example, against a server emptied before and after
    the test."""
    require_tools()
    ServerControl(sam_server).reset()
    try:
        yield Sam(sam_server, tmp_path / "home", copy_app(tmp_path / "app"))
    finally:
        ServerControl(sam_server).reset()


@pytest.fixture
def cfn(sam_server: str) -> Any:
    return boto3.client("cloudformation", endpoint_url=sam_server, region_name=REGION)


@pytest.fixture
def profiles(sam_server: str) -> Any:
    return boto3.client("customer-profiles", endpoint_url=sam_server, region_name=REGION)


@pytest.fixture
def s3(sam_server: str) -> Any:
    return boto3.client("s3", endpoint_url=sam_server, region_name=REGION)


@pytest.fixture
def lambda_client(sam_server: str) -> Any:
    return boto3.client("lambda", endpoint_url=sam_server, region_name=REGION)


@pytest.fixture
def events(sam_server: str) -> Any:
    return boto3.client("events", endpoint_url=sam_server, region_name=REGION)


@pytest.fixture
def iam(sam_server: str) -> Any:
    return boto3.client("iam", endpoint_url=sam_server, region_name=REGION)
