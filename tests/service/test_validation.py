"""The model-driven validator, on its own: constraints, paths, Java patterns, no echo."""

from __future__ import annotations

import datetime
import re
from typing import Any

import botocore.session
import pytest

from localcloud.core import validation
from localcloud.core.patterns import java_regex
from localcloud.core.validation import InputValidationError
from localcloud.customer_profiles.protocol import validate_input, wire_params
from tests.support.samples import CONDITIONS

VALID = {
    "DomainName": "retail",
    "EventTriggerName": "big-order",
    "ObjectTypeName": "Orders",
    "EventTriggerConditions": CONDITIONS,
}


def violations(operation: str, params: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InputValidationError) as excinfo:
        validate_input(operation, params)
    found: dict[str, str] = {}
    for violation in excinfo.value.violations:
        found[violation.path] = "; ".join(filter(None, [found.get(violation.path), violation.rule]))
    return found


def test_valid_input_passes() -> None:
    validate_input("CreateEventTrigger", VALID)


def test_every_pattern_in_the_model_compiles() -> None:
    loader = botocore.session.get_session().get_component("data_loader")
    shapes = loader.load_service_model("customer-profiles", "service-2")["shapes"]
    patterns = {shape["pattern"] for shape in shapes.values() if "pattern" in shape}
    assert len(patterns) > 10
    for pattern in patterns:
        java_regex(pattern)


@pytest.mark.parametrize(
    ("missing", "path"),
    [
        ("EventTriggerConditions", "EventTriggerConditions"),
        ("ObjectTypeName", "ObjectTypeName"),
        ("DomainName", "DomainName"),
    ],
)
def test_required_members(missing: str, path: str) -> None:
    params = {k: v for k, v in VALID.items() if k != missing}
    assert violations("CreateEventTrigger", params) == {path: "Member must not be null"}


def test_nested_required_members_and_paths() -> None:
    conditions = [{"EventTriggerDimensions": [{"ObjectAttributes": [{"Values": ["a"]}]}]}]
    found = violations("CreateEventTrigger", {**VALID, "EventTriggerConditions": conditions})
    assert set(found) == {
        "EventTriggerConditions[0].LogicalOperator",
        "EventTriggerConditions[0].EventTriggerDimensions[0].ObjectAttributes[0].ComparisonOperator",
    }


@pytest.mark.parametrize(
    ("change", "path", "rule"),
    [
        ({"EventTriggerName": ""}, "EventTriggerName", "length greater than or equal to 1"),
        ({"EventTriggerName": "a" * 65}, "EventTriggerName", "length less than or equal to 64"),
        ({"EventTriggerName": "a b"}, "EventTriggerName", "regular expression pattern"),
        ({"EventTriggerName": "ok\n"}, "EventTriggerName", "regular expression pattern"),
        ({"EventTriggerName": 5}, "EventTriggerName", "must be a string"),
        ({"Description": "x" * 1001}, "Description", "less than or equal to 1000"),
        ({"EventTriggerConditions": {"not": "a list"}}, "EventTriggerConditions", "must be a list"),
        ({"EventTriggerConditions": "abc"}, "EventTriggerConditions", "must be a list"),
        ({"EventTriggerConditions": [None]}, "EventTriggerConditions[0]", "must not be null"),
        ({"EventTriggerConditions": ["x"]}, "EventTriggerConditions[0]", "must be an object"),
        (
            {"EventTriggerLimits": {"EventExpiration": 2**63}},
            "EventTriggerLimits.EventExpiration",
            "between",
        ),
        (
            {"EventTriggerLimits": {"EventExpiration": True}},
            "EventTriggerLimits.EventExpiration",
            "integer",
        ),
        (
            {"EventTriggerLimits": {"EventExpiration": 1.5}},
            "EventTriggerLimits.EventExpiration",
            "integer",
        ),
        ({"Tags": {"k": 1}}, "Tags.k", "must be a string"),
        ({"Tags": {f"k{i}": "v" for i in range(51)}}, "Tags", "size less than or equal to 50"),
        ({"Tags": []}, "Tags", "must be a map"),
    ],
)
def test_constraints(change: dict[str, Any], path: str, rule: str) -> None:
    found = violations("CreateEventTrigger", {**VALID, **change})
    assert path in found, found
    assert rule in found[path]


def test_integer_ranges_and_enums_elsewhere_in_the_model() -> None:
    found = violations("CreateDomain", {"DomainName": "d", "DefaultExpirationDays": 1099})
    assert "less than or equal to 1098" in found["DefaultExpirationDays"]
    found = violations("PutIntegration", {"DomainName": "d", "Scope": "WORLD"})
    assert found["Scope"] == "Member must satisfy enum value set: [PROFILE, DOMAIN]"


