"""Prints what the registry package holds, and fails if its Lambda code is not for its runtime.

Usage: ``python tools/package_size.py aws-customerprofiles-eventtrigger.zip``
(``make package`` runs it). Reports the registry package's size; the Lambda
code's (``ResourceProvider.zip``) zipped and unpacked sizes and file count; its
bytecode (count and Python tag) and sources; the Python tags of its compiled
extensions; and the botocore service data it carries. Exits 1 if code that is
not for Lambda ships (tests, the offline services, moto), or if bytecode or an
extension is for another Python than the runtime ``.rpdk-config`` declares.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

# Not shipped to Lambda: tests and the offline services live outside src/.
FORBIDDEN = ("tests/", "localcloud/", "moto/")
PYC_TAG = re.compile(r"\.(cpython-\d+)\.pyc$")
EXTENSION_TAG = re.compile(r"\.(cpython-\d+|abi3)[^/]*\.so$")


def _lambda_code(package: Path) -> tuple[bytes, str, list[zipfile.ZipInfo]]:
    """The Lambda code zipped, its runtime, and its entries."""
    with zipfile.ZipFile(package) as outer:
        inner_bytes = outer.read("ResourceProvider.zip")
        runtime = json.loads(outer.read(".rpdk-config"))["runtime"]
    with zipfile.ZipFile(io.BytesIO(inner_bytes)) as inner:
        return inner_bytes, runtime, inner.infolist()


def sizes(package: Path) -> dict[str, int]:
    """The package's sizes in bytes, and the Lambda code's file count."""
    inner_bytes, _, infos = _lambda_code(package)
    return {
        "registry_package_bytes": package.stat().st_size,
        "lambda_zip_bytes": len(inner_bytes),
        "lambda_unpacked_bytes": sum(info.file_size for info in infos),
        "lambda_files": len(infos),
    }


def describe(package: Path) -> tuple[list[str], list[str]]:
    """The report's lines, and the problems found."""
    inner_bytes, runtime, infos = _lambda_code(package)
    tag = "cpython-" + runtime.removeprefix("python").replace(".", "")
    names = [info.filename for info in infos]
    unpacked = sizes(package)["lambda_unpacked_bytes"]
    cached = Counter(m.group(1) for name in names if (m := PYC_TAG.search(name)))
    sourceless = sum(1 for name in names if name.endswith(".pyc") and "__pycache__/" not in name)
    sources = sum(1 for name in names if name.endswith(".py"))
    extensions = Counter(m.group(1) for name in names if (m := EXTENSION_TAG.search(name)))
    services = sorted(
        {
            name.split("/")[2]
            for name in names
            if name.startswith("botocore/data/") and name.count("/") > 2
        }
    )
    lines = [
        f"Registry package: {package.stat().st_size / 1e6:.1f} MB",
        f"Lambda code (ResourceProvider.zip) for {runtime}: {len(inner_bytes) / 1e6:.1f} MB zipped,"
        f" {unpacked / 1e6:.1f} MB unpacked, {len(names)} files",
        f"  bytecode: {sum(cached.values()) + sourceless} .pyc"
        f" ({', '.join(f'{n} {t}' for t, n in sorted(cached.items())) or 'none beside sources'};"
        f" {sourceless} in place of their sources), {sources} sources",
        "  compiled extensions: "
        + (", ".join(f"{n} {t}" for t, n in sorted(extensions.items())) or "none"),
        f"  botocore service data: {', '.join(services[:8]) or 'none'}"
        + (f" and {len(services) - 8} more" if len(services) > 8 else ""),
    ]
    problems = []
    shipped = [name for name in names if name.startswith(FORBIDDEN)]
    if shipped:
        problems.append(f"Not for Lambda, but shipped: {shipped[:5]}")
    foreign = sorted(set(cached) - {tag}) + sorted(set(extensions) - {tag, "abi3"})
    if foreign:
        problems.append(f"Built for another Python than {runtime} ({tag}): {foreign}")
    return lines, problems


def main(path: str) -> int:
    lines, problems = describe(Path(path))
    print("\n".join([*lines, *problems]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
