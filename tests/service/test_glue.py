"""``localcloud.core.moto_glue`` routes a call, in-process and through the server's dispatcher.

For this service and for a second, throwaway one, registered as every local
service (Cloud Control too) registers. The moto internals the glue relies on
are pinned one by one in ``test_moto_private_names.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

import boto3
import moto
import moto.backend_index as backend_index
import moto.backends as backends
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.models import botocore_stubber
from moto.core.responses import BaseResponse
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.test import Client

from localcloud.core import moto_glue
from localcloud.customer_profiles import mock_customer_profiles, register
from localcloud.customer_profiles.backend import customerprofiles_backends


def signed_headers(url: str, signing_name: str, method: str = "GET") -> dict[str, str]:
    request = AWSRequest(method=method, url=url, data=b"")
    SigV4Auth(Credentials("testing", "testing"), signing_name, "us-east-1").add_auth(request)
    return dict(request.headers)


def test_registration_is_idempotent_and_visible_to_moto() -> None:
    register()
    register()
    entries = [
        p.pattern for name, p in backend_index.backend_url_patterns if name == "customerprofiles"
    ]
    # the URL base is also the host the server rebuilds from the signing name: once
    assert entries == [r"https?://profile\.(.+)\.amazonaws\.com"]
    assert backends.get_backend("customerprofiles") is customerprofiles_backends  # type: ignore[call-overload]
    assert (
        moto_glue.registered_services()["customerprofiles"]
        == "localcloud.customer_profiles.backend"
    )


def test_an_in_process_client_call_is_routed() -> None:
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="eu-west-2")
        client.create_domain(DomainName="routed", DefaultExpirationDays=1)
        assert [d["DomainName"] for d in client.list_domains()["Items"]] == ["routed"]
        assert "routed" in customerprofiles_backends["123456789012"]["eu-west-2"].service._domains


def test_the_server_dispatcher_routes_by_signing_name() -> None:
    register()
    dispatcher = DomainDispatcherApplication(create_backend_app)
    url = "http://127.0.0.1:4566/domains"
    answer = Client(dispatcher).get("/domains", headers=signed_headers(url, "profile"))
    assert answer.status_code == 200, answer.get_data()
    assert json.loads(answer.get_data())["Items"] == []


def test_partitions_come_from_the_region() -> None:
    with mock_customer_profiles():
        for region, partition in (
            ("cn-north-1", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("eu-west-2", "aws"),
        ):
            client = boto3.client("customer-profiles", region_name=region)
            client.create_domain(DomainName="d", DefaultExpirationDays=1)
            service = customerprofiles_backends["123456789012"][region].service
            assert (
                service.get_domain("d").arn
                == f"arn:{partition}:profile:{region}:123456789012:domains/d"
            )
        # The model's TagArn pattern (^arn:[a-z0-9]{1,10}:profile) admits no dash in the partition.
        arn = "arn:aws-cn:profile:cn-north-1:123456789012:domains/d"
        client = boto3.client("customer-profiles", region_name="cn-north-1")
        with pytest.raises(client.exceptions.BadRequestException, match="'resourceArn'"):
            client.list_tags_for_resource(resourceArn=arn)


# -- a second, throwaway service, registered the way every local service is ---------------


class ProbeBackend(BaseBackend):
    @property
    def _url_module(self) -> Any:  # moto only reads url_bases and url_paths from it
        return ProbeUrls


class ProbeResponse(BaseResponse):
    def _dispatch(self, request: Any, full_url: Any = None, headers: Any = None) -> Any:
        return 200, {"Content-Type": "application/json"}, json.dumps({"probe": request.path})


class ProbeUrls:
    url_bases: ClassVar[list[str]] = [r"https?://probe-endpoint\.(.+)\.amazonaws\.com"]
    url_paths: ClassVar[dict[str, Any]] = {"{0}/.*$": ProbeResponse.dispatch}


glueprobe_backends = BackendDict(
    ProbeBackend, "glueprobe", use_boto3_regions=False, additional_regions=["us-east-1"]
)


@pytest.fixture
def probe() -> Iterator[str]:
    module = __import__(__name__, fromlist=["glueprobe_backends"])
    moto_glue.register_service("glueprobe", module, ProbeUrls.url_bases, "glueprobesigning")
    try:
        yield "glueprobe"
    finally:
        moto_glue.unregister_service("glueprobe")


def test_a_second_service_routes_in_the_server_by_its_signing_name(probe: str) -> None:
    dispatcher = DomainDispatcherApplication(create_backend_app)
    headers = signed_headers("http://127.0.0.1:4566/anything", "glueprobesigning", "POST")
    answer = Client(dispatcher).post("/anything", headers=headers)
    assert answer.status_code == 200
    assert json.loads(answer.get_data()) == {"probe": "/anything"}


def test_a_second_service_routes_in_process_by_its_url(probe: str) -> None:
    with moto.mock_aws():
        stubbed = botocore_stubber.process_request(
            AWSRequest(
                method="POST", url="https://probe-endpoint.us-east-1.amazonaws.com/x"
            ).prepare()
        )
    assert stubbed is not None and json.loads(stubbed[2]) == {"probe": "/x"}


def test_unregister_forgets_the_probe(probe: str) -> None:
    moto_glue.unregister_service(probe)
    assert all(name != probe for name, _ in backend_index.backend_url_patterns)
    moto_glue.unregister_service(probe)  # twice is fine


def test_register_refuses_bad_names_and_modules() -> None:
    with pytest.raises(ValueError, match="must match"):
        moto_glue.register_service("bad-name", "localcloud.customer_profiles.backend", [], "x")
    with pytest.raises(ValueError, match="has no attribute"):
        moto_glue.register_service("nothere", "localcloud.customer_profiles.backend", [], "x")
    with pytest.raises(ValueError, match="already has a service"):
        moto_glue.register_service("s3", "localcloud.customer_profiles.backend", [], "x")
