"""Help: every keyboard shortcut in one list, and About. The list is the one place a person
can learn every key; tests/ui/window/test_keyboard.py checks it against the screens' own
commands."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from imperfect_trainer import __version__
from imperfect_trainer.translation import N_, _
from imperfect_trainer.ui.common import widgets

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        N_("Everywhere"),
        (
            (
                N_("Today, Cards, Statistics, Journal, After a hard session, Goals, Settings"),
                N_("Ctrl+1 … Ctrl+7"),
            ),
            (N_("My trainees (a supervisor's, on a programme's server)"), N_("Ctrl+8")),
            (N_("Move to the next or previous control"), N_("Tab, Shift+Tab")),
            (N_("Press the button or choose the item with the focus"), N_("Enter or Space")),
            (N_("Open a menu"), N_("Alt and the underlined letter")),
            (N_("Undo"), N_("Ctrl+Z")),
            (N_("Keyboard shortcuts"), N_("F1")),
            (N_("Quit"), N_("Ctrl+Q")),
        ),
    ),
    (
        N_("The screens on the left"),
        ((N_("Move to the screen above or below"), N_("Up, Down")),),
    ),
    (N_("Today"), ((N_("Start practice"), N_("Enter")),)),
    (
        N_("Practice"),
        (
            (N_("Show the answer"), N_("Space or Enter")),
            (
                N_("Show the answer after typing (reflection cards), and on every card"),
                N_("Ctrl+Enter"),
            ),
            (N_("Grade the card, 0 to 5"), N_("0 … 5")),
            (N_("Take back the last answer"), N_("Ctrl+Z")),
            (N_("End the practice (every answer is already saved)"), N_("Esc")),
        ),
    ),
    (
        N_("After a practice"),
        ((N_("Back to home"), N_("Enter")), (N_("Take back the last answer"), N_("Ctrl+Z"))),
    ),
    (
        N_("Cards"),
        (
            (N_("Search"), N_("Ctrl+F")),
            (N_("Add card…"), N_("Ctrl+N")),
            (N_("Edit… (your own card)"), N_("Ctrl+E")),
            (N_("Note… (a card that comes with the app)"), N_("Ctrl+Shift+N")),
            (N_("Suspend or unsuspend"), N_("Ctrl+J")),
            (N_("Reset progress…"), N_("Ctrl+Shift+R")),
            (N_("History…"), N_("Ctrl+H")),
            (N_("Delete… (your own cards)"), N_("Del")),
            (N_("Open the card (edit, or its note)"), N_("Enter")),
            (N_("Choose several cards"), N_("Shift+Up, Shift+Down")),
        ),
    ),
    (
        N_("Statistics"),
        ((N_("The last 30 days"), N_("Alt+3")), (N_("The last 90 days"), N_("Alt+9"))),
    ),
    (
        N_("Journal"),
        (
            (N_("New entry"), N_("Ctrl+N")),
            (N_("Search"), N_("Ctrl+F")),
            (N_("Save changes"), N_("Ctrl+S")),
            (N_("Delete the entry…"), N_("Ctrl+D")),
            (N_("Share the entry with my supervisor, or take it back (on a server)"), N_("Ctrl+H")),
        ),
    ),
    (
        N_("After a hard session"),
        (
            (N_("Save and practise two minutes"), N_("Ctrl+Return")),
            (N_("Save without practising"), N_("Ctrl+S")),
        ),
    ),
    (
        N_("Goals"),
        (
            (N_("Add a goal"), N_("Ctrl+N")),
            (N_("Save every goal"), N_("Ctrl+S")),
            (N_("I’ve looked at them"), N_("Ctrl+L")),
            (N_("Share the goal with my supervisor, or take it back (on a server)"), N_("Ctrl+H")),
        ),
    ),
    (
        N_("My trainees"),
        (
            (N_("Move to the trainee above or below"), N_("Up, Down")),
            (N_("Supervision report on the trainee shown…"), N_("Ctrl+P")),
            (N_("Look again"), N_("F5")),
        ),
    ),
)


def shortcuts_html() -> str:
    """The list as text that wraps at any width: a heading per screen, then what and keys."""
    e = html.escape
    parts = []
    for where, entries in SHORTCUTS:
        parts.append(f"<h3>{e(_(where))}</h3><table cellspacing='0' cellpadding='3' width='100%'>")
        parts += [
            f"<tr><td width='62%'>{e(_(what))}</td><td><b>{e(_(keys))}</b></td></tr>"
            for what, keys in entries
        ]
        parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Keyboard shortcuts, by screen"))
        self.text.setHtml(shortcuts_html())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)
        self.text.setFocus()
        widgets.fit_to_text(self, 70, least_height=self.fontMetrics().lineSpacing() * 24)


ABOUT = N_(
    "A kind spaced-repetition trainer for clinicians with perfectionist habits: five minutes "
    "a day. Everything stays on this computer: no account, no network, no streak to keep."
)


LICENCE = N_(
    "Free software: you may share and change it under the GNU General Public License, "
    "version 3 or later. It comes with no warranty."
)


class AboutDialog(QDialog):
    def __init__(self, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Imperfect Trainer"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        folder = widgets.label(
            _("Your collection: {folder}").format(folder=widgets.breakable_path(data_folder)),
            role="muted",
            wrap=True,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(widgets.label(_("Imperfect Trainer"), role="heading"))
        layout.addWidget(
            widgets.label(_("Version {version}").format(version=__version__), role="muted")
        )
        layout.addWidget(widgets.label(_(ABOUT), wrap=True))
        layout.addWidget(widgets.label(_(LICENCE), role="muted", wrap=True))
        layout.addWidget(folder)
        layout.addWidget(close)
        widgets.fit_to_text(self, 52)
