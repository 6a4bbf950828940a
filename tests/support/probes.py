"""Resource types for the engine tests, and where a test's clients go.

``Probe`` is the type ``Test::Engine::Probe``: it records every call with the
request context, keeps what it made in ``Probe.store``, and fails when its
``FailOn`` property names the action (``create``, ``update``, ``delete``), with
``FailMessage`` as the message. ``FixedProbe`` has no in-place update;
``ContextTagProbe`` reads the stack tags from the request.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, ClassVar

from botocore.config import Config
from moto.core.common_models import CloudFormationModel

from localcloud.cloudformation.engine import ResourceFailure, current_request
from tests.support.cloud import any_client

REGION = "us-east-1"
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"}, read_timeout=60)
PROBE = PROBE_TYPE = "Test::Engine::Probe"
CONTEXT_TAG_PROBE_TYPE = "Test::Engine::ContextTagProbe"


class _ProbeModel:
    """A resource type for tests: records calls, fails on demand (shared state)."""

    store: ClassVar[dict[str, dict[str, Any]]] = {}
    calls: ClassVar[list[tuple[str, str]]] = []
    requests: ClassVar[list[Any]] = []

    cloudformation_tags_in_context = False

    def __init__(self, name: str, properties: dict[str, Any]) -> None:
        self.name = name
        self.properties = properties

    @property
    def physical_resource_id(self) -> str:
        return self.name

    @classmethod
    def cloudformation_type(cls) -> str:
        return PROBE_TYPE

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @classmethod
    def cloudformation_resource_schema(cls) -> dict[str, Any]:
        return {
            "typeName": cls.cloudformation_type(),
            "properties": {"Name": {}, "Value": {}, "Tags": {"type": "array"}},
            "createOnlyProperties": ["/properties/Name"],
            "primaryIdentifier": ["/properties/Name"],
            "tagging": {"taggable": True, "tagProperty": "/properties/Tags"},
        }

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("Arn", "Value")

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return f"arn:aws:test:{REGION}:123456789012:probe/{self.name}"
        if attribute_name == "Value":
            return self.properties.get("Value")
        raise NotImplementedError(attribute_name)

    def is_created(self) -> bool:
        return True

    @classmethod
    def _called(cls, action: str, cloudformation_json: dict[str, Any]) -> dict[str, Any]:
        """Records the call (or refuses it, per FailOn); the resource's properties, a copy."""
        properties = copy.deepcopy(cloudformation_json.get("Properties") or {})
        request = current_request()
        cls.calls.append((action, request.logical_id if request else "?"))
        cls.requests.append(request)
        if action.lower() in [str(a).lower() for a in properties.get("FailOn", [])]:
            raise RuntimeError(properties.get("FailMessage", f"probe refused to {action}"))
        return properties

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> _ProbeModel:
        properties = cls._called("create", cloudformation_json)
        if resource_name in cls.store:
            raise ResourceFailure(f"{resource_name} already exists", "AlreadyExists")
        cls.store[resource_name] = properties
        return cls(resource_name, properties)

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: _ProbeModel,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> _ProbeModel:
        properties = cls._called("update", cloudformation_json)
        cls.store[original_resource.name] = properties
        original_resource.properties = properties
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        cls._called("delete", cloudformation_json)
        if resource_name not in cls.store:
            raise ResourceFailure(f"{resource_name} does not exist", "NotFound")
        del cls.store[resource_name]

    @classmethod
    def reset(cls) -> None:
        cls.store.clear()
        cls.calls.clear()
        cls.requests.clear()


# moto finds types among the direct subclasses of CloudFormationModel.
class Probe(_ProbeModel, CloudFormationModel):
    """Test::Engine::Probe: stack tags are merged into its Tags property."""


class FixedProbe(_ProbeModel, CloudFormationModel):
    """Test::Engine::FixedProbe: has no in-place update (as some of moto's types)."""

    update_from_cloudformation_json = CloudFormationModel.update_from_cloudformation_json

    @classmethod
    def cloudformation_type(cls) -> str:
        return "Test::Engine::FixedProbe"


class ContextTagProbe(_ProbeModel, CloudFormationModel):
    """Test::Engine::ContextTagProbe: reads stack tags from the request, as a handler does."""

    cloudformation_tags_in_context = True

    @classmethod
    def cloudformation_type(cls) -> str:
        return CONTEXT_TAG_PROBE_TYPE


@dataclass
class Target:
    """Where a test's clients go: in-process (``endpoint`` None) or a server."""

    name: str
    endpoint: str | None

    def client(self, service: str) -> Any:
        return any_client(
            service, region_name=REGION, endpoint_url=self.endpoint, config=NO_RETRIES
        )
