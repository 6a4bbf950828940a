"""One reader of a resource schema, for this project's type and every published one."""

from __future__ import annotations

from typing import Any

import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.core import resource_schema
from localcloud.core.resource_schema import ResourceSchema, UnknownType


def test_the_projects_schema_and_the_published_one_give_the_same_facts() -> None:
    own, published = ResourceSchema.load(), resource_schema.published(TYPE_NAME)
    assert own.type_name == published.type_name == TYPE_NAME
    assert (
        own.primary_identifier
        == published.primary_identifier
        == (
            "DomainName",
            "EventTriggerName",
        )
    )
    assert set(own.create_only) == set(published.create_only)
    assert set(own.read_only) == set(published.read_only)
    assert own.tag_property == published.tag_property == "Tags"
    assert own.name_property == published.name_property == "EventTriggerName"


def test_facts_come_from_the_pointers_as_written() -> None:
    schema = ResourceSchema(
        {
            "typeName": "Sample::Pointers::Thing",
            "properties": {"a/b": {"type": "string"}, "Nested": {"type": "object"}},
            "primaryIdentifier": ["/properties/Id", "/properties/Nested/Part"],
            "readOnlyProperties": ["/properties/a~1b", "/properties/Nested/Status"],
            "createOnlyProperties": ["/properties/Nested/Key", "/definitions/Ignored"],
            "tagging": {"taggable": True, "tagProperty": "/properties/Labels"},
        }
    )
    assert schema.primary_identifier == ("Id",)  # a nested part names no Ref value
    assert schema.read_only == (("a/b",), ("Nested", "Status"))
    assert schema.create_only == (("Nested", "Key"),)
    assert schema.tag_property == "Labels"
    assert schema.attribute("Nested.Status", {"Nested": {"Status": "ACTIVE"}}) == "ACTIVE"
    assert schema.attribute("Nested.Status", {"Nested": "flat"}) is None
    assert schema.changed_create_only({"Nested": {"Key": 1}}, {"Nested": {"Key": 2}}) == [
        "Nested.Key"
    ]
    assert schema.changed_create_only({}, {"Nested": {}}) == []
    assert schema.ref_value({"Id": 7}) == "7"
    assert schema.ref_value({"Id": None}) is None


def test_a_type_without_a_schema_has_no_facts() -> None:
    with pytest.raises(UnknownType, match="Sample::No::Schema"):
        resource_schema.published("Sample::No::Schema")
    empty = resource_schema.schema_of("Sample::No::Schema")
    assert (empty.primary_identifier, empty.create_only, empty.tag_property) == ((), (), None)
    assert resource_schema.ref_value("Sample::No::Schema", {"Id": "x"}) is None
    assert empty.name_property == ""
    assert empty.validate({"Anything": 1}) == []


def test_a_models_own_schema_wins_over_the_published_one() -> None:
    class OwnSchema:
        @staticmethod
        def cloudformation_resource_schema() -> dict[str, Any]:
            return {"primaryIdentifier": ["/properties/Key"], "tagging": {"taggable": False}}

    assert resource_schema.ref_value(TYPE_NAME, {"Key": "k"}, OwnSchema) == "k"
    assert resource_schema.tag_property(TYPE_NAME, OwnSchema) is None
    assert resource_schema.tag_property(TYPE_NAME) == "Tags"
    before = {"DomainName": "a", "EventTriggerName": "n"}
    after = {"DomainName": "b", "EventTriggerName": "n"}
    assert resource_schema.changed_create_only(TYPE_NAME, before, after) == ["DomainName"]
    assert resource_schema.changed_create_only(TYPE_NAME, before, after, OwnSchema) == []
