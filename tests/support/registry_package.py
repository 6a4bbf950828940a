"""The registry package, built from this checkout as ``make package`` builds it, for the
tests that run its Lambda code.

``build(destination)`` copies the project (what git tracks or would track, as
the private-type build copies it) to ``destination`` and runs ``cfn submit
--dry-run`` there, so the package holds this checkout's code, whatever
``aws-customerprofiles-eventtrigger.zip`` the checkout itself holds. The build
installs the Lambda code's dependencies from the package registry (PyPI).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tools import private_type

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = json.loads((ROOT / ".rpdk-config").read_text())
# cfn submit installs wheels for python3.12 and compiles every module: minutes at load 4.
BUILD_TIMEOUT = 1200


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
