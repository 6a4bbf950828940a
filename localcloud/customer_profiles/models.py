"""The entities of Customer Profiles: plain frozen dataclasses, each with ``to_dict()``.

``to_dict()`` is the Create/Get/Put answer and ``summary()`` a list item, both
named as on the wire, with datetimes for timestamps and unset members left out.
Entities are frozen: a change replaces the stored object, so a reader never sees
one half-updated.
"""

from __future__ import annotations

import copy
import datetime
import re
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

    def to_dict(self, stats: Json | None = None) -> Json:
        """``stats``: GetDomain's counts (``ProfileData.stats()``); zeros when not given.

        An enabled data store is ready at once offline (``Readiness`` 100%), where AWS
        takes a while to set it up."""
        answer = {"DomainName": self.name, **copy.deepcopy(self.settings)}
        if "RuleBasedMatching" in answer:
            answer["RuleBasedMatching"].setdefault("Status", "PENDING")
        if answer.get("DataStore", {}).get("Enabled"):
            answer["DataStore"]["Readiness"] = {"ProgressPercentage": 100}
        zero = {"ProfileCount": 0, "MeteringProfileCount": 0, "ObjectCount": 0, "TotalSize": 0}
        return _stamped(self, {**answer, "Stats": stats or zero})

    def summary(self) -> Json:
        return _stamped(self, {"DomainName": self.name})


@dataclass(frozen=True)
class ObjectType(Stamped):
    domain_name: str
    name: str
    arn: str
    settings: Json  # Description, Fields, Keys, ... as given

    def to_dict(self, available: int | None = None) -> Json:
        """``available``: MaxAvailableProfileObjectCount, which depends on the domain's other
        object types (``CustomerProfilesService.available_object_count``)."""
        return _stamped(
            self,
            {
                "ObjectTypeName": self.name,
                **copy.deepcopy(self.settings),
                "MaxAvailableProfileObjectCount": available,
            },
        )

    def summary(self, available: int | None = None) -> Json:
        listed = ("Description", "MaxProfileObjectCount", "SourcePriority")
        return _stamped(
            self,
            {
                "ObjectTypeName": self.name,
                **{key: self.settings[key] for key in listed if key in self.settings},
                "MaxAvailableProfileObjectCount": available,
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
    settings: Json  # ObjectTypeName, EventTriggerConditions and the optional members, as given

    @property
    def object_type_name(self) -> str:
        return str(self.settings["ObjectTypeName"])

    @property
    def segment_filter(self) -> str | None:
        found = self.settings.get("SegmentFilter")
        return None if found is None else str(found)

    @property
    def limits(self) -> Json | None:
        found: Json | None = self.settings.get("EventTriggerLimits")
        return found

    def to_dict(self) -> Json:
        """The Create/Get/Update answer: every member it was given (no DomainName, no ARN)."""
        return _stamped(self, {"EventTriggerName": self.name, **copy.deepcopy(self.settings)})

    def summary(self) -> Json:
        named = {"EventTriggerName": self.name, "ObjectTypeName": self.object_type_name}
        return _stamped(self, {**named, "Description": self.settings.get("Description")})


@dataclass(frozen=True)
class IntentDefinition(Stamped):
    """Which Predictive Intent types a domain has enabled, for one intent domain."""

    domain_name: str
    intent_domain: str
    arn: str
    intents: list[Json]  # IntentConfig items, as given: {"PriceSensitivityConfig": {...}}

    def enabled(self) -> set[str]:
        """The intent types enabled: ``PriceSensitivityConfig`` enables PRICE_SENSITIVITY."""
        return {
            intent_type(name)
            for config in self.intents
            for name, value in config.items()
            if isinstance(value, dict) and value.get("Enabled")
        }

    def to_dict(self) -> Json:
        return _stamped(
            self,
            {
                "DomainName": self.domain_name,
                "IntentDomain": self.intent_domain,
                "IntentDefinitionArn": self.arn,
                "Intents": copy.deepcopy(self.intents),
            },
        )


def intent_type(config_member: str) -> str:
    """The IntentType an IntentConfig member configures: ``LastSearchIntentConfig`` ->
    ``LAST_SEARCH_INTENT``, as the model names both."""
    words = re.findall(r"[A-Z][a-z0-9]*", config_member.removesuffix("Config"))
    return "_".join(word.upper() for word in words)


NOUNS = {
    "object_types": "Object type",
    "integrations": "Integration",
    "event_triggers": "Event trigger",
    "intent_definitions": "Intent definition",
}


@dataclass
class DomainState:
    """One domain and what it holds, each collection sorted by name (or Uri)."""

    domain: Domain
    object_types: SortedDict = field(default_factory=SortedDict)
    integrations: SortedDict = field(default_factory=SortedDict)
    event_triggers: SortedDict = field(default_factory=SortedDict)
    intent_definitions: SortedDict = field(default_factory=SortedDict)
    data: ProfileData = field(default_factory=lambda: ProfileData())


@dataclass(frozen=True)
class Profile:
    """A profile: its id, what objects mapped onto it (``_profile.*``), and its keys' values."""

    profile_id: str
    attributes: Json  # the Profile shape's members (FirstName, EmailAddress, Address, ...)
    keys: dict[str, frozenset[str]]  # key name -> values, from its objects' Keys

    def to_dict(self) -> Json:
        return {"ProfileId": self.profile_id, **copy.deepcopy(self.attributes)}


@dataclass(frozen=True)
class ProfileObject:
    """One ingested object: its type, unique key, profile, the JSON as sent, its keys' values."""

    object_type_name: str
    unique_key: str
    profile_id: str
    text: str
    keys: dict[str, str]
    received_at: datetime.datetime

    def summary(self) -> Json:
        return {
            "ObjectTypeName": self.object_type_name,
            "ProfileObjectUniqueKey": self.unique_key,
            "Object": self.text,
        }


@dataclass(frozen=True)
class Delivery:
    """One firing, as the outbound campaign request AWS sends for it (``request``)."""

    domain_name: str
    trigger_name: str
    integration_uri: str
    campaign_id: str | None
    object_type_name: str
    profile_object_unique_key: str
    fired_at: datetime.datetime
    request: Json  # a PutProfileOutboundRequestBatch profileOutboundRequests entry

    def to_dict(self) -> Json:
        return {
            "DomainName": self.domain_name,
            "EventTriggerName": self.trigger_name,
            "IntegrationUri": self.integration_uri,
            "CampaignId": self.campaign_id,
            "ObjectTypeName": self.object_type_name,
            "ProfileObjectUniqueKey": self.profile_object_unique_key,
            "FiredAt": self.fired_at.isoformat(timespec="milliseconds"),
            "ProfileOutboundRequest": copy.deepcopy(self.request),
        }


@dataclass
class ProfileData:
    """A domain's profiles, objects, segment membership, profiles' intents, firing history and
    deliveries."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    index: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (key, value) -> ids
    objects: SortedDict = field(default_factory=SortedDict)  # "type\0unique key" -> object
    segments: dict[str, frozenset[str]] = field(default_factory=dict)
    intents: dict[str, dict[str, str]] = field(default_factory=dict)  # profile -> type -> value
    fired: dict[tuple[str, str], list[datetime.datetime]] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)

    def stats(self) -> Json:
        """GetDomain's Stats: profiles, objects, and the objects' size in bytes."""
        size = sum(len(made.text.encode()) for made in self.objects.values())
        profiles = len(self.profiles)
        return {
            "ProfileCount": profiles,
            "MeteringProfileCount": profiles,
            "ObjectCount": len(self.objects),
            "TotalSize": size,
        }
