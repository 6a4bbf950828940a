"""The moto internals the CloudFormation engine reaches through the adapter are where it
expects them, and uninstalling the engine gives moto back its own attributes.

One test per name: when a moto upgrade moves one, the failing test names it
and the moto version these were checked against (the requirements). Every name
is one ``localcloud.moto_adapter.cloudformation`` uses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from moto.cloudformation import custom_model, models, parsing, responses, utils
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import core as ec2_core
from moto.ec2.models import tags as ec2_tags

from localcloud.moto_adapter import cloudformation as adapter
from tests.support.pins import pinned

MOTO = pinned("moto")


def _resource_map() -> parsing.ResourceMap:
    rmap = parsing.ResourceMap(
        "stack-id", "stack", {}, {}, "us-east-1", "123456789012", {"Resources": {}}, {}
    )
    rmap.load()
    return rmap


def _has(owner: Any, name: str) -> Callable[[], bool]:
    return lambda: hasattr(owner, name)


def _cached(function: Any) -> Callable[[], bool]:
    return lambda: callable(getattr(function, "cache_clear", None))


def _params(function: Any, *names: str) -> Callable[[], bool]:
    def check() -> bool:
        found = list(inspect.signature(function).parameters)
        return all(name in found for name in names)

    return check


def _original(owner: type, name: str) -> Any:
    return adapter.original(owner, name)


def _instance_attr(name: str) -> Callable[[], bool]:
    return lambda: hasattr(_resource_map(), name)


def _stack_attr(name: str) -> Callable[[], bool]:
    def check() -> bool:
        template = '{"Resources": {"A": {"Type": "AWS::SNS::Topic"}}}'
        # moto's Stack leaves two abstract methods of CloudFormationModel undefined (unenforced)
        stack = models.Stack(  # type: ignore[abstract]
            "arn:stack", "s", template, {}, "123456789012", "us-east-1"
        )
        return hasattr(stack, name)

    return check


CHECKS: dict[str, Callable[[], bool]] = {
    "parsing.get_model_list (lru_cache)": _cached(parsing.get_model_list),
    "parsing.get_model_map (lru_cache)": _cached(parsing.get_model_map),
    "parsing.get_name_type_map (lru_cache)": _cached(parsing.get_name_type_map),
    "parsing.NULL_MODELS": _has(parsing, "NULL_MODELS"),
    "parsing.parse_resource_and_generate_name(logical_id, resource_json, resources_map)": (
        _params(
            parsing.parse_resource_and_generate_name, "logical_id", "resource_json", "resources_map"
        )
    ),
    "parsing.clean_json(resource_json, resources_map)": _params(
        parsing.clean_json, "resource_json", "resources_map"
    ),
    "parsing.Export(exporting_stack_id, name, value)": _params(
        parsing.Export, "exporting_stack_id", "name", "value"
    ),
    "ResourceMap.__init__ arguments": _params(
        parsing.ResourceMap,
        "stack_id",
        "stack_name",
        "parameters",
        "tags",
        "region_name",
        "account_id",
        "template",
        "cross_stack_resources",
    ),
    "ResourceMap.load": _has(parsing.ResourceMap, "load"),
    "ResourceMap.__getitem__ (makes the resource when first asked)": _has(
        parsing.ResourceMap, "__getitem__"
    ),
    "ResourceMap.validate_outputs": _has(parsing.ResourceMap, "validate_outputs"),
    "ResourceMap._parsed_resources": _instance_attr("_parsed_resources"),
    "ResourceMap._resource_json_map": _instance_attr("_resource_json_map"),
    "ResourceMap._template": _instance_attr("_template"),
    "ResourceMap.lazy_condition_map": _instance_attr("lazy_condition_map"),
    "ResourceMap.tags": _instance_attr("tags"),
    "ResourceMap.input_parameters": _instance_attr("input_parameters"),
    "ResourceMap.resolved_parameters": _instance_attr("resolved_parameters"),
    "Stack._create_resource_map": lambda: callable(_original(models.Stack, "_create_resource_map")),
    "Stack.outputs (property)": lambda: isinstance(_original(models.Stack, "outputs"), property),
    "Stack.exports (property)": lambda: isinstance(_original(models.Stack, "exports"), property),
    "Stack.stack_resources (property)": lambda: isinstance(
        _original(models.Stack, "stack_resources"), property
    ),
    "Stack._add_stack_event(resource_status, resource_status_reason)": _params(
        models.Stack._add_stack_event, "resource_status", "resource_status_reason"
    ),
    "Stack._parse_template": _has(models.Stack, "_parse_template"),
    "Stack.verify_readiness": lambda: callable(_original(models.Stack, "verify_readiness")),
    "Stack.add_custom_resource": _has(models.Stack, "add_custom_resource"),
    "Stack.create_resources": lambda: callable(_original(models.Stack, "create_resources")),
    "custom_model.CustomModel.is_created": _has(custom_model.CustomModel, "is_created"),
    "custom_model.CustomModel.set_data": _has(custom_model.CustomModel, "set_data"),
    "Stack.parse_template (static)": _has(models.Stack, "parse_template"),
    "Stack.resource_map": _stack_attr("resource_map"),
    "Stack.template_dict": _stack_attr("template_dict"),
    "Stack.events": _stack_attr("events"),
    "Stack.cross_stack_resources": _stack_attr("cross_stack_resources"),
    "Stack.disable_rollback": _stack_attr("disable_rollback"),
    "Event(stack_id, ..., resource_properties)": _params(
        models.Event,
        "stack_id",
        "stack_name",
        "logical_resource_id",
        "physical_resource_id",
        "resource_type",
        "resource_status",
        "resource_status_reason",
        "resource_properties",
    ),
    "Event.sendToSns": _has(models.Event, "sendToSns"),
    "ChangeSet.diff": lambda: callable(_original(models.ChangeSet, "diff")),
    "ChangeSet.__init__ arguments": _params(
        models.ChangeSet,
        "change_set_type",
        "change_set_id",
        "change_set_name",
        "stack",
        "template",
        "parameters",
        "description",
        "notification_arns",
        "tags",
        "role_arn",
    ),
    "CloudFormationBackend._resolve_update_parameters": _has(
        models.CloudFormationBackend, "_resolve_update_parameters"
    ),
    "utils.generate_stack_id": _has(utils, "generate_stack_id"),
    "utils.generate_changeset_id": _has(utils, "generate_changeset_id"),
    "utils.validate_create_change_set": _has(utils, "validate_create_change_set"),
    "CloudFormationResponse._get_params": _has(responses.CloudFormationResponse, "_get_params"),
    "CloudFormationResponse._get_param": _has(responses.CloudFormationResponse, "_get_param"),
    "CloudFormationResponse._validate_different_update": lambda: callable(
        _original(responses.CloudFormationResponse, "_validate_different_update")
    ),
    "CloudFormationResponse.RESPONSE_KEY_PATH_TO_TRANSFORMER[DescribeChangeSetOutput.Changes]": (
        lambda: (
            "DescribeChangeSetOutput.Changes"
            in responses.CloudFormationResponse.RESPONSE_KEY_PATH_TO_TRANSFORMER
        )
    ),
    "CloudFormationModel.update_from_cloudformation_json (abstract marker)": lambda: getattr(
        CloudFormationModel.update_from_cloudformation_json, "__isabstractmethod__", False
    ),
    "ec2.models.core.TaggedEC2Resource": _has(ec2_core, "TaggedEC2Resource"),
    "ec2 TagBackend.create_tags(resource_ids, tags)": _params(
        ec2_tags.TagBackend.create_tags, "resource_ids", "tags"
    ),
    "ec2 TagBackend.delete_tags(resource_ids, tags)": _params(
        ec2_tags.TagBackend.delete_tags, "resource_ids", "tags"
    ),
}


def _same_signature(owner: type, name: str, replacement: Any) -> Callable[[], bool]:
    def check() -> bool:
        original = list(inspect.signature(_original(owner, name)).parameters)
        return original[1:] == list(inspect.signature(replacement).parameters)[1:]

    return check


# The replacements take what moto's callers pass: the same parameters after self.
for _owner, _name, _replacement in adapter.patches():
    if not isinstance(_replacement, property):
        CHECKS[f"{_owner.__name__}.{_name} parameters"] = _same_signature(
            _owner, _name, _replacement
        )


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_moto_internal_is_where_the_engine_expects_it(name: str) -> None:
    assert CHECKS[name](), (
        f"moto {MOTO} (the requirements) no longer has {name}: "
        "localcloud/moto_adapter/cloudformation.py depends on it; adapt it to the new moto"
    )


def test_every_patched_attribute_is_moto_s_own_again_after_uninstall() -> None:
    """install() replaces each attribute PATCHED names; uninstall() puts back the very object."""
    was_installed = adapter.installed()
    adapter.install()
    try:
        for owner, name, replacement in adapter.patches():
            assert owner.__dict__.get(name) is not adapter.original(owner, name), (owner, name)
            assert type(owner.__dict__.get(name)) is type(replacement), (owner, name)
        adapter.uninstall()
        assert not adapter.installed()
        for owner, name in adapter.PATCHED:
            assert owner.__dict__.get(name) is adapter.original(owner, name), (
                f"{owner.__name__}.{name} is not moto's own after uninstall()"
            )
    finally:
        if was_installed:  # as the test found it
            adapter.install()
    assert adapter.installed() == was_installed


def test_the_originals_were_taken_before_anything_was_patched() -> None:
    """Each original is moto's: defined in a moto module (a property's getter too)."""
    for (owner, name), moto_own in adapter.MOTO_ORIGINALS.items():
        function = moto_own.fget if isinstance(moto_own, property) else moto_own
        assert function is not None, f"moto's {owner.__name__} defines no {name}"
        assert function.__module__.startswith("moto."), (owner, name, function.__module__)


def test_every_patch_is_one_the_adapter_lists() -> None:
    assert [(owner, name) for owner, name, _ in adapter.patches()] == adapter.PATCHED
