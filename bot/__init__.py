"""Claimwacht's application shell: config, wiring, storage, persistence, i18n, entry point."""

import os

# PTB 22 returns durations as timedelta only when this is set; we want that everywhere.
os.environ.setdefault("PTB_TIMEDELTA", "true")
