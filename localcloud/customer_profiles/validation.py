"""Input validation driven by botocore's own ``customer-profiles`` model.

Every constraint comes from the model's shapes, never from a copy of them:
required members, string length, ``pattern``, ``enum``, integer/long/double
ranges (and the Java ``int``/``long`` ranges the service has), list and map
sizes, and member types. A violation names the field path, e.g.
``EventTriggerConditions[0].LogicalOperator``, and never the value: several
members are sensitive (``Description``, ``EventTriggerConditions``...), so no
value is ever echoed, nor a map key under a sensitive shape.

Patterns are Java regular expressions. ``java_regex`` translates the Java-only
syntax to Python's ``re`` (ASCII ``\\w \\d \\s`` as in Java, ``\\p{Alpha}``-style
POSIX classes, ``\\Q..\\E``, ``\\z``, ``\\h``, ``(?<name>``, ``\\k<name>``) and refuses what it
cannot translate. A value must match the whole pattern, with one exception: a
pattern anchored with ``^`` but not ``$`` (the model's ``TagArn`` is
``^arn:[a-z0-9]{1,10}:profile``) is a prefix rule and is matched at the start.

``wire_params`` turns what came over HTTP (JSON body, URI labels, query string)
into member values without coercing the body: a JSON string where the model
wants an integer is a type error, as it is for the service.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, ServiceModel, Shape, StructureShape

SERVICE_NAME = "customer-profiles"
MAX_REPORTED = 10
JAVA_INT = (-(2**31), 2**31 - 1)
JAVA_LONG = (-(2**63), 2**63 - 1)

_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "Graph": "\\x21-\\x7e",
    "Print": "\\x20-\\x7e",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
_HSPACE = " \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000"


@dataclass(frozen=True)
class Violation:
    """One broken constraint: where, and which rule (never the value)."""

    path: str
    rule: str

    def __str__(self) -> str:
        return f"Value at '{self.path}' failed to satisfy constraint: {self.rule}"


class InputValidationError(ValueError):
    """The request breaks the model; ``str()`` is the service's message."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        shown = "; ".join(str(v) for v in violations[:MAX_REPORTED])
        count = len(violations)
        plural = "error" if count == 1 else "errors"
        super().__init__(f"{count} validation {plural} detected: {shown}")


@functools.cache
def service_model() -> ServiceModel:
    """The model botocore ships, loaded once (sessions are costly)."""
    return botocore.session.get_session().get_service_model(SERVICE_NAME)


def java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Java regular expression so Python's ``re`` reads it the same way."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char, nxt = pattern[i], pattern[i + 1 : i + 2]
        if char == "\\" and nxt:
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                end = len(pattern) if end < 0 else end
                out.append(re.escape(pattern[i + 2 : end]))
                i = end + 2
            elif nxt in "pP" and pattern[i + 2 : i + 3] == "{":
                close = pattern.index("}", i)
                name = pattern[i + 3 : close]
                if name not in _POSIX or (nxt == "P" and in_class):
                    raise ValueError(f"unsupported Java class \\{nxt}{{{name}}}")
                negate = "^" if nxt == "P" else ""
                out.append(_POSIX[name] if in_class else f"[{negate}{_POSIX[name]}]")
                i = close + 1
            elif nxt == "k" and pattern[i + 2 : i + 3] == "<":
                close = pattern.index(">", i)
                out.append(f"(?P={pattern[i + 3 : close]})")
                i = close + 1
            else:
                if nxt == "h":
                    out.append(_HSPACE if in_class else f"[{_HSPACE}]")
                else:
                    out.append({"z": "\\Z", "Z": "(?=\\n?\\Z)"}.get(nxt, char + nxt))
                i += 2
            continue
        if in_class:
            if char == "[" or pattern.startswith("&&", i):
                raise ValueError("nested or intersected Java character classes are unsupported")
            in_class = char != "]"
        elif char == "[":
            in_class = True
            out.append("[")
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):  # a leading ']' is a literal in both dialects
                out.append("\\]")
                i += 1
            continue
        elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        out.append(char)
        i += 1
    return re.compile("".join(out), re.ASCII)


