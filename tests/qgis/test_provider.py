#!/usr/bin/python3
"""Headless tests of the QGIS Processing provider (qgis/panhuo) on the sample county.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/test_provider.py [--engine build/panhuo]

Each algorithm runs through QGIS Processing and its GeoPackage must equal, table by table and row
by row (attributes and geometry), what the engine's command line writes for the same arguments;
a scan fed from project layers must equal the CLI's on the file; a running scan is cancelled (and
a run of an engine that ignores SIGTERM) and must end within a second leaving nothing under the
output's name; the loaded result layers must
carry the styles and Chinese field titles stored in the file, grouped and ordered; a missing
engine, a layer lacking a required field and a field map naming a wrong field must give a
QgsProcessingException naming the layer and field, never a traceback; the dialogs must be
Chinese by default and English on request; the plugin zip must install into a fresh QGIS
profile and run under qgis_process. Exit 0 when all pass, 1 when one fails, 77 (skip) when
QGIS's Python bindings are missing.
"""
import argparse
import ast
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
import zipfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="panhuo-xdg-"))

try:
    from qgis.core import (QgsApplication, QgsLayerTreeGroup, QgsProcessingContext,
                           QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsSettings,
                           QgsVectorLayer)
except ImportError:
    print("test_provider: skipped: QGIS's Python bindings (python3-qgis) are not installed")
    sys.exit(77)
from osgeo import ogr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "datasets", "sample_county.gpkg")
SCENARIOS = [os.path.join(ROOT, "datasets", "scenarios", n) for n in ("conservative.toml", "ambitious.toml")]
CONTRACT_LAYERS = ["towns", "approvals", "supplies", "construction", "enterprises", "rural_plots", "river",
                   "targets", "reserves", "constraints", "holder_groups", "plans"]

ogr.UseExceptions()


# ---------------------------------------------------------------- helpers

def tables(path):
    """{layer: (fields, geometry type, [(fid, values, geometry WKB)])} of every table of path."""
    ds = ogr.Open(path)
    out = {}
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayerByIndex(i)
        defn = layer.GetLayerDefn()
        fields = [(defn.GetFieldDefn(k).GetName(), defn.GetFieldDefn(k).GetTypeName())
                  for k in range(defn.GetFieldCount())]
        rows = []
        for f in layer:
            g = f.GetGeometryRef()
            rows.append((f.GetFID(), [f.GetField(k) for k in range(len(fields))],
                         bytes(g.ExportToIsoWkb()) if g is not None else None))
        out[layer.GetName()] = (fields, layer.GetGeomType(), rows)
    return out


