"""Customer Profiles' rest-json protocol, read from botocore's model.

``OPERATIONS`` is what this emulator implements (the model has more: they
answer 501). ``routes()`` matches a method and path to one of them from the
model's request URIs; ``validate_input`` and ``wire_params`` are the shared
model validator (``localcloud.core.validation``) bound to this service, worded
as rest-json services word a BadRequestException. No moto here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from botocore.model import ListShape, MapShape, Shape

from localcloud.core.tags import RESERVED_PREFIX, is_reserved
from localcloud.core.validation import (
    InputValidationError,
    ModelValidator,
    Step,
    Violation,
    rest_json_message,
)

SERVICE_NAME = "customer-profiles"

# What this emulator implements; the model has more (they answer 501).
OPERATIONS = (
    "CreateDomain",
    "GetDomain",
    "UpdateDomain",
    "DeleteDomain",
    "ListDomains",
    "PutProfileObjectType",
    "GetProfileObjectType",
    "DeleteProfileObjectType",
    "ListProfileObjectTypes",
    "PutIntegration",
    "GetIntegration",
    "ListIntegrations",
    "DeleteIntegration",
    "CreateEventTrigger",
    "GetEventTrigger",
    "UpdateEventTrigger",
    "DeleteEventTrigger",
    "ListEventTriggers",
    "PutProfileObject",
    "ListProfileObjects",
    "DeleteProfileObject",
    "SearchProfiles",
    "BatchGetProfile",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
)
# The largest request body this service takes. The largest request the model
# bounds is CreateEventTrigger's: 5 conditions x 10 dimensions x 10 attributes,
# each with 10 values, every string at its model maximum, comes to 1,888,481
# bytes of compact JSON when the strings are ASCII and 11,026,076 when every
# character is written as a JSON \uXXXX escape (as botocore writes non-ASCII).
# Every valid CreateEventTrigger or UpdateEventTrigger fits in 11 MiB; a body
# beyond it is a flood (413). tests/service/test_body_limits.py recomputes the
# figures from botocore's model. (PutProfileObjectType's Fields and Keys and
# PutIntegration's Tasks have no maximum in the model: this limit bounds them.)
MAX_REQUEST_BYTES = 11 * 1024 * 1024

VALIDATOR = ModelValidator(SERVICE_NAME, rest_json_message)
wire_params = VALIDATOR.wire_params


def validate_input(operation: str, params: dict[str, Any]) -> None:
    """The model's constraints, and no tag key AWS reserves: ``aws:`` in any case.

    The model's TagKey pattern refuses only the lower-case prefix; the service
    refuses ``AWS:`` and ``Aws:`` too, worded as the pattern's violation.
    """
    reserved = list(_reserved_tag_keys(operation, params))
    try:
        VALIDATOR.validate_input(operation, params)
    except InputValidationError as error:
        raise InputValidationError([*error.violations, *reserved], rest_json_message) from None
    if reserved:
        raise InputValidationError(reserved, rest_json_message)


def _reserved_tag_keys(operation: str, params: dict[str, Any]) -> Iterator[Violation]:
    """A violation per tag key the pattern lets through but AWS reserves (``AWS:x``)."""
    shape = VALIDATOR.operation_model(operation).input_shape
    for name, member in (shape.members if shape else {}).items():
        value = params.get(name)
        keys: list[tuple[tuple[Step, ...], Any]]
        if isinstance(member, MapShape) and _is_tag_key(member.key) and isinstance(value, dict):
            keys = [((name, ("<key>",)), key) for key in value]
            pattern = member.key.metadata["pattern"]
        elif isinstance(member, ListShape) and _is_tag_key(member.member):
            keys = [((name, index), key) for index, key in enumerate(value or [])]
            pattern = member.member.metadata["pattern"]
        else:
            continue
        for steps, key in keys:
            if isinstance(key, str) and is_reserved(key) and not key.startswith(RESERVED_PREFIX):
                rule = f"Member must satisfy regular expression pattern: {pattern}"
                yield Violation(steps, rule, key)


def _is_tag_key(shape: Shape) -> bool:
    return shape.name == "TagKey" and "pattern" in shape.metadata


@functools.cache
def routes() -> list[tuple[str, str, re.Pattern[str]]]:
    """(operation, method, path regex) from the model's request URIs; last label greedy."""
    found = []
    for operation in OPERATIONS:
        http = VALIDATOR.operation_model(operation).http
        parts = re.split(r"\{(\w+)\+?\}", http["requestUri"].split("?")[0])
        pattern = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>[^/]+)"
            for index, part in enumerate(parts)
        )
        if len(parts) > 1 and parts[-1] == "":
            pattern = pattern.removesuffix("[^/]+)") + ".+)"
        found.append((operation, http["method"], re.compile(pattern)))
    return found


@functools.cache
def profile_members() -> frozenset[str]:
    """The members of the model's ``Profile`` shape (what ``_profile.<member>`` Targets fill)."""
    answer = VALIDATOR.operation_model("BatchGetProfile").output_shape
    assert answer is not None
    profiles = answer.members["Profiles"]
    return frozenset(profiles.member.members)  # type: ignore[attr-defined]
