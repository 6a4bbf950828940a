"""Through the real Lambda entrypoint, with HandlerRequest payloads as CloudFormation sends them."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from cloudformation_cli_python_lib import boto3_proxy

from aws_customerprofiles_eventtrigger.handlers import resource
from localcloud.core.offline import FAKE_CREDENTIALS
from localcloud.registry_handler import handler_request
from tests.support.samples import DOMAIN, NAME, api_trigger, model_properties
from tests.support.stubs import Stubbed

KEY = {"DomainName": DOMAIN, "EventTriggerName": NAME}


@pytest.fixture
def lambda_stub(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The lib builds its boto3 session from the request's credentials; hand it a stubbed one."""
    stub = Stubbed()
    sessions: list[dict[str, Any]] = []

    def session(**kwargs: Any) -> Any:
        sessions.append(kwargs)
        return stub.boto_session

    monkeypatch.setattr(boto3_proxy, "Session", session)
    stub.sessions = sessions
    with stub.stubber:
        yield stub
        stub.stubber.assert_no_pending_responses()


def test_create_through_the_entrypoint(lambda_stub: Any) -> None:
    params = {**model_properties(), "Tags": {"team": "crm", "cost-center": "42"}}
    lambda_stub.expect("create_event_trigger", params, api_trigger(Tags=params["Tags"]))
    event = handler_request("CREATE", model_properties(), stack_tags={"cost-center": "42"})
    response = resource(event, None)
    assert response["status"] == "SUCCESS", response
    assert response["resourceModel"]["DomainName"] == DOMAIN
    assert response["resourceModel"]["CreatedAt"].endswith("Z")
    assert {"Key": "cost-center", "Value": "42"} in response["resourceModel"]["Tags"]
    # The caller's credentials, session token included, reach the client's session.
    assert lambda_stub.sessions[0]["aws_session_token"] == FAKE_CREDENTIALS["sessionToken"]
    # ... and the client is made in the request's region.
    assert lambda_stub.boto_session.client_kwargs[0][1]["region_name"] == "us-east-1"


def test_cloudformation_string_values_are_recast(lambda_stub: Any) -> None:
    """CloudFormation passes every scalar as a string; the model recasts them."""
    properties = model_properties(
        EventTriggerLimits={
            "EventExpiration": "1000",
            "Periods": [{"Unit": "HOURS", "Value": "2", "Unlimited": "true"}],
        },
        Tags=None,
    )
    expected = {
        **properties,
        "EventTriggerLimits": {
            "EventExpiration": 1000,
            "Periods": [{"Unit": "HOURS", "Value": 2, "Unlimited": True}],
        },
    }
    lambda_stub.expect("create_event_trigger", expected, api_trigger(Tags=None))
    response = resource(handler_request("CREATE", properties), None)
    assert response["status"] == "SUCCESS", response


def test_update_through_the_entrypoint_with_previous_state(lambda_stub: Any) -> None:
    desired = model_properties(Description="Changed")
    params = {key: value for key, value in desired.items() if key != "Tags"}
    lambda_stub.expect("update_event_trigger", params, api_trigger(Description="Changed"))
    event = handler_request("UPDATE", desired, previous_properties=model_properties())
    response = resource(event, None)
    assert response["status"] == "SUCCESS", response
    assert response["resourceModel"]["Description"] == "Changed"


def test_list_next_token_reaches_the_handler_on_the_lambda_path(lambda_stub: Any) -> None:
    lambda_stub.expect(
        "list_event_triggers",
        {"DomainName": DOMAIN, "NextToken": "opaque-token-2"},
        {"Items": [{"EventTriggerName": "b", "ObjectTypeName": "Orders"}], "NextToken": "t3"},
    )
    event = handler_request("LIST", {"DomainName": DOMAIN}, next_token="opaque-token-2")
    response = resource(event, None)
    assert response["status"] == "SUCCESS", response
    assert response["nextToken"] == "t3"
    assert response["resourceModels"] == [
        {"DomainName": DOMAIN, "EventTriggerName": "b", "ObjectTypeName": "Orders"}
    ]


def test_unknown_property_is_invalid_request_naming_it(lambda_stub: Any) -> None:
    response = resource(handler_request("CREATE", model_properties(Colour="blue")), None)
    assert response["status"] == "FAILED"
    assert response["errorCode"] == "InvalidRequest"
    assert "Colour" in response["message"]


def test_wrong_type_is_invalid_request(lambda_stub: Any) -> None:
    properties = model_properties(
        EventTriggerLimits={"Periods": [{"Unit": "DAYS", "Value": "many"}]}
    )
    response = resource(handler_request("CREATE", properties), None)
    assert response["status"] == "FAILED"
    assert response["errorCode"] == "InvalidRequest"


def test_delete_and_read_through_the_entrypoint(lambda_stub: Any) -> None:
    lambda_stub.expect("delete_event_trigger", KEY, {"Message": "deleted"})
    lambda_stub.fail("get_event_trigger", "ResourceNotFoundException", params=KEY)
    deleted = resource(handler_request("DELETE", KEY), None)
    assert deleted["status"] == "SUCCESS"
    assert "resourceModel" not in deleted
    read = resource(handler_request("READ", KEY), None)
    assert read["status"] == "FAILED"
    assert read["errorCode"] == "NotFound"


