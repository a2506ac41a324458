from pathlib import Path

from babel.messages.pofile import read_po

from bot.catalogs import check, extract
from bot.i18n import LOCALES_DIR, load_translators


def test_every_string_in_the_code_is_translated_in_both_catalogs() -> None:
    assert check() == []


def test_the_check_catches_missing_fuzzy_untranslated_and_placeholder_mismatches(
    tmp_path: Path,
) -> None:
    (tmp_path / "bot").mkdir()
    (tmp_path / "handlers").mkdir()
    (tmp_path / "domain").mkdir()
    (tmp_path / "bot" / "x.py").write_text(
        '_("Hello {name}")\n_("Only in code")\n_("Fuzzy one")\n_("Empty one")\n'
    )
    for code in ("nl", "en"):
        folder = tmp_path / "locales" / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
            'msgid "Hello {name}"\nmsgstr "Hallo {naam}"\n\n'
            '#, fuzzy\nmsgid "Fuzzy one"\nmsgstr "Vaag"\n\n'
            'msgid "Empty one"\nmsgstr ""\n'
        )
    problems = check(tmp_path / "locales")
    assert any("missing from the catalog: 'Only in code'" in p for p in problems)
    assert any("fuzzy: 'Fuzzy one'" in p for p in problems)
    assert any("untranslated: 'Empty one'" in p for p in problems)
    assert any("placeholders ['naam'] instead of ['name']" in p for p in problems)


def test_the_committed_template_matches_the_code() -> None:
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == {m.id for m in extract() if m.id}


def test_dutch_and_english_catalogs_load_and_differ() -> None:
    translators = load_translators()
    source = "What I can do:"
    assert translators["en"].gettext(source) == source
    assert translators["nl"].gettext(source) != source
