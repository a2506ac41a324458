"""Every button the bot shows, as one typed codec: ``pack`` / ``pattern`` / ``unpack``.

Wire format: ``<prefix>:<action>[:<id>][:<arg>]``, at most 64 bytes (Telegram's limit). The
formats are those buttons in chats already carry, so old messages keep working.

A button kind says whether it may be pressed outside a private chat (``PRIVATE``) and whether
its id names a claim (``CLAIM_ID``): ``handlers.ui.guards`` refuses private kinds in groups and
answers unknown data for every feature at once, and ``owned_claim`` loads the claim for the
sender only. Ids are bounded: an id no database row can have (0, or over SQLite's 64-bit
range) unpacks fine and is then "not found", like someone else's claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Self

from telegram.constants import InlineKeyboardButtonLimit

__all__ = [
    "KINDS",
    "MAX_ID",
    "Button",
    "ClaimButton",
    "DeleteDataButton",
    "EvidenceButton",
    "FrameButton",
    "IntakeButton",
    "LanguageButton",
    "OdrButton",
    "PageButton",
    "ReminderButton",
    "SettingsButton",
    "kind_of",
    "valid_id",
]

MAX_ID = 2**63 - 1  # SQLite's INTEGER; a bigger number would raise OverflowError in aiosqlite
_DIGITS = r"[0-9]{1,24}"  # wide enough to recognise a forged id, so it is "not found"


def valid_id(value: int) -> bool:
    """Whether a row could have this id (a forged or mangled one cannot)."""
    return 0 < value <= MAX_ID


@dataclass(frozen=True)
class Button:
    """One pressed or packed button; subclasses are the button families."""

    PREFIX: ClassVar[str] = ""
    ACTIONS: ClassVar[tuple[str, ...]] = ()
    HAS_ID: ClassVar[bool] = False
    ARG: ClassVar[str | None] = None  # regex of the (optional) last part
    PRIVATE: ClassVar[bool] = True
    CLAIM_ID: ClassVar[bool] = False
    ROW_ID: ClassVar[bool] = True  # the id names a database row (not, say, a page number)

    action: str
    id: int = 0
    arg: str | None = None

    def pack(self) -> str:
        """The callback data; raises ``ValueError`` beyond 64 bytes or for an unknown action."""
        if self.action not in self.ACTIONS:
            raise ValueError(f"{type(self).__name__} has no action {self.action!r}")
        parts = [self.PREFIX, self.action]
        if self.HAS_ID:
            parts.append(str(self.id))
        if self.arg is not None:
            parts.append(self.arg)
        data = ":".join(parts)
        if len(data.encode()) > InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
            raise ValueError(f"callback data over 64 bytes: {data!r}")
        if self.unpack(data) != self:
            raise ValueError(f"callback data would not read back: {data!r}")
        return data

    @classmethod
    def pattern(cls, *actions: str) -> re.Pattern[str]:
        """For ``CallbackQueryHandler(pattern=...)``: these actions (default: all)."""
        chosen = actions or cls.ACTIONS
        unknown = set(chosen) - set(cls.ACTIONS)
        if unknown:
            raise ValueError(f"{cls.__name__} has no actions {sorted(unknown)}")
        body = "|".join(re.escape(action) for action in chosen)
        regex = rf"^{re.escape(cls.PREFIX)}:(?P<action>{body})"
        if cls.HAS_ID:
            regex += rf":(?P<id>{_DIGITS})"
        if cls.ARG is not None:
            regex += rf"(?::(?P<arg>{cls.ARG}))?"
        return re.compile(regex + "$")

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The button, or None when ``data`` is not one of this family."""
        match = cls.pattern().match(data or "")
        if match is None:
            return None
        raw_id = match.groupdict().get("id")
        return cls(match["action"], int(raw_id) if raw_id else 0, match.groupdict().get("arg"))


class ClaimButton(Button):
    """``cl:<action>:<claim id>[:<arg>]``: card, drafts, outcomes, reminders' Open claim."""

    PREFIX = "cl"
    ACTIONS = ("open", "draft", "appeal", "out", "ev", "evt", "evx", "rule", "nk")
    HAS_ID = True
    CLAIM_ID = True
    ARG = r"[a-z0-9_]{1,24}"


class PageButton(Button):
    """``cl:list:<page>`` / ``cl:closed:<page>``: the claims overview."""

    PREFIX = "cl"
    ACTIONS = ("list", "closed")
    HAS_ID = True
    ROW_ID = False


class EvidenceButton(Button):
    """``ev:<action>:<claim id>[:<item or evidence id>]``; ``also``: ``<evidence id>_<item>``."""

    PREFIX = "ev"
    ACTIONS = (
        "add", "pick", "item", "items", "done", "list", "del", "rm", "keep", "zip", "also",
    )
    HAS_ID = True
    CLAIM_ID = True
    ARG = r"[a-z0-9_]{1,32}"


class ReminderButton(Button):
    """``rm:resp|apl:<claim id>``, ``rm:snz:<reminder id>``."""

    PREFIX = "rm"
    ACTIONS = ("resp", "apl", "snz")
    HAS_ID = True


class IntakeButton(Button):
    """``in:<action>[:<value>]``: the claim intake's answers."""

    PREFIX = "in"
    ACTIONS = (
        "cont", "new", "src", "mp", "rsn", "ful", "now", "skip", "bs", "ok", "edit", "ef",
        "sum", "cancel", "cbr", "nk", "pps", "trk", "fs", "ctc", "use",
    )
    ARG = r"[a-z0-9_.]{1,32}"


class SettingsButton(Button):
    """``st:<action>[:<timezone>]``."""

    PREFIX = "st"
    ACTIONS = ("tz", "tzset", "qon", "qoff", "qset", "don", "doff", "dset", "shop")
    ARG = r"[A-Za-z0-9_+/-]{1,40}"


class DeleteDataButton(Button):
    """``dd:yes`` / ``dd:no``."""

    PREFIX = "dd"
    ACTIONS = ("yes", "no")


class FrameButton(Button):
    """``fr:peak``, ``fr:pick:<0|1>``: the guarantee frame, also usable in groups."""

    PREFIX = "fr"
    ACTIONS = ("peak", "pick")
    ARG = r"[01]"
    PRIVATE = False


class OdrButton(Button):
    """``odr:show``, ``odr:res:all|90``, ``odr:ord|fb:<marketplace>:<channel>``,
    ``odr:wk[:on|off]``: the ODR and results screens, their counts, the weekly summary."""

    PREFIX = "odr"
    ACTIONS = ("show", "res", "ord", "fb", "wk")
    ARG = r"[a-z0-9]{1,4}(?::[a-z]{2,3})?"


class LanguageButton(Button):
    """``lang:<code>``."""

    PREFIX = "lang"
    ACTIONS = ("nl", "en")
    PRIVATE = False


KINDS: tuple[type[Button], ...] = (
    ClaimButton,
    PageButton,
    EvidenceButton,
    ReminderButton,
    IntakeButton,
    SettingsButton,
    DeleteDataButton,
    FrameButton,
    OdrButton,
    LanguageButton,
)


def kind_of(data: str | None) -> Button | None:
    """The button ``data`` encodes, of whichever family; None for anything we never sent."""
    for kind in KINDS:
        button = kind.unpack(data)
        if button is not None:
            return button
    return None
