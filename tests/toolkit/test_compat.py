"""The moto range: the check at import, against the pinned moto and against older releases."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from moto.core.responses import BaseResponse

from localcloud import _compat
from tests.support.processes import python

# Each takes (method, request_uri) where 5.2.5 takes the request; 5.2.1 also fails otherwise.
OLDER = ["5.2.1", "5.2.4"]


def test_the_pinned_moto_has_the_internals_used_here() -> None:
    assert _compat.moto_internals_problem() is None
    _compat.check_moto()


@pytest.mark.parametrize(
    ("text", "inside"),
    [("5.2.5", True), ("5.2.9", True), ("5.2.4", False), ("5.3.0", False), ("5.2.5.dev1", True)],
)
def test_the_range(text: str, inside: bool) -> None:
    assert _compat._in_range(_compat._release(text)) is inside
    assert _compat.MOTO_RANGE == ">=5.2.5,<5.3"


def test_changed_internals_fail_naming_the_range(monkeypatch: pytest.MonkeyPatch) -> None:
    def older(self: Any, method: str, request_uri: str) -> str:
        raise AssertionError("never called")

    monkeypatch.setattr(BaseResponse, "_get_action_from_method_and_request_uri", older)
    monkeypatch.setattr(_compat, "version", lambda name: "5.2.4")
    with pytest.raises(_compat.UnsupportedMotoError) as refused:
        _compat.check_moto()
    assert str(refused.value) == (
        "customerprofiles-localcloud supports moto>=5.2.5,<5.3, not moto 5.2.4 "
        "(BaseResponse._get_action_from_method_and_request_uri takes (method, request_uri), "
        "not (request)): install one with: pip install 'moto>=5.2.5,<5.3'"
    )


def test_a_version_outside_the_range_with_the_same_internals_only_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_compat, "version", lambda name: "5.3.0")
    with pytest.warns(RuntimeWarning, match=r"tested with moto>=5\.2\.5,<5\.3; moto 5\.3\.0"):
        _compat.check_moto()


@pytest.mark.parametrize("release", OLDER)
def test_importing_localcloud_with_an_older_moto_fails_at_once(
    release: str, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    pip = ["pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
    installed = python("-m", *pip, "--target", str(target), f"moto=={release}", timeout=600)
    assert installed.returncode == 0, installed.stderr
    done = python("-c", "import localcloud", env=dict(os.environ, PYTHONPATH=str(target)))
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(
        f"localcloud._compat.UnsupportedMotoError: customerprofiles-localcloud supports "
        f"moto>=5.2.5,<5.3, not moto {release} ("
    ), done.stderr
