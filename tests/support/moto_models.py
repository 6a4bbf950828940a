"""The model instances moto keeps track of: what a reset must forget."""

from __future__ import annotations

from moto.core.common_models import BaseModel

__all__ = ["tracked_instances"]


def tracked_instances() -> dict[str, int]:
    """``module.Class`` -> how many instances its ``instances_tracked`` holds (none listed
    when it holds none), over every subclass of moto's ``BaseModel``."""
    found: dict[str, int] = {}
    pending: list[type] = [BaseModel]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        tracked = model.__dict__.get("instances_tracked")
        if tracked:
            found[f"{model.__module__}.{model.__qualname__}"] = len(tracked)
    return found
