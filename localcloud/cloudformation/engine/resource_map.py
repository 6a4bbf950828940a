"""moto's ResourceMap, without lazy creation and with per-resource records.

moto's ``ResourceMap.__getitem__`` creates a resource the first time anything
asks for it, so a describe call could create resources. Here a lookup only
ever returns what the engine already made; resources are made explicitly, in
dependency order (``EngineResourceMap.order``). Resolution is moto's own
(``parse_resource_and_generate_name``, i.e. ``clean_json``): Ref, GetAtt, Sub,
parameters, mappings and conditions are evaluated by moto against this map.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from localcloud.cloudformation.engine import graph
from localcloud.cloudformation.engine.custom_resource import CustomResource, is_custom
from localcloud.cloudformation.engine.errors import ResourceFailure, UnsupportedType, reason_of
from localcloud.cloudformation.engine.lambda_models import (
    LambdaFunctionModel,
    LambdaPermissionModel,
)
from localcloud.cloudformation.engine.nested import NestedStack
from localcloud.cloudformation.engine.parameters import check_given, check_parameters
from localcloud.cloudformation.engine.records import ResourceRecord
from localcloud.cloudformation.engine.s3_models import S3BucketModel
from localcloud.core import resource_schema as schemas
from localcloud.moto_adapter.cloudformation import (
    Export,
    MotoResourceMap,
    ValidationError,
    is_null_model,
    model_map,
    parse_resource,
)

__all__ = [
    "KNOWN_AFTER_APPLY",
    "EngineResourceMap",
    "Placeholder",
    "Resolved",
    "build_map",
    "model_of",
]

KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}"
SYSTEM_TAG_PREFIX = "aws:"
NESTED_STACK = "AWS::CloudFormation::Stack"
# Types whose moto model the engine extends (an engine model for each).
ENGINE_MODELS: dict[str, Any] = {
    NESTED_STACK: NestedStack,  # its TemplateURL read as the engine reads one
    "AWS::Lambda::Function": LambdaFunctionModel,  # an update of inline code works
    "AWS::Lambda::Permission": LambdaPermissionModel,  # a physical id (the Sid), a delete
    "AWS::S3::Bucket": S3BucketModel,  # versioning applied; a tag update without a name
}


class Placeholder:
    """Stands for a resource a change set will make: its values are known only after."""

    physical_resource_id = KNOWN_AFTER_APPLY

    def get_cfn_attribute(self, attribute_name: str) -> str:
        return KNOWN_AFTER_APPLY


def model_of(resource_type: str) -> Any:
    """The CloudFormationModel subclass that provisions ``resource_type``, or None."""
    if is_null_model(resource_type):
        return None  # waits on signals this endpoint cannot send
    if is_custom(resource_type):
        return CustomResource  # its ServiceToken's function, run locally, answers
    return ENGINE_MODELS.get(resource_type) or model_map().get(resource_type)


@dataclass
class Resolved:
    """A resource's JSON after moto resolved it, with the model and physical name."""

    model: Any
    resource_json: dict[str, Any]
    name: str

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.resource_json.get("Properties") or {})


def _merge_tags(value: Any, stack_tags: dict[str, str]) -> Any:
    """Stack tags under the resource's own (the resource's win on the same key)."""
    if value is None or isinstance(value, list):
        own = list(value or [])
        keys = {tag.get("Key") for tag in own if isinstance(tag, dict)}
        extra = [{"Key": k, "Value": v} for k, v in stack_tags.items() if k not in keys]
        return extra + own
    if isinstance(value, dict):
        return {**stack_tags, **value}
    return value


