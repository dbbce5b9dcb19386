"""``install-desktop-entry``: the menu entry for this install, or a packager's share/ folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from imperfect_trainer.cli.opening import APP_NAME
from imperfect_trainer.translation import _


def install_for_packagers(prefix: Path) -> int:
    from imperfect_trainer.deck.storage.private_files import ExportError
    from imperfect_trainer.desktop_entry import install_for_packaging

    try:
        for path in install_for_packaging(prefix):
            print(_("installed {path}").format(path=path))
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    return 0


def install_menu_entry(data_dir: Path | None, *, remove: bool) -> int:
    from imperfect_trainer.deck.storage.private_files import ExportError
    from imperfect_trainer.desktop_entry import install_desktop_entry, remove_desktop_entry

    try:
        if remove:
            removed = remove_desktop_entry()
            for path in removed:
                print(_("removed {path}").format(path=path))
            if not removed:
                print(_("no menu entry was installed; nothing to remove"))
            return 0
        written = install_desktop_entry(data_dir=data_dir)
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(_("installed {path}").format(path=path))
    if data_dir is not None:
        print(_("the menu entry opens {folder}").format(folder=os.path.abspath(data_dir)))
    return 0
