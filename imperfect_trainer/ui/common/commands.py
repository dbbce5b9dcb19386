"""A screen's actions as commands: each with its words, its keys, what it does, and — when it
cannot be done just now — why. A command is a button on the screen, an entry in the screen's
menu and a shortcut, all the same QAction, so they never disagree; the keys are written in
the tooltip and the menu, and the reason a command is unavailable replaces its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from imperfect_trainer.ui.common import widgets


@runtime_checkable
class HasCommands(Protocol):
    """A screen with commands of its own, listed in the menu named after it."""

    commands: list[QAction]

    def page_menus(self) -> list[QMenu]:
        """Submenus built afresh each time the menu opens (choices that reflect the screen)."""
        ...


def words_of(text: str) -> str:
    """A menu entry's words without the "&" marking its letter."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_text(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


class Command(QAction):
    def __init__(
        self,
        text: str,
        about: str,
        screen: QWidget,
        *,
        keys: str | QKeySequence.StandardKey | None = None,
        run: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(text, screen)
        self.about = about
        self._why_not: str | None = None
        if keys is not None:
            self.setShortcut(QKeySequence(keys))
        # The keys work while the screen is shown, whatever has the focus in its window (the
        # sidebar too); a screen not shown is hidden, and its keys with it.
        self.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        screen.addAction(self)
        if run is not None:
            self.triggered.connect(lambda _checked=False: run())
        self._describe()

    @property
    def keys(self) -> str:
        return keys_text(self.shortcut())

    @property
    def why_not(self) -> str | None:
        return self._why_not

    def allow(self, why_not: str | None = None) -> None:
        """Make the command available, or not, saying why (``None``: available)."""
        self._why_not = why_not
        self.setEnabled(why_not is None)
        self._describe()

    def set_words(self, text: str, about: str) -> None:
        self.setText(text)
        self.about = about
        self._describe()

    def _describe(self) -> None:
        keys = f" ({self.keys})" if self.keys else ""
        self.setToolTip(self._why_not or f"{self.about}{keys}")

    def button(self, role: str = "") -> QPushButton:
        """A button that is this command: same words, same state, same tooltip."""
        button = widgets.button(self.text(), role)

        def follow() -> None:
            # The underlined letter belongs to the menu entry: on a button, Alt and that letter
            # could clash with a menu's own (Alt+E opens Edit).
            words = words_of(self.text())
            button.setText(words)
            button.setAccessibleName(words)
            button.setEnabled(self.isEnabled())
            button.setToolTip(self.toolTip())
            button.setAccessibleDescription(self.toolTip())

        self.changed.connect(follow)
        button.clicked.connect(self.trigger)
        follow()
        return button
