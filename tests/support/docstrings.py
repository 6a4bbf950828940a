"""The dotted names a module's docstring quotes (````a.b````) that do not exist.

A docstring that names ``Trace.render`` promises a reader that ``render`` is
there to find. A quoted dotted name is checked when its first part is
something the module can reach: a name in its namespace, a module of its
package or of a package above it, or one of the project's two top packages.
The rest of the chain must then resolve, attribute by attribute (a missing
attribute of a package may be its submodule). Quoted text whose first part is
none of these (an API member such as ``RuleBasedMatching.Status``, a path such
as ``_source.OrderId``) is prose, not checked.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any

TOP_PACKAGES = ("localcloud", "aws_customerprofiles_eventtrigger")
_QUOTED = re.compile(r"``([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\(\))?``")
_MISSING = object()


def quoted_names(docstring: str) -> list[str]:
    """The dotted names quoted in ``docstring``, in order (a trailing ``()`` dropped)."""
    return _QUOTED.findall(docstring)


def _step(found: Any, name: str) -> Any:
    if hasattr(found, name):
        return getattr(found, name)
    if isinstance(found, ModuleType) and hasattr(found, "__path__"):
        try:
            return importlib.import_module(f"{found.__name__}.{name}")
        except ImportError:
            return _MISSING
    return _MISSING


def _packages(module: ModuleType) -> list[ModuleType]:
    """The module, then each package it is in, innermost first."""
    found = [module]
    package = module.__name__ if hasattr(module, "__path__") else module.__name__.rpartition(".")[0]
    while package:
        found.append(importlib.import_module(package))
        package = package.rpartition(".")[0]
    return found


def _start(module: ModuleType, first: str) -> Any:
    """What ``first`` names from ``module``, or ``_MISSING``."""
    for scope in _packages(module):
        found = _step(scope, first)
        if found is not _MISSING:
            return found
    if first in TOP_PACKAGES:
        return importlib.import_module(first)
    return _MISSING


def unresolved(module: ModuleType, docstring: str) -> list[str]:
    """The quoted dotted names of ``docstring`` that start in reach of ``module`` but break."""
    broken = []
    for name in quoted_names(docstring):
        first, *rest = name.split(".")
        found = _start(module, first)
        if found is _MISSING:
            continue
        for part in rest:
            found = _step(found, part)
            if found is _MISSING:
                broken.append(name)
                break
    return broken


def module_name(path: Path, roots: dict[Path, Path]) -> str:
    """The dotted name of the module at ``path`` (``roots``: package folder -> its base)."""
    for package, base in roots.items():
        if package in path.parents:
            parts = path.relative_to(base).with_suffix("").parts
            return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    raise ValueError(f"{path} is in none of {sorted(map(str, roots))}")


def module_docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
