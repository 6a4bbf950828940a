"""A resource type's schema: where it comes from, the facts it gives, and validation against it.

Two sources: this project's schema file (``ResourceSchema.load()``, the type
Cloud Control serves) and the schemas cfn-lint publishes for every AWS type
(``published``; ``schema_of`` lets a model supply its own by defining
``cloudformation_resource_schema()``, for a type cfn-lint does not know or a
newer revision). Everything below comes from the schema, so a change to the
schema changes what is accepted and what is reported:

* the primary identifier (what ``Ref`` returns and Cloud Control's
  ``Identifier``: the values in schema order, joined with ``|``), create-only
  properties (changing one replaces the resource), read-only properties (GetAtt,
  a nested one by its dotted name, as ``RuleBasedMatching.Status``), the tag
  property and the property naming the resource;
* primitive conversion (CloudFormation hands every parameter over as a string);
* validation with jsonschema (Draft 7, as the CloudFormation meta-schema does),
  with two adjustments for fidelity with CloudFormation's Java validator: ``$``
  in a pattern means end of input (ECMA-262), not "before a final newline" as
  in Python, and messages read like CloudFormation's (``#: required key
  [DomainName] not found``). Each validator is built once per schema and kept:
  identifiers are checked on every request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from localcloud.core.schema_file import resource_schema_path

__all__ = [
    "SCHEMA_ALIAS",
    "SCHEMA_PACKAGE",
    "SCHEMA_REGION",
    "EcmaValidator",
    "ResourceSchema",
    "UnknownType",
    "changed_create_only",
    "describe",
    "ecma_pattern",
    "property_paths",
    "published",
    "ref_value",
    "schema_of",
    "tag_property",
]

# The name the list handlerSchema uses to refer to the resource schema.
SCHEMA_ALIAS = "resource-schema.json"
# cfn-lint's package data: providers/<region>.json maps a type name to a file in resources/.
SCHEMA_PACKAGE = "cfnlint.data.schemas"
SCHEMA_REGION = "us-east-1"

# -- validation as CloudFormation's validator reads a schema ---------------------------


def ecma_pattern(pattern: str) -> str:
    """``pattern`` with each unescaped ``$`` outside a class made to mean end of input."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_pattern(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterable[Any]:
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = jsonschema.validators.extend(Draft7Validator, {"pattern": _pattern})


def describe(error: jsonschema.ValidationError) -> str:
    """One line in CloudFormation's style: ``#/Path: what is wrong``."""
    where = "#" + "".join(f"/{part}" for part in error.absolute_path)
    detail = error.message
    if error.validator == "required":
        detail = f"required key [{error.message.split(chr(39))[1]}] not found"
    elif error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        detail = f"extraneous key [{', '.join(extra)}] is not permitted"
    elif error.validator == "pattern":
        detail = f"string [{error.instance}] does not match pattern {error.validator_value}"
    elif error.validator == "type":
        found = type(error.instance).__name__
        detail = f"expected type: {error.validator_value}, found: {found}"
    elif error.validator == "enum":
        detail = f"{error.instance} is not a valid enum value"
    elif error.validator in ("maxLength", "minLength", "maxItems", "minItems"):
        detail = (
            f"expected {error.validator}: {error.validator_value}, actual: {len(error.instance)}"
        )
    return f"{where}: {detail}"


# -- the schema and its facts ----------------------------------------------------------


def property_paths(pointers: Iterable[str]) -> list[tuple[str, ...]]:
    """``/properties/A/B`` pointers as model paths (``("A", "B")``); other pointers are left out."""
    paths = []
    for pointer in pointers:
        parts = str(pointer).split("/")
        if parts[:2] == ["", "properties"] and len(parts) > 2:
            paths.append(tuple(part.replace("~1", "/").replace("~0", "~") for part in parts[2:]))
    return paths


_MISSING = object()


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


class UnknownType(LookupError):
    """cfn-lint ships no schema for this type name."""


class ResourceSchema:
    """One resource type's schema, with the facts it gives and its validators."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = dict(document)
        self.type_name: str = str(self.document.get("typeName", ""))
        self.primary_identifier: tuple[str, ...] = tuple(
            path[0]
            for path in property_paths(self.document.get("primaryIdentifier", []))
            if len(path) == 1
        )
        self.read_only = tuple(property_paths(self.document.get("readOnlyProperties", [])))
        self.create_only = tuple(property_paths(self.document.get("createOnlyProperties", [])))
        resource = Resource.from_contents(self.document, default_specification=DRAFT7)
        self._registry: Registry[Any] = Registry().with_resource(SCHEMA_ALIAS, resource)
        self._property_validators: dict[str, Any] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> ResourceSchema:
        """This project's schema: the file at ``path``, by default the one ``schema_file`` finds."""
        return cls(json.loads((path or resource_schema_path()).read_text(encoding="utf-8")))

    # -- facts ----------------------------------------------------------------------

    @cached_property
    def tag_property(self) -> str | None:
        """The top-level property that holds the type's tags, or None if it takes none."""
        tagging = self.document.get("tagging")
        if isinstance(tagging, dict):
            if not tagging.get("taggable", True):
                return None
            paths = property_paths([str(tagging.get("tagProperty", "/properties/Tags"))])
            return paths[0][0] if paths else None
        return "Tags" if "Tags" in self.document.get("properties", {}) else None

    @cached_property
    def attributes(self) -> dict[str, tuple[str, ...]]:
        """GetAtt name -> path in the model: each readOnlyProperty, dotted when nested."""
        return {".".join(path): path for path in self.read_only}

    @cached_property
    def name_property(self) -> str:
        """The property that names the resource: the last part of the primary identifier.

        Empty when that part is not a name a template gives (``Uri`` is a source).
        """
        last = self.primary_identifier[-1] if self.primary_identifier else ""
        return last if last.endswith("Name") else ""

    def identifier_of(self, properties: Mapping[str, Any]) -> str:
        """The primary identifier string: values in schema order, joined by ``|``."""
        return "|".join(str(properties[name]) for name in self.primary_identifier)

    def ref_value(self, properties: Mapping[str, Any]) -> str | None:
        """What ``Ref`` returns: the identifier string, None while a part of it is unknown."""
        names = self.primary_identifier
        if not names or any(properties.get(name) is None for name in names):
            return None
        return self.identifier_of(properties)

    def attribute(self, name: str, model: Mapping[str, Any]) -> Any:
        """The value of GetAtt ``name`` in ``model``; None when the model has none."""
        value = _at(model, self.attributes[name])
        return None if value is _MISSING else value

    def changed_create_only(self, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
        """Create-only properties (dotted paths) whose value differs between two property sets."""
        return [
            ".".join(path) for path in self.create_only if _at(before, path) != _at(after, path)
        ]

    def without_read_only(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        """``properties`` less the top-level read-only ones (nested ones are left)."""
        top = {path[0] for path in self.read_only if len(path) == 1}
        return {name: value for name, value in properties.items() if name not in top}

    def coerce(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        """``properties`` with strings made the integers, numbers and booleans the schema says.

        Templates hand every parameter over as a string; CloudFormation converts
        a primitive value to the type the schema declares before it validates.
        """
        return dict(_coerce(dict(properties), self.document, self.document))

    # -- validation -----------------------------------------------------------------

    @cached_property
    def _validator(self) -> Any:
        return EcmaValidator(self.document, registry=self._registry)

    @cached_property
    def _list_validator(self) -> Any:
        handler_schema = self.document["handlers"]["list"].get("handlerSchema", {})
        return EcmaValidator(handler_schema, registry=self._registry)

    def _property_validator(self, name: str) -> Any:
        """The validator of one top-level property, built on first use and kept."""
        validator = self._property_validators.get(name)
        if validator is None:
            validator = EcmaValidator(self._property_schema(name), registry=self._registry)
            # A racing thread may build it too; either copy is the same validator.
            validator = self._property_validators.setdefault(name, validator)
        return validator

    def _property_schema(self, name: str) -> dict[str, Any]:
        """The property's schema, its ``$ref`` followed when what it names has none of its own.

        Checking against the definition itself spares a reference lookup on every
        call; a definition that refers further is checked through the reference.
        """
        reference = f"{SCHEMA_ALIAS}#/properties/{name}"
        resolver = self._registry.resolver()
        contents: Any = resolver.lookup(reference).contents
        while isinstance(contents, Mapping) and set(contents) == {"$ref"}:
            target = str(contents["$ref"])
            reference = f"{SCHEMA_ALIAS}{target}" if target.startswith("#") else target
            contents = resolver.lookup(reference).contents
        if isinstance(contents, Mapping) and "$ref" not in json.dumps(contents):
            return dict(contents)
        return {"$ref": reference}

    @staticmethod
    def _messages(validator: Any, instance: Any) -> list[str]:
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        return [describe(error) for error in errors]

    def validate(self, properties: Mapping[str, Any]) -> list[str]:
        """Why the schema refuses ``properties``; empty when it accepts them."""
        return self._messages(self._validator, properties)

    def validate_list_model(self, model: Mapping[str, Any]) -> list[str]:
        """Why the list handler's ``handlerSchema`` refuses ``model``."""
        return self._messages(self._list_validator, model)

    def validate_property(self, name: str, value: Any) -> list[str]:
        """Why the schema refuses ``value`` for the top-level property ``name``."""
        return [
            message.replace("#", f"#/{name}", 1)
            for message in self._messages(self._property_validator(name), value)
        ]


def _resolve(node: Mapping[str, Any], document: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node and str(node["$ref"]).startswith("#/"):
        target: Any = document
        for part in str(node["$ref"])[2:].split("/"):
            target = target[part]
        node = target
    return node


def _coerce(value: Any, node: Mapping[str, Any], document: Mapping[str, Any]) -> Any:
    node = _resolve(node, document)
    kind = node.get("type")
    if isinstance(value, Mapping):
        fields = node.get("properties") or {}
        return {
            key: _coerce(item, fields[key], document) if key in fields else item
            for key, item in value.items()
        }
    if isinstance(value, list):
        items = node.get("items")
        return [_coerce(item, items, document) for item in value] if items else value
    if not isinstance(value, str):
        return value
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            number = float(value)
            return int(number) if number.is_integer() and "." not in value else number
    except ValueError:
        return value  # validation names it
    if kind == "boolean" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


# -- the published schemas, by type name -----------------------------------------------


@lru_cache(maxsize=1)
def _index() -> dict[str, Any]:
    data = resources.files(SCHEMA_PACKAGE)
    index: dict[str, Any] = json.loads(
        (data / "providers" / f"{SCHEMA_REGION}.json").read_text("utf-8")
    )
    return index


@lru_cache(maxsize=512)
def _published(type_name: str) -> ResourceSchema | None:
    digest = _index().get(type_name)
    if not isinstance(digest, str):
        return None
    path = resources.files(SCHEMA_PACKAGE) / "resources" / f"{digest}.json"
    return ResourceSchema(json.loads(path.read_text("utf-8")))


def published(type_name: str) -> ResourceSchema:
    """The schema cfn-lint publishes for ``type_name``, read once; ``UnknownType`` if none."""
    schema = _published(type_name)
    if schema is None:
        raise UnknownType(f"cfn-lint ships no schema for {type_name}")
    return schema


_NONE = ResourceSchema({})


def schema_of(resource_type: str, model: Any = None) -> ResourceSchema:
    """The type's schema: the model's own if it has one, else the published one (empty if none)."""
    own = getattr(model, "cloudformation_resource_schema", None)
    if callable(own):
        document = own()
        if isinstance(document, dict):
            return ResourceSchema(document)
    return _published(resource_type) or _NONE


# What the stack engine asks of any type, by type name (and its model, for a schema of its own).


def ref_value(resource_type: str, properties: Mapping[str, Any], model: Any = None) -> str | None:
    """What ``Ref`` returns: the primary identifier's values joined with ``|`` (None if unknown)."""
    return schema_of(resource_type, model).ref_value(properties)


def tag_property(resource_type: str, model: Any = None) -> str | None:
    """The top-level property that holds the type's tags, or None if it takes none."""
    return schema_of(resource_type, model).tag_property


def changed_create_only(
    resource_type: str, before: Mapping[str, Any], after: Mapping[str, Any], model: Any = None
) -> list[str]:
    """Create-only properties (dotted paths) whose value differs between two property sets."""
    return schema_of(resource_type, model).changed_create_only(before, after)
