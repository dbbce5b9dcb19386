"""Render the app icon (resources/icons/imperfect-trainer.svg) into the PNG sizes desktops look up.

The PNGs are committed under resources/icons/hicolor/, laid out as in the icon theme, so that
installing the menu entry copies files and never needs Qt to draw. Run again after changing the
SVG: ``.venv/bin/python scripts/render_icons.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "imperfect-trainer.svg"
THEME = ROOT / "resources" / "icons" / "hicolor"
# The hicolor theme's fixed sizes that menus, docks and task switchers ask for.
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not an SVG Qt can draw", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = THEME / f"{size}x{size}" / "apps" / "imperfect-trainer.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            print(f"{target}: cannot be written", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
