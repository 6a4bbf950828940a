"""The entities of Customer Profiles: plain frozen dataclasses, each with ``to_dict()``.

``to_dict()`` is the Create/Get/Put answer and ``summary()`` a list item, both
named as on the wire, with datetimes for timestamps and unset members left out.
Entities are frozen: a change replaces the stored object, so a reader never sees
one half-updated.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from typing import Any

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

Json = dict[str, Any]


def _present(fields: Json) -> Json:
    """Drop members that are not set, as the service does in its answers."""
    return {key: value for key, value in fields.items() if value not in (None, {})}


def _stamped(entity: Stamped, fields: Json) -> Json:
    """``fields`` with the entity's timestamps and tags, unset members dropped."""
    stamps = {"CreatedAt": entity.created_at, "LastUpdatedAt": entity.last_updated_at}
    return _present({**fields, **stamps, "Tags": dict(entity.tags)})


def utcnow_ms() -> datetime.datetime:
    """Now, to the millisecond: the precision timestamps have on the wire."""
    now = datetime.datetime.now(datetime.UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


@dataclass(frozen=True, kw_only=True)
class Stamped:
    """What every entity has: when it was made and last changed, and its tags (keyword-only)."""

    created_at: datetime.datetime
    last_updated_at: datetime.datetime
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Domain(Stamped):
    name: str
    arn: str
    settings: Json  # DefaultExpirationDays, Matching, ... as given

    def to_dict(self) -> Json:
        answer = {"DomainName": self.name, **copy.deepcopy(self.settings)}
        if "RuleBasedMatching" in answer:
            answer["RuleBasedMatching"].setdefault("Status", "PENDING")
        stats = {"ProfileCount": 0, "MeteringProfileCount": 0, "ObjectCount": 0, "TotalSize": 0}
        return _stamped(self, {**answer, "Stats": stats})

    def summary(self) -> Json:
        return _stamped(self, {"DomainName": self.name})


@dataclass(frozen=True)
class ObjectType(Stamped):
    domain_name: str
    name: str
    arn: str
    settings: Json  # Description, Fields, Keys, ... as given

    def to_dict(self) -> Json:
        return _stamped(
            self,
            {
                "ObjectTypeName": self.name,
                **copy.deepcopy(self.settings),
            },
        )

    def summary(self) -> Json:
        listed = ("Description", "MaxProfileObjectCount", "SourcePriority")
        return _stamped(
            self,
            {
                "ObjectTypeName": self.name,
                **{key: self.settings[key] for key in listed if key in self.settings},
            },
        )


@dataclass(frozen=True)
class Integration(Stamped):
    domain_name: str
    uri: str
    settings: Json  # ObjectTypeName(s), RoleArn, EventTriggerNames, Scope, ...

    def to_dict(self) -> Json:
        return _stamped(
            self,
            {
                "DomainName": self.domain_name,
                "Uri": self.uri,
                **copy.deepcopy(self.settings),
                "IsUnstructured": False,
            },
        )

    summary = to_dict

    def object_types(self) -> set[str]:
        """The object types it ingests into: ObjectTypeName and ObjectTypeNames' values."""
        named = {
            self.settings.get("ObjectTypeName"),
            *self.settings.get("ObjectTypeNames", {}).values(),
        }
        return {name for name in named if name}


@dataclass(frozen=True)
class EventTrigger(Stamped):
    domain_name: str
    name: str
    arn: str
    object_type_name: str
    conditions: list[Json]
    description: str | None = None
    segment_filter: str | None = None
    limits: Json | None = None

    def to_dict(self) -> Json:
        """The Create/Get/Update answer: no DomainName, no ARN (the model has neither)."""
        details = {
            "EventTriggerConditions": copy.deepcopy(self.conditions),
            "SegmentFilter": self.segment_filter,
            "EventTriggerLimits": copy.deepcopy(self.limits),
        }
        return {**self.summary(), **_present(details)}

    def summary(self) -> Json:
        named = {"EventTriggerName": self.name, "ObjectTypeName": self.object_type_name}
        return _stamped(self, {**named, "Description": self.description})


NOUNS = {
    "object_types": "Object type",
    "integrations": "Integration",
    "event_triggers": "Event trigger",
}


@dataclass
class DomainState:
    """One domain and what it holds, each collection sorted by name (or Uri)."""

    domain: Domain
    object_types: SortedDict = field(default_factory=SortedDict)
    integrations: SortedDict = field(default_factory=SortedDict)
    event_triggers: SortedDict = field(default_factory=SortedDict)
