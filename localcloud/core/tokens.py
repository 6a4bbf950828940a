"""The page-token codec every local service uses: base64 of JSON, scoped.

A token carries its scope (which listing issued it) and a value (where the next
page starts). ``decode`` refuses a token of another scope, or anything that is
not a token, with ``InvalidToken``; each service words that error itself.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any


class InvalidToken(ValueError):
    """The token was not issued by this codec for this scope."""


def encode(scope: str, value: Any) -> str:
    """An opaque token for ``value`` (anything JSON can hold) within ``scope``."""
    raw = json.dumps({"s": scope, "k": value}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode(scope: str, token: str) -> Any:
    """The value ``encode(scope, value)`` put in ``token``; ``InvalidToken`` otherwise."""
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
    except (binascii.Error, ValueError):
        raise InvalidToken("not a page token") from None
    if not isinstance(data, dict) or data.get("s") != scope or "k" not in data:
        raise InvalidToken(f"not a page token of {scope}")
    return data["k"]
