"""PutProfileObjectType, GetProfileObjectType, DeleteProfileObjectType, ListProfileObjectTypes."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.support.services import Env

pytestmark = pytest.mark.real_aws

FIELDS = {"TotalPrice": {"Source": "_order.TotalPrice", "Target": "_order.TotalPrice"}}
KEYS = {"_orderId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["OrderId"]}]}


def test_put_and_get_echo_what_was_given(cp: Env) -> None:
    domain = cp.domain()
    put = cp.client.put_profile_object_type(
        DomainName=domain,
        ObjectTypeName="Orders",
        Description="Orders",
        ExpirationDays=10,
        AllowProfileCreation=True,
        Fields=FIELDS,
        Keys=KEYS,
        Tags={"team": "crm"},
    )
    assert put["ObjectTypeName"] == "Orders"
    assert put["Description"] == "Orders"
    assert put["Fields"] == FIELDS and put["Keys"] == KEYS
    assert put["Tags"] == {"team": "crm"}
    got = cp.client.get_profile_object_type(DomainName=domain, ObjectTypeName="Orders")
    assert got["Fields"] == FIELDS and got["ExpirationDays"] == 10
    assert got["AllowProfileCreation"] is True


def test_put_again_replaces_and_keeps_created_at(cp: Env) -> None:
    domain = cp.domain()
    first = cp.client.put_profile_object_type(
        DomainName=domain, ObjectTypeName="Orders", Description="one"
    )
    second = cp.client.put_profile_object_type(
        DomainName=domain, ObjectTypeName="Orders", Description="two"
    )
    assert second["Description"] == "two"
    if cp.target != "aws":
        assert second["CreatedAt"] == first["CreatedAt"]
        assert second["LastUpdatedAt"] > first["LastUpdatedAt"]


def test_put_needs_the_domain(cp: Env, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.client.put_profile_object_type(
            DomainName=cp.name("nowhere"), ObjectTypeName="O", Description="d"
        )
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"ObjectTypeName": "Orders"}, "Description"),
        (
            {"ObjectTypeName": "Orders", "Description": "d", "Fields": {"bad key!": {}}},
            "Fields.<key>",
        ),
        (
            {
                "ObjectTypeName": "Orders",
                "Description": "d",
                "Fields": {"f": {"ContentType": "BLOB"}},
            },
            "Fields.<value>.ContentType",
        ),
        (
            {"ObjectTypeName": "Orders", "Description": "d", "MaxProfileObjectCount": 0},
            "MaxProfileObjectCount",
        ),
    ],
)
def test_put_validates(cp: Env, error_of: Any, params: dict[str, Any], field: str) -> None:
    domain = cp.domain()
    with pytest.raises(ClientError) as excinfo:
        cp.client.put_profile_object_type(DomainName=domain, **params)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    if cp.target != "aws":
        assert f"'{field}'" in message
        assert "bad key!" not in message  # Fields is sensitive: not even its keys


def test_get_missing_object_type(cp: Env, error_of: Any) -> None:
    domain = cp.domain()
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_profile_object_type(DomainName=domain, ObjectTypeName="Nope")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_profile_object_type(DomainName=domain, ObjectTypeName="-bad")
    assert error_of(excinfo)[0] == "BadRequestException"


def test_delete(cp: Env, error_of: Any) -> None:
    domain = cp.domain()
    cp.object_type(domain)
    assert cp.client.delete_profile_object_type(DomainName=domain, ObjectTypeName="Orders")[
        "Message"
    ]
    with pytest.raises(ClientError) as excinfo:
        cp.client.delete_profile_object_type(DomainName=domain, ObjectTypeName="Orders")
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        cp.client.delete_profile_object_type(DomainName=domain, ObjectTypeName="x" * 256)
    assert error_of(excinfo)[0] == "BadRequestException"


def test_list(cp: Env, error_of: Any) -> None:
    domain = cp.domain()
    for name in ("Returns", "Orders", "Carts"):
        cp.client.put_profile_object_type(
            DomainName=domain, ObjectTypeName=name, Description=name, Tags={"n": name}
        )
    first = cp.client.list_profile_object_types(DomainName=domain, MaxResults=2)
    assert [item["ObjectTypeName"] for item in first["Items"]] == ["Carts", "Orders"]
    assert first["Items"][0]["Description"] == "Carts"
    rest = cp.client.list_profile_object_types(DomainName=domain, NextToken=first["NextToken"])
    assert [item["ObjectTypeName"] for item in rest["Items"]] == ["Returns"]
    missing = cp.refused("list_profile_object_types", DomainName=cp.name("nowhere"))
    assert missing[0] == "ResourceNotFoundException"
    code, _ = cp.refused("list_profile_object_types", DomainName=domain, MaxResults=0)
    assert code == "BadRequestException"
