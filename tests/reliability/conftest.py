"""Fixtures for the reliability and security tests, and the report printed at the end.

Every test here drives handlers, so every one records its API calls for the
end-of-run permissions check. The report (``tests.support.report``) gathers
the figures the tests measure and the outcome of every case of the fault
matrix, and prints them in the terminal summary, so ``make test`` shows them
without digging through the output.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from localcloud.customer_profiles import faults
from localcloud.server import running_server
from tests.support.report import FIGURES, lines
from tests.support.secret_scan import Capture
from tests.support.services import LocalService, local_service


@pytest.fixture(autouse=True)
def _drives_handlers(api_calls: ModuleType, no_faults: None) -> None:
    """Handlers' calls go into the end-of-run permissions check; no fault outlives a test."""


@pytest.fixture
def service() -> Iterator[LocalService]:
    """The offline service in-process, fresh for each test."""
    with local_service() as ready:
        yield ready


@pytest.fixture
def capture(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> Capture:
    return Capture(caplog, capsys)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """Customer Profiles and Cloud Control on one 127.0.0.1 port, handlers pointed at it."""
    faults.reset()
    with running_server() as url:
        try:
            yield url
        finally:
            faults.reset()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Tally the fault matrix's outcomes."""
    if not report.nodeid.startswith(
        "tests/reliability/test_faults.py::test_fault_at_each_call_site"
    ):
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        FIGURES.fault_cases[report.outcome] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    found = lines(FIGURES)
    if not found:
        return
    terminalreporter.section("reliability and security report")
    for line in found:
        terminalreporter.write_line(line)
