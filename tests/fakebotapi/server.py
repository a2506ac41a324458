"""FakeBotApi: the aiohttp server, its request pipeline and the test-facing API."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from tests.fakebotapi.control import add_control_routes
from tests.fakebotapi.errors import ApiError, error_body
from tests.fakebotapi.faults import BLOCKED, Faults, RateLimiter, is_chat_send, is_message_send
from tests.fakebotapi.files import FileRegistry, StoredFile, UploadedFile, dumps
from tests.fakebotapi.injection import InjectionMixin
from tests.fakebotapi.methods import BotApiMethods
from tests.fakebotapi.recording import Predicate, Recorder
from tests.fakebotapi.schema import Schema, load_schema_for_tests
from tests.fakebotapi.state import BotSettings, ChatId, Chats, FakeUser
from tests.fakebotapi.updates import UpdateQueue
from tests.fakebotapi.validation import Validator, decode_params

__all__ = ["DEFAULT_TOKEN", "FakeBotApi"]

DEFAULT_TOKEN = "123456:TEST-token"
_MAX_UPLOAD = 60 * 1024 * 1024  # above Telegram's 50 MB so its limit, not ours, would bite


class FakeBotApi(InjectionMixin):
    """A local stand-in for api.telegram.org that validates every request against api.json."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        schema: Schema | None = None,
        schema_path: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.schema = schema or load_schema_for_tests(schema_path)
        self.token = token
        self.host = host
        self.port = port
        self.violations: list[str] = []
        self.rate_limited: list[tuple[str, int | None]] = []
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Claimwacht",
            "username": "claimwacht_test_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self._clock = clock
        self._validator = Validator(self.schema)
        self._chats = Chats()
        self._files = FileRegistry()
        self._settings = BotSettings()
        self._recorder = Recorder()
        self._updates = UpdateQueue()
        self._faults = Faults()
        self._open_queries: set[str] = set()
        self._methods = BotApiMethods(
            bot_user=self.bot_user,
            chats=self._chats,
            files=self._files,
            settings=self._settings,
            recorder=self._recorder,
            updates=self._updates,
            open_queries=self._open_queries,
            now=self._now,
        )
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None

    def _now(self) -> int:
        return int(self._clock())

    # --- lifecycle ----------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=_MAX_UPLOAD)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("POST", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("GET", "/file/bot{token}/{file_path:.+}", self._handle_file)
        add_control_routes(app, self)
        app.router.add_route("*", "/{tail:.*}", _not_found)
        return app

    async def start(self) -> Self:
        # A short shutdown timeout: long polls end on close, anything else is a stuck handler.
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        # Binding the socket ourselves is the public way to learn the port chosen for port 0.
        sock = socket.create_server((self.host, self.port))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        self._closing.set()
        self._updates.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For Bot(base_url=...): PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # --- recorded state ------------------------------------------------------------------

    @property
    def requests(self) -> list[tuple[str, dict[str, Any]]]:
        return self._recorder.requests

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        return self._recorder.callback_answers

    @property
    def inline_answers(self) -> list[dict[str, Any]]:
        return self._recorder.inline_answers

    @property
    def commands(self) -> dict[tuple[str | None, str], list[dict[str, Any]]]:
        return self._settings.commands

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        return self._updates.pending

    def add_user(self, user: FakeUser) -> None:
        """Make a user known without a message, so bot messages to them show their name."""
        self._chats.users[user.id] = user

    def sent_messages(self, chat_id: ChatId) -> list[dict[str, Any]]:
        """Bot messages to the chat in order; edits are extra entries with "_edited": True."""
        return self._recorder.sent_messages(self._chats.resolve(chat_id))

    def message(self, chat_id: ChatId, message_id: int) -> dict[str, Any] | None:
        """The message as it is now (after edits), or None if unknown or deleted."""
        return self._chats.get(chat_id, message_id)

    def register_file(
        self,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        file_size: int | None = None,
        chunked: bool = False,
    ) -> StoredFile:
        return self._files.register(
            content, file_name=file_name, mime_type=mime_type, file_size=file_size,
            chunked=chunked,
        )

    def file(self, file_id: str) -> StoredFile | None:
        """A known file, e.g. one the bot uploaded (its bytes are in .content)."""
        return self._files.get(file_id)

    def assert_no_violations(self) -> None:
        if self.violations:
            listing = "\n  ".join(self.violations)
            raise AssertionError(f"Bot API contract violations:\n  {listing}")

    def take_violations(self) -> list[str]:
        """Return and forget the violations, for tests that provoke them on purpose."""
        taken, self.violations[:] = list(self.violations), []
        return taken

    # --- waiting -------------------------------------------------------------------------

    async def wait_for_message(
        self,
        chat_id: ChatId,
        predicate: Predicate | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 -- a deadline for the wait, not for a callee
    ) -> dict[str, Any]:
        """The next bot message to the chat (sends and edits) that this call has not returned."""
        chat = self._chats.resolve(chat_id)
        return await self._recorder.wait_for_message(chat, predicate, timeout)

    async def wait_for_request(
        self,
        method: str,
        predicate: Predicate | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 -- a deadline for the wait, not for a callee
    ) -> dict[str, Any]:
        """The params of the next call of method (any spelling) not yet returned."""
        return await self._recorder.wait_for_request(self._method(method), predicate, timeout)

    # --- faults ------------------------------------------------------------------------

    def _method(self, name: str) -> str:
        method = self.schema.canonical_method(name)
        if method is None:
            raise ValueError(f"{name!r} is not a Bot API method")
        return method

    def fail_next(
        self,
        method: str,
        status: int = 500,
        retry_after: int | None = None,
        description: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next count calls of method with this error (429 gets retry_after)."""
        self._faults.fail_next(self._method(method), status, retry_after, description, count)

    def stall_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Delay the next calls of method; the call still takes effect, as after a timeout."""
        self._faults.stall_next(self._method(method), seconds, count)

    def block_user(self, chat_id: ChatId) -> None:
        self._faults.blocked.add(self._chats.resolve(chat_id))

    def unblock_user(self, chat_id: ChatId) -> None:
        self._faults.blocked.discard(self._chats.resolve(chat_id))

    def enforce_rate_limits(
        self, global_per_second: int = 30, per_chat_per_second: float = 1, burst: int = 3
    ) -> None:
        self._faults.rate_limiter = RateLimiter(global_per_second, per_chat_per_second, burst)

    async def _apply_faults(self, method: str, params: dict[str, Any]) -> None:
        stall = self._faults.take_stall(method)
        if stall:
            # Shutdown must not wait for a stall to run out.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), stall)
        chat = self._chats.resolve(params["chat_id"]) if "chat_id" in params else None
        if chat is not None and chat in self._faults.blocked and is_chat_send(method):
            # A blocked chat is refused whatever else goes wrong; an injected failure stays
            # for the next call, so which chat it hits does not depend on timing.
            raise ApiError(403, BLOCKED)
        if (failure := self._faults.take_failure(method)) is not None:
            raise failure
        limiter = self._faults.rate_limiter
        if limiter is not None and is_message_send(method):
            retry_after = limiter.admit(chat, asyncio.get_running_loop().time())
            if retry_after is not None:
                self.rate_limited.append((method, chat))
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after},
                )

    # --- HTTP handlers -------------------------------------------------------------------

    def _violate(self, method: str, message: str) -> None:
        self.violations.append(f"{method}: {message}")

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _reply(error_body(401, "Unauthorized"), 401)
        name = request.match_info["method"]
        raw, uploads = await _read_params(request)
        method = self.schema.canonical_method(name)
        if method is None:
            self._recorder.record_request(name, dict(raw))
            self._violate(name, f"unknown method {name!r}")
            return _reply(error_body(404, "Not Found"), 404)
        params, attachments = decode_params(self.schema.methods[method], raw, uploads)
        self._recorder.record_request(method, params)
        problems = self._validator.check_request(method, params, attachments)
        if problems:
            for problem in problems:
                self._violate(method, problem.message)
            return _reply(error_body(400, problems[0].description), 400)
        try:
            await self._apply_faults(method, params)
            result = await self._methods.call(method, params, attachments)
        except ApiError as exc:
            if exc.violation:
                self._violate(method, exc.violation)
            return _reply(exc.body(), exc.status)
        return _reply({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _reply(error_body(401, "Unauthorized"), 401)
        stored = self._files.by_path(request.match_info["file_path"])
        if stored is None:
            return _reply(error_body(404, "Not Found"), 404)
        if stored.chunked:
            return await _stream_file(request, stored)
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )


async def _stream_file(request: web.Request, stored: StoredFile) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={"Content-Type": stored.mime_type or "application/octet-stream"}
    )
    response.enable_chunked_encoding()
    await response.prepare(request)
    chunk = 1 << 16
    with contextlib.suppress(ConnectionError):  # the client may stop reading early
        for start in range(0, len(stored.content), chunk):
            await response.write(stored.content[start : start + chunk])
        await response.write_eof()
    return response


async def _read_params(request: web.Request) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Form, multipart, JSON body or query string, as the real server accepts them all."""
    if request.content_type == "application/json":
        body = await request.json()
        # Re-encoding non-strings lets one decoder handle both transports.
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}, {}
    raw: dict[str, str] = dict(request.query)
    uploads: dict[str, UploadedFile] = {}
    if request.method == "POST" and request.body_exists:
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                content = value.file.read()
                uploads[name] = UploadedFile(name, value.filename, value.content_type, content)
            else:
                raw[name] = value
    return raw, uploads


def _reply(body: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=dumps)


async def _not_found(request: web.Request) -> web.Response:
    return _reply(error_body(404, "Not Found"), 404)
