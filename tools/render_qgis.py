#!/usr/bin/python3
"""Renders an output GeoPackage with QGIS itself, headless, through the styles stored in it.

    /usr/bin/python3 tools/render_qgis.py OUT.gpkg IMAGE.png [--size 1400x1000]

Loads the layers towns, unsupplied, idle, warnings and d_class_parcels (those the file has) with
the default style QGIS finds in the file's layer_styles table, exactly as dragging the file into
QGIS would, and renders them to a PNG. Exits 1 when a layer has no stored style or the rendering
fails, 2 on bad arguments. Needs Debian's python3-qgis.
"""
import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle,  # noqa: E402
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

LAYERS = ["d_class_parcels", "warnings", "idle", "unsupplied", "towns"]  # top first


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gpkg")
    ap.add_argument("png")
    ap.add_argument("--size", default="1400x1000")
    a = ap.parse_args()
    width, height = (int(v) for v in a.size.split("x"))
    app = QgsApplication([], False)
    app.initQgis()
    layers = []
    for name in LAYERS:
        layer = QgsVectorLayer(f"{a.gpkg}|layername={name}", name, "ogr")
        if not layer.isValid():
            continue
        message, ok = layer.loadDefaultStyle()
        if not ok:
            print(f"render_qgis: {name}: no style stored in {a.gpkg}: {message}", file=sys.stderr)
            return 1
        layers.append(layer)
    if not layers:
        print(f"render_qgis: {a.gpkg} has none of the layers {', '.join(LAYERS)}", file=sys.stderr)
        return 1
    extent = QgsRectangle()
    for layer in layers:
        extent.combineExtentWith(layer.extent())
    extent.scale(1.03)
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[-1].crs())
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    if not job.renderedImage().save(a.png, "png"):
        print(f"render_qgis: cannot write {a.png}", file=sys.stderr)
        return 1
    print(f"render_qgis: {len(layers)} layers of {a.gpkg} drawn into {a.png}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
