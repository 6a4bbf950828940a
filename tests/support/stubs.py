"""Real boto3 Customer Profiles clients under botocore's Stubber, for the handler tests."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.stub import Stubber
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy

from tests.support.constants import FAKE_CREDENTIALS, REGION


class RecordingBotoSession:
    """Stands in for boto3.Session: hands out one stubbed client, recording how."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.client_kwargs: list[tuple[str, dict[str, Any]]] = []

    def client(self, service_name: str, **kwargs: Any) -> Any:
        self.client_kwargs.append((service_name, kwargs))
        return self._client

    def resource(self, *_: Any, **__: Any) -> Any:  # pragma: no cover - SessionProxy needs it
        raise NotImplementedError


class Stubbed:
    """A stubbed client, and the lib's session proxy handing it out."""

    def __init__(self, region: str = REGION) -> None:
        self.client = boto3.client(
            "customer-profiles",
            region_name=region,
            aws_access_key_id=FAKE_CREDENTIALS["accessKeyId"],
            aws_secret_access_key=FAKE_CREDENTIALS["secretAccessKey"],
            aws_session_token=FAKE_CREDENTIALS["sessionToken"],
        )
        self.stubber = Stubber(self.client)
        self.boto_session = RecordingBotoSession(self.client)
        self.session = SessionProxy(self.boto_session)  # type: ignore[arg-type]

    def expect(self, operation: str, params: dict[str, Any] | None, response: Any = None) -> None:
        self.stubber.add_response(operation, response or {}, params)

    def fail(self, operation: str, code: str, message: str = "failed", params: Any = None) -> None:
        status = {"ResourceNotFoundException": 404, "AccessDeniedException": 403}.get(code, 400)
        self.stubber.add_client_error(
            operation, code, message, http_status_code=status, expected_params=params
        )
