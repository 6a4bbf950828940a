"""The names of moto and cfn-lint the resource types depend on, pinned.

Each test fails naming what moved and the version it was written against, so
an upgrade breaks here, in one place, rather than as a stack that creates
nothing.
"""

from __future__ import annotations

import inspect
from importlib import metadata, resources
from typing import Any

import boto3

from localcloud.cloudformation import register
from localcloud.core.resource_schema import SCHEMA_PACKAGE, SCHEMA_REGION
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.moto_adapter.versions import MOTO_RANGE, _in_range, _release
from tests.support.pins import pinned

MOTO = metadata.version("moto")
CFN_LINT = pinned("cfn-lint")


def test_the_installed_versions_are_in_the_tested_ranges() -> None:
    assert _in_range(_release(MOTO)), f"written against moto{MOTO_RANGE}: re-check this module"
    assert _release(metadata.version("cfn-lint")) >= _release(CFN_LINT), (
        f"written against cfn-lint {CFN_LINT} and later: re-check this module"
    )


def test_moto_builds_its_type_map_from_cached_subclass_lists() -> None:
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel

    for name in ("get_model_list", "get_model_map", "get_name_type_map"):
        cached = getattr(parsing, name, None)
        assert callable(getattr(cached, "cache_clear", None)), (
            f"moto {MOTO}: moto.cloudformation.parsing.{name} is no longer an lru_cache"
        )
    assert "__subclasses__" in inspect.getsource(parsing.get_model_list), (
        f"moto {MOTO}: get_model_list no longer reads CloudFormationModel.__subclasses__()"
    )
    assert CloudFormationModel.__subclasses__()


def test_moto_makes_the_types_through_the_engine_with_the_stacks_request() -> None:
    """moto's parsing finds the types and the engine hands each its stack, logical id and
    stack tags (``ResourceRequest``); the instance lands in the stack's resource map."""
    from moto.cloudformation.models import cloudformation_backends

    register()
    template = """
Resources:
  Domain:
    Type: AWS::CustomerProfiles::Domain
    Properties: {DomainName: pinned, DefaultExpirationDays: 30}
"""
    with mock_customer_profiles():
        cf = boto3.client("cloudformation", region_name="us-east-1")
        stack_id = cf.create_stack(
            StackName="pinned", TemplateBody=template, Tags=[{"Key": "k", "Value": "v"}]
        )["StackId"]
        stack = cloudformation_backends["123456789012"]["us-east-1"].stacks[stack_id]
        domain: Any = stack.resource_map["Domain"]
        assert domain.request.stack_id == stack_id, f"moto {MOTO}: the stack is not passed"
        assert domain.request.logical_id == "Domain", f"moto {MOTO}: LogicalId is not passed"
        assert domain.request.stack_tags == {"k": "v"}


def test_cfn_lint_ships_the_published_schemas_where_they_are_read() -> None:
    data = resources.files(SCHEMA_PACKAGE)
    index = data / "providers" / f"{SCHEMA_REGION}.json"
    assert index.is_file(), (
        f"cfn-lint {CFN_LINT}: no {SCHEMA_PACKAGE}/providers/{SCHEMA_REGION}.json"
    )
    assert (data / "resources").is_dir(), f"cfn-lint {CFN_LINT}: no {SCHEMA_PACKAGE}/resources"