def assert_same_tables(got_path, want_path, ignore=(), equal=None):
    """Every table of both files equal; ignore: (layer, field) pairs left out of the comparison;
    equal(layer, got values, wanted values): True for rows that differ as they may."""
    got, want = tables(got_path), tables(want_path)
    check(sorted(got) == sorted(want), "layers {} != {}".format(sorted(got), sorted(want)))
    compared = 0
    for name in want:
        gf, gt, grows = got[name]
        wf, wt, wrows = want[name]
        check(gf == wf, "{}: fields {} != {}".format(name, gf, wf))
        check(gt == wt, "{}: geometry type {} != {}".format(name, gt, wt))
        check(len(grows) == len(wrows), "{}: {} rows != {}".format(name, len(grows), len(wrows)))
        skip = {i for i, (field, _) in enumerate(wf) if (name, field) in ignore}
        for g, w in zip(grows, wrows):
            gv = [v for i, v in enumerate(g[1]) if i not in skip]
            wv = [v for i, v in enumerate(w[1]) if i not in skip]
            same = gv == wv or (equal is not None and equal(name, gv, wv))
            check(g[0] == w[0] and same and g[2] == w[2],
                  "{} fid {}: {} != {} (fid {})".format(name, g[0], gv, wv, w[0]))
            compared += 1
    return compared


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Feedback(QgsProcessingFeedback):
    """Keeps every message; cancels itself once progress reaches cancel_at (if given)."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.infos, self.warnings, self.errors, self.texts, self.progress = [], [], [], [], []
        self.console = []
        self.cancel_at = cancel_at
        self.canceled_at = None
        self.progressChanged.connect(self._progress)

    def _progress(self, value):
        self.progress.append(value)
        if self.cancel_at is not None and value >= self.cancel_at and self.canceled_at is None:
            self.canceled_at = time.monotonic()
            self.cancel()

    def pushInfo(self, text):
        self.infos.append(text)

    def pushWarning(self, text):
        self.warnings.append(text)

    def reportError(self, text, fatal=False):
        self.errors.append(text)

    def setProgressText(self, text):
        self.texts.append(text)

    def pushConsoleInfo(self, text):
        self.console.append(text)


def cli(engine, args):
    r = subprocess.run([engine] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(r.returncode in (0, 3), "CLI {} exited {}: {}".format(" ".join(args), r.returncode,
                                                               r.stderr.decode(errors="replace")))


def run_alg(alg_id, params, feedback=None, project=None):
    import processing
    context = QgsProcessingContext()
    context.setProject(project or QgsProject.instance())
    feedback = feedback or Feedback()
    result = processing.run(alg_id, params, feedback=feedback, context=context)
    return result, feedback


def expect_failure(alg_id, params):
    """Runs an algorithm that must fail; returns the exception's message and the feedback."""
    feedback = Feedback()
    try:
        run_alg(alg_id, params, feedback)
    except QgsProcessingException as e:
        message = str(e)
        check("Traceback" not in message, "a traceback in the message: " + message)
        return message, feedback
    except Exception as e:  # noqa: BLE001
        raise Failure("expected QgsProcessingException, got {}: {}".format(type(e).__name__, e))
    raise Failure("{} did not fail".format(alg_id))


# ---------------------------------------------------------------- the tests

def test_translations(ctx):
    """Every string the plugin shows has a Chinese translation; Chinese by default, English on request."""
    from panhuo import i18n
    sources = []
    for path in glob.glob(os.path.join(ctx.plugin_dir, "*.py")):
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
                check(isinstance(node.args[0], ast.Constant), "{}: tr() of a non-literal".format(path))
                sources.append(node.args[0].value)
    ts = ET.parse(os.path.join(ctx.plugin_dir, "i18n", "panhuo_zh_CN.ts"))
    translated = {m.findtext("source"): m.findtext("translation") for m in ts.iter("message")}
    missing = sorted({s for s in sources if not translated.get(s)})
    check(not missing, "strings without a Chinese translation: {}".format(missing))
    lrelease = shutil.which("lrelease") or ("/usr/lib/qt5/bin/lrelease" if os.path.exists("/usr/lib/qt5/bin/lrelease")
                                            else None)
    if lrelease:  # the .qm shipped in the folder is the .ts compiled
        qm = os.path.join(ctx.tmp, "check.qm")
        subprocess.run([lrelease, "-silent", os.path.join(ctx.plugin_dir, "i18n", "panhuo_zh_CN.ts"), "-qm", qm],
                       check=True)
        with open(qm, "rb") as a, open(os.path.join(ctx.plugin_dir, "i18n", "panhuo_zh_CN.qm"), "rb") as b:
            check(a.read() == b.read(), "i18n/panhuo_zh_CN.qm is not the .ts compiled: run lrelease")
    registry = QgsApplication.processingRegistry()
    names = {a.id(): a.displayName() for a in registry.providerById("panhuo").algorithms()}
    check(names == {"panhuo:scan": "存量土地扫描", "panhuo:timeline": "月度通报", "panhuo:compare": "变化对比",
                    "panhuo:review": "季度分析与考核", "panhuo:scenario": "情景分析"}, "Chinese names: {}".format(names))
    alg = registry.createAlgorithmById("panhuo:scan")
    check(alg.parameterDefinition("AS_OF").description() == "认定日期", "AS_OF is not Chinese")
    check(alg.parameterDefinition("WARN_DAYS").help().startswith("列出"), "help is not Chinese")
    settings = QgsSettings()
    key = "Processing/Configuration/" + i18n.LANGUAGE_SETTING
    settings.setValue(key, 1)
    try:
        registry.providerById("panhuo").refreshAlgorithms()
        english = registry.createAlgorithmById("panhuo:scan")
        check(english.displayName() == "Stock land scan", "English: " + english.displayName())
        check(english.parameterDefinition("AS_OF").description() == "As-of date", "English AS_OF")
    finally:
        settings.setValue(key, 0)
        registry.providerById("panhuo").refreshAlgorithms()
    check(registry.createAlgorithmById("panhuo:scan").displayName() == "存量土地扫描", "back to Chinese")


