"""How things go wrong: contract violations and Telegram-shaped error answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ApiError", "Problem", "error_body"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A request breaks the Bot API contract (schema or documented limit)."""

    path: str  # where in the request, e.g. "reply_markup.inline_keyboard[0][1].callback_data"
    message: str  # readable, for server.violations
    description: str  # what Telegram would answer, "Bad Request: ..."


class ApiError(Exception):
    """Answer the current request with a Telegram error instead of a result."""

    def __init__(
        self,
        status: int,
        description: str,
        parameters: dict[str, Any] | None = None,
        *,
        violation: str | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters
        # Set when the bot should have known better (a documented limit), not a state error.
        self.violation = violation

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.description, self.parameters)


def error_body(
    status: int, description: str, parameters: dict[str, Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body
