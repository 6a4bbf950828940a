"""THE request validator: a request's members checked against botocore's model.

Every constraint comes from the model's shapes, never from a copy of them:
required members, string length, ``pattern`` (Java syntax, see ``patterns``),
``enum``, integer/long/double ranges (and the Java ``int``/``long`` ranges
services have), list and map sizes, and member types. A JSON string where the
model wants an integer is a type error, as it is for AWS.

Each violation records where it is and which rule it breaks; how that is worded
is the protocol's: ``rest_json_message`` (Customer Profiles) names the member
path as the model spells it and never the value, so nothing sensitive is echoed,
nor a map key under a sensitive shape; ``aws_json_message`` (Cloud Control)
words it as AWS's ValidationException does, with the value (``***`` when
sensitive) and a camelCase path. At most ``MAX_REPORTED`` are listed.

``ModelValidator.wire_params`` turns what came over a rest-json request (JSON
body, URI labels, query string) into member values, the model saying where each
member travels and what type its text stands for.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape

from . import json_text
from .patterns import matcher
from .regions import service_model

MAX_REPORTED = 10
JAVA_INT = (-(2**31), 2**31 - 1)
JAVA_LONG = (-(2**63), 2**63 - 1)

# A path step: a member name, a list index, or a map entry ("<key>" / "<value>" when unnamed).
Step = str | int | tuple[str]


@dataclass(frozen=True)
class Violation:
    """One broken constraint: where, which rule, and the value found there."""

    steps: tuple[Step, ...]
    rule: str
    value: Any = None
    sensitive: bool = False

    @property
    def path(self) -> str:
        """The path as the model spells it: ``EventTriggerConditions[0].LogicalOperator``."""
        return _model_path(self.steps)


Wording = Callable[[Violation], str]


def _model_path(path: tuple[Step, ...]) -> str:
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            name = step[0] if isinstance(step, tuple) else step
            out += f".{name}" if out else name
    return out


def rest_json_message(violation: Violation) -> str:
    """``Value at 'A.B[0].C' failed to satisfy constraint: ...``: never the value."""
    return f"Value at '{violation.path}' failed to satisfy constraint: {violation.rule}"


def _aws_path(path: tuple[Step, ...]) -> str:
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"{step + 1}.member")
        elif isinstance(step, tuple):
            parts.append(step[0])
        else:
            parts.append(step[:1].lower() + step[1:])
    return ".".join(parts)


def aws_json_message(violation: Violation) -> str:
    """``Value 'x' at 'clientToken' failed to satisfy constraint: ...``, as AWS words it."""
    value = violation.value
    if violation.sensitive:
        shown = "***"
    elif value is None:
        shown = "null"
    else:
        shown = f"'{value}'" if isinstance(value, str) else str(value)
    where = _aws_path(violation.steps)
    return f"Value {shown} at '{where}' failed to satisfy constraint: {violation.rule}"


class InputValidationError(ValueError):
    """The request breaks the model; ``str()`` is the service's message."""

    def __init__(self, violations: list[Violation], wording: Wording = rest_json_message) -> None:
        self.violations = violations
        shown = "; ".join(wording(v) for v in violations[:MAX_REPORTED])
        count = len(violations)
        plural = "error" if count == 1 else "errors"
        super().__init__(f"{count} validation {plural} detected: {shown}")


def _range_rule(shape: Shape, size: float, noun: str) -> str | None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        return f"Member must have {noun} greater than or equal to {low}"
    if high is not None and size > high:
        return f"Member must have {noun} less than or equal to {high}"
    return None


