"""The Processing algorithms, one a command of the engine: 存量土地扫描 scan, 月度通报 timeline,
变化对比 compare, 季度分析与考核 review, 情景分析 scenario. What they share is in base.py."""
from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingParameterEnum,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber)
from qgis.PyQt.QtCore import QDate

from .base import PanhuoAlgorithm, _advanced, _help
from .i18n import tr


class ScanAlgorithm(PanhuoAlgorithm):
    COMMAND = "scan"

    def displayName(self):
        return tr("Stock land scan")

    def shortHelpString(self):
        return tr(
            "Every determination at the as-of date: approved land not supplied (批而未供) and "
            "lapsed approvals, idle land (闲置土地) with its action (recover, fee, negotiate), "
            "early warnings of the coming days, the towns' yearly figures and ranking, and the "
            "per-mu efficiency classes of enterprises. The result layers open styled, in one "
            "group. Runs the panhuo engine ('panhuo scan').")

    def initAlgorithm(self, config=None):
        self.add_input_parameters()
        self.add_date_parameter("AS_OF", tr("As-of date"), QDate(QDate.currentDate().year() - 1, 12, 31),
                                tr("The date T at which every determination is made."))
        self.add_warn_days_parameter()
        self.add_layer_parameters()
        p = QgsProcessingParameterNumber(
            "MIN_UNSUPPLIED_HA", tr("Smallest unsupplied area listed, ha (--min-unsupplied-ha)"),
            type=QgsProcessingParameterNumber.Double, optional=True, minValue=0)
        self.addParameter(_advanced(_help(p, tr("Empty: 0.01 ha, or the parameter file's value."))))
        p = QgsProcessingParameterNumber(
            "START_RATIO", tr("Built ratio from which a parcel has started (--start-ratio)"),
            type=QgsProcessingParameterNumber.Double, optional=True, minValue=0, maxValue=1)
        self.addParameter(_advanced(_help(p, tr("Empty: 0.01, or the parameter file's value."))))
        p = QgsProcessingParameterNumber(
            "WINDOW_YEARS", tr("Years of the supply-rate window (--window-years)"),
            type=QgsProcessingParameterNumber.Integer, optional=True, minValue=1, maxValue=100)
        self.addParameter(_advanced(_help(p, tr("Empty: 5, or the parameter file's value."))))
        p = QgsProcessingParameterNumber(
            "EFFICIENCY_YEAR", tr("Year of the enterprise figures (--efficiency-year)"),
            type=QgsProcessingParameterNumber.Integer, optional=True, minValue=1949, maxValue=2100)
        self.addParameter(_advanced(_help(p, tr("Empty: the as-of date's year."))))
        p = QgsProcessingParameterEnum(
            "RANK_BY", tr("Rank towns by (--rank-by)"),
            options=[tr("Engine default (completion, or the parameter file's)"), tr("Completion"),
                     tr("Weighted score")], defaultValue=0)
        self.addParameter(_advanced(p))
        self.add_config_parameter()
        self.add_threads_parameter()
        self.add_lang_parameter()
        self.add_output_parameters()

    def command_arguments(self, parameters, context):
        args = ["--as-of", self._date(parameters, "AS_OF", context).toString("yyyy-MM-dd")]
        args += self.optional_number(parameters, "WARN_DAYS", "--warn-days", context)
        args += self.optional_number(parameters, "MIN_UNSUPPLIED_HA", "--min-unsupplied-ha", context, False)
        args += self.optional_number(parameters, "START_RATIO", "--start-ratio", context, False)
        args += self.optional_number(parameters, "WINDOW_YEARS", "--window-years", context)
        args += self.optional_number(parameters, "EFFICIENCY_YEAR", "--efficiency-year", context)
        rank = self.parameterAsEnum(parameters, "RANK_BY", context)
        if rank:
            args += ["--rank-by", "completion" if rank == 1 else "score"]
        args += self.config_arguments(parameters, context)
        threads = self.parameterAsInt(parameters, "THREADS", context)
        if threads:
            args += ["--threads", str(threads)]
        return args + self.lang_arguments(parameters, context)

    def group_title(self, parameters, context):
        return "{} {}".format(self.displayName(), self._date(parameters, "AS_OF", context).toString("yyyy-MM-dd"))


