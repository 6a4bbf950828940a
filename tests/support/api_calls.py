"""Records the API calls each handler makes, for the tests that turn recording on.

Recording wraps the provider's ``actions.run`` (to know which handler runs)
and ``client.customer_profiles`` (to hook each new client), so it is opt-in:
the ``api_calls`` fixture installs it for one test, and the folders whose
tests drive handlers turn it on for all of theirs in their ``conftest.py``.
What it saw across the run is checked at the end against the permissions the
schema declares for each handler (``tests/conftest.py``), and is what the
call-count and least-privilege tests read.
"""

from __future__ import annotations

import contextvars
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger import actions, clients
from tests.support.constants import SCHEMA

# handler name in the schema ("create", "list", ...) -> IAM actions seen
SEEN: defaultdict[str, set[str]] = defaultdict(set)
_current_handler: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "handler", default=None
)
_counters: list[Counter[str]] = []


def _record(model: Any, **_: Any) -> None:
    handler = _current_handler.get()
    operation = f"profile:{model.name}"
    if handler is not None:
        SEEN[handler].add(operation)
    for counter in _counters:
        counter[model.name] += 1


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records for as long as ``monkeypatch`` keeps its patches (one test)."""
    original_run = actions.run

    def run(action: Any, session: Any, request: Any) -> Any:
        token = _current_handler.set(action.__name__.rstrip("_"))
        try:
            return original_run(action, session, request)
        finally:
            _current_handler.reset(token)

    monkeypatch.setattr(actions, "run", run)
    hook_handler_clients(
        monkeypatch, "before-parameter-build.customer-profiles", _record, "tests.api_calls"
    )


def hook_handler_clients(
    monkeypatch: pytest.MonkeyPatch, event: str, handler: Any, unique_id: str
) -> None:
    """Every Customer Profiles client the handlers make runs ``handler`` on botocore's ``event``."""
    made_by = clients.customer_profiles

    def client(session: Any, region: Any) -> Any:
        made = made_by(session, region)
        made.meta.events.register(event, handler, unique_id=unique_id)
        return made

    monkeypatch.setattr(clients, "customer_profiles", client)


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Counts the API calls handlers make inside the block, by operation."""
    counter: Counter[str] = Counter()
    _counters.append(counter)
    try:
        yield counter
    finally:
        _counters.remove(counter)


def undeclared_calls() -> dict[str, list[str]]:
    """API calls a handler made that its permissions in the schema do not declare."""
    result = {}
    for handler, seen in sorted(SEEN.items()):
        declared = set(SCHEMA["handlers"][handler]["permissions"])
        if seen - declared:
            result[handler] = sorted(seen - declared)
    return result


def summary() -> list[str]:
    """One line per handler: the calls it made across the run."""
    return [f"  {handler}: {', '.join(sorted(seen))}" for handler, seen in sorted(SEEN.items())]
