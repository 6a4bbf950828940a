"""The handlers' facts about the type come from the schema, and nowhere else."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger import schema_facts, translate
from aws_customerprofiles_eventtrigger.models import ResourceModel
from tools import generate

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "aws-customerprofiles-eventtrigger.json"


def committed_schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA_FILE.read_text()))


def test_the_committed_facts_are_what_the_schema_gives() -> None:
    derived = generate.render_schema_facts(generate.schema_facts(committed_schema()))
    committed = (ROOT / "src" / "aws_customerprofiles_eventtrigger" / "schema_facts.py").read_text()
    assert committed == derived, "schema_facts.py is stale: run `make generate`"


def test_the_facts_read_from_the_schema() -> None:
    facts = generate.schema_facts(committed_schema())
    assert facts == {
        "TYPE_NAME": "AWS::CustomerProfiles::EventTrigger",
        "PRIMARY_IDENTIFIER": ("DomainName", "EventTriggerName"),
        "CREATE_ONLY": ("DomainName", "EventTriggerName"),
        "READ_ONLY": ("CreatedAt", "LastUpdatedAt"),
        "WRITE_ONLY": (),
        "UPDATABLE": (
            "Description",
            "EventTriggerConditions",
            "EventTriggerLimits",
            "ObjectTypeName",
            "SegmentFilter",
        ),
        "TAGS_PROPERTY": "Tags",
        "INTEGER_PATHS": (
            "EventTriggerLimits.EventExpiration",
            "EventTriggerLimits.Periods[].MaxInvocationsPerProfile",
            "EventTriggerLimits.Periods[].Value",
        ),
        "NUMBER_PATHS": (),
        "BOOLEAN_PATHS": ("EventTriggerLimits.Periods[].Unlimited",),
    }
    # The module the handlers import holds the same values.
    assert {name: getattr(schema_facts, name) for name in facts} == facts


def schema_with(tmp_path: Path, **properties: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema, with properties added, written and read back as a file."""
    schema = copy.deepcopy(committed_schema())
    schema["properties"].update(properties)
    copied = tmp_path / "schema.json"
    copied.write_text(json.dumps(schema))
    return dict(json.loads(copied.read_text()))


def model_with(name: str, value: Any, **properties: Any) -> ResourceModel:
    """A model as `make generate` would make it once the schema has ``name``."""
    extended = dataclasses.make_dataclass(
        "ExtendedModel", [(name, Any, None)], bases=(ResourceModel,)
    )
    unset = {field.name: None for field in dataclasses.fields(ResourceModel)}
    return extended(**{**unset, **properties, name: value})


def test_a_property_added_to_the_schema_is_sent_on_create_and_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = schema_with(tmp_path, Priority={"type": "integer"})
    facts = generate.schema_facts(schema)
    assert "Priority" in facts["UPDATABLE"]
    model = model_with(
        "Priority",
        7,
        DomainName="retail",
        EventTriggerName="t",
        ObjectTypeName="Orders",
    )
    # Without the regenerated facts the new property is not sent ...
    assert "Priority" not in translate.update_request(model)
    # ... and with them it is, on create and on update.
    monkeypatch.setattr(schema_facts, "UPDATABLE", facts["UPDATABLE"])
    assert translate.create_request(model, {})["Priority"] == 7
    assert translate.update_request(model)["Priority"] == 7


def test_read_only_create_only_and_tag_properties_are_not_updatable(tmp_path: Path) -> None:
    schema = schema_with(tmp_path, Arn={"type": "string"}, Region={"type": "string"})
    schema["readOnlyProperties"].append("/properties/Arn")
    schema["createOnlyProperties"].append("/properties/Region")
    schema["writeOnlyProperties"] = ["/properties/Description"]
    facts = generate.schema_facts(schema)
    assert "Arn" not in facts["UPDATABLE"]
    assert "Region" not in facts["UPDATABLE"]
    assert "Tags" not in facts["UPDATABLE"]
    assert facts["READ_ONLY"][-1] == "Arn"
    assert facts["CREATE_ONLY"][-1] == "Region"
    assert facts["WRITE_ONLY"] == ("Description",)


def test_the_tag_property_and_type_name_follow_the_schema(tmp_path: Path) -> None:
    schema = schema_with(tmp_path, Labels={"type": "array"})
    schema["typeName"] = "Example::Custom::Thing"
    schema["tagging"]["tagProperty"] = "/properties/Labels"
    facts = generate.schema_facts(schema)
    assert facts["TYPE_NAME"] == "Example::Custom::Thing"
    assert facts["TAGS_PROPERTY"] == "Labels"
    assert "Labels" not in facts["UPDATABLE"]
    assert "Tags" in facts["UPDATABLE"]
    del schema["tagging"]
    assert generate.schema_facts(schema)["TAGS_PROPERTY"] is None
    assert "TAGS_PROPERTY: None = None" in generate.render_schema_facts(
        generate.schema_facts(schema)
    )


def test_a_nested_pointer_is_refused_by_name() -> None:
    schema = committed_schema()
    schema["createOnlyProperties"] = ["/properties/EventTriggerLimits/EventExpiration"]
    with pytest.raises(ValueError, match="EventTriggerLimits/EventExpiration"):
        generate.schema_facts(schema)


def test_typed_paths_follow_refs_into_objects_and_arrays(tmp_path: Path) -> None:
    schema = schema_with(
        tmp_path,
        Weights={"type": "array", "items": {"type": "number"}},
        Flags={"$ref": "#/definitions/Flags"},
        Size={"type": "integer"},
    )
    schema["definitions"]["Flags"] = {
        "type": "object",
        "properties": {
            "Rules": {"type": "array", "items": {"$ref": "#/definitions/Rule"}},
        },
    }
    schema["definitions"]["Rule"] = {
        "type": "object",
        "properties": {"On": {"type": "boolean"}, "Name": {"type": "string"}},
    }
    schema["readOnlyProperties"].append("/properties/Size")
    facts = generate.schema_facts(schema)
    assert facts["NUMBER_PATHS"] == ("Weights[]",)
    assert facts["BOOLEAN_PATHS"] == (
        "EventTriggerLimits.Periods[].Unlimited",
        "Flags.Rules[].On",
    )
    # Read-only properties are never input: no path for them.
    assert "Size" not in facts["INTEGER_PATHS"]


def test_a_ref_that_loops_is_refused_by_name(tmp_path: Path) -> None:
    schema = schema_with(tmp_path, Loop={"$ref": "#/definitions/A"})
    schema["definitions"]["A"] = {"$ref": "#/definitions/B"}
    schema["definitions"]["B"] = {"$ref": "#/definitions/A"}
    with pytest.raises(ValueError, match="cannot follow"):
        generate.schema_facts(schema)
