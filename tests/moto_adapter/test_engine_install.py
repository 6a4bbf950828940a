"""The engine changes moto at as few points as moto allows, and uninstall undoes them.

``localcloud.cloudformation.register()`` (the documented in-process route) is
run in a process of its own, between snapshots of every attribute of moto's
modules, classes and module-level objects (``tests.support.moto_attributes``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from localcloud.cloudformation.engine import connection

ROOT = Path(__file__).resolve().parents[2]

# Every attribute of moto's that registering the engine and the local services changes:
# the engine's backend class, the local Lambda runner's (custom resources run on it) and
# the S3 extension's (bucket policies' conditions, which AWS SAM's managed bucket uses).
CHANGED_BY_REGISTER = [
    "moto.awslambda.models.lambda_backends.backend",
    "moto.cloudformation.models.cloudformation_backends.backend",
    "moto.s3.models.s3_backends.backend",
]


def _measure() -> dict[str, list[str]]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.moto_attributes"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_register_changes_only_the_listed_attributes_of_moto() -> None:
    found = _measure()
    assert found["register"] == CHANGED_BY_REGISTER
    assert len(found["register"]) <= 3
    assert found["after_uninstall"] == [], "uninstall() left moto changed"


def test_the_connections_are_the_ones_install_lists() -> None:
    listed = [f"{type(owner).__name__}.{name}" for owner, name, _, _ in connection.CONNECTIONS]
    assert listed == ["BackendDict.backend"]


def test_install_and_uninstall_are_idempotent_and_restore_moto_s_own() -> None:
    was_installed = connection.installed()
    try:
        connection.install()
        connection.install()
        assert connection.installed()
        for owner, name, _, engine in connection.CONNECTIONS:
            assert getattr(owner, name) is engine
        connection.uninstall()
        connection.uninstall()
        assert not connection.installed()
        for owner, name, moto_own, _ in connection.CONNECTIONS:
            assert getattr(owner, name) is moto_own
    finally:
        if was_installed:  # as the test found it
            connection.install()