class TimelineAlgorithm(PanhuoAlgorithm):
    COMMAND = "timeline"

    def displayName(self):
        return tr("Monthly bulletin")

    def shortHelpString(self):
        return tr(
            "The monthly bulletin: for every month end from the first month to the last and every "
            "town, unsupplied and idle hectares, hectares revitalized so far in the year, "
            "completion of the year's target, and the early warnings after the month end. Only "
            "the month of each date counts. Runs 'panhuo timeline'.")

    def initAlgorithm(self, config=None):
        self.add_input_parameters()
        year = QDate.currentDate().year() - 1
        self.add_date_parameter("FROM", tr("First month"), QDate(year, 1, 1),
                                tr("Any day of the first month of the bulletin."))
        self.add_date_parameter("TO", tr("Last month"), QDate(year, 12, 1),
                                tr("Any day of the last month of the bulletin."))
        self.add_warn_days_parameter()
        self.add_layer_parameters()
        self.add_config_parameter()
        self.add_lang_parameter()
        self.add_output_parameters()

    def command_arguments(self, parameters, context):
        first = self._date(parameters, "FROM", context)
        last = self._date(parameters, "TO", context)
        if (last.year(), last.month()) < (first.year(), first.month()):
            raise QgsProcessingException(tr("The last month is before the first"))
        args = ["--from", first.toString("yyyy-MM"), "--to", last.toString("yyyy-MM")]
        args += self.optional_number(parameters, "WARN_DAYS", "--warn-days", context)
        return args + self.config_arguments(parameters, context) + self.lang_arguments(parameters, context)

    def group_title(self, parameters, context):
        return "{} {}–{}".format(self.displayName(), self._date(parameters, "FROM", context).toString("yyyy-MM"),
                                 self._date(parameters, "TO", context).toString("yyyy-MM"))


class CompareAlgorithm(PanhuoAlgorithm):
    COMMAND = "compare"

    def displayName(self):
        return tr("Change between two dates")

    def shortHelpString(self):
        return tr(
            "What changed between two dates: approvals newly supplied (and by how much), idle "
            "land resolved, land newly idle, approvals newly lapsed. Runs 'panhuo compare'.")

    def initAlgorithm(self, config=None):
        self.add_input_parameters()
        year = QDate.currentDate().year() - 1
        self.add_date_parameter("FROM", tr("First date"), QDate(year - 1, 12, 31), tr("The earlier date."))
        self.add_date_parameter("TO", tr("Second date"), QDate(year, 12, 31), tr("The later date, not before the first."))
        self.add_layer_parameters()
        self.add_config_parameter()
        self.add_lang_parameter()
        self.add_output_parameters(report=False)

    def command_arguments(self, parameters, context):
        first = self._date(parameters, "FROM", context)
        last = self._date(parameters, "TO", context)
        if last < first:
            raise QgsProcessingException(tr("The second date is before the first"))
        args = ["--from", first.toString("yyyy-MM-dd"), "--to", last.toString("yyyy-MM-dd")]
        return args + self.config_arguments(parameters, context) + self.lang_arguments(parameters, context)

    def group_title(self, parameters, context):
        return "{} {}–{}".format(self.displayName(), self._date(parameters, "FROM", context).toString("yyyy-MM-dd"),
                                 self._date(parameters, "TO", context).toString("yyyy-MM-dd"))


