"""``mock_customer_profiles`` as decorator and context manager, like moto's own mocks."""

from __future__ import annotations

import os

import boto3
import pytest

from localcloud.customer_profiles import (
    ENDPOINT_ENV,
    OPERATIONS,
    calls,
    faults,
    mock_customer_profiles,
)


def domains() -> list[str]:
    client = boto3.client("customer-profiles", region_name="us-east-1")
    return [item["DomainName"] for item in client.list_domains()["Items"]]


@mock_customer_profiles
def test_bare_decorator() -> None:
    boto3.client("customer-profiles", region_name="us-east-1").create_domain(
        DomainName="a", DefaultExpirationDays=1
    )
    assert domains() == ["a"]


@mock_customer_profiles()
def test_called_decorator_starts_empty() -> None:
    assert domains() == []


def test_context_manager_resets_state_faults_and_calls() -> None:
    with mock_customer_profiles():
        boto3.client("customer-profiles", region_name="us-east-1").create_domain(
            DomainName="a", DefaultExpirationDays=1
        )
        faults.inject("GetDomain", "ThrottlingException", count=None)
    assert calls() == {"CreateDomain": 1}  # still readable after the block
    with mock_customer_profiles():
        assert domains() == []
        assert faults.pending() == []
        assert calls() == {"ListDomains": 1}


def test_in_process_ignores_the_server_endpoint_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENDPOINT_ENV, "http://127.0.0.1:9")  # nothing listens there
    with mock_customer_profiles():
        assert ENDPOINT_ENV not in os.environ
        assert domains() == []
    assert os.environ[ENDPOINT_ENV] == "http://127.0.0.1:9"


def test_state_is_per_account_and_region() -> None:
    with mock_customer_profiles():
        east = boto3.client("customer-profiles", region_name="us-east-1")
        west = boto3.client("customer-profiles", region_name="us-west-2")
        east.create_domain(DomainName="only-east", DefaultExpirationDays=1)
        assert west.list_domains()["Items"] == []


def test_operations_lists_every_implemented_operation() -> None:
    assert len(OPERATIONS) == 20
    model = boto3.session.Session().get_available_services()
    assert "customer-profiles" in model
