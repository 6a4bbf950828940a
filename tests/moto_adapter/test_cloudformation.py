"""The moto internals the CloudFormation engine reaches through the adapter are where it
expects them, and every moto method the engine's subclasses override is still moto's.

One test per name: when a moto upgrade moves one, the failing test names it
and the moto version these were checked against (the requirements). Every name
is one ``localcloud.moto_adapter.cloudformation`` or an engine subclass uses.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from moto.awslambda.models import LambdaFunction
from moto.cloudformation import models, parsing, responses, utils
from moto.cloudformation import urls as moto_urls
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import core as ec2_core
from moto.ec2.models import tags as ec2_tags

from localcloud.cloudformation.engine import urls as engine_urls
from localcloud.cloudformation.engine.backend import EngineBackend
from localcloud.cloudformation.engine.changesets import EngineChangeSet
from localcloud.cloudformation.engine.lambda_models import (
    LambdaFunctionModel,
)
from localcloud.cloudformation.engine.nested import NestedStack
from localcloud.cloudformation.engine.responses import EngineResponse
from localcloud.cloudformation.engine.stack import EngineStack
from tests.support.pins import pinned

MOTO = pinned("moto")
# moto's route for a custom resource's response, which the engine does not serve.
CFN_RESPONSE_ROUTE = "{0}/cloudformation_(?P<region>[^/]+)/cfnresponse$"
ENGINE_CLASSES: list[type] = [
    EngineBackend,
    EngineStack,
    EngineChangeSet,
    EngineResponse,
    NestedStack,
    LambdaFunctionModel,
]


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
    "BaseBackend._url_module (property: the module of url_bases and url_paths)": lambda: isinstance(
        inspect.getattr_static(models.CloudFormationBackend, "_url_module"), property
    ),
    "cloudformation_backends.backend (the class it makes backends of)": lambda: (
        models.cloudformation_backends.backend in (models.CloudFormationBackend, EngineBackend)
    ),
    "urls.url_paths (the CloudFormation route, and a custom resource's response route)": (
        lambda: set(moto_urls.url_paths) == {*engine_urls.url_paths, CFN_RESPONSE_ROUTE}
    ),
    "awslambda LambdaFunction._create_zipfile_from_plaintext_code(code)": _params(
        LambdaFunction._create_zipfile_from_plaintext_code, "code"
    ),
    "responses.get_template_summary_response_from_template(template_body)": _params(
        responses.get_template_summary_response_from_template, "template_body"
    ),
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
    "ResourceMap.validate_outputs": _has(parsing.ResourceMap, "validate_outputs"),
    "ResourceMap._parsed_resources": _instance_attr("_parsed_resources"),
    "ResourceMap._resource_json_map": _instance_attr("_resource_json_map"),
    "ResourceMap._template": _instance_attr("_template"),
    "ResourceMap.lazy_condition_map": _instance_attr("lazy_condition_map"),
    "ResourceMap.tags": _instance_attr("tags"),
    "ResourceMap.input_parameters": _instance_attr("input_parameters"),
    "ResourceMap.resolved_parameters": _instance_attr("resolved_parameters"),
    "Stack._add_stack_event(resource_status, resource_status_reason)": _params(
        models.Stack._add_stack_event, "resource_status", "resource_status_reason"
    ),
    "Stack._parse_template": _has(models.Stack, "_parse_template"),
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


# What moto's callers pass them; a property stays a property.
def _same_signature(base: type, name: str, override: Any) -> Callable[[], bool]:
    def check() -> bool:
        moto_own = inspect.getattr_static(base, name, None)
        if moto_own is None or isinstance(override, property) != isinstance(moto_own, property):
            return False
        if isinstance(override, property):
            return True
        if isinstance(override, classmethod) != isinstance(moto_own, classmethod):
            return False
        moto_function = getattr(moto_own, "__func__", moto_own)
        function = getattr(override, "__func__", override)
        moto_params = list(inspect.signature(moto_function).parameters)
        return moto_params[1:] == list(inspect.signature(function).parameters)[1:]

    return check


def _moto_base(cls: type) -> type:
    return next(base for base in cls.__mro__[1:] if base.__module__.startswith("moto."))


def _overrides(cls: type) -> dict[str, Any]:
    """The methods and properties ``cls`` defines that its moto base has too (moto's
    metaclass gives every model class its own ``instances_tracked`` list: not one)."""
    base = _moto_base(cls)
    return {
        name: value
        for name, value in vars(cls).items()
        if not name.startswith("__")
        and not isinstance(value, type)
        and (callable(value) or isinstance(value, property | classmethod))
        and inspect.getattr_static(base, name, None) is not None
    }


# Every method or property an engine subclass defines that its moto base has too.
for _engine_class in ENGINE_CLASSES:
    _base = _moto_base(_engine_class)
    for _name, _override in _overrides(_engine_class).items():
        CHECKS[f"{_base.__name__}.{_name} (overridden by {_engine_class.__name__})"] = (
            _same_signature(_base, _name, _override)
        )


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_moto_internal_is_where_the_engine_expects_it(name: str) -> None:
    assert CHECKS[name](), (
        f"moto {MOTO} (the requirements) no longer has {name}: "
        "localcloud/moto_adapter/cloudformation.py or the engine's subclasses depend on it; "
        "adapt them to the new moto"
    )


def test_the_engine_overrides_what_it_means_to() -> None:
    """A typo in an override's name would leave moto's method in place, unnoticed."""
    expected = {
        "EngineBackend": {
            "_url_module",
            "create_change_set",
            "create_stack",
            "create_stack_set",
            "delete_stack",
            "execute_change_set",
            "update_stack",
            "update_stack_set",
        },
        "EngineStack": {
            "_create_resource_map",
            "_parse_template",
            "create_resources",
            "delete",
            "exports",
            "outputs",
            "stack_resources",
            "update",
        },
        "EngineChangeSet": {"_parse_template", "diff"},
        "NestedStack": {"create_from_cloudformation_json"},
        "LambdaFunctionModel": {"update_from_cloudformation_json"},
        "EngineResponse": {
            "_get_stack_from_s3_url",
            "_validate_different_update",
            "create_change_set",
            "create_stack",
            "create_stack_set",
            "delete_change_set",
            "delete_stack",
            "describe_change_set",
            "describe_stack_resource",
            "describe_stack_resources",
            "execute_change_set",
            "get_template",
            "get_template_summary",
            "list_change_sets",
            "list_stack_resources",
            "set_stack_policy",
            "update_stack",
            "update_stack_set",
            "validate_template",
        },
    }
    found = {cls.__name__: set(_overrides(cls)) for cls in ENGINE_CLASSES}
    assert found == expected
