"""The standalone program's entry point: the same as the `dutyroom` command."""

import sys

from dutyroom.cli import main

if __name__ == "__main__":
    sys.exit(main())
