"""The resource schema as Cloud Control reads it: identifiers, property semantics, validation.

Everything comes from the schema file, so a change to the schema changes what
is accepted here. Validation uses jsonschema (Draft 7, as the CloudFormation
meta-schema does) with two adjustments for fidelity with CloudFormation's Java
validator: ``$`` in a pattern means end of input (ECMA-262), not "before a final
newline" as in Python, and messages read like CloudFormation's
(``#: required key [DomainName] not found``). Each validator is built once per
schema and kept: identifiers are checked on every request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from localcloud.core.schema_file import resource_schema_path

SCHEMA_PATH = resource_schema_path()
# The name the list handlerSchema uses to refer to the resource schema.
SCHEMA_ALIAS = "resource-schema.json"


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


def pointer(schema_path: str) -> tuple[str, ...]:
    """``/properties/A/B`` as the model path ``("A", "B")``."""
    parts = schema_path.split("/")[1:]
    return tuple(parts[1:]) if parts[:1] == ["properties"] else tuple(parts)


class ResourceSchema:
    """One resource type's schema, with the parts Cloud Control acts on."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = dict(document)
        self.type_name: str = self.document["typeName"]
        self.primary_identifier: tuple[str, ...] = tuple(
            pointer(path)[0] for path in self.document["primaryIdentifier"]
        )
        self.read_only = tuple(pointer(p) for p in self.document.get("readOnlyProperties", []))
        self.create_only = tuple(pointer(p) for p in self.document.get("createOnlyProperties", []))
        resource = Resource.from_contents(self.document, default_specification=DRAFT7)
        self._registry: Registry[Any] = Registry().with_resource(SCHEMA_ALIAS, resource)
        self._property_validators: dict[str, Any] = {}

    @classmethod
    def load(cls, path: Path = SCHEMA_PATH) -> ResourceSchema:
        return cls(json.loads(path.read_text(encoding="utf-8")))

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

    def identifier_of(self, properties: Mapping[str, Any]) -> str:
        """The primary identifier string: values in schema order, joined by ``|``."""
        return "|".join(str(properties[name]) for name in self.primary_identifier)

    def without_read_only(self, properties: Mapping[str, Any]) -> dict[str, Any]:
        """``properties`` less the top-level read-only ones (nested ones are left)."""
        top = {path[0] for path in self.read_only if len(path) == 1}
        return {name: value for name, value in properties.items() if name not in top}
