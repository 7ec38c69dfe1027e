// The reader's three paths over one GeoPackage read the same: a generated county with the
// defects bureau data has (null and self-intersecting geometry, repeated ids, absurd dates,
// unknown codes), and the sample county. Every layer's counts and rejects, and every value of
// every feature of the layers the scan reads, equal to the last bit.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include <unistd.h>

#include "panhuo/gen/generator.hpp"
#include "read_paths.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

Result<InputData> ReadBy(const std::string& path, ReadPath p, std::map<std::string, std::string> where = {}) {
  GDALAllRegister();
  ReadOptions o;
  o.source = path;
  o.layer_filters = std::move(where);
  o.accept_rejects = true;
  UsePath(o, p);
  return ReadInput(o);
}

bool SameReal(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

template <typename L>
void ExpectSameShapes(const L& a, const L& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  EXPECT_EQ(a.fid, b.fid) << what;
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a.area_m2[i], b.area_m2[i]) << what << " " << i;
}

void ExpectSame(const InputData& a, const InputData& b, const std::string& how) {
  ASSERT_EQ(a.reports.size(), b.reports.size());
  for (size_t i = 0; i < a.reports.size(); ++i) {
    const LayerReport &x = a.reports[i], &y = b.reports[i];
    EXPECT_EQ(x.read, y.read) << how << " " << x.name;
    EXPECT_EQ(x.used, y.used) << how << " " << x.name;
    EXPECT_EQ(x.rejected, y.rejected) << how << " " << x.name;
    EXPECT_EQ(x.repaired, y.repaired) << how << " " << x.name;
  }
  ASSERT_EQ(a.rejects.size(), b.rejects.size()) << how;
  for (size_t i = 0; i < a.rejects.size(); ++i) {
    EXPECT_EQ(a.rejects[i].layer, b.rejects[i].layer) << how;
    EXPECT_EQ(a.rejects[i].fid, b.rejects[i].fid) << how;
    EXPECT_EQ(a.rejects[i].reason, b.rejects[i].reason) << how;
  }
  EXPECT_EQ(a.towns.code, b.towns.code) << how;
  EXPECT_EQ(a.towns.name, b.towns.name) << how;
  ExpectSameShapes(a.towns, b.towns, how + " towns");
  EXPECT_EQ(a.approvals.id, b.approvals.id) << how;
  EXPECT_EQ(a.approvals.batch_no, b.approvals.batch_no) << how;
  EXPECT_EQ(a.approvals.date, b.approvals.date) << how;
  ExpectSameShapes(a.approvals, b.approvals, how + " approvals");
  const SuppliesLayer &s = a.supplies, &t = b.supplies;
  EXPECT_EQ(s.id, t.id) << how;
  EXPECT_EQ(s.mode, t.mode) << how;
  EXPECT_EQ(s.land_use, t.land_use) << how;
  EXPECT_EQ(s.holder, t.holder) << how;
  EXPECT_EQ(s.date, t.date) << how;
  EXPECT_EQ(s.agreed_start, t.agreed_start) << how;
  EXPECT_EQ(s.idle_cause, t.idle_cause) << how;
  ASSERT_EQ(s.price_wan.size(), t.price_wan.size());
  for (size_t i = 0; i < s.price_wan.size(); ++i) EXPECT_TRUE(SameReal(s.price_wan[i], t.price_wan[i])) << how << " " << i;
  ExpectSameShapes(s, t, how + " supplies");
  EXPECT_EQ(a.construction.date, b.construction.date) << how;
  ExpectSameShapes(a.construction, b.construction, how + " construction");
  const EnterprisesLayer &e = a.enterprises, &f = b.enterprises;
  EXPECT_EQ(e.id, f.id) << how;
  EXPECT_EQ(e.supply_id, f.supply_id) << how;
  EXPECT_EQ(e.year, f.year) << how;
  ASSERT_EQ(e.tax_wan.size(), f.tax_wan.size());
  for (size_t i = 0; i < e.tax_wan.size(); ++i) {
    EXPECT_TRUE(SameReal(e.tax_wan[i], f.tax_wan[i])) << how << " " << i;
    EXPECT_TRUE(SameReal(e.employees[i], f.employees[i])) << how << " " << i;
  }
  ExpectSameShapes(a.rural_plots, b.rural_plots, how + " rural_plots");
  ExpectSameShapes(a.reserves, b.reserves, how + " reserves");
}

void ExpectPathsAlike(const std::string& path, const std::map<std::string, std::string>& where = {}) {
  auto sqlite = ReadBy(path, ReadPath::kSqlite, where);
  auto arrow = ReadBy(path, ReadPath::kArrow, where);
  auto features = ReadBy(path, ReadPath::kFeatures, where);
  ASSERT_TRUE(sqlite.ok()) << sqlite.status().message();
  ASSERT_TRUE(arrow.ok()) << arrow.status().message();
  ASSERT_TRUE(features.ok()) << features.status().message();
  ASSERT_GT(sqlite->construction.size(), 0u);
  ExpectSame(*sqlite, *arrow, "sqlite against arrow");
  ExpectSame(*sqlite, *features, "sqlite against features");
}

TEST(ReadPaths, EveryPathReadsAGeneratedCountyWithDefectsAlike) {
  const fs::path dir = fs::temp_directory_path() / ("panhuo-read-paths-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  gen::GenerateOptions g;
  g.scale = 0.05;
  g.seed = 7;
  g.defects = true;
  g.output = (dir / "county.gpkg").string();
  auto summary = gen::Generate(g);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ExpectPathsAlike(g.output);
  fs::remove_all(dir);
}

TEST(ReadPaths, EveryPathReadsTheSampleCountyAlike) {
  ExpectPathsAlike(std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg");
}

// --where on a GeoPackage: the same features on every path, and fewer than without it.
TEST(ReadPaths, EveryPathFiltersAlike) {
  const std::string sample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";
  const std::map<std::string, std::string> where = {{"construction", "observed_date >= '2018-01-01'"},
                                                    {"supplies", "land_use LIKE '06%' OR price_wan > 100"}};
  ExpectPathsAlike(sample, where);
  auto all = ReadBy(sample, ReadPath::kSqlite), some = ReadBy(sample, ReadPath::kSqlite, where);
  ASSERT_TRUE(all.ok() && some.ok());
  EXPECT_LT(some->construction.size(), all->construction.size());
  EXPECT_GT(some->construction.size(), 0u);
  EXPECT_LT(some->supplies.size(), all->supplies.size());
  EXPECT_GT(some->supplies.size(), 0u);
}

}  // namespace
}  // namespace panhuo
