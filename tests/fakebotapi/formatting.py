"""What a formatted text looks like to the user, and whether Telegram could parse it at all.

Telegram counts the 4096/1024 limits on the text *after* entity parsing, and it rejects
malformed markup outright. Both matter for a bot that formats user input, so this module turns
``(text, parse_mode)`` into the visible text or raises :class:`FormattingError` with a
Telegram-like reason.
"""

from __future__ import annotations

import html
import re

__all__ = ["FormattingError", "visible_text"]


class FormattingError(ValueError):
    """The markup would make Telegram answer "can't parse entities"."""


# Tags from https://core.telegram.org/bots/api#html-style; anything else is rejected by Telegram.
_HTML_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "tg-emoji", "code", "pre", "blockquote", "tg-time",
    }
)  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# MarkdownV2 characters that are never markup outside code, so they always need a backslash.
_MDV2_RESERVED = frozenset("#+-={}.!()")
_PRE_LANGUAGE = re.compile(r"[A-Za-z0-9_+#-]*\n")
_LEGACY_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def visible_text(text: str, parse_mode: str | None) -> str:
    """Return the text the user would see; raise FormattingError when Telegram would refuse."""
    mode = (parse_mode or "").lower()
    if not mode:
        return text
    if mode == "html":
        return _html_text(text)
    if mode == "markdownv2":
        return _markdown_v2_text(text)
    if mode == "markdown":
        return _markdown_legacy_text(text)
    raise FormattingError(f"unsupported parse_mode {parse_mode!r}")


def _offset(text: str, index: int) -> int:
    # Telegram reports positions as UTF-8 byte offsets.
    return len(text[:index].encode("utf-8"))


def _html_text(text: str) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            if match is None:
                raise FormattingError(f"unescaped '<' at byte offset {_offset(text, i)}")
            closing, name = match.group(1) == "/", match.group(2).lower()
            if name not in _HTML_TAGS:
                raise FormattingError(
                    f'unsupported start tag "{name}" at byte offset {_offset(text, i)}'
                )
            if closing:
                if not open_tags or open_tags[-1] != name:
                    raise FormattingError(
                        f'unmatched end tag "{name}" at byte offset {_offset(text, i)}'
                    )
                open_tags.pop()
            else:
                open_tags.append(name)
            i = match.end()
        elif char == "&" and (entity := _ENTITY.match(text, i)) is not None:
            out.append(_decode_entity(entity.group(0), entity.group(1)))
            i = entity.end()
        else:
            out.append(char)
            i += 1
    if open_tags:
        raise FormattingError(f'can\'t find end tag corresponding to start tag "{open_tags[-1]}"')
    return "".join(out)


def _decode_entity(raw: str, body: str) -> str:
    if body.startswith("#"):
        return html.unescape(raw)
    # Telegram knows only these four named entities; others stay literal text.
    return _NAMED_ENTITIES.get(body, raw)


def _markdown_v2_text(text: str) -> str:
    out: list[str] = []
    code_fence: str | None = None
    link_depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 >= len(text):
                raise FormattingError("text must not end with an unescaped '\\'")
            out.append(text[i + 1])
            i += 2
            continue
        if code_fence is not None:
            if text.startswith(code_fence, i):
                i += len(code_fence)
                code_fence = None
            else:
                out.append(char)
                i += 1
            continue
        if text.startswith("```", i):
            code_fence = "```"
            i += 3
            language = _PRE_LANGUAGE.match(text, i)
            i = language.end() if language else i
        elif char == "`":
            code_fence = "`"
            i += 1
        elif char in "*_~":
            i += 1
        elif text.startswith("||", i):
            i += 2
        elif char == "[" or text.startswith("![", i):
            link_depth += 1
            i += 2 if char == "!" else 1
        elif char == "]" and link_depth and text.startswith("(", i + 1):
            link_depth -= 1
            i = _skip_link_target(text, i + 2)
        elif char == ">" and _at_line_start(text, i):
            i += 1
        elif char in _MDV2_RESERVED or char in "[]|>":
            raise FormattingError(
                f"character '{char}' is reserved and must be escaped with the preceding '\\'"
                f" (byte offset {_offset(text, i)})"
            )
        else:
            out.append(char)
            i += 1
    if code_fence is not None:
        raise FormattingError("can't find end of Pre/Code entity")
    if link_depth:
        raise FormattingError("can't find end of a [link](url) entity")
    return "".join(out)


def _skip_link_target(text: str, i: int) -> int:
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == ")":
            return i + 1
        else:
            i += 1
    raise FormattingError("can't find end of a link URL")


def _at_line_start(text: str, i: int) -> bool:
    # "**>" opens an expandable block quotation, so leading asterisks do not count.
    line_start = text.rfind("\n", 0, i) + 1
    return text[line_start:i].strip("*") == ""


def _markdown_legacy_text(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            i += 2
        elif char in "*_`":
            end = text.find(char, i + 1)
            if end == -1:
                raise FormattingError(
                    f"can't find end of the entity starting at byte offset {_offset(text, i)}"
                )
            out.append(text[i + 1 : end])
            i = end + 1
        elif char == "[" and (link := _LEGACY_LINK.match(text, i)):
            out.append(link.group(1))
            i = link.end()
        else:
            out.append(char)
            i += 1
    return "".join(out)
