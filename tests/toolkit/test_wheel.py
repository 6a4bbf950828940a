"""The wheel, installed as another project would install it: a fresh venv outside the repo.

Nothing from this repository's .venv is visible there (no PYTHONPATH, no
system site-packages): the wheel's declared dependencies must be enough, and
pip resolves them as it does for a user, with no constraints file: the newest
releases the declared ranges allow. The user's pytest comes with the ``pytest`` extra.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import cloud
from tests.support.processes import environment

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
SCRIPT = "customerprofiles-localcloud"

pytestmark = pytest.mark.server


def clean_environment(venv: Path) -> dict[str, str]:
    """No endpoint, no other virtual environment: ``venv``'s scripts first on PATH."""
    path = f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    return environment(("VIRTUAL_ENV", "PYTHONHOME", "AWS_ENDPOINT_URL"), PATH=path)


def check(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(venv, wheel): the wheel built from this checkout, installed in a new venv."""
    home = tmp_path_factory.mktemp("toolkit-user")
    assert ROOT not in home.parents
    dist = home / "dist"
    # The build backend pinned in requirements-run.txt, from .venv: offline and reproducible.
    check(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(ROOT),
        ],
        home,
        dict(os.environ),
    )
    (wheel,) = dist.glob("customerprofiles_localcloud-*.whl")
    venv = home / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    check([base, "-m", "venv", str(venv)], home, clean_environment(venv))
    env = clean_environment(venv)
    check(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-compile",  # bytecode is written on first import instead
            f"{wheel}[pytest]",  # the extra brings the user's pytest
        ],
        home,
        env,
    )
    yield venv, wheel
    shutil.rmtree(home, ignore_errors=True)


def test_the_pytest_extra_brings_the_pytest_the_plugin_is_tested_with() -> None:
    """``customerprofiles-localcloud[pytest]``: from the version the suite pins up."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (requirement,) = project["optional-dependencies"]["pytest"]
    pinned = next(
        line.split("==")[1].strip()
        for line in (ROOT / "requirements-dev.txt").read_text().splitlines()
        if line.startswith("pytest==")
    )
    assert requirement == f"pytest>={pinned},<{int(pinned.split('.')[0]) + 1}"


def test_no_page_says_to_install_the_toolkit_from_the_registry() -> None:
    """It is not on PyPI: every install instruction names a checkout or a wheel."""
    pages = [
        ROOT / "README.md",
        *(ROOT / "guides").glob("*.md"),
        *(ROOT / "examples").rglob("*.py"),
    ]
    wrong = re.compile(r"pip install [\"']?customerprofiles-localcloud\b")
    found = [str(page.relative_to(ROOT)) for page in pages if wrong.search(page.read_text())]
    assert found == []


def test_the_wheel_holds_the_toolkit_the_provider_and_the_schema(
    installed: tuple[Path, Path],
) -> None:
    venv, _ = installed
    env = clean_environment(venv)
    script = (
        "import json, importlib.metadata as m, localcloud, aws_customerprofiles_eventtrigger\n"
        "from localcloud.core.schema_file import resource_schema_path\n"
        "d = m.distribution('customerprofiles-localcloud')\n"
        "print(json.dumps({'localcloud': localcloud.__file__,"
        " 'schema': str(resource_schema_path()),"
        " 'cloudcontrol_schema': __import__('localcloud.core.resource_schema', fromlist=['x'])"
        ".ResourceSchema.load().type_name,"
        " 'typed': any(str(f).endswith('localcloud/py.typed') for f in d.files),"
        " 'entry_points': sorted(e.group + ':' + e.name for e in d.entry_points)}))"
    )
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", script],
        cwd=venv.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "FileNotFoundError" not in done.stderr, (
        "Cloud Control cannot find the installed schema: localcloud/core/resource_schema.py "
        "must take its path from localcloud.core.schema_file.resource_schema_path()\n" + done.stderr
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["cloudcontrol_schema"] == "AWS::CustomerProfiles::EventTrigger"
    site = str(venv / "lib")
    assert found["localcloud"].startswith(site)
    assert found["schema"].startswith(site)
    assert found["typed"]
    assert found["entry_points"] == [
        f"console_scripts:{SCRIPT}",
        "pytest11:customerprofiles_localcloud",
    ]
    check([str(venv / "bin" / "python"), "-m", "pip", "check"], venv.parent, env)


def test_a_users_tests_pass_with_the_plugins_fixtures(installed: tuple[Path, Path]) -> None:
    venv, _ = installed
    project = venv.parent / "project"
    project.mkdir()
    (project / "test_user.py").write_text((DATA / "user_tests_template.py").read_text())
    out = check(
        [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        project,
        clean_environment(venv),
    )
    assert "4 passed" in out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_console_script_serves_a_port_boto3_reaches(installed: tuple[Path, Path]) -> None:
    venv, _ = installed
    env = clean_environment(venv)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(venv / "bin" / SCRIPT), "serve", "--port", str(port)],
        cwd=venv.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # A fresh venv with no bytecode yet: the first start compiles every import.
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_localcloud/health", timeout=30):
                    break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the server did not answer in 300 s"
                time.sleep(0.2)
        client = cloud.customer_profiles(url)
        client.create_domain(DomainName="retail", DefaultExpirationDays=30)
        assert [d["DomainName"] for d in client.list_domains()["Items"]] == ["retail"]
        listed = check(
            [
                SCRIPT,
                "--endpoint-url",
                url,
                "cloudcontrol",
                "list-resources",
                "--resource-model",
                '{"DomainName": "retail"}',
            ],
            venv.parent,
            env,
        )
        assert json.loads(listed)["ResourceDescriptions"] == []
        check([SCRIPT, "--endpoint-url", url, "reset"], venv.parent, env)
        assert client.list_domains()["Items"] == []
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=120)
    assert server.returncode == 0, output
    assert f"serving on {url}" in output
