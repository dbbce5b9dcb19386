"""Settings: practice length, new cards, reflections in a practice, the day's start, the
reminder, theme and text size, the data folder and backups. Every change is saved and applied
the moment it is made.

A number typed outside its range is brought inside it, and the screen says so and what the
range is (a practice of 60 minutes becomes 30, said, rather than 6, unsaid). The page scrolls
and its words wrap at any window and text size."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.choices import wrapped
from imperfect_trainer.ui.common.operations import SETTINGS, Changes, op_done
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.common.reflow import FlowRow
from imperfect_trainer.ui.settings.backups_dialog import BackupsPanel

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
NO_TRAY = (
    "This desktop has no notification area, so Imperfect Trainer cannot show a daily reminder "
    "here. Everything else works as usual."
)
# Below this many average characters wide, Settings put each field under its words.
NARROW_CHARACTERS = 40
NO_TRAY_TIP = "Unavailable: this desktop has no notification area to show a reminder in"


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
                f"{self.limits}: {typed}{self.suffix()} became {kept}{self.suffix()}."
            )
        return self.textFromValue(kept)


def _add_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """A row: its words beside the field, or above it when the two do not fit side by side."""
    label = widgets.label(text)
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def _section(title: str, body: QWidget | QFormLayout | QVBoxLayout) -> QWidget:
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


class SettingsScreen(QWidget):
    appearance_changed = Signal(str, int)
    reminder_changed = Signal()

    def __init__(
        self, store: Store, *, tray_available: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        seconds = preferences.NUMBERS["session_seconds"]
        low, high = seconds.lowest // 60, seconds.highest // 60
        self.minutes = RangeSpin(
            "Length of a practice, in minutes",
            low,
            high,
            " min",
            f"A practice lasts {low} to {high} minutes",
        )
        new_cards = preferences.NUMBERS["new_cards_per_day"]
        self.new_cards = RangeSpin(
            "New cards a day",
            new_cards.lowest,
            new_cards.highest,
            "",
            f"New cards a day can be {new_cards.lowest} to {new_cards.highest}",
        )
        reflections = preferences.NUMBERS["reflections_per_practice"]
        self.reflections = RangeSpin(
            "Reflections in a practice",
            reflections.lowest,
            reflections.highest,
            "",
            f"A practice can hold {reflections.lowest} to {reflections.highest} reflections",
        )
        rollover = preferences.NUMBERS["rollover_hour"]
        self.rollover = RangeSpin(
            "A new day starts at",
            rollover.lowest,
            rollover.highest,
            ":00",
            f"A new day can start from {rollover.lowest}:00 to {rollover.highest}:00",
        )
        # What a number typed outside its range became, said just below it.
        self.forms: list[QFormLayout] = []
        self.notes: dict[RangeSpin, QLabel] = {}
        self._note_rows: list[tuple[QFormLayout, int]] = []
        practice = self._form()
        self._add_number(practice, "Length of a practice", self.minutes)
        self._add_number(practice, "New cards a day", self.new_cards)
        self._add_number(practice, "Reflections in a practice", self.reflections)
        practice.addRow(
            widgets.label(
                "A reflection is a question to answer in writing, never graded; one a practice "
                "keeps it a moment rather than a chore.",
                role="muted",
                wrap=True,
            )
        )
        self._add_number(practice, "A new day starts at", self.rollover)
        practice.addRow(
            widgets.label(
                "Practising after midnight still counts for the evening before, until this hour.",
                role="muted",
                wrap=True,
            )
        )

        reminder_choice, self.reminder_on = wrapped(
            "Remind me once a day, if I haven’t practised yet", QCheckBox()
        )
        self.reminder_on.setAccessibleName("Daily reminder")
        self.reminder_time = QTimeEdit()
        self.reminder_time.setAccessibleName("Reminder time")
        self.reminder_time.setDisplayFormat("HH:mm")
        self.no_tray = widgets.label(NO_TRAY, role="notice", wrap=True)
        time_row = self._form()
        at = _add_row(time_row, "At", self.reminder_time)
        reminder = QVBoxLayout()
        reminder.setSpacing(10)
        reminder.addWidget(reminder_choice)
        reminder.addLayout(time_row)
        reminder.addWidget(self.no_tray)
        self.no_tray.setVisible(not tray_available)
        at.setEnabled(tray_available)
        for control in (self.reminder_on, self.reminder_time):
            control.setEnabled(tray_available)
            if not tray_available:
                control.setToolTip(NO_TRAY_TIP)
                control.setAccessibleDescription(NO_TRAY_TIP)

        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for key, label in THEME_LABELS.items():
            self.theme.addItem(label, key)
        fonts = preferences.NUMBERS["font_size"]
        self.font_size = RangeSpin(
            "Text size",
            fonts.lowest,
            fonts.highest,
            " pt",
            f"Text size can be {fonts.lowest} to {fonts.highest} pt",
        )
        appearance = self._form()
        _add_row(appearance, "Theme", self.theme)
        self._add_number(appearance, "Text size", self.font_size)

        # The supervision report's pages: the name in each header, the line at each foot.
        self.report_name = QLineEdit()
        self.report_name.setAccessibleName("Your name on each report page")
        self.report_name.setPlaceholderText("optional")
        self.report_footer = QLineEdit()
        self.report_footer.setAccessibleName("Line at the foot of each report page")
        report = self._form()
        _add_row(report, "Your name on each page", self.report_name)
        _add_row(report, "At the foot of each page", self.report_footer)

        # The path may break after any folder, so a long one wraps instead of running off.
        self.folder = widgets.label(widgets.breakable_path(str(store.data_dir)), wrap=True)
        self.folder.setAccessibleName("Data folder")
        self.folder.setAccessibleDescription(str(store.data_dir))
        self.open_button = widgets.button("Open folder")
        self.open_button.setAccessibleName("Open the data folder")
        self.open_button.setToolTip("Open this folder in your file manager")
        folder = QVBoxLayout()
        folder.addWidget(
            widgets.label(
                "Everything the app keeps is in this folder, readable by you alone:",
                role="muted",
                wrap=True,
            )
        )
        folder_row = FlowRow(spacing=12)
        folder_row.add(self.folder, self.open_button, grow=self.folder)
        folder.addLayout(folder_row)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(_section("Practice", practice))
        inner.addWidget(_section("Daily reminder", reminder))
        inner.addWidget(_section("Appearance", appearance))
        inner.addWidget(_section("Supervision report", report))
        inner.addWidget(_section("Your data", folder))
        self.backups = BackupsPanel(self.store, self)
        self.backups.setMinimumHeight(220)
        inner.addWidget(_section("Backups", self.backups))
        inner.addStretch(1)
        scroll = scroll_page(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(widgets.label("Settings", role="title", wrap=True))
        layout.addWidget(scroll, 1)

        self.refresh()
        self.minutes.valueChanged.connect(self._save_minutes)
        self.new_cards.valueChanged.connect(
            lambda value: self._save_number("new_cards_per_day", value)
        )
        self.reflections.valueChanged.connect(
            lambda value: self._save_number("reflections_per_practice", value)
        )
        self.rollover.valueChanged.connect(lambda value: self._save_number("rollover_hour", value))
        self.reminder_on.toggled.connect(self._save_reminder)
        self.reminder_time.timeChanged.connect(self._save_reminder)
        self.theme.currentIndexChanged.connect(self._save_theme)
        self.font_size.valueChanged.connect(self._save_font_size)
        self.open_button.clicked.connect(self.open_folder)
        for key, edit in (("report_name", self.report_name), ("report_footer", self.report_footer)):
            # Saved as it is typed: nothing typed is lost when the window closes.
            edit.textEdited.connect(lambda _text, key=key, edit=edit: self._save_text(key, edit))

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.forms.append(form)
        return form

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Narrower than this, every field goes under its words: a form side by side would be
        # as wide as its longest words and its widest field together.
        narrow = event.size().width() < NARROW_CHARACTERS * self.fontMetrics().averageCharWidth()
        policy = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if narrow
            else QFormLayout.RowWrapPolicy.WrapLongRows
        )
        for form in self.forms:
            if form.rowWrapPolicy() != policy:
                form.setRowWrapPolicy(policy)
        super().resizeEvent(event)

    def show_changes(self, changes: Changes) -> None:
        if changes.collection:
            self.refresh()

    def refresh(self) -> None:
        """Show the saved values (without saving them again), and no old notes."""
        for form, row in self._note_rows:
            form.setRowVisible(row, False)
        controls = (
            self.minutes,
            self.new_cards,
            self.reflections,
            self.rollover,
            self.reminder_on,
            self.reminder_time,
            self.theme,
            self.font_size,
        )
        for control in controls:
            control.blockSignals(True)
        self.minutes.setValue(preferences.number(self.store, "session_seconds") // 60)
        self.new_cards.setValue(preferences.number(self.store, "new_cards_per_day"))
        self.reflections.setValue(preferences.number(self.store, "reflections_per_practice"))
        self.rollover.setValue(preferences.number(self.store, "rollover_hour"))
        self.reminder_on.setChecked(preferences.reminder_enabled(self.store))
        at = preferences.reminder_time(self.store)
        self.reminder_time.setTime(QTime(at.hour, at.minute))
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme(self.store))))
        self.font_size.setValue(preferences.number(self.store, "font_size"))
        self.report_name.setText(self.store.setting("report_name"))
        self.report_footer.setText(self.store.setting("report_footer"))
        for control in controls:
            control.blockSignals(False)

    def _add_number(self, form: QFormLayout, text: str, spin: RangeSpin) -> None:
        """A number's row, and below it a row for what a number typed out of range became."""
        _add_row(form, text, spin)
        note = widgets.label(role="notice", wrap=True)
        form.addRow(note)
        row = form.rowCount() - 1
        form.setRowVisible(row, False)
        self.notes[spin] = note
        self._note_rows.append((form, row))

        def say(said: str) -> None:
            note.setText(said)
            form.setRowVisible(row, True)
            announce(note, said)

        spin.brought_inside.connect(say)

    def _save_number(self, key: str, value: int) -> None:
        op_done(self, lambda: preferences.set_number(self.store, key, value), SETTINGS)

    def _save_minutes(self, minutes: int) -> None:
        self._save_number("session_seconds", minutes * 60)

    def _save_reminder(self) -> None:
        time = self.reminder_time.time()
        at = dt.time(time.hour(), time.minute())
        enabled = self.reminder_on.isChecked()
        if op_done(self, lambda: preferences.set_reminder(self.store, enabled, at), SETTINGS):
            self.reminder_changed.emit()

    def _save_text(self, key: str, edit: QLineEdit) -> None:
        text = edit.text().strip()
        if text != self.store.setting(key):
            op_done(self, lambda: self.store.set_setting(key, text), SETTINGS)

    def _save_theme(self) -> None:
        scheme = str(self.theme.currentData())
        if op_done(self, lambda: preferences.set_theme(self.store, scheme), SETTINGS):
            self.appearance_changed.emit(scheme, self.font_size.value())

    def _save_font_size(self, size: int) -> None:
        if op_done(self, lambda: preferences.set_number(self.store, "font_size", size), SETTINGS):
            self.appearance_changed.emit(str(self.theme.currentData()), size)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.data_dir)))
