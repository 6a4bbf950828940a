"""The moto range: the check, against the pinned moto and against older releases.

The range (``MOTO_RANGE``) is exactly what ``make test`` runs: the pinned moto
here, and the newest release the range allows in ``make test-newest``.
"""

from __future__ import annotations

import os
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from moto.core.responses import BaseResponse

from localcloud.moto_adapter import versions
from tests.support.pins import pinned
from tests.support.processes import python

# Each routes by (method, request_uri) where 5.2.5 and later route by the request.
OLDER = ["5.2.1", "5.2.4"]


def test_the_installed_moto_has_the_internals_used_here() -> None:
    assert versions.moto_internals_problem() is None
    versions.check_moto()


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("5.2.5", True),
        ("5.2.6", True),
        ("5.2.6.dev1", True),
        ("5.2.7", False),
        ("5.2.4", False),
        ("5.3.0", False),
    ],
)
def test_the_range(text: str, inside: bool) -> None:
    assert versions._in_range(versions._release(text)) is inside
    assert versions.MOTO_RANGE == ">=5.2.5,<5.2.7"


def test_the_range_starts_at_the_pinned_moto() -> None:
    assert versions._release(pinned("moto")) == versions.MOTO_MIN


def test_the_declared_range_is_the_checked_one() -> None:
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert f'"moto[server]{versions.MOTO_RANGE}"' in pyproject


def test_changed_internals_fail_naming_the_range(monkeypatch: pytest.MonkeyPatch) -> None:
    def older(self: Any, method: str, request_uri: str) -> str:
        raise AssertionError("never called")

    for name in versions.ROUTING_METHODS:
        monkeypatch.delattr(BaseResponse, name, raising=False)
    monkeypatch.setattr(
        BaseResponse, "_get_action_from_method_and_request_uri", older, raising=False
    )
    monkeypatch.setattr(versions, "version", lambda name: "5.2.4")
    with pytest.raises(versions.UnsupportedMotoError) as refused:
        versions.check_moto()
    assert str(refused.value) == (
        "customerprofiles-localcloud supports moto>=5.2.5,<5.2.7, not moto 5.2.4 "
        "(BaseResponse._get_action_from_method_and_request_uri takes (method, request_uri), "
        "not (request)): install one with: pip install 'moto[server]>=5.2.5,<5.2.7'"
    )


def test_a_moto_without_a_routing_method_fails_naming_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in versions.ROUTING_METHODS:
        monkeypatch.delattr(BaseResponse, name, raising=False)
    assert versions.moto_internals_problem() == (
        "moto.core.responses.BaseResponse has none of "
        "_get_action_from_request, _get_action_from_method_and_request_uri"
    )


def test_a_version_outside_the_range_with_the_same_internals_only_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(versions, "version", lambda name: "5.3.0")
    with pytest.warns(RuntimeWarning, match=r"tested with moto>=5\.2\.5,<5\.2\.7; moto 5\.3\.0"):
        versions.check_moto()


@cache
def _older_moto(release: str, root: Path) -> Path:
    target = root / f"moto-{release}"
    if not target.exists():
        pip = ["pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
        installed = python("-m", *pip, "--target", str(target), f"moto=={release}", timeout=600)
        assert installed.returncode == 0, installed.stderr
    return target


@pytest.fixture(scope="module")
def older_motos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("older-moto")
    return {release: _older_moto(release, root) for release in OLDER}


@pytest.mark.parametrize("release", OLDER)
def test_a_service_with_an_older_moto_fails_at_once_naming_the_range(
    release: str, older_motos: dict[str, Path]
) -> None:
    env = dict(os.environ, PYTHONPATH=f"{older_motos[release]}{os.pathsep}{os.getcwd()}")
    done = python("-c", "import localcloud.customer_profiles as c; c.register()", env=env)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "localcloud.moto_adapter.versions.UnsupportedMotoError: customerprofiles-localcloud "
        f"supports moto>=5.2.5,<5.2.7, not moto {release} ("
    ), done.stderr


def test_an_older_moto_fails_only_the_tests_that_use_the_plugin(
    older_motos: dict[str, Path], tmp_path: Path
) -> None:
    """The plugin loads whatever moto is installed; only its fixtures name the problem."""
    (tmp_path / "test_user.py").write_text(
        textwrap.dedent(
            """
            def test_unrelated():
                assert 1 + 1 == 2

            def test_with_the_service(customer_profiles_client):
                customer_profiles_client.list_domains()
            """
        )
    )
    env = dict(os.environ, PYTHONPATH=f"{older_motos['5.2.4']}{os.pathsep}{os.getcwd()}")
    env.pop("PYTEST_ADDOPTS", None)
    done = python(
        "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", str(tmp_path),
        env=env, timeout=300,
    )  # fmt: skip
    assert "1 passed, 1 error" in done.stdout, done.stdout + done.stderr
    assert "supports moto>=5.2.5,<5.2.7, not moto 5.2.4" in done.stdout, done.stdout
