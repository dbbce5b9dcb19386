"""The words the window and the command line show, in the person's language (gettext).

One catalogue per language, ``resources/locale/<code>/LC_MESSAGES/imperfect_trainer.mo``,
compiled from its ``.po`` by ``scripts/translations.py``. gettext rather than Qt Linguist: the
command line never loads Qt, and the window and the commands share one catalogue. Until a
language is chosen every message is its English self, so code that runs before the choice (and
the tests) reads English. The deck's cards stay English whatever the language.

Mark text with ``_("...")`` where it is shown, ``ngettext`` for counted text, and ``N_`` for a
module's constant that is translated later, where it is shown (a constant is built on import,
before the language is known).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from imperfect_trainer.resource_files import resource_root

DOMAIN = "imperfect_trainer"
ENGLISH = "en"
# Each language a catalogue ships for, by its code, named in its own words.
LANGUAGES = {"de": "Deutsch"}
SYSTEM = "system"
# Where gettext looks, in its order: LANGUAGE is a list of preferences, the others one locale.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_catalogue: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH


def _(message: str) -> str:
    # gettext gives the catalogue's header for "": an empty text stays empty.
    return _catalogue.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalogue.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` as the catalogue has it in ``context``: the same English word can need
    another one in German (the card kind "Practice" is not the daily practice)."""
    return _catalogue.pgettext(context, message) if message else message


def NC_(context: str, message: str) -> str:  # noqa: N802 (gettext's own name for the marker)
    """Marks ``message`` in ``context`` for the catalogue; translated where it is shown."""
    return message


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for the marker)
    """Marks ``message`` for the catalogue; it is translated where it is shown."""
    return message


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """The language the person's locale asks for, as gettext reads it; English when the app
    has no catalogue for it."""
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for wanted in value.split(":"):
            code = wanted.split(".")[0].split("@")[0].split("_")[0]
            if code in LANGUAGES or code == ENGLISH:
                return code
        return ENGLISH  # the first locale set decides, as in gettext: none we ship is English
    return ENGLISH


def language_for(choice: str, environ: Mapping[str, str] = os.environ) -> str:
    """The language a Settings choice ("system", "en" or a catalogue's code) stands for."""
    if choice in LANGUAGES or choice == ENGLISH:
        return choice
    return language_from_environment(environ)


def catalogue_path(language: str, root: Path | None = None) -> Path:
    base = Path(str(resource_root())) if root is None else root
    return base / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def translations_of(message: str) -> dict[str, str]:
    """``message`` in each shipped language whose catalogue translates it, by code: for text
    read outside the app in every language at once (a desktop entry's ``Name[de]=``)."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        with catalogue_path(language).open("rb") as file:
            translated = gettext.GNUTranslations(file).gettext(message)
        if translated != message:
            found[language] = translated
    return found


def use_language(language: str) -> str:
    """Shows every message from now on in ``language`` (a code); English when it has no
    catalogue. Returns the language in use."""
    global _catalogue, _language
    if language not in LANGUAGES:
        _catalogue, _language = gettext.NullTranslations(), ENGLISH
        return _language
    with catalogue_path(language).open("rb") as file:
        _catalogue, _language = gettext.GNUTranslations(file), language
    return _language


def current_language() -> str:
    return _language
