"""Listings fill one message: as many lines as fit under Telegram's limit, then "… and N more",
and lines that cannot fit are never rendered."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from handlers.reminder_texts import TEXT_LIMIT, _trimmed

MORE = "… and {count} more."


def reference(lines: list[str], more: str, hidden: int = 0) -> str:
    """Render everything, then drop lines from the end (the rule before lines became lazy)."""
    text = "\n".join(lines)
    if len(text) <= TEXT_LIMIT and not hidden:
        return text
    reserve = 1 + len(more.format(count=hidden + len(lines)))
    size, kept = len(lines[0]), 1
    while kept < len(lines) and size + 1 + len(lines[kept]) + reserve <= TEXT_LIMIT:
        size += 1 + len(lines[kept])
        kept += 1
    left_out = len(lines) - kept + hidden
    return "\n".join([*lines[:kept], more.format(count=left_out)] if left_out else lines)


@given(
    st.lists(st.integers(min_value=1, max_value=400), max_size=80),
    st.integers(min_value=0, max_value=20_000),
)
def test_the_message_keeps_what_fits_and_counts_the_rest(sizes: list[int], hidden: int) -> None:
    lines = [f"{index:03d}" + "x" * size for index, size in enumerate(sizes)]
    text = _trimmed("Header", iter(lines), len(lines), MORE, hidden)
    assert text == reference(["Header", *lines], MORE, hidden)
    assert len(text) <= TEXT_LIMIT


def test_lines_past_the_limit_are_never_rendered() -> None:
    rendered: list[int] = []

    def lines() -> Iterator[str]:
        for index in range(1000):
            rendered.append(index)
            yield "• " + "x" * 120

    text = _trimmed("Header", lines(), 1000, MORE)
    shown = text.count("•")
    assert text.endswith(f"… and {1000 - shown} more.")
    assert shown == 33  # 6 + 33 × 123 + 17 for the "more" line ≤ 4096 < 6 + 34 × 123
    assert len(rendered) == shown + 1  # the one that no longer fitted, and no more
