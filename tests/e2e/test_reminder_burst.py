"""A small burst of reminders under Telegram's limits (the full 1,000 run: bench/reminder_burst)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.reminder_burst import run_burst

# A benchmark in disguise: 120 reminders paced at Telegram's real rate limits.
pytestmark = pytest.mark.slow


async def test_a_burst_arrives_complete_once_each_within_the_limits(tmp_path: Path) -> None:
    result = await run_burst(120, 40, tmp_path, lead=2.0, fail_every=29, stall_every=41, settle=1.0)
    assert result.violations == []
    assert result.delivered == result.expected == 117
    assert result.duplicates == 0
    assert result.injected_500 >= 2 and result.injected_stalls >= 1
    # The seller who blocked the bot cost one request; the others were not held up by it.
    assert result.blocked_attempts == 1
    assert result.stats["blocked_sellers"] == 1
