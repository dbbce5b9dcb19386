"""One card's review history: every answer, newest first, as a small read-only table."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
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
from imperfect_trainer.translation import N_, _, ngettext
from imperfect_trainer.ui.common import widgets
from imperfect_trainer.ui.common.deck_words import deck_word
from imperfect_trainer.ui.common.language import moment_text

COLUMNS = (N_("When"), N_("Grade"), N_("How"), N_("Spacing"), N_("Ease"), N_("Time"))
COLUMN_TIPS = (
    N_("When the answer was given"),
    N_("The grade given, 0 to 5"),
    N_("The day’s first answer, a repeat in the same practice, or after a hard session"),
    N_("Days until it came up again, before → after (SM-2’s interval)"),
    N_("How easy the card felt after this answer (SM-2’s E-Factor)"),
    N_("How long the answer took"),
)


def history_cells(entry: HistoryEntry) -> tuple[str, ...]:
    moment = entry.reviewed_at.astimezone()
    if entry.session_kind == "debrief":
        how = _("after a hard session")
    elif entry.drill:
        how = _("once more")
    else:
        how = _("first of the day")
    interval = (
        "—"
        if entry.drill
        else _("{before} → {after} d").format(
            before=entry.interval_before, after=entry.interval_after
        )
    )
    grade = (
        _("written")
        if entry.grade is None
        else f"{entry.grade} · {deck_word(GRADE_LABELS[entry.grade])}"
    )
    return (
        moment_text(moment, _("d MMM yyyy, HH:mm")),
        grade,
        how,
        interval,
        QLocale().toString(entry.easiness_after / 100, "f", 2),
        _("{seconds} s").format(seconds=round(entry.seconds)),
    )


class HistoryDialog(QDialog):
    def __init__(
        self, front: str, history: list[HistoryEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Review history"))
        self.table = QTableWidget(len(history), len(COLUMNS))
        self.table.setAccessibleName(_("Answers given to this card, newest first"))
        self.table.setHorizontalHeaderLabels([_(column) for column in COLUMNS])
        for column, tip in enumerate(map(_, COLUMN_TIPS)):
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
            ngettext("{count} answer", "{count} answers", len(history)).format(count=len(history))
            if history
            else _("No answers yet: this card has not come up in a practice.")
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
                _(
                    "Only the day’s first answer moves a card’s schedule; “once more” and "
                    "“after a hard session” answers leave it as it was."
                ),
                role="muted",
                wrap=True,
            )
        )
        layout.addWidget(close)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 6)
        widgets.fit_to_text(self, 80, least_height=self.fontMetrics().lineSpacing() * 18)
