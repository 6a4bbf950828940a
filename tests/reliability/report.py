"""Figures the reliability tests measure, printed once at the end of the run.

Tests add to ``FIGURES`` as they go; ``conftest.pytest_terminal_summary``
prints whatever was gathered, so a partial run still reports what it measured.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Figures:
    """What the run measured; counters start at zero so partial runs still print."""

    fault_cases: Counter[str] = field(default_factory=Counter)  # outcome -> cases
    fault_matrix: tuple[int, int, int] = (0, 0, 0)  # handlers, call sites, faults
    lost_responses: Counter[str] = field(default_factory=Counter)  # outcome -> call sites
    races: list[str] = field(default_factory=list)
    hypothesis_examples: Counter[str] = field(default_factory=Counter)  # test -> examples
    invalid_cases: Counter[str] = field(default_factory=Counter)  # outcome -> cases
    identifiers_refused: Counter[str] = field(default_factory=Counter)  # route -> cases
    oversized: list[str] = field(default_factory=list)
    secret_runs: Counter[str] = field(default_factory=Counter)  # kind of run -> runs scanned
    secret_outputs: int = 0  # log records, stdout/stderr and messages searched
    secret_hits: Counter[str] = field(default_factory=Counter)  # origin -> secrets found
    exposure: list[str] = field(default_factory=list)
    privilege: list[str] = field(default_factory=list)


FIGURES = Figures()


def scanned(kind: str, outputs: int, origins: list[str]) -> None:
    """Counts one scanned run: its outputs, and where any secret turned up."""
    FIGURES.secret_runs[kind] += 1
    FIGURES.secret_outputs += outputs
    FIGURES.secret_hits.update(origins)
