"""The official Bot API schema (``../shared/telegram-bot-api/api.json``) as lookup tables."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SCHEMA_PATH",
    "Field",
    "Schema",
    "SchemaNotFoundError",
    "TypeDef",
    "load_schema",
    "load_schema_for_tests",
]

# tests/fakebotapi/schema.py -> project root is parents[2]; the schema lives beside the project.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = PROJECT_ROOT.parent / "shared" / "telegram-bot-api" / "api.json"

_DISCRIMINATOR = re.compile(r"(?:must be|always) [“\"]?([\w-]+)")


class SchemaNotFoundError(FileNotFoundError):
    """api.json is missing, so requests cannot be validated."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True, slots=True)
class TypeDef:
    name: str
    fields: dict[str, Field] | None
    subtypes: tuple[str, ...]
    # Value of the "type" field that selects this subtype of a union, e.g. "article".
    discriminator: str | None


@dataclass(frozen=True, slots=True)
class Schema:
    version: str
    methods: dict[str, dict[str, Field]]
    types: dict[str, TypeDef]
    _by_lower_name: dict[str, str]

    def canonical_method(self, name: str) -> str | None:
        """Method names are case-insensitive in the real API; return the documented spelling."""
        return self._by_lower_name.get(name.lower())


def _fields(raw: list[dict[str, object]] | None) -> dict[str, Field]:
    return {
        str(f["name"]): Field(str(f["name"]), tuple(f["types"]), bool(f["required"]))  # type: ignore[arg-type]
        for f in raw or []
    }


def _discriminator(fields: dict[str, Field] | None, raw: list[dict[str, object]]) -> str | None:
    if not fields or "type" not in fields:
        return None
    description = next(str(f["description"]) for f in raw if f["name"] == "type")
    match = _DISCRIMINATOR.search(description)
    return match.group(1) if match else None


@functools.cache
def _load(path: Path) -> Schema:
    data = json.loads(path.read_text(encoding="utf-8"))
    methods = {name: _fields(m.get("fields")) for name, m in data["methods"].items()}
    types: dict[str, TypeDef] = {}
    for name, t in data["types"].items():
        fields = _fields(t["fields"]) if "fields" in t else None
        types[name] = TypeDef(
            name=name,
            fields=fields,
            subtypes=tuple(t.get("subtypes", ())),
            discriminator=_discriminator(fields, t.get("fields", [])),
        )
    return Schema(
        version=str(data.get("version", "unknown")),
        methods=methods,
        types=types,
        _by_lower_name={name.lower(): name for name in methods},
    )


def load_schema(path: Path | None = None) -> Schema:
    """Parse api.json once per path; raise SchemaNotFoundError when it is absent."""
    path = path or SCHEMA_PATH
    if not path.is_file():
        raise SchemaNotFoundError(f"Telegram Bot API schema not found at {path}")
    return _load(path.resolve())


def load_schema_for_tests(path: Path | None = None) -> Schema:
    """Like load_schema, but a missing schema skips the test unless $CI is set.

    Developers without the shared checkout should still be able to run the fast tests; CI must
    never silently skip the end-to-end layer.
    """
    try:
        return load_schema(path)
    except SchemaNotFoundError as exc:
        if os.environ.get("CI") or "pytest" not in sys.modules:
            raise
        import pytest

        pytest.skip(f"{exc}; end-to-end tests need the shared Bot API schema (set CI to fail)")
