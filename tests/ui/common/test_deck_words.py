"""The core's labels the window translates are exactly the core's labels: a kind, grade word,
striving, situation, default footer or reminder's words added to deck/ and not here would stay
English."""

from __future__ import annotations

from imperfect_trainer.deck.content.cards import GRADE_SCALES, CardKind
from imperfect_trainer.deck.features.debrief import SITUATIONS
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.features.reminder import MESSAGE, MESSAGE_TITLE, OPEN_WORDS
from imperfect_trainer.deck.settings_registry import DEFAULT_REPORT_FOOTER
from imperfect_trainer.ui.common.deck_words import DECK_WORDS


def test_the_window_translates_every_label_the_core_gives_it() -> None:
    core = (
        [kind.label for kind in CardKind]
        + [word for scale in GRADE_SCALES for word in (scale.judges, scale.kinds, *scale.words)]
        + [striving.label for striving in Striving]
        + [situation.label for situation in SITUATIONS]
        + [DEFAULT_REPORT_FOOTER]
        + [MESSAGE_TITLE, MESSAGE, OPEN_WORDS]
    )
    assert sorted(core) == sorted(DECK_WORDS)
