"""CloudFormation stacks on the offline endpoint: moto's engine, extended.

``register()`` (idempotent) installs the engine's extensions
(``localcloud.cloudformation.engine``), registers the local Customer Profiles
service the resource types (``localcloud.cloudformation.resources``) call and
the local Lambda runner custom resources' functions run on
(``localcloud.awslambda``) and the S3 extension that reads bucket policies'
conditions (``localcloud.s3``), then clears moto's cached type maps so types
defined after moto first looked are found.
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    """Make moto's CloudFormation behave as CloudFormation does, with this project's types.

    moto's CloudFormation imports most of moto (EC2, Auto Scaling, ...): it is
    loaded here, when the service is registered, not when this package is imported.
    """
    from localcloud import awslambda, customer_profiles, s3
    from localcloud.cloudformation import engine
    from localcloud.cloudformation.resources import ALL_TYPES
    from localcloud.moto_adapter.cloudformation import clear_model_caches, model_map

    engine.install()
    customer_profiles.register()
    awslambda.register()
    s3.register()  # buckets' policies read as S3 reads them (AWS SAM's managed bucket's)
    # moto caches CloudFormationModel.__subclasses__(): forget it so new types are found.
    clear_model_caches()
    missing = sorted(set(ALL_TYPES) - set(model_map()))
    if missing:
        raise RuntimeError(f"moto's CloudFormation does not see the types {missing}")