def test_scan_equals_cli(ctx):
    out = os.path.join(ctx.tmp, "结果 scan.gpkg")  # a space and Chinese in the name
    result, feedback = run_alg("panhuo:scan", {"INPUT": SAMPLE, "AS_OF": "2021-12-31", "OUTPUT": out,
                                               "THREADS": 1, "LOAD": True})
    check(result["OUTPUT"] == out, "OUTPUT {}".format(result["OUTPUT"]))
    summary = "\n".join(feedback.console)
    check("存量建设用地扫描 截至2021-12-31" in summary, "no summary in the log")
    check(out in summary and ".panhuo-" not in summary, "temporary name shown: " + summary[-300:])
    cli(ctx.engine, ["scan", SAMPLE, "--as-of", "2021-12-31", "--threads", "1", "-o",
                     os.path.join(ctx.tmp, "cli_scan.gpkg"), "-q"])
    n = assert_same_tables(out, os.path.join(ctx.tmp, "cli_scan.gpkg"))
    # the bar moved through the three phases, steadily, to 100
    p = feedback.progress
    check(p == sorted(p) and p[-1] == 100 and len(p) >= 30, "progress {}".format(p[:5]))
    check(any(t.startswith("读取") for t in feedback.texts) and "扫描" in feedback.texts,
          "phases {}".format(feedback.texts))
    ctx.scan_out = out
    return "{} rows equal, {} progress steps".format(n, len(p))


def test_loaded_with_styles(ctx):
    """The scan's result layers, in one group at the top: tables, then the drawn layers with
    towns last, each with the renderer and the Chinese field titles stored in the file."""
    root = QgsProject.instance().layerTreeRoot()
    group = root.children()[0]
    check(isinstance(group, QgsLayerTreeGroup) and group.name().startswith("存量土地扫描 2021-12-31"),
          "group {}".format(group.name()))
    layers = [node.layer() for node in group.findLayers()]
    names = [lyr.name() for lyr in layers]
    check(names[-1] == "乡镇排名", "towns not at the bottom: {}".format(names))
    check(names.index("预警") < names.index("闲置土地") < names.index("批而未供"), "order {}".format(names))
    check(set(names[:3]) == {"亩均效益", "运行信息", "企业集团供而未用"}, "tables first: {}".format(names))
    stored = {}
    ds = ogr.Open(ctx.scan_out)
    styles = ds.GetLayerByName("layer_styles")
    for f in styles:
        stored[f.GetField("f_table_name")] = f.GetField("styleQML")
    checked = 0
    for lyr in layers:
        source = lyr.source().split("layername=")[-1]
        qml = stored.get(source)
        check(qml, "no stored style for {}".format(source))
        if lyr.isSpatial():
            want = ET.fromstring(qml).find("renderer-v2").get("type")
            check(lyr.renderer().type() == want, "{}: renderer {} != stored {}".format(
                source, lyr.renderer().type(), want))
        aliases = [lyr.attributeAlias(i) for i in range(lyr.fields().count())]
        check(any(aliases), "{}: no Chinese field titles".format(source))
        checked += 1
    idle = [lyr for lyr in layers if lyr.name() == "闲置土地"][0]
    check(idle.renderer().type() == "categorizedSymbol", "idle not by action")
    check(idle.attributeAlias(idle.fields().indexOf("fee_wan")) == "闲置费（万元）",
          "fee_wan title {}".format(idle.attributeAlias(idle.fields().indexOf("fee_wan"))))
    hidden = [n.layer().name() for n in group.findLayers() if not n.isVisible()]
    check("供地利用状况" in hidden and "批而未供" not in hidden, "visibility {}".format(hidden))
    return "{} layers styled".format(checked)


