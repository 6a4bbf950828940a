"""Records every API call each handler makes, across the whole test run.

The record is checked at the end of the run against the permissions the
schema declares for that handler (see ``conftest.pytest_sessionfinish``) and
is what the call-count tests read.
"""

from __future__ import annotations

import contextvars
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aws_customerprofiles_eventtrigger import actions
from aws_customerprofiles_eventtrigger import client as clients

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


def install(monkeypatch: Any) -> None:
    original_run = actions.run
    original_client = clients.customer_profiles

    def run(action: Any, session: Any, request: Any) -> Any:
        token = _current_handler.set(action.__name__.rstrip("_"))
        try:
            return original_run(action, session, request)
        finally:
            _current_handler.reset(token)

    def client(session: Any, region: Any) -> Any:
        made = original_client(session, region)
        made.meta.events.register(
            "before-parameter-build.customer-profiles", _record, unique_id="tests.api_calls"
        )
        return made

    monkeypatch.setattr(actions, "run", run)
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
