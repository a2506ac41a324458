"""Layering as a contract, over every module: domain ← bot ← handlers, wired in bot/app.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHELL = ("telegram", "aiosqlite", "sqlite3", "babel", "bot", "handlers", "time", "apscheduler")
CLOCK_CALLS = {"now", "utcnow", "today", "utcfromtimestamp", "fromtimestamp"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize("path", _modules("domain"), ids=_name)
def test_the_domain_imports_nothing_of_the_shell_and_reads_no_clock(path: Path) -> None:
    for name in _imports(path):
        assert name.split(".")[0] not in SHELL, f"{_name(path)} imports {name}"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in CLOCK_CALLS, f"{_name(path)} calls {node.func.attr}"


@pytest.mark.parametrize(
    "path", [p for p in _modules("bot") if p.name != "app.py"], ids=_name
)
def test_the_shell_does_not_reach_up_into_the_handlers(path: Path) -> None:
    """Only the wiring (bot/app.py) knows the handlers; the rest gets what it needs passed in."""
    for name in _imports(path):
        assert name.split(".")[0] != "handlers", f"{_name(path)} imports {name}"


@pytest.mark.parametrize("path", _modules("handlers/views"), ids=_name)
def test_views_only_render(path: Path) -> None:
    """Screens are pure: no storage, no services, no sending."""
    for name in _imports(path):
        assert not name.startswith(("bot.storage", "bot.services", "telegram.ext")), (
            f"{_name(path)} imports {name}"
        )
