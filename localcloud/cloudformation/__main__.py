"""``python -m localcloud.cloudformation deploy ...``: see ``localcloud.cloudformation.deploy``."""

from __future__ import annotations

import sys

from .deploy import main as deploy

COMMANDS = {"deploy": deploy}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in COMMANDS:
        print(
            "usage: python -m localcloud.cloudformation deploy --template-file FILE [...]",
            file=sys.stderr,
        )
        return 2
    return COMMANDS[args[0]](args[1:])


if __name__ == "__main__":
    sys.exit(main())
