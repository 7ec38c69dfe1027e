// The CLI on damaged input and under signals: every run ends, in bounded time, with a failure
// naming the file or with figures that are the undamaged file's or that show the damage.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "panhuo/gen/generator.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

std::string Cli() {
  if (const char* env = std::getenv("PANHUO_CLI")) return env;
  return std::string(PANHUO_BINARY_DIR) + "/panhuo";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Outcome {
  int status = -1;  // exit status; 124 or 137: killed by the time limit
  double seconds = 0;
  std::string out, err;
};

// Runs a shell command line with a hard time limit, capturing stdout and stderr.
Outcome Shell(const std::string& command, const fs::path& dir, int limit_s) {
  const std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  const std::string line = "timeout -s KILL " + std::to_string(limit_s) + " " + command + " >" + out + " 2>" + err;
  Outcome r;
  const auto t0 = std::chrono::steady_clock::now();
  const int raw = std::system(line.c_str());
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

class CorruptInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_corrupt_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string County() {
    gen::GenerateOptions o;
    o.scale = 0.02;
    o.seed = 5;
    o.output = (dir_ / "county.gpkg").string();
    auto r = gen::Generate(o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return o.output;
  }
  fs::path dir_;
};

// The per-layer lines of `panhuo check`: layer -> {read, used, rejected}.
std::map<std::string, std::vector<long>> Counts(const std::string& report) {
  std::map<std::string, std::vector<long>> out;
  std::istringstream in(report);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string layer;
    long read, used, repaired, rejected;
    if (words >> layer >> read >> used >> repaired >> rejected) out[layer] = {read, used, rejected};
  }
  return out;
}

// Copies `from` to `to` with 8 KiB of random bytes over two whole pages chosen by `seed`
// (never the first page, whose header only makes the file unopenable).
void Damage(const std::string& from, const std::string& to, uint64_t seed) {
  std::string bytes = Slurp(from);
  const unsigned raw_page = (static_cast<unsigned char>(bytes[16]) << 8) | static_cast<unsigned char>(bytes[17]);
  const size_t page = raw_page == 1 ? 65536 : raw_page;
  const size_t pages = bytes.size() / page;
  ASSERT_GT(pages, 8u);
  std::mt19937_64 rng(seed);
  const size_t first = 1 + rng() % (pages - 2);
  for (size_t i = first * page; i < (first + 2) * page && i < bytes.size(); ++i) bytes[i] = static_cast<char>(rng());
  std::ofstream(to, std::ios::binary) << bytes;
}

TEST_F(CorruptInput, EveryDamagedCopyEndsSoonWithAnErrorNamingTheFileOrHonestFigures) {
  const std::string county = County();
  // on the reader's fast path (SQLite in one pass) and through GDAL
  for (const std::string how : {"", " --gdal-read"}) {
    const Outcome clean = Shell(Cli() + " check" + how + " " + county, dir_, 60);
    ASSERT_EQ(clean.status, 0) << clean.err;
    const auto baseline = Counts(clean.out);
    ASSERT_EQ(baseline.size(), 12u) << clean.out;  // contract v3: twelve input layers
    int failed = 0, same = 0, reported = 0;
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      const std::string copy = (dir_ / ("damaged_" + std::to_string(seed) + ".gpkg")).string();
      Damage(county, copy, seed);
      const Outcome r = Shell(Cli() + " check" + how + " " + copy, dir_, 30);
      ASSERT_NE(r.status, 137) << "seed " << seed << ": still running after 30 s";
      if (r.status == 1) {
        EXPECT_NE(r.err.find(copy), std::string::npos) << "seed " << seed << ": " << r.err;
        ++failed;
        continue;
      }
      ASSERT_EQ(r.status, 0) << "seed " << seed << ": " << r.err;
      // read normally: every feature is read, and whatever differs from the undamaged file shows
      // as rejects (a damaged value that stays plausible cannot be told from a real one: SQLite
      // keeps no checksums)
      const auto counts = Counts(r.out);
      EXPECT_EQ(counts.size(), baseline.size()) << "seed " << seed << "\n" << r.out;
      for (const auto& [layer, c] : baseline) {
        const auto it = counts.find(layer);
        if (it == counts.end()) continue;
        EXPECT_EQ(it->second[0], c[0]) << "seed " << seed << " layer " << layer << ": features lost silently";
        EXPECT_GE(it->second[2], c[2]) << "seed " << seed << " layer " << layer;
      }
      (r.out == clean.out ? same : reported)++;
    }
    std::printf("[corrupt%s] 20 damaged copies: %d failed naming the file, %d read with the same figures, %d with the "
                "damage as rejects\n", how.c_str(), failed, same, reported);
  }
}

