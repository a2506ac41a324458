"""Catalog maintenance: ``python -m bot.catalogs update|compile|check|translate``.

``update`` extracts every marked string from ``bot``, ``handlers`` and ``domain`` into
``locales/messages.pot``, merges it into the ``nl`` and ``en`` catalogs (no fuzzy matching: a
guessed translation is worse than an empty one) and fills ``en`` with the English source text.
``compile`` writes the ``.mo`` files. ``check`` lists what would make a seller see English in a
Dutch chat or a broken placeholder; the test suite runs it.
"""

from __future__ import annotations

import json
import string
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.i18n import DOMAIN, LOCALES, LOCALES_DIR

__all__ = ["check", "compile_catalogs", "extract", "translate", "update"]

ROOT = LOCALES_DIR.parent
SOURCES = ("bot", "handlers", "domain")
SOURCE_LOCALE = "en"


def extract(root: Path = ROOT) -> Catalog:
    """Every translatable string in the code, as a template catalog."""
    template = Catalog(project="claimwacht", domain=DOMAIN, fuzzy=False)
    for package in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            root / package, keywords=DEFAULT_KEYWORDS, comment_tags=("Translators:",)
        ):
            template.add(
                message,
                locations=[(f"{package}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def _po_path(code: str, directory: Path = LOCALES_DIR) -> Path:
    return directory / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path, code: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, omit_header=False, sort_output=True)


def _new_catalog(code: str) -> Catalog:
    return Catalog(locale=code, domain=DOMAIN, project="claimwacht", version="1", fuzzy=False)


def update(directory: Path = LOCALES_DIR) -> None:
    template = extract(directory.parent)
    _write(directory / f"{DOMAIN}.pot", template)
    for code in LOCALES:
        path = _po_path(code, directory)
        catalog = _read(path, code) if path.exists() else _new_catalog(code)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if code == SOURCE_LOCALE:
            for message in catalog:
                if isinstance(message.id, tuple) and not any(message.string):
                    message.string = message.id  # plural: (singular, plural) as msgstr[0], [1]
                elif message.id and not message.string:
                    message.string = message.id
        _write(path, catalog)


def compile_catalogs(directory: Path = LOCALES_DIR) -> None:
    for code in LOCALES:
        catalog = _read(_po_path(code, directory), code)
        with (_po_path(code, directory).with_suffix(".mo")).open("wb") as handle:
            write_mo(handle, catalog)


def translate(
    code: str, translations: dict[str, str | list[str]], directory: Path = LOCALES_DIR
) -> int:
    """Fill ``code``'s catalog from a {msgid: text} mapping; returns how many were set."""
    path = _po_path(code, directory)
    catalog = _read(path, code)
    count = 0
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
            count += 1
        elif isinstance(message.id, tuple) and isinstance(translations.get(message.id[0]), list):
            # Plurals: {"singular msgid": ["one form", "other form"]}.
            message.string = tuple(translations[message.id[0]])
            message.flags.discard("fuzzy")
            count += 1
    _write(path, catalog)
    return count


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check(directory: Path = LOCALES_DIR) -> list[str]:
    """Problems that would reach a seller; empty when the catalogs are complete."""
    problems: list[str] = []
    in_code = {message.id for message in extract(directory.parent) if message.id}
    for code in LOCALES:
        catalog = _read(_po_path(code, directory), code)
        ids = {message.id for message in catalog if message.id}
        problems += [f"{code}: missing from the catalog: {msgid!r}" for msgid in in_code - ids]
        for message in catalog:
            if not message.id:
                continue
            problems += _check_message(code, message.id, message.string, message.fuzzy)
    return sorted(problems)


def _check_message(code: str, msgid: object, msgstr: object, fuzzy: bool) -> Iterable[str]:
    if isinstance(msgid, tuple) or isinstance(msgstr, tuple):
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        pairs = [(str(ids[min(i, len(ids) - 1)]), str(s)) for i, s in enumerate(strings)]
    else:
        pairs = [(str(msgid), str(msgstr))]
    for source, translated in pairs:
        if fuzzy:
            yield f"{code}: fuzzy: {source!r}"
        if not translated:
            yield f"{code}: untranslated: {source!r}"
            continue
        try:
            expected, found = _placeholders(source), _placeholders(translated)
        except ValueError as error:
            yield f"{code}: broken placeholder ({error}): {translated!r}"
            continue
        if expected != found:
            yield f"{code}: placeholders {sorted(found)} instead of {sorted(expected)}: {source!r}"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_catalogs()
    elif command == "translate" and len(argv) == 3:
        mapping = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        print(f"{translate(argv[1], mapping)} messages set")
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "catalogs complete")
        return 1 if problems else 0
    else:
        print("usage: python -m bot.catalogs update|compile|check|translate CODE FILE.json",
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
