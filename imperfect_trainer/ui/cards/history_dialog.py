"""One card's review history: every answer, newest first, as a small read-only table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer.deck.features.card_history import HistoryEntry
from imperfect_trainer.deck.practice.session import GRADE_LABELS
from imperfect_trainer.ui.common import widgets

COLUMNS = ("When", "Grade", "How", "Spacing", "Ease", "Time")
COLUMN_TIPS = (
    "When the answer was given",
    "The grade given, 0 to 5",
    "The day’s first answer, a repeat in the same practice, or after a hard session",
    "Days until it came up again, before → after (SM-2’s interval)",
    "How easy the card felt after this answer (SM-2’s E-Factor)",
    "How long the answer took",
)


def history_cells(entry: HistoryEntry) -> tuple[str, ...]:
    moment = entry.reviewed_at.astimezone()
    if entry.session_kind == "debrief":
        how = "after a hard session"
    elif entry.drill:
        how = "once more"
    else:
        how = "first of the day"
    interval = "—" if entry.drill else f"{entry.interval_before} → {entry.interval_after} d"
    return (
        f"{moment:%d %b %Y, %H:%M}",
        "written" if entry.grade is None else f"{entry.grade} · {GRADE_LABELS[entry.grade]}",
        how,
        interval,
        f"{entry.easiness_after / 100:.2f}",
        f"{entry.seconds:.0f} s",
    )


class HistoryDialog(QDialog):
    def __init__(
        self, front: str, history: list[HistoryEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review history")
        self.table = QTableWidget(len(history), len(COLUMNS))
        self.table.setAccessibleName("Answers given to this card, newest first")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        for column, tip in enumerate(COLUMN_TIPS):
            header_item = self.table.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        # Every column as wide as its words; a narrow window scrolls the table sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, entry in enumerate(history):
            for column, text in enumerate(history_cells(entry)):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        summary = (
            f"{len(history)} answer{'s' if len(history) != 1 else ''}"
            if history
            else "No answers yet: this card has not come up in a practice."
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(widgets.label(front, role="lead", wrap=True))
        layout.addWidget(widgets.label(summary, role="muted"))
        layout.addWidget(self.table, 1)
        layout.addWidget(
            widgets.label(
                "Only the day’s first answer moves a card’s schedule; “once more” and "
                "“after a hard session” answers leave it as it was.",
                role="muted",
                wrap=True,
            )
        )
        layout.addWidget(close)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 6)
        widgets.fit_to_text(self, 80, least_height=self.fontMetrics().lineSpacing() * 18)