class ScenarioAlgorithm(PanhuoAlgorithm):
    COMMAND = "scenario"

    def displayName(self):
        return tr("Scenario analysis")

    def shortHelpString(self):
        return tr(
            "Planners' scenarios side by side: the village plots each scenario reclaims, the "
            "linkage quota and balance of every town, the development along the Yangtze before "
            "and after clearing riverside parcels. A scenario is a TOML file (see "
            "datasets/scenarios/README.md). Runs 'panhuo scenario'.")

    def initAlgorithm(self, config=None):
        self.add_input_parameters()
        p = QgsProcessingParameterMultipleLayers(
            "SCENARIOS", tr("Scenario files (TOML)"), layerType=QgsProcessing.TypeFile)
        self.addParameter(_help(p, tr("One or more scenario files; each gives its own result layers.")))
        self.add_date_parameter("AS_OF", tr("As-of date"), QDate(QDate.currentDate().year() - 1, 12, 31),
                                tr("The date at which the county is scanned."))
        self.add_layer_parameters()
        self.add_config_parameter()
        self.add_threads_parameter()
        self.add_lang_parameter()
        self.add_output_parameters()

    def command_arguments(self, parameters, context):
        files = self.parameterAsFileList(parameters, "SCENARIOS", context)
        files = [f for f in (files or []) if isinstance(f, str) and f]
        if not files:
            raise QgsProcessingException(tr("No scenario file given"))
        args = []
        for f in files:
            args += ["--scenario", f]
        args += ["--as-of", self._date(parameters, "AS_OF", context).toString("yyyy-MM-dd")]
        args += self.config_arguments(parameters, context)
        threads = self.parameterAsInt(parameters, "THREADS", context)
        if threads:
            args += ["--threads", str(threads)]
        return args + self.lang_arguments(parameters, context)

    def group_title(self, parameters, context):
        return "{} {}".format(self.displayName(), self._date(parameters, "AS_OF", context).toString("yyyy-MM-dd"))


class ReviewAlgorithm(PanhuoAlgorithm):
    COMMAND = "review"
    # the periods in the order of the choice list, as the engine's --period takes them
    PERIODS = ["Q1", "Q2", "Q3", "Q4", "H1", "H2", ""]

    def displayName(self):
        return tr("Quarterly, half-year and annual review")

    def shortHelpString(self):
        return tr(
            "The review of a calendar quarter, half or year (季度分析、半年小结、全年考核): the scan at "
            "the period's last day, what changed over it, each town's pace against its target and "
            "the towns behind it, the work plans due or overdue, and the hard plots (the longest "
            "listed, the largest, those with an overdue plan), with a summary paragraph in the "
            "style of a bulletin. Runs 'panhuo review'.")

    def initAlgorithm(self, config=None):
        self.add_input_parameters()
        p = QgsProcessingParameterNumber("YEAR", tr("Year"), type=QgsProcessingParameterNumber.Integer,
                                         defaultValue=QDate.currentDate().year() - 1, minValue=1900, maxValue=2100)
        self.addParameter(p)
        p = QgsProcessingParameterEnum(
            "PERIOD", tr("Period"),
            options=[tr("First quarter"), tr("Second quarter"), tr("Third quarter"), tr("Fourth quarter"),
                     tr("First half"), tr("Second half"), tr("Whole year")], defaultValue=6)
        self.addParameter(p)
        p = QgsProcessingParameterNumber(
            "HARD_N", tr("Hard plots: how many of the longest listed and of the largest (--hard-n)"),
            type=QgsProcessingParameterNumber.Integer, defaultValue=10, minValue=0)
        self.addParameter(_advanced(p))
        self.add_layer_parameters()
        self.add_config_parameter()
        self.add_threads_parameter()
        self.add_lang_parameter()
        self.add_output_parameters()

    def _period(self, parameters, context):
        year = self.parameterAsInt(parameters, "YEAR", context)
        part = self.PERIODS[self.parameterAsEnum(parameters, "PERIOD", context)]
        return "{}-{}".format(year, part) if part else str(year)

    def command_arguments(self, parameters, context):
        args = ["--period", self._period(parameters, context)]
        args += ["--hard-n", str(self.parameterAsInt(parameters, "HARD_N", context))]
        args += self.config_arguments(parameters, context)
        threads = self.parameterAsInt(parameters, "THREADS", context)
        if threads:
            args += ["--threads", str(threads)]
        return args + self.lang_arguments(parameters, context)

    def group_title(self, parameters, context):
        return "{} {}".format(self.displayName(), self._period(parameters, context))


ALGORITHMS = [ScanAlgorithm, TimelineAlgorithm, CompareAlgorithm, ReviewAlgorithm, ScenarioAlgorithm]
