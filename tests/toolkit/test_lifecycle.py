"""``python -m localcloud.lifecycle``: every handler in turn, through the Lambda entrypoint."""

from __future__ import annotations

import subprocess

import pytest

from localcloud import lifecycle


def test_lifecycle_runs_every_step_and_ends_not_found(capsys: pytest.CaptureFixture[str]) -> None:
    assert lifecycle.main([]) == 0
    out = capsys.readouterr().out
    steps = [line.split()[3:5] for line in out.splitlines() if line.startswith("20")]
    assert steps == [
        ["CREATE", "SUCCESS"],
        ["READ", "SUCCESS"],
        ["UPDATE", "SUCCESS"],
        ["LIST", "SUCCESS"],
        ["LIST", "SUCCESS"],
        ["DELETE", "SUCCESS"],
        ["READ", "FAILED"],
    ]
    assert "NotFound" in out.splitlines()[-2]
    assert "Lifecycle complete" in out


def test_guesses_run_the_marked_checks_against_the_chosen_target() -> None:
    offline, env = lifecycle.guesses_command(False, "us-east-1")
    assert "tests/service/test_guesses.py" in offline and "CP_REAL_AWS" not in env
    real, env = lifecycle.guesses_command(True, "eu-central-1")
    assert real == offline
    assert (env["CP_REAL_AWS"], env["AWS_REGION"]) == ("1", "eu-central-1")


def test_guesses_collect_in_real_account_mode_without_an_account() -> None:
    """The real-account run cannot happen here; it must at least collect."""
    command, env = lifecycle.guesses_command(True, "us-east-1")
    done = subprocess.run(
        [*command, "--collect-only"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "test_guess_update_clears_unsent[aws]" in done.stdout
