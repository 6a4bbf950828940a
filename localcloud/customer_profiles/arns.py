"""What a Customer Profiles ARN names, for the tag operations (no moto here).

Tags address domains, object types and event triggers by ARN:
``arn:<partition>:profile:<region>:<account>:domains/<domain>[/<kind>/<name>]``.
An ARN that is not of this service, or names a kind this emulator does not tag
(integrations, anything else), is a ``BadRequestException``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .exceptions import BadRequestException

_ARN = re.compile(
    r"^arn:(?P<partition>[^:]+):profile:(?P<region>[^:]*):(?P<account>[^:]*):(?P<rest>.+)$"
)
TAGGED_KINDS = {"object-types": "object_types", "event-triggers": "event_triggers"}


@dataclass(frozen=True)
class Tagged:
    """Where the resource lives, its domain, and (for a domain's item) its collection and name."""

    partition: str
    region: str
    account: str
    domain: str
    collection: str | None = None  # a DomainState attribute; None for the domain itself
    name: str | None = None


def parse(arn: str) -> Tagged:
    match = _ARN.match(arn)
    if match is None:
        raise BadRequestException("The resource ARN is not a Customer Profiles ARN")
    parts = match["rest"].split("/")
    if parts[0] != "domains" or len(parts) not in (2, 4) or not all(parts):
        raise BadRequestException("Tagging is not supported for this resource type")
    if len(parts) == 4 and parts[2] not in TAGGED_KINDS:
        raise BadRequestException("Tagging is not supported for this resource type")
    where = (match["partition"], match["region"], match["account"], parts[1])
    if len(parts) == 2:
        return Tagged(*where)
    return Tagged(*where, TAGGED_KINDS[parts[2]], parts[3])
