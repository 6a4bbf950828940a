"""CloudFormation stacks on the offline endpoint: moto's engine, extended.

``register()`` (idempotent) installs the engine's extensions
(``localcloud.cloudformation.engine``), registers the local Customer Profiles
service the resource types (``localcloud.cloudformation.resources``) call, then
clears moto's cached type maps so types defined after moto first looked are found.
"""

from __future__ import annotations

from moto.cloudformation import parsing

from localcloud import customer_profiles
from localcloud.cloudformation import engine, resources

__all__ = ["register", "resources"]


def register() -> None:
    """Make moto's CloudFormation behave as CloudFormation does, with this project's types."""
    engine.install()
    customer_profiles.register()
    # moto caches CloudFormationModel.__subclasses__(): forget it so new types are found.
    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
