"""The Processing provider: the engine's commands as algorithms, and the provider's settings
(the engine's path, the language of the dialogs) under Settings → Options → Processing."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from . import i18n
from .algorithms import ALGORITHMS
from .base import ENGINE_SETTING
from .i18n import tr


class PanhuoProvider(QgsProcessingProvider):

    def id(self):
        return "panhuo"

    def name(self):
        return tr("panhuo stock land")

    def longName(self):
        return tr("panhuo: stock construction land analysis")

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(__file__), "icon.svg"))

    def load(self):
        from processing.core.ProcessingConfig import ProcessingConfig, Setting
        group = self.name()
        ProcessingConfig.settingIcons[group] = self.icon()
        ProcessingConfig.addSetting(Setting(
            group, ENGINE_SETTING, tr("panhuo engine executable (empty: panhuo on the PATH)"),
            os.environ.get("PANHUO_ENGINE", ""), valuetype=Setting.FILE))
        ProcessingConfig.addSetting(Setting(
            group, i18n.LANGUAGE_SETTING, tr("Language of the dialogs (applies when a dialog is opened)"),
            i18n.LANGUAGE_OPTIONS[0], valuetype=Setting.SELECTION, options=i18n.LANGUAGE_OPTIONS))
        ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        from processing.core.ProcessingConfig import ProcessingConfig
        ProcessingConfig.removeSetting(ENGINE_SETTING)
        ProcessingConfig.removeSetting(i18n.LANGUAGE_SETTING)

    def loadAlgorithms(self):
        i18n.install()  # a changed language setting takes effect here (Processing refreshes us)
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
