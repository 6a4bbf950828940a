"""What a template declares, as ValidateTemplate and GetTemplateSummary report it.

* ``Parameters``: each parameter in template order, with its ``DefaultValue``
  when it has one, ``NoEcho`` and its ``Description``;
* ``Description``: the template's;
* ``Capabilities`` and ``CapabilitiesReason``: ``CAPABILITY_IAM`` for the IAM
  resources CloudFormation's "Acknowledging IAM resources" lists,
  ``CAPABILITY_NAMED_IAM`` when one of them has a custom name, and
  ``CAPABILITY_AUTO_EXPAND`` for a template that declares transforms; the
  reason names the resource types (and the transforms) that need them;
* ``DeclaredTransforms``.

A template that declares no transform is checked as CreateStack checks it
(``graph.validate_template``); one that does is checked for its form and
quotas only, as its resources are known only after the transform.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine import graph, templates, transforms

__all__ = ["IAM_NAME_PROPERTIES", "capabilities", "template_parameters", "validate"]

# The IAM types that need a capability, and the property that gives each a custom name.
IAM_NAME_PROPERTIES: dict[str, str | None] = {
    "AWS::IAM::AccessKey": None,
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::Policy": None,
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::UserToGroupAddition": None,
}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(item) for item in value)
    return str(value)


def template_parameters(template: dict[str, Any]) -> list[dict[str, Any]]:
    """ValidateTemplate's ``Parameters``: one TemplateParameter per declared parameter."""
    found: list[dict[str, Any]] = []
    for name, slot in (template.get("Parameters") or {}).items():
        slot = slot if isinstance(slot, dict) else {}
        entry: dict[str, Any] = {"ParameterKey": name}
        if "Default" in slot:
            entry["DefaultValue"] = _text(slot["Default"])
        entry["NoEcho"] = _text(slot.get("NoEcho", False)).lower() == "true"
        if "Description" in slot:
            entry["Description"] = str(slot["Description"])
        found.append(entry)
    return found


def capabilities(template: dict[str, Any]) -> tuple[list[str], str | None]:
    """The capabilities creating the template needs, and the reason CloudFormation gives."""
    needing: list[str] = []
    named = False
    for body in (template.get("Resources") or {}).values():
        resource_type = body.get("Type") if isinstance(body, dict) else None
        if resource_type not in IAM_NAME_PROPERTIES:
            continue
        if resource_type not in needing:
            needing.append(str(resource_type))
        name_property = IAM_NAME_PROPERTIES[str(resource_type)]
        properties = body.get("Properties") or {}
        if name_property and isinstance(properties, dict) and name_property in properties:
            named = True
    found: list[str] = []
    if needing:
        found.append("CAPABILITY_NAMED_IAM" if named else "CAPABILITY_IAM")
    declared = transforms.declared(template)
    if declared:
        found.append("CAPABILITY_AUTO_EXPAND")
    reasons = needing + [name for name in declared if name not in needing]
    if not reasons:
        return [], None
    return found, f"The following resource(s) require capabilities: [{', '.join(reasons)}]"


def validate(text: Any) -> dict[str, Any]:
    """ValidateTemplate's answer for the template ``text`` (ValidationError if it is bad)."""
    template = templates.parse(text)
    declared = transforms.declared(template)
    if declared:
        graph.check_counts(template)
    else:
        graph.validate_template(template)
    needed, reason = capabilities(template)
    result: dict[str, Any] = {
        "Parameters": template_parameters(template),
        "Capabilities": needed,
        "DeclaredTransforms": declared,
    }
    if template.get("Description") is not None:
        result["Description"] = str(template["Description"])
    if reason is not None:
        result["CapabilitiesReason"] = reason
    return result
