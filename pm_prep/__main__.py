"""Allow ``python -m pm_prep``."""

import sys

from pm_prep.cli import main

sys.exit(main())
