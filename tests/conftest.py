"""Suite-wide fixtures: offline AWS settings, fresh provider clients, API-call recording.

Two fixtures are autouse for every test, because neither changes code: one
sets the environment (fake credentials, a region, no profile) so no test can
reach a real account whatever the caller's shell holds, and one empties the
provider's client cache so no test inherits another's client. API-call
recording does patch the provider (``actions.run`` and
``client.customer_profiles``), so it is opt-in: the ``api_calls`` fixture, which
the conftests of the folders whose tests drive handlers (handlers/,
cloudcontrol/, reliability/, toolkit/) request for each of their tests. At the
end of the run every call recorded is checked against the permissions the
schema declares for its handler.

The tests are type-checked like the code (``make typecheck`` runs ``mypy
tests``, strict, with the few relaxations in pyproject.toml's overrides for
``tests.*``). Helpers live in ``tests.support``; conftest files hold fixtures
and hooks only.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger import clients
from localcloud.customer_profiles import faults
from tests.support import api_calls as recording
from tests.support.constants import FAKE_CREDENTIALS, REGION


@pytest.fixture(autouse=True)
def _offline_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches a real account, whatever the caller's shell holds."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", FAKE_CREDENTIALS["accessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "offline")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "offline")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)


@pytest.fixture(autouse=True)
def _fresh_clients() -> Iterator[None]:
    """Handlers keep sessions and clients across invocations; tests start without them."""
    clients.clear()
    yield
    clients.clear()


@pytest.fixture
def api_calls(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Records every API call handlers make during the test (``tests.support.api_calls``)."""
    recording.install(monkeypatch)
    return recording


@pytest.fixture
def no_faults() -> Iterator[None]:
    """No injected fault before the test, and none left after it (a Delay, an unused count)."""
    faults.clear()
    yield
    faults.clear()


def pytest_sessionfinish(session: pytest.Session, exitstatus: Any) -> None:
    if not recording.SEEN:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    problems = recording.undeclared_calls()
    if reporter is not None:
        reporter.write_line("API calls made by each handler across the suite:")
        for line in recording.summary():
            reporter.write_line(line)
        if problems:
            reporter.write_line(f"UNDECLARED PERMISSIONS: {problems}", red=True)
        else:
            reporter.write_line("Every call is declared in that handler's permissions.")
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
