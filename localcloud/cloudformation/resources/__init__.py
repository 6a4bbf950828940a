"""The resource types this project adds to moto's CloudFormation engine.

Four types moto's engine provisions:

* ``AWS::CustomerProfiles::EventTrigger`` through the provider's own Lambda
  entrypoint (``aws_customerprofiles_eventtrigger.handlers.resource``), with the
  HandlerRequest CloudFormation sends (``handler``);
* ``AWS::CustomerProfiles::Domain``, ``ObjectType`` and ``Integration`` through
  the local Customer Profiles service's API, with a boto3 client (``service``).

and two types moto's engine has no model for: ``AWS::CDK::Metadata``
(``cdk_metadata``), the resource every CDK app adds, which provisions nothing,
as on AWS; and ``AWS::S3::BucketPolicy`` (``s3_bucket_policy``), a bucket's
policy in the local S3 (AWS SAM's managed stack declares one).

``localcloud.cloudformation.register()`` installs the engine and registers
these; they follow the engine's contract for a resource type
(``localcloud.cloudformation.engine``).

What the engine gets from each type is in ``base.SchemaResource``. Where AWS
documents no Ref for a type, its Ref is assumed to be the schema's primary
identifier joined with ``|`` (``ResourceSchema.ref_value``), as CloudFormation does
for registry types: ``DomainName|ObjectTypeName`` for an ObjectType,
``DomainName|Uri`` for an Integration, ``DomainName|EventTriggerName`` for an
EventTrigger; a Domain's is its DomainName, as documented.
"""

from __future__ import annotations

from .base import SchemaResource
from .cdk_metadata import CdkMetadata
from .domain import CustomerProfilesDomain
from .event_trigger import CustomerProfilesEventTrigger
from .integration import CustomerProfilesIntegration
from .object_type import CustomerProfilesObjectType
from .s3_bucket_policy import S3BucketPolicy

__all__ = [
    "ALL_TYPES",
    "TYPES",
    "CdkMetadata",
    "S3BucketPolicy",
    "SchemaResource",
]

TYPES: dict[str, type[SchemaResource]] = {
    cls.TYPE_NAME: cls
    for cls in (
        CustomerProfilesDomain,
        CustomerProfilesObjectType,
        CustomerProfilesEventTrigger,
        CustomerProfilesIntegration,
    )
}

# Every type registered with moto's engine: the Customer Profiles ones, and two moto lacks.
ALL_TYPES: dict[str, type] = {
    **TYPES,
    CdkMetadata.cloudformation_type(): CdkMetadata,
    S3BucketPolicy.cloudformation_type(): S3BucketPolicy,
}
