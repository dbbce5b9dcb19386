"""Where the shipped data (deck, icons, desktop entry) is found.

In a wheel, ``resources/`` travels inside the package as ``imperfect_trainer/resources``; in a
source checkout (and an editable install) it is the top-level ``resources/`` folder beside the
package, and the standalone bundle lays it out the same way. Either way it is a real folder on
disk, returned as a ``Path``: Qt opens icons by file name, and ``importlib.resources`` would hand
back a namespace package's ``MultiplexedPath``, whose ``joinpath`` takes a single part on Python
3.11 (a wheel install then failed at start on ``joinpath("icons", name)``).
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def resource_root(package: Path = PACKAGE) -> Traversable:
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"
