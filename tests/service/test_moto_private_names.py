"""Every moto internal localcloud relies on, checked by what it does, one test per name.

A moto upgrade that moves or changes one of them fails here with a message
naming it and the moto version the requirements pin, instead of changing
how the local services behave without a word.
"""

from __future__ import annotations

import io
import json
import re
import sys
import threading
import urllib.request
from collections.abc import Iterator
from types import ModuleType
from typing import Any, ClassVar

import boto3
import moto
import moto.backend_index as backend_index
import moto.backends as backends
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import EndpointConnectionError
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.errors import get_exception_service_model
from moto.core.models import botocore_stubber
from moto.core.request import Request
from moto.core.responses import ActionResult, BaseResponse
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.test import Client

from localcloud.customer_profiles import mock_customer_profiles
from localcloud.customer_profiles.backend import customerprofiles_backends
from localcloud.moto_adapter import registry
from localcloud.moto_adapter.core import route
from localcloud.moto_adapter.responses import WireError
from localcloud.moto_adapter.server import HostDispatcher
from localcloud.moto_adapter.versions import ROUTING_METHODS, routing_method_name
from localcloud.server import register_services
from tests.support.pins import pinned

PINNED = pinned("moto")
URL = "https://profile.us-east-1.amazonaws.com"


def hint(name: str) -> str:
    return (
        f"moto's {name} no longer does what localcloud relies on "
        f"(pinned moto=={PINNED} in the requirements, installed {moto.__version__})"
    )


def signed_headers(url: str, signing_name: str, method: str = "GET") -> dict[str, str]:
    request = AWSRequest(method=method, url=url, data=b"")
    SigV4Auth(Credentials("testing", "testing"), signing_name, "us-east-1").add_auth(request)
    return dict(request.headers)


def response_for(method: str, path: str, cls: type[BaseResponse] = BaseResponse) -> Any:
    """A response object set up for one Customer Profiles request, as moto sets it up."""
    request = Request.from_primitives(method, URL + path, {})
    response = cls(service_name="customer-profiles")
    response.setup_class(request, URL + path, {})
    return response


# -- a throwaway service, registered as the local services are --------------------------


class ProbeBackend(BaseBackend):
    @property
    def _url_module(self) -> Any:
        return ProbeUrls


class ProbeResponse(BaseResponse):
    def _dispatch(self, request: Any, full_url: Any = None, headers: Any = None) -> Any:
        if request.path == "/drop":
            raise EndpointConnectionError(endpoint_url=full_url)
        return 200, {"Content-Type": "application/json"}, json.dumps({"probe": request.path})


class ProbeUrls:
    url_bases: ClassVar[list[str]] = [r"https?://privprobe-endpoint\.(.+)\.amazonaws\.com"]
    url_paths: ClassVar[dict[str, Any]] = {"{0}/.*$": ProbeResponse.dispatch}


privprobe_backends = BackendDict(
    ProbeBackend, "privprobe", use_boto3_regions=False, additional_regions=["us-east-1"]
)


@pytest.fixture
def probe() -> Iterator[str]:
    module = sys.modules[__name__]
    registry.register_service("privprobe", module, ProbeUrls.url_bases, "privprobesigning")
    try:
        yield "privprobe"
    finally:
        registry.unregister_service("privprobe")


# -- moto's service index ------------------------------------------------------------------


def test_backend_index_backend_url_patterns_is_shared_with_live_dispatchers() -> None:
    name = "moto.backend_index.backend_url_patterns"
    dispatcher = DomainDispatcherApplication(create_backend_app)  # made before registering
    assert isinstance(backend_index.backend_url_patterns, list), hint(name)
    registry.register_service(
        "privprobe", sys.modules[__name__], ProbeUrls.url_bases, "privprobesigning"
    )
    try:
        entries = [e for e in backend_index.backend_url_patterns if e[0] == "privprobe"]
        assert entries and all(isinstance(p, re.Pattern) for _, p in entries), hint(name)
        answer = Client(dispatcher).post(
            "/x", headers=signed_headers("http://127.0.0.1/x", "privprobesigning", "POST")
        )
        assert answer.status_code == 200, hint(name)
    finally:
        registry.unregister_service("privprobe")


def test_backends_list_of_moto_modules_names_moto_own_services() -> None:
    name = "moto.backends.list_of_moto_modules"
    known = list(backends.list_of_moto_modules())
    assert "s3" in known and "customerprofiles" not in known, hint(name)


