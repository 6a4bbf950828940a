"""``python -m localcloud``: the same command as ``customerprofiles-localcloud``."""

import sys

from localcloud.cli import main

sys.exit(main())
