"""Firing: the triggers an ingested object fires, their limits, and the deliveries (no moto).

A mixin of ``CustomerProfilesService``. When PutProfileObject ingests an
object (``profiles``), every trigger of its object type that an integration
names in ``EventTriggerNames`` is evaluated (``evaluation.evaluate``), each
at most once (guess: active-triggers; guess: ingestion-fires), before the
object is stored (``_firings``); the firings are recorded with it (``_record``). A trigger that
fires is counted against its Periods for that profile and delivered once per
integration that names it (guess: one-delivery-per-integration), as the entry
of PutProfileOutboundRequestBatch that Customer Profiles sends the campaign
(guess: delivery-entry). Deliveries are kept in the domain's state, so a
reset (or DeleteDomain) forgets them.

Segment membership is set by tests (``set_segment_members``): segment
definitions are not emulated.
"""

from __future__ import annotations

import datetime
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from localcloud.core.regions import service_model

from .evaluation import (
    CAMPAIGN_EXPIRATION_CAP_MS,
    Trace,
    evaluate,
    expiration_ms,
    longest_window,
)
from .exceptions import BadRequestException
from .models import Delivery, DomainState, EventTrigger, Json, ObjectType, ProfileObject
from .profiles import field_values, key_values, parse_object

CAMPAIGN_ARN_SERVICE = "connect-campaigns"
# The members of the campaign request (connectcampaignsv2's ProfileOutboundRequest) a firing writes.
DELIVERY_MEMBERS = ("clientToken", "profileId", "expirationTime", "eventTriggerContext")
# The object type a communication widget (web notification) campaign's integration needs.
WEB_NOTIFICATION_TYPE = "Campaign-WebNotification"


@dataclass(frozen=True)
class Firing:
    """A trigger an ingested object fires: when, the window its Periods look back over
    (``horizon``), and one delivery per integration that names it."""

    trigger_name: str
    profile_id: str
    fired_at: datetime.datetime
    horizon: datetime.datetime
    deliveries: tuple[Delivery, ...]


def campaign_id(uri: str) -> str | None:
    """The id of an outbound campaign ARN: ``arn:...:connect-campaigns:...:campaign/<id>``."""
    parts = uri.split(":", 5)
    if len(parts) == 6 and parts[2] == CAMPAIGN_ARN_SERVICE and parts[5].startswith("campaign/"):
        return parts[5].removeprefix("campaign/") or None
    return None


def wire_time(when: datetime.datetime) -> str:
    """An ISO 8601 UTC timestamp to the millisecond, as the campaigns API writes them."""
    text = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return f"{text[:-3]}Z"


def web_notification_context(type_name: str, obj: Json) -> Json | None:
    """The ``webNotificationContext`` of an object of the web-notification type, if it has one.

    guess: web-notification-context. Communication widget campaigns need the
    object type ``Campaign-WebNotification`` (the Administrator Guide); such an
    object's members named as WebNotificationContext's (``sessionId``,
    ``browserId`` in botocore's connectcampaignsv2 model), when strings within
    the model's lengths, are the context. Other types carry none.
    """
    if type_name != WEB_NOTIFICATION_TYPE:
        return None
    model = service_model("connectcampaignsv2")
    if "WebNotificationContext" not in model.shape_names:
        return None
    members = model.shape_for("WebNotificationContext").members  # type: ignore[attr-defined]
    found = {}
    for name, shape in members.items():
        value = obj.get(name)
        low, high = shape.metadata.get("min", 0), shape.metadata.get("max", 1 << 30)
        if isinstance(value, str) and low <= len(value) <= high:
            found[name] = value
    return found or None


def outbound_request(
    profile_id: str,
    source_event: str,
    received: datetime.datetime,
    limits: Json | None,
    web_context: Json | None = None,
) -> Json:
    """The ``profileOutboundRequests`` entry for one firing.

    guess: delivery-entry. expirationTime: received + EventExpiration, capped
    at the campaign's 15 minutes (15 minutes when there is none). A web
    notification's context is ``eventTriggerContext.channelContext``.
    """
    expiry = expiration_ms(limits, campaign=True) or CAMPAIGN_EXPIRATION_CAP_MS
    context: Json = {"sourceEvent": source_event}
    if web_context:
        context["channelContext"] = {"webNotificationContext": dict(web_context)}
    return {
        "clientToken": uuid.uuid4().hex,
        "profileId": profile_id,
        "expirationTime": wire_time(received + datetime.timedelta(milliseconds=expiry)),
        "eventTriggerContext": context,
    }


