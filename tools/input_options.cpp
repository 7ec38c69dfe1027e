#include "input_options.hpp"
#include "panhuo/sinks/postgis.hpp"

#include "panhuo/app/scan_run.hpp"
#include "panhuo/sinks/output_lock.hpp"
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>
#include <cstring>
#include <thread>

#include <cstdio>

namespace panhuo::cli {

namespace {

// Why `spec` is not a valid --layer NAME=SOURCE, or "".
std::string LayerSpecError(const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) return "expected NAME=SOURCE, got '" + spec + "'";
  const auto& names = ContractLayerNames();
  if (std::find(names.begin(), names.end(), spec.substr(0, eq)) == names.end())
    return "unknown layer '" + spec.substr(0, eq) + "' in '" + spec + "'";
  return {};
}

}  // namespace

void AddInputOptions(CLI::App* cmd, InputOptions& o) {
  cmd->add_option("INPUT", o.input,
                  "GDAL vector source holding the contract's layers (GeoPackage, folder of "
                  "Shapefiles, FileGDB, 'PG:dbname=...', ...)")
      ->required();
  cmd->add_option("--layer", o.layer_sources,
                  "take one layer from a source of its own: NAME=SOURCE (repeatable), e.g. "
                  "--layer supplies=gd.shp")
      ->check(CLI::Validator([](std::string& spec) { return LayerSpecError(spec); }, "NAME=SOURCE"));
  cmd->add_option("--field-map", o.field_map,
                  "JSON file mapping the contract's layer and field names to the source's")
      ->check(CLI::ExistingFile & CLI::Validator(
                                       [](std::string& path) -> std::string {
                                         std::ifstream in(path);
                                         const auto json = nlohmann::json::parse(in, nullptr, false);
                                         if (json.is_object()) return {};
                                         return "'" + path + "' is not a JSON object of layers " +
                                                "(e.g. {\"supplies\": {\"layer\": \"GDXX\"}})";
                                       },
                                       "JSON"));
  cmd->add_option("--schema", o.schema,
                  "built-in layer and field names besides the contract's: zh (the Chinese names, code values "
                  "and units of bureau data); a --field-map given as well takes precedence")
      ->check(CLI::IsMember({"zh"}));
  cmd->add_option("--encoding", o.encoding,
                  "text encoding of Shapefile sources, e.g. CP936 or UTF-8 (default: the .cpg, else the DBF's "
                  "language driver byte, else UTF-8 when the text is valid UTF-8, else GB18030)");
  cmd->add_option("--crs", o.crs, "CRS to assume for layers that carry none, e.g. EPSG:4549")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            OGRSpatialReference srs;
            if (srs.SetFromUserInput(text.c_str()) == OGRERR_NONE) return {};
            return "'" + text + "' is not a CRS GDAL knows (e.g. EPSG:4549)";
          },
          "CRS"));
  cmd->add_option("--where", o.where,
                  "read only the features of a layer that pass an attribute filter: LAYER:SQL (repeatable), e.g. "
                  "--where \"towns:town_code LIKE '320281%'\"; pushed down to a database source")
      ->check(CLI::Validator([](std::string& spec) { return WhereSpecError(spec); }, "LAYER:SQL"));
  cmd->add_flag("--gdal-read", o.gdal_read,
                "read a GeoPackage through GDAL's Arrow stream, with a second query for the raw values, instead of "
                "SQLite in one pass: the same result, slower");
  cmd->add_flag("--accept-rejects", o.accept_rejects,
                "go on when a required layer lost more than half of its features to rejects (else exit 1)");
}

std::string WhereSpecError(const std::string& spec) {
  const auto colon = spec.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size())
    return "expected LAYER:SQL, got '" + spec + "'";
  const auto& names = ContractLayerNames();
  if (std::find(names.begin(), names.end(), spec.substr(0, colon)) == names.end())
    return "unknown layer '" + spec.substr(0, colon) + "' in '" + spec + "'";
  return {};
}

