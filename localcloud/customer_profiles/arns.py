"""What a Customer Profiles ARN names, for the tag operations (no moto here).

Tags address domains, object types, integrations and event triggers by ARN, in
the forms IAM's service authorization reference gives for the service's
resource types (service prefix ``profile``)::

    arn:<partition>:profile:<region>:<account>:domains/<DomainName>
    ...:domains/<DomainName>/object-types/<ObjectTypeName>
    ...:domains/<DomainName>/event-triggers/<EventTriggerName>
    ...:domains/<DomainName>/integrations/<Uri>
    ...:domains/<DomainName>/intents/<IntentDomain>  (guess: intent-definition-arn)

An integration's ARN ends with its ``Uri`` verbatim, and a Uri is itself an ARN
or URL (``arn:aws:kinesis:...:stream/name``, ``arn:aws:appflow:...:flow/x``):
so everything after ``/integrations/`` is the Uri, ':' and '/' included. Names
of domains, object types and triggers cannot hold '/' (the model's patterns),
so the other forms split on it. An ARN that is not of this service, or names a
kind this emulator does not tag, is a ``BadRequestException``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .exceptions import BadRequestException

_ARN = re.compile(
    r"^arn:(?P<partition>[^:]+):profile:(?P<region>[^:]*):(?P<account>[^:]*):(?P<rest>.+)$"
)
TAGGED_KINDS = {
    "object-types": "object_types",
    "event-triggers": "event_triggers",
    "integrations": "integrations",
    "intents": "intent_definitions",
}


@dataclass(frozen=True)
class Tagged:
    """Where the resource lives, its domain, and (for a domain's item) its collection and name."""

    partition: str
    region: str
    account: str
    domain: str
    collection: str | None = None  # a DomainState attribute; None for the domain itself
    name: str | None = None  # the item's name, or an integration's Uri


def parse(arn: str) -> Tagged:
    match = _ARN.match(arn)
    if match is None:
        raise BadRequestException("The resource ARN is not a Customer Profiles ARN")
    parts = match["rest"].split("/", 3)  # the fourth part may hold '/' (an integration's Uri)
    unsupported = BadRequestException("Tagging is not supported for this resource type")
    if parts[0] != "domains" or len(parts) not in (2, 4) or not all(parts):
        raise unsupported
    where = (match["partition"], match["region"], match["account"], parts[1])
    if len(parts) == 2:
        return Tagged(*where)
    kind = TAGGED_KINDS.get(parts[2])
    if kind is None or (kind != "integrations" and "/" in parts[3]):
        raise unsupported
    return Tagged(*where, kind, parts[3])
