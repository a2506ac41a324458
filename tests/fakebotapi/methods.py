"""Results of Bot API methods, shaped like the real server's, for requests already validated."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from tests.fakebotapi.errors import ApiError
from tests.fakebotapi.files import MAX_DOWNLOAD_SIZE, FileRegistry, StoredFile, UploadedFile
from tests.fakebotapi.formatting import visible_text
from tests.fakebotapi.recording import Recorder
from tests.fakebotapi.state import BotSettings, Chats, chat_key
from tests.fakebotapi.updates import UpdateQueue

__all__ = ["BotApiMethods"]

Params = dict[str, Any]
Attachments = Mapping[str, UploadedFile]
Handler = Callable[[str, Params, Attachments], Awaitable[Any]]

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_CONTENT_KEYS = ("text", "entities", "caption", "caption_entities", "document", "photo")


class BotApiMethods:
    def __init__(
        self,
        *,
        bot_user: dict[str, Any],
        chats: Chats,
        files: FileRegistry,
        settings: BotSettings,
        recorder: Recorder,
        updates: UpdateQueue,
        open_queries: set[str],
        now: Callable[[], int],
    ) -> None:
        self.bot_user = bot_user
        self.chats = chats
        self.files = files
        self.settings = settings
        self.recorder = recorder
        self.updates = updates
        self.open_queries = open_queries
        self.now = now
        self._media_group_ids = itertools.count(13_000_000_000_000_001)
        self._handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendMediaGroup": self._send_media_group,
            "editMessageText": self._edit,
            "editMessageCaption": self._edit,
            "editMessageReplyMarkup": self._edit,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_query,
            "answerInlineQuery": self._answer_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "setMyDescription": self._set_description,
            "setMyShortDescription": self._set_description,
            "setMyName": self._set_description,
            "getMyDescription": self._get_description,
            "getMyShortDescription": self._get_description,
            "getMyName": self._get_description,
            "getFile": self._get_file,
        }

    async def call(self, method: str, params: Params, attachments: Attachments) -> Any:
        handler = self._handlers.get(method)
        if handler is not None:
            return await handler(method, params, attachments)
        if method.startswith("send") and method != "sendChatAction":
            # Media kinds we do not model still need a Message, or PTB fails to parse the answer.
            caption = _visible(params, "caption", "caption_entities")
            return self._new_bot_message(method, params, caption=caption)
        return True

    # --- polling and identity -------------------------------------------------------------

    async def _get_me(self, method: str, params: Params, attachments: Attachments) -> Any:
        return self.bot_user

    async def _get_updates(self, method: str, params: Params, attachments: Attachments) -> Any:
        if self.settings.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        return await self.updates.get(
            params.get("offset"),
            params.get("limit"),
            params.get("timeout"),
            params.get("allowed_updates"),
        )

    async def _set_webhook(self, method: str, params: Params, attachments: Attachments) -> Any:
        self.settings.webhook_url = params["url"]
        return True

    async def _delete_webhook(self, method: str, params: Params, attachments: Attachments) -> Any:
        self.settings.webhook_url = ""
        if params.get("drop_pending_updates"):
            self.updates.drop_pending()
        return True

    async def _get_webhook_info(self, method: str, params: Params, attachments: Attachments) -> Any:
        return {
            "url": self.settings.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates.pending),
        }

    # --- sending ----------------------------------------------------------------------------

    def _new_bot_message(self, method: str, params: Params, **content: Any) -> dict[str, Any]:
        markup = params.get("reply_markup")
        message = self.chats.add(
            params["chat_id"],
            self.bot_user,
            self.now(),
            reply_markup=markup if _is_inline_keyboard(markup) else None,
            reply_to_message=self._replied_message(params),
            **content,
        )
        self.recorder.record_bot_message(message, method=method, params=params, edited=False)
        return message

    def _replied_message(self, params: Params) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict):
            return None
        original = self.chats.get(reply.get("chat_id", params["chat_id"]), reply["message_id"])
        if original is None and not reply.get("allow_sending_without_reply"):
            raise ApiError(400, "Bad Request: message to be replied not found")
        if original is not None:
            original.pop("reply_to_message", None)
        return original

    async def _send_message(self, method: str, params: Params, attachments: Attachments) -> Any:
        text = _visible(params, "text", "entities")
        return self._new_bot_message(method, params, text=text, entities=params.get("entities"))

    async def _send_document(self, method: str, params: Params, attachments: Attachments) -> Any:
        stored = self._file(params["document"], attachments, "documents")
        caption = _visible(params, "caption", "caption_entities")
        return self._new_bot_message(
            method,
            params,
            document=stored.as_document(),
            caption=caption,
            caption_entities=params.get("caption_entities"),
        )

    async def _send_photo(self, method: str, params: Params, attachments: Attachments) -> Any:
        stored = self._file(params["photo"], attachments, "photos")
        caption = _visible(params, "caption", "caption_entities")
        return self._new_bot_message(
            method,
            params,
            photo=stored.as_photo_sizes(),
            caption=caption,
            caption_entities=params.get("caption_entities"),
        )

    async def _send_media_group(self, method: str, params: Params, attachments: Attachments) -> Any:
        group_id = str(next(self._media_group_ids))
        messages = []
        for media in params["media"]:
            kind = media["type"]
            stored = self._file(media["media"], attachments, f"{kind}s")
            content: dict[str, Any] = {"caption": _visible(media, "caption", "caption_entities")}
            if kind == "photo":
                content["photo"] = stored.as_photo_sizes()
            else:
                content[kind] = stored.as_document()
            messages.append(
                self._new_bot_message(method, params, media_group_id=group_id, **content)
            )
        return messages

    def _file(self, value: object, attachments: Attachments, kind: str) -> StoredFile:
        """Resolve an InputFile parameter the way Telegram does: upload, attach://, id or URL."""
        if isinstance(value, str) and value.startswith("attach://"):
            value = attachments[value.removeprefix("attach://")]
        if isinstance(value, UploadedFile):
            return self.files.register(
                value.content, kind=kind, file_name=value.filename, mime_type=value.content_type
            )
        if isinstance(value, str) and (known := self.files.get(value)) is not None:
            return known
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            # We cannot fetch URLs; an empty file keeps the message shape right.
            return self.files.register(b"", kind=kind, file_name=value.rsplit("/", 1)[-1])
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    # --- editing, copying, deleting -------------------------------------------------------

    async def _edit(self, method: str, params: Params, attachments: Attachments) -> Any:
        if params.get("inline_message_id"):
            return True
        if params.get("chat_id") is None or params.get("message_id") is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        message = self.chats.get(params["chat_id"], params["message_id"])
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_user["id"]:
            raise ApiError(400, "Bad Request: message can't be edited")
        edited = copy.deepcopy(message)
        edited.pop("edit_date", None)
        if method == "editMessageText":
            if "text" not in message:
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            edited["text"] = _visible(params, "text", "entities")
            _set_or_drop(edited, "entities", params.get("entities"))
        elif method == "editMessageCaption":
            _set_or_drop(edited, "caption", _visible(params, "caption", "caption_entities"))
            _set_or_drop(edited, "caption_entities", params.get("caption_entities"))
        # Telegram drops an inline keyboard that an edit does not repeat.
        markup = params.get("reply_markup")
        _set_or_drop(edited, "reply_markup", markup if _is_inline_keyboard(markup) else None)
        if edited == {k: v for k, v in message.items() if k != "edit_date"}:
            raise ApiError(400, NOT_MODIFIED)
        edited["edit_date"] = self.now()
        self.chats.replace(edited)
        self.recorder.record_bot_message(edited, method=method, params=params, edited=True)
        return edited

    async def _copy_message(self, method: str, params: Params, attachments: Attachments) -> Any:
        source = self._source(params, "Bad Request: message to copy not found")
        content = {key: source[key] for key in _CONTENT_KEYS if key in source}
        if "caption" in params:
            content["caption"] = _visible(params, "caption", "caption_entities")
        message = self._new_bot_message(method, params, **content)
        return {"message_id": message["message_id"]}

    async def _forward_message(self, method: str, params: Params, attachments: Attachments) -> Any:
        source = self._source(params, "Bad Request: message to forward not found")
        content = {key: source[key] for key in _CONTENT_KEYS if key in source}
        origin = {"type": "user", "sender_user": source["from"], "date": source["date"]}
        return self._new_bot_message(method, params, forward_origin=origin, **content)

    def _source(self, params: Params, missing: str) -> dict[str, Any]:
        source = self.chats.get(params["from_chat_id"], params["message_id"])
        if source is None:
            raise ApiError(400, missing)
        return source

    async def _delete_message(self, method: str, params: Params, attachments: Attachments) -> Any:
        if not self.chats.delete(params["chat_id"], params["message_id"]):
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    # --- queries, commands, settings, files ---------------------------------------------

    async def _answer_query(self, method: str, params: Params, attachments: Attachments) -> Any:
        name = "callback_query_id" if method == "answerCallbackQuery" else "inline_query_id"
        if params[name] not in self.open_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        answers = (
            self.recorder.callback_answers
            if method == "answerCallbackQuery"
            else self.recorder.inline_answers
        )
        answers.append(params)
        return True

    async def _set_my_commands(self, method: str, params: Params, attachments: Attachments) -> Any:
        self.settings.set_commands(
            params["commands"], params.get("scope"), params.get("language_code") or ""
        )
        return True

    async def _get_my_commands(self, method: str, params: Params, attachments: Attachments) -> Any:
        return self.settings.get_commands(params.get("scope"), params.get("language_code") or "")

    async def _delete_my_commands(
        self, method: str, params: Params, attachments: Attachments
    ) -> Any:
        self.settings.delete_commands(params.get("scope"), params.get("language_code") or "")
        return True

    async def _set_chat_menu_button(
        self, method: str, params: Params, attachments: Attachments
    ) -> Any:
        chat = chat_key(params["chat_id"]) if params.get("chat_id") is not None else None
        self.settings.menu_buttons[chat] = params.get("menu_button") or {"type": "default"}
        return True

    async def _get_chat_menu_button(
        self, method: str, params: Params, attachments: Attachments
    ) -> Any:
        chat = chat_key(params["chat_id"]) if params.get("chat_id") is not None else None
        buttons = self.settings.menu_buttons
        return buttons.get(chat) or buttons.get(None) or {"type": "commands"}

    async def _set_description(self, method: str, params: Params, attachments: Attachments) -> Any:
        field = _description_field(method)
        self.settings.descriptions[(field, params.get("language_code") or "")] = (
            params.get(field) or ""
        )
        return True

    async def _get_description(self, method: str, params: Params, attachments: Attachments) -> Any:
        field = _description_field(method)
        language = params.get("language_code") or ""
        return {field: self.settings.descriptions.get((field, language), "")}

    async def _get_file(self, method: str, params: Params, attachments: Attachments) -> Any:
        stored = self.files.get(params["file_id"])
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_SIZE:
            raise ApiError(
                400,
                "Bad Request: file is too big",
                violation=f"getFile on a {stored.file_size}-byte file (max 20 MB)",
            )
        return stored.as_file()


def _description_field(method: str) -> str:
    return {
        "setMyDescription": "description",
        "getMyDescription": "description",
        "setMyShortDescription": "short_description",
        "getMyShortDescription": "short_description",
    }.get(method, "name")


def _visible(params: Mapping[str, Any], name: str, entities_name: str) -> str | None:
    """The text as the user sees it; validation already rejected unparsable markup."""
    text = params.get(name)
    if not isinstance(text, str):
        return None
    mode = None if params.get(entities_name) else params.get("parse_mode")
    return visible_text(text, mode if isinstance(mode, str) else None)


def _is_inline_keyboard(markup: object) -> bool:
    return isinstance(markup, dict) and "inline_keyboard" in markup


def _set_or_drop(message: dict[str, Any], key: str, value: object) -> None:
    if value is None:
        message.pop(key, None)
    else:
        message[key] = value
