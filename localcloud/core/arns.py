"""ARNs: ``arn:<partition>:<service>:<region>:<account>:<resource>``, the partition the region's.

The toolkit's one builder of them: the local services' entities, the stack ids
of handler requests and the resource types' tag calls all name things here, so
an ARN in ``cn-north-1`` is ``aws-cn``'s wherever it is made. Reading a Customer
Profiles ARN back is ``localcloud.customer_profiles.arns``.
"""

from __future__ import annotations

from .regions import partition_of


def arn(service: str, region: str, account: str, resource: str) -> str:
    """The ARN of ``resource`` of ``service`` (its ARN prefix: ``profile``, ``appflow``...)."""
    return f"arn:{partition_of(region)}:{service}:{region}:{account}:{resource}"