def test_doubles_and_timestamps() -> None:
    auto = {"Enabled": True, "MinAllowedConfidenceScoreForMerging": 1.5}
    matching = {"Enabled": True, "AutoMerging": auto}
    found = violations(
        "CreateDomain", {"DomainName": "d", "DefaultExpirationDays": 1, "Matching": matching}
    )
    assert (
        "less than or equal to 1.0"
        in found["Matching.AutoMerging.MinAllowedConfidenceScoreForMerging"]
    )
    flow = {
        "FlowName": "flow",
        "KmsArn": "arn:aws:kms:us-east-1:123456789012:key/x",
        "SourceFlowConfig": {"ConnectorType": "S3", "SourceConnectorProperties": {}},
        "Tasks": [],
        "TriggerConfig": {
            "TriggerType": "Scheduled",
            "TriggerProperties": {
                "Scheduled": {"ScheduleExpression": "rate(1h)", "ScheduleStartTime": "soon"}
            },
        },
    }
    found = violations("PutIntegration", {"DomainName": "d", "FlowDefinition": flow})
    assert (
        "timestamp"
        in found["FlowDefinition.TriggerConfig.TriggerProperties.Scheduled.ScheduleStartTime"]
    )
    scheduled = flow["TriggerConfig"]["TriggerProperties"]["Scheduled"]  # type: ignore[index]
    scheduled["ScheduleStartTime"] = datetime.datetime.now(datetime.UTC)
    validate_input("PutIntegration", {"DomainName": "d", "FlowDefinition": flow})


def test_tag_keys_may_not_start_with_aws() -> None:
    assert "Tags.<key>" in violations("CreateEventTrigger", {**VALID, "Tags": {"aws:x": "y"}})
    validate_input("CreateEventTrigger", {**VALID, "Tags": {"awsx": "y", "a+b=c/d:e": ""}})


def test_prefix_anchored_patterns_match_at_the_start() -> None:
    arn = "arn:aws:profile:us-east-1:123456789012:domains/d/event-triggers/t"
    validate_input("ListTagsForResource", {"resourceArn": arn})
    assert "resourceArn" in violations("ListTagsForResource", {"resourceArn": f"x{arn}"})


def test_sensitive_values_and_keys_are_never_echoed() -> None:
    secret = "TOP-SECRET-VALUE"
    conditions = [{**CONDITIONS[0], "LogicalOperator": secret}]
    params = {**VALID, "Description": secret * 100, "EventTriggerConditions": conditions}
    with pytest.raises(InputValidationError) as excinfo:
        validate_input("CreateEventTrigger", params)
    assert secret not in str(excinfo.value)
    fields = {f"{secret} !": {"Source": "s"}}
    with pytest.raises(InputValidationError) as excinfo:
        validate_input(
            "PutProfileObjectType",
            {"DomainName": "d", "ObjectTypeName": "o", "Description": "d", "Fields": fields},
        )
    assert secret not in str(excinfo.value)
    assert "Fields.<key>" in str(excinfo.value)


def test_message_counts_and_caps_violations() -> None:
    tags = {f"aws:{i}": "v" for i in range(20)}
    with pytest.raises(InputValidationError) as excinfo:
        validate_input("CreateEventTrigger", {**VALID, "Tags": tags})
    message = str(excinfo.value)
    assert message.startswith("20 validation errors detected: Value at 'Tags.<key>'")
    assert message.count("Value at") == validation.MAX_REPORTED


@pytest.mark.parametrize(
    ("java", "value", "matches"),
    [
        (r"\p{Alpha}+\d", "abc1", True),
        (r"\p{Alpha}+", "é", False),
        (r"[\p{Digit}x]+", "1x2", True),
        (r"\P{Digit}+", "ab", True),
        (r"\w+", "é", False),
        (r"a\Q.*\E", "a.*", True),
        (r"a\Q.*\E", "abb", False),
        (r"(?<word>ab)\k<word>", "abab", True),
        (r"(?<word>ab)c", "abc", True),
        (r"a\h", "a\t", True),
        (r"[]a]+", "]a", True),
        (r"^(?!aws:)[a-z:]+$", "aws:x", False),
    ],
)
def test_java_regex_translation(java: str, value: str, matches: bool) -> None:
    assert (java_regex(java).fullmatch(value) is not None) is matches


@pytest.mark.parametrize("java", [r"\p{L}+", r"[a-z&&[def]]", r"[a-z[A-Z]]"])
def test_untranslatable_java_is_refused(java: str) -> None:
    with pytest.raises((ValueError, re.error)):
        java_regex(java)


def test_wire_params_reads_uri_and_query_text_strictly() -> None:
    query = {"max-results": ["5"], "next-token": ["t"]}
    params = wire_params("ListEventTriggers", {}, {"DomainName": "d"}, lambda k: query.get(k, []))
    assert params == {"DomainName": "d", "MaxResults": 5, "NextToken": "t"}
    with pytest.raises(InputValidationError, match=r"'MaxResults'.*integer"):
        wire_params(
            "ListEventTriggers",
            {},
            {"DomainName": "d"},
            lambda k: ["x"] if k == "max-results" else [],
        )
    keys = wire_params(
        "UntagResource", {}, {"resourceArn": "a"}, lambda k: ["a", "b"] if k == "tagKeys" else []
    )
    assert keys["tagKeys"] == ["a", "b"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{", "not valid JSON"),
        (b"[]", "must be a JSON object"),
        (b'{"a": NaN}', "not valid JSON"),
        (b"\xff", "not valid UTF-8"),
        (b"[" * 100000, "nested too deeply"),
    ],
)
def test_load_json_body_refuses_what_is_not_an_object(raw: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validation.load_json_body(raw)


def test_load_json_body_of_nothing_is_empty() -> None:
    assert validation.load_json_body(b"") == {}
    assert validation.load_json_body(b" \n") == {}
    assert validation.load_json_body(None) == {}
