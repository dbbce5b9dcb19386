"""The core's own labels the window shows (a card's kind, the grade words, a goal's striving,
a debrief's situations, the reminder's words), translated here: ``deck/`` stays English and
free of the catalogue, and tests/ui/common/test_deck_words.py keeps this list the same as the
core's."""

from __future__ import annotations

import dataclasses

from imperfect_trainer.deck.content.cards import CardKind, GradeWords
from imperfect_trainer.translation import NC_, pgettext

# The same words as the core's, for the catalogue to find.
DECK = "deck"  # the words' context in the catalogue (NC_ takes it written out)
DECK_WORDS = (
    # CardKind.label
    NC_("deck", "Reality"),
    NC_("deck", "Reframe"),
    NC_("deck", "Sign"),
    NC_("deck", "Practice"),
    NC_("deck", "Reflection"),
    NC_("deck", "Fact"),
    NC_("deck", "Healthy or perfectionist?"),
    # GradeWords: what each scale judges, the kinds it is for, and its six grades
    NC_("deck", "how well the answer came back"),
    NC_("deck", "Reality checks and facts"),
    NC_("deck", "not yet"),
    NC_("deck", "missed it; it rang a bell"),
    NC_("deck", "missed it, then “of course”"),
    NC_("deck", "got there with effort"),
    NC_("deck", "right after a pause"),
    NC_("deck", "easy"),
    NC_("deck", "how readily a useful response came"),
    NC_("deck", "Reframes, practice and sign cards"),
    NC_("deck", "nothing came"),
    NC_("deck", "only an unhelpful response"),
    NC_("deck", "close; the back made it click"),
    NC_("deck", "useful, with effort"),
    NC_("deck", "useful, after a pause"),
    NC_("deck", "useful, readily"),
    NC_("deck", "whether your judgement and its reason matched"),
    NC_("deck", "“Healthy or perfectionist?” cards"),
    NC_("deck", "couldn’t judge"),
    NC_("deck", "judged it the other way"),
    NC_("deck", "right call, not the reason"),
    NC_("deck", "right call, part of the reason"),
    NC_("deck", "call and reason, after a pause"),
    NC_("deck", "call and reason, readily"),
    # Striving.label
    NC_("deck", "Healthy striving toward my potential"),
    NC_("deck", "A standard that is never good enough"),
    NC_("deck", "I’m not sure yet"),
    # debrief.SITUATIONS
    NC_("deck", "The client arrived late"),
    NC_("deck", "The client arrived intoxicated"),
    NC_("deck", "The client threatened to drop out"),
    NC_("deck", "A relapse"),
    NC_("deck", "A rupture between us"),
    NC_("deck", "No progress, or it feels that way"),
    NC_("deck", "I over-prepared"),
    NC_("deck", "I keep replaying it"),
    # settings_registry.DEFAULT_REPORT_FOOTER
    NC_("deck", "Confidential — for supervision"),
    # reminder: the notification's title, message and its button
    NC_("deck", "Imperfect Trainer"),
    NC_("deck", "Five minutes for yourself?"),
    NC_("deck", "Open"),
)


def deck_word(text: str) -> str:
    """One of the core's labels in the window's language (as it is, if it is not one)."""
    return pgettext(DECK, text)


def kind_label(kind: str) -> str:
    try:
        return deck_word(CardKind(kind).label)
    except ValueError:
        return kind


def grade_words(words: GradeWords) -> GradeWords:
    """A grade scale in the window's language; the grades themselves are the same."""
    nought, one, two, three, four, five = (deck_word(word) for word in words.words)
    return dataclasses.replace(
        words,
        judges=deck_word(words.judges),
        kinds=deck_word(words.kinds),
        words=(nought, one, two, three, four, five),
    )
