#include "bench_data.hpp"

#include <benchmark/benchmark.h>
#include <gdal.h>
#include <geos_c.h>
#include <unistd.h>

#include <boost/version.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "panhuo/gen/generator.hpp"
#include "panhuo/input/reader.hpp"

namespace panhuo::bench {
namespace fs = std::filesystem;
namespace {

std::map<int64_t, std::unique_ptr<County>>& Counties() {
  static std::map<int64_t, std::unique_ptr<County>> counties;
  return counties;
}

// First line of /proc/cpuinfo's "model name", or "unknown".
std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  return "unknown";
}

std::string MemoryTotal() {
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  long long kb = 0;
  while (in >> key >> kb >> unit)
    if (key == "MemTotal:") {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(kb) / (1024.0 * 1024.0));
      return buf;
    }
  return "unknown";
}

}  // namespace

std::string DataDir() {
  const char* env = std::getenv("PANHUO_BENCH_DATA");
  std::string dir = env && *env ? env : "/tmp/panhuo-bench";
  std::error_code ec;
  fs::create_directories(dir, ec);
  return dir;
}

std::string CountyPath(int64_t milli, std::string* error) {
  char name[64];
  std::snprintf(name, sizeof name, "county_s%.3f_seed%llu.gpkg", ScaleOf(milli),
                static_cast<unsigned long long>(kSeed));
  const std::string path = (fs::path(DataDir()) / name).string();
  if (fs::exists(path)) return path;
  gen::GenerateOptions opt;
  opt.scale = ScaleOf(milli);
  opt.seed = kSeed;
  opt.output = path;
  auto r = gen::Generate(opt);
  if (!r.ok()) {
    if (fs::exists(path)) return path;  // another process generated it meanwhile
    *error = "generating " + path + ": " + r.status().message();
    return {};
  }
  return path;
}

const County* LoadedCounty(int64_t milli, std::string* error) {
  auto& counties = Counties();
  if (auto it = counties.find(milli); it != counties.end()) return it->second.get();
  const std::string path = CountyPath(milli, error);
  if (path.empty()) return nullptr;
  ReadOptions ro;
  ro.source = path;
  auto data = ReadInput(ro);
  if (!data.ok()) {
    *error = "reading " + path + ": " + data.status().message();
    return nullptr;
  }
  auto county = std::make_unique<County>(std::move(*data));
  const County* out = county.get();
  counties.emplace(milli, std::move(county));
  return out;
}

bool PrepareAndDescribe(std::string* error) {
  benchmark::AddCustomContext("cpu_model", CpuModel());
  benchmark::AddCustomContext("hardware_threads", std::to_string(std::thread::hardware_concurrency()));
  benchmark::AddCustomContext("memory", MemoryTotal());
  benchmark::AddCustomContext("libraries", std::string("GDAL ") + GDALVersionInfo("RELEASE_NAME") + ", GEOS " +
                                               GEOSversion() + ", Boost " + std::to_string(BOOST_VERSION / 100000) +
                                               "." + std::to_string(BOOST_VERSION / 100 % 1000));
#if defined(NDEBUG)
  benchmark::AddCustomContext("panhuo_build", "Release (NDEBUG), -ffp-contract=off");
#else
  benchmark::AddCustomContext("panhuo_build", "assertions on (not a Release build): figures are not representative");
#endif
  benchmark::AddCustomContext("as_of", AsOf().ToString());
  for (int64_t milli : kScalesMilli) {
    const County* c = LoadedCounty(milli, error);
    if (!c) return false;
    const InputData& d = c->data();
    const std::string path = CountyPath(milli, error);
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "generated county, scale %.3f seed %llu: %zu approvals, %zu supplies, %zu construction, "
                  "%zu rural plots, %zu enterprise rows; %.1f MB at %s",
                  ScaleOf(milli), static_cast<unsigned long long>(kSeed), d.approvals.size(), d.supplies.size(),
                  d.construction.size(), d.rural_plots.size(), d.enterprises.size(),
                  static_cast<double>(fs::file_size(path)) / 1e6, path.c_str());
    benchmark::AddCustomContext("dataset/" + std::to_string(milli), buf);
  }
  return true;
}

}  // namespace panhuo::bench
