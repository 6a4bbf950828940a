"""Fixtures for the custom resource tests: the offline service in-process, and a ResponseURL.

Every test here drives the registry type's handlers through the custom resource
form, so every one records its API calls for the end-of-run permissions check.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import boto3
import pytest

from localcloud.customer_profiles import mock_customer_profiles
from tests.support.response_url import ResponseURL, response_url
from tests.support.samples import DOMAIN, OBJECT_TYPE


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
