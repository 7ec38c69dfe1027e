"""Opens a result GeoPackage in the project: every layer with the style stored in the file's
layer_styles table, under one group at the top of the layer tree, tables first, then points and
lines, then polygons from the small plots to the towns at the bottom. A scenario run gets one
sub-group per scenario, the first one shown."""
import os

from osgeo import ogr
from qgis.core import QgsProject, QgsVectorLayer, QgsWkbTypes

from .i18n import tr

# Polygon layers from top to bottom; anything not listed goes between these and the towns
POLYGON_ORDER = ["warnings", "plan_status", "d_class_parcels", "undetermined", "newly_lapsed", "newly_idle",
                 "idle_resolved", "newly_supplied", "newly_low_efficiency", "no_longer_low_efficiency",
                 "newly_reserved", "reserve_supplied", "idle", "low_efficiency", "unfit_for_supply", "unsupplied",
                 "reserve_unsupplied", "supply_status", "rejects", "plots", "clear"]
# Layers loaded but not drawn until the user ticks them (they overlap the others)
HIDDEN = {"supply_status", "rejects", "undetermined"}
SCENARIO_PARTS = ["plots", "clear", "towns", "riverside"]


def titles():
    return {
        "unsupplied": tr("unsupplied"),
        "supply_status": tr("supply_status"),
        "idle": tr("idle"),
        "warnings": tr("warnings"),
        "towns": tr("towns"),
        "efficiency": tr("efficiency"),
        "d_class_parcels": tr("d_class_parcels"),
        "rejects": tr("rejects"),
        "undetermined": tr("undetermined"),
        "run": tr("run"),
        "timeline": tr("timeline"),
        "newly_supplied": tr("newly_supplied"),
        "idle_resolved": tr("idle_resolved"),
        "newly_idle": tr("newly_idle"),
        "newly_lapsed": tr("newly_lapsed"),
        "comparison": tr("comparison"),
        "scenarios": tr("scenarios"),
        "plots": tr("plots"),
        "clear": tr("clear"),
        "riverside": tr("riverside"),
        "scenario_towns": tr("towns (linkage balance)"),
        # v3
        "reserve_unsupplied": tr("reserve_unsupplied"),
        "unfit_for_supply": tr("unfit_for_supply"),
        "low_efficiency": tr("low_efficiency"),
        "holders": tr("holders"),
        "newly_reserved": tr("newly_reserved"),
        "reserve_supplied": tr("reserve_supplied"),
        "newly_low_efficiency": tr("newly_low_efficiency"),
        "no_longer_low_efficiency": tr("no_longer_low_efficiency"),
        "plan_status": tr("plan_status"),
    }


def layer_names(path):
    """The data layers of a GeoPackage (not its layer_styles table), in the file's order."""
    ds = ogr.Open(path)
    if ds is None:
        return []
    names = []
    for i in range(ds.GetLayerCount()):
        name = ds.GetLayerByIndex(i).GetName()
        if name != "layer_styles":
            names.append(name)
    return names


def _kind(layer):
    geometry = layer.geometryType()
    if geometry in (QgsWkbTypes.NullGeometry, QgsWkbTypes.UnknownGeometry):
        return 0
    if geometry == QgsWkbTypes.PointGeometry:
        return 1
    if geometry == QgsWkbTypes.LineGeometry:
        return 2
    return 3


def _sort_key(layer, base):
    kind = _kind(layer)
    if kind < 3:
        return (kind, 0, base)
    if base == "towns":
        return (4, 0, base)
    rank = POLYGON_ORDER.index(base) if base in POLYGON_ORDER else len(POLYGON_ORDER) - 2
    return (3, rank, base)


def open_layers(path, feedback=None):
    """[(name, layer)] of every data layer of path, each with its stored style applied."""
    layers = []
    for name in layer_names(path):
        layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
        if not layer.isValid():
            if feedback:
                feedback.pushWarning(tr("Layer '{}' of {} could not be opened").format(name, path))
            continue
        message, ok = layer.loadDefaultStyle()
        if not ok and feedback:
            feedback.pushWarning(tr("Layer '{}': no stored style ({})").format(name, message))
        layers.append((name, layer))
    return layers


def _scenario_split(name, scenario_names):
    for s in scenario_names:
        for part in SCENARIO_PARTS:
            if name == "{}_{}".format(s, part):
                return s, part
    return None, name


def _scenario_names(names):
    found = []
    for name in names:
        for part in SCENARIO_PARTS:
            suffix = "_" + part
            if name.endswith(suffix) and part == "plots":
                found.append(name[: -len(suffix)])
    return found


def load_result(path, command, group_title, project=None, feedback=None):
    """Adds the layers of path to project under a new group; returns the group."""
    project = project or QgsProject.instance()
    names = titles()
    opened = open_layers(path, feedback)
    root = project.layerTreeRoot()
    group = root.insertGroup(0, "{} ({})".format(group_title, os.path.basename(path)))
    scenario_names = _scenario_names([n for n, _ in opened]) if command == "scenario" else []
    plain = []
    per_scenario = {s: [] for s in scenario_names}
    for name, layer in opened:
        scenario, part = _scenario_split(name, scenario_names)
        if scenario is None:
            layer.setName(names.get(name, name))
            plain.append((_sort_key(layer, name), name, layer))
        else:
            title = names["scenario_towns"] if part == "towns" else names.get(part, part)
            layer.setName("{}·{}".format(scenario, title))
            per_scenario[scenario].append((_sort_key(layer, part), part, layer))
    for _, name, layer in sorted(plain, key=lambda t: t[0]):
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        node.setItemVisibilityChecked(name not in HIDDEN)
        node.setExpanded(name not in HIDDEN)  # the legend of what is drawn
    for i, scenario in enumerate(scenario_names):
        sub = group.addGroup(scenario)
        sub.setItemVisibilityChecked(i == 0)
        for _, name, layer in sorted(per_scenario[scenario], key=lambda t: t[0]):
            project.addMapLayer(layer, False)
            node = sub.addLayer(layer)
            node.setExpanded(i == 0)
    group.setExpanded(True)
    if feedback:
        feedback.pushInfo(tr("Opened {} layers of {}").format(len(opened), path))
    return group
