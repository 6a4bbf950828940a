"""``mock_customer_profiles`` as decorator and context manager, like moto's own mocks."""

from __future__ import annotations

import os
import re

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.test import Client

from localcloud.core.regions import service_model
from localcloud.customer_profiles import (
    ENDPOINT_ENV,
    OPERATIONS,
    calls,
    faults,
    mock_customer_profiles,
    register,
)
from localcloud.customer_profiles.protocol import EMULATED

UNANSWERED = ("NotImplementedException", "UnknownOperationException")


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


def _answer(operation: str) -> tuple[int, str]:
    """Status and error code of a bare request to ``operation``'s method and path."""
    http = service_model("customer-profiles").operation_model(operation).http
    path = re.sub(r"\{[^}]+\}", "x", http["requestUri"]).split("?")[0]
    url = f"https://profile.us-east-1.amazonaws.com{path}"
    request = AWSRequest(method=http["method"], url=url, data=b"{}")
    SigV4Auth(Credentials("testing", "testing"), "profile", "us-east-1").add_auth(request)
    register()
    answer = Client(DomainDispatcherApplication(create_backend_app)).open(
        path, method=http["method"], data=b"{}", headers=dict(request.headers)
    )
    return answer.status_code, answer.headers.get("X-Amzn-Errortype", "")


def test_operations_lists_every_implemented_operation() -> None:
    model = set(service_model("customer-profiles").operation_names)
    assert len(EMULATED) == 32  # 27, and the 5 intent operations of botocore 1.44.18
    assert len(set(OPERATIONS)) == len(OPERATIONS) >= 27
    assert set(OPERATIONS) == set(EMULATED) & model
    with mock_customer_profiles():
        for operation in OPERATIONS:
            status, code = _answer(operation)
            assert status in (200, 400, 404), (operation, status, code)
            assert code not in UNANSWERED, (operation, status, code)


def test_model_operations_outside_operations_answer_501() -> None:
    others = sorted(set(service_model("customer-profiles").operation_names) - set(OPERATIONS))
    assert others
    with mock_customer_profiles():
        for operation in others:
            assert _answer(operation) == (501, "NotImplementedException"), operation
