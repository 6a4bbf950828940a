"""A local server for the Cloud Control tests, and boto3 clients pointed at it.

One server serves the whole session (the pytest plugin's), on a free 127.0.0.1 port, with handler
calls pointed back at it. Each test gets its own domain and object type, so
tests never see each other's triggers. Cloud Control runs the handlers, so
every test here records their API calls for the end-of-run permissions check.
"""

from __future__ import annotations

import uuid
from types import ModuleType
from typing import Any

import pytest

from tests.support import cloud


@pytest.fixture(autouse=True)
def _drives_handlers(api_calls: ModuleType, no_faults: None) -> None:
    """Handlers' calls go into the end-of-run permissions check; no fault outlives a test."""


@pytest.fixture
def endpoint(local_endpoint: str) -> str:
    """The session's local server (the plugin's ``local_endpoint``), reset for each test."""
    return local_endpoint


@pytest.fixture
def cloudcontrol(endpoint: str) -> Any:
    return cloud.cloudcontrol(endpoint)


@pytest.fixture
def customer_profiles(endpoint: str) -> Any:
    return cloud.customer_profiles(endpoint)


@pytest.fixture
def domain(customer_profiles: Any) -> str:
    """A fresh domain holding the object type ``orders``."""
    name = f"dom-{uuid.uuid4().hex[:12]}"
    customer_profiles.create_domain(DomainName=name, DefaultExpirationDays=30)
    customer_profiles.put_profile_object_type(
        DomainName=name,
        ObjectTypeName="orders",
        Description="Orders",
        Fields={"amount": {"Source": "_source.amount", "Target": "_order.Amount"}},
        Keys={"id": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["amount"]}]},
    )
    return name