def test_backends_get_backend_reads_name_backends_of_the_module(probe: str) -> None:
    name = "moto.backends.get_backend"
    assert backends.get_backend(probe) is privprobe_backends, hint(name)  # type: ignore[call-overload]


def test_sys_modules_alias_is_what_get_backend_imports() -> None:
    name = "sys.modules['moto.<name>'] aliasing (moto.backends._import_backend)"
    alias = ModuleType("aliasprobe_module")
    alias.aliasprobe_backends = object()  # type: ignore[attr-defined]
    sys.modules["moto.aliasprobe"] = alias
    try:
        found = backends.get_backend("aliasprobe")  # type: ignore[call-overload]
        assert found is alias.aliasprobe_backends, hint(name)
    except ModuleNotFoundError:
        pytest.fail(hint(name))
    finally:
        sys.modules.pop("moto.aliasprobe", None)


def test_botocore_stubber_routes_a_registered_url_in_process(probe: str) -> None:
    name = "moto.core.models.botocore_stubber (mock_aws reads the URL index)"
    with moto.mock_aws():
        stubbed = botocore_stubber.process_request(
            AWSRequest(
                method="POST", url="https://privprobe-endpoint.us-east-1.amazonaws.com/x"
            ).prepare()
        )
    assert stubbed is not None and json.loads(stubbed[2]) == {"probe": "/x"}, hint(name)


def test_unregister_forgets_the_probe(probe: str) -> None:
    registry.unregister_service(probe)
    assert all(name != probe for name, _ in backend_index.backend_url_patterns)
    registry.unregister_service(probe)  # twice is fine


# -- the server's dispatcher ---------------------------------------------------------------


def test_domain_dispatcher_routes_by_the_sigv4_signing_name(probe: str) -> None:
    name = "moto.moto_server.werkzeug_app.DomainDispatcherApplication"
    dispatcher = DomainDispatcherApplication(create_backend_app)
    headers = signed_headers("http://127.0.0.1:4566/anything", "privprobesigning", "POST")
    answer = Client(dispatcher).post("/anything", headers=headers)
    assert answer.status_code == 200, hint(name)
    assert json.loads(answer.get_data()) == {"probe": "/anything"}, hint(name)


HOSTS = [
    None,
    "moto_api",
    "s3",
    "instance_metadata",
    "profile.us-east-1.amazonaws.com",
    "cloudcontrolapi.eu-west-1.amazonaws.com",
    "privprobesigning.us-west-2.amazonaws.com",
    "sqs.us-east-1.amazonaws.com",
    "127.0.0.1",
    "nothing.example.com",
]


@pytest.mark.parametrize("host", HOSTS)
def test_domain_dispatcher_get_backend_for_host_answers_as_the_server_dispatcher(
    probe: str, host: str | None
) -> None:
    name = "moto.moto_server.werkzeug_app.DomainDispatcherApplication.get_backend_for_host"
    moto_answer = DomainDispatcherApplication(create_backend_app).get_backend_for_host(host)
    ours = HostDispatcher(create_backend_app).get_backend_for_host(host)
    assert ours == moto_answer, hint(name)


def _environ(
    method: str, path: str, signing_name: str | None = None, **headers: str
) -> dict[str, Any]:
    """A WSGI environ as werkzeug's server makes it (signed for ``signing_name`` if given)."""
    if signing_name is not None:
        headers.update(signed_headers(f"http://127.0.0.1:4566{path}", signing_name, method))
    body = headers.pop("body", "").encode()
    path_info, _, query = path.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "CONTENT_TYPE": headers.pop("Content-Type", ""),
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "127.0.0.1:4566",
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in headers.items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


REQUESTS = {
    "signed profile": lambda: _environ("GET", "/domains", "profile"),
    "signed cloudcontrolapi": lambda: _environ(
        "POST", "/", "cloudcontrolapi", **{"X-Amz-Target": "CloudApiService.ListResources"}
    ),
    "signed sqs": lambda: _environ("POST", "/", "sqs"),
    "signed s3": lambda: _environ("GET", "/bucket", "s3"),
    "signed probe": lambda: _environ("POST", "/anything", "privprobesigning"),
    "unsigned GET /": lambda: _environ("GET", "/"),
    "unsigned cognito": lambda: _environ(
        "POST", "/", **{"X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"}
    ),
    "unsigned AssumeRoleWithWebIdentity": lambda: _environ(
        "POST",
        "/",
        body="Action=AssumeRoleWithWebIdentity&Version=2011-06-15",
        **{"Content-Type": "application/x-www-form-urlencoded"},
    ),
    "moto api": lambda: _environ("POST", "/moto-api/reset"),
    "instance metadata": lambda: _environ("GET", "/latest/meta-data/instance-id"),
}


