"""Outputs and exports: resolved once when an operation completes, and guarded.

Reads return the outputs resolved when the stack last reached a complete
status (moto resolves them on every read, against resources it may then
create). Export names are unique in a region. An export another stack imports
(``Fn::ImportValue``) cannot be removed or changed by an update, nor deleted
with its stack, as in CloudFormation.
"""

from __future__ import annotations

from typing import Any

from localcloud.cloudformation.engine.errors import ResourceFailure, reason_of
from localcloud.cloudformation.engine.resource_map import EngineResourceMap
from localcloud.cloudformation.engine.stack import EngineStack
from localcloud.moto_adapter.cloudformation import CloudFormationBackend, Export, clean_json

__all__ = ["exports_in_use", "publish_outputs", "record_imports", "withdraw_exports"]


def _outputs(
    stack: EngineStack, rmap: EngineResourceMap
) -> tuple[list[dict[str, Any]], list[Export]]:
    outputs: list[dict[str, Any]] = []
    exports: list[Export] = []
    for key, body in (rmap.template.get("Outputs") or {}).items():
        condition = body.get("Condition")
        if condition and not rmap.lazy_condition_map[condition]:
            continue
        try:
            value = clean_json(body.get("Value"), rmap)
            name = clean_json(body["Export"]["Name"], rmap) if body.get("Export") else None
        except Exception as error:
            raise ResourceFailure(f"Output {key}: {reason_of(error)}") from error
        text = ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
        entry = {"OutputKey": key, "OutputValue": text, "Description": body.get("Description")}
        if name is not None:
            entry["ExportName"] = str(name)
            exports.append(Export(stack.stack_id, str(name), text))
        outputs.append(entry)
    return outputs, exports


def publish_outputs(
    backend: CloudFormationBackend, stack: EngineStack, rmap: EngineResourceMap
) -> None:
    """Resolve the outputs once, now; reads return this snapshot. Exports must be unique."""
    outputs, exports = _outputs(stack, rmap)
    names = [export.name for export in exports]
    for export in exports:
        owner = backend.exports.get(export.name)
        if owner is not None and owner.exporting_stack_id != stack.stack_id:
            raise ResourceFailure(
                f"Export with name {export.name} is already exported by stack "
                f"{owner.exporting_stack_id}"
            )
        if names.count(export.name) > 1:
            raise ResourceFailure(f"Export name {export.name} is used by more than one output")
    problem = exports_in_use(backend, stack, {e.name: e.value for e in exports})
    if problem is not None:
        raise ResourceFailure(problem)
    withdraw_exports(backend, stack)
    record_imports(stack, rmap)
    for export in exports:
        backend.exports[export.name] = export
    stack.engine_outputs = outputs
    stack.engine_exports = exports


def withdraw_exports(backend: CloudFormationBackend, stack: EngineStack) -> None:
    for export in stack.engine_exports:
        if backend.exports.get(export.name) is export:
            backend.exports.pop(export.name)
    stack.engine_exports = []


def _imported_names(node: Any, rmap: EngineResourceMap) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Fn::ImportValue":
                try:
                    names.add(str(clean_json(value, rmap)))
                except Exception:  # noqa: S112 - an import that cannot resolve imports nothing
                    continue
            else:
                names |= _imported_names(value, rmap)
    elif isinstance(node, list):
        for item in node:
            names |= _imported_names(item, rmap)
    return names


def record_imports(stack: EngineStack, rmap: EngineResourceMap) -> None:
    """Remember which exports the stack imports, as its template now resolves them."""
    sections = {k: rmap.template.get(k) for k in ("Resources", "Outputs")}
    stack.engine_imports = _imported_names(sections, rmap)


def _importers(backend: CloudFormationBackend, stack: EngineStack, name: str) -> list[str]:
    return sorted(
        other.name
        for other in backend.stacks.values()
        if other is not stack and name in getattr(other, "engine_imports", ())
    )


def exports_in_use(
    backend: CloudFormationBackend, stack: EngineStack, keep: dict[str, str] | None = None
) -> str | None:
    """Why the stack's exports cannot change so (None if they can).

    ``keep``: the exports the stack will have, name to value (None: it will have none).
    """
    for export in stack.engine_exports:
        users = _importers(backend, stack, export.name)
        if not users:
            continue
        if keep is None or export.name not in keep:
            return f"Export {export.name} cannot be deleted as it is in use by {', '.join(users)}"
        if keep[export.name] != export.value:
            return f"Export {export.name} cannot be updated as it is in use by {', '.join(users)}"
    return None
