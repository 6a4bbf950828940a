"""One check per guess in ``localcloud.customer_profiles.guesses.GUESSES``.

Offline they pin what the local service guessed; with ``CP_REAL_AWS=1`` (and
credentials for a real account in the environment) the same assertions run
against AWS, so a failure there says which guess was wrong::

    CP_REAL_AWS=1 AWS_PROFILE=sandbox .venv/bin/pytest tests/service/test_guesses.py

Each test is named ``test_guess_<name>`` after its entry, and nothing here
asserts the emulator's own wording where AWS's is unknown.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from localcloud.customer_profiles.guesses import GUESSES
from tests.support.constants import NO_RETRIES, ROOT, TYPE_NAME
from tests.support.polling import settle
from tests.support.samples import CONDITIONS, OBJECT_TYPE
from tests.support.services import Env

pytestmark = pytest.mark.real_aws


def stream(cp: Env, name: str) -> str:
    return f"arn:aws:kinesis:{cp.region}:{cp.account}:stream/{cp.name(name)}"


def test_guess_update_clears_unsent(cp: Env, domain: str) -> None:
    optional: dict[str, Any] = {"Description": "big", "SegmentFilter": "vip"}
    if "IntentFilterDefinition" in cp.client.meta.service_model.shape_names:
        cp.client.put_intent_definition(
            DomainName=domain,
            IntentDomain="DEFAULT",
            Intents=[{"PriceSensitivityConfig": {"Enabled": True}}],
        )
        high = {
            "Intent": {"IntentDomain": "DEFAULT", "Type": "PRICE_SENSITIVITY"},
            "ComparisonOperator": "EQUAL",
            "Values": ["HIGH"],
        }
        optional["IntentFilterDefinition"] = {
            "Groups": [{"Conditions": [high], "LogicalOperator": "ALL"}],
            "LogicalOperator": "ALL",
        }
    cp.trigger(domain, **optional)
    updated = cp.client.update_event_trigger(
        DomainName=domain, EventTriggerName="big-order", ObjectTypeName=OBJECT_TYPE
    )
    assert not set(optional) & set(updated)
    assert updated["EventTriggerConditions"]


def test_guess_missing_object_type_bad_request(cp: Env, domain: str, error_of: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(domain, ObjectTypeName="Absent")
    assert error_of(excinfo)[0] == "BadRequestException"
    code, _ = cp.refused(
        "put_profile_object", DomainName=domain, ObjectTypeName="Absent", Object="{}"
    )
    assert code == "BadRequestException"


def test_guess_concurrent_creates_queue(
    cp: Env, domain: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two CreateResource calls of one identifier at once: both start; one fails AlreadyExists.

    Against AWS the type must be registered in the account (``cfn submit``).
    """
    if cp.target == "inprocess":
        pytest.skip("Cloud Control runs in the server")
    if cp.target == "server" and cp.endpoint_url:  # the handlers call this server back
        monkeypatch.setenv("AWS_ENDPOINT_URL_CUSTOMER_PROFILES", cp.endpoint_url)
    clients = [
        cp.session.client(
            "cloudcontrol", region_name=cp.region, endpoint_url=cp.endpoint_url, config=NO_RETRIES
        )
        for _ in range(2)
    ]
    model = json.dumps(
        {
            "DomainName": domain,
            "EventTriggerName": "raced",
            "ObjectTypeName": OBJECT_TYPE,
            "EventTriggerConditions": CONDITIONS,
        }
    )
    started: list[Any] = []

    def start(client: Any) -> None:
        try:
            started.append(client.create_resource(TypeName=TYPE_NAME, DesiredState=model))
        except ClientError as error:
            started.append(error)

    threads = [threading.Thread(target=start, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not [s for s in started if isinstance(s, ClientError)]  # neither refused at once
    ends = sorted(
        settle(clients[0], s["ProgressEvent"]["RequestToken"]).get("ErrorCode", "SUCCESS")
        for s in started
    )
    assert ends == ["AlreadyExists", "SUCCESS"]


def test_guess_trigger_in_use_message(cp: Env, domain: str, error_of: Any) -> None:
    cp.trigger(domain)
    uri = stream(cp, "in-use")
    cp.client.put_integration(
        DomainName=domain, Uri=uri, ObjectTypeName=OBJECT_TYPE, EventTriggerNames=["big-order"]
    )
    with pytest.raises(ClientError) as excinfo:
        cp.client.delete_event_trigger(DomainName=domain, EventTriggerName="big-order")
    code, message = error_of(excinfo)
    assert code == "BadRequestException" and uri in message


def test_guess_object_type_delete_removes_integrations(cp: Env, domain: str, error_of: Any) -> None:
    uri = stream(cp, "from-orders")
    cp.client.put_integration(DomainName=domain, Uri=uri, ObjectTypeName=OBJECT_TYPE)
    cp.client.delete_profile_object_type(DomainName=domain, ObjectTypeName=OBJECT_TYPE)
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_integration(DomainName=domain, Uri=uri)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def test_guess_put_tags_replace(cp: Env, domain: str) -> None:
    uri = stream(cp, "tagged")
    cp.client.put_integration(
        DomainName=domain, Uri=uri, ObjectTypeName=OBJECT_TYPE, Tags={"a": "1"}
    )
    kept = cp.client.put_integration(DomainName=domain, Uri=uri, ObjectTypeName=OBJECT_TYPE)
    assert kept["Tags"] == {"a": "1"}
    replaced = cp.client.put_integration(
        DomainName=domain, Uri=uri, ObjectTypeName=OBJECT_TYPE, Tags={"b": "2"}
    )
    assert replaced["Tags"] == {"b": "2"}


def test_guess_update_domain_partial(cp: Env) -> None:
    queue = f"https://sqs.{cp.region}.amazonaws.com/{cp.account}/{cp.name('dlq')}"
    name = cp.domain(DeadLetterQueueUrl=queue)
    updated = cp.client.update_domain(DomainName=name, DefaultExpirationDays=31)
    assert updated["DeadLetterQueueUrl"] == queue
    cleared = cp.client.update_domain(DomainName=name, DeadLetterQueueUrl="")
    assert "DeadLetterQueueUrl" not in cleared


def test_guess_not_found_messages(cp: Env, domain: str, error_of: Any) -> None:
    missing = cp.name("absent")
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_domain(DomainName=missing)
    assert error_of(excinfo) == ("ResourceNotFoundException", f"Domain '{missing}' does not exist")
    with pytest.raises(ClientError) as excinfo:
        cp.client.get_event_trigger(DomainName=domain, EventTriggerName="absent")
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"Event trigger 'absent' does not exist in domain '{domain}'",
    )


def test_guess_duplicate_object_messages(cp: Env, domain: str, error_of: Any) -> None:
    cp.trigger(domain)
    with pytest.raises(ClientError) as excinfo:
        cp.trigger(domain)
    assert (
        error_of(excinfo)[1]
        == f"Event trigger with name big-order already exists in domain {domain}"
    )
    with pytest.raises(ClientError) as excinfo:
        cp.client.create_domain(DomainName=domain, DefaultExpirationDays=30)
    assert error_of(excinfo)[1] == f"Domain {domain} already exists"


def test_guess_regions_warn(cp: Env, caplog: pytest.LogCaptureFixture) -> None:
    """AWS: no endpoint in eu-west-1 (the call cannot connect); here: served, with a warning."""
    client = cp.session.client(
        "customer-profiles",
        region_name="eu-west-1",
        endpoint_url=cp.endpoint_url,
        config=NO_RETRIES,
    )
    if cp.target == "aws":
        with pytest.raises(EndpointConnectionError):
            client.list_domains()
        return
    with caplog.at_level(logging.WARNING):
        assert "Items" in client.list_domains()
    if cp.target == "inprocess":
        assert any("eu-west-1" in record.getMessage() for record in caplog.records)


def test_every_guess_has_its_marker_guide_line_and_check() -> None:
    code = "\n".join(path.read_text() for path in (ROOT / "localcloud").rglob("*.py"))
    guide = (ROOT / "guides" / "fidelity.md").read_text()
    here = ROOT / "tests" / "service"
    checks = "\n".join(
        (here / name).read_text() for name in ("test_guesses.py", "test_trigger_guesses.py")
    )
    for name in GUESSES:
        assert f"guess: {name}" in code, f"no 'guess: {name}' marker in localcloud/"
        assert f"`{name}`" in guide, f"guides/fidelity.md does not list {name}"
        check = f"def test_guess_{name.replace('-', '_')}("
        assert check in checks, f"no real-account check of {name}"


def test_guess_intent_definition_arn(cp: Env) -> None:
    if "PutIntentDefinition" not in cp.client.meta.service_model.operation_names:
        pytest.skip("the installed botocore has no intents (1.44.18 added them)")
    domain = cp.domain()
    made = cp.client.put_intent_definition(
        DomainName=domain,
        IntentDomain="DEFAULT",
        Intents=[{"PriceSensitivityConfig": {"Enabled": True}}],
    )
    arn = made["IntentDefinitionArn"]
    assert arn == f"{cp.arn(domain)}/intents/DEFAULT"
    cp.client.tag_resource(resourceArn=arn, tags={"team": "crm"})
    assert cp.client.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "crm"}


def test_guess_account_integrations_empty(cp: Env) -> None:
    answer = cp.client.list_account_integrations(Uri=stream(cp, "no-integration"))
    assert answer["Items"] == [] and "NextToken" not in answer


def test_guess_max_available_object_count(cp: Env) -> None:
    domain = cp.domain()
    first = cp.client.put_profile_object_type(
        DomainName=domain, ObjectTypeName="Orders", Description="o", MaxProfileObjectCount=300
    )
    assert first["MaxAvailableProfileObjectCount"] == 1000
    cp.client.put_profile_object_type(
        DomainName=domain, ObjectTypeName="Cases", Description="c", MaxProfileObjectCount=200
    )
    got = cp.client.get_profile_object_type(DomainName=domain, ObjectTypeName="Orders")
    assert got["MaxAvailableProfileObjectCount"] == 800
    listed = cp.client.list_profile_object_types(DomainName=domain)["Items"]
    assert {item["ObjectTypeName"]: item["MaxAvailableProfileObjectCount"] for item in listed} == {
        "Cases": 700,
        "Orders": 800,
    }
