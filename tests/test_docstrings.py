"""Module docstrings name what exists: every quoted dotted name in reach resolves.

The CloudFormation engine and the moto adapter are left out while they are
rewritten as moto subclasses; generated modules and ``__main__`` modules too
(importing a ``__main__`` runs its command).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tests.support.constants import ROOT
from tests.support.docstrings import module_docstring, module_name, quoted_names, unresolved

ROOTS = {
    ROOT / "localcloud": ROOT,
    ROOT / "src" / "aws_customerprofiles_eventtrigger": ROOT / "src",
}
# The Lambda runtimes' bootstraps run in a function's process: importable only there.
LEFT_OUT = (ROOT / "localcloud" / "awslambda" / "runtimes",)
GENERATED = ("models.py", "schema_validator.py", "identifier_validator.py", "schema_facts.py")


def _modules() -> list[Path]:
    return [
        path
        for package in ROOTS
        for path in sorted(package.rglob("*.py"))
        if path.name != "__main__.py"
        and not (path.parent.name == "aws_customerprofiles_eventtrigger" and path.name in GENERATED)
        and not any(folder in path.parents for folder in LEFT_OUT)
    ]


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_the_docstring_names_what_exists(path: Path) -> None:
    module = importlib.import_module(module_name(path, ROOTS))
    assert unresolved(module, module_docstring(path)) == []


def test_a_name_that_is_not_there_is_found() -> None:
    evaluation = importlib.import_module("localcloud.customer_profiles.evaluation")
    text = (
        "``Trace.render`` and ``explain.nothing()``, but ``Trace.to_dict`` and "
        "``localcloud.server.ServerControl``; ``RuleBasedMatching.Status`` is prose."
    )
    assert quoted_names(text) == [
        "Trace.render",
        "explain.nothing",
        "Trace.to_dict",
        "localcloud.server.ServerControl",
        "RuleBasedMatching.Status",
    ]
    assert unresolved(evaluation, text) == ["Trace.render", "explain.nothing"]


def test_every_module_but_those_left_out_is_checked() -> None:
    every = {path for package in ROOTS for path in package.rglob("*.py")}
    skipped = every - set(_modules())
    assert all(
        path.name in ("__main__.py", *GENERATED) or any(f in path.parents for f in LEFT_OUT)
        for path in skipped
    )
    assert ROOT / "localcloud" / "customer_profiles" / "evaluation.py" not in skipped
