"""The words the Settings page shows for each setting of the registry
(``deck/settings_registry.py``), and the fields built from the two together: the registry says
which values a setting may take, this says how a person reads and types them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from imperfect_trainer import translation
from imperfect_trainer.deck import settings_registry
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets

THEME_LABELS = dict(
    zip(settings_registry.THEMES, (N_("Follow the system"), N_("Light"), N_("Dark")), strict=True)
)

LANGUAGE_NOTE = N_(
    "Shown from the next start. The cards themselves stay in English for now; the grades, "
    "buttons and everything around them change."
)


def language_choices() -> list[tuple[str, str]]:
    """The Language box's choices: the system's, then each language named in its own words."""
    system = (settings_registry.LANGUAGES[0], _("As the system is set"))
    return [system, (translation.ENGLISH, "English"), *translation.LANGUAGES.items()]


@dataclass(frozen=True, slots=True)
class NumberField:
    """A number setting as the page shows it: in ``unit`` of what the registry keeps (minutes
    of its seconds), with its words, a suffix and the sentence that gives its range."""

    key: str
    words: str
    name: str
    suffix: str
    limits: Callable[[int, int], str]
    unit: int = 1


NUMBER_FIELDS = {
    field.key: field
    for field in (
        NumberField(
            "session_seconds",
            N_("Length of a practice"),
            N_("Length of a practice, in minutes"),
            " min",
            lambda low, high: _("A practice lasts {low} to {high} minutes").format(
                low=low, high=high
            ),
            unit=60,
        ),
        NumberField(
            "new_cards_per_day",
            N_("New cards a day"),
            N_("New cards a day"),
            "",
            lambda low, high: _("New cards a day can be {low} to {high}").format(
                low=low, high=high
            ),
        ),
        NumberField(
            "reflections_per_practice",
            N_("Reflections in a practice"),
            N_("Reflections in a practice"),
            "",
            lambda low, high: _("A practice can hold {low} to {high} reflections").format(
                low=low, high=high
            ),
        ),
        NumberField(
            "rollover_hour",
            N_("A new day starts at"),
            N_("A new day starts at"),
            ":00",
            lambda low, high: _("A new day can start from {low}:00 to {high}:00").format(
                low=low, high=high
            ),
        ),
        NumberField(
            "font_size",
            N_("Text size"),
            N_("Text size"),
            " pt",
            lambda low, high: _("Text size can be {low} to {high} pt").format(low=low, high=high),
        ),
    )
}
# A muted line under a number's row, where its words need more than a few.
NUMBER_HINTS = {
    "reflections_per_practice": N_(
        "A reflection is a question to answer in writing, never graded; one a practice "
        "keeps it a moment rather than a chore."
    ),
    "rollover_hour": N_(
        "Practising after midnight still counts for the evening before, until this hour."
    ),
}


@dataclass(frozen=True, slots=True)
class TextField:
    key: str
    words: str
    name: str
    placeholder: str = ""


REPORT_FIELDS = (
    TextField(
        "report_name",
        N_("Your name on each page"),
        N_("Your name on each report page"),
        N_("optional"),
    ),
    TextField(
        "report_footer", N_("At the foot of each page"), N_("Line at the foot of each report page")
    ),
)


class RangeSpin(QSpinBox):
    """A number box that takes any number typed and brings one outside its range inside it,
    saying so (``brought_inside``), instead of refusing the keystroke that made it too big
    (which would turn 60 into 6 without a word). It saves when the typing is done (Enter, or
    leaving the box), not at each digit."""

    brought_inside = Signal(str)

    def __init__(self, name: str, low: int, high: int, suffix: str, limits: str) -> None:
        super().__init__()
        self.limits = limits
        self.setAccessibleName(name)
        self.setRange(low, high)
        self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setToolTip(limits)
        self.setAccessibleDescription(limits)
        self.setMinimumWidth(110)

    @classmethod
    def of(cls, field: NumberField) -> RangeSpin:
        """The box for ``field``, its range the registry's, in the field's unit."""
        rule = settings_registry.NUMBERS[field.key]
        low, high = rule.lowest // field.unit, rule.highest // field.unit
        return cls(_(field.name), low, high, field.suffix, field.limits(low, high))

    def _typed(self, text: str) -> int | None:
        digits = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        return int(digits) if digits.isdigit() else None

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state, text, pos = super().validate(text, pos)
        if state == QValidator.State.Invalid and self._typed(text) is not None:
            state = QValidator.State.Intermediate  # a number: fixed up when the typing is done
        return state, text, pos

    def fixup(self, text: str) -> str:
        typed = self._typed(text)
        if typed is None:
            return text
        kept = min(self.maximum(), max(self.minimum(), typed))
        if kept != typed:
            self.brought_inside.emit(
                _("{limits}: {typed} became {kept}.").format(
                    limits=self.limits,
                    typed=f"{typed}{self.suffix()}",
                    kept=f"{kept}{self.suffix()}",
                )
            )
        return self.textFromValue(kept)


def add_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """A row: its words beside the field, or above it when the two do not fit side by side."""
    label = widgets.label(text)
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def section(title: str, body: QWidget | QFormLayout | QVBoxLayout) -> QWidget:
    panel = widgets.frame("panel")
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    layout.addWidget(widgets.label(title, role="heading", wrap=True))
    if isinstance(body, QWidget):
        layout.addWidget(body)
    else:
        layout.addLayout(body)
    return panel
