"""Nothing a request carries is silently dropped, whatever botocore is installed.

For every operation the service emulates that writes (``WRITES``), every member
of its request that the matching read's answer also has is either stored and
read back, or refused with a one-line 400 naming it. The members and their
values come from the installed botocore model (``model_values``): a botocore
release that adds a member adds a case here. Members that name something that
must exist (an object type, a trigger) take the fixture's; the others are
made from the model's constraints alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from botocore import xform_name
from botocore.exceptions import ClientError
from botocore.model import Shape

from localcloud.core.regions import service_model
from localcloud.customer_profiles import mock_customer_profiles, protocol
from tests.support.constants import NO_RETRIES
from tests.support.model_values import example, within
from tests.support.samples import CONDITIONS, OBJECT_TYPE
from tests.support.services import Env, session

MODEL = service_model(protocol.SERVICE_NAME)
TRIGGER = "big-order"


@dataclass(frozen=True)
class Scene:
    """What the fixture made: a domain with the ``Orders`` type and a trigger."""

    cp: Env
    domain: str

    @property
    def stream(self) -> str:
        return f"arn:aws:kinesis:{self.cp.region}:{self.cp.account}:stream/{self.domain}"


ENABLED_INTENTS = [
    {"PriceSensitivityConfig": {"Enabled": True}},
    {"UpgradeUpsellPropensityConfig": {"Enabled": True}},
    {"LastSearchIntentConfig": {"Enabled": True}},
]
INTENT_FILTER = {
    "Groups": [
        {
            "Conditions": [
                {
                    "Intent": {"IntentDomain": "DEFAULT", "Type": "PRICE_SENSITIVITY"},
                    "ComparisonOperator": "EQUAL",
                    "Values": ["HIGH"],
                }
            ],
            "LogicalOperator": "ALL",
        }
    ],
    "LogicalOperator": "ALL",
}

# Each write: the read that shows what it stored, the base request (without the member
# under test) and the read's request, from the scene.
Request = Callable[[Scene], dict[str, Any]]
WRITES: dict[str, tuple[str, Request, Request]] = {
    "CreateDomain": (
        "GetDomain",
        lambda s: {"DomainName": f"{s.domain}-new", "DefaultExpirationDays": 30},
        lambda s: {"DomainName": f"{s.domain}-new"},
    ),
    "UpdateDomain": (
        "GetDomain",
        lambda s: {"DomainName": s.domain},
        lambda s: {"DomainName": s.domain},
    ),
    "PutProfileObjectType": (
        "GetProfileObjectType",
        lambda s: {"DomainName": s.domain, "ObjectTypeName": "Made", "Description": "made"},
        lambda s: {"DomainName": s.domain, "ObjectTypeName": "Made"},
    ),
    "PutIntegration": (
        "GetIntegration",
        lambda s: {"DomainName": s.domain, "Uri": s.stream, "ObjectTypeName": OBJECT_TYPE},
        lambda s: {"DomainName": s.domain, "Uri": s.stream},
    ),
    "CreateEventTrigger": (
        "GetEventTrigger",
        lambda s: {
            "DomainName": s.domain,
            "EventTriggerName": "made",
            "ObjectTypeName": OBJECT_TYPE,
            "EventTriggerConditions": CONDITIONS,
        },
        lambda s: {"DomainName": s.domain, "EventTriggerName": "made"},
    ),
    "UpdateEventTrigger": (
        "GetEventTrigger",
        lambda s: {"DomainName": s.domain, "EventTriggerName": TRIGGER},
        lambda s: {"DomainName": s.domain, "EventTriggerName": TRIGGER},
    ),
    "PutIntentDefinition": (
        "GetIntentDefinition",
        lambda s: {"DomainName": s.domain, "IntentDomain": "DEFAULT", "Intents": ENABLED_INTENTS},
        lambda s: {"DomainName": s.domain, "IntentDomain": "DEFAULT"},
    ),
    "TagResource": (
        "ListTagsForResource",
        lambda s: {"resourceArn": s.cp.arn(s.domain)},
        lambda s: {"resourceArn": s.cp.arn(s.domain)},
    ),
}
# The identifiers the base requests address: the case is the base request itself.
IDENTIFIERS = {"DomainName", "EventTriggerName", "ObjectTypeName", "Uri", "resourceArn"}


def referenced(member: str, shape: Shape) -> Any:
    """The value of a member that must name what exists, or follow rules the model documents."""
    if member == "ObjectTypeName":
        return OBJECT_TYPE
    if member == "ObjectTypeNames":
        return dict.fromkeys(example(shape), OBJECT_TYPE)
    if member == "EventTriggerNames":
        return [TRIGGER]
    if member == "IntentFilterDefinition":
        return INTENT_FILTER
    if member == "Intents":
        return ENABLED_INTENTS
    return example(shape)


def cases() -> list[Any]:
    """(write, member) for each member of an emulated write that its read answers too."""
    found = []
    for write, (read, _, _) in WRITES.items():
        if write not in protocol.OPERATIONS:
            continue
        request = MODEL.operation_model(write).input_shape
        answer = MODEL.operation_model(read).output_shape
        assert request is not None and answer is not None
        for member in request.members:
            if member in answer.members and member not in IDENTIFIERS:
                found.append(pytest.param(write, member, id=f"{write}.{member}"))
    return found


def test_every_emulated_write_has_its_read() -> None:
    writes = {
        op
        for op in protocol.OPERATIONS
        if op.startswith(("Create", "Update", "Put", "Tag")) and op != "PutProfileObject"
    }
    assert writes == {op for op in WRITES if op in protocol.OPERATIONS}
    assert len(cases()) >= 40


@pytest.fixture
def scene(cp: Env) -> Scene:
    domain = cp.domain()
    cp.object_type(domain)
    if "PutIntentDefinition" in protocol.OPERATIONS:
        cp.client.put_intent_definition(
            DomainName=domain, IntentDomain="DEFAULT", Intents=ENABLED_INTENTS
        )
    cp.trigger(domain, TRIGGER)
    return Scene(cp, domain)


@pytest.mark.parametrize(("write", "member"), cases())
def test_a_member_is_stored_and_read_back_or_refused_by_name(
    scene: Scene, write: str, member: str, error_of: Any
) -> None:
    read, base, address = WRITES[write]
    request_shape = MODEL.operation_model(write).input_shape
    answer_shape = MODEL.operation_model(read).output_shape
    assert request_shape is not None and answer_shape is not None
    value = referenced(member, request_shape.members[member])
    request = {**base(scene), member: value}
    call = getattr(scene.cp.client, xform_name(write))
    if member not in protocol.EMULATED[write]:
        with pytest.raises(ClientError) as excinfo:
            call(**request)
        code, message = error_of(excinfo)
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert code == "BadRequestException" and "\n" not in message
        assert message.startswith(f"{member} is not supported"), message
        return
    call(**request)
    got = getattr(scene.cp.client, xform_name(read))(**address(scene))
    assert member in got, f"{read} does not answer {member} that {write} was sent"
    assert within(answer_shape.members[member], value, got[member]), (value, got[member])


def test_a_member_the_service_does_not_act_on_is_refused_and_nothing_is_made(
    monkeypatch: pytest.MonkeyPatch, error_of: Any
) -> None:
    """As a member botocore adds is refused until the service acts on it."""
    acted_on = tuple(name for name in protocol.EMULATED["CreateDomain"] if name != "DataStore")
    monkeypatch.setitem(protocol.EMULATED, "CreateDomain", acted_on)
    with mock_customer_profiles():
        client = session().client("customer-profiles", config=NO_RETRIES)
        with pytest.raises(ClientError) as excinfo:
            client.create_domain(
                DomainName="refused", DefaultExpirationDays=1, DataStore={"Enabled": True}
            )
        code, message = error_of(excinfo)
        assert code == "BadRequestException"
        assert message == (
            "DataStore is not supported by the local Customer Profiles service "
            f"(CreateDomain takes {', '.join(acted_on)})"
        )
        assert client.list_domains()["Items"] == []
