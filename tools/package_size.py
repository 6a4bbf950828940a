"""Prints the size of the registry package and of the Lambda code inside it."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

# Not shipped to Lambda: tests and the offline services live outside src/.
FORBIDDEN = ("tests/", "localcloud/", "moto/")


def main(path: str) -> int:
    package = Path(path)
    with zipfile.ZipFile(package) as outer:
        inner_bytes = outer.read("ResourceProvider.zip")
    inner_path = package.with_name("ResourceProvider.zip")
    inner_path.write_bytes(inner_bytes)
    with zipfile.ZipFile(inner_path) as inner:
        names = inner.namelist()
        unpacked = sum(info.file_size for info in inner.infolist())
    inner_path.unlink()
    shipped = [name for name in names if name.startswith(FORBIDDEN)]
    print(f"Registry package: {package.stat().st_size / 1e6:.1f} MB")
    print(
        f"Lambda code (ResourceProvider.zip): {len(inner_bytes) / 1e6:.1f} MB zipped,"
        f" {unpacked / 1e6:.1f} MB unpacked, {len(names)} files"
    )
    if shipped:
        print(f"Not for Lambda, but shipped: {shipped[:5]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