// Damage only the integrity check sees (the root page of a spatial index, which the reader never
// reads: it reads the tables themselves): the scan's figures are made while the check runs
// beside them, and its verdict stops the run, naming the file as damaged, before anything is
// written.
TEST_F(CorruptInput, DamageOnlyTheIntegrityCheckSeesStopsTheScanBeforeItWrites) {
  const std::string county = County();
  int root = 0;
  {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(county.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    OGRLayer* r = ds->ExecuteSQL("SELECT rootpage FROM sqlite_master WHERE name = 'rtree_construction_geom_node'",
                                 nullptr, nullptr);
    ASSERT_TRUE(r);
    std::unique_ptr<OGRFeature> f(r->GetNextFeature());
    ASSERT_TRUE(f);
    root = f->GetFieldAsInteger(0);
    ds->ReleaseResultSet(r);
  }
  ASSERT_GT(root, 1);
  std::string bytes = Slurp(county);
  const unsigned raw_page = (static_cast<unsigned char>(bytes[16]) << 8) | static_cast<unsigned char>(bytes[17]);
  const size_t page = raw_page == 1 ? 65536 : raw_page;
  std::mt19937_64 rng(7);
  for (size_t i = static_cast<size_t>(root - 1) * page; i < static_cast<size_t>(root) * page; ++i)
    bytes[i] = static_cast<char>(rng());
  const std::string copy = (dir_ / "damaged_index.gpkg").string(), out = (dir_ / "out.gpkg").string();
  std::ofstream(copy, std::ios::binary) << bytes;

  const Outcome r = Shell("env PANHUO_TRACE=1 " + Cli() + " scan " + copy + " --as-of 2021-12-31 -o " + out, dir_, 60);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("'" + copy + "' is damaged"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("scan: towns"), std::string::npos) << "the check was not left running beside the scan\n" << r.err;
  EXPECT_EQ(r.err.find("write: "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));
  // check, which takes the verdict as soon as the layers are read, names it too
  const Outcome c = Shell(Cli() + " check " + copy, dir_, 60);
  EXPECT_EQ(c.status, 1) << c.err;
  EXPECT_NE(c.err.find("'" + copy + "' is damaged"), std::string::npos) << c.err;
}

// A FIFO in place of the input: GDAL blocks opening it, as it would inside a stuck read.
TEST_F(CorruptInput, SignalsStopARunStuckInsideGdalWithinASecond) {
  const std::string fifo = (dir_ / "stuck.gpkg").string(), out = (dir_ / "out.gpkg").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string scan = Cli() + " scan " + fifo + " --as-of 2021-12-31 -o " + out;
  // one SIGTERM: the watchdog ends the run a second later
  const Outcome term = Shell("sh -c '" + scan + " & pid=$!; sleep 1; kill -TERM $pid; wait $pid'", dir_, 20);
  EXPECT_EQ(term.status, 143) << term.err;
  EXPECT_LT(term.seconds, 1.0 + 2.0) << term.err;
  // two SIGINTs: the second ends it at once
  const Outcome twice = Shell("sh -c '" + scan + " & pid=$!; sleep 1; kill -INT $pid; sleep 0.1; kill -INT $pid; wait $pid'",
                          dir_, 20);
  EXPECT_EQ(twice.status, 130) << twice.err;
  EXPECT_LT(twice.seconds, 1.1 + 0.9) << twice.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace panhuo
