"""The AWS SAM CLI and the example (examples/sam), as the SAM tests run them.

``make sam-tools`` installs the pinned CLI into ``.cache/sam`` of the checkout:
a venv of its own, and ``bin/sam``. ``Sam`` runs ``sam`` (and ``aws``, for what a
user does around it, such as ``aws s3 mb``) against an endpoint, as the guide
does: ``AWS_ENDPOINT_URL``, fake credentials and a region in the environment,
none of the caller's AWS or SAM settings, and a HOME of its own.

The CLI runs in a copy of the example (its template and ``src/``), so what it
may write (``.aws-sam``, ``samconfig.toml``) stays out of the checkout, and a
``samconfig.toml`` left there is not read.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.constants import REGION

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "examples" / "sam"
CACHE = ROOT / ".cache" / "sam"
TOOL_PATH = CACHE / "bin"
# What the example makes with its default parameters (examples/sam/template.yaml).
STACK = "retail-sam"
DOMAIN, OBJECT_TYPE, TRIGGER = "retail-sam", "Orders", "large-order"
FUNCTION = "TriggerAuditFunction"
# The stack `sam deploy --resolve-s3` makes for its artifacts bucket.
MANAGED_STACK = "aws-sam-cli-managed-default"
# Every sam command the tests run is given this long: generous, for a busy machine.
TIMEOUT_SECONDS = 600


def require_tools() -> None:
    """Skips the test, saying how to install it, when ``make sam-tools`` has not run."""
    if not (CACHE / ".installed").exists():
        pytest.skip("the AWS SAM CLI is not installed: run `make sam-tools`")


def copy_app(destination: Path) -> Path:
    """The example's template and code, copied to ``destination`` (no bytecode caches)."""
    shutil.copytree(APP / "src", destination / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(APP / "template.yaml", destination / "template.yaml")
    return destination


def load_handler() -> ModuleType:
    """The example's function code, imported from examples/sam/src without writing bytecode
    there (sam deploy zips that folder as it is)."""
    path = APP / "src" / "trigger_audit.py"
    spec = importlib.util.spec_from_file_location("trigger_audit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    writes, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = writes
    return module


@dataclass
class Sam:
    """``sam <args>`` in ``project`` against ``endpoint``; its HOME is ``home``."""

    endpoint: str
    home: Path
    project: Path

    def __post_init__(self) -> None:
        # The CLI's own settings, as after a first run: no telemetry, and the version
        # checked just now, so it does not ask PyPI for a newer one.
        settings = self.home / ".aws-sam"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "metadata.json").write_text(
            json.dumps({"telemetryEnabled": False, "lastVersionCheck": time.time()})
        )

    def env(self) -> dict[str, str]:
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("AWS_", "SAM_", "PYTHON", "VIRTUAL_ENV", "DOCKER_"))
        }
        env.update(
            # sam from the cache; aws from this interpreter's environment (.venv)
            PATH=os.pathsep.join(
                [str(TOOL_PATH), str(Path(sys.executable).parent), env.get("PATH", "")]
            ),
            HOME=str(self.home),
            AWS_ENDPOINT_URL=self.endpoint,
            AWS_ACCESS_KEY_ID="offline",
            AWS_SECRET_ACCESS_KEY="offline",
            AWS_DEFAULT_REGION=REGION,
            AWS_CONFIG_FILE=os.devnull,
            AWS_SHARED_CREDENTIALS_FILE=os.devnull,
            SAM_CLI_TELEMETRY="0",
        )
        return env

    def _run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command,
            cwd=self.project,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs ``sam *args``; the caller checks the result."""
        return self._run(["sam", *args])

    def aws(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Runs ``aws *args`` (the AWS CLI) in the same environment."""
        return self._run(["aws", *args])


def deploy_args(*extra: str, bucket: str | None = None) -> list[str]:
    """``sam deploy`` of the example without prompts, artifacts in ``bucket`` (or, without
    one, ``--resolve-s3``'s managed bucket)."""
    where = ["--s3-bucket", bucket] if bucket is not None else ["--resolve-s3"]
    return [
        "deploy",
        "--stack-name",
        STACK,
        *where,
        "--capabilities",
        "CAPABILITY_IAM",
        "--no-confirm-changeset",
        "--no-progressbar",
        *extra,
    ]
