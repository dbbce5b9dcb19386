"""Store actions from the window: a failing collection is said plainly, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.ui.common.collection_trouble import NOT_SAVED, CollectionTrouble

T = TypeVar("T")


def guarded(parent: QWidget, action: Callable[[], T]) -> T | None:
    """Run a store action; if the collection fails, say so (the transaction was rolled back)."""
    try:
        return action()
    except StoreError as error:
        _say(parent, error)
        return None


def attempt(parent: QWidget, action: Callable[[], object]) -> bool:
    """Run a store action for its effect; True when it was saved."""
    try:
        action()
    except StoreError as error:
        _say(parent, error)
        return False
    return True


def _say(parent: QWidget, error: StoreError) -> None:
    # In the main window, its CollectionTrouble says it (and can offer a backup).
    trouble = parent.window().findChild(CollectionTrouble)
    if trouble is not None:
        trouble.tell(error)
        return
    QMessageBox.warning(parent, "Imperfect Trainer", f"{NOT_SAVED}\n\n{error}")
