"""What of moto's a piece of code changes: every attribute of moto's modules, of the
classes they define, and of the objects they hold (a ``BackendDict``...), compared
by identity before and after.

Run in a process of its own (``python -m tests.support.moto_attributes``), so no
earlier test's imports or installs are counted: it imports the modules first,
takes a snapshot, registers the engine (``localcloud.cloudformation.register()``),
takes another, uninstalls it, takes a third, and prints JSON: the attributes
``register()`` changed or added, and those still differing after ``uninstall()``.
One object reached through several modules (``cloudformation_backends`` is in
three) is one attribute, named by the ``models`` module that holds it, else by its
shortest name.
"""

from __future__ import annotations

import json
import sys
from typing import Any

__all__ = ["changes", "snapshot"]

Snapshot = dict[tuple[int, str], tuple[str, Any]]


def _moto_modules() -> dict[str, Any]:
    return {
        name: module
        for name, module in list(sys.modules.items())
        if module is not None
        and (name == "moto" or name.startswith("moto."))
        and getattr(module, "__name__", None) == name
    }


def snapshot() -> Snapshot:
    """(id of the owner, attribute) -> (a name for it, the value), over moto's modules."""
    found: Snapshot = {}

    def rank(name: str) -> tuple[bool, int]:
        return (".models." not in name, len(name))

    def keep(owner: Any, attribute: str, name: str, value: Any) -> None:
        key = (id(owner), attribute)
        if key not in found or rank(name) < rank(found[key][0]):
            found[key] = (name, value)

    for module_name, module in _moto_modules().items():
        for attribute, value in list(vars(module).items()):
            keep(module, attribute, f"{module_name}.{attribute}", value)
            if isinstance(value, type):
                if value.__module__ == module_name:
                    for name, member in list(vars(value).items()):
                        keep(value, name, f"{module_name}.{value.__qualname__}.{name}", member)
            elif type(value).__module__.startswith("moto.") and hasattr(value, "__dict__"):
                for name, member in list(vars(value).items()):
                    keep(value, name, f"{module_name}.{attribute}.{name}", member)
    return found


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    """The attributes that are not the same object, or are new on an owner seen before."""
    owners = {owner for owner, _ in before}
    differ = [
        name
        for key, (name, value) in after.items()
        if (key in before and before[key][1] is not value)
        or (key not in before and key[0] in owners)
    ]
    gone = [name for key, (name, _) in before.items() if key not in after]
    return sorted(differ + gone)


def main() -> None:
    import localcloud.awslambda
    import localcloud.cloudformation.engine
    import localcloud.cloudformation.resources
    import localcloud.customer_profiles
    import localcloud.moto_adapter.awslambda
    import localcloud.moto_adapter.s3
    import localcloud.moto_adapter.server  # a package gets its submodules as attributes
    import localcloud.s3
    from localcloud.cloudformation import register

    before = snapshot()
    register()
    registered = snapshot()
    localcloud.cloudformation.engine.uninstall()
    localcloud.awslambda.uninstall()
    localcloud.s3.uninstall()
    after = snapshot()
    print(
        json.dumps(
            {
                "register": changes(before, registered),
                "after_uninstall": changes(before, after),
            }
        )
    )


if __name__ == "__main__":
    main()
