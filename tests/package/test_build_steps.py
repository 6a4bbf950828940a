"""The Lambda code build's steps, and the python plugin internals it relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from lambda_build import build, interpreter
from lambda_build.plugin import Python312LambdaPlugin
from rpdk.core.plugin_registry import load_plugin

PINNED_PLUGIN = "cloudformation-cli-python-plugin 2.1.10"


def test_the_python_plugin_internals_the_build_uses_are_there(tmp_path: Path) -> None:
    class Project:
        type_info = ("AWS", "CustomerProfiles", "EventTrigger")
        root = tmp_path

        def __init__(self) -> None:
            self.settings = {"use_docker": False}

    plugin = load_plugin("python312-lambda")
    assert isinstance(plugin, Python312LambdaPlugin)
    message = f"rpdk.python.codegen changed since {PINNED_PLUGIN}: {{}} is gone"
    assert hasattr(plugin, "_init_from_project"), message.format("_init_from_project")
    plugin._init_from_project(Project())
    for name in ("package_name", "package_root", "_use_docker"):
        assert hasattr(plugin, name), message.format(name)
    assert plugin.package_name == "aws_customerprofiles_eventtrigger"
    assert plugin.package_root == tmp_path / "src"
    assert plugin._use_docker is False


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_service_data_is_kept_for_the_clients_the_code_creates(tmp_path: Path) -> None:
    write(tmp_path / "provider" / "clients.py", 'session.client("customer-profiles", region)')
    write(tmp_path / "lib" / "metrics.py", "self._client = session.client('cloudwatch')")
    write(tmp_path / "boto3" / "s3" / "inject.py", 'client("s3")')
    for service in ("customer-profiles", "cloudwatch", "s3", "ec2"):
        write(tmp_path / "botocore" / "data" / service / "2020-01-01" / "service-2.json", "{}")
    write(tmp_path / "botocore" / "data" / "endpoints.json", "{}")
    write(tmp_path / "boto3" / "data" / "ec2" / "2016-11-15" / "resources-1.json", "{}")
    write(tmp_path / "setuptools" / "__init__.py")
    write(tmp_path / "bin" / "normalizer")

    assert build.prune(tmp_path) == {"customer-profiles", "cloudwatch"}

    data = tmp_path / "botocore" / "data"
    assert sorted(path.name for path in data.iterdir()) == [
        "cloudwatch",
        "customer-profiles",
        "endpoints.json",
    ]
    assert not (tmp_path / "boto3" / "data" / "ec2").exists()
    assert not (tmp_path / "setuptools").exists() and not (tmp_path / "bin").exists()


def test_a_client_for_a_service_botocore_lacks_fails_the_build(tmp_path: Path) -> None:
    write(tmp_path / "provider" / "clients.py", 'session.client("no-such-service")')
    (tmp_path / "botocore" / "data").mkdir(parents=True)
    with pytest.raises(build.BuildError, match="no-such-service"):
        build.prune(tmp_path)


def test_only_kept_packages_keep_their_sources(tmp_path: Path, runtime_python: str) -> None:
    write(tmp_path / "provider" / "handlers.py", "X = 1\n")
    write(tmp_path / "dependency" / "module.py", "Y = 2\n")
    build.compile_bytecode(tmp_path, runtime_python)
    build.drop_sources(tmp_path, ["provider"])
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == [
        "dependency/module.pyc",
        "provider/__pycache__/handlers.cpython-312.pyc",
        "provider/handlers.py",
    ]


def test_a_wrong_runtime_python_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON312", "/nonexistent/python3.12")
    with pytest.raises(interpreter.InterpreterNotFound, match=r"\$PYTHON312=/nonexistent"):
        interpreter.find_python("3.12")
    with pytest.raises(ValueError, match="not a Python Lambda runtime"):
        interpreter.version_of_runtime("nodejs20.x")
