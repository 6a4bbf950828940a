"""pytest fixtures for the offline Customer Profiles service and Cloud Control.

Installing ``customerprofiles-localcloud`` registers this module with pytest
(entry point ``pytest11``), so any test can ask for:

* ``customer_profiles_client`` - boto3 ``customer-profiles`` client on the
  in-process service (``mock_customer_profiles``), fresh state for each test;
* ``cloudcontrol_client`` - boto3 ``cloudcontrol`` client on the in-process
  Cloud Control API for AWS::CustomerProfiles::EventTrigger, whose handlers
  write to that same in-process service;
* ``local_endpoint`` - the URL of a server on 127.0.0.1 (a free port) that the
  plugin starts once per session; its state is reset before each test;
* ``customer_profiles_faults`` - inject and clear faults, and read call counts,
  for the in-process service and the plugin's server alike (both live in the
  test process); cleared after each test.

Event triggers at run time (``localcloud.trigger_fixtures``): ``trigger_deliveries``,
``segment_membership``, ``profile_intents`` and ``customer_profiles_clock``.

The region is ``localcloud_region`` (``us-east-1``); override that fixture to
use another. Under pytest-xdist each worker is its own process, so it has its
own state and its own server port. Use the in-process clients or
``local_endpoint`` in one test, not both: the in-process mock intercepts every
boto3 call the process makes, the server's included.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Unpack

import pytest

if TYPE_CHECKING:
    from localcloud.customer_profiles.faults import FaultOptions

__all__ = [
    "FaultControl",
    "cloudcontrol_client",
    "customer_profiles_client",
    "customer_profiles_faults",
    "local_endpoint",
    "localcloud_region",
]

# The event trigger fixtures, in a module of their own.
pytest_plugins = ["localcloud.trigger_fixtures"]

# Variables that would send a client built without endpoint_url to some other server.
_ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDCONTROL")


# Imports of the provider and moto wait until a fixture needs them: pytest loads this
# plugin before coverage starts measuring, in every session of a venv that has it.


@functools.cache
def _session() -> Any:
    """One boto3 session for the process's clients, as ``boto3.client`` keeps one.

    A session parses botocore's data files (endpoints, partitions, service
    models) once and keeps them; a new session per test would parse them again
    for every test. The clients, and so their state, are new for each test.
    Made once moto is imported: moto's botocore hook is in every session made
    after that.
    """
    import boto3

    return boto3.session.Session()


def _client(service: str, region: str, endpoint_url: str | None) -> Any:
    from localcloud.core.offline import FAKE_CREDENTIALS

    session: Any = _session()  # the service name is a variable here
    return session.client(
        service,
        region_name=region,
        endpoint_url=endpoint_url,
        aws_access_key_id=FAKE_CREDENTIALS["accessKeyId"],
        aws_secret_access_key=FAKE_CREDENTIALS["secretAccessKey"],
        aws_session_token=FAKE_CREDENTIALS["sessionToken"],
    )


@pytest.fixture
def localcloud_region() -> str:
    """The region the plugin's clients use; override this fixture to change it."""
    return "us-east-1"


@pytest.fixture
def _localcloud_in_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One in-process mock per test, shared by both clients: Customer Profiles and Cloud Control."""
    from localcloud.cloudcontrol import register
    from localcloud.customer_profiles import mock_customer_profiles

    for name in _ENDPOINT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    register()  # before the mock starts: moto reads its URL index then
    with mock_customer_profiles():
        yield


@pytest.fixture
def customer_profiles_client(_localcloud_in_process: None, localcloud_region: str) -> Any:
    """boto3 ``customer-profiles`` client on the in-process service (fresh for each test)."""
    return _client("customer-profiles", localcloud_region, None)


@pytest.fixture
def cloudcontrol_client(_localcloud_in_process: None, localcloud_region: str) -> Any:
    """boto3 ``cloudcontrol`` client on the in-process Cloud Control (fresh for each test)."""
    return _client("cloudcontrol", localcloud_region, None)


@pytest.fixture(scope="session")
def _localcloud_server() -> Iterator[str]:
    from localcloud.server import running_server

    with running_server() as url:
        yield url


@pytest.fixture
def local_endpoint(_localcloud_server: str) -> str:
    """URL of this session's server on 127.0.0.1, with its state reset for this test."""
    from localcloud.server import ServerControl

    ServerControl(_localcloud_server).reset()
    return _localcloud_server


class FaultControl:
    """Faults and call counts of the Customer Profiles service in this process.

    ``inject("GetDomain", "ThrottlingException", count=1)`` makes the next
    GetDomain fail; ``seconds=`` delays calls instead. Fault names:
    ``localcloud.customer_profiles.faults``.
    """

    def __init__(self) -> None:
        from localcloud import customer_profiles

        self._service = customer_profiles
        self._faults = customer_profiles.faults

    def inject(self, operation: str, fault: str, **options: Unpack[FaultOptions]) -> dict[str, Any]:
        return self._faults.inject(operation, fault, **options).to_dict()

    def pending(self) -> list[dict[str, Any]]:
        return [fault.to_dict() for fault in self._faults.pending()]

    def clear(self) -> None:
        self._faults.clear()

    def calls(self) -> dict[str, int]:
        return dict(self._service.calls())

    def reset_calls(self) -> None:
        self._service.reset_calls()


@pytest.fixture
def customer_profiles_faults() -> Iterator[FaultControl]:
    """Fault injection for the in-process service and the plugin's server; cleared afterwards."""
    control = FaultControl()
    yield control
    control.clear()
