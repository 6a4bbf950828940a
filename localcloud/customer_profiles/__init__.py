"""Offline Amazon Connect Customer Profiles, on moto (which has none).

In-process, like moto's own mocks::

    from localcloud.customer_profiles import mock_customer_profiles

    @mock_customer_profiles
    def test_it():
        boto3.client("customer-profiles", region_name="us-east-1").list_domains()

    with mock_customer_profiles():
        ...

Over HTTP: ``python -m localcloud.server`` (see ``localcloud.server``).
Faults: ``faults`` (see ``localcloud.customer_profiles.faults``); call counts:
``calls()``, ``reset_calls()`` (see ``localcloud.customer_profiles.calls``).
Implemented operations: ``OPERATIONS``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar, overload

from .calls import call_counts
from .clock import clock
from .faults import FaultInjector, faults
from .protocol import OPERATIONS

__all__ = [
    "ENDPOINT_ENV",
    "OPERATIONS",
    "FaultInjector",
    "calls",
    "clock",
    "faults",
    "mock_customer_profiles",
    "register",
    "reset_calls",
]

ENDPOINT_ENV = "AWS_ENDPOINT_URL_CUSTOMER_PROFILES"
SIGNING_NAME = "profile"
F = TypeVar("F", bound=Callable[..., Any])

faults.know_operations(OPERATIONS)


def register() -> None:
    """Teach moto about this service (idempotent); mocks and the server call it."""
    from localcloud.moto_adapter.registry import register_service

    from .backend import MOTO_NAME
    from .urls import url_bases

    register_service(MOTO_NAME, f"{__name__}.backend", url_bases, SIGNING_NAME)


def calls() -> Counter[str]:
    """Calls that reached the service since the last reset, per operation."""
    return call_counts.snapshot()


def reset_calls() -> None:
    call_counts.reset()


class CustomerProfilesMock:
    """``moto.mock_aws`` with this service registered, as context manager or decorator.

    While active, ``AWS_ENDPOINT_URL_CUSTOMER_PROFILES`` is unset so clients
    stay in-process even where the server's address is in the environment;
    faults and call counts start empty, and the clock (``clock``) is real.
    """

    def __init__(self) -> None:
        self._mock: Any = None
        self._saved_endpoint: str | None = None

    def start(self) -> None:
        from localcloud.moto_adapter.core import mock_aws

        register()
        self._saved_endpoint = os.environ.pop(ENDPOINT_ENV, None)
        faults.reset()
        clock.reset()
        self._mock = mock_aws()
        self._mock.start()

    def stop(self) -> None:
        if self._mock is not None:
            self._mock.stop()
            self._mock = None
        if self._saved_endpoint is not None:
            os.environ[ENDPOINT_ENV] = self._saved_endpoint

    def __enter__(self) -> CustomerProfilesMock:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, func: F) -> F:
        import functools

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with CustomerProfilesMock():
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


@overload
def mock_customer_profiles(func: None = None) -> CustomerProfilesMock: ...
@overload
def mock_customer_profiles(func: F) -> F: ...
def mock_customer_profiles(func: F | None = None) -> CustomerProfilesMock | F:
    """Use as ``@mock_customer_profiles``, ``@mock_customer_profiles()`` or in a ``with``."""
    if func is None:
        return CustomerProfilesMock()
    return CustomerProfilesMock()(func)
