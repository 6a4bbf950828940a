"""Fixtures for the custom resource tests: the offline service in-process, a ResponseURL,
and for the stack tests the Lambda code built from this checkout and a local server.

Every test here drives the registry type's handlers through the custom resource
form, so every one records its API calls for the end-of-run permissions check.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest

from localcloud.cloudformation import register
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.server import ServerControl, running_server
from tests.support import registry_package
from tests.support.response_url import ResponseURL, response_url
from tests.support.samples import DOMAIN, OBJECT_TYPE
from tools import custom_resource_code


@pytest.fixture(autouse=True)
def _record_api_calls(api_calls: ModuleType) -> None:
    """The handlers' calls go into the end-of-run permissions check."""


@pytest.fixture
def service(no_faults: None) -> Iterator[Any]:
    """The offline service, in-process, with the domain and object type triggers need."""
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="us-east-1")
        client.create_domain(DomainName=DOMAIN, DefaultExpirationDays=366)
        client.put_profile_object_type(
            DomainName=DOMAIN, ObjectTypeName=OBJECT_TYPE, Description="Orders"
        )
        yield client


@pytest.fixture
def responses() -> Iterator[ResponseURL]:
    with response_url() as server:
        yield server


@pytest.fixture(scope="session")
def lambda_code_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The custom resource's Lambda code, as ``make custom-resource-code`` writes it out of
    a registry package with this checkout's code: ``make package``'s if it has it, else one
    built in a copy (``cfn submit --dry-run``)."""
    package = registry_package.current_package(tmp_path_factory.mktemp("project") / "copy")
    path, _ = custom_resource_code.write_code(package, tmp_path_factory.mktemp("dist"))
    return path


@pytest.fixture(scope="module")
def _stack_server() -> Iterator[str]:
    register()
    with running_server() as url:
        yield url


@pytest.fixture
def stack_server(_stack_server: str) -> Iterator[str]:
    """A local server (CloudFormation runs custom resources' functions), emptied before and
    after the test."""
    ServerControl(_stack_server).reset()
    try:
        yield _stack_server
    finally:
        ServerControl(_stack_server).reset()
