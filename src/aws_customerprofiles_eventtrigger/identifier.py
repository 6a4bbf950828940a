"""The trigger's identifiers: the primary identifier string, the ARN, and what errors name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import ResourceModel

SEPARATOR = "|"


def primary_identifier(domain_name: str | None, trigger_name: str | None) -> str:
    """``DomainName|EventTriggerName``, in the schema's primaryIdentifier order."""
    return f"{domain_name}{SEPARATOR}{trigger_name}"


def subject(model: ResourceModel | None) -> str:
    """What a request addresses, as its error messages name it.

    The trigger's primary identifier when the request names a trigger; the
    domain alone for a LIST, which names none.
    """
    domain_name = model.DomainName if model else None
    trigger_name = model.EventTriggerName if model else None
    if trigger_name is None and domain_name is not None:
        return f"domain {domain_name}"
    return primary_identifier(domain_name, trigger_name)


def trigger_arn(partition: str, region: str, account: str, domain_name: str, name: str) -> str:
    """The ARN that TagResource and UntagResource address.

    The partition is the client's ``meta.partition`` (botocore's endpoint data
    for the region), the one source ``actions.run`` also sets the request's
    ``awsPartition`` from.
    """
    return f"arn:{partition}:profile:{region}:{account}:domains/{domain_name}/event-triggers/{name}"
