"""moto's CloudFormation engine, extended by subclassing, connected in one place.

moto's engine parses templates, resolves intrinsic functions and finds a model
per resource type; this package adds what it lacks, in subclasses of moto's
own classes (``backend.EngineBackend``, ``stack.EngineStack``,
``changesets.EngineChangeSet``, ``responses.EngineResponse``,
``resource_map.EngineResourceMap``): resources made at create time in dependency order, per-resource
status and events, rollback of failed creates and updates, updates and change
sets from resolved values (with replacement from the type's create-only
properties), delete in reverse dependency order with DeletionPolicy, reads that
never make anything, and unsupported types that fail the stack.

``install()`` connects it to moto at the points ``connection.CONNECTIONS`` lists
(idempotent) and ``uninstall()`` puts moto's own back. The engine reaches moto
only through ``localcloud.moto_adapter.cloudformation``; ``tests/moto_adapter/``
fails by name if a moto upgrade moves one of the internals it uses.

What a resource type does to be provisioned (moto's extension point, as moto
uses it, plus what the engine adds):

* A *direct* subclass of ``moto.core.common_models.CloudFormationModel``
  (moto lists ``CloudFormationModel.__subclasses__()``), defining
  ``cloudformation_type()``, ``cloudformation_name_type()``, ``has_cfn_attr``,
  ``get_cfn_attribute`` (GetAtt), ``is_created()`` (True: calls are synchronous,
  IN_PROGRESS is followed inside the call) and a ``physical_resource_id``
  property: what Ref returns (composite identifiers joined with ``|``,
  ``localcloud.core.resource_schema.ref_value``).
* Create: ``create_from_cloudformation_json(resource_name, cloudformation_json,
  account_id, region_name, LogicalId=, StackId=, ResourceType=)`` returns the
  instance. ``cloudformation_json["Properties"]`` is resolved (Ref, GetAtt,
  Sub, parameters, conditions). A replacement's new resource is a create too.
* Update: ``update_from_cloudformation_json(original_resource,
  new_resource_name, cloudformation_json, account_id, region_name)`` returns the
  updated instance. Called only when the resolved properties changed (or the
  stack tags did, for a type with ``cloudformation_tags_in_context``) and no
  create-only property (from the schema) changed; otherwise the resource is
  replaced: create the new one, update dependents, delete the old at cleanup.
  On rollback it is called again with the previous properties. A type without
  an update gets a tag-only change recorded (an EC2 resource's tags set through
  EC2); a replacement of a type the engine cannot delete goes through its update
  (moto's models replace themselves there). A replacement of a resource whose
  name property the template fixes fails, as on CloudFormation.
* Delete, in moto's order: an instance method ``delete(account_id,
  region_name)``, or else ``delete_from_cloudformation_json(physical_resource_id,
  cloudformation_json, account_id, region_name)`` (the resolved JSON it was
  last made with; if the physical id finds nothing, again with the name it was
  made with). A type with neither is done (moto's behaviour: nothing to call).
* Custom resources (``Custom::*``) are the engine's own model
  (``custom_resource``): their function runs, and each operation waits for
  its response.
* Failure: raise any exception; its message becomes the ResourceStatusReason.
  ``ResourceFailure(message, error_code)`` names the handler error code (the
  reason is then ``str()``: ``"Code: message"``); on delete, ``NotFound`` (or a
  moto not-found error) counts as deleted.
* Context: ``current_request()`` gives the stack id and name, logical id,
  stack tags, system tags (``aws:cloudformation:*``), and on update the
  previous properties and previous stack tags (``ResourceRequest``).
* Tags: by default the engine merges the stack's tags into the property the
  schema's ``tagging.tagProperty`` names (the resource's own tags win); a type
  with ``cloudformation_tags_in_context = True`` gets its properties as written
  and reads ``stack_tags`` from the request, as a resource handler does.
* Schema: ``cloudformation_resource_schema()`` returning the schema as a dict
  overrides the one cfn-lint ships (createOnlyProperties, primaryIdentifier,
  tagging).
"""

from __future__ import annotations

from localcloud.cloudformation.engine.connection import install, installed, uninstall
from localcloud.cloudformation.engine.context import ResourceRequest, current_request
from localcloud.cloudformation.engine.errors import ResourceFailure, UnsupportedType

__all__ = [
    "ResourceFailure",
    "ResourceRequest",
    "UnsupportedType",
    "current_request",
    "install",
    "installed",
    "uninstall",
]
