"""A search field with a clear button that a screen reader can name."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolButton

from imperfect_trainer.translation import _


def search_field(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(_("Clear the search"))
    return field