ReadOptions ToReadOptions(const InputOptions& o) {
  ReadOptions r;
  r.source = o.input;
  r.field_map_path = o.field_map;
  r.assume_crs = o.crs;
  r.accept_rejects = o.accept_rejects;
  r.schema = o.schema;
  r.encoding = o.encoding;
  r.sqlite = !o.gdal_read;
  for (const auto& spec : o.layer_sources) {
    if (std::string error = LayerSpecError(spec); !error.empty()) throw CLI::ValidationError("--layer", error);
    const auto eq = spec.find('=');
    r.layer_sources[spec.substr(0, eq)] = spec.substr(eq + 1);
  }
  for (const auto& spec : o.where) {
    if (std::string error = WhereSpecError(spec); !error.empty()) throw CLI::ValidationError("--where", error);
    const auto colon = spec.find(':');
    r.layer_filters[spec.substr(0, colon)] = spec.substr(colon + 1);
  }
  return r;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

Result<ScanParams> ScanParamsFrom(const std::string& config, const std::string& as_of) {
  ScanParams params;
  if (!config.empty())
    if (Status s = params.LoadToml(config); !s.ok()) return s;
  const auto date = ParseDate(as_of);
  if (!date) return Status::Error("--as-of '" + as_of + "' is not a date");
  params.as_of = *date;
  return params;
}

namespace {

// Hands the pages the read freed (its raw layers) back to the system when the allocator is
// jemalloc (tools/CMakeLists.txt): it would keep them for seconds, and the index built next
// would then add to them instead of reusing them. No-op with any other allocator.
void ReleaseFreedMemory() {
  using Mallctl = int (*)(const char*, void*, size_t*, void*, size_t);
  static const auto mallctl = reinterpret_cast<Mallctl>(dlsym(RTLD_DEFAULT, "mallctl"));
  if (mallctl) mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);  // 4096: every arena
}

}  // namespace

std::unique_ptr<County> LoadCounty(const InputOptions& o, bool progress, const char* command,
                                   double* read_seconds, double* index_seconds, bool defer_source_checks) {
  ReadOptions ro;
  try {
    ro = ToReadOptions(o);
  } catch (const CLI::ValidationError& e) {
    PrintError(command, e.what());
    return nullptr;
  }
  if (progress) std::fprintf(stderr, "reading %s\n", MaskPassword(o.input).c_str());
  ro.progress = progress ? TermProgress : QuietProgress;
  ro.defer_source_checks = defer_source_checks;
  app::LoadTimes times;
  auto county = app::LoadCounty(ro, o.crs, &times, ReleaseFreedMemory);
  if (!county.ok()) {
    PrintError(command, county.status().message());
    return nullptr;
  }
  if (read_seconds) *read_seconds = times.read;
  if (index_seconds) *index_seconds = times.index;
  return std::move(*county);
}

namespace {

bool TakeMonth(const std::string& t, int& year, int& month) {
  auto digits = [&](size_t pos, size_t n, int& out) {
    if (pos + n > t.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, year)) return false;
  bool ok = false;
  const std::string nian = "年", yue = "月";
  if (t.size() == 6 && t[4] == '/') ok = digits(5, 1, month);  // 2021/1
  else if (t.size() == 6) ok = digits(4, 2, month);             // 202101
  else if (t.size() == 7 && (t[4] == '-' || t[4] == '/' || t[4] == '.')) ok = digits(5, 2, month);
  else if (t.compare(4, nian.size(), nian) == 0 && t.size() > 4 + nian.size() + yue.size() &&
           t.compare(t.size() - yue.size(), yue.size(), yue) == 0) {  // 2021年1月
    const size_t pos = 4 + nian.size(), n = t.size() - yue.size() - pos;
    ok = (n == 1 || n == 2) && digits(pos, n, month);
  }
  return ok && month >= 1 && month <= 12;
}

}  // namespace

bool ParseMonth(const std::string& text, int& year, int& month, std::string& error) {
  if (TakeMonth(text, year, month)) return true;
  if (auto d = ParseDate(text)) {
    int day;
    d->ToYmd(year, month, day);
    char want[16];
    std::snprintf(want, sizeof want, "%04d-%02d", year, month);
    error = "'" + text + "' is a date, not a month: a timeline runs from month end to month end; write " + want;
  } else {
    error = "'" + text + "' is not a month (YYYY-MM, e.g. 2021-01)";
  }
  return false;
}

CLI::Validator DateArgument() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (ParseDate(text)) return {};
        return "'" + text + "' is not a date (2021-12-31, 2021/12/31, 20211231, 2021.12.31 or 2021年12月31日; "
                            "the day must exist)";
      },
      "DATE");
}

CLI::Validator MonthArgument() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        int y, m;
        std::string error;
        return ParseMonth(text, y, m, error) ? std::string() : error;
      },
      "YYYY-MM");
}

