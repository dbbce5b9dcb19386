"""A PDF as a reader meets it: each page rendered by poppler's pdftoppm, its text read by
pdftotext, its size from pdfinfo (poppler-utils, installed by scripts/bootstrap.sh)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtGui import QColor, QImage


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, laid out as on the page."""
    pages = _run("pdftotext", "-layout", str(pdf), "-").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))  # type: ignore[union-attr]


def paper(pdf: Path) -> str:
    """The first page's size as pdfinfo names it: 'A4' or 'letter'."""
    size = re.search(r"^Page size:.*\((\w+)\)", _run("pdfinfo", str(pdf)), re.M)
    return size.group(1) if size else "unnamed"


def render_pages(pdf: Path, folder: Path, dpi: int = 40) -> list[QImage]:
    """Every page drawn by pdftoppm, as images, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    _run("pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page"))
    images = [QImage(str(path)) for path in sorted(folder.glob("page-*.png"))]
    assert all(not image.isNull() for image in images)
    return images


def inked_rows(image: QImage) -> list[int]:
    """The rows of pixels with anything darker than the paper on them."""
    white = QColor("white").rgb()
    return [
        y
        for y in range(image.height())
        if any(image.pixel(x, y) != white for x in range(0, image.width(), 2))
    ]
