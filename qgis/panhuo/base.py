"""What the Processing algorithms share (algorithms.py has one a command of the engine).

Each algorithm builds the engine's command line from its parameters, runs it (engine.run), and on
success moves the outputs from their temporary names to the names the user chose; on cancel or failure
it removes them, so that nothing ever appears under a chosen name that is not complete. The
result layers are loaded in postProcessAlgorithm, on QGIS's main thread (loading.py).
"""
import glob
import itertools
import os
import re
import shutil
import tempfile
import time

from qgis.core import (QgsProcessing, QgsProcessingAlgorithm, QgsProcessingException,
                       QgsProcessingParameterBoolean,
                       QgsProcessingParameterCrs, QgsProcessingParameterDatabaseSchema,
                       QgsProcessingParameterDateTime, QgsProcessingParameterDefinition,
                       QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterProviderConnection, QgsProcessingParameterString,
                       QgsProcessingParameterVectorLayer, QgsProviderRegistry, QgsVectorFileWriter)
from qgis.PyQt.QtCore import QDateTime, QTime

from . import engine
from .i18n import tr

ENGINE_SETTING = "PANHUO_ENGINE"

# The contract's input layers, in the engine's order: name, geometry types a layer may have
CONTRACT_LAYERS = [
    ("towns", [QgsProcessing.TypeVectorPolygon]),
    ("approvals", [QgsProcessing.TypeVectorPolygon]),
    ("supplies", [QgsProcessing.TypeVectorPolygon]),
    ("construction", [QgsProcessing.TypeVectorPolygon]),
    ("enterprises", [QgsProcessing.TypeVector]),
    ("rural_plots", [QgsProcessing.TypeVectorPolygon]),
    ("river", [QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon]),
    ("targets", [QgsProcessing.TypeVector]),
    # v3
    ("reserves", [QgsProcessing.TypeVectorPolygon]),
    ("constraints", [QgsProcessing.TypeVectorPolygon]),
    ("holder_groups", [QgsProcessing.TypeVector]),
    ("plans", [QgsProcessing.TypeVector]),
]

_serial = itertools.count(1)


def _layer_titles():
    return {
        "towns": tr("towns: towns, sub-districts and development zones"),
        "approvals": tr("approvals: approved conversions and expropriations"),
        "supplies": tr("supplies: land supplied by grant or allocation"),
        "construction": tr("construction: built-up footprints"),
        "enterprises": tr("enterprises: yearly enterprise figures (table)"),
        "rural_plots": tr("rural_plots: rural construction land"),
        "river": tr("river: the Yangtze mainline"),
        "targets": tr("targets: yearly revitalization targets (table)"),
        # v3
        "reserves": tr("reserves: land in the government land reserve"),
        "constraints": tr("constraints: land where the plan permits no supply"),
        "holder_groups": tr("holder_groups: the enterprise group of each land holder (table)"),
        "plans": tr("plans: work plans of the listed plots (table)"),
    }


def engine_path():
    from processing.core.ProcessingConfig import ProcessingConfig
    return ProcessingConfig.getSetting(ENGINE_SETTING) or ""


def _advanced(param):
    param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return param


def _help(param, text):
    param.setHelp(text)
    return param


