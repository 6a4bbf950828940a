"""Tags by ARN: TagResource, UntagResource, ListTagsForResource (no moto here).

A mixin of ``CustomerProfilesService``: the ARN (``arns``) names a domain or
one of its object types, integrations or event triggers in this account and
region; anything else well-formed is ``ResourceNotFoundException``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from . import arns
from .exceptions import BadRequestException, ResourceNotFoundException
from .models import Domain

MAX_TAGS = 50


class TagRules:
    """The tag operations, over the service's domains."""

    account_id: str
    region: str
    partition: str
    _lock: threading.RLock
    _domains: SortedDict

    def _tagged(self, arn: str) -> tuple[SortedDict, str, Any]:
        """The collection, key and entity an ARN names."""
        target = arns.parse(arn)
        here = (self.partition, self.region, self.account_id)
        state = self._domains.get(target.domain)
        if (target.partition, target.region, target.account) != here or state is None:
            raise ResourceNotFoundException("The resource does not exist")
        if target.collection is None or target.name is None:
            return self._domains, target.domain, state.domain
        items = getattr(state, target.collection)
        if target.name not in items:
            raise ResourceNotFoundException("The resource does not exist")
        return items, target.name, items[target.name]

    def _retag(self, arn: str, change: Callable[[dict[str, str]], dict[str, str]]) -> None:
        with self._lock:
            items, key, entity = self._tagged(arn)
            tags = change(dict(entity.tags))
            if len(tags) > MAX_TAGS:
                raise BadRequestException(f"A resource can have at most {MAX_TAGS} tags")
            updated = replace(entity, tags=tags)
            if isinstance(updated, Domain):
                items[key].domain = updated
            else:
                items[key] = updated

    def tag_resource(self, arn: str, tags: dict[str, str]) -> None:
        self._retag(arn, lambda current: {**current, **tags})

    def untag_resource(self, arn: str, keys: list[str]) -> None:
        self._retag(arn, lambda current: {k: v for k, v in current.items() if k not in keys})

    def list_tags_for_resource(self, arn: str) -> dict[str, str]:
        with self._lock:
            return dict(self._tagged(arn)[2].tags)
