"""The order resources are made and removed in: the template's dependency graph.

moto orders resources by ``DependsOn`` only and creates the rest lazily, when
something first asks for them; its delete walks a set, so its order follows
``PYTHONHASHSEED``. CloudFormation orders by every dependency a resource
declares: ``DependsOn``, ``Ref``, ``Fn::GetAtt`` and the names inside
``Fn::Sub``. Here that graph is built once and sorted stably (ties keep
template order), so create order and its reverse, the delete order, are the
same on every run.

``check_imports`` refuses, before any change, a template that imports
(``Fn::ImportValue``) an export that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from localcloud.moto_adapter.cloudformation import Export, ValidationError

__all__ = [
    "attribute_reads",
    "check_counts",
    "check_imports",
    "creation_order",
    "dependencies",
    "dependents_of",
    "validate_template",
]

_SUB_NAME = re.compile(r"\$\{(?!!)([^}]+)\}")


def _sub_names(text: str, local: Iterable[str]) -> set[str]:
    names = set()
    for match in _SUB_NAME.findall(text):
        name = match.strip().split(".", 1)[0]
        if name not in local:
            names.add(name)
    return names


def _references(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                if isinstance(value, list) and value and isinstance(value[0], str):
                    found.add(value[0])
                elif isinstance(value, str):
                    found.add(value.split(".", 1)[0])
                found |= _references(value)
            elif key == "Fn::Sub":
                if isinstance(value, str):
                    found |= _sub_names(value, ())
                elif isinstance(value, list) and value and isinstance(value[0], str):
                    variables = value[1] if len(value) > 1 and isinstance(value[1], dict) else {}
                    found |= _sub_names(value[0], variables)
                    found |= _references(variables)
            else:
                found |= _references(value)
    elif isinstance(node, list):
        for item in node:
            found |= _references(item)
    return found


def attribute_reads(node: Any) -> set[tuple[str, str]]:
    """Every (resource, attribute) an Fn::GetAtt or an Fn::Sub "${Name.Attr}" reads."""
    found: set[tuple[str, str]] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Fn::GetAtt":
                if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
                    found.add((str(value[0]), value[1]))
                elif isinstance(value, str) and "." in value:
                    name, attribute = value.split(".", 1)
                    found.add((name, attribute))
            elif key == "Fn::Sub":
                text = value[0] if isinstance(value, list) and value else value
                if isinstance(text, str):
                    for match in _SUB_NAME.findall(text):
                        if "." in match:
                            name, attribute = match.strip().split(".", 1)
                            found.add((name, attribute))
            found |= attribute_reads(value)
    elif isinstance(node, list):
        for item in node:
            found |= attribute_reads(item)
    return found


def _getatt_targets(node: Any) -> set[str]:
    """The resources every Fn::GetAtt in ``node`` names."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Fn::GetAtt" and isinstance(value, list) and value:
                found.add(str(value[0]))
            elif key == "Fn::GetAtt" and isinstance(value, str):
                found.add(value.split(".", 1)[0])
            found |= _getatt_targets(value)
    elif isinstance(node, list):
        for item in node:
            found |= _getatt_targets(item)
    return found


def _format_error(message: str) -> ValidationError:
    return ValidationError(message=f"Template format error: {message}")


# CloudFormation's quotas page (cloudformation-limits.html): what one template may declare.
MAX_RESOURCES = 500
MAX_PARAMETERS = 200
MAX_OUTPUTS = 200


def check_counts(template: dict[str, Any]) -> None:
    """More resources, parameters or outputs than CloudFormation takes: its messages."""
    counts = {
        section: len(value) if isinstance(value, dict) else 0
        for section in ("Resources", "Parameters", "Outputs")
        for value in [template.get(section)]
    }
    if counts["Resources"] > MAX_RESOURCES:
        raise _format_error(
            f"Number of resources, {counts['Resources']}, is greater than maximum allowed, "
            f"{MAX_RESOURCES}"
        )
    if counts["Parameters"] > MAX_PARAMETERS:
        raise _format_error(
            f"Parameter count {counts['Parameters']} is greater than max allowed {MAX_PARAMETERS}"
        )
    if counts["Outputs"] > MAX_OUTPUTS:
        raise _format_error(
            f"Output count {counts['Outputs']} is greater than max allowed {MAX_OUTPUTS}"
        )