class PanhuoAlgorithm(QgsProcessingAlgorithm):
    """What every command shares: the county's inputs, the engine run, the outputs."""

    COMMAND = ""
    LAYER_ORDER_TITLE = ""

    def __init__(self):
        super().__init__()
        self._load = False
        self._loaded_from = None
        self._group_title = ""

    # -- identity --
    def name(self):
        return self.COMMAND

    def group(self):
        return ""

    def groupId(self):
        return ""

    def helpUrl(self):
        return ""

    def createInstance(self):
        return type(self)()

    # -- parameters shared by every command --
    def add_input_parameters(self):
        """Where the county's data is: a file, a database, or any GDAL source text."""
        p = QgsProcessingParameterFile(
            "INPUT", tr("County data (GeoPackage or another GDAL file)"),
            behavior=QgsProcessingParameterFile.File, optional=True,
            fileFilter=tr("GeoPackage (*.gpkg);;All files (*)"))
        self.addParameter(_help(p, tr(
            "One file holding the county's layers (towns, approvals, supplies, construction and, "
            "if there are any, enterprises, rural_plots, river, targets). Leave it empty when the "
            "data comes from a database or from the project's layers below.")))
        p = QgsProcessingParameterProviderConnection(
            "DB_CONNECTION", tr("Or: PostGIS database connection"), "postgres", optional=True)
        self.addParameter(_help(p, tr(
            "A PostgreSQL/PostGIS connection saved in QGIS (Browser panel); the layers are read "
            "from the schema below.")))
        p = QgsProcessingParameterDatabaseSchema(
            "DB_SCHEMA", tr("Database schema"), "DB_CONNECTION", optional=True)
        self.addParameter(_help(p, tr("The schema holding the county's tables or views.")))
        p = QgsProcessingParameterString(
            "SOURCE", tr("Or: data source text (folder, connection string)"), optional=True)
        self.addParameter(_advanced(_help(p, tr(
            "Any source GDAL can open, as the engine takes it: a folder of Shapefiles, a FileGDB, "
            "'PG:dbname=land schemas=county' ..."))))
    def add_layer_parameters(self):
        """The project layers that may stand for contract layers, and how the data is named."""
        titles = _layer_titles()
        for name, types in CONTRACT_LAYERS:
            p = QgsProcessingParameterVectorLayer(
                "LAYER_" + name.upper(), tr("Project layer as {}").format(titles[name]),
                types=types, optional=True)
            self.addParameter(_help(p, tr(
                "Take this contract layer from a layer open in QGIS instead of the data above "
                "(the whole layer is used). Its field names must be the contract's, or the "
                "Chinese ones with the Chinese names option.")))
        p = QgsProcessingParameterBoolean(
            "SCHEMA_ZH", tr("Chinese layer and field names, code values and units (--schema zh)"),
            defaultValue=False)
        self.addParameter(_help(p, tr(
            "Read bureau data as it comes: layers such as 供地 and 报批地块, fields such as "
            "电子监管号 and 约定开工时间, values such as 企业原因 and 工业用地, money in 元 or 万元.")))
        p = QgsProcessingParameterFile(
            "FIELD_MAP", tr("Field map (JSON, --field-map)"), behavior=QgsProcessingParameterFile.File,
            extension="json", optional=True)
        self.addParameter(_advanced(_help(p, tr(
            "The bureau's own layer and field names, e.g. "
            "{\"supplies\": {\"layer\": \"GDXX\", \"fields\": {\"supply_id\": \"DKBH\"}}}"))))
        p = QgsProcessingParameterString(
            "ENCODING", tr("Text encoding of Shapefiles (--encoding)"), optional=True)
        self.addParameter(_advanced(_help(p, tr(
            "E.g. CP936. Empty: the .cpg file, else the DBF's language byte, else UTF-8 or GB18030."))))
        p = QgsProcessingParameterCrs("CRS", tr("CRS of layers that carry none (--crs)"), optional=True)
        self.addParameter(_advanced(p))
        p = QgsProcessingParameterBoolean(
            "ACCEPT_REJECTS", tr("Go on when a required layer loses more than half of its features "
                                 "(--accept-rejects)"), defaultValue=False)
        self.addParameter(_advanced(p))

    def add_config_parameter(self):
        p = QgsProcessingParameterFile(
            "CONFIG", tr("Parameter file (TOML, --config)"), behavior=QgsProcessingParameterFile.File,
            extension="toml", optional=True)
        self.addParameter(_advanced(_help(p, tr(
            "Every threshold of the rules (lapse years, idle years, fee rate, weights ...), "
            "keys as in the README."))))

    def add_date_parameter(self, name, description, default, help_text):
        p = QgsProcessingParameterDateTime(
            name, description, type=QgsProcessingParameterDateTime.Date,
            defaultValue=QDateTime(default, QTime(0, 0)))
        self.addParameter(_help(p, help_text))

    def add_warn_days_parameter(self):
        p = QgsProcessingParameterNumber(
            "WARN_DAYS", tr("Early-warning horizon, days (--warn-days)"),
            type=QgsProcessingParameterNumber.Integer, optional=True, minValue=0, maxValue=36600)
        self.addParameter(_help(p, tr(
            "List what lapses, goes idle or falls due for recovery in the next N days. "
            "Empty: 90, or the parameter file's value.")))

    def add_threads_parameter(self):
        p = QgsProcessingParameterNumber(
            "THREADS", tr("Worker threads (--threads, 0 = all cores)"),
            type=QgsProcessingParameterNumber.Integer, defaultValue=0, minValue=0, maxValue=1024)
        self.addParameter(_advanced(p))

    def add_lang_parameter(self):
        p = QgsProcessingParameterEnum(
            "LANG", tr("Language of basis lines, ledger and report (--lang)"),
            options=[tr("Chinese"), tr("English")], defaultValue=0)
        self.addParameter(_advanced(p))

    def add_output_parameters(self, ledger=True, report=True):
        p = QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Result (GeoPackage)"), fileFilter=tr("GeoPackage (*.gpkg)"))
        self.addParameter(_help(p, tr(
            "Written complete or not at all: the engine writes under a temporary name and the "
            "file appears under this name only when the run has succeeded. An existing file is "
            "replaced.")))
        if ledger:
            p = QgsProcessingParameterFileDestination(
                "XLSX", tr("Ledger (Excel, --xlsx)"), fileFilter=tr("Excel (*.xlsx)"),
                optional=True, createByDefault=False)
            self.addParameter(_help(p, tr("One sheet per list, Chinese headers, no geometry.")))
        if report:
            p = QgsProcessingParameterFileDestination(
                "REPORT", tr("Report (HTML, --report)"), fileFilter=tr("HTML (*.html)"),
                optional=True, createByDefault=False)
            self.addParameter(_help(p, tr("One self-contained page to open in a browser or print.")))
        p = QgsProcessingParameterBoolean(
            "LOAD", tr("Open the result layers, styled, when done"), defaultValue=True)
        self.addParameter(p)

    # -- reading the parameters into the engine's arguments --
    def _date(self, parameters, name, context):
        value = self.parameterAsDateTime(parameters, name, context)
        if not value.isValid():
            raise QgsProcessingException(tr("'{}' is not a date").format(self.parameterDefinition(name).description()))
        return value.date()

    def input_arguments(self, parameters, context, feedback, workdir):
        """The engine's INPUT and input options; exports the project layers chosen."""
        args = []
        layer_args = []
        self._layer_names = {}
        self._env = None
        for name, _types in CONTRACT_LAYERS:
            key = "LAYER_" + name.upper()
            if parameters.get(key) in (None, ""):
                continue
            layer = self.parameterAsVectorLayer(parameters, key, context)
            if layer is None:
                raise QgsProcessingException(tr("Layer for '{}' could not be opened").format(name))
            path = os.path.join(workdir, name + ".gpkg")
            feedback.pushInfo(tr("Exporting layer '{}' as {}").format(layer.name(), name))
            options = QgsVectorFileWriter.SaveVectorOptions()
            options.driverName = "GPKG"
            options.layerName = name
            options.fileEncoding = "UTF-8"
            result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, context.transformContext(), options)
            if result[0] != QgsVectorFileWriter.NoError:
                raise QgsProcessingException(
                    tr("Layer '{}' could not be exported for the engine: {}").format(layer.name(), result[1]))
            layer_args.append((name, path))
            self._layer_names[path] = layer.name()
        source = self.parameterAsFile(parameters, "INPUT", context)
        if not source:
            connection = self.parameterAsConnectionName(parameters, "DB_CONNECTION", context)
            if connection:
                source, password = postgres_source(
                    connection, self.parameterAsSchema(parameters, "DB_SCHEMA", context))
                if password:  # to libpq through the environment, never on a command line
                    self._env = dict(os.environ, PGPASSWORD=password)
        if not source:
            source = self.parameterAsString(parameters, "SOURCE", context).strip()
        if not source:
            if not layer_args:
                raise QgsProcessingException(tr(
                    "No county data: choose a file, a database connection or the project's layers"))
            source = layer_args[0][1]
        args.append(source)
        for name, path in layer_args:
            args += ["--layer", "{}={}".format(name, path)]
        if self.parameterAsBool(parameters, "SCHEMA_ZH", context):
            args += ["--schema", "zh"]
        field_map = self.parameterAsFile(parameters, "FIELD_MAP", context)
        if field_map:
            args += ["--field-map", field_map]
        encoding = self.parameterAsString(parameters, "ENCODING", context).strip()
        if encoding:
            args += ["--encoding", encoding]
        crs = self.parameterAsCrs(parameters, "CRS", context)
        if parameters.get("CRS") not in (None, "") and crs.isValid():
            args += ["--crs", crs.authid() or crs.toWkt()]
        if self.parameterAsBool(parameters, "ACCEPT_REJECTS", context):
            args.append("--accept-rejects")
        return args

    def optional_number(self, parameters, name, flag, context, integer=True):
        if name not in parameters or parameters[name] in (None, ""):
            return []
        value = (self.parameterAsInt if integer else self.parameterAsDouble)(parameters, name, context)
        return [flag, str(value)]

    def config_arguments(self, parameters, context):
        config = self.parameterAsFile(parameters, "CONFIG", context)
        return ["--config", config] if config else []

    def lang_arguments(self, parameters, context):
        return ["--lang", "en"] if self.parameterAsEnum(parameters, "LANG", context) == 1 else []

    def command_arguments(self, parameters, context):
        """The command's own arguments (dates, options); outputs are added by the caller."""
        raise NotImplementedError

    def group_title(self, parameters, context):
        return self.displayName()

    # -- running --
    def processAlgorithm(self, parameters, context, feedback):
        try:
            return self._process(parameters, context, feedback)
        except QgsProcessingException:
            raise
        except Exception as e:  # a message in the log, never a traceback
            raise QgsProcessingException(tr("The run failed: {}").format(e))

    def _process(self, parameters, context, feedback):
        configured = engine_path()
        exe = engine.find_engine(configured)
        if exe is None:
            raise QgsProcessingException(tr(
                "The panhuo engine was not found ('{}'): set its path under Settings → Options → "
                "Processing → Providers → {}, or put panhuo on the PATH").format(
                    configured or "panhuo", tr("panhuo stock land")))
        outputs = {}
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not output:
            raise QgsProcessingException(tr("No result file given"))
        if not output.lower().endswith(".gpkg"):
            output += ".gpkg"
        outputs["OUTPUT"] = output
        for key in ("XLSX", "REPORT"):
            if self.parameterDefinition(key) is not None and parameters.get(key) not in (None, ""):
                path = self.parameterAsFileOutput(parameters, key, context)
                if path:
                    outputs[key] = path
        workdir = tempfile.mkdtemp(prefix="panhuo-qgis-")
        temps = {}
        try:
            args = [exe, self.COMMAND] + self.input_arguments(parameters, context, feedback, workdir)
            args += self.command_arguments(parameters, context)
            tag = "{}-{}".format(os.getpid(), next(_serial))
            for key, path in outputs.items():
                folder, base = os.path.split(os.path.abspath(path))
                if not os.path.isdir(folder):
                    os.makedirs(folder, exist_ok=True)
                stem, ext = os.path.splitext(base)
                temps[key] = os.path.join(folder, ".{}.panhuo-{}{}".format(stem, tag, ext))
            args += ["-o", temps["OUTPUT"]]
            if "XLSX" in temps:
                args += ["--xlsx", temps["XLSX"]]
            if "REPORT" in temps:
                args += ["--report", temps["REPORT"]]
            feedback.pushCommandInfo(" ".join(_quote(a) for a in args))
            started = time.monotonic()
            outcome = engine.run(args, self.COMMAND, feedback, env=self._env,
                                 replacements={temps[k]: outputs[k] for k in temps}, phase_text=phase_text)
            if outcome.canceled:
                _remove_all(temps.values())
                raise QgsProcessingException(tr("Cancelled: nothing was written"))
            if outcome.code not in (0, 3):
                _remove_all(temps.values())
                raise QgsProcessingException(self._failure(outcome))
            if outcome.stdout.strip():
                feedback.pushConsoleInfo(outcome.stdout.rstrip())
            if outcome.code == 3:
                feedback.pushWarning(tr(
                    "Some determinations could not be made: see the layer 'undetermined'"))
            for key, temp in temps.items():
                if not os.path.exists(temp):
                    _remove_all(temps.values())
                    raise QgsProcessingException(tr("The engine ended without writing '{}'").format(outputs[key]))
            for key, temp in temps.items():
                os.replace(temp, outputs[key])
            feedback.setProgress(100)
            feedback.pushInfo(tr("Done in {:.1f} s: {}").format(time.monotonic() - started, output))
        finally:
            _remove_all(temps.values())
            shutil.rmtree(workdir, ignore_errors=True)
        self._load = self.parameterAsBool(parameters, "LOAD", context)
        self._loaded_from = output
        self._group_title = self.group_title(parameters, context)
        return dict(outputs)

    def _failure(self, outcome):
        if outcome.errors:
            text = "\n".join(outcome.errors)
        elif outcome.code is not None and outcome.code < 0:
            text = tr("the engine was ended by signal {}").format(-outcome.code)
        elif outcome.code in (130, 143):
            text = tr("the engine was interrupted")
        else:
            text = tr("the engine failed (exit status {})").format(outcome.code)
        for path, name in getattr(self, "_layer_names", {}).items():
            text = text.replace("'{}'".format(path), tr("project layer '{}'").format(name))
            text = text.replace(path, tr("project layer '{}'").format(name))
        return text

    def postProcessAlgorithm(self, context, feedback):
        if self._load and self._loaded_from and os.path.exists(self._loaded_from):
            from .loading import load_result
            project = context.project()
            if project is None:
                from qgis.core import QgsProject
                project = QgsProject.instance()
            load_result(self._loaded_from, self.COMMAND, self._group_title, project, feedback)
        return {}