def test_timeline_equals_cli(ctx):
    out = os.path.join(ctx.tmp, "timeline.gpkg")
    run_alg("panhuo:timeline", {"INPUT": SAMPLE, "FROM": "2021-01-15", "TO": "2021-12-31", "OUTPUT": out,
                                "LOAD": False})
    want = os.path.join(ctx.tmp, "cli_timeline.gpkg")
    cli(ctx.engine, ["timeline", SAMPLE, "--from", "2021-01", "--to", "2021-12", "-o", want, "-q"])
    return "{} rows equal".format(assert_same_tables(out, want))


def test_compare_equals_cli(ctx):
    out = os.path.join(ctx.tmp, "compare.gpkg")
    xlsx = os.path.join(ctx.tmp, "compare.xlsx")
    run_alg("panhuo:compare", {"INPUT": SAMPLE, "FROM": "2020-12-31", "TO": "2021-12-31", "OUTPUT": out,
                               "XLSX": xlsx, "LOAD": False})
    check(os.path.getsize(xlsx) > 0, "no ledger")
    want = os.path.join(ctx.tmp, "cli_compare.gpkg")
    cli(ctx.engine, ["compare", SAMPLE, "--from", "2020-12-31", "--to", "2021-12-31", "-o", want, "-q"])
    return "{} rows equal".format(assert_same_tables(out, want))


def test_review_equals_cli(ctx):
    out = os.path.join(ctx.tmp, "review.gpkg")
    run_alg("panhuo:review", {"INPUT": SAMPLE, "YEAR": 2021, "PERIOD": 3, "OUTPUT": out, "THREADS": 1,
                              "LOAD": False})
    want = os.path.join(ctx.tmp, "cli_review.gpkg")
    cli(ctx.engine, ["review", SAMPLE, "--period", "2021-Q4", "--threads", "1", "-o", want, "-q"])
    return "{} rows equal".format(assert_same_tables(out, want))


def test_scenario_equals_cli(ctx):
    out = os.path.join(ctx.tmp, "scenario.gpkg")
    run_alg("panhuo:scenario", {"INPUT": SAMPLE, "SCENARIOS": SCENARIOS, "AS_OF": "2021-12-31",
                                "OUTPUT": out, "THREADS": 1, "LOAD": True})
    want = os.path.join(ctx.tmp, "cli_scenario.gpkg")
    cli(ctx.engine, ["scenario", SAMPLE, "--scenario", SCENARIOS[0], "--scenario", SCENARIOS[1],
                     "--as-of", "2021-12-31", "--threads", "1", "-o", want, "-q"])
    n = assert_same_tables(out, want, ignore={("scenarios", "seconds")})  # the evaluation's time
    group = QgsProject.instance().layerTreeRoot().children()[0]
    subs = [c for c in group.children() if isinstance(c, QgsLayerTreeGroup)]
    check([g.name() for g in subs] == ["conservative", "ambitious"], "sub-groups {}".format(
        [g.name() for g in subs]))
    check(subs[0].isVisible() and not subs[1].itemVisibilityChecked(), "second scenario shown")
    check(subs[0].findLayers()[-1].layer().name() == "conservative·乡镇平衡", "towns not last")
    return "{} rows equal".format(n)


