"""`python -m tests.benchmarks --help`."""

import sys

from tests.benchmarks.cli import main

sys.exit(main())
