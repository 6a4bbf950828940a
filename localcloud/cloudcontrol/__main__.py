"""Entry point for ``python -m localcloud.cloudcontrol``."""

import sys

from .cli import main

sys.exit(main())
