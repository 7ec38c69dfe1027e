"""The plugin QGIS loads: it only registers the Processing provider."""
from qgis.core import QgsApplication

from . import i18n
from .provider import PanhuoProvider


class PanhuoPlugin:

    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        i18n.install()

    def initProcessing(self):
        self.provider = PanhuoProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        i18n.uninstall()