def postgres_source(connection, schema):
    """('PG:<the connection's conninfo> schemas=<schema>', password or '') for a connection
    saved in QGIS; the password (also one from QGIS's authentication database) is left out of
    the text, for the environment."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    conn = metadata.findConnection(connection) if metadata else None
    if conn is None:
        raise QgsProcessingException(tr("No PostgreSQL connection named '{}'").format(connection))
    from qgis.core import QgsDataSourceUri
    uri = QgsDataSourceUri(conn.uri())
    full = QgsDataSourceUri(uri.connectionInfo(True))  # authcfg expanded into user and password
    password = full.password()
    full.setPassword("")
    text = full.connectionInfo(False)
    if schema:
        text += " schemas={}".format(schema)
    return "PG:" + text, password


def phase_text(text):
    """The engine's phase lines in the user's language; any other line as it is."""
    m = re.match(r"^(reading|writing|scanning|evaluating) ?(.*)$", text)
    if not m:
        return text
    verb, rest = m.groups()
    if verb == "reading":
        return tr("Reading {}").format(rest)
    if verb == "writing":
        return tr("Writing {}").format(rest)
    if verb == "scanning":
        return tr("Scanning")
    n = re.match(r"^(\d+) scenarios?$", rest)
    return tr("Evaluating {} scenarios").format(n.group(1)) if n else text


def _quote(arg):
    return arg if arg and all(c not in arg for c in " '\"\\$`") else "'" + arg.replace("'", "'\\''") + "'"


def _remove_all(paths):
    """Removes each temporary output and whatever the engine kept beside it under a name that
    starts with it (its .partial file and SQLite journal, its .lock): the temporary names are
    this run's own, so nothing else starts with them."""
    for path in paths:
        for found in glob.glob(glob.escape(path) + "*"):
            try:
                if os.path.isdir(found) and not os.path.islink(found):
                    shutil.rmtree(found, ignore_errors=True)
                else:
                    os.remove(found)
            except OSError:
                pass
