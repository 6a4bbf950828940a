"""Suite-wide fixtures: API-call recording, and offline AWS settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger import client
from tests import api_calls

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "aws-customerprofiles-eventtrigger.json").read_text())


@pytest.fixture(autouse=True)
def _offline_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches a real account, whatever the caller's shell holds."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEOFFLINE00")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "offline")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "offline")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


@pytest.fixture(autouse=True)
def _fresh_clients() -> Iterator[None]:
    """Handlers keep sessions and clients across invocations; tests start without them."""
    client.clear()
    yield
    client.clear()


@pytest.fixture(autouse=True)
def _record_api_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    api_calls.install(monkeypatch)


def undeclared_calls() -> dict[str, list[str]]:
    """API calls a handler made that its permissions in the schema do not declare."""
    result = {}
    for handler, seen in sorted(api_calls.SEEN.items()):
        declared = set(SCHEMA["handlers"][handler]["permissions"])
        if seen - declared:
            result[handler] = sorted(seen - declared)
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: Any) -> None:
    if not api_calls.SEEN:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = [
        f"  {handler}: {', '.join(sorted(seen))}"
        for handler, seen in sorted(api_calls.SEEN.items())
    ]
    problems = undeclared_calls()
    if reporter is not None:
        reporter.write_line("API calls made by each handler across the suite:")
        for line in lines:
            reporter.write_line(line)
        if problems:
            reporter.write_line(f"UNDECLARED PERMISSIONS: {problems}", red=True)
        else:
            reporter.write_line("Every call is declared in that handler's permissions.")
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
