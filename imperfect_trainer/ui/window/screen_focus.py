"""Putting the keyboard's focus into a screen, so that its keys and what is typed reach it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def focus_into(screen: QWidget | None) -> None:
    """Into ``screen``: where its focus last was, else its first control (in tab order)."""
    if screen is None:
        return
    target: QWidget | None = screen.focusWidget()
    if target is None or not target.isVisible():
        target = screen.nextInFocusChain()
        # The chain is a circle through the window's widgets: it comes back to the screen.
        while target is not None and target is not screen and not _takes_focus(target, screen):
            target = target.nextInFocusChain()
    if target is not None and target is not screen:
        target.setFocus(Qt.FocusReason.MouseFocusReason)


def _takes_focus(widget: QWidget, screen: QWidget) -> bool:
    return (
        screen.isAncestorOf(widget)
        and widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )
