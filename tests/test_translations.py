"""Every word the window and the command line show can be translated, and the German catalogue
translates all of them: a string handed to a Qt text call unmarked fails here, and so does a
message the German .po leaves untranslated or a committed .mo older than its .po."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale

from imperfect_trainer import translation
from tests.support.paths import PACKAGE, REPO

# Qt's text setters and constructors, and the window's own helpers that pass text to them.
TEXT_CALLS = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "setStatusTip", "setWhatsThis", "addAction", "addMenu",
    "addButton", "addTab", "addRow", "addItem", "addItems", "setTitle", "setLabelText",
    "setInformativeText", "setDetailedText", "setItemText", "setTabText", "setHeaderLabels",
    "setSpecialValueText", "setSuffix", "setPrefix", "setHtml",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
    "QListWidgetItem", "QMessageBox", "information", "warning", "critical", "question",
    "getOpenFileName", "getSaveFileName", "getExistingDirectory", "getText", "getItem",
    "label", "button", "wrapped", "Command", "announce", "show_problem", "show_unsaved",
    "set_words", "allow", "tell", "_text_box", "search_field", "filter_combo", "say", "offer",
    "setHorizontalHeaderLabels", "show_status", "add_row", "section",
}  # fmt: skip
# Text with letters but no words to translate (text without letters, "·" or "—", passes).
NOT_WORDS = {"KB"}
WINDOW = PACKAGE / "ui"


def _unmarked_text(node: ast.expr) -> bool:
    """Whether ``node`` is English text built in place rather than through the catalogue."""
    if isinstance(node, ast.Constant):
        return (
            isinstance(node.value, str)
            and node.value.strip() not in NOT_WORDS
            and any(char.isalpha() for char in node.value)
        )
    if isinstance(node, ast.JoinedStr):
        return any(_unmarked_text(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _unmarked_text(node.left) or _unmarked_text(node.right)
    if isinstance(node, ast.IfExp):
        return _unmarked_text(node.body) or _unmarked_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _unmarked_text(node.func.value)
    return False


def _marked_constants(tree: ast.Module) -> set[str]:
    """The module's constants marked with ``N_``: English until translated where shown."""
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", "") == "N_"
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def unmarked_strings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text("utf-8"))
    constants = _marked_constants(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in TEXT_CALLS:
            continue
        arguments = [*node.args, *(k.value for k in node.keywords if k.arg not in {"role", "keys"})]
        for argument in arguments:
            if _unmarked_text(argument) or (
                isinstance(argument, ast.Name) and argument.id in constants
            ):
                shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
                yield f"{shown}:{argument.lineno}: {ast.unparse(argument)}"


def test_a_qt_text_call_is_caught_when_its_words_are_not_marked(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'label.setText("Saved")\nlabel.setToolTip(f"{n} cards")\nQLabel(_("Marked"))\n'
        'label.setText("·")\nbutton.setText(_("{n} left").format(n=n))\n'
        'widgets.label("Enter starts", role="muted")\n'
        'INTRO = N_("Hello")\nQLabel(INTRO)\nQLabel(_(INTRO))\n',
        "utf-8",
    )
    found = [line.split(": ", 1)[1] for line in unmarked_strings(sample)]
    assert found == ["'Saved'", "f'{n} cards'", "'Enter starts'", "INTRO"]


def test_every_word_the_window_shows_through_qt_is_marked_for_translation() -> None:
    paths = sorted(WINDOW.rglob("*.py"))
    unmarked = [line for path in paths for line in unmarked_strings(path)]
    assert unmarked == []


@pytest.fixture(scope="module")
def catalogues() -> Iterator[ModuleType]:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import translations

        yield translations
    finally:
        sys.path.remove(str(REPO / "scripts"))


def test_the_german_catalogue_translates_every_marked_message(catalogues: ModuleType) -> None:
    german = catalogues.merged("de")
    untranslated = [msgid for msgid, message in german.items() if not message.translated]

    assert len(german) > 300
    assert untranslated == []


def test_the_committed_catalogues_are_up_to_date(catalogues: ModuleType) -> None:
    rewrite = "run scripts/translations.py update after changing the window's words"
    for language in catalogues.languages():
        po = catalogues.po_path(language)
        assert catalogues.read_po(po).keys() == catalogues.extract().keys(), rewrite
        written = catalogues.compile_mo(language, catalogues.read_po(po))
        assert po.with_suffix(".mo").read_bytes() == written, rewrite


def test_a_translated_message_keeps_the_english_placeholders(catalogues: ModuleType) -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    broken = [
        msgid
        for msgid, message in catalogues.merged("de").items()
        for form in message.translations
        if form
        and fields(form) != fields(message.plural or msgid) | fields(msgid)
        and fields(form) != fields(msgid)
    ]
    assert broken == []


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANGUAGE": "fr:de", "LANG": "fr_FR.UTF-8"}, "de"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_locale_as_gettext_reads_it(
    environment: dict[str, str], language: str
) -> None:
    assert translation.language_from_environment(environment) == language


def test_a_chosen_language_beats_the_locale() -> None:
    assert translation.language_for("en", {"LANG": "de_DE.UTF-8"}) == "en"
    assert translation.language_for("de", {"LANG": "en_US.UTF-8"}) == "de"
    assert translation.language_for("system", {"LANG": "de_AT.UTF-8"}) == "de"


def test_german_counts_and_sentences_come_from_the_catalogue() -> None:
    try:
        translation.use_language("de")
        assert translation._("Start practice") == "Übung beginnen"
        assert translation.ngettext("{count} card", "{count} cards", 1) == "{count} Karte"
        assert translation.ngettext("{count} card", "{count} cards", 3) == "{count} Karten"
    finally:
        translation.use_language("en")
    assert translation._("Start practice") == "Start practice"


def test_the_settings_offer_exactly_the_languages_the_app_has_catalogues_for() -> None:
    from imperfect_trainer.deck.settings_registry import LANGUAGES

    assert set(LANGUAGES) == {translation.SYSTEM, translation.ENGLISH, *translation.LANGUAGES}
    for language in translation.LANGUAGES:
        assert translation.catalogue_path(language).is_file()


def test_the_command_line_speaks_the_locales_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from imperfect_trainer.cli import main
    from tests.support.pdf_pages import page_texts

    monkeypatch.setenv("LANGUAGE", "de")
    data, pdf = str(tmp_path / "data"), tmp_path / "report.pdf"
    try:
        assert main(["--data-dir", data, "stats"]) == 0
        assert "Neu, noch nicht gesehen: 162" in capsys.readouterr().out
        args = [
            "--data-dir",
            data,
            "report",
            str(pdf),
            "--from",
            "2026-11-28",
            "--to",
            "2026-12-03",
        ]
        assert main(args) == 0
    finally:
        translation.use_language(translation.ENGLISH)
        QLocale.setDefault(QLocale.system())  # the report set the German one
    assert "Bericht geschrieben" in capsys.readouterr().out
    assert "28. November bis 3. Dezember 2026" in page_texts(pdf)[0]