CLI::Validator NonNegativeWholeNumber(const std::string& meaning_of_zero) {
  return CLI::Validator(
      [meaning_of_zero](std::string& text) -> std::string {
        bool ok = !text.empty() && text.size() <= 20;
        for (char c : text) ok = ok && c >= '0' && c <= '9';
        if (ok && text.size() == 20) ok = text <= "18446744073709551615";
        if (ok) return {};
        return "'" + text + "' is not a whole number from 0 up" +
               (meaning_of_zero.empty() ? std::string() : " (" + meaning_of_zero + ")");
      },
      "N>=0");
}

void AddThreadsOption(CLI::App* cmd, int& threads) {
  cmd->add_option("--threads", threads, "worker threads; 0 (the default) = all cores")
      ->check(NonNegativeWholeNumber("0 = all cores"));
}

void AddReportOptions(CLI::App* cmd, std::string& report, std::string& tiles) {
  CLI::Option* r = cmd->add_option("--report", report,
                                   "also write the HTML report (REPORT.html): maps, ranking, one page per town, "
                                   "charts; one self-contained file that fetches nothing, prints to PDF");
  cmd->add_option("--tiles", tiles,
                  "tile URL template for the report's basemap, e.g. https://tiles.example/{z}/{x}/{y}.png "
                  "(default: none; the only address the report may fetch)")
      ->needs(r);
}

std::vector<std::string> InputSources(const InputOptions& o) {
  std::vector<std::string> in = {o.input};
  for (const auto& spec : o.layer_sources)
    if (const auto eq = spec.find('='); eq != std::string::npos) in.push_back(spec.substr(eq + 1));
  if (!o.field_map.empty()) in.push_back(o.field_map);
  return in;
}

void PrintError(const char* command, const std::string& message) {
  if (*command) std::fprintf(stderr, "panhuo %s: error: %s\n", command, MaskPassword(message).c_str());
  else std::fprintf(stderr, "panhuo: error: %s\n", MaskPassword(message).c_str());
}

void PrintWarnings(const char* command, const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::fprintf(stderr, "panhuo %s: warning: %s\n", command, MaskPassword(w).c_str());
}

std::string PadColumns(const std::string& text, size_t width) {
  const size_t cols = DisplayColumns(text);
  return cols >= width ? text : text + std::string(width - cols, ' ');
}

namespace {

volatile std::sig_atomic_t interrupted = 0;  // the first signal caught, 0 before
int wake[2] = {-1, -1};                      // the handler writes a byte to wake the watchdog

void Say(const char* text) {
  const ssize_t ignored = write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

// Only async-signal-safe calls here.
void OnSignal(int sig) {
  if (interrupted) {
    Say("panhuo: interrupted again, stopping now\n");
    _exit(128 + sig);
  }
  interrupted = sig;
  const ssize_t ignored = write(wake[1], "!", 1);
  (void)ignored;
}

// Waits for the first signal, gives the run a second to stop by itself, then ends it.
void Watchdog() {
  char byte;
  while (read(wake[0], &byte, 1) < 0 && errno == EINTR) {
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  Say("panhuo: interrupted, stopping now\n");
  ReleaseOutputLocks();
  _exit(128 + interrupted);
}

}  // namespace

void CatchInterrupts() {
  if (wake[0] >= 0 || pipe(wake) != 0) return;
  std::thread(Watchdog).detach();
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking call returns instead of waiting on
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool QuietProgress(double, const char*, void*) { return interrupted == 0; }

bool TermProgress(double fraction, const char* message, void*) {
  if (interrupted) {
    std::fprintf(stderr, " interrupted\n");
    return false;
  }
  // GDAL's "0...10...20..." bar, on stderr so that stdout stays a clean report
  static int last = -1;
  const int tick = static_cast<int>(std::min(1.0, std::max(0.0, fraction)) * 40.0);  // 2.5 % steps
  if (tick < last) last = -1;  // a new bar
  while (last < tick) {
    ++last;
    if (last % 4 == 0) std::fprintf(stderr, "%d", last / 4 * 10);
    else std::fprintf(stderr, ".");
  }
  if (tick == 40 && last == 40) {
    std::fprintf(stderr, " - done.\n");
    last = 41;
  }
  std::fflush(stderr);
  return true;
}

}  // namespace panhuo::cli
