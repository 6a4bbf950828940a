"""Domain, ObjectType and Integration through the local Customer Profiles service."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

from localcloud.cloudformation.engine import ResourceFailure
from localcloud.cloudformation.engine.errors import is_not_found
from localcloud.cloudformation.resources.domain import CustomerProfilesDomain
from localcloud.cloudformation.resources.integration import CustomerProfilesIntegration
from localcloud.cloudformation.resources.object_type import CustomerProfilesObjectType
from localcloud.customer_profiles import calls, reset_calls
from tests.support.resources import (
    ACCOUNT,
    REGION,
    URI,
    create,
    orders,
    update,
)
from tests.support.samples import CONDITIONS
from tests.support.stacks import Stacks, template_body

# -- Domain, ObjectType, Integration through the service -------------------------


def test_domain_create_getatt_and_delete(cp: Any) -> None:
    made = create(
        CustomerProfilesDomain,
        "Domain",
        {"DomainName": "retail", "DefaultExpirationDays": 30, "Tags": [{"Key": "a", "Value": "1"}]},
    )
    assert made.physical_resource_id == "retail"
    assert made.get_cfn_attribute("CreatedAt").endswith("Z")
    assert made.get_cfn_attribute("Stats")["ProfileCount"] == 0
    with pytest.raises(UnformattedGetAttTemplateException):
        made.get_cfn_attribute("Arn")
    assert cp.get_domain(DomainName="retail")["Tags"] == {"a": "1"}
    made.delete(ACCOUNT, REGION)
    assert cp.list_domains()["Items"] == []
    with pytest.raises(ResourceFailure) as gone:  # already gone: the engine counts it deleted
        made.delete(ACCOUNT, REGION)
    assert is_not_found(gone.value)


def test_domain_create_never_takes_over_an_existing_one(cp: Any) -> None:
    cp.create_domain(DomainName="retail", DefaultExpirationDays=7, Tags={"owner": "crm"})
    with pytest.raises(ResourceFailure) as failed:
        create(
            CustomerProfilesDomain, "Domain", {"DomainName": "retail", "DefaultExpirationDays": 30}
        )
    assert failed.value.error_code == "AlreadyExists"
    assert str(failed.value) == "AlreadyExists: AWS::CustomerProfiles::Domain retail already exists"
    held = cp.get_domain(DomainName="retail")
    assert (held["DefaultExpirationDays"], held["Tags"]) == (7, {"owner": "crm"})


def test_domain_update_changes_settings_and_tags(cp: Any) -> None:
    made = create(
        CustomerProfilesDomain,
        "Domain",
        {
            "DomainName": "retail",
            "DefaultExpirationDays": 30,
            "DeadLetterQueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
            "Tags": [{"Key": "a", "Value": "1"}],
        },
    )
    update(
        made,
        {"DomainName": "retail", "DefaultExpirationDays": 60, "Tags": [{"Key": "b", "Value": "2"}]},
    )
    domain = cp.get_domain(DomainName="retail")
    assert domain["DefaultExpirationDays"] == 60
    assert "DeadLetterQueueUrl" not in domain
    assert domain["Tags"] == {"b": "2"}


def object_type_properties(**extra: Any) -> dict[str, Any]:
    return {
        "DomainName": "retail",
        "ObjectTypeName": "Orders",
        "Description": "Orders",
        "Fields": [
            {
                "Name": "Total",
                "ObjectTypeField": {"Source": "_source.Total", "Target": "_order.Total"},
            }
        ],
        "Keys": [
            {
                "Name": "Id",
                "ObjectTypeKeyList": [{"FieldNames": ["Total"], "StandardIdentifiers": ["UNIQUE"]}],
            }
        ],
        "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}],
        **extra,
    }


def test_object_type_create_update_and_delete(cp: Any) -> None:
    cp.create_domain(DomainName="retail", DefaultExpirationDays=30)
    made = create(CustomerProfilesObjectType, "Orders", object_type_properties())
    assert made.physical_resource_id == "retail|Orders"
    held = cp.get_profile_object_type(DomainName="retail", ObjectTypeName="Orders")
    assert held["Fields"] == {"Total": {"Source": "_source.Total", "Target": "_order.Total"}}
    assert held["Keys"] == {"Id": [{"FieldNames": ["Total"], "StandardIdentifiers": ["UNIQUE"]}]}
    assert held["Tags"] == {"a": "1", "b": "2"}

    reset_calls()
    changed = object_type_properties(Description="All orders", Tags=[{"Key": "a", "Value": "9"}])
    changed.pop("Keys")
    after = update(made, changed)
    assert calls() == {"PutProfileObjectType": 1, "UntagResource": 1, "TagResource": 1}
    held = cp.get_profile_object_type(DomainName="retail", ObjectTypeName="Orders")
    assert held["Description"] == "All orders"
    assert "Keys" not in held
    assert held["Tags"] == {"a": "9"}
    assert after.model["Tags"] == [{"Key": "a", "Value": "9"}]
    assert made.properties["Description"] == "Orders"  # the original is left as it was

    after.delete(ACCOUNT, REGION)
    assert cp.list_profile_object_types(DomainName="retail")["Items"] == []


def test_object_type_create_never_takes_over_an_existing_one(cp: Any) -> None:
    orders(cp)
    with pytest.raises(ResourceFailure) as failed:
        create(CustomerProfilesObjectType, "Orders", object_type_properties())
    assert failed.value.error_code == "AlreadyExists"
    held = cp.get_profile_object_type(DomainName="retail", ObjectTypeName="Orders")
    assert "Fields" not in held


def test_integration_create_update_and_delete(cp: Any) -> None:
    orders(cp)
    cp.create_event_trigger(
        DomainName="retail",
        EventTriggerName="big-order",
        ObjectTypeName="Orders",
        EventTriggerConditions=CONDITIONS,
    )
    properties = {
        "DomainName": "retail",
        "Uri": URI,
        "ObjectTypeName": "Orders",
        "EventTriggerNames": ["big-order"],
        "Tags": [{"Key": "a", "Value": "1"}],
    }
    made = create(CustomerProfilesIntegration, "Integration", properties)
    assert made.physical_resource_id == f"retail|{URI}"
    held = cp.get_integration(DomainName="retail", Uri=URI)
    assert held["EventTriggerNames"] == ["big-order"] and held["Tags"] == {"a": "1"}

    with pytest.raises(ResourceFailure) as failed:
        create(CustomerProfilesIntegration, "Again", properties)
    assert failed.value.error_code == "AlreadyExists"

    changed = {**properties, "Tags": [{"Key": "b", "Value": "2"}]}
    changed.pop("EventTriggerNames")
    update(made, changed)
    held = cp.get_integration(DomainName="retail", Uri=URI)
    assert "EventTriggerNames" not in held
    assert held["Tags"] == {"b": "2"}

    made.delete(ACCOUNT, REGION)
    assert cp.list_integrations(DomainName="retail")["Items"] == []
    with pytest.raises(ResourceFailure) as gone:  # already gone: the engine counts it deleted
        made.delete(ACCOUNT, REGION)
    assert is_not_found(gone.value)


def test_stack_tags_merge_into_every_types_tags(cp: Any) -> None:
    template = """
