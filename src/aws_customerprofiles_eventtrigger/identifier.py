"""The trigger's identifiers: the primary identifier string and the ARN."""

from __future__ import annotations

SEPARATOR = "|"


def primary_identifier(domain_name: str | None, trigger_name: str | None) -> str:
    """``DomainName|EventTriggerName``, in the schema's primaryIdentifier order."""
    return f"{domain_name}{SEPARATOR}{trigger_name}"


def trigger_arn(partition: str, region: str, account: str, domain_name: str, name: str) -> str:
    """The ARN that TagResource and UntagResource address.

    The partition comes from botocore's endpoint data for the region (the
    client's ``meta.partition``), not from the lib's ``awsPartition``, which
    says "aws-gov" where the partition is "aws-us-gov".
    """
    return f"arn:{partition}:profile:{region}:{account}:domains/{domain_name}/event-triggers/{name}"
