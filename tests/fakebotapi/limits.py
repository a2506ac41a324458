"""Documented Bot API limits that the schema's types alone do not express."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tests.fakebotapi.errors import Problem
from tests.fakebotapi.formatting import FormattingError, visible_text

__all__ = ["check_method", "check_object"]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50

# (method, parameter) -> (max characters, Telegram's answer when exceeded)
_PLAIN_LENGTHS: dict[tuple[str, str], tuple[int, str]] = {
    ("answerCallbackQuery", "text"): (200, "Bad Request: MESSAGE_TOO_LONG"),
    ("setMyDescription", "description"): (512, "Bad Request: description is too long"),
    ("setMyShortDescription", "short_description"): (
        120,
        "Bad Request: short description is too long",
    ),
    ("setMyName", "name"): (64, "Bad Request: name is too long"),
}
_MESSAGE_TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
_BUTTON_DECORATIONS = frozenset({"text", "icon_custom_emoji_id", "style"})
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


def check_method(method: str, params: Mapping[str, Any]) -> list[Problem]:
    """Limits on top-level parameters of one method call."""
    problems: list[Problem] = []
    if method in _MESSAGE_TEXT_METHODS:
        problems += _formatted(params, "text", "parse_mode", "entities", MAX_TEXT, "text", "")
    problems += _formatted(params, "caption", "parse_mode", "caption_entities", MAX_CAPTION)
    for (limited_method, name), (maximum, description) in _PLAIN_LENGTHS.items():
        value = params.get(name)
        if limited_method == method and isinstance(value, str) and len(value) > maximum:
            problems.append(
                Problem(name, f"{name} is {len(value)} characters (max {maximum})", description)
            )
    if method == "answerInlineQuery":
        problems += _inline_results(params.get("results"))
    commands = params.get("commands")
    if method == "setMyCommands" and isinstance(commands, list) and len(commands) > 100:
        problems.append(
            Problem("commands", "more than 100 commands", "Bad Request: too many commands")
        )
    return problems


def check_object(type_name: str, value: Mapping[str, Any], path: str) -> list[Problem]:
    """Limits on a nested object once its fields have the right types."""
    if type_name == "InlineKeyboardButton":
        return _button(value, path)
    if type_name == "BotCommand":
        return _bot_command(value, path)
    if type_name == "InputTextMessageContent":
        return _formatted(value, "message_text", "parse_mode", "entities", MAX_TEXT, "text", path)
    problems: list[Problem] = []
    if type_name.startswith(("InlineQueryResult", "InputMedia", "InputPaidMedia")):
        problems += _formatted(
            value, "caption", "parse_mode", "caption_entities", MAX_CAPTION, path=path
        )
    if type_name.startswith("InlineQueryResult") and isinstance(value.get("id"), str):
        size = len(value["id"].encode("utf-8"))
        if not 1 <= size <= 64:
            problems.append(
                Problem(
                    f"{path}.id",
                    f"result id is {size} bytes (1-64)",
                    "Bad Request: RESULT_ID_INVALID",
                )
            )
    return problems


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _formatted(
    params: Mapping[str, Any],
    name: str,
    mode_name: str,
    entities_name: str,
    maximum: int,
    kind: str = "caption",
    path: str = "",
) -> list[Problem]:
    """Length after entity parsing, which is what Telegram limits; also catches broken markup."""
    text = params.get(name)
    where = _join(path, name)
    if not isinstance(text, str):
        return []
    mode = None if params.get(entities_name) else params.get(mode_name)
    try:
        visible = visible_text(text, mode if isinstance(mode, str) else None).strip()
    except FormattingError as exc:
        return [Problem(where, f"{where}: {exc}", f"Bad Request: can't parse entities: {exc}")]
    if kind == "text" and not visible:
        return [
            Problem(
                where,
                f"{where} is empty after entity parsing",
                "Bad Request: message text is empty",
            )
        ]
    if len(visible) > maximum:
        description = (
            "Bad Request: message is too long"
            if kind == "text"
            else "Bad Request: message caption is too long"
        )
        return [
            Problem(
                where,
                f"{where} is {len(visible)} characters after entity parsing (max {maximum})",
                description,
            )
        ]
    return []


def _button(button: Mapping[str, Any], path: str) -> list[Problem]:
    problems: list[Problem] = []
    data = button.get("callback_data")
    if isinstance(data, str):
        size = len(data.encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            problems.append(
                Problem(
                    f"{path}.callback_data",
                    f"{path}.callback_data is {size} bytes in UTF-8 (1-64): {data!r}",
                    "Bad Request: BUTTON_DATA_INVALID",
                )
            )
    actions = [key for key in button if key not in _BUTTON_DECORATIONS]
    if len(actions) != 1:
        problems.append(
            Problem(
                path,
                f"{path} needs exactly one action field besides text, has {actions or 'none'}",
                "Bad Request: can't parse inline keyboard button: "
                "exactly one of the optional fields must be used",
            )
        )
    return problems


def _bot_command(command: Mapping[str, Any], path: str) -> list[Problem]:
    problems: list[Problem] = []
    name = command.get("command")
    if isinstance(name, str) and not _COMMAND.fullmatch(name):
        problems.append(
            Problem(
                f"{path}.command",
                f"{path}.command {name!r} must be 1-32 of a-z, 0-9 and _",
                "Bad Request: BOT_COMMAND_INVALID",
            )
        )
    description = command.get("description")
    if isinstance(description, str) and not 1 <= len(description) <= 256:
        problems.append(
            Problem(
                f"{path}.description",
                f"{path}.description is {len(description)} characters (1-256)",
                "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
            )
        )
    return problems


def _inline_results(results: object) -> list[Problem]:
    if not isinstance(results, list):
        return []
    problems: list[Problem] = []
    if len(results) > MAX_INLINE_RESULTS:
        problems.append(
            Problem(
                "results",
                f"{len(results)} inline results (max {MAX_INLINE_RESULTS})",
                "Bad Request: RESULTS_TOO_MUCH",
            )
        )
    ids = [r.get("id") for r in results if isinstance(r, dict)]
    duplicates = sorted({i for i in ids if isinstance(i, str) and ids.count(i) > 1})
    if duplicates:
        problems.append(
            Problem(
                "results",
                f"duplicate inline result ids {duplicates}",
                "Bad Request: RESULT_ID_DUPLICATE",
            )
        )
    return problems
