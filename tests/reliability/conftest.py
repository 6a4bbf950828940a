"""Fixtures for the reliability and security tests, and the report printed at the end.

The report gathers the figures the tests measure (``report.FIGURES``) and the
outcome of every case of the fault matrix, and prints them in the terminal
summary, so ``make test`` shows them without digging through the output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from localcloud.customer_profiles import faults
from localcloud.server import running_server
from tests.reliability.harness import SECRETS, Capture, LocalService, local_service
from tests.reliability.report import FIGURES, Figures


@pytest.fixture
def service() -> Iterator[LocalService]:
    """The offline service in-process, fresh for each test."""
    with local_service() as ready:
        yield ready
    faults.clear()


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
    """Tally the fault matrix's outcomes, xfails (known bugs) apart from passes."""
    if not report.nodeid.startswith(
        "tests/reliability/test_faults.py::test_fault_at_each_call_site"
    ):
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if hasattr(report, "wasxfail"):
            outcome = "failed as expected (known bug)" if report.skipped else "xpassed"
        else:
            outcome = report.outcome
        FIGURES.fault_cases[outcome] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = _lines(FIGURES)
    if not lines:
        return
    terminalreporter.section("reliability and security report")
    for line in lines:
        terminalreporter.write_line(line)


def _tally(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {what}" for what, n in sorted(counter.items()))


def _lines(figures: Figures) -> list[str]:
    lines: list[str] = []
    if figures.fault_cases:
        handlers, sites, kinds = figures.fault_matrix
        lines.append(
            f"fault matrix: {handlers} handlers, {sites} call sites, {kinds} faults = "
            f"{sites * kinds} cases; {sum(figures.fault_cases.values())} run: "
            f"{_tally(figures.fault_cases)}"
        )
    if figures.lost_responses:
        lines.append(
            "lost responses (served, answer dropped, retried by botocore), by call site: "
            + _tally(figures.lost_responses)
        )
    lines += figures.races
    if figures.hypothesis_examples:
        total = sum(figures.hypothesis_examples.values())
        lines.append(f"hypothesis examples run: {total} ({_tally(figures.hypothesis_examples)})")
    if figures.invalid_cases:
        lines.append(
            f"invalid models, each constraint broken in turn: {_tally(figures.invalid_cases)}"
        )
    if figures.identifiers_refused:
        lines.append(
            "malformed names and identifiers, no service call for any: "
            + _tally(figures.identifiers_refused)
        )
    lines += figures.oversized
    if figures.secret_runs:
        outside = sum(n for origin, n in figures.secret_hits.items() if origin != "wire")
        lines.append(
            f"secrets scan: {len(SECRETS)} secrets searched in {figures.secret_outputs} outputs "
            f"of {sum(figures.secret_runs.values())} failing runs ({_tally(figures.secret_runs)})"
            f": {outside} found in provider logs, stdout/stderr or messages; "
            f"{figures.secret_hits['wire']} in botocore's DEBUG records"
        )
    lines += figures.exposure
    lines += figures.privilege
    return lines