class FiringRules:
    """Evaluating and firing triggers on ingestion; segment membership; deliveries."""

    _lock: threading.RLock
    _clock: Callable[[], datetime.datetime]
    _latency: Callable[[], datetime.timedelta]
    _domains: Any
    _state: Callable[[str], DomainState]
    _find: Callable[[str, str, str], Any]
    _profile_for: Callable[..., Any]
    intents_of: Callable[[DomainState, str | None], dict[str, str]]

    def _destinations(self, state: DomainState, type_name: str) -> dict[str, list[str]]:
        """Active triggers of ``type_name`` -> the Uris of the integrations that name them.

        guess: active-triggers
        """
        found: dict[str, list[str]] = {}
        for uri, integration in state.integrations.items():
            for name in integration.settings.get("EventTriggerNames", []):
                trigger = state.event_triggers.get(name)
                if trigger is not None and trigger.object_type_name == type_name:
                    found.setdefault(name, []).append(uri)
        return found

    def _trace(
        self,
        state: DomainState,
        trigger: EventTrigger,
        object_type: ObjectType,
        obj: Json,
        profile_id: str | None,
        received: datetime.datetime,
        uris: list[str],
    ) -> Trace:
        data = state.data
        segment = data.segments.get(trigger.segment_filter or "", frozenset())
        return evaluate(
            trigger.to_dict(),
            obj,
            object_type.settings.get("Fields", {}),
            profile_id=profile_id,
            received=received,
            processed=received + self._latency(),
            segment_members=segment,
            intents=self.intents_of(state, profile_id),
            history=data.fired.get((trigger.name, profile_id or "")),
            campaign=any(campaign_id(uri) for uri in uris),
            integrations=uris,
        )

    def _firings(
        self, state: DomainState, object_type: ObjectType, obj: Json, made: ProfileObject
    ) -> list[Firing]:
        """Every active trigger of the object's type evaluated once: those that fire, with
        their deliveries. Nothing is stored, so a failure here leaves the domain as it was."""
        found = []
        for name, uris in sorted(self._destinations(state, made.object_type_name).items()):
            trigger: EventTrigger = state.event_triggers[name]
            trace = self._trace(
                state, trigger, object_type, obj, made.profile_id, made.received_at, uris
            )
            if not trace.fired:
                continue
            fired_at = made.received_at + self._latency()
            web_context = web_notification_context(made.object_type_name, obj)
            deliveries = [  # guess: one-delivery-per-integration
                Delivery(
                    state.domain.name,
                    name,
                    uri,
                    campaign_id(uri),
                    made.object_type_name,
                    made.unique_key,
                    fired_at,
                    outbound_request(
                        made.profile_id, made.text, made.received_at, trigger.limits, web_context
                    ),
                )
                for uri in uris
            ]
            horizon = fired_at - longest_window(trigger.limits)
            found.append(Firing(name, made.profile_id, fired_at, horizon, tuple(deliveries)))
        return found

    @staticmethod
    def _record(state: DomainState, firings: list[Firing]) -> None:
        """Count each firing against its trigger's Periods for the profile; keep its deliveries."""
        data = state.data
        for firing in firings:
            history = data.fired.setdefault((firing.trigger_name, firing.profile_id), [])
            history[:] = [*(when for when in history if when > firing.horizon), firing.fired_at]
            data.deliveries.extend(firing.deliveries)

    def forget_firings(self, state: DomainState, trigger_name: str) -> None:
        """A deleted trigger's firing history goes with it (its deliveries stay on record)."""
        for key in [key for key in state.data.fired if key[0] == trigger_name]:
            del state.data.fired[key]

    # -- for tests and the explain command ----------------------------------

    def explain(
        self, domain_name: str, trigger_name: str, text: str, profile_id: str | None = None
    ) -> Trace:
        """What ingesting ``text`` now would do with ``trigger_name``; nothing is stored."""
        obj = parse_object(text)
        with self._lock:
            state = self._state(domain_name)
            trigger: EventTrigger = self._find(domain_name, "event_triggers", trigger_name)
            object_type: ObjectType = self._find(
                domain_name, "object_types", trigger.object_type_name
            )
            if profile_id is None:
                keys = key_values(
                    object_type, field_values(obj, object_type.settings.get("Fields", {}))
                )
                try:
                    profile_id = self._profile_for(state, object_type, keys).profile_id
                except BadRequestException:
                    profile_id = None
            uris = self._destinations(state, trigger.object_type_name).get(trigger_name, [])
            return self._trace(state, trigger, object_type, obj, profile_id, self._clock(), uris)

    def has_domain(self, domain_name: str) -> bool:
        with self._lock:
            return domain_name in self._domains

    def set_segment_members(self, domain_name: str, segment: str, profile_ids: list[str]) -> None:
        """The profiles in ``segment`` from now on (replacing what it held)."""
        with self._lock:
            self._state(domain_name).data.segments[segment] = frozenset(profile_ids)

    def segment_members(self, domain_name: str) -> dict[str, list[str]]:
        with self._lock:
            segments = self._state(domain_name).data.segments
            return {name: sorted(members) for name, members in sorted(segments.items())}

    def deliveries(self, domain_name: str | None = None, trigger: str | None = None) -> list[Json]:
        """Every delivery so far, oldest first; of one domain and one trigger if given."""
        with self._lock:
            found = []
            for name, state in self._domains.items():
                if domain_name is not None and name != domain_name:
                    continue
                found += [
                    delivery.to_dict()
                    for delivery in state.data.deliveries
                    if trigger is None or delivery.trigger_name == trigger
                ]
            return found

    def clear_deliveries(self, domain_name: str | None = None, trigger: str | None = None) -> None:
        """Forget deliveries (of one domain, one trigger); limits still count those firings."""
        with self._lock:
            for name, state in self._domains.items():
                if domain_name is None or name == domain_name:
                    state.data.deliveries[:] = [
                        delivery
                        for delivery in state.data.deliveries
                        if trigger is not None and delivery.trigger_name != trigger
                    ]
