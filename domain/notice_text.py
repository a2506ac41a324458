"""Pasted text made readable for ``domain.notice``: HTML leftovers removed, one spacing, and a
folded twin (lower case, no accents) whose positions match the cleaned text one for one.

Also the phrase finder: whole-word matches of the folded phrase tables in ``notice_words``,
where a longer phrase beats a shorter one it overlaps.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from domain.calendar_names import fold

__all__ = ["MAX_CHARS", "Hit", "Prepared", "find_phrases", "prepare"]

# Telegram sends at most 4,096 characters; a forwarded message with entities or a caption joined
# to it stays below twice that. Beyond it the text is not a notice we could read anyway.
MAX_CHARS = 8192

_TAG = re.compile(r"<[^<>]{0,400}>")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})


@dataclass(frozen=True)
class Prepared:
    """``clean`` keeps the original letters; ``folded[i]`` is ``clean[i]`` folded."""

    clean: str
    folded: str


def prepare(text: str) -> Prepared:
    """The text without tags, entities, invisible characters and runs of white space."""
    text = text[:MAX_CHARS]
    text = _TAG.sub(" ", html.unescape(_TAG.sub(" ", text)))
    text = _INVISIBLE.sub("", text).translate(_QUOTES)
    clean = _SPACES.sub(" ", text).strip()
    return Prepared(clean, fold(clean))


@dataclass(frozen=True)
class Hit:
    """A phrase found at ``start:end``, filed under ``key`` in ``language``."""

    start: int
    end: int
    key: Hashable
    language: str


@lru_cache(maxsize=256)
def _compiled(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    body = "|".join(re.escape(phrase).replace(r"\ ", " ") for phrase in ordered)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def find_phrases(
    folded: str, tables: Iterable[tuple[Hashable, Mapping[str, tuple[str, ...]]]]
) -> list[Hit]:
    """Every phrase of ``tables`` in ``folded``; a hit inside a longer hit is dropped."""
    hits: list[Hit] = []
    for key, languages in tables:
        for language, phrases in languages.items():
            if phrases:
                hits.extend(
                    Hit(m.start(), m.end(), key, language)
                    for m in _compiled(phrases).finditer(folded)
                )
    hits.sort(key=lambda h: (h.start - h.end, h.start))  # longest first
    taken = bytearray(len(folded))
    kept: list[Hit] = []
    for hit in hits:
        if not any(taken[hit.start:hit.end]):
            taken[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
            kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept
