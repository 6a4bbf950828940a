"""The rules of the offline Customer Profiles service, with no moto in sight.

One ``CustomerProfilesService`` holds the state of one account in one region:
domains, and in each domain its object types, integrations and event triggers
(each with its tags). It enforces what the service enforces beyond the model's
shapes (those are ``localcloud.core.validation``'s job): what must exist first, uniqueness,
tags by ARN, pagination. Inputs are trusted to be shape-valid already.

Choices where the real service's behaviour is not documented:

* Tag operations address domains, object types, integrations and event
  triggers by ARN (``arns``). A well-formed ARN of this service whose resource
  does not exist (or lives in another account or region) is
  ``ResourceNotFoundException``.
* What AWS documents nothing about is marked ``guess: <name>`` and described in
  ``guesses.GUESSES``, the one list of them.

Listing is by name and stable (``paging``). Entities (``models``) are frozen:
a change replaces the stored object. One lock serialises all changes.
"""

from __future__ import annotations

import copy
import datetime
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from localcloud.core.arns import arn
from localcloud.core.regions import partition_of

from .clock import clock as shared_clock
from .exceptions import BadRequestException, ResourceNotFoundException
from .firing import FiringRules
from .intents import IntentRules
from .models import (
    NOUNS,
    Domain,
    DomainState,
    EventTrigger,
    Integration,
    Json,
    ObjectType,
    Stamped,
)
from .paging import paginate
from .profiles import ProfileRules
from .tagging import TagRules

# UpdateDomain's members an empty string clears (the model's documentation says so).
CLEARED_BY_EMPTY = ("DeadLetterQueueUrl", "DefaultEncryptionKey")
# The only ScheduleExpressions PutIntegration takes, whatever their case (the model's pattern is
# ".*"; measured against the service: aws-cloudformation/cfn-lint issue #4653).
SCHEDULE_EXPRESSIONS = ("rate(5minutes)", "rate(15minutes)", "rate(1hours)", "rate(1days)")
# Profile objects a profile holds across all its object types by default (the Administrator
# Guide, "Customer Profiles data limits": "The default maximum limit for all mappings per
# profile is 1000").
PROFILE_OBJECT_LIMIT = 1000
# UpdateEventTrigger's members a call that does not send them leaves as they were.
KEPT_WHEN_UNSENT = ("ObjectTypeName", "EventTriggerConditions")


