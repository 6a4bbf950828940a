"""The registry package: its size, and the Lambda code's cold start from it.

The size is read from the package ``make package`` builds (``cfn submit
--dry-run``) by ``tools/package_size.py``: the registry zip and the Lambda code
inside it (``ResourceProvider.zip``), zipped and unpacked, with that tool's
report and the problems it finds (code for another Python, code not for Lambda).
Whether every action and log delivery still work from the unpacked package is
``make package-smoke``'s test, not a figure here.

The cold start (import and first READ from the unpacked Lambda code under the
runtime's Python, bytecode writing off, with and without ``.pyc``, alternating)
is ``tools/measure_package_cold_start.py``, run in a process of its own with
``--json``; with ``--custom-resource`` the same tool measures the custom
resource's cold start (import and first Create, its response included) beside
the registry handler's (import and first CREATE), from the code as shipped.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.common import ENV, PYTHON, ROOT

PACKAGE = ROOT / "aws-customerprofiles-eventtrigger.zip"
TOOLS = ROOT / "tools"
COLD_START_TOOL = TOOLS / "measure_package_cold_start.py"


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"tools/{name}.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def package_size(reuse: bool = False) -> dict[str, Any]:
    """The sizes of the package ``make package`` builds (with ``reuse``, the one already
    built, if any: ``make test`` has just built it)."""
    built = not (reuse and PACKAGE.exists())
    if built:
        subprocess.run(
            [str(Path(PYTHON).parent / "cfn"), "submit", "--dry-run"],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            check=True,
        )
    tool = _tool("package_size")
    lines, problems = tool.describe(PACKAGE)
    return {**tool.sizes(PACKAGE), "built_now": built, "report": lines, "problems": problems}


def _cold_start_tool(options: list[str]) -> dict[str, Any]:
    """The cold-start tool's figures with ``options`` (its ``ratio`` among them), or why
    there are none."""
    command = [PYTHON, str(COLD_START_TOOL), "--json", *options]
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"not_measured": f"the tool failed ({done.returncode}): {last}"}
    try:
        figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        figures["ratio"] = float(figures["ratio"])
    except (IndexError, KeyError, TypeError, ValueError) as error:
        return {"not_measured": f"unreadable output from the tool ({error!r})"}
    return figures


def package_cold_start(runs: int) -> dict[str, Any]:
    """The tool's figures (``runs`` fresh processes per variant), or why there are none."""
    return _cold_start_tool(["--runs", str(runs)])


def custom_resource_cold_start(runs: int) -> dict[str, Any]:
    """The custom resource's import + first Create against the registry handler's import +
    first CREATE (``runs`` fresh processes each), or why there are none."""
    return _cold_start_tool(["--custom-resource", "--runs", str(runs)])


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.package custom-resource [--runs N]``: that part alone."""
    import argparse

    parser = argparse.ArgumentParser(description="One part of the package's benchmark, alone.")
    parser.add_argument("part", choices=["custom-resource"])
    parser.add_argument("--runs", type=int, default=11, help="fresh processes per handler")
    args = parser.parse_args(argv)
    from benchmarks import report

    print("\n".join(report.custom_resource_lines(custom_resource_cold_start(args.runs))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
