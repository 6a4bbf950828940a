"""The AWS CDK CLI and the example app (examples/cdk), as the CDK tests run them.

``make cdk-tools`` installs the pinned tools into ``.cache/cdk`` of the checkout:
the ``cdk`` CLI under ``node_modules/.bin`` and a Python with aws-cdk-lib under
``venv/bin`` (the app's ``python3``). ``Cdk`` runs ``cdk`` in the example's
folder against an endpoint, as the guide does: ``AWS_ENDPOINT_URL``, fake
credentials and a region in the environment, none of the caller's AWS settings.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.constants import REGION
from tests.support.processes import OFFLINE_AWS, environment

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "examples" / "cdk"
CACHE = ROOT / ".cache" / "cdk"
TOOL_PATHS = (CACHE / "node_modules" / ".bin", CACHE / "venv" / "bin")
STACK = "RetailProfiles"
# What the app makes with its default context (examples/cdk/app.py).
DOMAIN, OBJECT_TYPE, TRIGGER = "retail-cdk", "Orders", "large-order"


def require_tools() -> None:
    """Skips the test, saying how to install them, when ``make cdk-tools`` has not run."""
    if not (CACHE / ".installed").exists():
        pytest.skip("the CDK tools are not installed: run `make cdk-tools`")


@dataclass
class Cdk:
    """``cdk <args>`` for the example app against ``endpoint``; output in ``home``."""

    endpoint: str
    home: Path

    def env(self) -> dict[str, str]:
        return environment(
            ("AWS_", "CDK_", "PYTHON", "VIRTUAL_ENV"),
            PATH=os.pathsep.join([*map(str, TOOL_PATHS), os.environ.get("PATH", "")]),
            HOME=str(self.home),  # the CLI's caches (~/.cdk) start empty
            **{**OFFLINE_AWS, "AWS_REGION": REGION, "AWS_ENDPOINT_URL": self.endpoint},
            JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1",
        )

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs ``cdk *args`` (cloud assembly in ``home``); the caller checks the result."""
        return subprocess.run(
            ["cdk", *args, "--output", str(self.home / "cdk.out")],
            cwd=APP,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
