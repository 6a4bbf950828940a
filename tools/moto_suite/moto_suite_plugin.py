"""pytest plugin for moto's own CloudFormation tests (``tools/moto_suite/run.py``).

* Installs this project's engine (``localcloud.cloudformation.register()``)
  before any test module is imported, so every stack moto's tests make runs on it.
* Deselects the tests ``deselected.toml`` lists: each asserts a moto shortcut
  that real CloudFormation does not have, and names the AWS documentation that
  says so. An entry that matches no collected test fails the run, so the list
  never outlives the tests it names.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

DESELECTED = Path(__file__).resolve().parent / "deselected.toml"

__all__ = ["deselected"]


def deselected() -> dict[str, dict[str, str]]:
    """Test node id -> its entry (``reason``, ``source``, ``quote``)."""
    entries: list[dict[str, Any]] = tomllib.loads(DESELECTED.read_text())["test"]
    found: dict[str, dict[str, str]] = {}
    for entry in entries:
        missing = [key for key in ("id", "reason", "source", "quote") if not entry.get(key)]
        if missing:
            raise pytest.UsageError(f"{DESELECTED}: an entry lacks {missing}: {entry}")
        found[str(entry["id"])] = {k: str(v) for k, v in entry.items() if k != "id"}
    return found


def pytest_configure(config: pytest.Config) -> None:
    from localcloud.cloudformation import register

    register()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    listed = deselected()
    keep = [item for item in items if item.nodeid not in listed]
    dropped = [item for item in items if item.nodeid in listed]
    seen = {item.nodeid for item in dropped}
    # Only when the whole suite was collected: a run of one file selects fewer.
    if not config.getoption("keyword") and not config.getoption("markexpr"):
        collected_files = {item.nodeid.split("::", 1)[0] for item in items}
        stale = sorted(
            node for node in listed if node not in seen and node.split("::")[0] in collected_files
        )
        if stale:
            raise pytest.UsageError(f"{DESELECTED} lists tests that do not exist: {stale}")
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: Any) -> None:
    # Under pytest-xdist the workers deselect, so the summary line does not count them.
    paths = [str(arg).split("::", 1)[0] for arg in terminalreporter.config.args]
    count = sum(1 for node in deselected() if any(node.startswith(p) for p in paths))
    terminalreporter.write_line(
        f"{count} tests of moto's are deselected by {DESELECTED.name}: moto shortcuts "
        "CloudFormation does not have (guides/fidelity.md)"
    )
