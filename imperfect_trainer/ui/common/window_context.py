"""What the window's parts share: the collection, the clock, the colour scheme in use,
whether the desktop has a tray, what each operation changed, whether the person
supervises trainees, and whether and how a reminder can reach them. One object, handed to
each part, instead of a window they ask."""

from __future__ import annotations

from dataclasses import dataclass

from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.clock import Clock
from imperfect_trainer.ui.common.operations import ChangeBroadcast


@dataclass(slots=True)
class WindowContext:
    store: Store
    clock: Clock
    # Changed by Settings (Appearance); the painted parts take it when they are next drawn.
    scheme: str
    tray_available: bool
    # What each operation changed, for the pages to refresh themselves.
    changes: ChangeBroadcast
    # A supervisor on a programme's server: the window offers My trainees.
    supervising: bool = False
    # The desktop can show the daily reminder: through its notifications, or a tray.
    reminder_available: bool = False
    # What the app started at login is given to open this collection (--data-dir, ...).
    login_arguments: tuple[str, ...] = ()