@pytest.mark.parametrize("request_name", REQUESTS)
def test_domain_dispatcher_get_application_picks_what_backend_for_names(
    probe: str, request_name: str
) -> None:
    """``HostDispatcher.backend_for`` is ``get_application``'s choice (through moto's
    ``infer_service_region_host``), None where moto falls back to S3 by default."""
    name = "moto.moto_server.werkzeug_app.DomainDispatcherApplication.infer_service_region_host"
    register_services()
    dispatcher = HostDispatcher(create_backend_app)
    ours = dispatcher.backend_for(REQUESTS[request_name]())
    app = dispatcher.get_application(REQUESTS[request_name]())
    chosen = next(key for key, made in dispatcher.app_instances.items() if made is app)
    assert (ours or "s3") == chosen, hint(name)
    assert ours is not None or request_name in ("unsigned GET /", "signed s3"), hint(name)


def test_domain_dispatcher_finds_no_backend_for_an_unknown_signing_name() -> None:
    name = "moto.moto_server.werkzeug_app.DomainDispatcherApplication.infer_service_region_host"
    dispatcher = HostDispatcher(create_backend_app)
    assert dispatcher.backend_for(_environ("POST", "/", "nosuchservice")) is None, hint(name)


def test_create_backend_app_serves_a_registered_backend(probe: str) -> None:
    name = "moto.moto_server.werkzeug_app.create_backend_app"
    app = create_backend_app(probe)  # type: ignore[arg-type]
    answer = Client(app).post("/y", base_url="https://privprobe-endpoint.us-east-1.amazonaws.com")
    assert answer.status_code == 200, hint(name)
    assert json.loads(answer.get_data()) == {"probe": "/y"}, hint(name)


