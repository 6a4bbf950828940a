"""moto's own CloudFormation tests, run with this project's engine installed.

Usage: ``python tools/moto_suite/run.py [pytest arguments...]`` (``make
moto-cloudformation-tests`` runs it); test paths among the arguments
(``tests/test_sqs/...``) run instead of the whole set. Fetches the sdist of the moto version
requirements-run.txt pins (``pip download``, cached in ``.cache/moto-suite/``),
unpacks its ``tests/`` and ``setup.cfg`` beside it, and runs with pytest
``tests/test_cloudformation`` and every other ``tests/*/test_*cloudformation*.py``
with ``moto_suite_plugin`` loaded: it installs the engine
(``localcloud.cloudformation.register()``) before any test and deselects the
tests listed in ``tools/moto_suite/deselected.toml`` (each a moto shortcut
real CloudFormation does not have, with the AWS documentation that says so).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "moto-suite"
HERE = Path(__file__).resolve().parent


def pinned_moto() -> str:
    """The moto version requirements-run.txt pins (``moto==X.Y.Z``)."""
    text = (ROOT / "requirements-run.txt").read_text()
    match = re.search(r"^moto(?:\[[^\]]*\])?==([^\s;#]+)", text, re.MULTILINE)
    if match is None:
        raise SystemExit("requirements-run.txt pins no moto version (moto==X.Y.Z)")
    return match.group(1)


def _sdist(version: str) -> Path:
    found = sorted(CACHE.glob(f"moto-{version}.tar.gz"))
    if found:
        return found[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    command = [
        *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
        *("--no-binary", ":all:", "--dest", str(CACHE), f"moto=={version}"),
    ]
    subprocess.run(command, check=True)
    found = sorted(CACHE.glob(f"moto-{version}.tar.gz"))
    if not found:
        raise SystemExit(f"pip download did not fetch the sdist of moto {version}")
    return found[0]


def unpacked(version: str) -> Path:
    """``.cache/moto-suite/moto-<version>`` holding the sdist's tests/ and setup.cfg."""
    target = CACHE / f"moto-{version}"
    done = target / ".unpacked"
    if done.exists():
        return target
    prefix = f"moto-{version}/"
    with tarfile.open(_sdist(version)) as archive:
        members = [
            member
            for member in archive.getmembers()
            if member.name.startswith(prefix + "tests/") or member.name == prefix + "setup.cfg"
        ]
        archive.extractall(CACHE, members=members, filter="data")
    done.touch()
    return target


def test_paths(suite: Path) -> list[str]:
    """tests/test_cloudformation and the other tests/*/test_*cloudformation*.py."""
    others = sorted(
        str(path.relative_to(suite))
        for path in suite.glob("tests/*/test_*cloudformation*.py")
        if path.parent.name != "test_cloudformation"
    )
    return ["tests/test_cloudformation", *others]


def _docker_reachable(env: dict[str, str]) -> bool:
    return bool(env.get("DOCKER_HOST")) or Path("/var/run/docker.sock").exists()


def main(arguments: list[str]) -> int:
    suite = unpacked(pinned_moto())
    env = dict(os.environ)
    # The plugin, and the project (for localcloud); moto's tests/ comes first (pytest
    # puts the suite's root at the front of sys.path), never this project's tests/.
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT / "src"), str(ROOT)])
    env.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    if not _docker_reachable(env):
        # moto's Lambda runs functions in Docker: its requires_docker tests skip themselves.
        env.setdefault("TESTS_SKIP_REQUIRES_DOCKER", "true")
    # Test paths among the arguments (tests/...) run instead of the whole set.
    chosen = [a for a in arguments if a.startswith("tests/")]
    command = [
        *(sys.executable, "-m", "pytest", "-c", str(suite / "setup.cfg")),
        *("--rootdir", str(suite), "-p", "moto_suite_plugin", "-p", "no:randomly"),
        *("-p", "no:cacheprovider", "-q"),
        *(chosen or test_paths(suite)),
        *arguments,
    ]
    return subprocess.run(command, cwd=suite, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
