"""Predictive Intent: intent definitions, the intent types, and profiles' intents (no moto).

A mixin of ``CustomerProfilesService``, for the operations botocore 1.44.18
added: PutIntentDefinition (create or replace which intent types a domain
enables), GetIntentDefinition, DeleteIntentDefinition, ListIntentTypes and
BatchGetIntentForProfile. Their rules are the model's documentation: each
IntentConfig sets exactly one type, each type at most once, at least one
enabled; Tags only when the definition is made.

AWS generates a profile's intents from its web clickstream; offline a test
says what they are (``set_profile_intents``, the ``profile-intents`` control
route, ``intents set``), as it says who is in a segment. BatchGetIntentForProfile
answers them; an event trigger's ``IntentFilterDefinition`` (``intent_filter``)
is checked against them when it fires. An intent type the definition does not
enable has no intents: BatchGetIntentForProfile answers INTENT_NOT_ENABLED, and
a filter on it is not met.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from localcloud.core.regions import service_model

from .exceptions import BadRequestException, ResourceNotFoundException
from .intent_filter import LEVEL_TYPES, LEVELS, problem
from .models import DomainState, IntentDefinition, Json, intent_type
from .paging import paginate
from .protocol import SERVICE_NAME

# The types whose intent is a classification (``Value``); the others' is a ``Summary``.
VALUE_TYPES = LEVEL_TYPES
SUMMARY_MAX = 4000  # IntentResult.Summary: sensitiveString1To4000
# ListIntentTypes' descriptions, in the emulator's words (AWS's are not published).
DESCRIPTIONS = {
    "PRICE_SENSITIVITY": "How sensitive the profile is to price: HIGH or LOW.",
    "WEB_SESSION_SUMMARY": "A summary of the profile's recent web sessions.",
    "UPGRADE_UPSELL_PROPENSITY": "How likely the profile is to take an upgrade or upsell.",
    "LAST_SEARCH_INTENT": "What the profile last searched for.",
}


def model_enum(shape: str) -> tuple[str, ...]:
    """The values of an enum shape of the installed model; none if it lacks the shape."""
    model = service_model(SERVICE_NAME)
    if shape not in model.shape_names:
        return ()
    return tuple(model.shape_for(shape).metadata.get("enum", ()))


class IntentRules:
    """The intent operations and profiles' intents, over the service's domains."""

    _lock: threading.RLock
    _state: Callable[[str], DomainState]
    _find: Callable[[str, str, str], Any]
    _delete: Callable[[str, str, str], str]
    _stamps: Callable[..., dict[str, Any]]
    _candidates: Callable[[DomainState, str, set[str]], set[str]]
    arn: Callable[[str], str]

    # -- intent definitions --------------------------------------------------

    def put_intent_definition(
        self, domain_name: str, intent_domain: str, intents: list[Json], tags: Json | None
    ) -> IntentDefinition:
        """Create or replace; tags only when it is made (the model's documentation)."""
        seen: set[str] = set()
        for index, config in enumerate(intents):
            if len(config) != 1:
                raise BadRequestException(
                    f"Intents[{index}] must configure exactly one intent type, not {len(config)}"
                )
            kind = intent_type(next(iter(config)))
            if kind in seen:
                raise BadRequestException(f"Intents[{index}]: {kind} is configured twice")
            seen.add(kind)
        with self._lock:
            state = self._state(domain_name)
            old: IntentDefinition | None = state.intent_definitions.get(intent_domain)
            if old is not None and tags is not None:
                raise BadRequestException(
                    "Tags can be given only when the intent definition is made; "
                    "use TagResource to change them"
                )
            arn = self.arn(f"domains/{domain_name}/intents/{intent_domain}")
            made = IntentDefinition(  # guess: intent-definition-arn
                domain_name,
                intent_domain,
                arn,
                [dict(config) for config in intents],
                **self._stamps(old, tags),
            )
            if not made.enabled():
                raise BadRequestException("At least one intent type must be enabled")
            state.intent_definitions[intent_domain] = made
            return made

    def get_intent_definition(self, domain_name: str, intent_domain: str) -> IntentDefinition:
        found: IntentDefinition = self._find(domain_name, "intent_definitions", intent_domain)
        return found

    def delete_intent_definition(self, domain_name: str, intent_domain: str) -> None:
        self._delete(domain_name, "intent_definitions", intent_domain)

    def enabled_intents(self, state: DomainState) -> set[str]:
        """Every intent type the domain's intent definitions enable."""
        found: set[str] = set()
        for definition in state.intent_definitions.values():
            found |= definition.enabled()
        return found

    def intent_filter_problem(self, state: DomainState, definition: Json | None) -> None:
        """BadRequestException naming what is wrong with a trigger's IntentFilterDefinition."""
        if definition is None:
            return
        wrong = problem(definition, self.enabled_intents(state))
        if wrong is not None:
            raise BadRequestException(wrong)

    # -- intent types ----------------------------------------------------------

    def list_intent_types(
        self, intent_domain: str | None, next_token: str | None, max_results: int | None
    ) -> tuple[list[Json], str | None]:
        """The model's intent types, one group per intent domain (10 groups a page at most)."""
        groups = SortedDict(
            (domain, {"IntentDomain": domain, "Types": self._intent_types()})
            for domain in model_enum("IntentDomain")
            if intent_domain in (None, domain)
        )
        return paginate(groups, "intent-types", next_token, max_results or 10)

    @staticmethod
    def _intent_types() -> list[Json]:
        return [
            {"IntentType": kind, "Description": DESCRIPTIONS.get(kind, kind.replace("_", " "))}
            for kind in model_enum("IntentType")
        ]

    # -- profiles' intents ---------------------------------------------------

    def set_profile_intents(
        self, domain_name: str, profile_id: str, intents: Mapping[str, str]
    ) -> None:
        """The profile's intents from now on (replacing what it had): type -> value."""
        known = model_enum("IntentType")
        if not known:
            raise BadRequestException(
                "The installed botocore's customer-profiles model has no intents "
                "(Predictive Intent came with botocore 1.44.18)"
            )
        for kind, value in intents.items():
            if kind not in known:
                raise BadRequestException(f"{kind!r} is not an intent type: {', '.join(known)}")
            if kind in VALUE_TYPES and value not in LEVELS:
                raise BadRequestException(f"{kind} is {' or '.join(reversed(LEVELS))}")
            if not isinstance(value, str) or not 1 <= len(value) <= SUMMARY_MAX:
                raise BadRequestException(f"{kind} must be text of 1 to {SUMMARY_MAX} characters")
        with self._lock:
            self._state(domain_name).data.intents[profile_id] = dict(intents)

    def profile_intents(self, domain_name: str) -> dict[str, dict[str, str]]:
        with self._lock:
            found = self._state(domain_name).data.intents
            return {profile: dict(found[profile]) for profile in sorted(found) if found[profile]}

    def intents_of(self, state: DomainState, profile_id: str | None) -> dict[str, str]:
        """The profile's intents of the types the domain enables: what AWS would generate."""
        enabled = self.enabled_intents(state)
        held = state.data.intents.get(profile_id or "", {})
        return {kind: value for kind, value in held.items() if kind in enabled}

    def batch_get_intent_for_profile(
        self,
        domain_name: str,
        intent_domain: str,
        kinds: list[str],
        key_name: str,
        key_values: list[str],
    ) -> Json:
        """The profile's intents of ``kinds``, the others as errors (partial success)."""
        with self._lock:
            state = self._state(domain_name)
            found = sorted(self._candidates(state, key_name, {"_".join(key_values)}))
            if not found:
                raise ResourceNotFoundException("No profile matches the search key")
            if len(found) > 1:
                raise BadRequestException(
                    f"The search key matches {len(found)} profiles; it must match exactly one"
                )
            definition = state.intent_definitions.get(intent_domain)
            enabled = definition.enabled() if definition else set()
            held = state.data.intents.get(found[0], {})
            results, errors = [], []
            for kind in kinds:
                if kind not in enabled:
                    errors.append(_error(kind, "INTENT_NOT_ENABLED", "not enabled"))
                elif kind not in held:
                    errors.append(_error(kind, "INSUFFICIENT_DATA", "no intent for the profile"))
                else:
                    place = "Value" if kind in VALUE_TYPES else "Summary"
                    results.append({"IntentType": kind, place: held[kind]})
            return {"Intents": results, "Errors": errors}


def _error(kind: str, code: str, why: str) -> Json:
    return {"IntentType": kind, "Code": code, "Message": f"{kind}: {why}"}
