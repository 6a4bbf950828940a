"""Fixtures for the local Lambda runner's tests.

``cloud`` runs a test twice: in-process (``mock_aws`` with the runner
registered, as a user's test would) and over HTTP against the plugin's local
server (``local_endpoint``, which registers the runner when it starts and is
reset before each test). Both reset moto, which ends every execution
environment of the runner.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from localcloud import awslambda
from localcloud.moto_adapter.core import mock_aws
from tests.support.lambdas import Cloud


@pytest.fixture(params=["inprocess", pytest.param("server", marks=pytest.mark.server)])
def cloud(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cloud]:
    """Lambda, IAM, S3, STS and CloudWatch Logs, with an execution role made."""
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    awslambda.register()
    if request.param == "server":
        target = Cloud("server", request.getfixturevalue("local_endpoint"))
        target.make_role()
        yield target
        return
    with mock_aws():
        target = Cloud("inprocess", None)
        target.make_role()
        yield target


@pytest.fixture
def inprocess(monkeypatch: pytest.MonkeyPatch) -> Iterator[Cloud]:
    """The in-process target only."""
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    awslambda.register()
    with mock_aws():
        target = Cloud("inprocess", None)
        target.make_role()
        yield target
