"""The runner changes moto at one point, ``lambda_backends.backend``, and gives it back.

Every attribute of every loaded moto module, of every class those modules
define, and of every ``BackendDict`` they hold is compared before and after
``install()``: exactly ``install.TOUCH_POINTS`` differ, and after
``uninstall()`` every one is the very object it was.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.core.base_backend import BackendDict
from moto.core.model_instances import model_data

from localcloud import awslambda
from localcloud.awslambda import install
from localcloud.awslambda.backend import LocalLambdaBackend, LocalLambdaFunction
from localcloud.moto_adapter.awslambda import LambdaBackend, lambda_backends
from localcloud.moto_adapter.core import mock_aws
from tests.support.constants import REGION
from tests.support.lambdas import ASSUME_ROLE, package

Snapshot = dict[tuple[int, str], int]


def _owners() -> Iterator[tuple[str, Any]]:
    """Each moto module, class and BackendDict once, under the name it is defined by."""
    seen: set[int] = set()
    for module_name, module in sorted(sys.modules.items()):
        if module is None or not (module_name == "moto" or module_name.startswith("moto.")):
            continue
        yield module_name, module
        for name, value in list(vars(module).items()):
            moto_class = isinstance(value, type) and value.__module__ == module_name
            if (moto_class or isinstance(value, BackendDict)) and id(value) not in seen:
                seen.add(id(value))
                yield f"{module_name}.{name}", value


def snapshot() -> Snapshot:
    """(owner's id, attribute) -> id of the value, for everything moto has loaded."""
    return {
        (id(obj), name): id(value)
        for _, obj in _owners()
        for name, value in list(vars(obj).items())
    }


def changed(before: Snapshot, after: Snapshot) -> set[tuple[str, str]]:
    """The attributes whose value is another object, named ``(owner, attribute)``."""
    names = {id(obj): owner for owner, obj in _owners()}
    keys = before.keys() | after.keys()
    return {(names[k[0]], k[1]) for k in keys if before.get(k) != after.get(k)}


@pytest.fixture
def uninstalled() -> Iterator[None]:
    awslambda.uninstall()
    yield
    awslambda.register()  # as the rest of the session has it


def test_install_changes_only_its_touch_points_and_uninstall_restores_them(
    uninstalled: None,
) -> None:
    assert lambda_backends.backend is LambdaBackend
    before = snapshot()
    install.install()
    installed = snapshot()
    assert changed(before, installed) == {("moto.awslambda.lambda_backends", "backend")}
    assert len(install.TOUCH_POINTS) == 1
    assert [(obj, name) for obj, name in install.TOUCH_POINTS] == [(lambda_backends, "backend")]
    assert lambda_backends.backend is LocalLambdaBackend
    install.uninstall()
    assert changed(before, snapshot()) == set()
    assert lambda_backends.backend is LambdaBackend


def test_register_is_idempotent(uninstalled: None) -> None:
    awslambda.register()
    once = snapshot()
    awslambda.register()
    assert changed(once, snapshot()) == set()
    assert install.installed()


def test_backends_made_after_register_make_functions_that_run() -> None:
    awslambda.register()
    with mock_aws():
        iam = boto3.client("iam", region_name=REGION)
        role = iam.create_role(RoleName="r", AssumeRolePolicyDocument=ASSUME_ROLE)["Role"]["Arn"]
        boto3.client("lambda", region_name=REGION).create_function(
            FunctionName="f",
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": package({"app.py": "def handler(e, c):\n    return 1\n"})},
        )
        backend = lambda_backends["123456789012"][REGION]
        assert type(backend) is LocalLambdaBackend
        assert type(backend.get_function("f")) is LocalLambdaFunction


def test_moto_s_own_registry_of_model_classes_holds_the_function_subclass() -> None:
    """Defining a subclass of a moto model adds it to moto's ``model_data`` (moto's metaclass
    does that for every subclass, at definition): moto's reset forgets its instances."""
    assert model_data["awslambda"]["LocalLambdaFunction"] is LocalLambdaFunction
