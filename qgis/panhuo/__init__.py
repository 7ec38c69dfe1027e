"""盘活 panhuo: the engine's commands in the QGIS Processing toolbox."""


def classFactory(iface):
    from .plugin import PanhuoPlugin
    return PanhuoPlugin(iface)
