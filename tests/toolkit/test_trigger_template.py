"""``triggers evaluate --template-file``: the template deployed in-process by the stack engine.

What a deploy resolves, the evaluation sees (intrinsics beyond Ref and Sub
included); what the template makes is used as made (its object type's
Fields); what it only names stands in empty.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from localcloud.trigger_template import TemplateError, evaluate, first_step

ROOT = Path(__file__).resolve().parents[2]
BIG_ORDER = (ROOT / "examples" / "objects" / "big-order.json").read_text()

# A domain made under a parameter the trigger names too (no Ref to the resource):
# its object type's Fields must be the template's, not an empty stand-in's.
OWN_DOMAIN = """
Parameters:
  DomainName: {Type: String, Default: own}
  Stage: {Type: String, Default: prod, AllowedValues: [prod, test]}
Mappings:
  Thresholds:
    prod: {Price: "700"}
    test: {Price: "800"}
Conditions:
  Testing: !Equals [!Ref Stage, test]
Resources:
  Domain:
    Type: AWS::CustomerProfiles::Domain
    Properties: {DomainName: !Ref DomainName, DefaultExpirationDays: 366}
  Orders:
    Type: AWS::CustomerProfiles::ObjectType
    Properties:
      DomainName: !Ref Domain
      ObjectTypeName: Orders
      Description: Orders
      Fields:
        - Name: Price
          ObjectTypeField: {Source: _source.TotalPrice, Target: _order.Price, ContentType: NUMBER}
  Big:
    Type: AWS::CustomerProfiles::EventTrigger
    DependsOn: Orders
    Properties:
      DomainName: !Ref DomainName
      EventTriggerName: !Join ["-", [big, !Ref Stage]]
      ObjectTypeName: Orders
      Description: !If [Testing, test, !Ref AWS::NoValue]
      EventTriggerConditions:
        - LogicalOperator: ANY
          EventTriggerDimensions:
            - ObjectAttributes:
                - FieldName: Price
                  ComparisonOperator: GREATER_THAN
                  Values: [!FindInMap [Thresholds, !Ref Stage, Price]]
  Hidden:
    Type: AWS::CustomerProfiles::EventTrigger
    Condition: Testing
    DependsOn: Orders
    Properties:
      DomainName: !Ref DomainName
      EventTriggerName: hidden
      ObjectTypeName: Orders
      EventTriggerConditions:
        - LogicalOperator: ANY
          EventTriggerDimensions:
            - ObjectAttributes:
                - {FieldName: Price, ComparisonOperator: GREATER_THAN, Values: ["0"]}
  Lonely:
    Type: AWS::CustomerProfiles::EventTrigger
    DependsOn: Orders
    Properties:
      DomainName: !Ref DomainName
      EventTriggerName: lonely
      ObjectTypeName: Orders
      EventTriggerConditions:
        - LogicalOperator: ANY
          EventTriggerDimensions:
            - ObjectAttributes:
                - {FieldName: Price, ComparisonOperator: GREATER_THAN, Values: ["0"]}
  # Only a trigger an integration names is active.
  CallsBig:
    Type: AWS::CustomerProfiles::Integration
    DependsOn: Big
    Properties:
      DomainName: !Ref DomainName
      Uri: !Sub "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/big"
      ObjectTypeName: Orders
      EventTriggerNames: [!Join ["-", [big, !Ref Stage]]]
  CallsHidden:
    Type: AWS::CustomerProfiles::Integration
    Condition: Testing
    DependsOn: Hidden
    Properties:
      DomainName: !Ref DomainName
      Uri: !Sub "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/hidden"
      ObjectTypeName: Orders
      EventTriggerNames: [hidden]
"""


def _template(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "template.yaml"
    path.write_text(text)
    return path


def test_intrinsics_resolve_and_the_templates_fields_apply(tmp_path: Path) -> None:
    path = _template(tmp_path, OWN_DOMAIN)
    answer = evaluate(path, BIG_ORDER, trigger="Big", overrides={}, region="eu-west-1")
    assert answer["fired"] is True  # 720.5 > 700
    assert answer["trace"]["trigger"] == "big-prod"
    assert 'field Price (_source.TotalPrice) = 720.5 GREATER_THAN ["700"]: true' in answer["text"]
    test = {"Stage": "test"}
    tested = evaluate(path, BIG_ORDER, trigger="big-test", overrides=test, region="eu-west-1")
    assert tested["fired"] is False and 'GREATER_THAN ["800"]: false' in tested["text"]


def test_a_trigger_whose_condition_is_false_is_not_there(tmp_path: Path) -> None:
    path = _template(tmp_path, OWN_DOMAIN)
    with pytest.raises(TemplateError, match="has no trigger hidden"):
        evaluate(path, BIG_ORDER, trigger="hidden", overrides={}, region="us-east-1")
    test = {"Stage": "test"}
    shown = evaluate(path, BIG_ORDER, trigger="Hidden", overrides=test, region="us-east-1")
    assert shown["fired"] is True


def test_a_trigger_no_integration_names_does_not_fire(tmp_path: Path) -> None:
    path = _template(tmp_path, OWN_DOMAIN)
    answer = evaluate(path, BIG_ORDER, trigger="Lonely", overrides={}, region="eu-west-1")
    assert answer["fired"] is False and answer["trace"]["active"] is False
    assert answer["trace"]["reason"] == (
        "held back by integration: no integration names it in EventTriggerNames, "
        "so ingesting fires nothing"
    )
    assert "conditions (any of them): matched" in answer["text"]


def test_a_domain_the_template_only_names_stands_in_empty(tmp_path: Path) -> None:
    minimal = ROOT / "examples" / "minimal.yaml"
    answer = evaluate(
        minimal, BIG_ORDER, trigger=None, overrides={"DomainName": "retail"}, region="us-east-1"
    )
    # The stand-in object type has no Fields: _order.TotalPrice has no value to compare.
    assert answer["fired"] is False
    assert "_order.TotalPrice (no field has this Target) = (missing)" in answer["text"]


def test_a_failed_deploy_is_one_line(tmp_path: Path) -> None:
    path = _template(tmp_path, OWN_DOMAIN.replace("DefaultExpirationDays: 366", "Nope: 1"))
    with pytest.raises(TemplateError) as raised:
        evaluate(path, BIG_ORDER, trigger="Big", overrides={}, region="us-east-1")
    assert "\n" not in str(raised.value) and "Nope" in str(raised.value)


def test_the_first_step_leaves_triggers_and_integrations_out() -> None:
    template = {
        "Parameters": {"D": {"Type": "String"}},
        "Resources": {
            "Domain": {"Type": "AWS::CustomerProfiles::Domain", "Properties": {}},
            "T": {
                "Type": "AWS::CustomerProfiles::EventTrigger",
                "Properties": {"DomainName": {"Ref": "D"}, "EventTriggerName": "t"},
            },
            "I": {"Type": "AWS::CustomerProfiles::Integration", "DependsOn": "T"},
            "After": {"Type": "AWS::SQS::Queue", "DependsOn": ["T", "Domain"]},
        },
        "Outputs": {"X": {"Value": {"Fn::GetAtt": ["T", "CreatedAt"]}}},
    }
    step = first_step(template)
    assert sorted(step["Resources"]) == ["After", "Domain"]
    assert step["Resources"]["After"]["DependsOn"] == ["Domain"]
    assert step["Outputs"] == {
        "TDomainName": {"Value": {"Ref": "D"}},
        "TEventTriggerName": {"Value": "t"},
    }
    assert step["Parameters"] == template["Parameters"]
    assert json.loads(json.dumps(step)) == step