class EngineResourceMap(MotoResourceMap):
    """A stack's resources: records per logical id, and moto's resolution over them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records: dict[str, ResourceRecord] = {}

    # moto resolves Ref and GetAtt through this; it never creates anything.
    def __getitem__(self, key: str) -> Any:
        if key in self.parsed:
            return self.parsed[key]
        if key in self.resource_json_map:
            if not self.is_active(key):
                return None
            raise ValidationError(
                message=f"Template error: resource {key} is referenced before it exists"
            )
        raise KeyError(key)

    @property
    def stack_name(self) -> str:
        return str(self.parsed["AWS::StackName"])

    @property
    def stack_tags(self) -> dict[str, str]:
        return {k: v for k, v in self.tags.items() if not k.startswith(SYSTEM_TAG_PREFIX)}

    def load(self) -> None:
        super().load()
        self.validate_attributes()

    def validate_attributes(self) -> None:
        """Every GetAtt in the resources names an attribute its type has (moto checks
        only the outputs, and otherwise passes the unresolved GetAtt on as a value)."""
        for name, body in self.resource_json_map.items():
            for target, attribute in sorted(graph.attribute_reads(body.get("Properties"))):
                resource = self.resource_json_map.get(target)
                if not isinstance(resource, dict):
                    continue
                model = model_of(str(resource.get("Type")))
                if model is not None and not model.has_cfn_attr(attribute):
                    raise ValidationError(
                        message=f"Template error: resource {target} does not support "
                        f"attribute type {attribute} in Fn::GetAtt (read by {name})"
                    )

    def validate_outputs(self) -> None:
        """moto's check of output GetAtts, skipping resources no model provisions.

        moto looks up the model of each GetAtt'd resource and crashes when a type
        has none; such a resource fails the stack when it is made, with a reason.
        """
        outputs = self.template.get("Outputs") or {}
        checked = {}
        for key, body in outputs.items():
            value = body.get("Value") if isinstance(body, dict) else None
            target = value.get("Fn::GetAtt") if isinstance(value, dict) else None
            if isinstance(target, list) and target:
                resource = self.resource_json_map.get(target[0])
                if isinstance(resource, dict) and model_of(str(resource.get("Type"))) is None:
                    continue
            checked[key] = body
        template = self.template
        self.template = {**template, "Outputs": checked}
        try:
            super().validate_outputs()
        finally:
            self.template = template

    def is_active(self, logical_id: str) -> bool:
        """False if the resource's Condition is false (it is then not part of the stack)."""
        condition = self.resource_json_map[logical_id].get("Condition")
        if not condition:
            return True
        try:
            return bool(self.lazy_condition_map[condition])
        except KeyError:
            raise ValidationError(
                message=f"Template format error: Unresolved condition dependency {condition} "
                f"in Fn::If or Condition of resource {logical_id}"
            ) from None

    def order(self) -> list[str]:
        """Active resources in creation order."""
        active = [name for name in self.resource_json_map if self.is_active(name)]
        return graph.creation_order(self.resource_json_map, active)

    def deletion_order(self, logical_ids: list[str]) -> list[str]:
        """``logical_ids`` in the reverse of creation order."""
        return list(reversed(graph.creation_order(self.resource_json_map, logical_ids)))

    def policy(self, logical_id: str, attribute: str = "DeletionPolicy") -> str:
        body = self.resource_json_map.get(logical_id) or {}
        return str(body.get(attribute) or "Delete")

    def listed(self) -> list[ResourceRecord]:
        """The records in template order (as moto lists a stack's resources)."""
        position = {name: index for index, name in enumerate(self.resource_json_map)}
        records = list(self.records.values())
        return sorted(records, key=lambda r: position.get(r.logical_id, len(position)))

    def live(self) -> dict[str, ResourceRecord]:
        return {name: record for name, record in self.records.items() if record.exists}

    def resolve(self, logical_id: str) -> Resolved:
        """The resource's JSON with every intrinsic function resolved by moto."""
        body = copy.deepcopy(self.resource_json_map[logical_id])
        resource_type = str(body.get("Type"))
        model = model_of(resource_type)
        if model is None:
            raise UnsupportedType(resource_type)
        try:
            parsed = parse_resource(logical_id, body, self)
        except ResourceFailure:
            raise
        except Exception as error:
            raise ResourceFailure(reason_of(error), "InvalidRequest") from error
        _, resource_json, name = parsed
        resource_json.setdefault("Properties", {})
        if resource_json["Properties"] is None:
            resource_json["Properties"] = {}
        tag_name = schemas.tag_property(resource_type, model)
        stack_tags = self.stack_tags
        if tag_name and stack_tags and not getattr(model, "cloudformation_tags_in_context", False):
            properties = resource_json["Properties"]
            properties[tag_name] = _merge_tags(properties.get(tag_name), stack_tags)
        return Resolved(model, resource_json, str(name))

    def adopt(self, record: ResourceRecord) -> None:
        """Take an existing resource into this map (it does not change)."""
        self.records[record.logical_id] = record
        self.parsed[record.logical_id] = record.instance

    def place(self, record: ResourceRecord) -> None:
        self.records[record.logical_id] = record
        if record.exists:
            self.parsed[record.logical_id] = record.instance
        else:
            self.parsed.pop(record.logical_id, None)


def build_map(
    stack_id: str,
    stack_name: str,
    account_id: str,
    region_name: str,
    template: dict[str, Any],
    parameters: dict[str, Any],
    tags: dict[str, str],
    exports: dict[str, Export],
    review: bool = False,
) -> EngineResourceMap:
    """A resource map for ``template`` (parameters and conditions resolved, nothing made).

    Refuses, before any change, a template that cannot work: its structure and
    references, imports of exports that do not exist, parameters, dependency cycles.
    ``review``: the empty template of a stack a CREATE change set made (not validated).
    """
    if not review:
        graph.validate_template(template)
        graph.check_imports(template, exports)
    rmap = EngineResourceMap(
        stack_id,
        stack_name,
        parameters,
        tags,
        region_name=region_name,
        account_id=account_id,
        template=template,
        cross_stack_resources=exports,
    )
    if not review:
        check_given(template, parameters)
    rmap.load()
    if not review:
        check_parameters(template, rmap.resolved_parameters)
    rmap.order()  # a dependency cycle or a bad DependsOn fails the request, before any change
    return rmap
