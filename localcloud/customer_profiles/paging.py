"""Pages of a listing in key order, with ``localcloud.core.tokens`` as the NextToken.

Each collection is a ``SortedDict``; the token holds the listing's scope and
the last key of the page, and the next page bisects to it: O(log n + page)
whatever the size of the collection.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from sortedcontainers import SortedDict  # type: ignore[import-untyped]

from localcloud.core import tokens

from .exceptions import BadRequestException

DEFAULT_PAGE_SIZE = 100


def _last_key(scope: str, token: str) -> str:
    """The last key of the previous page; ``BadRequestException`` if not one of ours."""
    try:
        key = tokens.decode(scope, token)
    except tokens.InvalidToken:
        key = None
    if not isinstance(key, str):
        raise BadRequestException("The NextToken is invalid or has expired")
    return key


def paginate(
    items: SortedDict, scope: str, next_token: str | None, max_results: int | None
) -> tuple[list[Any], str | None]:
    """One page in key order, bisecting to the token: O(log n + page)."""
    size = DEFAULT_PAGE_SIZE if max_results is None else max_results
    keys: Iterator[str]
    if next_token is None:
        keys = iter(items.keys())
    else:
        keys = items.irange(minimum=_last_key(scope, next_token), inclusive=(False, True))
    page = list(islice(keys, size + 1))
    more = len(page) > size
    page = page[:size]
    token = tokens.encode(scope, page[-1]) if more and page else None
    return [items[key] for key in page], token
