"""Fixtures for the handler tests: real boto3 clients under botocore's Stubber.

Every test here drives handlers, so every one records its API calls for the
end-of-run permissions check.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.support.stubs import Stubbed


@pytest.fixture(autouse=True)
def _record_api_calls(api_calls: ModuleType) -> None:
    """The handlers' calls go into the end-of-run permissions check."""


@pytest.fixture
def stubbed() -> Iterator[Stubbed]:
    stub = Stubbed()
    with stub.stubber:
        yield stub
        stub.stubber.assert_no_pending_responses()
