"""CreateDomain, GetDomain, DeleteDomain, ListDomains."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.services import Env

pytestmark = pytest.mark.real_aws


def test_create_and_get_echo_what_was_given(cp: Env) -> None:
    name = cp.name("retail")
    matching = {"Enabled": True, "JobSchedule": {"DayOfTheWeek": "MONDAY", "Time": "12:00"}}
    made = cp.client.create_domain(
        DomainName=name, DefaultExpirationDays=30, Matching=matching, Tags={"team": "crm"}
    )
    cp.domains.append(name)
    assert made["DomainName"] == name
    assert made["DefaultExpirationDays"] == 30
    assert made["Matching"]["JobSchedule"] == matching["JobSchedule"]
    assert made["Tags"] == {"team": "crm"}
    got = cp.client.get_domain(DomainName=name)
    assert got["DefaultExpirationDays"] == 30
    assert got["CreatedAt"] == made["CreatedAt"]
    assert got["Tags"] == {"team": "crm"}
    assert "Stats" in got


def test_create_twice_is_refused(cp: Env) -> None:
    name = cp.domain()
    code, message = cp.refused("create_domain", DomainName=name, DefaultExpirationDays=30)
    assert code == "BadRequestException"
    # The words AWS's own Domain handler recognises a duplicate by.
    assert f"Domain {name} already exists" in message


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"DefaultExpirationDays": 0}, "DefaultExpirationDays"),
        ({"DefaultExpirationDays": 1099}, "DefaultExpirationDays"),
        ({"DefaultExpirationDays": "30"}, "DefaultExpirationDays"),
        ({}, "DefaultExpirationDays"),
        ({"DefaultExpirationDays": 5, "Matching": {}}, "Matching.Enabled"),
        (
            {
                "DefaultExpirationDays": 5,
                "Matching": {
                    "Enabled": True,
                    "JobSchedule": {"DayOfTheWeek": "MONDAY", "Time": "25:00"},
                },
            },
            "Matching.JobSchedule.Time",
        ),
    ],
)
def test_create_validates(cp: Env, error_of: Any, params: dict[str, Any], field: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.create_domain(DomainName=cp.name("bad"), **params)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert f"'{field}'" in message


def test_get_missing_domain(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_domain(DomainName=cp.name("nowhere"))
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_get_validates(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_domain(DomainName="x" * 65)
    assert error_of(excinfo)[0] == "BadRequestException"


def test_delete_removes_the_domain(cp: Env, error_of: Any) -> None:
    name = cp.domain()
    assert cp.client.delete_domain(DomainName=name)["Message"]
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_domain(DomainName=name)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        cp.client.delete_domain(DomainName=name)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_delete_validates(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.delete_domain(DomainName="no/slash")
    assert error_of(excinfo)[0] == "BadRequestException"


def test_list_pages_by_name(cp: Env) -> None:
    if cp.target == "aws":
        pytest.skip("a real account lists its other domains too")
    for name in ("c", "a", "b"):
        cp.client.create_domain(DomainName=name, DefaultExpirationDays=1, Tags={"k": name})
    first = cp.client.list_domains(MaxResults=2)
    assert [item["DomainName"] for item in first["Items"]] == ["a", "b"]
    assert first["Items"][0]["Tags"] == {"k": "a"}
    second = cp.client.list_domains(MaxResults=2, NextToken=first["NextToken"])
    assert [item["DomainName"] for item in second["Items"]] == ["c"]
    assert "NextToken" not in second


def test_list_validates(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_domains(MaxResults=500)
    assert error_of(excinfo)[0] == "BadRequestException"
    with pytest.raises(ClientError) as excinfo:
        cp.client.list_domains(NextToken="not-a-token")
    assert error_of(excinfo)[0] == "BadRequestException"