class _Walker:
    """Walks a value along its shape, collecting violations."""

    def __init__(self) -> None:
        self.violations: list[Violation] = []

    def fail(
        self, path: tuple[Step, ...], rule: str, value: Any = None, sens: bool = False
    ) -> None:
        self.violations.append(Violation(path, rule, value, sens))

    def check(self, shape: Shape, value: Any, path: tuple[Step, ...], sensitive: bool) -> None:
        sensitive = sensitive or bool(shape.metadata.get("sensitive"))
        check = getattr(self, f"_check_{shape.type_name}", None)
        if check is None:
            raise NotImplementedError(f"no validation for {shape.type_name} at {path}")
        check(shape, value, path, sensitive)

    def _check_structure(self, shape: StructureShape, value: Any, path: Any, sens: bool) -> None:
        if not isinstance(value, dict):
            self.fail(path, "Member must be an object", value, sens)
            return
        for name in shape.required_members:
            if value.get(name) is None:
                self.fail((*path, name), "Member must not be null")
        for name, member in shape.members.items():
            if value.get(name) is not None:
                self.check(member, value[name], (*path, name), sens)

    def _sized(
        self,
        shape: Shape,
        value: Any,
        path: Any,
        sens: bool,
        kind: type[list[Any]] | type[dict[Any, Any]],
    ) -> bool:
        """Whether ``value`` is a list (or map) at all; its length (or size) checked if so."""
        noun, measure = ("a list", "length") if kind is list else ("a map", "size")
        if not isinstance(value, kind):
            self.fail(path, f"Member must be {noun}", value, sens)
            return False
        if rule := _range_rule(shape, len(value), measure):
            self.fail(path, rule, value, sens)
        return True

    def _check_list(self, shape: ListShape, value: Any, path: Any, sens: bool) -> None:
        if not self._sized(shape, value, path, sens, list):
            return
        for index, item in enumerate(value):
            if item is None:
                self.fail((*path, index), "Member must not be null")
            else:
                self.check(shape.member, item, (*path, index), sens)

    def _check_map(self, shape: MapShape, value: Any, path: Any, sens: bool) -> None:
        if not self._sized(shape, value, path, sens, dict):
            return
        for key, item in value.items():
            before = len(self.violations)
            self.check(shape.key, key, (*path, ("<key>",)), sens)
            named = not sens and len(self.violations) == before
            item_path = (*path, (str(key),) if named else ("<value>",))
            if item is None:
                self.fail(item_path, "Member must not be null")
            else:
                self.check(shape.value, item, item_path, sens)

    def _check_string(self, shape: Shape, value: Any, path: Any, sens: bool) -> None:
        if not isinstance(value, str):
            self.fail(path, "Member must be a string", value, sens)
            return
        enum = shape.metadata.get("enum")
        if enum and value not in enum:
            self.fail(path, f"Member must satisfy enum value set: [{', '.join(enum)}]", value, sens)
            return
        if rule := _range_rule(shape, len(value), "length"):
            self.fail(path, rule, value, sens)
        pattern = shape.metadata.get("pattern")
        if pattern is not None and not matcher(pattern)(value):
            rule = f"Member must satisfy regular expression pattern: {pattern}"
            self.fail(path, rule, value, sens)

    def _check_integer(self, shape: Shape, value: Any, path: Any, sens: bool) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(path, "Member must be an integer", value, sens)
        else:
            low, high = JAVA_INT if shape.type_name == "integer" else JAVA_LONG
            if rule := _range_rule(shape, value, "value"):
                self.fail(path, rule, value, sens)
            elif not low <= value <= high:
                self.fail(path, f"Member must have value between {low} and {high}", value, sens)

    _check_long = _check_integer

    def _check_double(self, shape: Shape, value: Any, path: Any, sens: bool) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.fail(path, "Member must be a number", value, sens)
        elif not math.isfinite(value):
            self.fail(path, "Member must be a finite number", value, sens)
        elif rule := _range_rule(shape, value, "value"):
            self.fail(path, rule, value, sens)

    _check_float = _check_double

    def _check_boolean(self, shape: Shape, value: Any, path: Any, sens: bool) -> None:
        if not isinstance(value, bool):
            self.fail(path, "Member must be a boolean", value, sens)

    def _check_timestamp(self, shape: Shape, value: Any, path: Any, sens: bool) -> None:
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not (number or isinstance(value, datetime.datetime)):
            self.fail(path, "Member must be a timestamp (epoch seconds)", value, sens)
        elif number and not math.isfinite(value):
            self.fail(path, "Member must be a finite number", value, sens)

    def _check_blob(self, shape: Shape, value: Any, path: Any, sens: bool) -> None:
        if not isinstance(value, (str, bytes)):
            self.fail(path, "Member must be base64 data", value, sens)


def _from_text(shape: Shape, text: str, name: str, walker: _Walker) -> Any:
    """URI and query-string values arrive as text; the model says what they are."""
    kind = shape.type_name
    if kind in ("integer", "long"):
        if re.fullmatch(r"[+-]?[0-9]{1,20}", text):
            return int(text)
        walker.fail((name,), "Member must be an integer", text)
        return None
    if kind == "boolean":
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        walker.fail((name,), "Member must be a boolean", text)
        return None
    return text


class ModelValidator:
    """Checks requests of one service against its botocore model, worded for its protocol."""

    def __init__(self, service: str, wording: Wording = rest_json_message) -> None:
        self.service = service
        self.wording = wording

    def operation_model(self, operation: str) -> OperationModel:
        return service_model(self.service).operation_model(operation)

    def _shape(self, operation: str | OperationModel) -> StructureShape | None:
        model = self.operation_model(operation) if isinstance(operation, str) else operation
        return model.input_shape

    def validate_input(self, operation: str | OperationModel, params: Mapping[str, Any]) -> None:
        """Raise ``InputValidationError`` if ``params`` break the operation's input shape."""
        shape = self._shape(operation)
        if shape is None:
            return
        walker = _Walker()
        walker.check(shape, dict(params), (), False)
        if walker.violations:
            raise InputValidationError(walker.violations, self.wording)

    def wire_params(
        self,
        operation: str | OperationModel,
        body: Mapping[str, Any],
        uri: Mapping[str, str],
        query: Callable[[str], list[str]],
    ) -> dict[str, Any]:
        """Member name -> value, from a rest-json request's parts, as the model locates them."""
        shape = self._shape(operation)
        params: dict[str, Any] = {}
        if shape is None:
            return params
        walker = _Walker()
        for name, member in shape.members.items():
            location = member.serialization.get("location")
            wire_name = member.serialization.get("name", name)
            if location == "uri" and uri.get(wire_name) is not None:
                params[name] = _from_text(member, uri[wire_name], name, walker)
            elif location == "querystring" and (values := query(wire_name)):
                if isinstance(member, ListShape):
                    params[name] = [_from_text(member.member, v, name, walker) for v in values]
                else:
                    params[name] = _from_text(member, values[0], name, walker)
            elif location is None and body.get(wire_name) is not None:
                params[name] = body[wire_name]
        if walker.violations:
            raise InputValidationError(walker.violations, self.wording)
        return params


def load_json_body(raw: bytes | str | None) -> dict[str, Any]:
    """The request body as a JSON object; ``{}`` when empty. Raises ``ValueError`` naming
    what is wrong (``json_text``: not UTF-8, not JSON, NaN, lone surrogates, too deep)."""
    if not raw or not raw.strip():
        return {}
    body = json_text.loads(raw, "The request body")
    if not isinstance(body, dict):
        raise ValueError("The request body must be a JSON object")
    return body
