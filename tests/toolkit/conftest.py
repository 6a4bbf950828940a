"""Fixtures for the offline tools' tests (``localcloud`` lifecycle, Lambda Invoke).

The tools run the real handlers, so every test here records their API calls for
the end-of-run permissions check.
"""

from __future__ import annotations

from types import ModuleType

import pytest


@pytest.fixture(autouse=True)
def _record_api_calls(api_calls: ModuleType) -> None:
    """The handlers' calls go into the end-of-run permissions check."""
