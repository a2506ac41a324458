"""A value read from text, with how sure the reader is: the bot never guesses silently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

__all__ = ["Confidence", "Reading", "pick"]

T = TypeVar("T")


class Confidence(StrEnum):
    CERTAIN = "certain"  # read without doubt: shown as read
    UNSURE = "unsure"  # a best reading, to be confirmed (offered as a button)
    MISSING = "missing"  # not in the text: to be asked


@dataclass(frozen=True)
class Reading(Generic[T]):
    """``value`` is the (best) reading; ``alternatives`` are other readings, best first."""

    value: T | None = None
    confidence: Confidence = Confidence.MISSING
    alternatives: tuple[T, ...] = ()

    @classmethod
    def certain(cls, value: T) -> Reading[T]:
        return cls(value, Confidence.CERTAIN)

    @classmethod
    def unsure(cls, value: T, alternatives: Iterable[T] = ()) -> Reading[T]:
        others = tuple(dict.fromkeys(a for a in alternatives if a != value))
        return cls(value, Confidence.UNSURE, others)

    @property
    def is_certain(self) -> bool:
        return self.confidence is Confidence.CERTAIN

    @property
    def is_missing(self) -> bool:
        return self.confidence is Confidence.MISSING


def pick(found: Iterable[T], preferred: Iterable[T] = (), *, strict: bool = False) -> Reading[T]:
    """One distinct value found: certain. Several: unsure with the first preferred (labelled in
    the text) or first one; unless not ``strict`` and exactly one of them is preferred."""
    values = list(dict.fromkeys(found))
    labelled = [v for v in dict.fromkeys(preferred) if v in values]
    if not values:
        return Reading()
    if len(values) == 1:
        return Reading.certain(values[0])
    if len(labelled) == 1 and not strict:
        return Reading.certain(labelled[0])
    best = labelled[0] if labelled else values[0]
    return Reading.unsure(best, values)
