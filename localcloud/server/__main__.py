"""Entry point for ``python -m localcloud.server`` (and ``make serve``)."""

import sys

from .cli import main

sys.exit(main())
