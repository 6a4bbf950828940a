"""ListResources paging over the list handler's own pages.

The model documents MaxResults as "Reserved", so it is honoured as a cap:
without it, one Cloud Control page is one handler page; with it, handler pages
are read until MaxResults resources are gathered, and the NextToken records the
handler page and how far into it the next Cloud Control page starts. That page
is read again on the next call (the token carries no resources), which keeps
the server stateless between pages. The token also carries a digest of the
ResourceModel, so it cannot be replayed against another domain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from localcloud.core import tokens
from localcloud.registry_handler import HandlerResult

from .exceptions import CloudControlError

_SCOPE = "resources"
MAX_HANDLER_PAGES = 100  # per Cloud Control page: a guard against a handler that never ends

ReadPage = Callable[[str | None], HandlerResult]


@dataclass(frozen=True)
class Position:
    """Where the next Cloud Control page starts."""

    handler_token: str | None
    skip: int
    digest: str

    def encode(self) -> str:
        return tokens.encode(_SCOPE, {"h": self.handler_token, "s": self.skip, "d": self.digest})

    @classmethod
    def decode(cls, token: str, digest: str) -> Position:
        try:
            fields = tokens.decode(_SCOPE, token)
            position = cls(fields["h"], int(fields["s"]), str(fields["d"]))
        except (ValueError, TypeError, KeyError):  # InvalidToken is a ValueError
            raise CloudControlError(
                "InvalidRequestException", "The NextToken is not valid"
            ) from None
        if position.digest != digest or position.skip < 0:
            raise CloudControlError(
                "InvalidRequestException", "The NextToken was issued for a different ResourceModel"
            )
        return position


def model_digest(model: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(model, sort_keys=True).encode()).hexdigest()[:16]


def collect(
    read_page: ReadPage, start: Position, max_results: int | None
) -> tuple[list[dict[str, Any]], Position | None, HandlerResult | None]:
    """Resources for one page, where the next page starts, and a handler failure if any."""
    gathered: list[dict[str, Any]] = []
    position: Position | None = start
    for _ in range(MAX_HANDLER_PAGES):
        assert position is not None
        result = read_page(position.handler_token)
        if result.status != "SUCCESS":
            return [], None, result
        models = list(result.models)[position.skip :]
        room = len(models) if max_results is None else max_results - len(gathered)
        gathered.extend(models[:room])
        if room < len(models):
            return (
                gathered,
                Position(position.handler_token, position.skip + room, start.digest),
                None,
            )
        if not result.next_token:
            return gathered, None, None
        position = Position(result.next_token, 0, start.digest)
        if max_results is None or len(gathered) >= max_results:
            return gathered, position, None
    return gathered, position, None
