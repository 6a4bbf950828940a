"""The program that runs a function of a Lambda runtime on this machine.

``python3.X`` runs on a Python 3.X, looked for as ``python3.X`` on ``PATH``,
then in ``~/.pyenv/versions/3.X*/bin/``; ``nodejsN.x`` on a Node.js N, looked
for as ``node`` on ``PATH``, then in ``~/.nvm/versions/node/vN*/bin/``. When
that version is not installed, the closest installed one runs it (the newer of
two equally close), and the runner says so once in its log, naming both.

Each candidate is run once to ask its version and its real executable: a pyenv
shim resolves to the interpreter it would start, and a virtual environment's
Python to its base installation, so a function sees the interpreter's own
packages, not the toolkit's. Answers are kept for the life of the process
(``forget()`` drops them).
"""

from __future__ import annotations

import glob
import json
import logging
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "FAMILIES",
    "Interpreter",
    "RuntimeUnavailable",
    "family_of",
    "find",
    "forget",
]

log = logging.getLogger(__name__)

FAMILIES = ("python", "nodejs")
_PYTHON_RUNTIME = re.compile(r"^python3\.(\d+)$")
_NODE_RUNTIME = re.compile(r"^nodejs(\d+)\.x$")
_PYTHON_NAME = re.compile(r"^python3\.(\d+)$")
OLDEST_PYTHON_MINOR = 8  # the bootstrap runs on Python 3.8 and later
OLDEST_NODE = 16
_PROBE_SECONDS = 30
_PYTHON_PROBE = (
    "import json, sys; print(json.dumps({'version': '%d.%d.%d' % sys.version_info[:3],"
    " 'executable': getattr(sys, '_base_executable', None) or sys.executable}))"
)
_NODE_PROBE = (
    "console.log(JSON.stringify({version: process.versions.node, executable: process.execPath}))"
)


class RuntimeUnavailable(LookupError):
    """No installed program can run the runtime; the message says what was looked for."""


@dataclass(frozen=True)
class Interpreter:
    runtime: str  # "python3.12"
    family: str  # "python" or "nodejs"
    executable: str
    version: str  # "3.12.1", "20.20.2"
    exact: bool  # the runtime's own version (False: the closest installed one)

    @property
    def note(self) -> str:
        """One line for the log when this is not the runtime's own version."""
        if self.exact:
            return ""
        wanted = _wanted_text(self.runtime)
        return (
            f"{wanted} is not installed here: functions of runtime {self.runtime} run on the "
            f"closest installed version, {self.version} ({self.executable})"
        )


def family_of(runtime: str | None) -> str | None:
    """``"python"``, ``"nodejs"``, or None for a runtime the runner cannot run."""
    if runtime and _PYTHON_RUNTIME.match(runtime):
        return "python"
    if runtime and _NODE_RUNTIME.match(runtime):
        return "nodejs"
    return None


_lock = threading.Lock()
_found: dict[tuple[str, str, str], Interpreter] = {}


def find(runtime: str, path: str | None = None, home: Path | None = None) -> Interpreter:
    """The interpreter for ``runtime``; ``RuntimeUnavailable`` when none can run it.

    ``path`` and ``home`` default to ``$PATH`` and the user's home (where pyenv and
    nvm keep their versions).
    """
    path = os.environ.get("PATH", os.defpath) if path is None else path
    home = Path.home() if home is None else home
    key = (runtime, path, str(home))
    with _lock:
        if key in _found:
            return _found[key]
        family = family_of(runtime)
        if family == "python":
            found = _find_python(runtime, path, home)
        elif family == "nodejs":
            found = _find_node(runtime, path, home)
        else:
            raise RuntimeUnavailable(
                f"the local runner runs Python 3 and Node.js functions, not runtime {runtime!r}"
            )
        if not found.exact:
            log.warning("localcloud Lambda: %s", found.note)
        _found[key] = found
        return found


def forget() -> None:
    """Drop every interpreter found so far (the next ``find`` looks again)."""
    with _lock:
        _found.clear()


