"""``python -m localcloud.lifecycle``: every handler in turn, through the Lambda entrypoint."""

from __future__ import annotations

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
