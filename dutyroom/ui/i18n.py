"""The interface language. The source is written in Simplified Chinese, which is what a desk
sees by default; English (and any later language) comes from Qt's translation files in
resources/i18n, made with packaging/translations.py.

Every visible string in dutyroom.ui goes through `tr`, in one context for the whole app, so
a phrase is translated once wherever it shows. The labels the domain defines (tiers,
categories, statuses…) go through `tr_label` where they are shown, and the messages of the
rules and services (`dutyroom.domain.text.sentence`) through `tr_text`; the translation
script adds both to the catalogue from the domain's tables and the services' source. The
printouts and the record stay in Chinese: they are official records, filed and sent upward
as such.

The language is a setting of this computer (QSettings), not of the desk's database: two
desks on one PostgreSQL server may be read by people who need different languages. It
takes effect at the next start, because the windows are built in their language.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from dutyroom.domain.text import Text, Verbatim

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}  # each in its own language
DEFAULT = "zh_CN"
SETTING = "ui/language"


def tr(text: str, disambiguation: str | None = None) -> str:
    """The phrase in the interface language (lupdate collects every literal passed here)."""
    return QCoreApplication.translate("", text, disambiguation)


def tr_label(text: str) -> str:
    """A label computed at run time, e.g. a domain enum's; the catalogue lists them all."""
    return QCoreApplication.translate("", text)


def tr_text(value: object) -> str:
    """A message from the rules or the services (a domain `Text`) in the interface
    language: its template translated, its values filled in again (messages and words the
    catalogue knows translated too, `Verbatim` ones as they are). Anything else as it is."""
    if not isinstance(value, str):
        return str(value)
    if isinstance(value, Verbatim):
        return str(value)
    if not isinstance(value, Text):
        return QCoreApplication.translate("", value)
    template = QCoreApplication.translate("", value.template)
    if not value.args:  # a template without fields may hold braces of its own
        return template
    return template.format(*(tr_text(a) if isinstance(a, str) else a for a in value.args))


def tr_noted(text: str) -> str:
    """A label with a note in brackets, e.g. 派单到场（青山镇卫生院）: the label in the
    interface language, the note (a department, a person: data) as recorded."""
    head, bracket, note = text.partition("（")
    if not bracket or not note.endswith("）"):
        return tr_label(text)
    return tr("{0}（{1}）").format(tr_label(head), note[:-1])


def saved_language(store: QSettings) -> str:
    value = str(store.value(SETTING, DEFAULT))
    return value if value in LANGUAGES else DEFAULT


def save_language(store: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    store.setValue(SETTING, language)
    store.sync()


def catalogue(language: str) -> str:
    """The compiled translation of Dutyroom's own strings for `language`."""
    return str(files("dutyroom.resources") / "i18n" / f"dutyroom_{language}.qm")


_language = DEFAULT  # what `install` last set up


def current_language() -> str:
    return _language


# Qt's own catalogue for each Qt module the window uses (its dialogs' buttons and labels, the
# names of months and days); None where a module shows no text of its own. A module added
# to dutyroom.ui must be named here (tests/ui/test_translations.py checks).
QT_CATALOGUES = {
    "QtCore": "qtbase", "QtGui": "qtbase", "QtWidgets": "qtbase", "QtSvg": "qtbase",
    "QtPrintSupport": "qtbase", "QtPdf": None, "QtPdfWidgets": None,
    "QtCharts": None,  # every title, label and legend on a chart is Dutyroom's own
}


def supplement(language: str) -> str:
    """Dutyroom's additions to Qt's catalogue for `language`: the strings Qt's own lacks."""
    return str(files("dutyroom.resources") / "i18n" / f"qtbase_supplement_{language}.qm")


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's catalogues for the modules in use, Dutyroom's supplement to them, and
    Dutyroom's own catalogue for `language`, before any window is built."""
    global _language
    _language = language
    QLocale.setDefault(QLocale(language))
    installed = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in dict.fromkeys(c for c in QT_CATALOGUES.values() if c):
        qt = QTranslator(app)
        if qt.load(QLocale(language), name, "_", folder):
            installed.append(qt)
    extra = QTranslator(app)
    if extra.load(supplement(language)):
        installed.append(extra)
    if language != DEFAULT:
        own = QTranslator(app)
        if own.load(catalogue(language)):
            installed.append(own)
    for translator in installed:
        app.installTranslator(translator)
    return installed