def validate_template(template: Any) -> None:
    """Refuse, as CloudFormation does before any change, a template whose structure or
    references cannot work: no Resources, a resource without a Type, a parameter
    without a Type, a Ref/GetAtt/Sub/DependsOn naming nothing in the template."""
    if not isinstance(template, dict):
        raise _format_error("the template must be a JSON or YAML object")
    check_counts(template)
    resources = template.get("Resources")
    if not isinstance(resources, dict) or not resources:
        raise _format_error("At least one Resources member must be defined.")
    parameters = template.get("Parameters") or {}
    if not isinstance(parameters, dict):
        raise _format_error("Parameters must be an object")
    for name, body in parameters.items():
        if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
            raise _format_error(
                f"[/Parameters/{name}] Every Parameters object must contain a Type member."
            )
    for name, body in resources.items():
        if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
            raise _format_error(
                f"[/Resources/{name}] Every Resources object must contain a Type member."
            )
        properties = body.get("Properties")
        if properties is not None and not isinstance(properties, dict):
            raise _format_error(f"[/Resources/{name}/Properties] Properties must be an object")
    known = set(resources) | set(parameters)
    for section in ("Resources", "Outputs"):
        entries = template.get(section) or {}
        if not isinstance(entries, dict):
            raise _format_error(f"{section} must be an object")
        for name, body in entries.items():
            if not isinstance(body, dict):
                raise _format_error(f"[/{section}/{name}] must be an object")
            without_depends_on = {k: v for k, v in body.items() if k != "DependsOn"}
            for target in sorted(_getatt_targets(without_depends_on)):
                if target not in resources:
                    raise ValidationError(
                        message="Template error: instance of Fn::GetAtt references "
                        f"undefined resource {target}"
                    )
            found = _references(without_depends_on)
            unknown = sorted(n for n in found if n not in known and not n.startswith("AWS::"))
            if unknown:
                raise _format_error(
                    f"Unresolved resource dependencies [{', '.join(unknown)}] in the "
                    f"{section} block of the template"
                )


def dependencies(resources: Mapping[str, Any], logical_id: str) -> set[str]:
    """Resources ``logical_id`` depends on (DependsOn, Ref, GetAtt, Sub), within ``resources``."""
    body = resources[logical_id]
    if not isinstance(body, dict):
        return set()
    depends_on = body.get("DependsOn", [])
    named = {depends_on} if isinstance(depends_on, str) else set(depends_on or [])
    missing = sorted(name for name in named if name not in resources)
    if missing:
        raise _format_error(
            f"Unresolved resource dependencies [{', '.join(missing)}] "
            "in the Resources block of the template"
        )
    found = named | _references({k: v for k, v in body.items() if k != "DependsOn"})
    return {name for name in found if name in resources and name != logical_id}


def creation_order(resources: Mapping[str, Any], include: Iterable[str] | None = None) -> list[str]:
    """Logical ids in dependency order; ties keep template order. Raises on a cycle."""
    wanted = list(resources) if include is None else [k for k in resources if k in set(include)]
    graph = {name: dependencies(resources, name) & set(wanted) for name in wanted}
    order: list[str] = []
    done: set[str] = set()
    while len(order) < len(wanted):
        ready = [name for name in wanted if name not in done and graph[name] <= done]
        if not ready:
            cycle = sorted(name for name in wanted if name not in done)
            raise ValidationError(
                message=f"Circular dependency between resources: [{', '.join(cycle)}]"
            )
        for name in ready:
            order.append(name)
            done.add(name)
    return order


def dependents_of(resources: Mapping[str, Any], logical_id: str, among: Iterable[str]) -> set[str]:
    """Which of ``among`` depend on ``logical_id`` directly."""
    return {name for name in among if logical_id in dependencies(resources, name)}


def _literal_imports(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Fn::ImportValue" and isinstance(value, str):
                names.add(value)
            else:
                names |= _literal_imports(value)
    elif isinstance(node, list):
        for item in node:
            names |= _literal_imports(item)
    return names


def check_imports(template: dict[str, Any], exports: dict[str, Export]) -> None:
    """CloudFormation refuses, before any change, an import of an export that does not
    exist (names given as text; one built by Sub or Join is checked when it is resolved)."""
    sections = {k: template.get(k) for k in ("Resources", "Outputs")}
    for name in sorted(_literal_imports(sections)):
        if name not in exports:
            raise ValidationError(message=f"No export named {name} found.")
