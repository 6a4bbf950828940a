"""A template's event trigger, deployed in this process and evaluated by the local service.

For ``customerprofiles-localcloud triggers evaluate --template-file``: no
server. The template is deployed as ``deploy`` deploys it in-process
(``localcloud.cloudformation.deploy.in_process``: moto's mock with the local
Customer Profiles service and the resource types), so the stack engine
resolves parameters (their overrides or defaults), pseudo parameters (the
offline account 123456789012, the region given, its partition), ``Ref``,
``Fn::Sub`` and every other intrinsic function, and the resource types make
the trigger, its object type and any integration as they do on a server. The
local service then evaluates the trigger as the server's
``trigger-evaluations`` route does (``localcloud.trigger_runtime``): an
integration that sends it to an outbound campaign caps its EventExpiration.

A trigger in a domain, or of an object type, the template does not make
needs them to exist first, as in the account it would be deployed to. So the
template is deployed in two steps: first without its triggers and
integrations, with outputs naming each trigger's DomainName, EventTriggerName
and ObjectTypeName; an empty domain and object type stand in for any of those
the service does not have then; then the whole template, as an update.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cfnlint.decode import decode_str  # type: ignore[import-untyped]

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud import trigger_runtime
from localcloud.cloudformation import deploy
from localcloud.core.exceptions import ServiceError
from localcloud.customer_profiles.clock import clock

INTEGRATION_TYPE = "AWS::CustomerProfiles::Integration"
DOMAIN_TYPE = "AWS::CustomerProfiles::Domain"
# What each trigger's outputs name, after the first step.
NAMED = ("DomainName", "EventTriggerName", "ObjectTypeName")
# A stack needs one resource: the first step's, when the template has only triggers.
PLACEHOLDER = {
    "Type": DOMAIN_TYPE,
    "Properties": {"DomainName": "triggers-evaluate-placeholder", "DefaultExpirationDays": 1},
}
STAND_IN = "Stands in for what the template needs to exist (triggers evaluate)"


class TemplateError(ValueError):
    """The template does not give what the evaluation needs; the message says what."""


def _decode(text: str, path: Path) -> dict[str, Any]:
    """The template as JSON data (YAML's short tags in their long form), as cfn-lint reads it."""
    template, matches = decode_str(text)
    if matches or not isinstance(template, dict):
        problem = f": {matches[0].message}" if matches else ""
        raise TemplateError(f"{path} is not a YAML or JSON template{problem}")
    if not isinstance(template.get("Resources"), dict):
        raise TemplateError(f"{path} has no Resources")
    return template


def _triggers(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        logical_id: resource
        for logical_id, resource in template["Resources"].items()
        if isinstance(resource, dict) and resource.get("Type") == TYPE_NAME
    }


def first_step(template: dict[str, Any]) -> dict[str, Any]:
    """The template without its triggers and integrations, naming each trigger in outputs.

    Output ``<logical id><name>`` is the trigger's property ``name`` (one of ``NAMED``).
    """
    left_out = {
        logical_id
        for logical_id, resource in template["Resources"].items()
        if isinstance(resource, dict) and resource.get("Type") in (TYPE_NAME, INTEGRATION_TYPE)
    }
    resources = {}
    for logical_id, resource in template["Resources"].items():
        if logical_id in left_out:
            continue
        depends = resource.get("DependsOn") if isinstance(resource, dict) else None
        if isinstance(depends, str | list):
            names = [depends] if isinstance(depends, str) else depends
            resource = {**resource, "DependsOn": [n for n in names if n not in left_out]}
        resources[logical_id] = resource
    outputs = {}
    for logical_id, trigger in _triggers(template).items():
        properties = trigger.get("Properties") or {}
        for name in NAMED:
            if name in properties:
                output = {"Value": properties[name]}
                if "Condition" in trigger:
                    output["Condition"] = trigger["Condition"]
                outputs[f"{logical_id}{name}"] = output
    step = {key: value for key, value in template.items() if key not in ("Resources", "Outputs")}
    return {**step, "Resources": resources or {"Placeholder": PLACEHOLDER}, "Outputs": outputs}


def _named(outputs: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """``{logical id: {name: value}}`` for the names in ``NAMED``, from the first step's outputs."""
    found: dict[str, dict[str, str]] = {}
    for output in outputs:
        key = str(output["OutputKey"])
        for name in NAMED:
            if key.endswith(name):
                found.setdefault(key.removesuffix(name), {})[name] = str(output["OutputValue"])
    return found


def _stand_ins(profiles: Any, named: dict[str, dict[str, str]]) -> None:
    """An empty domain and object type for each a trigger names and the service lacks."""
    for names in named.values():
        domain, object_type = names.get("DomainName"), names.get("ObjectTypeName")
        if not domain or not object_type:
            continue  # the whole template's deploy says what is wrong with the trigger
        if not any(item["DomainName"] == domain for item in _domains(profiles)):
            profiles.create_domain(DomainName=domain, DefaultExpirationDays=366)
        types = profiles.list_profile_object_types(DomainName=domain)["Items"]
        if not any(item["ObjectTypeName"] == object_type for item in types):
            profiles.put_profile_object_type(
                DomainName=domain, ObjectTypeName=object_type, Description=STAND_IN
            )


def _domains(profiles: Any) -> list[dict[str, Any]]:
    return list(profiles.list_domains().get("Items", []))


def _chosen(path: Path, named: dict[str, dict[str, str]], trigger: str | None) -> dict[str, str]:
    for logical_id, names in sorted(named.items()):
        if trigger in (None, logical_id, names.get("EventTriggerName")):
            return names
    raise TemplateError(f"{path} has no trigger {trigger} ({', '.join(sorted(named))})")


def evaluate(
    path: Path,
    obj: str,
    *,
    trigger: str | None,
    overrides: dict[str, str],
    region: str,
    profile_id: str | None = None,
    in_segment: bool = False,
    latency_ms: float = 0.0,
) -> dict[str, Any]:
    """``{"fired", "trace", "text"}`` for ``trigger`` (its logical id or EventTriggerName).

    ``in_segment``: ``profile_id`` is in the trigger's SegmentFilter segment;
    ``latency_ms``: the object is processed that long after it is received.
    """
    try:
        text = deploy.read_template(path)
    except deploy.DeployError as error:
        raise TemplateError(str(error)) from None
    template = _decode(text, path)
    triggers = _triggers(template)
    if not triggers:
        raise TemplateError(f"{path} has no {TYPE_NAME}")
    if trigger is None and len(triggers) > 1:
        raise TemplateError(f"{path} has several triggers ({', '.join(triggers)}): name one")
    stack = deploy.default_stack_name(path)
    with deploy.in_process(), _reported():
        cloudformation = deploy.client(None, region)
        deployment = deploy.Deployment(cloudformation, io.StringIO())
        deployment.deploy(stack, json.dumps(first_step(template)), overrides, None)
        outputs = cloudformation.describe_stacks(StackName=stack)["Stacks"][0].get("Outputs", [])
        named = _named(outputs)
        chosen = _chosen(path, named, trigger)
        profiles = deploy.session(region).client("customer-profiles")
        _stand_ins(profiles, named)
        deployment.deploy(stack, text, overrides, None)
        domain, name = chosen.get("DomainName", ""), chosen.get("EventTriggerName", "")
        segment = profiles.get_event_trigger(DomainName=domain, EventTriggerName=name).get(
            "SegmentFilter"
        )
        if in_segment and profile_id and segment:
            service = trigger_runtime.with_domain(domain, region)
            service.set_segment_members(domain, segment, [profile_id])
        try:
            clock.set_latency(latency_ms)
            return trigger_runtime.evaluation(domain, name, obj, profile_id, region)
        finally:
            clock.reset()


@contextlib.contextmanager
def _reported() -> Iterator[None]:
    """A deploy that fails, or a service that refuses, is a ``TemplateError`` in one line."""
    try:
        yield
    except deploy.FAILURES as error:
        raise TemplateError(deploy.problem(error)) from None
    except ServiceError as error:
        raise TemplateError(str(error)) from None
