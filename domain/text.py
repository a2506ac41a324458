"""Translatable messages as data, so the domain explains itself without knowing the language.

The domain never translates. It marks English source texts with ``N_`` (so ``pybabel extract``
finds them) and returns ``Msg`` values; the shell looks the key up in the seller's catalog and
formats the parameters with Babel (``Money`` as currency, aware ``datetime`` in the seller's
timezone, ``timedelta`` as a duration).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["N_", "Msg"]


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it."""
    return message


@dataclass(frozen=True)
class Msg:
    """A message key (its English source text, ``{name}`` placeholders) and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, key: str, **params: Any) -> Msg:
        return cls(key, MappingProxyType(dict(params)))
