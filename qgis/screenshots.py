"""Run inside QGIS desktop by qgis/screenshots.sh (qgis --code): grabs the 存量土地扫描 dialog,
then runs it on the sample county and grabs the main window with the styled result."""
import os
import traceback

import processing
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import iface

OUT = os.environ["PANHUO_SHOTS"]
SAMPLE = os.environ["PANHUO_SAMPLE"]
RESULT = os.path.join(OUT, "江阴_2021-12-31.gpkg")
dialog = None


def guarded(step):
    def run():
        try:
            step()
        except Exception:  # noqa: BLE001
            with open(os.path.join(OUT, "log.txt"), "a") as log:
                log.write(traceback.format_exc())
            QApplication.exit(1)
    return run


@guarded
def show_dialog():
    global dialog
    window = iface.mainWindow()
    window.resize(1500, 940)
    docks = window.findChildren(QDockWidget)
    for dock in docks:
        if dock.objectName() != "Layers":
            dock.hide()
    window.resizeDocks([d for d in docks if d.objectName() == "Layers"], [330], Qt.Horizontal)
    dialog = processing.createAlgorithmDialog(
        "panhuo:scan", {"INPUT": SAMPLE, "AS_OF": "2021-12-31", "OUTPUT": RESULT})
    dialog.show()
    dialog.resize(900, 800)
    QTimer.singleShot(2500, run_scan)


@guarded
def run_scan():
    dialog.grab().save(os.path.join(OUT, "dialog.png"))
    dialog.close()
    processing.run("panhuo:scan", {"INPUT": SAMPLE, "AS_OF": "2021-12-31", "OUTPUT": RESULT, "LOAD": True})
    towns = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.source().endswith("layername=towns")]
    extent = towns[0].extent()
    extent.scale(1.05)
    iface.mapCanvas().setExtent(extent)
    iface.mapCanvas().refresh()
    QTimer.singleShot(5000, grab_result)


@guarded
def grab_result():
    iface.mainWindow().grab().save(os.path.join(OUT, "result.png"))
    QApplication.exit(0)


QTimer.singleShot(4000, show_dialog)
