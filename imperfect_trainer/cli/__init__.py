"""The ``imperfect-trainer`` command: the window by default, and a few subcommands.

``parser`` says what the command line takes; ``dispatch`` sends each command to its module:
``health`` (check, stats, backup, restore), ``interchange`` (import, export), ``report``,
``server`` (a programme's server), ``desktop`` (the menu entry) and ``benchmark``.
"""

from imperfect_trainer.cli.dispatch import main
from imperfect_trainer.cli.opening import (
    APP_NAME,
    DATA_DIR_VARIABLE,
    DATABASE_VARIABLE,
    default_data_dir,
    open_collection,
)
from imperfect_trainer.cli.parser import build_parser

__all__ = [
    "APP_NAME",
    "DATABASE_VARIABLE",
    "DATA_DIR_VARIABLE",
    "build_parser",
    "default_data_dir",
    "main",
    "open_collection",
]
