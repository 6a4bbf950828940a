"""Fixtures for the toolkit's tests: one local server for the package, reset per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from localcloud.server import ServerControl, running_server


@pytest.fixture(scope="package")
def toolkit_server() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture
def server(toolkit_server: str) -> str:
    """The package's server with no state, faults or call counts."""
    ServerControl(toolkit_server).reset()
    return toolkit_server
