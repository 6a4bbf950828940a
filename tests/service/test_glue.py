"""``localcloud.moto_adapter.registry`` routes a call, in-process and through the server's
dispatcher.

Here for Customer Profiles; a second, throwaway service registered the same
way, and the moto internals the glue relies on one by one, are in
``test_moto_private_names.py``.
"""

from __future__ import annotations

import json

import boto3
import moto.backend_index as backend_index
import moto.backends as backends
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.test import Client

from localcloud.customer_profiles import mock_customer_profiles, register
from localcloud.customer_profiles.backend import customerprofiles_backends
from localcloud.moto_adapter import registry


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
        registry.registered_services()["customerprofiles"] == "localcloud.customer_profiles.backend"
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


def test_register_refuses_bad_names_and_modules() -> None:
    with pytest.raises(ValueError, match="must match"):
        registry.register_service("bad-name", "localcloud.customer_profiles.backend", [], "x")
    with pytest.raises(ValueError, match="has no attribute"):
        registry.register_service("nothere", "localcloud.customer_profiles.backend", [], "x")
    with pytest.raises(ValueError, match="already has a service"):
        registry.register_service("s3", "localcloud.customer_profiles.backend", [], "x")