def test_project_layers_equal_cli(ctx):
    """A scan fed from layers open in QGIS (exported and passed as --layer) equals the CLI's
    scan of the file, but for the run's record of its input."""
    project = QgsProject.instance()
    params = {"AS_OF": "2021-12-31", "OUTPUT": os.path.join(ctx.tmp, "layers.gpkg"), "THREADS": 1,
              "LOAD": False}
    for name in CONTRACT_LAYERS:
        layer = QgsVectorLayer("{}|layername={}".format(SAMPLE, name), "县 " + name, "ogr")
        check(layer.isValid(), name)
        project.addMapLayer(layer)
        params["LAYER_" + name.upper()] = layer.id()
    run_alg("panhuo:scan", params)
    # QGIS writes a feature without geometry with an empty one: the same feature is rejected,
    # for an empty instead of a null geometry
    def null_as_empty(layer, got, want):
        return layer == "rejects" and got[:3] == want[:3] and (got[3], want[3]) == ("empty geometry", "null geometry")

    n = assert_same_tables(params["OUTPUT"], os.path.join(ctx.tmp, "cli_scan.gpkg"),
                           ignore={("run", "input"), ("run", "encodings")}, equal=null_as_empty)
    return "{} rows equal".format(n)


def test_cancel(ctx):
    """Cancel while the engine reads a larger county: the run ends within a second and nothing
    is left under the output's name (nor a temporary file); then it runs again to the end."""
    county = os.path.join(ctx.tmp, "larger.gpkg")
    subprocess.run([ctx.engine, "generate", "--scale", "0.3", "--seed", "1", "-o", county, "-q"], check=True)
    folder = os.path.join(ctx.tmp, "cancel")
    os.mkdir(folder)
    out = os.path.join(folder, "scan.gpkg")
    feedback = Feedback(cancel_at=3)
    started = time.monotonic()
    message = None
    try:
        run_alg("panhuo:scan", {"INPUT": county, "AS_OF": "2021-12-31", "OUTPUT": out, "THREADS": 1,
                                "LOAD": False}, feedback)
    except QgsProcessingException as e:
        message = str(e)
    ended = time.monotonic()
    check(feedback.canceled_at is not None, "never cancelled (progress {})".format(feedback.progress))
    check(message is not None and "已取消" in message, "cancel message {}".format(message))
    took = ended - feedback.canceled_at
    check(took < 1.0, "the run ended {:.2f} s after Cancel".format(took))
    check(os.listdir(folder) == [], "left after cancel: {}".format(os.listdir(folder)))
    run_alg("panhuo:scan", {"INPUT": county, "AS_OF": "2021-12-31", "OUTPUT": out, "THREADS": 1,
                            "LOAD": False})
    check(os.listdir(folder) == ["scan.gpkg"], "after the rerun: {}".format(os.listdir(folder)))
    # an engine stuck where no signal reaches it (it ignores SIGTERM) is killed: still within a
    # second, and what it left beside the temporary name is removed
    stuck = os.path.join(ctx.tmp, "stuck-engine.sh")
    with open(stuck, "w") as f:
        f.write('#!/bin/sh\ntrap "" TERM\nwhile [ "$1" != "-o" ]; do shift; done\n'
                'touch "$2.partial" "$2.lock"\nprintf "reading x\\n0...10..." >&2\n'
                'while :; do sleep 0.05; done\n')
    os.chmod(stuck, 0o755)
    from processing.core.ProcessingConfig import ProcessingConfig
    setting = ProcessingConfig.settings["PANHUO_ENGINE"]
    setting.value = stuck
    stuck_feedback = Feedback(cancel_at=5)
    try:
        run_alg("panhuo:scan", {"INPUT": county, "AS_OF": "2021-12-31", "OUTPUT": out, "LOAD": False},
                stuck_feedback)
        raise Failure("the stuck engine's run did not fail")
    except QgsProcessingException:
        stuck_took = time.monotonic() - stuck_feedback.canceled_at
    finally:
        setting.value = ctx.engine
    check(stuck_took < 1.0, "the stuck engine ended {:.2f} s after Cancel".format(stuck_took))
    check(os.listdir(folder) == ["scan.gpkg"], "left by the stuck engine: {}".format(os.listdir(folder)))
    return "cancelled at {:.0f} % after {:.2f} s, ended {:.2f} s later; a stuck engine {:.2f} s later".format(
        feedback.progress[-1], feedback.canceled_at - started, took, stuck_took)