def test_moto_request_handler_is_a_werkzeug_handler_whose_log_request_is_called() -> None:
    name = "moto.moto_server.werkzeug_app.MotoRequestHandler"
    assert issubclass(MotoRequestHandler, WSGIRequestHandler), hint(name)
    logged: list[str] = []

    class Quiet(MotoRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            logged.append(str(code))

    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Length", "2")])
        return [b"ok"]

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/", timeout=30) as r:
            assert r.read() == b"ok"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
    assert logged == ["200"], hint(f"{name}.log_request")


# -- backends --------------------------------------------------------------------------------


def test_backend_dict_reset_forgets_every_backend() -> None:
    name = "moto.core.base_backend.BackendDict.reset"
    with mock_customer_profiles():
        client = boto3.client("customer-profiles", region_name="us-east-1")
        client.create_domain(DomainName="kept", DefaultExpirationDays=1)
        BackendDict.reset()
        assert client.list_domains()["Items"] == [], hint(name)


def test_base_model_instances_are_tracked_per_class_until_moto_api_reset() -> None:
    """``reset_backends`` relies on each model class's own ``instances_tracked`` list
    (``InstanceTrackerMeta``), filled by ``BaseModel.__new__``, which moto's own reset
    (``moto_api_backend.reset``) empties for the classes it registered by name."""
    name = "moto.core.common_models.BaseModel.instances_tracked"
    from moto.core.base_backend import InstanceTrackerMeta
    from moto.core.common_models import BaseModel
    from moto.core.model_instances import model_data
    from moto.moto_api._internal.models import moto_api_backend

    class PrivProbeModel(BaseModel):
        pass

    assert type(PrivProbeModel) is InstanceTrackerMeta, hint(name)
    made = PrivProbeModel()
    assert PrivProbeModel.__dict__["instances_tracked"] == [made], hint(name)
    assert BaseModel.__dict__.get("instances_tracked") is None, hint(name)
    registered = model_data[__name__.split(".")[1]].get("PrivProbeModel")
    assert registered is PrivProbeModel, hint("moto.core.model_instances.model_data")
    moto_api_backend.reset()
    assert PrivProbeModel.__dict__["instances_tracked"] == [], hint("moto_api_backend.reset")
    del model_data[__name__.split(".")[1]]["PrivProbeModel"]


def test_backend_dict_holds_accounts_holding_regions_backends_made_so_far() -> None:
    """``backend.services()`` walks BackendDict as a dict of dicts, making nothing."""
    from localcloud.customer_profiles.backend import (
        CustomerProfilesBackend,
        customerprofiles_backends,
        services,
    )

    name = "BackendDict's values (per account, a dict of region -> backend)"
    with mock_customer_profiles():
        for region in ("us-east-1", "eu-west-2"):
            boto3.client("customer-profiles", region_name=region).list_domains()
        found = sorted(service.region for service in services())
        if found != ["eu-west-2", "us-east-1"]:
            pytest.fail(hint(name))
        for account in customerprofiles_backends.values():
            if not all(isinstance(b, CustomerProfilesBackend) for b in dict.values(account)):
                pytest.fail(hint(name))


def test_base_backend_url_module_is_where_urls_are_read(probe: str) -> None:
    name = "moto.core.base_backend.BaseBackend._url_module"
    backend = privprobe_backends["123456789012"]["us-east-1"]
    assert any("privprobe-endpoint" in url for url in backend.urls), hint(name)
    cp = customerprofiles_backends["123456789012"]["us-east-1"]
    assert any("profile" in url for url in cp.urls), hint(name)


# -- responses -------------------------------------------------------------------------------


def test_base_response_dispatch_calls_underscore_dispatch() -> None:
    name = "moto.core.responses.BaseResponse._dispatch"
    request = Request.from_primitives("POST", "https://x.us-east-1.amazonaws.com/z", {})
    status, _, body = ProbeResponse.dispatch(request, "https://x.us-east-1.amazonaws.com/z", {})
    assert (status, json.loads(body)) == (200, {"probe": "/z"}), hint(name)


def test_base_response_get_action_is_consulted_for_the_operation() -> None:
    name = "moto.core.responses.BaseResponse._get_action"
    asked: list[str] = []

    class Recording(BaseResponse):
        def _get_action(self) -> str:
            asked.append("asked")
            return "GetDomain"

    response = response_for("GET", "/domains/x", Recording)
    response.automated_parameter_parsing = True
    response.parse_parameters(response.normalized_request)
    status, _, body = response.serialized(ActionResult({"DomainName": "x"}))
    assert asked, hint(name)
    assert status == 200 and json.loads(body)["DomainName"] == "x", hint(name)


def test_base_response_routing_method_routes_by_the_model() -> None:
    method = routing_method_name(BaseResponse)
    name = f"moto.core.responses.BaseResponse.{method or ' or '.join(ROUTING_METHODS)}"
    assert method is not None, hint(name)
    response = response_for("GET", "/domains/x")
    found = route(response, response.normalized_request)
    assert found == "GetDomain", hint(name)
    assert response.uri_match == {"DomainName": "x"}, hint(f"{name} (uri_match)")


def test_base_response_get_param_reads_parsed_members() -> None:
    name = "moto.core.responses.BaseResponse._get_param"

    class Routed(BaseResponse):
        def _get_action(self) -> str:
            return "GetDomain"

    response = response_for("GET", "/domains/x", Routed)
    route(response, response.normalized_request)
    response.automated_parameter_parsing = True
    response.parse_parameters(response.normalized_request)
    assert response._get_param("DomainName") == "x", hint(name)


def test_base_response_enrich_response_adds_a_request_id() -> None:
    name = "moto.core.responses.BaseResponse._enrich_response"
    headers, body = response_for("GET", "/domains/x")._enrich_response({}, "{}")
    assert body == "{}" and headers.get("x-amzn-requestid"), hint(name)


@pytest.mark.parametrize(
    "attribute", ["normalized_request", "uri_match", "raw_body", "current_account", "region"]
)
def test_base_response_setup_class_sets(attribute: str) -> None:
    response = response_for("GET", "/domains/x")
    assert hasattr(response, attribute), hint(f"BaseResponse.setup_class -> .{attribute}")


def test_request_from_wsgi_server_tells_in_process_from_server() -> None:
    name = "moto.core.request.Request.from_wsgi_server"
    assert Request.from_primitives("GET", URL, {}).from_wsgi_server is False, hint(name)


def test_errors_outside_moto_are_serialized_with_the_response_model() -> None:
    name = "moto.core.errors.get_exception_service_model"
    error = WireError("ResourceNotFoundException", "gone")
    assert get_exception_service_model(error) is None, hint(name)
    status, _, body = response_for("GET", "/domains/x").serialized(ActionResult(error))
    assert status == 404 and "gone" in body, hint(name)
