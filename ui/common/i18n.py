"""Languages: Spanish (Argentina) and English. English is the source text; Spanish
comes from Qt Linguist files in resources/i18n (turnero_es_AR.ts, compiled to .qm).

Qt's own dialogs (file, print, message boxes) speak Spanish through Qt's translations
(qtbase_es.qm: es_AR falls back to es), completed by qt_extra_es_AR.qm where Qt's lack
strings of its current dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import resources_dir

LANGUAGES = ("es-AR", "en")
_installed: list[QTranslator] = []
_current = "es-AR"


def current() -> str:
    """The language installed last ("es-AR" before any)."""
    return _current


def install(language: str) -> str:
    """Make `language` the application's; returns the one installed."""
    app = QCoreApplication.instance()
    assert app is not None
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language not in LANGUAGES:
        language = "es-AR"
    if language == "es-AR":
        ours = QTranslator()
        if ours.load(str(resources_dir() / "i18n" / "turnero_es_AR.qm")):
            _installed.append(ours)
        qt = QTranslator()  # Qt's own buttons (OK, Cancel) and dialogs
        if qt.load(
            QLocale("es_AR"),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            _installed.append(qt)
        extra = QTranslator()  # after Qt's: the last one installed is asked first
        if extra.load(str(resources_dir() / "i18n" / "qt_extra_es_AR.qm")):
            _installed.append(extra)
        QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Argentina))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for t in _installed:
        app.installTranslator(t)
    global _current
    _current = language
    return language
