"""The six grade buttons of a practice card: each says its key, when the card comes back and
what the grade means, wrapped to the room it gets; their widths measured once per words and
text size, and how many stand in a row."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout

from imperfect_trainer.deck.practice.session import GRADES
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common import widgets

# A grade button asks for no more than this many average characters of width: narrower, its
# words wrap onto another line rather than push a third of the six buttons onto a new row.
GRADE_WORDS_WIDE = 14
GRADE_SPACING = 8


def interval_text(days: int | None) -> str:
    if days is None:
        return _("again soon")
    if days == 0:
        return _("done today")
    if days < 365:
        return _("{days} d").format(days=days)
    return _("{years} y").format(years=QLocale().toString(days / 365, "f", 1))


def interval_words(days: int | None) -> str:
    """When the card comes back after this grade, in words (a grade button's description)."""
    if days is None:
        return _("Comes back later in this practice")
    if days == 0:
        return _("Done for today")
    if days < 365:
        return ngettext("Comes back in {days} day", "Comes back in {days} days", days).format(
            days=days
        )
    return _("Comes back in about {years} years").format(
        years=QLocale().toString(days / 365, "f", 1)
    )


def two_lines(words: str) -> str:
    """Break a grade's words near their middle: the shape a grade button asks room for."""
    parts = words.split()
    if len(parts) < 2:
        return words + "\n"
    best = min(
        range(1, len(parts)),
        key=lambda i: abs(len(" ".join(parts[:i])) - len(" ".join(parts[i:]))),
    )
    return " ".join(parts[:best]) + "\n" + " ".join(parts[best:])


def grade_label(quality: int, words: str, days: int | None) -> str:
    """A grade button's words: its key and when the card comes back, then what it means."""
    return f"{quality} · {interval_text(days)}\n{words}"


class GradeButton(widgets.Button):
    """A grade button whose words wrap to the width it is given (a push button's own words
    stay on one line and are cut off). The words are a label inside it, which clicks pass
    through; a screen reader reads the button's name and description."""

    _PAD = 6
    # The padding each side and the focus ring's two pixels each side.
    _EDGES = 2 * _PAD + 4

    def __init__(self, quality: int) -> None:
        super().__init__()
        self.setObjectName("grade")
        # As wide as its share of the row, as tall as the tallest in its row.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.quality = quality
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(self._PAD, self._PAD, self._PAD, self._PAD)
        layout.addWidget(self.words)

    def set_grade(self, words: str, days: int | None, *, compact: bool) -> None:
        """Its words; ``compact`` (a window short of room): the digit alone, the words and when
        the card comes back in its tooltip and for a screen reader."""
        text = str(self.quality) if compact else grade_label(self.quality, words, days)
        if self.words.text() != text:
            self.words.setText(text)
        self.setAccessibleName(
            _("Grade {quality}: {words}").format(quality=self.quality, words=words)
        )
        self.setAccessibleDescription(interval_words(days))
        self.setToolTip(
            _("{quality} — {words}. {when} (key {quality})").format(
                quality=self.quality, words=words, when=interval_words(days)
            )
        )


# Each grade button's widest first line ("4 · again soon"): the button is as wide whatever the
# interval it says, so the buttons never change rows from one card to the next.
_WIDEST_INTERVALS = (N_("again soon"), N_("done today"), "364 d", "99.9 y")


@dataclass(frozen=True, slots=True)
class GradeWidths:
    """The room six grade buttons ask for, in pixels: each at most two lines of its words
    (``natural``), or its longest word (``least``)."""

    natural: int
    least: int


@cache
def grade_widths(words: tuple[str, ...], font_key: str, *, compact: bool = False) -> GradeWidths:
    """Measured once per set of grade words and font (the text size), not on each layout pass:
    showing an answer measures nothing. ``compact``: the digits alone."""
    font = QFont()
    font.fromString(font_key)
    metrics = QFontMetrics(font)
    if compact:
        digit = max(metrics.horizontalAdvance(str(q)) for q in GRADES) + GradeButton._EDGES
        return GradeWidths(digit, digit)
    firsts = max(
        metrics.horizontalAdvance(f"{q} · {interval}")
        for q in GRADES
        for interval in map(_, _WIDEST_INTERVALS)
    )
    widest_word = max(
        (metrics.horizontalAdvance(w) for text in words for w in text.split()), default=0
    )
    shaped = max(
        metrics.horizontalAdvance(line) for text in words for line in two_lines(text).split("\n")
    )
    natural = max(widest_word, min(shaped, GRADE_WORDS_WIDE * metrics.averageCharWidth()))
    edges = GradeButton._EDGES
    return GradeWidths(max(natural, firsts) + edges, max(widest_word, firsts) + edges)


def grade_columns(room: int, wanted: int) -> int:
    """Six grade buttons side by side if they fit, else three in each of two rows (else two,
    else one): always full rows, never five and one."""
    return next((n for n in (6, 3, 2) if n * wanted + (n - 1) * GRADE_SPACING <= room), 1)
