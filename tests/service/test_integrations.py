"""PutIntegration, GetIntegration, ListIntegrations, DeleteIntegration, with EventTriggerNames."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.services import Env

pytestmark = pytest.mark.real_aws


@pytest.fixture
def domain(cp: Env) -> str:
    name = cp.domain()
    cp.object_type(name)
    cp.trigger(name)
    return name


def stream(cp: Env, name: str = "events") -> str:
    return f"arn:aws:kinesis:{cp.region}:{cp.account}:stream/{cp.name(name)}"


def test_put_get_list_delete_with_event_trigger_names(cp: Env, domain: str, error_of: Any) -> None:
    uri = stream(cp)
    put = cp.client.put_integration(
        DomainName=domain,
        Uri=uri,
        ObjectTypeName="Orders",
        EventTriggerNames=["big-order"],
        Tags={"team": "crm"},
    )
    assert put["DomainName"] == domain and put["Uri"] == uri
    assert put["EventTriggerNames"] == ["big-order"]
    assert put["Tags"] == {"team": "crm"}
    got = cp.client.get_integration(DomainName=domain, Uri=uri)
    assert got["EventTriggerNames"] == ["big-order"] and got["ObjectTypeName"] == "Orders"
    listed = cp.client.list_integrations(DomainName=domain)["Items"]
    assert [item["Uri"] for item in listed] == [uri]
    assert listed[0]["EventTriggerNames"] == ["big-order"]
    assert cp.client.delete_integration(DomainName=domain, Uri=uri)["Message"]
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_integration(DomainName=domain, Uri=uri)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_put_with_an_unknown_event_trigger_is_refused(cp: Env, domain: str, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.put_integration(
            DomainName=domain, Uri=stream(cp), ObjectTypeName="Orders", EventTriggerNames=["ghost"]
        )
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    assert "ghost" in message


def test_put_with_an_unknown_object_type_is_refused(cp: Env, domain: str, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.put_integration(DomainName=domain, Uri=stream(cp), ObjectTypeName="Nope")
    assert error_of(excinfo)[0] == "BadRequestException"


def test_put_needs_the_domain(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.put_integration(
            DomainName=cp.name("nowhere"), Uri=stream(cp), ObjectTypeName="Orders"
        )
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"EventTriggerNames": ["a", "b"]}, "EventTriggerNames"),
        ({"EventTriggerNames": []}, "EventTriggerNames"),
        ({"EventTriggerNames": ["bad name"]}, "EventTriggerNames[0]"),
        ({"Scope": "WORLD"}, "Scope"),
        ({"RoleArn": "not-an-arn"}, "RoleArn"),
    ],
)
def test_put_validates(
    cp: Env, domain: str, error_of: Any, params: dict[str, Any], field: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.put_integration(
            DomainName=domain, Uri=stream(cp), ObjectTypeName="Orders", **params
        )
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert f"'{field}'" in message


def test_get_and_delete_validate_and_need_the_integration(
    cp: Env, domain: str, error_of: Any
) -> None:
    for operation in (cp.client.get_integration, cp.client.delete_integration):
        with pytest.raises(ClientError) as excinfo:
            operation(DomainName=domain, Uri=stream(cp, "never"))
        assert error_of(excinfo)[0] == "ResourceNotFoundException"
        with pytest.raises(ClientError) as excinfo:
            operation(DomainName=domain)
        code, message = error_of(excinfo)
        assert code == "BadRequestException"
        if cp.target != "aws":
            assert "'Uri'" in message


def test_list_pages_and_validates(cp: Env, domain: str, error_of: Any) -> None:
    uris = sorted(stream(cp, f"s{index}") for index in range(3))
    for uri in uris:
        cp.client.put_integration(DomainName=domain, Uri=uri, ObjectTypeName="Orders")
    first = cp.client.list_integrations(DomainName=domain, MaxResults=2)
    rest = cp.client.list_integrations(DomainName=domain, NextToken=first["NextToken"])
    assert [item["Uri"] for item in first["Items"] + rest["Items"]] == uris
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_integrations(DomainName=cp.name("nowhere"))
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_integrations(DomainName=domain, MaxResults=101)
    assert error_of(excinfo)[0] == "BadRequestException"