def test_errors(ctx):
    """A missing engine, a layer lacking a required field, a field map naming a wrong field."""
    from processing.core.ProcessingConfig import ProcessingConfig
    out = os.path.join(ctx.tmp, "errors", "x.gpkg")
    os.makedirs(os.path.dirname(out))
    setting = ProcessingConfig.settings["PANHUO_ENGINE"]
    setting.value = "/nonexistent/panhuo"  # as a setting saved before the engine was removed
    try:
        message, _ = expect_failure("panhuo:scan", {"INPUT": SAMPLE, "AS_OF": "2021-12-31", "OUTPUT": out})
    finally:
        setting.value = ctx.engine
    check("找不到盘活引擎" in message and "/nonexistent/panhuo" in message, message)
    # a supplies layer without agreed_start, open in the project
    bad = os.path.join(ctx.tmp, "bad_supplies.gpkg")
    subprocess.run(["ogr2ogr", "-f", "GPKG", bad, SAMPLE, "-nln", "supplies", "-sql",
                    "SELECT fid, geom, supply_id, supply_date, mode, land_use, price_wan, holder, idle_cause "
                    "FROM supplies"], check=True, stderr=subprocess.DEVNULL)
    layer = QgsVectorLayer(bad + "|layername=supplies", "供地（缺字段）", "ogr")
    QgsProject.instance().addMapLayer(layer)
    message, feedback = expect_failure("panhuo:scan", {"INPUT": SAMPLE, "LAYER_SUPPLIES": layer.id(),
                                                       "AS_OF": "2021-12-31", "OUTPUT": out})
    check("工程图层“供地（缺字段）”" in message and "supplies" in message and "agreed_start" in message,
          "bad layer: " + message)
    check(any("agreed_start" in e for e in feedback.errors), "not in the log: {}".format(feedback.errors))
    # a field map naming a field the source does not have
    field_map = os.path.join(ctx.tmp, "map.json")
    with open(field_map, "w") as f:
        f.write('{"supplies": {"fields": {"agreed_start": "YDKGSJ"}}}')
    message, _ = expect_failure("panhuo:scan", {"INPUT": SAMPLE, "FIELD_MAP": field_map, "AS_OF": "2021-12-31",
                                                "OUTPUT": out})
    check("supplies" in message and "YDKGSJ" in message and "agreed_start" in message, "field map: " + message)
    check(os.listdir(os.path.dirname(out)) == [], "left after failures: {}".format(
        os.listdir(os.path.dirname(out))))
    message, _ = expect_failure("panhuo:compare", {"INPUT": SAMPLE, "FROM": "2021-12-31", "TO": "2020-12-31",
                                                   "OUTPUT": out})
    check("截止日期早于起始日期" in message, message)


def test_postgres_source(ctx):
    """A PostgreSQL connection saved in QGIS becomes the engine's 'PG:' source with the schema."""
    from qgis.core import QgsProviderRegistry
    from panhuo.base import postgres_source
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        return "no postgres provider: skipped"
    conn = metadata.createConnection("dbname='land' host=/var/run/postgresql port=5432 user='bureau' "
                                     "password='secret'", {"saveUsername": True, "savePassword": True})
    metadata.saveConnection(conn, "县局")
    source, password = postgres_source("县局", "county")
    check(source.startswith("PG:") and "dbname='land'" in source and "user='bureau'" in source
          and source.endswith(" schemas=county") and "secret" not in source and password == "secret",
          "{} / {}".format(source, password))
    message, _ = expect_failure("panhuo:scan", {"DB_CONNECTION": "没有这个连接", "AS_OF": "2021-12-31",
                                                "OUTPUT": os.path.join(ctx.tmp, "pg.gpkg")})
    check("没有这个连接" in message, message)
    return source


