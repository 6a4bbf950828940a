"""The Lambda code of a Python resource type, built for the runtime it runs on.

What the CloudFormation CLI's python plugin does without Docker is install the
requirements with the host's pip and Python, and zip the sources only. On
Lambda that means compiled extensions built for the wrong Python, and every
module compiled from source on every cold start (the code directory is
read-only, so nothing is cached). Here instead:

- dependencies are the wheels for the runtime's Python on Lambda's platform
  (``pip --platform manylinux2014_x86_64 --python-version 3.12 --only-binary``),
  whatever the host is, and without Docker;
- packages nothing imports at run time are left out (setuptools: the python
  lib declares it but never imports ``pkg_resources`` or ``setuptools``);
- botocore's (and boto3's) service data is kept only for the services the
  provider and the python lib create clients for, found in their sources;
- every module is compiled by the runtime's Python. The provider's package and
  the python lib, whose frames the handlers' tracebacks show, keep their
  sources, with ``__pycache__/*.cpython-3XY.pyc`` beside them in unchecked-hash
  mode, which stays valid whatever timestamps unzipping gives the sources. The
  other dependencies ship their bytecode alone (``module.pyc`` in place of
  ``module.py``): half the size, and nothing to check at import.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .interpreter import find_python, version_of_runtime

PLATFORM = "manylinux2014_x86_64"
# Never imported at run time (checked by tests/package): the lib's declared
# setuptools dependency, and the console scripts pip writes to bin/.
UNUSED = ("bin", "setuptools", "pkg_resources", "_distutils_hack", "distutils-precedence.pth")
UNUSED_DISTRIBUTIONS = ("setuptools-*.dist-info",)
# Besides the provider's package: the frames handler tracebacks show most.
KEEP_SOURCES = ("cloudformation_cli_python_lib",)
# The SDK creates clients for whatever its callers ask: not scanned for names.
SDK = ("boto3", "botocore", "s3transfer")
CLIENT_CALL = re.compile(r"""\.client\(\s*(?:service_name\s*=\s*)?["']([a-z0-9-]+)["']""")
# Where Lambda unpacks the code: the path tracebacks show.
TASK_ROOT = "/var/task"
# Fixed entry timestamps, so the same inputs give the same zip.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def install_dependencies(requirements: Path, target: Path, runtime: str) -> None:
    """Install ``requirements`` into ``target`` as wheels for ``runtime`` on Lambda."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-color",
        "--no-compile",
        "--only-binary=:all:",
        "--platform",
        PLATFORM,
        "--implementation",
        "cp",
        "--python-version",
        version_of_runtime(runtime),
        "--target",
        str(target),
        "--requirement",
        str(requirements),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
        raise BuildError(
            f"pip could not install {requirements.name} for {runtime} on {PLATFORM}: "
            + (" ".join(errors) or done.stderr.strip()[-500:])
        )


def services_called(build: Path) -> set[str]:
    """The AWS services the shipped code creates clients for (by name, in its sources)."""
    services: set[str] = set()
    for path in build.rglob("*.py"):
        if path.relative_to(build).parts[0] in SDK:
            continue
        services.update(CLIENT_CALL.findall(path.read_text(encoding="utf-8", errors="replace")))
    return services


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def prune(build: Path) -> set[str]:
    """Remove unused packages and the data of services nobody calls; return those called."""
    for name in UNUSED:
        _remove(build / name)
    for pattern in UNUSED_DISTRIBUTIONS:
        for path in build.glob(pattern):
            _remove(path)
    # Installation records list files this build removes or replaces, with the
    # hashes of console scripts that embed the build machine's interpreter path.
    for record in build.glob("*.dist-info/RECORD"):
        record.unlink()
    wanted = services_called(build)
    botocore_data = build / "botocore" / "data"
    unknown = sorted(name for name in wanted if not (botocore_data / name).is_dir())
    if unknown:
        raise BuildError(f"the code creates clients for services botocore does not know: {unknown}")
    for data in (botocore_data, build / "boto3" / "data"):
        if data.is_dir():
            for path in data.iterdir():
                if path.is_dir() and path.name not in wanted:
                    shutil.rmtree(path)
    for cache in list(build.rglob("__pycache__")):
        shutil.rmtree(cache)
    return wanted


def compile_bytecode(build: Path, python: str) -> None:
    """Compile every module with ``python``, as pycs valid with any source timestamps."""
    command = [
        python,
        "-m",
        "compileall",
        "-q",
        "-j",
        "0",
        "--invalidation-mode",
        "unchecked-hash",
        "-s",
        str(build),
        "-p",
        TASK_ROOT,
        str(build),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BuildError(f"{python} -m compileall failed: {(done.stdout + done.stderr)[-500:]}")


def drop_sources(build: Path, keep: Iterable[str]) -> None:
    """Replace each module outside the ``keep`` packages by its compiled bytecode."""
    kept = set(keep)
    for cache in sorted(build.rglob("__pycache__")):
        if cache.relative_to(build).parts[0] in kept:
            continue
        for compiled in cache.glob("*.pyc"):
            module = compiled.name.split(".", 1)[0]
            source = cache.parent / f"{module}.py"
            if source.exists():
                source.unlink()
                compiled.rename(cache.parent / f"{module}.pyc")
        shutil.rmtree(cache)


def lambda_zip(build: Path) -> bytes:
    """``build`` as a deflated zip, entries sorted and with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in build.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(build).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def build_lambda_code(requirements: Path, provider: Path, build: Path, runtime: str) -> bytes:
    """Build the Lambda code for ``runtime`` in ``build`` and return it zipped.

    ``provider`` is the provider's package folder (``src/<package>``); its
    ``__pycache__`` folders from the host's Python are not copied.
    """
    python = find_python(version_of_runtime(runtime))
    shutil.rmtree(build, ignore_errors=True)
    install_dependencies(requirements, build, runtime)
    shutil.copytree(
        provider, build / provider.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    prune(build)
    compile_bytecode(build, python)
    drop_sources(build, (provider.name, *KEEP_SOURCES))
    return lambda_zip(build)
