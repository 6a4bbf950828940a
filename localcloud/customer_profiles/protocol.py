"""Customer Profiles' rest-json protocol, read from botocore's model.

``OPERATIONS`` is what this emulator implements (the model has more: they
answer 501), ``EMULATED`` the request members each acts on (``unsupported``
refuses any other). ``routes()`` matches a method and path to an operation of
the model from its request URIs; ``validate_input`` and ``wire_params`` are the
shared model validator (``localcloud.core.validation``) bound to this service,
worded as rest-json services word a BadRequestException. No moto here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from botocore.model import ListShape, MapShape, Shape

from localcloud.core.regions import service_model
from localcloud.core.tags import RESERVED_PREFIX, is_reserved
from localcloud.core.validation import (
    InputValidationError,
    ModelValidator,
    Step,
    Violation,
    rest_json_message,
)

SERVICE_NAME = "customer-profiles"

# What this emulator implements: each operation with the request members it acts on. A
# member the installed model has beyond these is refused (``unsupported``), never dropped,
# so a botocore release that adds one cannot make the service lose it. ``OPERATIONS`` is
# those the installed model has (the intent operations and IntentFilterDefinition came with
# botocore 1.44.18); the model's others answer 501.
EMULATED: dict[str, tuple[str, ...]] = {
    "CreateDomain": (
        "DomainName",
        "DefaultExpirationDays",
        "DefaultEncryptionKey",
        "DeadLetterQueueUrl",
        "Matching",
        "RuleBasedMatching",
        "DataStore",
        "Tags",
    ),
    "GetDomain": ("DomainName",),
    "UpdateDomain": (
        "DomainName",
        "DefaultExpirationDays",
        "DefaultEncryptionKey",
        "DeadLetterQueueUrl",
        "Matching",
        "RuleBasedMatching",
        "DataStore",
        "Tags",
    ),
    "DeleteDomain": ("DomainName",),
    "ListDomains": ("NextToken", "MaxResults"),
    "PutProfileObjectType": (
        "DomainName",
        "ObjectTypeName",
        "Description",
        "TemplateId",
        "ExpirationDays",
        "EncryptionKey",
        "AllowProfileCreation",
        "SourceLastUpdatedTimestampFormat",
        "MaxProfileObjectCount",
        "SourcePriority",
        "Fields",
        "Keys",
        "Tags",
    ),
    "GetProfileObjectType": ("DomainName", "ObjectTypeName"),
    "DeleteProfileObjectType": ("DomainName", "ObjectTypeName"),
    "ListProfileObjectTypes": ("DomainName", "NextToken", "MaxResults"),
    "PutIntegration": (
        "DomainName",
        "Uri",
        "ObjectTypeName",
        "ObjectTypeNames",
        "Tags",
        "FlowDefinition",
        "RoleArn",
        "EventTriggerNames",
        "Scope",
    ),
    "GetIntegration": ("DomainName", "Uri"),
    "ListIntegrations": ("DomainName", "NextToken", "MaxResults", "IncludeHidden"),
    "ListAccountIntegrations": ("Uri", "NextToken", "MaxResults", "IncludeHidden"),
    "DeleteIntegration": ("DomainName", "Uri"),
    "CreateEventTrigger": (
        "DomainName",
        "EventTriggerName",
        "ObjectTypeName",
        "Description",
        "EventTriggerConditions",
        "SegmentFilter",
        "IntentFilterDefinition",
        "EventTriggerLimits",
        "Tags",
    ),
    "GetEventTrigger": ("DomainName", "EventTriggerName"),
    "UpdateEventTrigger": (
        "DomainName",
        "EventTriggerName",
        "ObjectTypeName",
        "Description",
        "EventTriggerConditions",
        "SegmentFilter",
        "IntentFilterDefinition",
        "EventTriggerLimits",
    ),
    "DeleteEventTrigger": ("DomainName", "EventTriggerName"),
    "ListEventTriggers": ("DomainName", "NextToken", "MaxResults"),
    "PutIntentDefinition": ("DomainName", "IntentDomain", "Intents", "Tags"),
    "GetIntentDefinition": ("DomainName", "IntentDomain"),
    "DeleteIntentDefinition": ("DomainName", "IntentDomain"),
    "ListIntentTypes": ("IntentDomain", "MaxResults", "NextToken"),
    "BatchGetIntentForProfile": ("DomainName", "IntentDomain", "Intents", "KeyName", "KeyValues"),
    "PutProfileObject": ("DomainName", "ObjectTypeName", "Object"),
    "ListProfileObjects": (
        "DomainName",
        "ObjectTypeName",
        "ProfileId",
        "ObjectFilter",
        "NextToken",
        "MaxResults",
    ),
    "DeleteProfileObject": ("DomainName", "ObjectTypeName", "ProfileId", "ProfileObjectUniqueKey"),
    "SearchProfiles": (
        "DomainName",
        "KeyName",
        "Values",
        "AdditionalSearchKeys",
        "LogicalOperator",
        "NextToken",
        "MaxResults",
    ),
    "BatchGetProfile": ("DomainName", "ProfileIds"),
    "TagResource": ("resourceArn", "tags"),
    "UntagResource": ("resourceArn", "tagKeys"),
    "ListTagsForResource": ("resourceArn",),
}
OPERATIONS = tuple(
    operation for operation in EMULATED if operation in service_model(SERVICE_NAME).operation_names
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


def unsupported(operation: str, params: Mapping[str, Any]) -> str | None:
    """The refusal of a request with a member this emulator does not act on, naming it."""
    known = EMULATED.get(operation, ())
    extra = [name for name in params if name not in known]
    if not extra:
        return None
    return (
        f"{extra[0]} is not supported by the local Customer Profiles service "
        f"({operation} takes {', '.join(known)})"
    )


@functools.cache
def routes() -> list[tuple[str, str, re.Pattern[str]]]:
    """(operation, method, path regex) of every operation of the installed model.

    A URI label matches one path segment (botocore percent-encodes a '/' in its
    value); a greedy one (``{Name+}``) and a last label naming an ARN
    (``/tags/{resourceArn}``, which clients do not always encode) take the rest
    of the path. The template with the most literal text is tried first.
    """
    model = service_model(SERVICE_NAME)
    found = []
    for operation in model.operation_names:
        http = model.operation_model(operation).http
        template = http["requestUri"].split("?")[0]
        pattern, literal = "", 0
        for part in re.split(r"(\{\w+\+?\})", template):
            name = part.strip("{}+")
            greedy = part.endswith("+}") or (name.endswith("Arn") and template.endswith(part))
            if part.startswith("{"):
                pattern += f"(?P<{name}>.+)" if greedy else f"(?P<{name}>[^/]+)"
            else:
                pattern += re.escape(part)
                literal += len(part)
        found.append((literal, operation, http["method"], re.compile(pattern)))
    found.sort(key=lambda route: -route[0])
    return [(operation, method, regex) for _, operation, method, regex in found]


def route(method: str, path: str) -> tuple[str, dict[str, str]] | None:
    """The operation of the model a method and (undecoded) path are, with its URI labels."""
    for operation, verb, template in routes():
        match = template.fullmatch(path)
        if verb == method and match:
            return operation, match.groupdict()
    return None


@functools.cache
def profile_members() -> frozenset[str]:
    """The members of the model's ``Profile`` shape (what ``_profile.<member>`` Targets fill)."""
    answer = VALIDATOR.operation_model("BatchGetProfile").output_shape
    assert answer is not None
    profiles = answer.members["Profiles"]
    return frozenset(profiles.member.members)  # type: ignore[attr-defined]
