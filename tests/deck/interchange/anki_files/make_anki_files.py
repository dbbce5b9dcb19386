"""Write this folder's files with the real Anki (the ``bench`` extra), so that the importer's
tests of them run where Anki is not installed:

    .venv/bin/python tests/deck/interchange/anki_files/make_anki_files.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from tests.support.anki_notes import export_package, export_text, person_collection  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        collection = person_collection(Path(scratch) / "anki")
        try:
            export_package(collection, HERE / "person.apkg")
            export_text(collection, HERE / "person.txt")
        finally:
            collection.close()
    for path in sorted(HERE.glob("person.*")):
        print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
