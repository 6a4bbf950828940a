"""Fixtures for the package tests: the runtime's Python, and packages built as users build them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lambda_build.interpreter import InterpreterNotFound, find_python, version_of_runtime

from tests.support import registry_package

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = json.loads((ROOT / ".rpdk-config").read_text())


@pytest.fixture(scope="session")
def runtime_python() -> str:
    """The Python of the runtime .rpdk-config declares (python3.12)."""
    try:
        return find_python(version_of_runtime(SETTINGS["runtime"]))
    except InterpreterNotFound as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, copied as the private-type build copies it, with its registry package."""
    return registry_package.build(tmp_path_factory.mktemp("project") / "copy")


@pytest.fixture(scope="session")
def lambda_code(project_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lambda code of the registry package ``cfn submit`` builds, unzipped."""
    package = registry_package.package_path(project_copy)
    folder = tmp_path_factory.mktemp("lambda") / "task"
    with zipfile.ZipFile(package) as outer:
        zipfile.ZipFile(io.BytesIO(outer.read("ResourceProvider.zip"))).extractall(folder)
    # Read-only, as Lambda's code directory is (for a user other than root).
    for path in [*folder.rglob("*"), folder]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return folder
