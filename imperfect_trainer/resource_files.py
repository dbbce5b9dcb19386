"""Where the shipped data (deck, icons, desktop entry) is found.

In a wheel, ``resources/`` travels inside the package as ``imperfect_trainer.resources``; in a
source checkout it is the top-level ``resources/`` folder beside the package.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    try:
        return resources.files("imperfect_trainer.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"