@pytest.mark.parametrize(
    ("region", "partition"),
    [("us-gov-east-1", "aws-us-gov"), ("cn-north-1", "aws-cn"), ("eu-west-1", "aws")],
)
def test_the_partition_reaches_the_request_from_the_client(
    monkeypatch: pytest.MonkeyPatch, region: str, partition: str
) -> None:
    """The lib says "aws-gov" for us-gov; the request carries the client's partition."""
    from aws_customerprofiles_eventtrigger import actions

    stub = Stubbed(region=region)
    monkeypatch.setattr(boto3_proxy, "Session", lambda **_: stub.boto_session)
    seen: dict[str, Any] = {}

    def spy(client: Any, request: Any) -> Any:
        seen["partition"] = request.awsPartition
        seen["client"] = client.meta.partition
        from cloudformation_cli_python_lib.interface import OperationStatus, ProgressEvent

        return ProgressEvent(status=OperationStatus.SUCCESS)

    monkeypatch.setattr(actions, "delete", spy)
    response = resource(handler_request("DELETE", KEY, region=region), None)
    assert response["status"] == "SUCCESS", response
    assert seen == {"partition": partition, "client": partition}


def test_no_second_botocore_session_is_made_for_the_partition(
    lambda_stub: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handlers reuse the lib's session: no session of their own, per call or per region."""
    import botocore.session

    made: list[str] = []
    original = botocore.session.Session.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        made.append(type(self).__name__)
        original(self, *args, **kwargs)

    events = [handler_request("READ", KEY, region=region) for region in ("us-east-1", "ap-south-1")]
    monkeypatch.setattr(botocore.session.Session, "__init__", counting)
    for event in events:
        lambda_stub.expect("get_event_trigger", KEY, api_trigger())
        assert resource(event, None)["status"] == "SUCCESS"
    assert made == []


def test_credentials_and_sensitive_values_stay_out_of_logs(
    lambda_stub: Any, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    secret_description = "secret-description-text"
    lambda_stub.fail("create_event_trigger", "InternalServerException", "Internal error")
    properties = model_properties(Description=secret_description)
    response = resource(handler_request("CREATE", properties), None)
    assert response["errorCode"] == "ServiceInternalError"
    printed = capsys.readouterr()
    everything = caplog.text + printed.out + printed.err + str(response)
    for secret in (*FAKE_CREDENTIALS.values(), secret_description, "_order.TotalPrice"):
        assert secret not in everything


def test_sessions_and_clients_are_reused_across_invocations(lambda_stub: Any) -> None:
    for _ in range(3):
        lambda_stub.expect("get_event_trigger", KEY, api_trigger())
        assert resource(handler_request("READ", KEY), None)["status"] == "SUCCESS"
    # Caller and provider credentials are the same: one session, one client, for three reads.
    assert len(lambda_stub.sessions) == 1
    assert len(lambda_stub.boto_session.client_kwargs) == 1


def test_other_credentials_get_their_own_session(lambda_stub: Any) -> None:
    other = {"accessKeyId": "AKIAOTHER", "secretAccessKey": "s", "sessionToken": "t"}
    lambda_stub.expect("get_event_trigger", KEY, api_trigger())
    lambda_stub.expect("get_event_trigger", KEY, api_trigger())
    resource(handler_request("READ", KEY), None)
    resource(handler_request("READ", KEY, credentials=other), None)
    assert [session["aws_access_key_id"] for session in lambda_stub.sessions] == [
        FAKE_CREDENTIALS["accessKeyId"],
        "AKIAOTHER",
    ]


def test_a_malformed_request_is_invalid_request_without_echoing_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    event = handler_request("READ", KEY)
    event["requestData"]["callerCredentials"] = {"accessKeyId": "AKIASECRETVALUE"}
    response = resource(event, None)
    assert response["status"] == "FAILED"
    assert response["errorCode"] == "InvalidRequest"
    assert "AKIASECRETVALUE" not in caplog.text + str(response)


def test_a_changed_endpoint_variable_gets_a_new_client(
    lambda_stub: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lambda_stub.expect("get_event_trigger", KEY, api_trigger())
    lambda_stub.expect("get_event_trigger", KEY, api_trigger())
    monkeypatch.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", "http://127.0.0.1:4566")
    resource(handler_request("READ", KEY), None)
    monkeypatch.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", "http://127.0.0.1:4567")
    resource(handler_request("READ", KEY), None)
    assert len(lambda_stub.boto_session.client_kwargs) == 2


def test_an_empty_list_is_refused_not_dropped(lambda_stub: Any) -> None:
    properties = model_properties(EventTriggerLimits={"Periods": []})
    response = resource(handler_request("CREATE", properties), None)
    assert response["errorCode"] == "InvalidRequest"
    assert "EventTriggerLimits.Periods" in response["message"]


def test_a_wrong_type_names_the_property(lambda_stub: Any) -> None:
    properties = model_properties(Tags="team=crm")
    response = resource(handler_request("CREATE", properties), None)
    assert response["errorCode"] == "InvalidRequest"
    assert "Tags" in response["message"]
