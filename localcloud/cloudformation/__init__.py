"""CloudFormation stacks on the offline endpoint: moto's engine, extended.

``register()`` (idempotent) installs the engine's extensions
(``localcloud.cloudformation.engine``), registers the resource types this
project provides (``localcloud.cloudformation.resources.register_types()``,
when that module exists), then clears moto's cached type maps so resource
types registered after moto first looked are found.
"""

from __future__ import annotations

import importlib
import importlib.util

from moto.cloudformation import parsing

from localcloud.cloudformation import engine

__all__ = ["RESOURCES_MODULE", "register"]

RESOURCES_MODULE = "localcloud.cloudformation.resources"


def register() -> None:
    """Make moto's CloudFormation behave as CloudFormation does, with this project's types."""
    engine.install()
    if importlib.util.find_spec(RESOURCES_MODULE) is not None:
        importlib.import_module(RESOURCES_MODULE).register_types()
    # moto caches CloudFormationModel.__subclasses__(): forget it so new types are found.
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
