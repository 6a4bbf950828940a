"""Real boto3 Customer Profiles clients under botocore's Stubber, for the handler tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import botocore.session
from botocore.loaders import Loader
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


def newer_model(directory: Path, added: dict[str, dict[str, Any]]) -> boto3.Session:
    """A session whose customer-profiles model is the installed one with ``added`` members
    (shape name -> member name -> member), as a newer botocore would have them."""
    loader = Loader()
    version = loader.determine_latest_version("customer-profiles", "service-2")
    model = loader.load_service_model("customer-profiles", "service-2", version)
    for shape, members in added.items():
        model["shapes"][shape]["members"].update(members)
    place = directory / "customer-profiles" / version
    place.mkdir(parents=True)
    (place / "service-2.json").write_text(json.dumps(model))
    core = botocore.session.Session()
    core.get_component("data_loader").search_paths.insert(0, str(directory))
    return boto3.Session(botocore_session=core)


class Stubbed:
    """A stubbed client, and the lib's session proxy handing it out."""

    def __init__(self, region: str = REGION, session: boto3.Session | None = None) -> None:
        self.client = (session or boto3.Session()).client(
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
