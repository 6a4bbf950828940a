"""The Customer Profiles resource types for moto's CloudFormation engine.

``register_types()`` makes moto's engine provision these four types:

* ``AWS::CustomerProfiles::EventTrigger`` through the provider's own Lambda
  entrypoint (``aws_customerprofiles_eventtrigger.handlers.resource``), with the
  HandlerRequest CloudFormation sends (``handler``);
* ``AWS::CustomerProfiles::Domain``, ``ObjectType`` and ``Integration`` through
  the local Customer Profiles service's API, with a boto3 client (``service``).

moto finds types as the direct subclasses of ``CloudFormationModel``, through
three caches in ``moto.cloudformation.parsing`` (``get_model_list``,
``get_model_map``, ``get_name_type_map``); a type defined after their first
use is only seen once they are cleared, which ``register_types`` does.

What the engine gets from each type is in ``base.SchemaResource``: Ref, GetAtt,
``create_only_properties()``, failures as ``ResourceFailed``, updates that never
replace. Where AWS documents no Ref for a type, its Ref is assumed to be the
schema's primary identifier joined with ``|``, as CloudFormation does for
registry types: ``DomainName|ObjectTypeName`` for an ObjectType,
``DomainName|Uri`` for an Integration, ``DomainName|EventTriggerName`` for an
EventTrigger; a Domain's is its DomainName, as documented.
"""

from __future__ import annotations

from .base import SchemaResource
from .domain import CustomerProfilesDomain
from .errors import ResourceFailed
from .event_trigger import CustomerProfilesEventTrigger
from .integration import CustomerProfilesIntegration
from .object_type import CustomerProfilesObjectType

__all__ = [
    "TYPES",
    "ResourceFailed",
    "SchemaResource",
    "clear_engine_caches",
    "register_types",
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


def clear_engine_caches() -> None:
    """Forget the type map moto's engine has built, so it is built again with ours."""
    from moto.cloudformation import parsing

    for cached in (parsing.get_model_list, parsing.get_model_map, parsing.get_name_type_map):
        cached.cache_clear()


def register_types() -> None:
    """Make moto's CloudFormation engine provision the four types (idempotent)."""
    from localcloud import customer_profiles

    customer_profiles.register()  # the service the types call
    clear_engine_caches()
