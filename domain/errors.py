"""The errors the domain raises. Each carries a ``Msg`` the shell renders for the seller.

Hierarchy::

    DomainError                   anything the domain refuses; ``.msg`` is a Msg (key + params)
    ├── ValidationError           a value breaks a rule: order id, amount, naive datetime, too long
    │   │                         (also a ValueError, so generic callers can catch it as one)
    │   └── ReadingError          typed text is not a usable answer (``domain.reading``)
    ├── InvalidTransition         an event the claim's current state does not allow
    └── UnknownRule               no rule row for a source + marketplace, or for an id + version
                                  (also a LookupError)

Catch ``DomainError`` in a handler to answer any of them with ``render(error.msg)``.
"""

from __future__ import annotations

from domain.text import Msg

__all__ = ["DomainError", "InvalidTransition", "ReadingError", "UnknownRule", "ValidationError"]


class DomainError(Exception):
    """Base of every domain error; ``msg`` says what went wrong, in catalog form."""

    def __init__(self, msg: Msg) -> None:
        # The key (English source text) as the exception text keeps logs readable.
        super().__init__(msg.key)
        self.msg = msg


class ValidationError(DomainError, ValueError):
    """A value does not satisfy the domain's rules."""


class ReadingError(ValidationError):
    """What the seller typed cannot be read as the answer asked for; ``msg`` shows an example."""


class InvalidTransition(DomainError):
    """An event that the claim's life cycle does not allow from its current state."""


class UnknownRule(DomainError, LookupError):
    """No claim rule matches the requested key."""
