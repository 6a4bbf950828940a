"""``make package TYPE_NAME=...``: the provider under a private type name, built in a copy."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tools import private_type

ROOT = Path(__file__).resolve().parents[2]
OLD = json.loads((ROOT / ".rpdk-config").read_text())["typeName"]
NEW = "MyOrg::CustomerProfiles::EventTrigger"
PACKAGE = "myorg_customerprofiles_eventtrigger"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = private_type.project_files(ROOT)
    before = {name: (ROOT / name).read_bytes() for name in tree}
    copy = private_type.build(NEW, dist=tmp_path_factory.mktemp("dist"))
    assert {name: (ROOT / name).read_bytes() for name in tree} == before, "the tree was edited"
    return copy


def test_everything_generated_says_the_new_name(renamed: Path) -> None:
    schema = json.loads((renamed / "myorg-customerprofiles-eventtrigger.json").read_text())
    settings = json.loads((renamed / ".rpdk-config").read_text())
    assert schema["typeName"] == settings["typeName"] == NEW
    assert settings["entrypoint"] == f"{PACKAGE}.handlers.resource"
    assert not (renamed / "aws-customerprofiles-eventtrigger.json").exists()
    assert NEW in (renamed / "docs" / "README.md").read_text()
    assert (renamed / "src" / PACKAGE / "models.py").is_file()
    mentions = private_type.old_name_mentions(renamed, OLD)
    assert mentions["generated"] == [] and mentions["schema"] == [], mentions


def test_the_package_is_built_under_the_new_name(renamed: Path) -> None:
    with zipfile.ZipFile(renamed / "myorg-customerprofiles-eventtrigger.zip") as outer:
        settings = json.loads(outer.read(".rpdk-config"))
        schema = json.loads(outer.read("schema.json"))
        inner = zipfile.ZipFile(io.BytesIO(outer.read("ResourceProvider.zip")))
    assert settings["typeName"] == schema["typeName"] == NEW
    assert f"{PACKAGE}/handlers.py" in inner.namelist()
    assert not [name for name in inner.namelist() if name.startswith("aws_customerprofiles")]


def test_the_lambda_code_never_names_the_old_type(renamed: Path) -> None:
    mentions = private_type.old_name_mentions(renamed, OLD)
    assert mentions["lambda code"] == [] and mentions["source"] == [], mentions


def test_the_contract_suite_passes_under_the_new_name(renamed: Path) -> None:
    # One input set keeps the run short; the suite's 15 tests run on it.
    for path in (renamed / "inputs").glob("inputs_*.json"):
        if not path.name.startswith("inputs_1_"):
            path.unlink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = private_type.environment(renamed)
    env["CONTRACT_INVOKE_PORT"] = str(port)
    done = subprocess.run(
        [sys.executable, "-m", "localcloud.contract_tests"],
        cwd=renamed,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert " 0 failed, 0 skipped, over 1 input sets" in summary, summary


def test_bad_type_names_get_a_one_line_error() -> None:
    for name, words in (
        ("CustomerProfiles", "not a type name"),
        ("AWS::CustomerProfiles::EventTrigger", "reserved namespace"),
        ("My-Org::Profiles::Trigger", "not a type name"),
    ):
        with pytest.raises(private_type.RenameError, match=words):
            private_type.check_type_name(name)
