"""Fixtures for the toolkit's tests: one local server for the package, reset per test.

The tools run the real handlers, so every test here records their API calls for
the end-of-run permissions check.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from localcloud.server import ServerControl, running_server


@pytest.fixture(autouse=True)
def _record_api_calls(api_calls: ModuleType) -> None:
    """The handlers' calls go into the end-of-run permissions check."""


@pytest.fixture(scope="package")
def toolkit_server() -> Iterator[str]:
    with running_server() as url:
        yield url


@pytest.fixture
def server(toolkit_server: str) -> str:
    """The package's server with no state, faults or call counts."""
    ServerControl(toolkit_server).reset()
    return toolkit_server