@functools.cache
def _pattern_matcher(pattern: str) -> Callable[[str], bool]:
    compiled = java_regex(pattern)
    if pattern.startswith("^") and not pattern.endswith("$"):
        return lambda value: compiled.match(value) is not None
    return lambda value: compiled.fullmatch(value) is not None


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

    def fail(self, path: str, rule: str) -> None:
        self.violations.append(Violation(path, rule))

    def check(self, shape: Shape, value: Any, path: str, sensitive: bool) -> None:
        sensitive = sensitive or bool(shape.metadata.get("sensitive"))
        check = getattr(self, f"_check_{shape.type_name}", None)
        if check is None:
            raise NotImplementedError(f"no validation for {shape.type_name} at {path}")
        check(shape, value, path, sensitive)

    def _check_structure(self, shape: StructureShape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, dict):
            self.fail(path, "Member must be an object")
            return
        prefix = f"{path}." if path else ""
        for name in shape.required_members:
            if value.get(name) is None:
                self.fail(prefix + name, "Member must not be null")
        for name, member in shape.members.items():
            if value.get(name) is not None:
                self.check(member, value[name], prefix + name, sens)

    def _check_list(self, shape: ListShape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, list):
            self.fail(path, "Member must be a list")
            return
        if rule := _range_rule(shape, len(value), "length"):
            self.fail(path, rule)
        for index, item in enumerate(value):
            if item is None:
                self.fail(f"{path}[{index}]", "Member must not be null")
            else:
                self.check(shape.member, item, f"{path}[{index}]", sens)

    def _check_map(self, shape: MapShape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, dict):
            self.fail(path, "Member must be a map")
            return
        if rule := _range_rule(shape, len(value), "size"):
            self.fail(path, rule)
        for key, item in value.items():
            before = len(self.violations)
            self.check(shape.key, key, f"{path}.<key>", sens)
            named = not sens and len(self.violations) == before
            item_path = f"{path}.{key}" if named else f"{path}.<value>"
            if item is None:
                self.fail(item_path, "Member must not be null")
            else:
                self.check(shape.value, item, item_path, sens)

    def _check_string(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, str):
            self.fail(path, "Member must be a string")
            return
        enum = shape.metadata.get("enum")
        if enum and value not in enum:
            self.fail(path, f"Member must satisfy enum value set: [{', '.join(enum)}]")
            return
        if rule := _range_rule(shape, len(value), "length"):
            self.fail(path, rule)
        pattern = shape.metadata.get("pattern")
        if pattern is not None and not _pattern_matcher(pattern)(value):
            self.fail(path, f"Member must satisfy regular expression pattern: {pattern}")

    def _check_number(self, shape: Shape, value: Any, path: str, bounds: tuple[int, int]) -> None:
        if rule := _range_rule(shape, value, "value"):
            self.fail(path, rule)
        elif not bounds[0] <= value <= bounds[1]:
            self.fail(path, f"Member must have value between {bounds[0]} and {bounds[1]}")

    def _check_integer(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(path, "Member must be an integer")
        else:
            self._check_number(shape, value, path, JAVA_INT)

    def _check_long(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(path, "Member must be an integer")
        else:
            self._check_number(shape, value, path, JAVA_LONG)

    def _check_double(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.fail(path, "Member must be a number")
        elif not math.isfinite(value):
            self.fail(path, "Member must be a finite number")
        elif rule := _range_rule(shape, value, "value"):
            self.fail(path, rule)

    _check_float = _check_double

    def _check_boolean(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, bool):
            self.fail(path, "Member must be a boolean")

    def _check_timestamp(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not (number or isinstance(value, datetime.datetime)):
            self.fail(path, "Member must be a timestamp (epoch seconds)")
        elif number and not math.isfinite(value):
            self.fail(path, "Member must be a finite number")

    def _check_blob(self, shape: Shape, value: Any, path: str, sens: bool) -> None:
        if not isinstance(value, (str, bytes)):
            self.fail(path, "Member must be base64 data")


def operation_model(operation: str) -> OperationModel:
    return service_model().operation_model(operation)


def validate_input(operation: str, params: Mapping[str, Any]) -> None:
    """Raise ``InputValidationError`` if ``params`` break the operation's input shape."""
    shape = operation_model(operation).input_shape
    if shape is None:
        return
    walker = _Walker()
    walker.check(shape, dict(params), "", False)
    if walker.violations:
        raise InputValidationError(walker.violations)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def load_json_body(raw: bytes | str | None) -> dict[str, Any]:
    """The request body as a JSON object; ``{}`` when empty. Raises ``ValueError``."""
    try:
        text = raw.decode() if isinstance(raw, bytes) else (raw or "")
        if not text.strip():
            return {}
        body = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as error:
        raise ValueError("The request body is nested too deeply") from error
    except UnicodeDecodeError:
        raise ValueError("The request body is not valid UTF-8") from None
    except ValueError as error:  # JSON errors name a position, never content
        raise ValueError(f"The request body is not valid JSON: {error}") from None
    if not isinstance(body, dict):
        raise ValueError("The request body must be a JSON object")
    return body


def _from_text(shape: Shape, text: str, path: str, walker: _Walker) -> Any:
    """URI and query-string values arrive as text; the model says what they are."""
    kind = shape.type_name
    if kind in ("integer", "long"):
        if re.fullmatch(r"[+-]?[0-9]{1,20}", text):
            return int(text)
        walker.fail(path, "Member must be an integer")
        return None
    if kind == "boolean":
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        walker.fail(path, "Member must be a boolean")
        return None
    return text


def wire_params(
    operation: str,
    body: Mapping[str, Any],
    uri: Mapping[str, str],
    query: Callable[[str], list[str]],
) -> dict[str, Any]:
    """Member name -> value, from the parts of an HTTP request, as the model locates them."""
    shape = operation_model(operation).input_shape
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
        raise InputValidationError(walker.violations)
    return params
