"""The domain's texts are extractable, translated into Dutch, and the domain stays pure."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from tests.domain.test_builders import NL_TRANSLATIONS

DOMAIN = Path(__file__).resolve().parents[2] / "domain"
# Modules this issue owns; text.py, money.py, frame.py and revenue.py belong to others.
MODULES = ["errors", "instants", "rules", "claims", "lifecycle", "deadlines", "reminders",
           "evidence", "triage", "odr", "drafts", "exposure", "eligibility", "outcomes",
           "sources"]


def _trees() -> dict[str, ast.Module]:
    return {name: ast.parse((DOMAIN / f"{name}.py").read_text(encoding="utf-8"))
            for name in MODULES}


def _marked() -> list[ast.expr]:
    return [node.args[0] for tree in _trees().values() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"]


def _msgids() -> list[str]:
    return [arg.value for arg in _marked() if isinstance(arg, ast.Constant)]


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_marked_text_is_one_literal_string() -> None:
    for arg in _marked():
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.dump(arg)


def test_each_msgid_is_marked_once() -> None:
    ids = _msgids()
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("msgid", _msgids())
def test_placeholders_are_named(msgid: str) -> None:
    for field in _fields(msgid):
        assert field.isidentifier(), f"positional or odd placeholder in {msgid!r}"


def test_every_msgid_has_a_dutch_translation_in_the_shipped_catalog() -> None:
    ids = _msgids()
    for msgid in ids:
        assert msgid in NL_TRANSLATIONS, msgid
        assert NL_TRANSLATIONS[msgid].strip(), msgid
        assert _fields(NL_TRANSLATIONS[msgid]) == _fields(msgid), msgid


FORBIDDEN_IMPORTS = ("telegram", "aiosqlite", "sqlite3", "babel", "bot", "handlers", "time")
FORBIDDEN_CALLS = {"now", "utcnow", "today", "utcfromtimestamp", "fromtimestamp"}


@pytest.mark.parametrize("module", MODULES)
def test_the_domain_imports_no_shell_and_reads_no_clock(module: str) -> None:
    tree = _trees()[module]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_IMPORTS, f"{module} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in FORBIDDEN_CALLS, f"{module} calls {node.func.attr}"


@pytest.mark.parametrize("module", MODULES)
def test_every_module_declares_its_public_names(module: str) -> None:
    tree = _trees()[module]
    exported = next(
        node.value for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    assert isinstance(exported, ast.List) and exported.elts
