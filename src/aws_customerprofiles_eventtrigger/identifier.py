"""The trigger's identifiers: the primary identifier string and the ARN."""

from __future__ import annotations

SEPARATOR = "|"


def primary_identifier(domain_name: str | None, trigger_name: str | None) -> str:
    """``DomainName|EventTriggerName``, in the schema's primaryIdentifier order."""
    return f"{domain_name}{SEPARATOR}{trigger_name}"


def trigger_arn(partition: str, region: str, account: str, domain_name: str, name: str) -> str:
    """The ARN that TagResource and UntagResource address.

    The partition is the client's ``meta.partition`` (botocore's endpoint data
    for the region), the one source ``actions.run`` also sets the request's
    ``awsPartition`` from.
    """
    return f"arn:{partition}:profile:{region}:{account}:domains/{domain_name}/event-triggers/{name}"
