"""Profile data: PutProfileObject, ListProfileObjects, DeleteProfileObject, SearchProfiles,
BatchGetProfile (no moto here).

A mixin of ``CustomerProfilesService``. PutProfileObject reads the object type's
``Fields`` (each ``Source`` a ``_source.<path>`` of the object, each ``Target``
a ``_profile.<member>`` of the profile or another type's member) and ``Keys``
(their ``FieldNames`` and ``StandardIdentifiers``): a ``PROFILE`` key's value
finds the profile; with none found, ``AllowProfileCreation`` makes one. The
object is then stored under its ``UNIQUE`` key (re-ingesting it replaces it)
and the triggers of its type are evaluated (``firing``). Nothing is stored
when the call fails.

EMAIL_ADDRESS and NAME values match whatever their case and PHONE_NUMBER
values whatever their formatting (the Administrator Guide's object type
mappings); STRING values match exactly.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import threading
import uuid
from collections.abc import Callable
from typing import Any

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from localcloud.core import json_text

from .evaluation import MISSING, read_source
from .exceptions import BadRequestException, ResourceNotFoundException
from .models import DomainState, Json, ObjectType, Profile, ProfileObject
from .operators import as_text
from .paging import paginate
from .protocol import profile_members

PROFILE_ID_KEY = "_profileId"


def _normalised(value: str, content_type: str | None) -> str:
    if content_type in ("EMAIL_ADDRESS", "NAME"):
        return value.casefold()
    if content_type == "PHONE_NUMBER":
        return "".join(c for c in value if c.isdigit() or c == "+")
    return value


def parse_object(text: str) -> Json:
    """The object PutProfileObject stores; refused whole when it is not JSON that can be
    stored and written out again (``json_text``: NaN, lone surrogates, too deep)."""
    try:
        found = json_text.loads(text, "Object")
    except ValueError as error:
        raise BadRequestException(str(error)) from None
    if not isinstance(found, dict):
        raise BadRequestException("Object must be a JSON object")
    return found


def field_values(obj: Json, fields: dict[str, Json]) -> dict[str, Any]:
    """Each field's value in ``obj`` (fields with no value left out)."""
    found = {}
    for name, mapping in fields.items():
        value, _ = read_source(str(mapping.get("Source", "")), obj, fields)
        if value is not MISSING:
            found[name] = value
    return found


def key_values(object_type: ObjectType, values: dict[str, Any]) -> dict[str, tuple[str, set[str]]]:
    """Each key with a value: (the value, its StandardIdentifiers)."""
    fields: dict[str, Json] = object_type.settings.get("Fields", {})
    found = {}
    for key_name, definitions in object_type.settings.get("Keys", {}).items():
        for definition in definitions:
            names = definition.get("FieldNames", [])
            texts = [as_text(values.get(name)) for name in names]
            if names and None not in texts:
                parts = [
                    _normalised(text or "", fields.get(name, {}).get("ContentType"))
                    for name, text in zip(names, texts, strict=True)
                ]
                found[key_name] = ("_".join(parts), set(definition.get("StandardIdentifiers", [])))
                break
    return found


def profile_attributes(old: Json, values: dict[str, Any], fields: dict[str, Json]) -> Json:
    """``old`` with each ``_profile.<member>[.<name>]`` Target set from ``values``."""
    members = profile_members()
    found = copy.deepcopy(old)
    for name, mapping in fields.items():
        target = str(mapping.get("Target", ""))
        if not target.startswith("_profile.") or name not in values:
            continue
        path = target.removeprefix("_profile.").split(".")
        if path[0] not in members or path[0] in ("ProfileId", "FoundByItems"):
            continue
        text = as_text(values[name])
        if text is None:
            continue
        place = found
        for step in path[:-1]:
            place = place.setdefault(step, {})
            if not isinstance(place, dict):
                break
        else:
            place[path[-1]] = text
    return found


