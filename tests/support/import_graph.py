"""The import graph of a source tree, read with ``ast`` (nothing is imported), and its loops.

Every import statement counts, wherever it stands: at module level, inside a
function, under ``if TYPE_CHECKING:``. A late import that hides a loop from the
interpreter is still a loop. ``from pkg import name`` imports the submodule
``pkg.name`` when there is one, else ``pkg`` itself; relative imports resolve
against the importing module's package. Only the tree's own modules are nodes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

Graph = dict[str, set[str]]


def modules(roots: Mapping[Path, Path]) -> dict[str, Path]:
    """``{dotted name: file}`` for every ``.py`` file under each package folder.

    ``roots`` maps a package's folder to the folder its dotted names start from
    (``src/pkg`` -> ``src``: ``pkg.x``; ``localcloud`` -> the checkout: ``localcloud.x``).
    """
    found = {}
    for package, base in roots.items():
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(base).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _is_package(name: str, files: Mapping[str, Path]) -> bool:
    return files[name].name == "__init__.py"


def _imported(node: ast.Import | ast.ImportFrom, name: str, files: Mapping[str, Path]) -> set[str]:
    """The tree's modules one import statement in module ``name`` imports."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        if node.level:
            package = name if _is_package(name, files) else name.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = ".".join(part for part in (package, node.module or "") if part)
        else:
            base = node.module or ""
        targets = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
            for alias in node.names
        ]
    found = set()
    for target in targets:
        # ``import a.b.c`` where only ``a.b`` is ours (c an attribute) still imports ``a.b``.
        while target and target not in files:
            target = target.rpartition(".")[0]
        if target:
            found.add(target)
    return found


def graph(files: Mapping[str, Path]) -> Graph:
    """Each module's imports of the tree's other modules."""
    edges: Graph = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        imports = {
            target
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for target in _imported(node, name, files)
        }
        edges[name] = imports - {name}
    return edges


def _components(edges: Graph) -> list[list[str]]:
    """The strongly connected components (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            step = next((s for s in successors if s not in index or s in on_stack), None)
            if step is not None:
                if step in index:
                    low[node] = min(low[node], index[step])
                else:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(edges.get(step, ())))))
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found


def _shortest_cycle(edges: Graph, members: set[str]) -> list[str]:
    """A shortest cycle through the component's first module, in import order."""
    start = min(members)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(edges[node] & members):
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return list(reversed(path))
                if successor not in previous:
                    previous[successor] = node
                    following.append(successor)
        frontier = following
    raise AssertionError(f"{sorted(members)} is not a strongly connected component")


def loops(edges: Graph) -> list[list[str]]:
    """One cycle per group of modules that import each other, each in import order."""
    return [
        _shortest_cycle(edges, set(component))
        for component in _components(edges)
        if len(component) > 1
    ]


def without(edges: Graph, allowed: Iterable[tuple[str, str]]) -> Graph:
    """``edges`` less the ``(importer, imported)`` pairs in ``allowed``."""
    allowed = set(allowed)
    return {
        name: {t for t in targets if (name, t) not in allowed} for name, targets in edges.items()
    }


def render(cycle: list[str]) -> str:
    return " -> ".join([*cycle, cycle[0]])
