"""Run ``cfn generate`` with arrays of objects typed as lists, never as sets.

The python plugin (2.1.10) types an array with ``insertionOrder: false`` and
``uniqueItems: true`` as ``AbstractSet[...]`` and deserializes it with
``set(...)``. Items of such an array are JSON objects (dicts, or the generated
dataclasses), which are unhashable, so any request carrying ``Tags`` fails with
"unhashable type: 'dict'" before a handler runs (upstream plugin issue #248).

This step changes only the type the plugin resolves for such arrays: an array
whose items are objects becomes a list, which the generated code then
deserializes with ``deserialize_list`` into model instances. Arrays of
primitives keep the plugin's own typing. Uniqueness is still enforced where it
belongs: by the schema, which the handlers validate input against.

It then compiles the schema with fastjsonschema into two validators, so the
handlers check input against the schema without loading a JSON Schema library
at run time (a cold-start cost; see the benchmark):
- ``schema_validator.py``: the resource model;
- ``identifier_validator.py``: the identifiers alone, with the list handler's
  ``handlerSchema`` requirement (DomainName), for read, delete and list. It is
  compiled without fastjsonschema's detailed exceptions, which put a copy of
  the whole schema in every ``raise`` (24 KB of code to load on the first READ,
  DELETE or LIST). Its messages are the same without them, except "must
  contain" for a missing required property, which cannot happen there: the
  handlers refuse a missing identifier by name before validating.

Last, it writes ``schema_facts.py``: the type name, the primary identifier,
the create-only, read-only, write-only and updatable properties, the tag
property, and the JSON paths of the integer, number and boolean values
(``EventTriggerLimits.Periods[].Value``: ``[]`` is every item of an array), read
from the schema, so the handlers never hold a second copy. The custom resource
form converts CloudFormation's strings by those paths.

Usage: ``python tools/generate.py`` (what ``make generate`` runs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import fastjsonschema


def cfn_generate(arguments: list[str]) -> int:
    """``cfn generate``, with arrays of objects typed as lists (see the module docstring)."""
    from rpdk.core.cli import main
    from rpdk.core.jsonutils.resolver import ContainerType, ModelResolver, ResolvedType

    plugin_array_type = ModelResolver._get_array_lang_type

    def array_type_without_sets_of_objects(
        self: ModelResolver, property_schema: Any
    ) -> ResolvedType:
        resolved = plugin_array_type(self, property_schema)
        if (
            resolved.container == ContainerType.SET
            and resolved.type.container == ContainerType.MODEL
        ):
            return ResolvedType(ContainerType.LIST, resolved.type)
        return resolved

    ModelResolver._get_array_lang_type = array_type_without_sets_of_objects
    return int(main(["generate", *arguments]) or 0)


ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "aws-customerprofiles-eventtrigger.json"
PACKAGE = ROOT / "src" / "aws_customerprofiles_eventtrigger"
# The schema's only format, on EventExpiration; the integer type already holds it.
FORMATS = {"int64": r"^-?[0-9]+$"}
FACTS = "schema_facts.py"


def _property_name(pointer: str) -> str:
    """``/properties/Name`` -> ``Name``; the facts name top-level properties only."""
    name = pointer.removeprefix("/properties/")
    if name == pointer or "/" in name or name == "":
        raise ValueError(f"{pointer!r} does not name a top-level property")
    return name


def schema_facts(schema: dict[str, Any]) -> dict[str, Any]:
    """What the handlers need to know about the type, read from its schema.

    UPDATABLE holds the properties sent on both create and update besides the
    identifiers: every property but the read-only, the create-only, the
    primary identifier and the tag property (tags have calls of their own).
    Every tuple keeps the schema's order.
    """

    def names(key: str) -> tuple[str, ...]:
        return tuple(_property_name(pointer) for pointer in schema.get(key, []))

    tag_pointer = schema.get("tagging", {}).get("tagProperty")
    tags_property = _property_name(tag_pointer) if tag_pointer else None
    primary = names("primaryIdentifier")
    read_only, create_only = names("readOnlyProperties"), names("createOnlyProperties")
    held_back = {*primary, *read_only, *create_only, tags_property}
    return {
        "TYPE_NAME": schema["typeName"],
        "PRIMARY_IDENTIFIER": primary,
        "CREATE_ONLY": create_only,
        "READ_ONLY": read_only,
        "WRITE_ONLY": names("writeOnlyProperties"),
        "UPDATABLE": tuple(name for name in schema["properties"] if name not in held_back),
        "TAGS_PROPERTY": tags_property,
        **typed_paths(schema),
    }


# The JSON types a custom resource receives as strings, and the fact naming their paths.
TYPED_PATHS = {"integer": "INTEGER_PATHS", "number": "NUMBER_PATHS", "boolean": "BOOLEAN_PATHS"}


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its local ``$ref`` followed (``#/definitions/Name``), however deep."""
    seen: set[str] = set()
    while "$ref" in node:
        pointer = node["$ref"]
        if not pointer.startswith("#/") or pointer in seen:
            raise ValueError(f"cannot follow $ref {pointer!r}")
        seen.add(pointer)
        target: Any = schema
        for part in pointer.removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def typed_paths(schema: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """The paths of the values of each scalar type but string, in the schema's order.

    A path names properties with dots and every item of an array with ``[]``:
    ``EventTriggerLimits.Periods[].Value``. Read-only properties are left out:
    they are never input.
    """
    found: dict[str, list[str]] = {name: [] for name in TYPED_PATHS.values()}
    read_only = {_property_name(pointer) for pointer in schema.get("readOnlyProperties", [])}

    def walk(node: dict[str, Any], path: str, depth: int) -> None:
        if depth > 32:
            raise ValueError(f"the schema nests deeper than 32 levels at {path}")
        node = _resolved(schema, node)
        kind = node.get("type")
        if kind in TYPED_PATHS:
            found[TYPED_PATHS[kind]].append(path)
        elif kind == "array" and "items" in node:
            walk(node["items"], f"{path}[]", depth + 1)
        elif kind == "object" or "properties" in node:
            for name, child in node.get("properties", {}).items():
                walk(child, f"{path}.{name}" if path else name, depth + 1)

    for name, child in schema["properties"].items():
        if name not in read_only:
            walk(child, name, 0)
    return {name: tuple(paths) for name, paths in found.items()}


def _literal(value: Any) -> str:
    if isinstance(value, tuple):
        if len(value) < 2:
            return repr(value).replace("'", '"')
        return "(\n" + "".join(f'    "{item}",\n' for item in value) + ")"
    return repr(value).replace("'", '"')


def render_schema_facts(facts: dict[str, Any]) -> str:
    """The source of ``schema_facts.py``: plain constants, lint- and type-clean as written."""
    lines = [
        "# Generated by tools/generate.py from the schema. Do not edit: run `make generate`.",
        '"""Facts about the resource type, read from aws-customerprofiles-eventtrigger.json."""',
        "",
    ]
    for name, value in facts.items():
        if isinstance(value, tuple):
            annotation = "tuple[str, ...]"
        else:
            annotation = "str" if value is not None else "None"
        lines.append(f"{name}: {annotation} = {_literal(value)}")
    return "\n".join(lines) + "\n"


def write_schema_facts() -> None:
    facts = schema_facts(json.loads(SCHEMA.read_text()))
    (PACKAGE / FACTS).write_text(render_schema_facts(facts))


def validator_schemas(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    # Handler blocks and registry metadata are not JSON Schema keywords (and
    # hold cross-file $refs), so each validator gets the keywords it needs.
    list_schema = schema["handlers"]["list"]["handlerSchema"]
    identifiers = schema_facts(schema)["PRIMARY_IDENTIFIER"]
    return {
        "schema_validator.py": {
            key: schema[key]
            for key in ("definitions", "properties", "required", "additionalProperties")
        },
        "identifier_validator.py": {
            "definitions": schema["definitions"],
            "type": "object",
            "properties": {name: schema["properties"][name] for name in identifiers},
            "required": list_schema["required"],
        },
    }


# Whether a validator's exceptions carry the schema and value (see the module docstring).
DETAILED_EXCEPTIONS = {"schema_validator.py": True, "identifier_validator.py": False}


def write_validators() -> None:
    for filename, subschema in validator_schemas(json.loads(SCHEMA.read_text())).items():
        code = fastjsonschema.compile_to_code(
            subschema, formats=FORMATS, detailed_exceptions=DETAILED_EXCEPTIONS[filename]
        )
        header = (
            "# Generated by tools/generate.py from aws-customerprofiles-eventtrigger.json"
            " with fastjsonschema. Do not edit: run `make generate`.\n"
            "# ruff: noqa\n"
        )
        (PACKAGE / filename).write_text(header + code)


if __name__ == "__main__":
    status = cfn_generate(sys.argv[1:])
    write_validators()
    write_schema_facts()
    sys.exit(status)
