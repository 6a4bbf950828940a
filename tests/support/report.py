"""Figures the reliability tests measure, printed once at the end of the run.

Tests add to ``FIGURES`` as they go; ``tests/reliability/conftest.py`` prints
``lines(FIGURES)`` in the terminal summary, so a partial run still reports
what it measured.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.support.secret_scan import SECRETS


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
    memory: list[str] = field(default_factory=list)


FIGURES = Figures()


def scanned(kind: str, outputs: int, origins: list[str]) -> None:
    """Counts one scanned run: its outputs, and where any secret turned up."""
    FIGURES.secret_runs[kind] += 1
    FIGURES.secret_outputs += outputs
    FIGURES.secret_hits.update(origins)


def _tally(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {what}" for what, n in sorted(counter.items()))


def _tallied(label: str, counter: Counter[str]) -> list[str]:
    """``label: tally`` as the report's one line, or no line for an empty counter."""
    return [f"{label}: {_tally(counter)}"] if counter else []


def lines(figures: Figures) -> list[str]:
    """The report, a line per figure gathered (none for what was not measured)."""
    found: list[str] = []
    if figures.fault_cases:
        handlers, sites, kinds = figures.fault_matrix
        found.append(
            f"fault matrix: {handlers} handlers, {sites} call sites, {kinds} faults = "
            f"{sites * kinds} cases; {sum(figures.fault_cases.values())} run: "
            f"{_tally(figures.fault_cases)}"
        )
    found += _tallied(
        "lost responses (served, answer dropped, retried by botocore), by call site",
        figures.lost_responses,
    )
    found += figures.races
    if figures.hypothesis_examples:
        total = sum(figures.hypothesis_examples.values())
        found.append(f"hypothesis examples run: {total} ({_tally(figures.hypothesis_examples)})")
    found += _tallied("invalid models, each constraint broken in turn", figures.invalid_cases)
    found += _tallied(
        "malformed names and identifiers, no service call for any", figures.identifiers_refused
    )
    found += figures.oversized
    if figures.secret_runs:
        outside = sum(n for origin, n in figures.secret_hits.items() if origin != "wire")
        found.append(
            f"secrets scan: {len(SECRETS)} secrets searched in {figures.secret_outputs} outputs "
            f"of {sum(figures.secret_runs.values())} failing runs ({_tally(figures.secret_runs)})"
            f": {outside} found in provider logs, stdout/stderr or messages; "
            f"{figures.secret_hits['wire']} in botocore's DEBUG records"
        )
    found += figures.exposure
    found += figures.privilege
    found += figures.memory
    return found
