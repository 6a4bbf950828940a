"""The registry package: its size, and the Lambda code's cold start from it.

The size comes from the package ``cfn submit --dry-run`` builds: the registry
zip and the Lambda code inside it (``ResourceProvider.zip``), zipped and
unpacked. The cold start from the unpacked package (import and first READ under
the Lambda runtime's Python with bytecode caching off, with and without
``.pyc``) is measured by ``tools/measure_package_cold_start.py`` when the
project has it; it is run with ``--json`` and its last output line read as a
JSON object with ``with_pyc_seconds``, ``without_pyc_seconds`` and, optionally,
``unpacked_bytes`` (the package it measured).
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from benchmarks.common import ENV, PYTHON, ROOT

PACKAGE = ROOT / "aws-customerprofiles-eventtrigger.zip"
COLD_START_TOOL = ROOT / "tools" / "measure_package_cold_start.py"


def package_size(reuse: bool = False) -> dict[str, Any]:
    """The sizes of the package ``cfn submit --dry-run`` builds (with ``reuse``, the one
    already built, if any: ``make test`` has just built it)."""
    built = not (reuse and PACKAGE.exists())
    if built:
        subprocess.run(
            [str(Path(PYTHON).parent / "cfn"), "submit", "--dry-run"],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            check=True,
        )
    with zipfile.ZipFile(PACKAGE) as outer:
        inner = outer.getinfo("ResourceProvider.zip")
        with zipfile.ZipFile(io.BytesIO(outer.read(inner))) as code:
            unpacked = sum(item.file_size for item in code.infolist())
    return {
        "registry_package_bytes": PACKAGE.stat().st_size,
        "lambda_zip_bytes": inner.file_size,
        "lambda_unpacked_bytes": unpacked,
        "built_now": built,
    }


def package_cold_start(quick: bool) -> dict[str, Any]:
    """The tool's figures, or why there are none."""
    if not COLD_START_TOOL.exists():
        return {"not_measured": f"{COLD_START_TOOL.relative_to(ROOT)} does not exist yet"}
    command = [PYTHON, str(COLD_START_TOOL), "--json", *(["--quick"] if quick else [])]
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"not_measured": f"the tool failed ({done.returncode}): {last}"}
    try:
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        with_pyc = float(figures["with_pyc_seconds"])
        without_pyc = float(figures["without_pyc_seconds"])
    except (IndexError, KeyError, TypeError, ValueError) as error:
        return {"not_measured": f"unreadable output from the tool ({error!r})"}
    return {**figures, "ratio": with_pyc / without_pyc}
