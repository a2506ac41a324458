"""Decode form parameters the way the Bot API does and check them against the schema."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from tests.fakebotapi import limits
from tests.fakebotapi.errors import Problem
from tests.fakebotapi.files import UploadedFile
from tests.fakebotapi.schema import Field, Schema

__all__ = ["Validator", "decode_params"]

_SCALARS = frozenset({"String", "Integer", "Float", "Boolean", "InputFile"})
_INTEGER = re.compile(r"-?[0-9]+")
_ATTACH = re.compile(r"attach://([^\s\"]+)")
_MAX_DEPTH = 16


def decode_params(
    fields: Mapping[str, Field] | None,
    raw: Mapping[str, str],
    uploads: Mapping[str, UploadedFile],
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Return (params, attachments).

    PTB sends strings raw and JSON-encodes everything else, so only fields that may be
    non-strings are json-decoded; a file part referenced as attach://name is an attachment,
    not a parameter.
    """
    fields = fields or {}
    params: dict[str, Any] = {name: _decode(value, fields.get(name)) for name, value in raw.items()}
    referenced = {m.group(1) for value in raw.values() for m in _ATTACH.finditer(value)}
    attachments = {n: u for n, u in uploads.items() if n in referenced and n not in fields}
    params.update({n: u for n, u in uploads.items() if n not in attachments})
    return params, attachments


def _decode(value: str, field: Field | None) -> Any:
    types = set(field.types) if field else None
    if types is not None and "String" in types and types <= _SCALARS:
        if "Integer" in types and _INTEGER.fullmatch(value):
            return int(value)
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _json_kind(value: object) -> str:
    if isinstance(value, UploadedFile):
        return "file upload"
    return {
        bool: "Boolean",
        int: "Integer",
        float: "Float",
        str: "String",
        list: "Array",
        dict: "Object",
    }.get(type(value), type(value).__name__)


class Validator:
    """Schema checks for one request; returns problems instead of raising."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def check_request(
        self, method: str, params: Mapping[str, Any], attachments: Mapping[str, UploadedFile]
    ) -> list[Problem]:
        fields = self.schema.methods[method]
        problems = [
            Problem(
                name,
                f"missing required parameter {name!r}",
                f'Bad Request: parameter "{name}" is required',
            )
            for name, field in fields.items()
            if field.required and params.get(name) is None
        ]
        for name, value in params.items():
            field = fields.get(name)
            if field is None:
                problems.append(
                    Problem(
                        name,
                        f"unknown parameter {name!r}",
                        f'Bad Request: unknown parameter "{name}"',
                    )
                )
            elif value is not None:
                problems += self.check_value(value, field.types, name)
        for uri in _attach_uris(params):
            if uri not in attachments:
                problems.append(
                    Problem(
                        uri,
                        f"attach://{uri} has no multipart file part",
                        "Bad Request: wrong file identifier/HTTP URL specified",
                    )
                )
        if not problems:
            # Limits assume well-typed values, so they run only on a clean request.
            problems += limits.check_method(method, params)
        return problems

    def check_value(
        self, value: object, types: tuple[str, ...], path: str, depth: int = 0
    ) -> list[Problem]:
        """Problems of value against a union of schema types (empty if any member fits)."""
        if depth > _MAX_DEPTH:
            return []
        candidates = [t for t in types if self._kind_matches(value, t)]
        if not candidates:
            expected = " or ".join(types)
            return [
                Problem(
                    path,
                    f"{path} must be {expected}, got {_json_kind(value)}: {value!r:.80}",
                    f'Bad Request: field "{path}" must be of type {expected}',
                )
            ]
        best: list[Problem] | None = None
        for type_name in candidates:
            problems = self._check_type(value, type_name, path, depth)
            if not problems:
                return []
            if best is None or len(problems) < len(best):
                best = problems
        return best or []

    def _kind_matches(self, value: object, type_name: str, depth: int = 0) -> bool:
        if type_name.startswith("Array of "):
            return isinstance(value, list)
        match type_name:
            case "Integer":
                return isinstance(value, int) and not isinstance(value, bool)
            case "Float":
                return isinstance(value, int | float) and not isinstance(value, bool)
            case "Boolean":
                return isinstance(value, bool)
            case "String":
                return isinstance(value, str)
            case "InputFile":
                return isinstance(value, UploadedFile | str)
        typedef = self.schema.types.get(type_name)
        if typedef is not None and typedef.subtypes and depth < 2:
            return any(self._kind_matches(value, sub, depth + 1) for sub in typedef.subtypes)
        return isinstance(value, dict)

    def _check_type(self, value: Any, type_name: str, path: str, depth: int) -> list[Problem]:
        if type_name.startswith("Array of "):
            inner = (type_name.removeprefix("Array of "),)
            return [
                problem
                for index, item in enumerate(value)
                for problem in self.check_value(item, inner, f"{path}[{index}]", depth + 1)
            ]
        typedef = self.schema.types.get(type_name)
        if typedef is None or type_name in _SCALARS:
            return []
        if typedef.subtypes:
            return self._check_union(value, type_name, path, depth)
        if typedef.fields is None or not isinstance(value, dict):
            return []
        problems = [
            Problem(
                f"{path}.{name}",
                f"{path}.{name} is required in {type_name}",
                f'Bad Request: can\'t parse {type_name}: field "{name}" must be specified',
            )
            for name, field in typedef.fields.items()
            if field.required and value.get(name) is None
        ]
        for key, item in value.items():
            field = typedef.fields.get(key)
            if field is None:
                problems.append(
                    Problem(
                        f"{path}.{key}",
                        f"{path}.{key} is not a field of {type_name}",
                        f'Bad Request: can\'t parse {type_name}: unknown field "{key}"',
                    )
                )
            elif item is not None:
                problems += self.check_value(item, field.types, f"{path}.{key}", depth + 1)
        if not problems:
            problems += limits.check_object(type_name, value, path)
        return problems

    def _check_union(self, value: Any, type_name: str, path: str, depth: int) -> list[Problem]:
        subtypes = self.schema.types[type_name].subtypes
        tag = value.get("type") if isinstance(value, dict) else None
        tagged = [
            s for s in subtypes if s in self.schema.types and self.schema.types[s].discriminator
        ]
        if tag is not None and tagged:
            matching = tuple(s for s in tagged if self.schema.types[s].discriminator == tag)
            if not matching:
                return [
                    Problem(
                        f"{path}.type",
                        f"{path}.type {tag!r} is not a kind of {type_name}",
                        f'Bad Request: unsupported {type_name} type "{tag}"',
                    )
                ]
            subtypes = matching
        return self.check_value(value, subtypes, path, depth + 1)


def _attach_uris(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield from (m.group(1) for m in _ATTACH.finditer(value))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _attach_uris(item)
    elif isinstance(value, list):
        for item in value:
            yield from _attach_uris(item)