def test_zip_and_qgis_process(ctx):
    """qgis/make_zip.sh's zip unpacked into a fresh QGIS profile (what Install from ZIP does),
    the plugin enabled, and its scan run by qgis_process equals the CLI's."""
    zip_path = os.path.join(ctx.tmp, "panhuo.zip")
    subprocess.run(["bash", os.path.join(ROOT, "qgis", "make_zip.sh"), zip_path], check=True,
                   stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        check("panhuo/metadata.txt" in names and "panhuo/__init__.py" in names and
              "panhuo/i18n/panhuo_zh_CN.qm" in names, "zip holds {}".format(names))
        check(not any("__pycache__" in n for n in names), "caches in the zip")
        profile = os.path.join(ctx.tmp, "profile")
        plugins = os.path.join(profile, "profiles", "default", "python", "plugins")
        os.makedirs(plugins)
        z.extractall(plugins)
    os.makedirs(os.path.join(profile, "profiles", "default", "QGIS"))
    with open(os.path.join(profile, "profiles", "default", "QGIS", "QGIS3.ini"), "w") as f:
        f.write("[PythonPlugins]\npanhuo=true\n")
    # Debian's /usr/bin/qgis_process wrapper passes an option qgis_process refuses; the binary is beside it
    exe = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    if exe is None:
        return "qgis_process not installed: zip checked only"
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=profile, PANHUO_ENGINE=ctx.engine)
    listed = subprocess.run([exe, "list"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check("panhuo:scan\t存量土地扫描" in listed.stdout.decode(), "qgis_process list: no panhuo:scan")
    out = os.path.join(ctx.tmp, "qgis_process_scan.gpkg")
    r = subprocess.run([exe, "run", "panhuo:scan", "--", "INPUT=" + SAMPLE, "AS_OF=2021-12-31", "THREADS=1",
                        "OUTPUT=" + out, "LOAD=false"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(r.returncode == 0, "qgis_process run: {}".format(r.stderr.decode(errors="replace")[-2000:]))
    return "{} rows equal".format(assert_same_tables(out, os.path.join(ctx.tmp, "cli_scan.gpkg")))


TESTS = [test_translations, test_scan_equals_cli, test_loaded_with_styles, test_timeline_equals_cli, test_review_equals_cli,
         test_compare_equals_cli, test_scenario_equals_cli, test_project_layers_equal_cli, test_cancel,
         test_errors, test_postgres_source, test_zip_and_qgis_process]


class Context:
    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default=os.environ.get("PANHUO_CLI", os.path.join(ROOT, "build", "panhuo")))
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("-k", dest="only", help="run only the tests whose name contains this")
    a = ap.parse_args()
    ctx = Context()
    ctx.engine = os.path.abspath(a.engine)
    if not os.access(ctx.engine, os.X_OK):
        print("test_provider: no engine at {}".format(ctx.engine))
        return 1
    ctx.plugin_dir = os.path.join(ROOT, "qgis", "panhuo")
    ctx.tmp = tempfile.mkdtemp(prefix="panhuo-qgis-test-")
    os.environ["PANHUO_ENGINE"] = ctx.engine
    # a profile of its own, so that nothing of the user's QGIS settings is read or changed
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False, os.path.join(ctx.tmp, "qgis-settings"))
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, os.path.join(ROOT, "qgis"))
    from processing.core.Processing import Processing
    Processing.initialize()
    from panhuo.plugin import PanhuoPlugin
    plugin = PanhuoPlugin(None)  # as QGIS loads it, without the desktop interface
    plugin.initProcessing()
    failed = 0
    started = time.monotonic()
    for test in TESTS:
        if a.only and a.only not in test.__name__:
            continue
        t0 = time.monotonic()
        try:
            note = test(ctx)
            print("PASS {} ({:.1f} s){}".format(test.__name__, time.monotonic() - t0, ": " + note if note else ""))
        except Failure as e:
            failed += 1
            print("FAIL {}: {}".format(test.__name__, e))
        except Exception:  # noqa: BLE001
            failed += 1
            print("FAIL {}:\n{}".format(test.__name__, traceback.format_exc()))
        sys.stdout.flush()
    print("{} of {} failed in {:.1f} s".format(failed, len(TESTS), time.monotonic() - started))
    plugin.unload()
    QgsProject.instance().clear()
    if not a.keep:
        shutil.rmtree(ctx.tmp, ignore_errors=True)
    else:
        print("kept", ctx.tmp)
    app.exitQgis()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
