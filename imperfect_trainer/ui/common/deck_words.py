"""The core's own labels the window shows (a card's kind, the grade words, a goal's striving,
a debrief's situations), translated here: ``deck/`` stays English and free of the catalogue, and
tests/ui/common/test_deck_words.py keeps this list the same as the core's."""

from __future__ import annotations

import dataclasses

from imperfect_trainer.deck.content.cards import CardKind, GradeWords
from imperfect_trainer.translation import N_, _

# The same words as the core's, for the catalogue to find.
DECK_WORDS = (
    # CardKind.label
    N_("Reality"),
    N_("Reframe"),
    N_("Sign"),
    N_("Practice"),
    N_("Reflection"),
    N_("Fact"),
    N_("Healthy or perfectionist?"),
    # GradeWords: what each scale judges, the kinds it is for, and its six grades
    N_("how well the answer came back"),
    N_("Reality checks and facts"),
    N_("not yet"),
    N_("missed it; it rang a bell"),
    N_("missed it, then “of course”"),
    N_("got there with effort"),
    N_("right after a pause"),
    N_("easy"),
    N_("how readily a useful response came"),
    N_("Reframes, practice and sign cards"),
    N_("nothing came"),
    N_("only an unhelpful response"),
    N_("close; the back made it click"),
    N_("useful, with effort"),
    N_("useful, after a pause"),
    N_("useful, readily"),
    N_("whether your judgement and its reason matched"),
    N_("“Healthy or perfectionist?” cards"),
    N_("couldn’t judge"),
    N_("judged it the other way"),
    N_("right call, not the reason"),
    N_("right call, part of the reason"),
    N_("call and reason, after a pause"),
    N_("call and reason, readily"),
    # Striving.label
    N_("Healthy striving toward my potential"),
    N_("A standard that is never good enough"),
    N_("I’m not sure yet"),
    # debrief.SITUATIONS
    N_("The client arrived late"),
    N_("The client arrived intoxicated"),
    N_("The client threatened to drop out"),
    N_("A relapse"),
    N_("A rupture between us"),
    N_("No progress, or it feels that way"),
    N_("I over-prepared"),
    N_("I keep replaying it"),
    # settings_registry.DEFAULT_REPORT_FOOTER
    N_("Confidential — for supervision"),
)


def deck_word(text: str) -> str:
    """One of the core's labels in the window's language (as it is, if it is not one)."""
    return _(text)


def kind_label(kind: str) -> str:
    try:
        return _(CardKind(kind).label)
    except ValueError:
        return kind


def grade_words(words: GradeWords) -> GradeWords:
    """A grade scale in the window's language; the grades themselves are the same."""
    nought, one, two, three, four, five = (_(word) for word in words.words)
    return dataclasses.replace(
        words,
        judges=_(words.judges),
        kinds=_(words.kinds),
        words=(nought, one, two, three, four, five),
    )
