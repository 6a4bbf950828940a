# DO NOT modify this file by hand, changes will be overwritten
from dataclasses import dataclass

from cloudformation_cli_python_lib.interface import (
    BaseModel,
    BaseResourceHandlerRequest,
)
from cloudformation_cli_python_lib.recast import recast_object
from cloudformation_cli_python_lib.utils import deserialize_list

import sys
from inspect import getmembers, isclass
from typing import (
    AbstractSet,
    Any,
    Generic,
    Mapping,
    MutableMapping,
    Optional,
    Sequence,
    Type,
    TypeVar,
)

T = TypeVar("T")


def set_or_none(value: Optional[Sequence[T]]) -> Optional[AbstractSet[T]]:
    if value:
        return set(value)
    return None


@dataclass
class ResourceHandlerRequest(BaseResourceHandlerRequest):
    # pylint: disable=invalid-name
    desiredResourceState: Optional["ResourceModel"]
    previousResourceState: Optional["ResourceModel"]
    typeConfiguration: Optional["TypeConfigurationModel"]


@dataclass
class ResourceModel(BaseModel):
    CreatedAt: Optional[str]
    Description: Optional[str]
    DomainName: Optional[str]
    EventTriggerConditions: Optional[Sequence["_EventTriggerCondition"]]
    EventTriggerLimits: Optional["_EventTriggerLimits"]
    EventTriggerName: Optional[str]
    LastUpdatedAt: Optional[str]
    ObjectTypeName: Optional[str]
    SegmentFilter: Optional[str]
    Tags: Optional[Sequence["_Tag"]]

    @classmethod
    def _deserialize(
        cls: Type["_ResourceModel"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_ResourceModel"]:
        if not json_data:
            return None
        dataclasses = {n: o for n, o in getmembers(sys.modules[__name__]) if isclass(o)}
        recast_object(cls, json_data, dataclasses)
        return cls(
            CreatedAt=json_data.get("CreatedAt"),
            Description=json_data.get("Description"),
            DomainName=json_data.get("DomainName"),
            EventTriggerConditions=deserialize_list(json_data.get("EventTriggerConditions"), EventTriggerCondition),
            EventTriggerLimits=EventTriggerLimits._deserialize(json_data.get("EventTriggerLimits")),
            EventTriggerName=json_data.get("EventTriggerName"),
            LastUpdatedAt=json_data.get("LastUpdatedAt"),
            ObjectTypeName=json_data.get("ObjectTypeName"),
            SegmentFilter=json_data.get("SegmentFilter"),
            Tags=deserialize_list(json_data.get("Tags"), Tag),
        )


# work around possible type aliasing issues when variable has same name as a model
_ResourceModel = ResourceModel


@dataclass
class EventTriggerCondition(BaseModel):
    EventTriggerDimensions: Optional[Sequence["_EventTriggerDimension"]]
    LogicalOperator: Optional[str]

    @classmethod
    def _deserialize(
        cls: Type["_EventTriggerCondition"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_EventTriggerCondition"]:
        if not json_data:
            return None
        return cls(
            EventTriggerDimensions=deserialize_list(json_data.get("EventTriggerDimensions"), EventTriggerDimension),
            LogicalOperator=json_data.get("LogicalOperator"),
        )


# work around possible type aliasing issues when variable has same name as a model
_EventTriggerCondition = EventTriggerCondition


@dataclass
class EventTriggerDimension(BaseModel):
    ObjectAttributes: Optional[Sequence["_ObjectAttribute"]]

    @classmethod
    def _deserialize(
        cls: Type["_EventTriggerDimension"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_EventTriggerDimension"]:
        if not json_data:
            return None
        return cls(
            ObjectAttributes=deserialize_list(json_data.get("ObjectAttributes"), ObjectAttribute),
        )


# work around possible type aliasing issues when variable has same name as a model
_EventTriggerDimension = EventTriggerDimension


@dataclass
class ObjectAttribute(BaseModel):
    ComparisonOperator: Optional[str]
    FieldName: Optional[str]
    Source: Optional[str]
    Values: Optional[Sequence[str]]

    @classmethod
    def _deserialize(
        cls: Type["_ObjectAttribute"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_ObjectAttribute"]:
        if not json_data:
            return None
        return cls(
            ComparisonOperator=json_data.get("ComparisonOperator"),
            FieldName=json_data.get("FieldName"),
            Source=json_data.get("Source"),
            Values=json_data.get("Values"),
        )


# work around possible type aliasing issues when variable has same name as a model
_ObjectAttribute = ObjectAttribute


@dataclass
class EventTriggerLimits(BaseModel):
    EventExpiration: Optional[int]
    Periods: Optional[Sequence["_Period"]]

    @classmethod
    def _deserialize(
        cls: Type["_EventTriggerLimits"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_EventTriggerLimits"]:
        if not json_data:
            return None
        return cls(
            EventExpiration=json_data.get("EventExpiration"),
            Periods=deserialize_list(json_data.get("Periods"), Period),
        )


# work around possible type aliasing issues when variable has same name as a model
_EventTriggerLimits = EventTriggerLimits


@dataclass
class Period(BaseModel):
    MaxInvocationsPerProfile: Optional[int]
    Unit: Optional[str]
    Unlimited: Optional[bool]
    Value: Optional[int]

    @classmethod
    def _deserialize(
        cls: Type["_Period"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_Period"]:
        if not json_data:
            return None
        return cls(
            MaxInvocationsPerProfile=json_data.get("MaxInvocationsPerProfile"),
            Unit=json_data.get("Unit"),
            Unlimited=json_data.get("Unlimited"),
            Value=json_data.get("Value"),
        )


# work around possible type aliasing issues when variable has same name as a model
_Period = Period


@dataclass
class Tag(BaseModel):
    Key: Optional[str]
    Value: Optional[str]

    @classmethod
    def _deserialize(
        cls: Type["_Tag"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_Tag"]:
        if not json_data:
            return None
        return cls(
            Key=json_data.get("Key"),
            Value=json_data.get("Value"),
        )


# work around possible type aliasing issues when variable has same name as a model
_Tag = Tag


@dataclass
class TypeConfigurationModel(BaseModel):

    @classmethod
    def _deserialize(
        cls: Type["_TypeConfigurationModel"],
        json_data: Optional[Mapping[str, Any]],
    ) -> Optional["_TypeConfigurationModel"]:
        if not json_data:
            return None
        return cls(
        )


# work around possible type aliasing issues when variable has same name as a model
_TypeConfigurationModel = TypeConfigurationModel


