"""Predictive Intent: intent definitions, intent types, profiles' intents, and the event
trigger's IntentFilterDefinition (stored, validated, cleared, evaluated at ingestion).

botocore 1.44.18 added all of it; with an older botocore installed these skip
(``make test-newest`` runs them).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from localcloud.core.regions import service_model
from localcloud.customer_profiles import protocol
from tests.support.services import Env
from tests.support.triggers import (
    Runtime,
    active_trigger,
    ingest,
    order,
    orders_type,
    over,
    profile_id,
)

MODEL = service_model(protocol.SERVICE_NAME)
pytestmark = pytest.mark.skipif(
    "PutIntentDefinition" not in MODEL.operation_names,
    reason="the installed botocore has no intents (botocore 1.44.18 added them)",
)
PRICE = {"PriceSensitivityConfig": {"Enabled": True}}
SEARCH = {"LastSearchIntentConfig": {"Enabled": True}}
UPSELL = {"UpgradeUpsellPropensityConfig": {"Enabled": True}}


def intent(kind: str, comparison: str, *values: str) -> dict[str, Any]:
    return {
        "Intent": {"IntentDomain": "DEFAULT", "Type": kind},
        "ComparisonOperator": comparison,
        "Values": list(values),
    }


def intent_filter(*conditions: dict[str, Any], logical: str = "ALL") -> dict[str, Any]:
    return {
        "Groups": [{"Conditions": list(conditions), "LogicalOperator": logical}],
        "LogicalOperator": "ALL",
    }


HIGH_PRICE = intent_filter(intent("PRICE_SENSITIVITY", "EQUAL", "HIGH"))


def define(cp: Env, domain: str, *intents: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return dict(
        cp.client.put_intent_definition(
            DomainName=domain, IntentDomain="DEFAULT", Intents=list(intents), **extra
        )
    )


# -- intent definitions ------------------------------------------------------------


def test_an_intent_definition_is_made_replaced_read_and_deleted(cp: Env, error_of: Any) -> None:
    domain = cp.domain()
    made = define(cp, domain, PRICE, Tags={"team": "crm"})
    assert made["Intents"] == [PRICE] and made["Tags"] == {"team": "crm"}
    assert made["IntentDefinitionArn"] == f"{cp.arn(domain)}/intents/DEFAULT"
    replaced = define(cp, domain, PRICE, SEARCH)
    assert replaced["Intents"] == [PRICE, SEARCH]
    assert replaced["CreatedAt"] == made["CreatedAt"] < replaced["LastUpdatedAt"]
    assert replaced["Tags"] == {"team": "crm"}
    got = cp.client.get_intent_definition(DomainName=domain, IntentDomain="DEFAULT")
    assert got["Intents"] == [PRICE, SEARCH]
    cp.client.delete_intent_definition(DomainName=domain, IntentDomain="DEFAULT")
    code, message = cp.refused("get_intent_definition", DomainName=domain, IntentDomain="DEFAULT")
    assert code == "ResourceNotFoundException" and "DEFAULT" in message
    code, _ = cp.refused("delete_intent_definition", DomainName=domain, IntentDomain="DEFAULT")
    assert code == "ResourceNotFoundException"


@pytest.mark.parametrize(
    ("intents", "tags", "words"),
    [
        ([{**PRICE, **SEARCH}], None, "exactly one intent type"),
        ([PRICE, PRICE], None, "PRICE_SENSITIVITY is configured twice"),
        ([{"PriceSensitivityConfig": {"Enabled": False}}], None, "At least one"),
    ],
)
def test_what_the_model_documents_is_refused(
    cp: Env, intents: list[Any], tags: Any, words: str
) -> None:
    domain = cp.domain()
    code, message = cp.refused(
        "put_intent_definition", DomainName=domain, IntentDomain="DEFAULT", Intents=intents
    )
    assert code == "BadRequestException" and words in message, message


def test_tags_are_given_only_when_the_definition_is_made(cp: Env) -> None:
    domain = cp.domain()
    define(cp, domain, PRICE)
    code, message = cp.refused(
        "put_intent_definition",
        DomainName=domain,
        IntentDomain="DEFAULT",
        Intents=[PRICE],
        Tags={"a": "b"},
    )
    assert code == "BadRequestException" and "TagResource" in message
    arn = f"{cp.arn(domain)}/intents/DEFAULT"
    cp.client.tag_resource(resourceArn=arn, tags={"a": "b"})
    assert cp.client.list_tags_for_resource(resourceArn=arn)["tags"] == {"a": "b"}


def test_intent_types_are_the_models_in_one_group_per_intent_domain(cp: Env) -> None:
    answer = cp.client.list_intent_types(MaxResults=10)
    types = MODEL.shape_for("IntentType").metadata["enum"]
    assert [group["IntentDomain"] for group in answer["Items"]] == ["DEFAULT"]
    assert [item["IntentType"] for item in answer["Items"][0]["Types"]] == types
    assert all(item["Description"] for item in answer["Items"][0]["Types"])
    assert "NextToken" not in answer
    assert cp.client.list_intent_types(IntentDomain="DEFAULT")["Items"] == answer["Items"]


def test_batch_get_answers_the_profiles_intents_and_why_others_are_missing(
    cp: Env, error_of: Any
) -> None:
    runtime = Runtime(cp)
    domain = cp.domain()
    orders_type(cp, domain)
    define(cp, domain, PRICE, SEARCH)
    ingest(cp, domain, order("o-1"))
    profile = profile_id(cp, domain)
    runtime.set_intents(domain, profile, {"PRICE_SENSITIVITY": "HIGH"})
    answer = cp.client.batch_get_intent_for_profile(
        DomainName=domain,
        IntentDomain="DEFAULT",
        Intents=["PRICE_SENSITIVITY", "LAST_SEARCH_INTENT", "UPGRADE_UPSELL_PROPENSITY"],
        KeyName="Email",
        KeyValues=["ann@example.com"],
    )
    assert answer["Intents"] == [{"IntentType": "PRICE_SENSITIVITY", "Value": "HIGH"}]
    codes = {error["IntentType"]: error["Code"] for error in answer["Errors"]}
    assert codes == {
        "LAST_SEARCH_INTENT": "INSUFFICIENT_DATA",
        "UPGRADE_UPSELL_PROPENSITY": "INTENT_NOT_ENABLED",
    }
    runtime.set_intents(domain, profile, {"LAST_SEARCH_INTENT": "trail running shoes"})
    answer = cp.client.batch_get_intent_for_profile(
        DomainName=domain,
        IntentDomain="DEFAULT",
        Intents=["LAST_SEARCH_INTENT"],
        KeyName="_profileId",
        KeyValues=[profile],
    )
    assert answer["Intents"] == [
        {"IntentType": "LAST_SEARCH_INTENT", "Summary": "trail running shoes"}
    ]
    code, _ = cp.refused(
        "batch_get_intent_for_profile",
        DomainName=domain,
        IntentDomain="DEFAULT",
        Intents=["PRICE_SENSITIVITY"],
        KeyName="Email",
        KeyValues=["nobody@example.com"],
    )
    assert code == "ResourceNotFoundException"


# -- the trigger's intent filter ----------------------------------------------------


def test_a_trigger_keeps_its_intent_filter_until_an_update_omits_it(cp: Env) -> None:
    domain = cp.domain()
    cp.object_type(domain)
    define(cp, domain, PRICE)
    made = cp.trigger(domain, IntentFilterDefinition=HIGH_PRICE)
    assert made["IntentFilterDefinition"] == HIGH_PRICE
    got = cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert got["IntentFilterDefinition"] == HIGH_PRICE
    low = copy.deepcopy(HIGH_PRICE)
    low["Groups"][0]["Conditions"][0]["Values"] = ["LOW"]
    assert cp.update_trigger(domain, IntentFilterDefinition=low)["IntentFilterDefinition"] == low
    cleared = cp.update_trigger(domain, Description="no filter")  # guess: update-clears-unsent
    assert "IntentFilterDefinition" not in cleared
    got = cp.client.get_event_trigger(DomainName=domain, EventTriggerName="big-order")
    assert "IntentFilterDefinition" not in got


@pytest.mark.parametrize(
    ("definition", "words"),
    [
        (intent_filter(intent("UPGRADE_UPSELL_PROPENSITY", "EQUAL", "HIGH")), "not enabled"),
        (intent_filter(intent("WEB_SESSION_SUMMARY", "CONTAINS", "x")), "cannot be used"),
        (intent_filter(intent("PRICE_SENSITIVITY", "EQUAL", "HIGH", "LOW")), "exactly one"),
        (intent_filter(intent("PRICE_SENSITIVITY", "EQUAL", "MEDIUM")), "HIGH or LOW"),
        (intent_filter(intent("PRICE_SENSITIVITY", "CONTAINS", "HIGH")), "not CONTAINS"),
        (intent_filter(intent("LAST_SEARCH_INTENT", "EQUAL", "shoes")), "not EQUAL"),
        (
            intent_filter(
                intent("PRICE_SENSITIVITY", "EQUAL", "HIGH"),
                intent("PRICE_SENSITIVITY", "EQUAL", "LOW"),
            ),
            "more than once",
        ),
    ],
)
def test_a_filter_breaking_the_documented_rules_is_refused_naming_where(
    cp: Env, definition: dict[str, Any], words: str
) -> None:
    domain = cp.domain()
    cp.object_type(domain)
    define(cp, domain, PRICE, SEARCH)
    code, message = cp.refused(
        "create_event_trigger",
        DomainName=domain,
        EventTriggerName="filtered",
        ObjectTypeName="Orders",
        EventTriggerConditions=over("1"),
        IntentFilterDefinition=definition,
    )
    assert code == "BadRequestException" and words in message, message
    assert message.startswith("IntentFilterDefinition.Groups[0].Conditions[")
    assert cp.client.list_event_triggers(DomainName=domain)["Items"] == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            lambda d: d["Groups"].append(copy.deepcopy(d["Groups"][0])),
            "IntentFilterDefinition.Groups",
        ),
        (
            lambda d: d["Groups"][0]["Conditions"].extend([d["Groups"][0]["Conditions"][0]] * 5),
            "IntentFilterDefinition.Groups[0].Conditions",
        ),
        (
            lambda d: d["Groups"][0]["Conditions"][0].update(ComparisonOperator="BEFORE"),
            "ComparisonOperator",
        ),
        (
            lambda d: d["Groups"][0]["Conditions"][0].update(Values=["shoes"] * 11),
            "Values",
        ),
    ],
)
def test_the_models_bounds_are_the_validators(cp: Env, change: Any, where: str) -> None:
    """One group, 1-5 conditions, the 8 operators, up to 10 values: from the model."""
    domain = cp.domain()
    cp.object_type(domain)
    define(cp, domain, PRICE)
    definition = copy.deepcopy(HIGH_PRICE)
    change(definition)
    code, message = cp.refused(
        "create_event_trigger",
        DomainName=domain,
        EventTriggerName="filtered",
        ObjectTypeName="Orders",
        EventTriggerConditions=over("1"),
        IntentFilterDefinition=definition,
    )
    assert code == "BadRequestException" and where in message, message


def test_a_trigger_fires_only_for_profiles_whose_intents_meet_its_filter(cp: Env) -> None:
    runtime = Runtime(cp)
    domain = cp.domain()
    orders_type(cp, domain)
    define(cp, domain, PRICE, SEARCH)
    shoes = intent_filter(intent("LAST_SEARCH_INTENT", "CONTAINS", "Shoes", "boots"))
    active_trigger(cp, domain, "price", over("100"), IntentFilterDefinition=HIGH_PRICE)
    active_trigger(cp, domain, "shoes", over("100"), IntentFilterDefinition=shoes)
    ingest(cp, domain, order("o-1", price=500))
    assert runtime.fired(domain) == []  # no intents yet: neither filter is met
    profile = profile_id(cp, domain)
    runtime.set_intents(
        domain, profile, {"PRICE_SENSITIVITY": "HIGH", "LAST_SEARCH_INTENT": "trail shoes"}
    )
    ingest(cp, domain, order("o-2", price=500))
    assert sorted(runtime.fired(domain)) == ["price", "shoes"]
    ingest(cp, domain, order("o-3", price=50))  # the conditions first: nothing fires
    assert len(runtime.fired(domain)) == 2
    runtime.set_intents(domain, profile, {"PRICE_SENSITIVITY": "LOW"})
    ingest(cp, domain, order("o-4", price=500))
    assert len(runtime.fired(domain)) == 2


def test_the_trace_says_the_intents_held_a_trigger_back(cp: Env) -> None:
    if cp.target != "server":
        pytest.skip("the trace is the server's trigger-evaluations route")
    domain = cp.domain()
    orders_type(cp, domain)
    define(cp, domain, PRICE)
    active_trigger(cp, domain, "price", over("100"), IntentFilterDefinition=HIGH_PRICE)
    ingest(cp, domain, order("o-1", price=50))
    profile = profile_id(cp, domain)
    cp.control.set_intents(domain, profile, {"PRICE_SENSITIVITY": "LOW"})
    answer = cp.control.evaluate(
        domain, "price", {"OrderId": "o-2", "TotalPrice": 500, "Email": "ann@example.com"}
    )
    assert not answer["fired"]
    assert answer["trace"]["reason"].startswith("held back by intents: ALL of groups ALL of [")
    assert "intents: HELD BACK" in answer["text"]
    assert cp.control.intents(domain) == {profile: {"PRICE_SENSITIVITY": "LOW"}}
