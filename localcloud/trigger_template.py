"""An event trigger and its object type's Fields, read from a CloudFormation template.

For ``customerprofiles-localcloud triggers evaluate --template-file``: no
server, no stack. Parameters resolve to their overrides or defaults, pseudo
parameters to the offline account's (``AWS::AccountId`` 123456789012, the
region given, partition ``aws``); ``Ref`` of a resource and ``Fn::Sub`` are
resolved; any other intrinsic function is an error naming it.
CloudFormation's ``Fields`` list (``[{Name, ObjectTypeField}]``) becomes the
API's map. An integration naming the trigger whose Uri is an outbound campaign
ARN makes the campaign's cap on EventExpiration apply.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

TRIGGER_TYPE = "AWS::CustomerProfiles::EventTrigger"
INTEGRATION_TYPE = "AWS::CustomerProfiles::Integration"
OFFLINE_ACCOUNT = "123456789012"
OBJECT_TYPE = "AWS::CustomerProfiles::ObjectType"
NAME_PROPERTY = {
    "AWS::CustomerProfiles::Domain": "DomainName",
    OBJECT_TYPE: "ObjectTypeName",
    TRIGGER_TYPE: "EventTriggerName",
}


class TemplateError(ValueError):
    """The template does not give what the evaluation needs; the message says what."""


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    """YAML with CloudFormation's short tags (``!Ref``, ``!Sub``, ...)."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {"Ref" if suffix == "Ref" else f"Fn::{suffix}": value}


_Loader.add_multi_constructor("!", _tag)


def load(path: Path) -> dict[str, Any]:
    try:
        found = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except OSError as error:
        raise TemplateError(f"cannot read {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise TemplateError(f"{path} is not a YAML or JSON template: {error}") from None
    if not isinstance(found, dict) or not isinstance(found.get("Resources"), dict):
        raise TemplateError(f"{path} has no Resources")
    return found


class Resolver:
    def __init__(
        self, template: dict[str, Any], overrides: dict[str, str], region: str = "us-east-1"
    ) -> None:
        self.resources: dict[str, Any] = template["Resources"]
        self.pseudo = {
            "AWS::AccountId": OFFLINE_ACCOUNT,
            "AWS::Region": region,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        self.parameters = {
            name: str(overrides.get(name, spec.get("Default", "")))
            for name, spec in (template.get("Parameters") or {}).items()
        }
        missing = set(overrides) - set(self.parameters)
        if missing:
            raise TemplateError(f"the template has no parameter {sorted(missing)[0]}")

    def ref(self, name: str) -> str:
        if name in self.parameters:
            return self.parameters[name]
        if name in self.pseudo:
            return self.pseudo[name]
        resource = self.resources.get(name)
        if isinstance(resource, dict) and resource.get("Type") in NAME_PROPERTY:
            return str(self.value(resource.get("Properties", {})[NAME_PROPERTY[resource["Type"]]]))
        raise TemplateError(f"cannot resolve Ref {name} without a stack")

    def value(self, found: Any) -> Any:
        if isinstance(found, list):
            return [self.value(item) for item in found]
        if not isinstance(found, dict):
            return found
        if list(found) == ["Ref"]:
            return self.ref(str(found["Ref"]))
        if list(found) == ["Fn::Sub"] and isinstance(found["Fn::Sub"], str):
            return re.sub(r"\$\{([^}!]+)\}", lambda m: self.ref(m.group(1)), found["Fn::Sub"])
        intrinsic = next((key for key in found if str(key).startswith("Fn::")), None)
        if intrinsic is not None:
            raise TemplateError(f"cannot resolve {intrinsic} without a stack")
        return {key: self.value(item) for key, item in found.items()}


def _campaign(template: dict[str, Any], resolver: Resolver, name: str) -> bool:
    """Whether an integration that names trigger ``name`` sends it to an outbound campaign."""
    from localcloud.customer_profiles.firing import campaign_id

    for resource in template["Resources"].values():
        if isinstance(resource, dict) and resource.get("Type") == INTEGRATION_TYPE:
            try:
                properties = resolver.value(resource.get("Properties") or {})
            except TemplateError:
                continue
            uri = str(properties.get("Uri", ""))
            if name in properties.get("EventTriggerNames", []) and campaign_id(uri):
                return True
    return False


def trigger_from_template(
    path: Path, trigger: str | None, overrides: dict[str, str], region: str = "us-east-1"
) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """(the trigger's Get-answer members, its object type's Fields map, campaign or not)."""
    template = load(path)
    resolver = Resolver(template, overrides, region)
    triggers = {
        name: resource
        for name, resource in template["Resources"].items()
        if isinstance(resource, dict) and resource.get("Type") == TRIGGER_TYPE
    }
    if not triggers:
        raise TemplateError(f"{path} has no {TRIGGER_TYPE}")
    if trigger is None and len(triggers) > 1:
        raise TemplateError(f"{path} has several triggers ({', '.join(triggers)}): name one")
    chosen = None
    for logical_id, resource in triggers.items():
        properties = resolver.value(resource.get("Properties") or {})
        if trigger in (None, logical_id, properties.get("EventTriggerName")):
            chosen = properties
            break
    if chosen is None:
        raise TemplateError(f"{path} has no trigger {trigger} ({', '.join(triggers)})")
    if "EventTriggerConditions" not in chosen or "ObjectTypeName" not in chosen:
        raise TemplateError("the trigger has no EventTriggerConditions or ObjectTypeName")
    fields: dict[str, Any] = {}
    for resource in template["Resources"].values():
        if isinstance(resource, dict) and resource.get("Type") == OBJECT_TYPE:
            properties = resolver.value(resource.get("Properties") or {})
            if properties.get("ObjectTypeName") == chosen["ObjectTypeName"]:
                fields = {
                    item["Name"]: item.get("ObjectTypeField", {})
                    for item in properties.get("Fields", [])
                }
    return chosen, fields, _campaign(template, resolver, str(chosen.get("EventTriggerName")))
