"""JSON control API under /_control, so a test can drive a bot running in another process."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.fakebotapi.files import dumps
from tests.fakebotapi.state import FakeUser

if TYPE_CHECKING:
    from tests.fakebotapi.server import FakeBotApi

__all__ = ["add_control_routes"]


def add_control_routes(app: web.Application, server: FakeBotApi) -> None:
    """Routes: inject_message, inject_callback_query, inject_button_press, fail_next,
    block_user (POST); sent/{chat_id}, violations, commands, requests (GET)."""

    async def inject_message(request: web.Request) -> web.Response:
        body = await request.json()
        update = server.inject_message(
            _user(body["user"]),
            body["text"],
            language_code=body.get("language_code"),
            chat_id=body.get("chat_id"),
        )
        return _ok(update)

    async def inject_callback_query(request: web.Request) -> web.Response:
        body = await request.json()
        message = _message(server, body)
        return _ok(server.inject_callback_query(_user(body["user"]), message, body["data"]))

    async def inject_button_press(request: web.Request) -> web.Response:
        body = await request.json()
        message = _message(server, body)
        try:
            update = server.inject_button_press(_user(body["user"]), message, body["button_text"])
        except LookupError as exc:
            return _ok({"error": str(exc)}, status=404)
        return _ok(update)

    async def fail_next(request: web.Request) -> web.Response:
        body = await request.json()
        server.fail_next(
            body["method"],
            body.get("status", 500),
            body.get("retry_after"),
            body.get("description"),
            body.get("count", 1),
        )
        return _ok(True)

    async def block_user(request: web.Request) -> web.Response:
        server.block_user((await request.json())["chat_id"])
        return _ok(True)

    async def sent(request: web.Request) -> web.Response:
        return _ok(server.sent_messages(request.match_info["chat_id"]))

    async def violations(request: web.Request) -> web.Response:
        return _ok(server.violations)

    async def commands(request: web.Request) -> web.Response:
        listing = [
            {
                "scope": json.loads(scope) if scope else None,
                "language_code": language,
                "commands": entries,
            }
            for (scope, language), entries in server.commands.items()
        ]
        return _ok(listing)

    async def requests(request: web.Request) -> web.Response:
        wanted = request.query.get("method")
        calls = [
            {"method": method, "params": params}
            for method, params in server.requests
            if wanted is None or method.lower() == wanted.lower()
        ]
        return _ok(calls)

    app.router.add_post("/_control/inject_message", inject_message)
    app.router.add_post("/_control/inject_callback_query", inject_callback_query)
    app.router.add_post("/_control/inject_button_press", inject_button_press)
    app.router.add_post("/_control/fail_next", fail_next)
    app.router.add_post("/_control/block_user", block_user)
    app.router.add_get("/_control/sent/{chat_id}", sent)
    app.router.add_get("/_control/violations", violations)
    app.router.add_get("/_control/commands", commands)
    app.router.add_get("/_control/requests", requests)


def _user(data: dict[str, Any]) -> FakeUser:
    return FakeUser(
        id=int(data["id"]),
        first_name=data.get("first_name", "Test"),
        language_code=data.get("language_code", "en"),
        username=data.get("username"),
    )


def _message(server: FakeBotApi, body: dict[str, Any]) -> dict[str, Any]:
    message = server.message(body["chat_id"], int(body["message_id"]))
    if message is None:
        raise web.HTTPNotFound(text=f"no message {body['message_id']} in chat {body['chat_id']}")
    return message


def _ok(result: object, status: int = 200) -> web.Response:
    return web.json_response({"ok": status < 400, "result": result}, status=status, dumps=dumps)
