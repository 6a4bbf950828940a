"""Finding the Python interpreter of a Lambda runtime on this machine.

``.pyc`` files are specific to one Python minor version, so the Lambda code for
``python3.12`` is compiled by a Python 3.12. Looked for, in order:

1. ``$PYTHON312`` (for python3.12; the digits follow the runtime);
2. ``python3.12`` on ``PATH`` (a pyenv shim that cannot run is skipped);
3. ``~/.pyenv/versions/3.12*/bin/python3.12``, newest first.

Usage: ``python interpreter.py 3.12`` prints the path, or a one-line error on
stderr with exit status 1. No imports beyond the standard library, so the
Makefile runs it with any Python.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path


class InterpreterNotFound(Exception):
    """No working interpreter of the wanted version."""


def version_of_runtime(runtime: str) -> str:
    """``"python3.12"`` -> ``"3.12"``."""
    version = runtime.removeprefix("python")
    major, _, minor = version.partition(".")
    if not (major.isdigit() and minor.isdigit()):
        raise ValueError(f"not a Python Lambda runtime: {runtime!r}")
    return version


def env_variable(version: str) -> str:
    """``"3.12"`` -> ``"PYTHON312"``."""
    return "PYTHON" + version.replace(".", "")


def _runs_as(path: str, version: str) -> bool:
    try:
        done = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == version


def _pyenv_candidates(version: str) -> list[str]:
    found = glob.glob(str(Path.home() / ".pyenv" / "versions" / f"{version}*" / "bin"))
    paths = [str(Path(folder) / f"python{version}") for folder in found]

    def patch_level(path: str) -> tuple[int, ...]:
        name = Path(path).parent.parent.name
        return tuple(int(part) if part.isdigit() else -1 for part in name.split("."))

    return sorted(paths, key=patch_level, reverse=True)


def find_python(version: str) -> str:
    """The path of a working ``python<version>``, or ``InterpreterNotFound``."""
    variable = env_variable(version)
    chosen = os.environ.get(variable)
    if chosen:
        if _runs_as(chosen, version):
            return chosen
        raise InterpreterNotFound(f"${variable}={chosen} is not a working Python {version}")
    candidates = [shutil.which(f"python{version}") or "", *_pyenv_candidates(version)]
    for candidate in candidates:
        if candidate and _runs_as(candidate, version):
            return candidate
    raise InterpreterNotFound(
        f"Python {version} not found (tried ${variable}, python{version} on PATH and"
        f" ~/.pyenv/versions/{version}*): install it, or set {variable}=/path/to/python{version}"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: interpreter.py VERSION (for example 3.12)", file=sys.stderr)
        return 2
    try:
        print(find_python(argv[0]))
    except InterpreterNotFound as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
