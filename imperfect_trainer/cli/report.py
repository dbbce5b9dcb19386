"""``report FILE.pdf``: a supervision report, drawn with Qt's fonts and no screen."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

from imperfect_trainer import translation
from imperfect_trainer.cli.opening import APP_NAME
from imperfect_trainer.translation import _

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store


def write_report(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    from imperfect_trainer.deck.features.report_data import gather_report, journal_choices
    from imperfect_trainer.deck.features.report_period import Period
    from imperfect_trainer.deck.settings_registry import REPORT_FOOTER, REPORT_NAME

    last = args.last or store.practice_day(now)
    try:
        period = Period(args.first, last) if args.first else Period.ending(last)
    except ValueError as error:
        print(
            _("{app}: report: {error}; nothing was written").format(app=APP_NAME, error=error),
            file=sys.stderr,
        )
        return 2
    first = period.first
    in_period = {choice.id for choice in journal_choices(store, first, last)}
    outside = [entry for entry in args.share_journal if entry not in in_period]
    if outside:
        print(
            _(
                "{app}: report --share-journal: no journal entry {outside} was written from "
                "{period}; the period's entries are: {entries}; nothing was written"
            ).format(
                app=APP_NAME,
                outside=", ".join(map(str, outside)),
                period=period.words(),
                entries=", ".join(map(str, sorted(in_period))) or _("none"),
            ),
            file=sys.stderr,
        )
        return 2
    report = gather_report(store, first, last, args.share_journal)
    # Drawing the PDF needs Qt's fonts, not a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QGuiApplication

    from imperfect_trainer.deck.storage.private_files import ExportError
    from imperfect_trainer.ui.common.language import locale_for
    from imperfect_trainer.ui.supervision.report_pdf import write_report_pdf

    _app = QGuiApplication.instance() or QGuiApplication([APP_NAME])
    # The report's dates in the messages' language, its paper the region's.
    QLocale.setDefault(locale_for(translation.current_language(), QLocale.system()))
    try:
        write_report_pdf(
            report,
            args.file.expanduser(),
            name=REPORT_NAME.of(store),
            footer=REPORT_FOOTER.of(store),
        )
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    print(
        _("report written: {file} ({first} to {last})").format(
            file=args.file, first=first, last=last
        )
    )
    return 0
