"""An operation the service does not emulate is answered as itself, never as another one.

Every operation of the installed botocore model outside ``OPERATIONS`` gets
``501 NotImplementedException`` naming it, sent as botocore sends it (its
required members made from the model), in-process and over HTTP. A path no
operation of the installed model has is a 404 naming the path: botocore
releases before the intent operations (1.44.18) have no
``/domains/{DomainName}/intents/...``, and such a request once reached
CreateDomain or UpdateDomain and came back as a 400 about ``DomainName``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from botocore import xform_name
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from localcloud.core.regions import service_model
from localcloud.customer_profiles import protocol
from localcloud.server import ServerControl
from tests.support.model_values import example
from tests.support.services import Env

MODEL = service_model(protocol.SERVICE_NAME)
OTHERS = sorted(set(MODEL.operation_names) - set(protocol.OPERATIONS))
# Requests of operations botocore added over time, as they reach a service that may predate them.
NEWER_PATHS = [
    ("PUT", "/domains/retail/intents/DEFAULT", {"Intents": [{"X": {"Enabled": True}}]}),
    ("GET", "/domains/retail/intents/DEFAULT", None),
    ("DELETE", "/domains/retail/intents/DEFAULT", None),
    ("POST", "/domains/retail/intents/DEFAULT/batch-get-for-profile", {"Intents": ["X"]}),
    ("GET", "/intent-types", None),
    ("PUT", "/domains/retail/object-types/Orders/extra", {}),
]


def test_there_are_operations_the_service_does_not_emulate() -> None:
    assert len(OTHERS) > 50
    assert set(protocol.OPERATIONS) <= set(MODEL.operation_names)


@pytest.mark.parametrize("operation", OTHERS)
def test_an_operation_not_emulated_answers_501_naming_it(
    cp: Env, operation: str, error_of: object
) -> None:
    shape = MODEL.operation_model(operation).input_shape
    params = example(shape, full=False) if shape is not None else {}
    with pytest.raises(ClientError) as excinfo:
        getattr(cp.client, xform_name(operation))(**params)
    answer = excinfo.value.response
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert answer["Error"]["Code"] == "NotImplementedException"
    assert answer["Error"]["Message"] == f"{operation} is not emulated"


def _send(url: str, method: str, path: str, body: object) -> tuple[int, dict[str, str]]:
    data = b"" if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    signed = AWSRequest(method=method, url=url + path, data=data, headers=headers)
    SigV4Auth(Credentials("testing", "testing"), "profile", "us-east-1").add_auth(signed)
    request = urllib.request.Request(
        url + path, data=data or None, method=method, headers=dict(signed.headers)
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.parametrize(("method", "path", "body"), NEWER_PATHS)
def test_a_path_is_its_own_operation_or_none(
    server_url: str, method: str, path: str, body: object
) -> None:
    """Whatever botocore is installed: the operation the path is (the call counted as it,
    or 501 naming it when not emulated), or 404."""
    control = ServerControl(server_url)
    control.reset()
    found = protocol.route(method, path)
    status, answer = _send(server_url, method, path, body)
    if found is None:
        assert (status, answer.get("__type")) == (404, "UnknownOperationException"), answer
        assert path in answer["Message"]
    elif found[0] in protocol.OPERATIONS:
        assert control.calls() == {found[0]: 1}, answer
    else:
        assert (status, answer.get("__type")) == (501, "NotImplementedException"), answer
        assert answer["Message"] == f"{found[0]} is not emulated"
    control.reset()
