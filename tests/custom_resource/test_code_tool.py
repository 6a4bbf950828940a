"""tools/custom_resource_code.py: the Lambda code out of the registry package, and the
commands printed to deploy it, with nothing uploaded."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from tools import custom_resource_code


def registry_package(folder: Path, code: bytes) -> Path:
    package = folder / "aws-customerprofiles-eventtrigger.zip"
    with zipfile.ZipFile(package, "w") as outer:
        outer.writestr("ResourceProvider.zip", code)
        outer.writestr(".rpdk-config", "{}")
    return package


def test_the_code_is_written_under_a_key_named_by_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = b"PK\x05\x06" + bytes(18)
    package = registry_package(tmp_path, code)
    digest = hashlib.sha256(code).hexdigest()[:12]

    status = custom_resource_code.main(
        [str(package), "--output-dir", str(tmp_path / "dist"), "--bucket", "my-code"]
    )

    assert status == 0
    written = tmp_path / "dist" / f"aws-customerprofiles-eventtrigger-lambda-{digest}.zip"
    assert written.read_bytes() == code
    key = f"aws-customerprofiles-eventtrigger/lambda-{digest}.zip"
    printed = capsys.readouterr().out.splitlines()
    assert printed[2] == f"  aws s3 cp {written} s3://my-code/{key}"
    assert printed[3].startswith(
        "  aws cloudformation deploy --template-file examples/custom-resource.yaml"
    )
    assert printed[5] == (
        f"    --parameter-overrides CodeBucket=my-code CodeKey={key} DomainName=<your domain>"
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "does not exist: build it with make package"), (b"not a zip", "not a registry")],
)
def test_a_missing_or_wrong_package_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, words: str
) -> None:
    package = tmp_path / "package.zip"
    if content is not None:
        package.write_bytes(content)
    assert custom_resource_code.main([str(package), "--output-dir", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert words in error and error.count("\n") == 1


def test_a_new_build_s_code_takes_the_place_of_the_earlier_one(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    first, _ = custom_resource_code.write_code(registry_package(tmp_path, b"one"), dist)
    (dist / "notes.txt").write_text("kept")
    (dist / "other-lambda-0123.zip").write_bytes(b"kept")
    second, _ = custom_resource_code.write_code(registry_package(tmp_path, b"two"), dist)
    again, _ = custom_resource_code.write_code(registry_package(tmp_path, b"two"), dist)

    assert second != first and again == second
    assert sorted(path.name for path in dist.iterdir()) == sorted(
        [second.name, "notes.txt", "other-lambda-0123.zip"]
    )
    assert second.read_bytes() == b"two"
