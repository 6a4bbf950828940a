"""moto is reached only through ``localcloud.moto_adapter``: no other toolkit module imports it.

So a moto release that moves an internal breaks in the adapter, whose tests
name it, and nowhere else. ``src/`` (what Lambda runs) knows no moto at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADAPTER = ROOT / "localcloud" / "moto_adapter"


def _moto_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{path.relative_to(ROOT)}:{node.lineno} {name}" for name in names
                  if name == "moto" or name.startswith("moto.")]  # fmt: skip
    return found


def test_only_the_adapter_imports_moto() -> None:
    modules = [*(ROOT / "localcloud").rglob("*.py"), *(ROOT / "src").rglob("*.py")]
    outside = [path for path in modules if ADAPTER not in path.parents]
    assert [hit for path in outside for hit in _moto_imports(path)] == []


def test_the_adapter_is_where_moto_is_imported() -> None:
    # The check above must be able to fail: the adapter itself imports moto.
    assert any(_moto_imports(path) for path in ADAPTER.glob("*.py"))
