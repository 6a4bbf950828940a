"""The custom resource form's Lambda code, and how to deploy it: printed, nothing uploaded.

Usage: ``python tools/custom_resource_code.py [PACKAGE] [--output-dir dist]
[--bucket BUCKET]`` (``make package`` and ``make custom-resource-code`` run it).
It reads the registry package ``make package`` built, writes its Lambda code
(``ResourceProvider.zip``, the same code the registry type runs) as
``dist/aws-customerprofiles-eventtrigger-lambda-<digest>.zip``, named by its
content so that a new build is a new S3 key and CloudFormation updates the
function, and prints the ``aws s3 cp`` and ``aws cloudformation deploy``
commands that put it to use with ``examples/custom-resource.yaml``. The folder
keeps the latest code only: an earlier build's zip there is removed, so
``dist/aws-customerprofiles-eventtrigger-lambda-*.zip`` names one file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "aws-customerprofiles-eventtrigger.zip"
TEMPLATE = "examples/custom-resource.yaml"
STACK_NAME = "event-trigger-custom-resource"
KEY_PREFIX = "aws-customerprofiles-eventtrigger"


class CodeError(Exception):
    """The package cannot give the Lambda code; the message says why."""


def lambda_code(package: Path) -> bytes:
    try:
        with zipfile.ZipFile(package) as outer:
            return outer.read("ResourceProvider.zip")
    except FileNotFoundError:
        raise CodeError(f"{package} does not exist: build it with make package") from None
    except (zipfile.BadZipFile, KeyError) as error:
        raise CodeError(f"{package} is not a registry package with Lambda code ({error})") from None


def write_code(package: Path, output_dir: Path) -> tuple[Path, str]:
    """The Lambda code written under ``output_dir``, in place of an earlier build's, and the
    S3 key to upload it to."""
    code = lambda_code(package)
    digest = hashlib.sha256(code).hexdigest()[:12]
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / f"{KEY_PREFIX}-lambda-{digest}.zip"
    path.write_bytes(code)
    for earlier in output_dir.glob(f"{KEY_PREFIX}-lambda-*.zip"):
        if earlier != path:
            earlier.unlink()
    return path, f"{KEY_PREFIX}/lambda-{digest}.zip"


def instructions(path: Path, key: str, bucket: str) -> list[str]:
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return [
        f"Custom resource Lambda code: {shown} ({path.stat().st_size / 1e6:.1f} MB)",
        f"To deploy {TEMPLATE} with it (nothing was uploaded):",
        f"  aws s3 cp {shown} s3://{bucket}/{key}",
        f"  aws cloudformation deploy --template-file {TEMPLATE} --stack-name {STACK_NAME} \\",
        "    --capabilities CAPABILITY_IAM \\",
        f"    --parameter-overrides CodeBucket={bucket} CodeKey={key} DomainName=<your domain>",
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", type=Path, default=PACKAGE)
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist")
    parser.add_argument("--bucket", default="", help="the S3 bucket to name")
    args = parser.parse_args(argv)
    try:
        path, key = write_code(args.package, args.output_dir)
    except CodeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(instructions(path, key, args.bucket or "<your bucket>")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
