"""Running this interpreter in a child process, as the tests that check a command do,
and the environment such a child starts from."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping

# What a child never inherits: this checkout on its path, and pytest's own variables.
ALWAYS_LEFT_OUT = ("PYTHONPATH", "PYTEST_")
# Offline credentials and no AWS configuration files, for a child that makes AWS calls.
OFFLINE_AWS = {
    "AWS_ACCESS_KEY_ID": "offline",
    "AWS_SECRET_ACCESS_KEY": "offline",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


def environment(left_out: tuple[str, ...] = (), **settings: str) -> dict[str, str]:
    """This process's environment less the variables whose names start with
    ``ALWAYS_LEFT_OUT`` or ``left_out`` (``AWS_ENDPOINT_URL``, ``AWS_``...), plus ``settings``."""
    prefixes = (*ALWAYS_LEFT_OUT, *left_out)
    kept = {name: value for name, value in os.environ.items() if not name.startswith(prefixes)}
    return {**kept, **settings}


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
