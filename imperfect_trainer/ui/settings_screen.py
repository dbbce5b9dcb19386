"""Settings: practice length, new cards, reflections in a practice, the day's start, the
reminder, theme and text size, the data folder and backups. Every change is saved and applied
the moment it is made."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui import widgets
from imperfect_trainer.ui.backups_dialog import BackupsPanel
from imperfect_trainer.ui.guard import attempt
from imperfect_trainer.ui.page_scroll import scroll_page

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
NO_TRAY = (
    "This desktop has no notification area, so Imperfect Trainer cannot show a daily reminder "
    "here. Everything else works as usual."
)


def _spin(name: str, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(110)
    return spin


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


def _section(title: str, body: QWidget | QFormLayout | QVBoxLayout) -> QWidget:
    panel = widgets.frame("panel")
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(10)
    layout.addWidget(widgets.label(title, role="heading"))
    if isinstance(body, QWidget):
        layout.addWidget(body)
    else:
        layout.addLayout(body)
    return panel


class SettingsScreen(QWidget):
    appearance_changed = Signal(str, int)
    reminder_changed = Signal()
    collection_restored = Signal()

    def __init__(
        self, store: Store, *, tray_available: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        seconds = preferences.NUMBERS["session_seconds"]
        self.minutes = _spin(
            "Length of a practice, in minutes", seconds.lowest // 60, seconds.highest // 60, " min"
        )
        new_cards = preferences.NUMBERS["new_cards_per_day"]
        self.new_cards = _spin("New cards a day", new_cards.lowest, new_cards.highest, "")
        reflections = preferences.NUMBERS["reflections_per_practice"]
        self.reflections = _spin(
            "Reflections in a practice", reflections.lowest, reflections.highest, ""
        )
        rollover = preferences.NUMBERS["rollover_hour"]
        self.rollover = _spin("A new day starts at", rollover.lowest, rollover.highest, ":00")
        practice = _form()
        practice.addRow("Length of a practice", self.minutes)
        practice.addRow("New cards a day", self.new_cards)
        practice.addRow("Reflections in a practice", self.reflections)
        practice.addRow(
            widgets.label(
                "A reflection is a question to answer in writing, never graded; one a practice "
                "keeps it a moment rather than a chore.",
                role="muted",
                wrap=True,
            )
        )
        practice.addRow("A new day starts at", self.rollover)
        practice.addRow(
            widgets.label(
                "Practising after midnight still counts for the evening before, until this hour.",
                role="muted",
                wrap=True,
            )
        )

        self.reminder_on = QCheckBox("Remind me once a day, if I haven’t practised yet")
        self.reminder_on.setAccessibleName("Daily reminder")
        self.reminder_time = QTimeEdit()
        self.reminder_time.setAccessibleName("Reminder time")
        self.reminder_time.setDisplayFormat("HH:mm")
        self.no_tray = widgets.label(NO_TRAY, role="notice", wrap=True)
        reminder = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.reminder_on)
        row.addWidget(self.reminder_time)
        row.addStretch(1)
        reminder.addLayout(row)
        reminder.addWidget(self.no_tray)
        self.no_tray.setVisible(not tray_available)
        self.reminder_on.setEnabled(tray_available)
        self.reminder_time.setEnabled(tray_available)

        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        for key, label in THEME_LABELS.items():
            self.theme.addItem(label, key)
        fonts = preferences.NUMBERS["font_size"]
        self.font_size = _spin("Text size", fonts.lowest, fonts.highest, " pt")
        appearance = _form()
        appearance.addRow("Theme", self.theme)
        appearance.addRow("Text size", self.font_size)

        self.folder = widgets.label(str(store.data_dir), wrap=True)
        self.folder.setAccessibleName("Data folder")
        self.open_button = widgets.button("Open folder")
        self.open_button.setAccessibleName("Open the data folder")
        folder = QVBoxLayout()
        folder.addWidget(
            widgets.label(
                "Everything the app keeps is in this folder, readable by you alone:",
                role="muted",
                wrap=True,
            )
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_button)
        folder.addLayout(folder_row)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 8, 0)
        inner.setSpacing(14)
        inner.addWidget(_section("Practice", practice))
        inner.addWidget(_section("Daily reminder", reminder))
        inner.addWidget(_section("Appearance", appearance))
        inner.addWidget(_section("Your data", folder))
        self.backups = BackupsPanel(self.store, self)
        self.backups.restored.connect(self.collection_restored)
        self.backups.setMinimumHeight(220)
        inner.addWidget(_section("Backups", self.backups))
        inner.addStretch(1)
        scroll = scroll_page(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 12)
        layout.setSpacing(12)
        layout.addWidget(widgets.label("Settings", role="title"))
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

    def refresh(self) -> None:
        """Show the saved values (without saving them again)."""
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
        for control in controls:
            control.blockSignals(False)

    def _save_number(self, key: str, value: int) -> None:
        attempt(self, lambda: preferences.set_number(self.store, key, value))

    def _save_minutes(self, minutes: int) -> None:
        self._save_number("session_seconds", minutes * 60)

    def _save_reminder(self) -> None:
        time = self.reminder_time.time()
        at = dt.time(time.hour(), time.minute())
        enabled = self.reminder_on.isChecked()
        if attempt(self, lambda: preferences.set_reminder(self.store, enabled, at)):
            self.reminder_changed.emit()

    def _save_theme(self) -> None:
        scheme = str(self.theme.currentData())
        if attempt(self, lambda: preferences.set_theme(self.store, scheme)):
            self.appearance_changed.emit(scheme, self.font_size.value())

    def _save_font_size(self, size: int) -> None:
        if attempt(self, lambda: preferences.set_number(self.store, "font_size", size)):
            self.appearance_changed.emit(str(self.theme.currentData()), size)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.data_dir)))
