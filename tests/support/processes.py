"""Running this interpreter in a child process, as the tests that check a command do."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping


def python(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python *args`` with this interpreter, output captured as text; the caller checks it."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
