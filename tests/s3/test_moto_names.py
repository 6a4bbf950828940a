"""Every moto internal the S3 extension relies on (``localcloud/moto_adapter/s3.py``),
checked by what it does, one test per name: a moto upgrade that moves one fails here
naming it and the pinned moto version."""

from __future__ import annotations

import inspect
import json

import moto

from localcloud.moto_adapter import s3 as names
from localcloud.moto_adapter.core import BackendDict
from localcloud.s3.backend import LocalS3Backend
from tests.support.pins import pinned

PINNED = pinned("moto")


def hint(name: str) -> str:
    return (
        f"moto's {name} no longer does what the S3 extension relies on "
        f"(pinned moto=={PINNED} in the requirements, installed {moto.__version__})"
    )


def test_s3_backends_makes_backends_of_its_backend_class() -> None:
    assert isinstance(names.s3_backends, BackendDict), hint("s3_backends")
    assert getattr(names.s3_backends, names.BACKEND_ATTRIBUTE) in (
        names.S3Backend,
        LocalS3Backend,
    ), hint("s3_backends.backend")


def test_create_bucket_takes_name_region_and_namespace() -> None:
    parameters = list(inspect.signature(names.S3Backend.create_bucket).parameters)
    assert parameters == ["self", "bucket_name", "region_name", "bucket_namespace"], hint(
        "S3Backend.create_bucket"
    )


def test_a_bucket_asks_get_permission_with_an_action_and_a_resource() -> None:
    parameters = list(inspect.signature(names.FakeBucket.get_permission).parameters)
    assert parameters == ["self", "action", "resource"], hint("FakeBucket.get_permission")


def test_iam_policy_evaluates_actions_and_resources() -> None:
    document = {
        "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]
    }
    result = names.IAMPolicy(json.dumps(document)).is_action_permitted("s3:PutObject", "arn:x")
    assert result == names.PermissionResult.DENIED, hint("IAMPolicy.is_action_permitted")


def test_the_url_module_is_moto_s3_urls() -> None:
    module = names.s3_url_module()
    assert module.__name__ == "moto.s3.urls" and module.url_paths, hint("moto.s3.urls")
    own = inspect.getattr_static(names.S3Backend, "_url_module")
    assert isinstance(own, property), hint("BaseBackend._url_module")
