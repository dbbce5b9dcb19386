"""Imperfect Trainer: a kind spaced-repetition trainer for clinicians learning imperfection."""

__version__ = "0.2.0"
# The app's reverse-DNS id (AppStream, the desktop entry, Wayland's app id): the menu entry,
# its icon and its description are installed under this name.
COMPONENT_ID = "io.github.imperfect_trainer.imperfect_trainer"