Resources:
  Domain:
    Type: AWS::CustomerProfiles::Domain
    Properties:
      DomainName: tagged
      DefaultExpirationDays: 30
      Tags: [{Key: env, Value: template}, {Key: team, Value: crm}]
  Orders:
    Type: AWS::CustomerProfiles::ObjectType
    Properties: {DomainName: !Ref Domain, ObjectTypeName: Orders, Description: Orders}
"""
    cf = boto3.client("cloudformation", region_name=REGION)
    cf.create_stack(
        StackName="tags",
        TemplateBody=template,
        Tags=[{"Key": "env", "Value": "stack"}, {"Key": "owner", "Value": "ops"}],
    )
    assert cp.get_domain(DomainName="tagged")["Tags"] == {
        "env": "template",
        "team": "crm",
        "owner": "ops",
    }
    held = cp.get_profile_object_type(DomainName="tagged", ObjectTypeName="Orders")
    assert held["Tags"] == {"env": "stack", "owner": "ops"}


def test_read_only_attributes_reach_a_stacks_outputs(stacks: Stacks) -> None:
    """DataStore.Readiness and MaxAvailableProfileObjectCount, read-only in the published
    schemas, are what the service answers, so GetAtt of them works."""
    resources = {
        "Domain": {
            "Type": "AWS::CustomerProfiles::Domain",
            "Properties": {
                "DomainName": "retail",
                "DefaultExpirationDays": 30,
                "DataStore": {"Enabled": True},
            },
        },
        "Cases": {
            "Type": "AWS::CustomerProfiles::ObjectType",
            "Properties": {
                "DomainName": {"Ref": "Domain"},
                "ObjectTypeName": "Cases",
                "Description": "Cases",
                "MaxProfileObjectCount": 250,
            },
        },
        "Orders": {
            "Type": "AWS::CustomerProfiles::ObjectType",
            "DependsOn": "Cases",
            "Properties": {
                "DomainName": {"Ref": "Domain"},
                "ObjectTypeName": "Orders",
                "Description": "Orders",
                "MaxProfileObjectCount": 100,
            },
        },
    }
    outputs = {
        "Readiness": {"Value": {"Fn::GetAtt": ["Domain", "DataStore.Readiness"]}},
        "Available": {"Value": {"Fn::GetAtt": ["Orders", "MaxAvailableProfileObjectCount"]}},
    }
    made = stacks.create("readonly", template_body(resources, outputs=outputs))
    assert made["StackStatus"] == "CREATE_COMPLETE", made.get("StackStatusReason")
    found = stacks.outputs("readonly")
    assert found["Available"] == "750"
    # An object attribute: the engine writes it as text (cfn-lint wants a string in Outputs).
    assert "ProgressPercentage" in found["Readiness"] and "100" in found["Readiness"]
    domain = stacks.cp.get_domain(DomainName="retail")
    assert domain["DataStore"] == {"Enabled": True, "Readiness": {"ProgressPercentage": 100}}
