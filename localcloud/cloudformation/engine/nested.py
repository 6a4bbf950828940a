"""``AWS::CloudFormation::Stack``: moto's nested stack, with its template read as the engine
reads a TemplateURL.

moto's ``Stack`` is also the model that provisions a nested stack; it reads the
template's bucket from the URL's path only when the host says ``localhost``.
``NestedStack`` reads it as ``templates.fetch`` does (any loopback endpoint, path
or virtual-host style, and AWS's S3 hosts, with CloudFormation's size limit);
the rest is moto's: the child is made by the backend (the engine's), and an
update replaces it.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine import templates
from localcloud.core.regions import partition_of
from localcloud.moto_adapter.cloudformation import Stack, cloudformation_backends

__all__ = ["NestedStack"]


class NestedStack(Stack):
    """The model of ``AWS::CloudFormation::Stack`` (the engine's ``model_of`` names it)."""

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> Stack:
        properties = cloudformation_json["Properties"]
        body = templates.fetch(properties["TemplateURL"], account_id, partition_of(region_name))
        backend = cloudformation_backends[account_id][region_name]
        return backend.create_stack(
            name=resource_name, template=body, parameters=properties.get("Parameters", {})
        )
