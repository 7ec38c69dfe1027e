"""Translation: the plugin's strings are written in English and translated through Qt's .qm
files in i18n/, as QGIS plugins do. Unlike most plugins, Chinese (zh_CN) is the default whatever
the language QGIS itself runs in; the Processing setting "界面语言 / Language" chooses English or
QGIS's own language instead (it applies the next time the dialogs are opened)."""
import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

CONTEXT = "panhuo"
LANGUAGE_SETTING = "PANHUO_LANGUAGE"
# The choices of the setting, stored by position (Processing keeps a SELECTION's index)
LANGUAGE_OPTIONS = ["中文", "English", "跟随 QGIS (QGIS's language)"]

_translator = None


def tr(text):
    return QCoreApplication.translate(CONTEXT, text)


def chosen_locale():
    """The locale the plugin speaks: 'zh_CN' unless the setting says otherwise."""
    value = QgsSettings().value("Processing/Configuration/" + LANGUAGE_SETTING, 0)
    try:
        choice = int(value)
    except (TypeError, ValueError):
        choice = LANGUAGE_OPTIONS.index(value) if value in LANGUAGE_OPTIONS else 0
    if choice == 1:
        return "en"
    if choice == 2:
        settings = QgsSettings()
        if str(settings.value("locale/overrideFlag", False)).lower() == "true":
            return str(settings.value("locale/userLocale", "en_US") or "en_US")
        from qgis.PyQt.QtCore import QLocale
        return QLocale.system().name()
    return "zh_CN"


def install():
    """Installs (or removes) the translator for the chosen locale; returns that locale."""
    global _translator
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        app.removeTranslator(_translator)
    _translator = None
    locale = chosen_locale()
    folder = os.path.join(os.path.dirname(__file__), "i18n")
    for name in (locale, locale.split("_")[0]):
        path = os.path.join(folder, "panhuo_{}.qm".format(name))
        if os.path.exists(path):
            translator = QTranslator()
            if translator.load(path) and app is not None:
                app.installTranslator(translator)
                _translator = translator
            break
    return locale


def uninstall():
    global _translator
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        app.removeTranslator(_translator)
    _translator = None
