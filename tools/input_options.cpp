#include "input_options.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include <cstdio>

namespace panhuo::cli {

void AddInputOptions(CLI::App* cmd, InputOptions& o) {
  cmd->add_option("INPUT", o.input,
                  "GDAL vector source holding the contract's layers (GeoPackage, folder of "
                  "Shapefiles, FileGDB, 'PG:dbname=...', ...)")
      ->required();
  cmd->add_option("--layer", o.layer_sources,
                  "take one layer from a source of its own: NAME=SOURCE (repeatable), e.g. "
                  "--layer supplies=gd.shp");
  cmd->add_option("--field-map", o.field_map,
                  "JSON file mapping the contract's layer and field names to the source's")
      ->check(CLI::ExistingFile);
  cmd->add_option("--crs", o.crs, "CRS to assume for layers that carry none, e.g. EPSG:4549");
}

ReadOptions ToReadOptions(const InputOptions& o) {
  ReadOptions r;
  r.source = o.input;
  r.field_map_path = o.field_map;
  r.assume_crs = o.crs;
  const auto& names = ContractLayerNames();
  for (const auto& spec : o.layer_sources) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw CLI::ValidationError("--layer", "expected NAME=SOURCE, got '" + spec + "'");
    const std::string name = spec.substr(0, eq);
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw CLI::ValidationError("--layer", "unknown layer '" + name + "'");
    r.layer_sources[name] = spec.substr(eq + 1);
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
  if (!date) return Status::Error("--as-of '" + as_of + "' is not a date (YYYY-MM-DD)");
  params.as_of = *date;
  return params;
}

std::unique_ptr<County> LoadCounty(const InputOptions& o, bool progress, const char* command,
                                   double* read_seconds, double* index_seconds) {
  ReadOptions ro;
  try {
    ro = ToReadOptions(o);
  } catch (const CLI::ValidationError& e) {
    std::fprintf(stderr, "panhuo %s: error: %s\n", command, e.what());
    return nullptr;
  }
  if (progress) std::fprintf(stderr, "reading %s\n", o.input.c_str());
  ro.progress = progress ? TermProgress : QuietProgress;
  const auto t0 = std::chrono::steady_clock::now();
  auto data = ReadInput(ro);
  if (!data.ok()) {
    std::fprintf(stderr, "panhuo %s: error: %s\n", command, data.status().message().c_str());
    return nullptr;
  }
  if (read_seconds) *read_seconds = Seconds(t0);
  const auto t1 = std::chrono::steady_clock::now();
  auto county = std::make_unique<County>(std::move(*data));
  if (Status s = county->CheckTownsDisjoint(); !s.ok()) {
    std::fprintf(stderr, "panhuo %s: error: %s\n", command, s.message().c_str());
    return nullptr;
  }
  if (index_seconds) *index_seconds = Seconds(t1);
  return county;
}

bool ParseMonth(const std::string& text, int& year, int& month) {
  if (auto d = ParseDate(text)) {
    int day;
    d->ToYmd(year, month, day);
    return true;
  }
  if (auto d = ParseDate(text + "-01")) {
    int day;
    d->ToYmd(year, month, day);
    return true;
  }
  return false;
}

std::string PadColumns(const std::string& text, size_t width) {
  size_t cols = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cols += len >= 3 ? 2 : 1;  // three- and four-byte UTF-8 are CJK and wider here
    i += len;
  }
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
