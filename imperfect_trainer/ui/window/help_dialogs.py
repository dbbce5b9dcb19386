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
        "Everywhere",
        (
            (
                "Today, Cards, Statistics, Journal, After a hard session, Goals, Settings",
                "Ctrl+1 … Ctrl+7",
            ),
            ("My trainees (a supervisor's, on a programme's server)", "Ctrl+8"),
            ("Move to the next or previous control", "Tab, Shift+Tab"),
            ("Press the button or choose the item with the focus", "Enter or Space"),
            ("Open a menu", "Alt and the underlined letter"),
            ("Undo", "Ctrl+Z"),
            ("Keyboard shortcuts", "F1"),
            ("Quit", "Ctrl+Q"),
        ),
    ),
    (
        "The screens on the left",
        (("Move to the screen above or below", "Up, Down"),),
    ),
    ("Today", (("Start practice", "Enter"),)),
    (
        "Practice",
        (
            ("Show the answer", "Space or Enter"),
            ("Show the answer after typing (reflection cards), and on every card", "Ctrl+Enter"),
            ("Grade the card, 0 to 5", "0 … 5"),
            ("Take back the last answer", "Ctrl+Z"),
            ("End the practice (every answer is already saved)", "Esc"),
        ),
    ),
    ("After a practice", (("Back to home", "Enter"), ("Take back the last answer", "Ctrl+Z"))),
    (
        "Cards",
        (
            ("Search", "Ctrl+F"),
            ("Add card…", "Ctrl+N"),
            ("Edit… (your own card)", "Ctrl+E"),
            ("Note… (a card that comes with the app)", "Ctrl+Shift+N"),
            ("Suspend or unsuspend", "Ctrl+J"),
            ("Reset progress…", "Ctrl+Shift+R"),
            ("History…", "Ctrl+H"),
            ("Delete… (your own cards)", "Del"),
            ("Open the card (edit, or its note)", "Enter"),
            ("Choose several cards", "Shift+Up, Shift+Down"),
        ),
    ),
    ("Statistics", (("The last 30 days", "Alt+3"), ("The last 90 days", "Alt+9"))),
    (
        "Journal",
        (
            ("New entry", "Ctrl+N"),
            ("Search", "Ctrl+F"),
            ("Save changes", "Ctrl+S"),
            ("Delete the entry…", "Ctrl+D"),
            ("Share the entry with my supervisor, or take it back (on a server)", "Ctrl+H"),
        ),
    ),
    (
        "After a hard session",
        (
            ("Save and practise two minutes", "Ctrl+Return"),
            ("Save without practising", "Ctrl+S"),
        ),
    ),
    (
        "Goals",
        (
            ("Add a goal", "Ctrl+N"),
            ("Save every goal", "Ctrl+S"),
            ("I’ve looked at them", "Ctrl+L"),
            ("Share the goal with my supervisor, or take it back (on a server)", "Ctrl+H"),
        ),
    ),
    (
        "My trainees",
        (
            ("Move to the trainee above or below", "Up, Down"),
            ("Supervision report on the trainee shown…", "Ctrl+P"),
            ("Look again", "F5"),
        ),
    ),
)


def shortcuts_html() -> str:
    """The list as text that wraps at any width: a heading per screen, then what and keys."""
    e = html.escape
    parts = []
    for where, entries in SHORTCUTS:
        parts.append(f"<h3>{e(where)}</h3><table cellspacing='0' cellpadding='3' width='100%'>")
        parts += [
            f"<tr><td width='62%'>{e(what)}</td><td><b>{e(keys)}</b></td></tr>"
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
