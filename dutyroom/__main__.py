"""`python -m dutyroom` behaves exactly like the `dutyroom` console script."""

import sys

from dutyroom.cli import main

sys.exit(main())
