"""A function's code, unpacked once per code version into the runner's cache.

moto keeps a function's deployment package as bytes (``ZipFile`` inline, or the
object it read from S3 at CreateFunction or UpdateFunctionCode time), with its
SHA-256. The package is unpacked under ``<root>/<account>/<region>/<sha256>/``
the first time an environment of that code starts, and every later environment
of the same code starts in the same directory (Lambda's ``/var/task``). A
package is unpacked into a directory of its own and renamed into place, so
two invocations starting at once never see half of one. ``remove(account,
region)`` forgets one backend's packages (moto's reset); ``remove_all()`` every one.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import threading
import uuid
import zipfile
from pathlib import Path, PurePosixPath

__all__ = ["CodeCache", "InvalidPackage"]


class InvalidPackage(ValueError):
    """The deployment package is not a zip file Lambda could unpack."""


class CodeCache:
    """Unpacked deployment packages under ``root``, one directory per code SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()

    def task_root(self, account: str, region: str, sha256: str, package: bytes) -> Path:
        """The directory holding ``package`` (SHA-256 ``sha256``, hex) unpacked, the first
        time unpacking it."""
        if not package or not sha256 or not all(c in "0123456789abcdef" for c in sha256):
            raise InvalidPackage("the function has no code to run")
        name = sha256
        target = self.root / account / region / name
        if target.is_dir():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{name}.{uuid.uuid4().hex}"
        try:
            _unpack(package, staging)
            with self._lock:
                if not target.exists():
                    staging.rename(target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        return target

    def remove(self, account: str, region: str) -> None:
        shutil.rmtree(self.root / account / region, ignore_errors=True)

    def remove_all(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _unpack(package: bytes, into: Path) -> None:
    """Unpack a zip into ``into``, keeping each member's mode, refusing paths that leave it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(package))
    except zipfile.BadZipFile:
        raise InvalidPackage("Could not unzip uploaded file: the package is not a zip") from None
    into.mkdir(parents=True)
    with archive:
        for member in archive.infolist():
            parts = PurePosixPath(member.filename.replace("\\", "/")).parts
            if not parts or member.filename.startswith("/") or ".." in parts:
                raise InvalidPackage(f"the package holds a path outside it: {member.filename!r}")
            destination = into.joinpath(*parts)
            if member.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as source, destination.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
                raise InvalidPackage(f"Could not unzip {member.filename!r}: {error}") from None
            mode = (member.external_attr >> 16) & 0o777
            # Lambda makes every file readable; keep the executable bits the package gives.
            os.chmod(destination, (mode or 0o644) | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
