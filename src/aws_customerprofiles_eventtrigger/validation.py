"""Input checks against the resource schema, before any write call.

botocore validates almost nothing client-side (no patterns, maximums or
enums), so the model is checked against the schema itself. The validator is
compiled from the schema ahead of time (``make generate``) and imported on
first use, to keep it out of the cold start of READ, DELETE and LIST.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cloudformation_cli_python_lib import exceptions

from . import schema_facts
from .models import ResourceModel

INT64 = (-(2**63), 2**63 - 1)


def check(model: ResourceModel | None) -> ResourceModel:
    """The model, if the schema accepts it; InvalidRequest naming the property if not."""
    if model is None:
        raise exceptions.InvalidRequest("The request has no resource model")
    check_properties(
        {
            name: value
            for name, value in model._serialize().items()
            if name not in schema_facts.READ_ONLY
        }
    )
    return model


def check_properties(properties: Mapping[str, Any]) -> None:
    """InvalidRequest naming the property, unless the schema accepts ``properties``
    (the properties as JSON, read-only ones left out)."""
    from . import schema_validator

    try:
        schema_validator.validate(dict(properties))
    except schema_validator.JsonSchemaValueException as error:
        raise exceptions.InvalidRequest(_describe(error)) from None
    # The compiled validator does not range-check the schema's format int64.
    expiration = (properties.get("EventTriggerLimits") or {}).get("EventExpiration")
    if expiration is not None and not INT64[0] <= expiration <= INT64[1]:
        raise exceptions.InvalidRequest(
            "Invalid property EventTriggerLimits.EventExpiration must be int64"
        )


def check_identifiers(model: ResourceModel | None, *, need_name: bool) -> ResourceModel:
    """The model, if its identifiers are present and valid: for read, delete and list.

    List needs only DomainName (the schema's list ``handlerSchema``); read and
    delete need EventTriggerName too. A name the schema refuses is refused
    here, so it never reaches a request URL.
    """
    if model is None or model.DomainName is None:
        purpose = "to address event triggers" if need_name else "to list event triggers"
        raise exceptions.InvalidRequest(f"DomainName is required {purpose}")
    if need_name and model.EventTriggerName is None:
        raise exceptions.InvalidRequest("EventTriggerName is required to address an event trigger")
    from . import identifier_validator

    identifiers: dict[str, Any] = {"DomainName": model.DomainName}
    if model.EventTriggerName is not None:
        identifiers["EventTriggerName"] = model.EventTriggerName
    try:
        identifier_validator.validate(identifiers)
    except identifier_validator.JsonSchemaValueException as error:
        raise exceptions.InvalidRequest(_describe(error)) from None
    return model


def _describe(error: Any) -> str:
    # fastjsonschema names the failing property by its path from "data", e.g.
    # "data.EventTriggerConditions[0].LogicalOperator must be one of [...]".
    message = str(error.message)
    if message.startswith("data."):
        return f"Invalid property {message.removeprefix('data.')}"
    return "Invalid resource model: it" + message.removeprefix("data")
