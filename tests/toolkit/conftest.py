"""Fixtures for the toolkit's tests: the plugin's local server, reset per test.

The tools run the real handlers, so every test here records their API calls for
the end-of-run permissions check.
"""

from __future__ import annotations

from types import ModuleType

import pytest


@pytest.fixture(autouse=True)
def _record_api_calls(api_calls: ModuleType) -> None:
    """The handlers' calls go into the end-of-run permissions check."""


@pytest.fixture
def server(local_endpoint: str) -> str:
    """The session's local server (the plugin's ``local_endpoint``): no state, faults or counts."""
    return local_endpoint
