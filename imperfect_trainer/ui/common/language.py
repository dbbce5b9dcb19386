"""The window's language: the catalogue, Qt's own words (its dialogs' buttons) and the locale
that writes dates and numbers, all chosen once at start, before any screen is built."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLibraryInfo, QLocale, QTime, QTranslator
from PySide6.QtWidgets import QApplication

from imperfect_trainer import translation
from imperfect_trainer.translation import _


def apply_language(app: QApplication, choice: str) -> str:
    """Shows the window in the language ``choice`` stands for ("system", "en" or "de");
    returns the language in use."""
    language = translation.use_language(translation.language_for(choice))
    QLocale.setDefault(locale_for(language, QLocale.system()))
    for old in app.findChildren(QTranslator, "qt-own-words"):
        app.removeTranslator(old)
        old.deleteLater()
    if language != translation.ENGLISH:
        qt_words = QTranslator(app)
        qt_words.setObjectName("qt-own-words")
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_words.load(f"qtbase_{language}", folder):
            app.installTranslator(qt_words)
    return language


def locale_for(language: str, system: QLocale) -> QLocale:
    """The locale that writes dates and numbers in ``language``, in the region of the
    ``system``'s (the report's paper is the region's: Letter in the US and Canada, A4
    elsewhere)."""
    wanted = QLocale(language).language()
    plain = system.language() == QLocale.Language.C and language == translation.ENGLISH
    if system.language() == wanted or plain:
        # By name: the system's own object asks the C library for month names, which follow
        # LC_TIME rather than the language chosen (Qt takes LANGUAGE for the system's name).
        return QLocale(system.name())
    return QLocale(wanted, system.territory())


def day_text(day: dt.date, pattern: str) -> str:
    """``day`` in the locale's words, ``pattern`` in Qt's date format (d, MMM, yyyy...)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def moment_text(moment: dt.datetime, pattern: str) -> str:
    qt_moment = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
    return QLocale().toString(qt_moment, pattern)


def long_day(day: dt.date) -> str:
    """A day as a sentence names it: 4 December 2026, 4. Dezember 2026."""
    return day_text(day, _("d MMMM yyyy"))


def month_year(day: dt.date) -> str:
    return day_text(day, _("MMMM yyyy"))


def short_day(day: dt.date) -> str:
    """A day in a list or a chart's label: 4 Dec, 4. Dez."""
    return day_text(day, _("d MMM"))


def long_moment(moment: dt.datetime) -> str:
    return moment_text(moment, _("d MMMM yyyy, HH:mm"))


def month_name(month: int) -> str:
    return QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)


def number(value: int) -> str:
    """A count with the locale's thousands separator: 1,234 or 1.234."""
    return QLocale().toString(value)


def day_words(day: dt.date, today: dt.date) -> str:
    """A day as a person says it: today, yesterday, 4 Dec (and the year when not this one)."""
    if day == today:
        return _("today")
    if day == today - dt.timedelta(days=1):
        return _("yesterday")
    return short_day(day) if day.year == today.year else day_text(day, _("d MMM yyyy"))


def short_month(month: int) -> str:
    return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)


def weekday_short(weekday: int) -> str:
    """A weekday's short name, Monday being 0 (as ``date.weekday()`` counts)."""
    return QLocale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)
