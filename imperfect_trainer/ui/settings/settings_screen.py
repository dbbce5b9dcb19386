"""Settings: practice length, new cards, reflections in a practice, the day's start, the
reminder, theme and text size, the data folder and backups. Every change is saved and applied
the moment it is made.

A number typed outside its range is brought inside it, and the screen says so and what the
range is (a practice of 60 minutes becomes 30, said, rather than 6, unsaid). The page scrolls
and its words wrap at any window and text size."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer import autostart
from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.storage.private_files import ExportError
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.announce import announce
from imperfect_trainer.ui.common.choices import wrapped
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.operations import SETTINGS, Changes, Failure, op_done
from imperfect_trainer.ui.common.page_scroll import scroll_page
from imperfect_trainer.ui.settings.backups_dialog import BackupsPanel
from imperfect_trainer.ui.settings.data_folder import DataFolderPanel
from imperfect_trainer.ui.settings.setting_fields import (
    LANGUAGE_NOTE,
    NUMBER_FIELDS,
    NUMBER_HINTS,
    REPORT_FIELDS,
    THEME_LABELS,
    RangeSpin,
    add_row,
    language_choices,
    section,
)

NO_TRAY = N_(
    "This desktop shows neither notifications nor a tray icon, so Imperfect Trainer cannot "
    "show a daily reminder here. Everything else works as usual."
)
# Below this many average characters wide, Settings put each field under its words.
NARROW_CHARACTERS = 40
NO_TRAY_TIP = N_("Unavailable: this desktop shows neither notifications nor a tray icon")
AT_LOGIN = N_("Remind me even when the app is closed (it starts quietly when I log in)")
AT_LOGIN_FAILED = Failure(
    N_("The reminder at login was not changed"),
    N_("Imperfect Trainer could not change what starts when you log in."),
    (ExportError, StoreError),
)
PRACTICE_NUMBERS = (
    "session_seconds",
    "new_cards_per_day",
    "reflections_per_practice",
    "rollover_hour",
)


class SettingsScreen(QWidget):
    appearance_changed = Signal(str, int)
    reminder_changed = Signal()

    def __init__(
        self,
        store: Store,
        *,
        can_remind: bool,
        login_arguments: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.can_remind = can_remind
        # What the entry started at login passes on: the collection this window shows.
        self.login_arguments = login_arguments
        # What a number typed outside its range became, said just below it.
        self.forms: list[QFormLayout] = []
        self.notes: dict[RangeSpin, QLabel] = {}
        self._note_rows: list[tuple[QFormLayout, int]] = []
        self.numbers = {key: RangeSpin.of(field) for key, field in NUMBER_FIELDS.items()}
        practice = self._form()
        for key in PRACTICE_NUMBERS:
            self._add_number(practice, key)
        self.minutes = self.numbers["session_seconds"]
        self.new_cards = self.numbers["new_cards_per_day"]
        self.reflections = self.numbers["reflections_per_practice"]
        self.rollover = self.numbers["rollover_hour"]
        self.font_size = self.numbers["font_size"]

        reminder_choice, self.reminder_on = wrapped(
            _("Remind me once a day, if I haven’t practised yet"), QCheckBox()
        )
        self.reminder_on.setAccessibleName(_("Daily reminder"))
        self.reminder_time = QTimeEdit()
        self.reminder_time.setAccessibleName(_("Reminder time"))
        self.reminder_time.setDisplayFormat("HH:mm")
        at_login_choice, self.at_login = wrapped(_(AT_LOGIN), QCheckBox())
        self.at_login.setAccessibleName(_("Reminder at login"))
        self.no_tray = widgets.label(_(NO_TRAY), role="notice", wrap=True)
        time_row = self._form()
        at = add_row(time_row, _("At"), self.reminder_time)
        reminder = QVBoxLayout()
        reminder.setSpacing(10)
        reminder.addWidget(reminder_choice)
        reminder.addLayout(time_row)
        reminder.addWidget(at_login_choice)
        reminder.addWidget(self.no_tray)
        self.no_tray.setVisible(not can_remind)
        at.setEnabled(can_remind)
        for control in (self.reminder_on, self.reminder_time, self.at_login):
            control.setEnabled(can_remind)
            if not can_remind:
                control.setToolTip(_(NO_TRAY_TIP))
                control.setAccessibleDescription(_(NO_TRAY_TIP))

        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Theme"))
        for key, label in THEME_LABELS.items():
            self.theme.addItem(_(label), key)
        appearance = self._form()
        add_row(appearance, _("Theme"), self.theme)
        self._add_number(appearance, "font_size")
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for key, label in language_choices():
            self.language.addItem(label, key)
        add_row(appearance, _("Language"), self.language)
        self.language_note = widgets.label(_(LANGUAGE_NOTE), role="muted", wrap=True)
        self.language.setAccessibleDescription(_(LANGUAGE_NOTE))
        appearance.addRow(self.language_note)

        # The supervision report's pages: the name in each header, the line at each foot.
        report = self._form()
        self.texts: dict[str, QLineEdit] = {}
        for field in REPORT_FIELDS:
            edit = self.texts[field.key] = QLineEdit()
            edit.setAccessibleName(_(field.name))
            edit.setPlaceholderText(_(field.placeholder))
            add_row(report, _(field.words), edit)
        self.report_name, self.report_footer = self.texts.values()

        self.data_folder = DataFolderPanel(store.data_dir)
        self.folder, self.open_button = self.data_folder.folder, self.data_folder.open_button

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(section(_("Practice"), practice))
        inner.addWidget(section(_("Daily reminder"), reminder))
        inner.addWidget(section(_("Appearance"), appearance))
        inner.addWidget(section(_("Supervision report"), report))
        inner.addWidget(section(_("Your data"), self.data_folder))
        self.backups = BackupsPanel(self.store, self)
        self.backups.setMinimumHeight(220)
        inner.addWidget(section(_("Backups"), self.backups))
        inner.addStretch(1)
        scroll = scroll_page(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(widgets.label(_("Settings"), role="title", wrap=True))
        layout.addWidget(scroll, 1)

        self.refresh()
        for key in PRACTICE_NUMBERS:
            self.numbers[key].valueChanged.connect(
                lambda value, key=key: self._save_number(key, value)
            )
        self.reminder_on.toggled.connect(self._save_reminder)
        self.reminder_time.timeChanged.connect(self._save_reminder)
        self.at_login.toggled.connect(self._save_at_login)
        self.theme.currentIndexChanged.connect(self._save_theme)
        self.language.currentIndexChanged.connect(self._save_language)
        self.font_size.valueChanged.connect(self._save_font_size)
        for key, edit in self.texts.items():
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
            *self.numbers.values(),
            self.reminder_on,
            self.reminder_time,
            self.at_login,
            self.theme,
            self.language,
        )
        for control in controls:
            control.blockSignals(True)
        for key, spin in self.numbers.items():
            spin.setValue(preferences.number(self.store, key) // NUMBER_FIELDS[key].unit)
        self.reminder_on.setChecked(preferences.reminder_enabled(self.store))
        at = preferences.reminder_time(self.store)
        self.reminder_time.setTime(QTime(at.hour, at.minute))
        self.at_login.setChecked(preferences.reminder_at_login(self.store))
        self._offer_at_login()
        self.theme.setCurrentIndex(max(0, self.theme.findData(preferences.theme(self.store))))
        chosen = self.language.findData(preferences.language(self.store))
        self.language.setCurrentIndex(max(0, chosen))
        for key, edit in self.texts.items():
            # The footer's default line (the core's English) in the window's language.
            edit.setText(deck_word(self.store.setting(key)))
        for control in controls:
            control.blockSignals(False)

    def _add_number(self, form: QFormLayout, key: str) -> None:
        """A number's row, below it a row for what a number typed out of range became, and
        any words the number needs."""
        spin = self.numbers[key]
        add_row(form, _(NUMBER_FIELDS[key].words), spin)
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
        if key in NUMBER_HINTS:
            form.addRow(widgets.label(_(NUMBER_HINTS[key]), role="muted", wrap=True))

    def _save_number(self, key: str, shown: int) -> None:
        value = shown * NUMBER_FIELDS[key].unit
        op_done(self, lambda: preferences.set_number(self.store, key, value), SETTINGS)

    def _save_reminder(self) -> None:
        time = self.reminder_time.time()
        at = dt.time(time.hour(), time.minute())
        enabled = self.reminder_on.isChecked()
        if op_done(self, lambda: preferences.set_reminder(self.store, enabled, at), SETTINGS):
            self.reminder_changed.emit()
        if not enabled and self.at_login.isChecked():
            # Nothing to wait for at login any more.
            self.at_login.setChecked(False)
        self._offer_at_login()

    def _offer_at_login(self) -> None:
        self.at_login.setEnabled(self.can_remind and self.reminder_on.isChecked())

    def _save_at_login(self, at_login: bool) -> None:
        def save() -> None:
            if at_login:
                autostart.install_autostart(self.login_arguments)
            else:
                autostart.remove_autostart()
            preferences.set_reminder_at_login(self.store, at_login)

        if not op_done(self, save, SETTINGS, failure=AT_LOGIN_FAILED):
            self.at_login.blockSignals(True)
            self.at_login.setChecked(not at_login)
            self.at_login.blockSignals(False)

    def _save_text(self, key: str, edit: QLineEdit) -> None:
        text = edit.text().strip()
        if text != self.store.setting(key):
            op_done(self, lambda: self.store.set_setting(key, text), SETTINGS)

    def _save_theme(self) -> None:
        scheme = str(self.theme.currentData())
        if op_done(self, lambda: preferences.set_theme(self.store, scheme), SETTINGS):
            self.appearance_changed.emit(scheme, self.font_size.value())

    def _save_language(self) -> None:
        choice = str(self.language.currentData())
        op_done(self, lambda: preferences.set_language(self.store, choice), SETTINGS)

    def _save_font_size(self, size: int) -> None:
        if op_done(self, lambda: preferences.set_number(self.store, "font_size", size), SETTINGS):
            self.appearance_changed.emit(str(self.theme.currentData()), size)
