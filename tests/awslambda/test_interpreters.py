"""The interpreter of a runtime: its own version when installed, else the closest, said once."""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from localcloud.awslambda import interpreters
from tests.support.lambdas import Cloud


@pytest.fixture
def fresh() -> Iterator[None]:
    """Interpreters looked for again in the test, and again after it."""
    interpreters.forget()
    yield
    interpreters.forget()


def only(tmp_path: Path, *names: str) -> str:
    """A PATH holding only links named ``names`` to this test's own interpreter."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).symlink_to(sys.executable)
    return str(folder)


def installed(runtime: str) -> interpreters.Interpreter | None:
    try:
        found = interpreters.find(runtime)
    except interpreters.RuntimeUnavailable:
        return None
    return found if found.exact else None


def test_the_runtime_s_own_version_is_chosen(fresh: None, tmp_path: Path) -> None:
    mine = f"python3.{sys.version_info[1]}"
    found = interpreters.find(mine, path=only(tmp_path, mine), home=tmp_path)
    assert found.exact and found.version.startswith(mine.removeprefix("python"))
    assert found.note == ""


def test_an_absent_version_runs_on_the_closest_and_says_so_once(
    fresh: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    minor = sys.version_info[1]
    mine = f"python3.{minor}"
    wanted = f"python3.{minor + 2}"
    caplog.set_level(logging.WARNING, logger="localcloud.awslambda.interpreters")
    path = only(tmp_path, mine)
    found = interpreters.find(wanted, path=path, home=tmp_path)
    again = interpreters.find(wanted, path=path, home=tmp_path)
    assert found is again and not found.exact
    assert found.version.startswith(f"3.{minor}.")
    assert found.note.startswith(f"Python 3.{minor + 2} is not installed here")
    assert found.executable in found.note
    notes = [r.getMessage() for r in caplog.records if "is not installed here" in r.getMessage()]
    assert len(notes) == 1


def test_of_two_equally_close_versions_the_newer_is_chosen() -> None:
    assert interpreters._closest(12, [11, 13, 9])[:2] == [13, 11]


def test_nothing_to_run_a_runtime_is_said_plainly(fresh: None, tmp_path: Path) -> None:
    with pytest.raises(interpreters.RuntimeUnavailable, match=r"no Python 3 to run python3\.12"):
        interpreters.find("python3.12", path=str(tmp_path), home=tmp_path)
    with pytest.raises(interpreters.RuntimeUnavailable, match=r"not runtime 'ruby3\.3'"):
        interpreters.find("ruby3.3", path=str(tmp_path), home=tmp_path)


@pytest.mark.skipif(installed("python3.12") is None, reason="Python 3.12 is not installed here")
def test_a_python3_12_function_runs_on_python_3_12(cloud: Cloud) -> None:
    answer = cloud.invoke(cloud.create(runtime="python3.12")).payload
    assert answer["python"] == "3.12"


def test_a_function_of_an_absent_version_says_so_in_its_log(
    inprocess: Cloud, fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minor = sys.version_info[1]
    monkeypatch.setenv("PATH", only(tmp_path, f"python3.{minor}"))
    monkeypatch.setenv("HOME", str(tmp_path))
    name = inprocess.create(runtime=f"python3.{minor + 2}")
    answer = inprocess.invoke(name, LogType="Tail")
    assert answer.payload["python"] == f"3.{minor}"
    assert f"Python 3.{minor + 2} is not installed here" in answer.log


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed here")
def test_a_node_runtime_without_its_version_runs_on_the_installed_node(fresh: None) -> None:
    node = interpreters.find("nodejs20.x")
    other = "nodejs18.x" if not node.version.startswith("18.") else "nodejs22.x"
    found = interpreters.find(other)
    assert found.family == "nodejs" and found.executable
    assert found.exact == found.version.startswith(other.removeprefix("nodejs").split(".")[0] + ".")
