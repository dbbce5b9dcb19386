"""Typed text is never thrown away: what a screen with editable text promises the main window,
the line beside its Save button that says plainly whether the text is saved, and the one
question asked when closing would lose something that could not be saved."""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from imperfect_trainer.translation import N_, _

# Edits are saved this long after the last keystroke (and at once on leaving the screen).
AUTOSAVE_MS = 1500
NOT_YET = N_("Saving when you pause…")


@runtime_checkable
class KeepsEdits(Protocol):
    def keep_edits(self, closing: bool) -> list[str]:
        """Save what was typed. Returns what could not be kept: always empty when not
        ``closing``, as a screen holds on to anything unsaved until it is shown again."""
        ...


class SaveStatus(QLabel):
    """ "Saved at 10:42", "Saving when you pause…" or why it was not saved; never a guess."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Save status"))
        self.setWordWrap(True)

    def show_saved(self, when: dt.datetime) -> None:
        self._say(_("✓ Saved at {time}").format(time=f"{when:%H:%M}"), "saved")

    def show_unsaved(self, text: str | None = None) -> None:
        self._say(_(NOT_YET) if text is None else text, "muted")

    def show_problem(self, text: str) -> None:
        self._say(text, "problem")

    def clear(self) -> None:
        self._say("", "muted")

    def _say(self, text: str, role: str) -> None:
        self.setText(text)
        if self.objectName() != role:
            self.setObjectName(role)
            # The style sheet picks its rule by object name when a widget is polished.
            self.style().unpolish(self)
            self.style().polish(self)


def close_anyway(parent: QWidget, problems: list[str]) -> bool:
    """Ask before closing would lose text that could not be saved; staying is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Imperfect Trainer"))
    box.setText(_("Some of what you typed is not saved yet."))
    box.setInformativeText(
        "\n".join(problems)
        + "\n\n"
        + _(
            "Stay, and you can try again or copy the text somewhere safe. If you close now, "
            "it will be lost."
        )
    )
    stay = box.addButton(_("Stay"), QMessageBox.ButtonRole.RejectRole)
    close = box.addButton(_("Close and lose it"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is close