def _wanted_text(runtime: str) -> str:
    python = _PYTHON_RUNTIME.match(runtime)
    if python:
        return f"Python 3.{python.group(1)}"
    node = _NODE_RUNTIME.match(runtime)
    return f"Node.js {node.group(1)}" if node else runtime


def _probe(candidate: str, script: list[str]) -> tuple[str, str] | None:
    """(version, real executable) of a program that runs; None for one that does not."""
    try:
        done = subprocess.run(  # noqa: S603 (an installed interpreter, a fixed script)
            [candidate, *script],
            capture_output=True,
            text=True,
            timeout=_PROBE_SECONDS,
            check=False,
        )
        answer = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
    if not isinstance(answer, dict):
        return None
    return str(answer["version"]), str(answer["executable"])


def _minor(version: str) -> int:
    return int(version.split(".")[1])


def _major(version: str) -> int:
    return int(version.split(".")[0])


def _closest(wanted: int, available: list[int]) -> list[int]:
    """``available`` by distance from ``wanted``, the newer of two equally close first."""
    return sorted(set(available), key=lambda have: (abs(have - wanted), -have))


def _python_candidates(minor: int, path: str, home: Path) -> list[str]:
    names = [shutil.which(f"python3.{minor}", path=path) or ""]
    versions = glob.glob(str(home / ".pyenv" / "versions" / f"3.{minor}*"))
    names += [str(Path(folder) / "bin" / f"python3.{minor}") for folder in sorted(versions)[::-1]]
    return [name for name in names if name and os.access(name, os.X_OK)]


def _python_minors(path: str, home: Path) -> list[int]:
    """Every Python 3 minor version installed as ``python3.N`` on ``path`` or under pyenv."""
    minors: set[int] = set()
    for folder in path.split(os.pathsep):
        for name in glob.glob(os.path.join(folder or ".", "python3.*")):
            match = _PYTHON_NAME.match(os.path.basename(name))
            if match:
                minors.add(int(match.group(1)))
    for folder in glob.glob(str(home / ".pyenv" / "versions" / "3.*")):
        parts = os.path.basename(folder).split(".")
        if len(parts) > 1 and parts[1].isdigit():
            minors.add(int(parts[1]))
    return [minor for minor in minors if minor >= OLDEST_PYTHON_MINOR]


def _find_python(runtime: str, path: str, home: Path) -> Interpreter:
    match = _PYTHON_RUNTIME.match(runtime)
    assert match is not None
    wanted = int(match.group(1))
    for minor in _closest(wanted, [wanted, *_python_minors(path, home)]):
        for candidate in _python_candidates(minor, path, home):
            probed = _probe(candidate, ["-c", _PYTHON_PROBE])
            if probed is not None and _minor(probed[0]) == minor:
                return Interpreter(runtime, "python", probed[1], probed[0], minor == wanted)
    raise RuntimeUnavailable(
        f"no Python 3 to run {runtime}: looked for python3.N on PATH and in "
        f"{home / '.pyenv' / 'versions'}"
    )


def _node_candidates(path: str, home: Path) -> list[str]:
    names = [shutil.which("node", path=path) or ""]
    names += sorted(glob.glob(str(home / ".nvm" / "versions" / "node" / "v*" / "bin" / "node")))
    return [name for name in names if name and os.access(name, os.X_OK)]


def _find_node(runtime: str, path: str, home: Path) -> Interpreter:
    match = _NODE_RUNTIME.match(runtime)
    assert match is not None
    wanted = int(match.group(1))
    installed: dict[int, tuple[str, str]] = {}
    for candidate in _node_candidates(path, home):
        probed = _probe(candidate, ["-e", _NODE_PROBE])
        if probed is not None and _major(probed[0]) >= OLDEST_NODE:
            installed.setdefault(_major(probed[0]), probed)
    for major in _closest(wanted, list(installed)):
        version, executable = installed[major]
        return Interpreter(runtime, "nodejs", executable, version, major == wanted)
    raise RuntimeUnavailable(
        f"no Node.js to run {runtime}: looked for node on PATH and in "
        f"{home / '.nvm' / 'versions' / 'node'}"
    )
