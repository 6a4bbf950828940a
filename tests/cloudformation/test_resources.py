"""What the published schemas give the engine, and how properties are checked before any request."""

from __future__ import annotations

from typing import Any

import pytest

from localcloud.cloudformation import register
from localcloud.cloudformation.engine import ResourceFailure
from localcloud.cloudformation.resources import TYPES
from localcloud.cloudformation.resources.domain import CustomerProfilesDomain
from localcloud.core import resource_schema
from localcloud.customer_profiles import calls, reset_calls
from tests.support.resources import (
    URI,
    create,
)

# -- what the schema gives the engine ------------------------------------------

SCHEMA_FACTS = {
    "AWS::CustomerProfiles::EventTrigger": (
        "retail|big-order",
        {"CreatedAt", "LastUpdatedAt"},
        {"DomainName", "EventTriggerName"},
    ),
    "AWS::CustomerProfiles::Domain": (
        "retail",
        {"CreatedAt", "LastUpdatedAt", "RuleBasedMatching.Status", "Stats", "DataStore.Readiness"},
        {"DomainName"},
    ),
    "AWS::CustomerProfiles::ObjectType": (
        "retail|Orders",
        {"CreatedAt", "LastUpdatedAt", "MaxAvailableProfileObjectCount"},
        {"DomainName", "ObjectTypeName"},
    ),
    "AWS::CustomerProfiles::Integration": (
        f"retail|{URI}",
        {"CreatedAt", "LastUpdatedAt"},
        {"DomainName", "Uri"},
    ),
}


@pytest.mark.parametrize("type_name", sorted(SCHEMA_FACTS))
def test_ref_getatt_and_create_only_come_from_the_published_schema(type_name: str) -> None:
    ref, attributes, create_only = SCHEMA_FACTS[type_name]
    cls = TYPES[type_name]
    identity = {
        "DomainName": "retail",
        "EventTriggerName": "big-order",
        "ObjectTypeName": "Orders",
        "Uri": URI,
    }
    assert resource_schema.ref_value(type_name, identity) == ref
    assert set(cls.schema().attributes) == attributes
    assert all(cls.has_cfn_attr(name) for name in attributes)
    assert not cls.has_cfn_attr("Arn")
    assert {path[0] for path in resource_schema.published(type_name).create_only} == create_only
    assert resource_schema.tag_property(type_name) == "Tags"


def test_moto_finds_the_four_types() -> None:
    from moto.cloudformation import parsing

    register()
    found = parsing.get_model_map()
    found_types: dict[str, Any] = {name: found[name] for name in TYPES}
    assert found_types == TYPES


# -- schema validation and types -------------------------------------------------


def test_properties_are_validated_before_any_request(cp: Any) -> None:
    reset_calls()
    with pytest.raises(ResourceFailure) as failed:
        create(CustomerProfilesDomain, "Domain", {"DomainName": "retail"})
    assert str(failed.value) == (
        "Properties validation failed for resource Domain with message: "
        "#: required key [DefaultExpirationDays] not found"
    )
    assert not calls()


def test_strings_from_parameters_take_the_schemas_types(cp: Any) -> None:
    create(
        CustomerProfilesDomain,
        "Domain",
        {"DomainName": "retail", "DefaultExpirationDays": "366", "Matching": {"Enabled": "false"}},
    )
    domain = cp.get_domain(DomainName="retail")
    assert domain["DefaultExpirationDays"] == 366
    assert domain["Matching"] == {"Enabled": False}