class CustomerProfilesService(TagRules, ProfileRules, FiringRules, IntentRules):
    """State and rules for one account in one region.

    ``clock`` and ``latency`` default to the shared ``clock.clock`` that
    tests and the server's ``/_localcloud/clock`` route move.
    """

    def __init__(
        self,
        account_id: str,
        region: str,
        clock: Callable[[], datetime.datetime] = shared_clock.now,
        latency: Callable[[], datetime.timedelta] = lambda: shared_clock.latency,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition_of(region)
        self._clock = clock
        self._latency = latency
        self._lock = threading.RLock()
        self._domains: SortedDict = SortedDict()

    # -- helpers -------------------------------------------------------------

    def arn(self, resource: str) -> str:
        return arn("profile", self.region, self.account_id, resource)

    def _tick(self, previous: datetime.datetime | None = None) -> datetime.datetime:
        """Now, but always after ``previous``, so LastUpdatedAt visibly moves."""
        now = self._clock()
        if previous is not None and now <= previous:
            now = previous + datetime.timedelta(milliseconds=1)
        return now

    def _state(self, domain_name: str) -> DomainState:
        state: DomainState | None = self._domains.get(domain_name)
        if state is None:
            # guess: not-found-messages
            raise ResourceNotFoundException(f"Domain '{domain_name}' does not exist")
        return state

    def _find(self, domain_name: str, kind: str, key: str) -> Any:
        """The ``kind`` (a collection of ``DomainState``) entity ``key``, or not found."""
        with self._lock:
            found = getattr(self._state(domain_name), kind).get(key)
            if found is None:
                raise ResourceNotFoundException(
                    f"{NOUNS[kind]} '{key}' does not exist in domain '{domain_name}'"
                )
            return found

    def _delete(self, domain_name: str, kind: str, key: str) -> str:
        with self._lock:
            self._find(domain_name, kind, key)
            del getattr(self._domains[domain_name], kind)[key]
        return f"{NOUNS[kind]} {key} was deleted."

    def _list(
        self, domain_name: str, kind: str, next_token: str | None, max_results: int | None
    ) -> tuple[list[Any], str | None]:
        with self._lock:
            items = getattr(self._state(domain_name), kind)
            scope = f"{kind.replace('_', '-')}/{domain_name}"
            return paginate(items, scope, next_token, max_results)

    def _stamps(self, old: Stamped | None, tags: dict[str, str] | None) -> dict[str, Any]:
        """CreatedAt, LastUpdatedAt, tags of a put: a replace keeps CreatedAt, tags unless given.

        guess: put-tags-replace
        """
        now = self._tick(old.last_updated_at if old else None)
        return {
            "created_at": old.created_at if old else now,
            "last_updated_at": now,
            "tags": old.tags if old and tags is None else dict(tags or {}),
        }

    def _require_object_type(self, state: DomainState, name: str) -> None:
        if name not in state.object_types:  # guess: missing-object-type-bad-request
            raise BadRequestException(
                f"Object type '{name}' does not exist in domain '{state.domain.name}'"
            )

    # -- domains -------------------------------------------------------------

    def create_domain(self, name: str, settings: Json, tags: dict[str, str] | None) -> Domain:
        with self._lock:
            if name in self._domains:
                # guess: duplicate-object-messages
                raise BadRequestException(f"Domain {name} already exists")
            stamps = self._stamps(None, tags)
            domain = Domain(name, self.arn(f"domains/{name}"), copy.deepcopy(settings), **stamps)
            self._domains[name] = DomainState(domain)
            return domain

    def update_domain(self, name: str, changes: Json, tags: dict[str, str] | None) -> Domain:
        """Change only what is sent; an empty DeadLetterQueueUrl or DefaultEncryptionKey clears it.

        guess: update-domain-partial
        """
        with self._lock:
            state = self._state(name)
            old = state.domain
            settings = {**copy.deepcopy(old.settings), **copy.deepcopy(changes)}
            for key in CLEARED_BY_EMPTY:
                if settings.get(key) == "":
                    del settings[key]
            state.domain = replace(old, settings=settings, **self._stamps(old, tags))
            return state.domain

    def get_domain(self, name: str) -> Domain:
        with self._lock:
            return self._state(name).domain

    def domain_stats(self, name: str) -> Json:
        with self._lock:
            return self._state(name).data.stats()

    def delete_domain(self, name: str) -> str:
        """Removes the domain and all it holds (object types, integrations, triggers, tags)."""
        with self._lock:
            self._state(name)
            del self._domains[name]
        return f"Domain {name} was deleted."

    def list_domains(
        self, next_token: str | None, max_results: int | None
    ) -> tuple[list[Domain], str | None]:
        with self._lock:
            states, token = paginate(self._domains, "domains", next_token, max_results)
            return [state.domain for state in states], token

    # -- object types --------------------------------------------------------

    def put_profile_object_type(
        self, domain_name: str, name: str, settings: Json, tags: dict[str, str] | None
    ) -> ObjectType:
        """Create or replace; CreatedAt survives a replace, tags too unless given."""
        with self._lock:
            state = self._state(domain_name)
            stamps = self._stamps(state.object_types.get(name), tags)
            arn = self.arn(f"domains/{domain_name}/object-types/{name}")
            made = ObjectType(domain_name, name, arn, copy.deepcopy(settings), **stamps)
            state.object_types[name] = made
            return made

    def get_profile_object_type(self, domain_name: str, name: str) -> ObjectType:
        return cast(ObjectType, self._find(domain_name, "object_types", name))

    def available_object_count(self, domain_name: str, name: str) -> int:
        """MaxAvailableProfileObjectCount: the per-profile limit less what the domain's other
        object types are assigned (MaxProfileObjectCount). guess: max-available-object-count
        """
        with self._lock:
            others = self._state(domain_name).object_types
            assigned = sum(
                int(made.settings.get("MaxProfileObjectCount", 0))
                for key, made in others.items()
                if key != name
            )
            return max(PROFILE_OBJECT_LIMIT - assigned, 0)

    def delete_profile_object_type(self, domain_name: str, name: str) -> str:
        """Removes the type, its objects, and the integrations from it.

        guess: object-type-delete-removes-integrations
        """
        with self._lock:
            message = self._delete(domain_name, "object_types", name)
            objects = self._domains[domain_name].data.objects
            for key in [key for key, made in objects.items() if made.object_type_name == name]:
                del objects[key]
            integrations = self._domains[domain_name].integrations
            for uri in [uri for uri, made in integrations.items() if name in made.object_types()]:
                del integrations[uri]
            return message

    def list_profile_object_types(
        self, domain_name: str, next_token: str | None, max_results: int | None
    ) -> tuple[list[ObjectType], str | None]:
        return self._list(domain_name, "object_types", next_token, max_results)

    # -- integrations --------------------------------------------------------

    def put_integration(self, domain_name: str, params: Json) -> Integration:
        """Create or replace the integration of ``Uri`` (or of the flow it defines)."""
        with self._lock:
            state = self._state(domain_name)
            settings = copy.deepcopy(params)
            tags = settings.pop("Tags", None)
            uri = settings.pop("Uri", None)
            flow = settings.pop("FlowDefinition", None)
            settings.setdefault("Scope", "PROFILE")  # the model's documented default
            if uri is None and flow is None:
                raise BadRequestException("Either Uri or FlowDefinition must be provided")
            if flow is not None:
                _check_schedule(flow)
            if uri is None:
                uri = arn("appflow", self.region, self.account_id, f"flow/{flow['FlowName']}")
                settings["WorkflowId"] = flow["FlowName"]
            names = [settings.get("ObjectTypeName"), *settings.get("ObjectTypeNames", {}).values()]
            if not any(names):
                raise BadRequestException(
                    "Either ObjectTypeName or ObjectTypeNames must be provided"
                )
            for object_type in filter(None, names):
                self._require_object_type(state, object_type)
            for trigger in settings.get("EventTriggerNames", []):
                if trigger not in state.event_triggers:
                    raise BadRequestException(
                        f"Event trigger '{trigger}' does not exist in domain '{domain_name}'"
                    )
            made = Integration(
                domain_name, uri, settings, **self._stamps(state.integrations.get(uri), tags)
            )
            state.integrations[uri] = made
            return made

    def get_integration(self, domain_name: str, uri: str) -> Integration:
        return cast(Integration, self._find(domain_name, "integrations", uri))

    def delete_integration(self, domain_name: str, uri: str) -> str:
        return self._delete(domain_name, "integrations", uri)

    def list_integrations(
        self, domain_name: str, next_token: str | None, max_results: int | None
    ) -> tuple[list[Integration], str | None]:
        return self._list(domain_name, "integrations", next_token, max_results)

    def list_account_integrations(
        self, uri: str, next_token: str | None, max_results: int | None
    ) -> tuple[list[Integration], str | None]:
        """The integrations of ``uri`` in every domain of the account and region, by domain.

        None found is an empty page. guess: account-integrations-empty
        """
        with self._lock:
            found = SortedDict(
                (name, state.integrations[uri])
                for name, state in self._domains.items()
                if uri in state.integrations
            )
            return paginate(found, f"account-integrations/{uri}", next_token, max_results)

    # -- event triggers ------------------------------------------------------

    def create_event_trigger(
        self,
        domain_name: str,
        name: str,
        object_type_name: str,
        conditions: list[Json],
        settings: Json | None = None,
        tags: dict[str, str] | None = None,
    ) -> EventTrigger:
        """``settings``: the request's other members (Description, SegmentFilter, ...), kept as
        given and answered back, so every member the request carries is stored."""
        with self._lock:
            state = self._state(domain_name)
            if name in state.event_triggers:
                raise BadRequestException(  # guess: duplicate-object-messages
                    f"Event trigger with name {name} already exists in domain {domain_name}"
                )
            self._require_object_type(state, object_type_name)
            self.intent_filter_problem(state, (settings or {}).get("IntentFilterDefinition"))
            given = {
                **copy.deepcopy(settings or {}),
                "ObjectTypeName": object_type_name,
                "EventTriggerConditions": copy.deepcopy(conditions),
            }
            now = self._tick()
            made = EventTrigger(
                domain_name=domain_name,
                name=name,
                arn=self.arn(f"domains/{domain_name}/event-triggers/{name}"),
                settings=given,
                created_at=now,
                last_updated_at=now,
                tags=dict(tags or {}),
            )
            state.event_triggers[name] = made
            return made

    def get_event_trigger(self, domain_name: str, name: str) -> EventTrigger:
        return cast(EventTrigger, self._find(domain_name, "event_triggers", name))

    def update_event_trigger(self, domain_name: str, name: str, changes: Json) -> EventTrigger:
        """Replace the trigger's members with ``changes``; unsent optional ones are removed.

        guess: update-clears-unsent

        ObjectTypeName and EventTriggerConditions are kept when not sent: create
        requires them, so a trigger never goes without.
        """
        with self._lock:
            old = self.get_event_trigger(domain_name, name)
            state = self._state(domain_name)
            if "ObjectTypeName" in changes:
                self._require_object_type(state, changes["ObjectTypeName"])
            self.intent_filter_problem(state, changes.get("IntentFilterDefinition"))
            kept = {key: old.settings[key] for key in KEPT_WHEN_UNSENT}
            updated = replace(
                old,
                settings={**copy.deepcopy(kept), **copy.deepcopy(changes)},
                last_updated_at=self._tick(old.last_updated_at),
            )
            state.event_triggers[name] = updated
            return updated

    def delete_event_trigger(self, domain_name: str, name: str) -> str:
        """Removes the trigger and its tags; refused while an integration names it.

        The API reference: "An Event Trigger with an active Integration cannot be
        deleted". guess: trigger-in-use-message
        """
        with self._lock:
            self._find(domain_name, "event_triggers", name)
            for uri, made in self._domains[domain_name].integrations.items():
                if name in made.settings.get("EventTriggerNames", []):
                    raise BadRequestException(
                        f"Event trigger '{name}' cannot be deleted: it is used by the "
                        f"active integration '{uri}'"
                    )
            self.forget_firings(self._domains[domain_name], name)
            return self._delete(domain_name, "event_triggers", name)

    def list_event_triggers(
        self, domain_name: str, next_token: str | None, max_results: int | None
    ) -> tuple[list[EventTrigger], str | None]:
        return self._list(domain_name, "event_triggers", next_token, max_results)


def _check_schedule(flow: Json) -> None:
    """A scheduled flow's ScheduleExpression is one of the four the service takes."""
    properties = flow.get("TriggerConfig", {}).get("TriggerProperties", {})
    expression = properties.get("Scheduled", {}).get("ScheduleExpression")
    if expression is not None and expression.lower() not in SCHEDULE_EXPRESSIONS:
        raise BadRequestException(
            f"{expression} is not a supported schedule expression "
            f"(Customer Profiles takes {', '.join(SCHEDULE_EXPRESSIONS)})"
        )
