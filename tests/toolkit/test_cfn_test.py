"""``cfn test`` run from the project's root, with only .venv's interpreter: pytest loads.

The CloudFormation CLI runs pytest with its own ini file (``-c``), so this
project's pytest settings (``pythonpath``) do not apply, yet pytest still loads
``tests/conftest.py`` from the directory it starts in. That conftest imports the
provider and ``tests``; they import because .venv holds the project as an
editable install (``make``), with no PYTHONPATH. The launcher lives outside the
repository, as the ``cfn`` script does, so the working directory is not on
sys.path; it runs the CLI under moto, which answers the CLI's STS calls.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.processes import environment

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = """
import sys

from moto import mock_aws
from rpdk.core.cli import main

with mock_aws():
    main(args_in=sys.argv[1:])
"""


def test_cfn_test_from_the_root_collects_the_contract_suite(tmp_path: Path) -> None:
    launcher = tmp_path / "cfn_offline.py"
    launcher.write_text(LAUNCHER)
    env = environment(
        ("AWS_",),
        AWS_ACCESS_KEY_ID="AKIAEXAMPLEOFFLINE00",
        AWS_SECRET_ACCESS_KEY="offline",
        AWS_SESSION_TOKEN="offline",
        AWS_DEFAULT_REGION="us-east-1",
    )
    done = subprocess.run(
        [
            sys.executable,
            str(launcher),
            "test",
            "--endpoint",
            "http://127.0.0.1:9",
            "--region",
            "us-east-1",
            "--",
            "--collect-only",
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "while loading conftest" not in output, output
    assert done.returncode == 0, output
    assert "contract_create_delete" in done.stdout, output
