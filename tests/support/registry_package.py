"""The registry package with this checkout's code, for the tests that run its Lambda code.

``build(destination)`` copies the project (what git tracks or would track, as
the private-type build copies it) to ``destination`` and runs ``cfn submit
--dry-run`` there, so the package holds this checkout's code whatever
``aws-customerprofiles-eventtrigger.zip`` the checkout itself holds. The build
installs the Lambda code's dependencies from the package registry (PyPI).

``stale_because(package)`` says why a package built earlier (``make package``'s,
which ``make test`` builds before the tests) does not hold this checkout's
code, or None when it does: the provider's sources, file for file, and the
pinned dependencies of ``requirements.txt``, by their installed distributions.
``current_package(destination)`` is the checkout's package when it holds this
checkout's code, else one built by ``build``.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from fnmatch import fnmatch
from pathlib import Path

from lambda_build.build import UNUSED_DISTRIBUTIONS

from tools import private_type

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = json.loads((ROOT / ".rpdk-config").read_text())
PROVIDER = SETTINGS["entrypoint"].split(".")[0]
# cfn submit installs wheels for python3.12 and compiles every module: minutes at load 4.
BUILD_TIMEOUT = 1200
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)$")


def package_path(copy: Path) -> Path:
    """The registry package ``cfn submit --dry-run`` writes in ``copy``."""
    return copy / f"{private_type.hyphenated(SETTINGS['typeName'])}.zip"


def build(destination: Path) -> Path:
    """The project copied to ``destination`` with its registry package built there; the copy.

    Fails the calling test, with the build's output, if the build fails.
    """
    copy = private_type.copy_project(ROOT, destination)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "cfn"), "submit", "--dry-run"],
        cwd=copy,
        env=private_type.environment(copy),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"cfn submit --dry-run failed:\n{done.stdout}{done.stderr}"
    assert package_path(copy).is_file(), f"cfn submit --dry-run wrote no {package_path(copy)}"
    return copy


def pinned_distributions(root: Path) -> set[str]:
    """``name-version.dist-info`` of each pin in ``requirements.txt`` the build keeps."""
    found = set()
    for line in (root / "requirements.txt").read_text().splitlines():
        pinned = PIN.match(line.split("#")[0].strip())
        if pinned is None:
            continue
        folder = f"{re.sub(r'[-_.]+', '_', pinned[1]).lower()}-{pinned[2]}.dist-info"
        if not any(fnmatch(folder, pattern.lower()) for pattern in UNUSED_DISTRIBUTIONS):
            found.add(folder)
    return found


def stale_because(package: Path, root: Path = ROOT) -> str | None:
    """Why ``package``'s Lambda code is not ``root``'s code, or None when it is."""
    try:
        with zipfile.ZipFile(package) as outer:
            code = zipfile.ZipFile(io.BytesIO(outer.read("ResourceProvider.zip")))
    except FileNotFoundError:
        return f"{package.name} does not exist"
    except (zipfile.BadZipFile, KeyError) as error:
        return f"{package.name} is not a registry package ({error})"
    shipped = {
        name: code.read(name)
        for name in code.namelist()
        if name.startswith(f"{PROVIDER}/") and name.endswith(".py")
    }
    sources = root / "src"
    checkout = {
        path.relative_to(sources).as_posix(): path.read_bytes()
        for path in sorted((sources / PROVIDER).rglob("*.py"))
    }
    if shipped.keys() != checkout.keys():
        return f"its provider modules differ: {sorted(shipped.keys() ^ checkout.keys())}"
    changed = sorted(name for name in checkout if shipped[name] != checkout[name])
    if changed:
        return f"its provider sources differ from the checkout's: {changed}"
    distributions = {name.split("/")[0] for name in code.namelist() if ".dist-info/" in name}
    missing = sorted(pinned_distributions(root) - {d.lower() for d in distributions})
    if missing:
        return f"it lacks the pinned distributions {missing}"
    return None


def current_package(destination: Path) -> Path:
    """The checkout's registry package when it holds this checkout's code, else one built
    in a copy under ``destination``."""
    package = package_path(ROOT)
    if stale_because(package) is None:
        return package
    return package_path(build(destination))
