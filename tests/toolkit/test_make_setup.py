"""The Makefile's first-time set-up says what it installs, and about how long it takes.

``make run``, ``make serve``, ``make venv`` and ``make cdk-tools`` install packages
quietly for a minute or more the first time: each installing step first prints
one line naming what it installs and roughly how long it takes. ``make -n`` shows
the steps a fresh checkout would run, without running them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ANNOUNCED = re.compile(r"^echo \"(?P<line>[^\"]+)\"$")
INSTALLS = re.compile(r"pip install|npm ci")


def dry_run(goal: str, scratch: Path) -> list[str]:
    """The commands ``make goal`` would run in a checkout with no .venv and no CDK tools."""
    done = subprocess.run(
        ["make", "-n", goal, f"VENV={scratch / 'venv'}", f"CDK_CACHE={scratch / 'cdk'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize("goal", ["run", "serve", "venv", "cdk-tools"])
def test_each_first_time_install_is_announced_in_one_line(goal: str, tmp_path: Path) -> None:
    lines = dry_run(goal, tmp_path)
    installs = [index for index, line in enumerate(lines) if INSTALLS.search(line)]
    assert installs, f"make {goal} installs nothing in a fresh checkout?"
    announced = [ANNOUNCED.match(line) for line in lines]
    for index in installs:
        before = [found for found in announced[:index] if found]
        assert before, f"make {goal}: '{lines[index][:60]}...' runs with nothing said first"
        line = before[-1]["line"]
        assert re.search(r"minute|seconds", line) and "(" in line, line  # what, how long
