"""`python -m kb`: see kb.cli."""

import sys

from kb.cli import main

sys.exit(main())
