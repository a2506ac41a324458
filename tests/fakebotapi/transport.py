"""The fake's schema check without a socket: an ``httpx.MockTransport`` for in-process tests.

The server validates requests it receives over HTTP; handler tests call ``process_update`` and
never open a socket, so this transport puts the same ``Validator`` between PTB and whatever
answers the request. A request that breaks the contract is answered as Telegram would (400 with
Telegram's description) and recorded in ``violations``; a clean one goes to ``respond``::

    def respond(request: ApiRequest) -> object:  # the "result" of a successful call
        ...

    transport = SchemaTransport(respond)
    bot = Bot(token, request=HTTPXRequest(httpx_kwargs={"transport": transport}))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

import httpx

from tests.fakebotapi.errors import ApiError, error_body
from tests.fakebotapi.files import UploadedFile, dumps
from tests.fakebotapi.schema import Schema, load_schema_for_tests
from tests.fakebotapi.validation import Validator, decode_params

__all__ = ["ApiRequest", "SchemaTransport", "read_request"]


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One Bot API call as the server would see it after decoding."""

    method: str
    params: dict[str, Any]
    # File parts referenced as attach://name (albums); other file parts are in params.
    attachments: dict[str, UploadedFile] = field(default_factory=dict)
    # Every file part by its field name, referenced or not.
    uploads: dict[str, UploadedFile] = field(default_factory=dict)


Responder = Callable[[ApiRequest], Any]
Downloader = Callable[[str], bytes | None]


def read_request(request: httpx.Request) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """The raw form fields and file parts of a request, urlencoded or multipart."""
    content_type = request.headers.get("content-type", "")
    body = request.read()
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        raw: dict[str, str] = {}
        uploads: dict[str, UploadedFile] = {}
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is None:
                raw[name] = payload.decode()
            else:
                content = part.get_content_type() or "application/octet-stream"
                uploads[name] = UploadedFile(name, filename, content, payload)
        return raw, uploads
    raw = dict(request.url.params)
    raw.update(parse_qsl(body.decode(), keep_blank_values=True))
    return raw, {}


class SchemaTransport(httpx.MockTransport):
    """Validates every Bot API request against api.json before ``respond`` answers it."""

    def __init__(
        self,
        respond: Responder,
        *,
        download: Downloader | None = None,
        schema: Schema | None = None,
    ) -> None:
        super().__init__(self._handle)
        self.schema = schema or load_schema_for_tests()
        self.violations: list[str] = []
        self._validator = Validator(self.schema)
        self._respond = respond
        self._download = download

    def assert_no_violations(self) -> None:
        if self.violations:
            listing = "\n  ".join(self.violations)
            raise AssertionError(f"Bot API contract violations:\n  {listing}")

    def take_violations(self) -> list[str]:
        """Return and forget the violations, for tests that provoke them on purpose."""
        taken, self.violations[:] = list(self.violations), []
        return taken

    def _handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/file/bot"):
            file_path = path.split("/", 3)[3] if path.count("/") >= 3 else ""
            content = self._download(file_path) if self._download else None
            if content is None:
                return _reply(error_body(404, "Not Found"), 404)
            return httpx.Response(200, content=content)
        name = path.rsplit("/", 1)[-1]
        raw, uploads = read_request(request)
        method = self.schema.canonical_method(name)
        if method is None:
            self.violations.append(f"{name}: unknown method {name!r}")
            return _reply(error_body(404, "Not Found"), 404)
        params, attachments = decode_params(self.schema.methods[method], raw, uploads)
        problems = self._validator.check_request(method, params, attachments)
        if problems:
            self.violations += [f"{method}: {problem.message}" for problem in problems]
            return _reply(error_body(400, problems[0].description), 400)
        try:
            result = self._respond(ApiRequest(method, params, attachments, uploads))
        except ApiError as exc:
            if exc.violation:
                self.violations.append(f"{method}: {exc.violation}")
            return _reply(exc.body(), exc.status)
        return _reply({"ok": True, "result": result})


def _reply(body: dict[str, Any], status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=dumps(body).encode(), headers={"content-type": "application/json"}
    )