class ProfileRules:
    """The profile data operations, over the service's domains."""

    _lock: threading.RLock
    _clock: Callable[[], datetime.datetime]
    _state: Callable[[str], DomainState]
    _require_object_type: Callable[[DomainState, str], None]
    _firings: Callable[..., list[Any]]
    _record: Callable[..., None]

    def put_profile_object(self, domain_name: str, type_name: str, text: str) -> str:
        """Store the object on its profile; evaluate its type's triggers; its unique key."""
        obj = parse_object(text)
        with self._lock:
            received = self._clock()
            state = self._state(domain_name)
            self._require_object_type(state, type_name)
            object_type: ObjectType = state.object_types[type_name]
            fields: dict[str, Json] = object_type.settings.get("Fields", {})
            values = field_values(obj, fields)
            keys = key_values(object_type, values)
            profile = self._profile_for(state, object_type, keys)
            unique = next((v for v, ids in keys.values() if "UNIQUE" in ids), None)
            # guess: object-unique-key
            digest = hashlib.sha256(f"{type_name}\0{unique}".encode()).hexdigest()[:32]
            unique_key = digest if unique is not None else uuid.uuid4().hex
            stored_keys = {name: value for name, (value, ids) in keys.items()}
            searchable = {
                name: value for name, (value, ids) in keys.items() if "LOOKUP_ONLY" not in ids
            }
            attributes = profile_attributes(profile.attributes, values, fields)
            made = ProfileObject(
                type_name, unique_key, profile.profile_id, text, stored_keys, received
            )
            # Triggers are evaluated before anything is stored: a failure stores nothing.
            firings = self._firings(state, object_type, obj, made)  # guess: ingestion-fires
            data = state.data
            merged = {name: set(vals) for name, vals in profile.keys.items()}
            for name, value in searchable.items():
                merged.setdefault(name, set()).add(value)
                data.index.setdefault((name, value), set()).add(profile.profile_id)
            profile = Profile(
                profile.profile_id, attributes, {k: frozenset(v) for k, v in merged.items()}
            )
            data.profiles[profile.profile_id] = profile
            data.objects[f"{type_name}\0{unique_key}"] = made
            self._record(state, firings)
            return unique_key

    def _profile_for(
        self, state: DomainState, object_type: ObjectType, keys: dict[str, tuple[str, set[str]]]
    ) -> Profile:
        """The profile a PROFILE key finds, else a new one if the type allows it."""
        data = state.data
        wanted = {name: value for name, (value, ids) in keys.items() if "PROFILE" in ids}
        if PROFILE_ID_KEY in wanted and wanted[PROFILE_ID_KEY] in data.profiles:
            return data.profiles[wanted[PROFILE_ID_KEY]]
        for name, value in wanted.items():
            found = sorted(data.index.get((name, value), ()))
            if found:
                return data.profiles[found[0]]
        if object_type.settings.get("AllowProfileCreation"):
            return Profile(uuid.uuid4().hex, {}, {})
        # guess: no-matching-profile-refused
        raise BadRequestException(
            f"No profile matches the object's PROFILE keys and object type "
            f"'{object_type.name}' does not allow profile creation (AllowProfileCreation)"
        )

    def _profile(self, state: DomainState, profile_id: str) -> Profile:
        profile = state.data.profiles.get(profile_id)
        if profile is None:
            raise ResourceNotFoundException(
                f"Profile '{profile_id}' does not exist in domain '{state.domain.name}'"
            )
        return profile

    def list_profile_objects(
        self,
        domain_name: str,
        type_name: str,
        profile_id: str,
        object_filter: Json | None,
        next_token: str | None,
        max_results: int | None,
    ) -> tuple[list[ProfileObject], str | None]:
        with self._lock:
            state = self._state(domain_name)
            self._require_object_type(state, type_name)
            self._profile(state, profile_id)
            wanted = set((object_filter or {}).get("Values", []))
            key_name = (object_filter or {}).get("KeyName")
            chosen = SortedDict(
                (key, made)
                for key, made in state.data.objects.items()
                if made.object_type_name == type_name
                and made.profile_id == profile_id
                and (key_name is None or made.keys.get(key_name) in wanted)
            )
            scope = f"profile-objects/{domain_name}/{type_name}/{profile_id}"
            return paginate(chosen, scope, next_token, max_results)

    def profile_object(self, domain_name: str, type_name: str, unique_key: str) -> ProfileObject:
        """The stored object ``unique_key`` of ``type_name`` (for the toolkit: its profile)."""
        with self._lock:
            made: ProfileObject | None = self._state(domain_name).data.objects.get(
                f"{type_name}\0{unique_key}"
            )
            if made is None:
                raise ResourceNotFoundException(
                    f"Profile object '{unique_key}' of type '{type_name}' does not exist"
                )
            return made

    def delete_profile_object(
        self, domain_name: str, type_name: str, profile_id: str, unique_key: str
    ) -> str:
        """Removes the object; triggers never fire on a delete."""
        with self._lock:
            state = self._state(domain_name)
            self._profile(state, profile_id)
            made = state.data.objects.get(f"{type_name}\0{unique_key}")
            if made is None or made.profile_id != profile_id:
                raise ResourceNotFoundException(
                    f"Profile object '{unique_key}' of type '{type_name}' does not exist "
                    f"on profile '{profile_id}'"
                )
            del state.data.objects[f"{type_name}\0{unique_key}"]
            return "Successfully deleted the profile object"

    def search_profiles(
        self,
        domain_name: str,
        key_name: str,
        values: list[str],
        additional: list[Json] | None,
        logical_operator: str | None,
        next_token: str | None,
        max_results: int | None,
    ) -> tuple[list[Json], str | None]:
        """Profiles with any of ``values`` under ``key_name``; more keys AND (default) or OR."""
        searches = [(key_name, set(values))]
        searches += [(item["KeyName"], set(item["Values"])) for item in additional or []]
        with self._lock:
            state = self._state(domain_name)
            found = SortedDict()
            candidates = set().union(
                *(self._candidates(state, name, wanted) for name, wanted in searches)
            )
            for profile in (state.data.profiles[pid] for pid in sorted(candidates)):
                hits = [
                    {"KeyName": name, "Values": sorted(self._key_hits(profile, name, wanted))}
                    for name, wanted in searches
                    if self._key_hits(profile, name, wanted)
                ]
                enough = len(hits) == len(searches) if logical_operator != "OR" else hits
                if enough:
                    answer = profile.to_dict()
                    if additional:
                        answer["FoundByItems"] = hits
                    found[profile.profile_id] = answer
            scope = f"profiles/{domain_name}/{key_name}"
            return paginate(found, scope, next_token, max_results)

    @staticmethod
    def _candidates(state: DomainState, name: str, wanted: set[str]) -> set[str]:
        """The profiles with one of ``wanted`` under key ``name`` (from the index)."""
        if name == PROFILE_ID_KEY:
            return wanted & set(state.data.profiles)
        found: set[str] = set()
        for value in wanted:
            found |= state.data.index.get((name, value), set())
        return found

    @staticmethod
    def _key_hits(profile: Profile, name: str, wanted: set[str]) -> set[str]:
        if name == PROFILE_ID_KEY:
            return wanted & {profile.profile_id}
        return wanted & set(profile.keys.get(name, ()))

    def batch_get_profile(self, domain_name: str, profile_ids: list[str]) -> Json:
        with self._lock:
            state = self._state(domain_name)
            profiles, errors = [], []
            for profile_id in profile_ids:
                found = state.data.profiles.get(profile_id)
                if found is None:
                    errors.append(
                        {
                            "Code": "ResourceNotFoundException",
                            "Message": "Profile not found",
                            "ProfileId": profile_id,
                        }
                    )
                else:
                    profiles.append(found.to_dict())
            return {"Profiles": profiles, "Errors": errors}
