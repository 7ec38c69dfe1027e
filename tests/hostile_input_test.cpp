// The reader against hostile input: values GDAL would silently change, cached counts that lie,
// coordinates and counts no county has, a polygon too large to validate quickly. Every case is
// read both through the Arrow stream and feature by feature, and both must agree.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>

#include "input/geometry_prep.hpp"
#include "panhuo/input/reader.hpp"
#include "read_paths.hpp"
#include "reader_fixture.hpp"

namespace panhuo {
namespace {

using testing::LayerDef;
using testing::ReaderTest;
using testing::Sq;
using testing::Valid;
using testing::Write;

// Runs SQL on a GeoPackage through GDAL (its SQLite functions keep the R-tree triggers working).
void Sql(const std::string& path, const std::vector<std::string>& statements) {
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  ASSERT_TRUE(ds) << path;
  for (const auto& s : statements) {
    CPLErrorReset();
    ds->ExecuteSQL(s.c_str(), nullptr, nullptr);
    EXPECT_NE(CPLGetLastErrorType(), CE_Failure) << s << ": " << CPLGetLastErrorMsg();
  }
  GDALClose(ds);
}

std::string Reason(const InputData& d, const std::string& layer, const std::string& id) {
  for (const auto& r : d.rejects)
    if (r.layer == layer && r.feature_id == id) return r.reason;
  return "<not rejected>";
}

class HostileInput : public ReaderTest, public ::testing::WithParamInterface<ReadPath> {
 protected:
  Result<InputData> ReadPath(const std::string& source) {
    ReadOptions o;
    o.accept_rejects = true;  // these layers are mostly hostile on purpose: the rejects are what is tested
    o.source = source;
    UsePath(o, GetParam());
    return ReadInput(o);
  }
  // A supply with a good date and price whose columns the test then overwrites with raw SQL.
  static void AddSupply(std::vector<LayerDef>& layers, const std::string& id, std::string wkt = "") {
    layers[2].features.push_back({{{"supply_id", id}, {"supply_date", "2016-01-01"}, {"agreed_start", "2016-06-01"},
                                   {"price_wan", "12.5"}},
                                  wkt.empty() ? Sq(520300, 3520300, 50) : wkt});
  }
};

INSTANTIATE_TEST_SUITE_P(EveryPath, HostileInput, AllReadPaths(), ReadPathName);

// (not digits: SQLite itself stores a numeric text in a DATE or REAL column as a number)
const std::string kTenKilobytes = "replace(hex(zeroblob(5000)), '0', 'x')";

TEST_P(HostileInput, ValuesGdalCannotConvertAreRejectedNeverZeroOrEpoch) {
  auto layers = Valid();
  const std::vector<std::pair<std::string, std::string>> dates = {
      {"D_EMPTY", "''"},       {"D_ZERO", "'0000-00-00'"}, {"D_MONTH13", "'2021-13-45'"},
      {"D_NAN", "'NaN'"},      {"D_LONG", kTenKilobytes},  {"D_BLOB", "x'00ff'"},
      {"D_ABC", "'abc'"},      {"D_INF", "'inf'"},         {"D_FEB29", "'2021-02-29'"}};
  const std::vector<std::pair<std::string, std::string>> prices = {
      {"P_NAN", "'NaN'"}, {"P_ABC", "'abc'"}, {"P_INF", "'inf'"}, {"P_LONG", kTenKilobytes},
      {"P_BLOB", "x'00ff'"}, {"P_DATE", "'2021-13-45'"}, {"P_EMPTY", "''"}};
  std::vector<std::string> sql;
  for (const auto& [id, v] : dates) {
    AddSupply(layers, id);
    sql.push_back("UPDATE supplies SET supply_date = " + v + " WHERE supply_id = '" + id + "'");
  }
  for (const auto& [id, v] : prices) {
    AddSupply(layers, id);
    sql.push_back("UPDATE supplies SET price_wan = " + v + " WHERE supply_id = '" + id + "'");
  }
  AddSupply(layers, "S_GOOD");
  Write(Path("values.gpkg"), layers);
  Sql(Path("values.gpkg"), sql);
  auto d = ReadPath(Path("values.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Reason(*d, "supplies", "D_EMPTY"), "missing supply_date");
  EXPECT_EQ(Reason(*d, "supplies", "D_ZERO"), "unparseable supply_date '0000-00-00'");
  EXPECT_EQ(Reason(*d, "supplies", "D_MONTH13"), "unparseable supply_date '2021-13-45'");
  EXPECT_EQ(Reason(*d, "supplies", "D_NAN"), "unparseable supply_date 'NaN'");
  EXPECT_EQ(Reason(*d, "supplies", "D_LONG"), "unparseable supply_date '" + std::string(40, 'x') + "... (10000 bytes)'");
  EXPECT_EQ(Reason(*d, "supplies", "D_BLOB"), "unparseable supply_date 'blob of 2 bytes'");
  EXPECT_EQ(Reason(*d, "supplies", "D_ABC"), "unparseable supply_date 'abc'");
  EXPECT_EQ(Reason(*d, "supplies", "D_INF"), "unparseable supply_date 'inf'");
  EXPECT_EQ(Reason(*d, "supplies", "D_FEB29"), "unparseable supply_date '2021-02-29'");
  EXPECT_EQ(Reason(*d, "supplies", "P_NAN"), "unparseable price_wan 'NaN'");
  EXPECT_EQ(Reason(*d, "supplies", "P_ABC"), "unparseable price_wan 'abc'");
  EXPECT_EQ(Reason(*d, "supplies", "P_INF"), "unparseable price_wan 'inf'");
  EXPECT_EQ(Reason(*d, "supplies", "P_LONG"), "unparseable price_wan '" + std::string(40, 'x') + "... (10000 bytes)'");
  EXPECT_EQ(Reason(*d, "supplies", "P_BLOB"), "unparseable price_wan 'blob of 2 bytes'");
  EXPECT_EQ(Reason(*d, "supplies", "P_DATE"), "unparseable price_wan '2021-13-45'");
  // an empty optional price is no price, never 0
  EXPECT_EQ(Reason(*d, "supplies", "P_EMPTY"), "<not rejected>");
  for (size_t i = 0; i < d->supplies.size(); ++i) {
    if (d->supplies.id[i] == "P_EMPTY") EXPECT_TRUE(std::isnan(d->supplies.price_wan[i]));
    if (d->supplies.id[i] == "S_GOOD") {
      EXPECT_EQ(d->supplies.price_wan[i], 12.5);
      EXPECT_EQ(d->supplies.date[i], *ParseDate("2016-01-01"));
    }
  }
  EXPECT_EQ(d->Report("supplies")->rejected, static_cast<int64_t>(dates.size() + prices.size() - 1));
}

TEST_P(HostileInput, ANulInsideTheIdleCauseIsAnUnknownCauseNotNone) {
  auto layers = Valid();
  AddSupply(layers, "C_NUL");
  AddSupply(layers, "C_INSIDE");
  Write(Path("nul.gpkg"), layers);
  Sql(Path("nul.gpkg"), {"UPDATE supplies SET idle_cause = char(0) WHERE supply_id = 'C_NUL'",
                         "UPDATE supplies SET idle_cause = 'government' || char(0) || 'x' WHERE supply_id = 'C_INSIDE'"});
  auto d = ReadPath(Path("nul.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(Reason(*d, "supplies", "C_NUL"), "unknown idle_cause '\\0'");
  EXPECT_EQ(Reason(*d, "supplies", "C_INSIDE"), "unknown idle_cause 'government\\0x'");
}

TEST_P(HostileInput, AStaleCachedFeatureCountIsNotTrusted) {
  Write(Path("stale.gpkg"), Valid());
  Sql(Path("stale.gpkg"), {"UPDATE gpkg_ogr_contents SET feature_count = 0 WHERE table_name = 'construction'"});
  auto d = ReadPath(Path("stale.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->construction.size(), 1u);
}

TEST_P(HostileInput, CoordinatesBeyondAnyCountyAreRejected) {
  auto layers = Valid();
  AddSupply(layers, "X_HUGE", "POLYGON((520300 3520300,1e300 3520300,520400 3520400,520300 3520300))");
  AddSupply(layers, "X_NEGATIVE", "POLYGON((520300 3520300,-1e300 3520300,520400 3520400,520300 3520300))");
  AddSupply(layers, "X_FAR", "POLYGON((520300 3520300,520400 2e8,520400 3520400,520300 3520300))");
  AddSupply(layers, "X_NEAR", "POLYGON((520300 3520300,520400 3520300,520400 3520400,520300 3520300))");
  Write(Path("far.gpkg"), layers);
  auto d = ReadPath(Path("far.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  const std::string beyond = "coordinate beyond the plausible extent (|x| or |y| > 1e8 m in the working CRS)";
  EXPECT_EQ(Reason(*d, "supplies", "X_HUGE"), beyond);
  EXPECT_EQ(Reason(*d, "supplies", "X_NEGATIVE"), beyond);
  EXPECT_EQ(Reason(*d, "supplies", "X_FAR"), beyond);
  EXPECT_EQ(Reason(*d, "supplies", "X_NEAR"), "<not rejected>");
}

// WKB of a polygon with one ring claiming `count` points, followed by `points` real ones.
std::vector<uint8_t> RingWkb(uint32_t count, int points) {
  std::vector<uint8_t> w = {1, 3, 0, 0, 0, 1, 0, 0, 0};
  for (int i = 0; i < 4; ++i) w.push_back(static_cast<uint8_t>(count >> (8 * i)));
  for (int i = 0; i < points * 2; ++i) {
    const double v = (i % 3) * 10.0;
    uint8_t b[8];
    std::memcpy(b, &v, 8);
    w.insert(w.end(), b, b + 8);
  }
  return w;
}

TEST(HostileGeometry, AWkbCountTheBytesCannotHoldAllocatesNothing) {
  for (uint32_t count : {0x7FFFFFFFu, 0x10000000u, 0xFFFFFFFEu}) {
    const auto wkb = RingWkb(count, 4);
    detail::PreparedGeometry g;
    EXPECT_NO_THROW(g = detail::PrepareWkb(wkb.data(), wkb.size(), detail::GeomKind::kPolygon, nullptr)) << count;
    EXPECT_EQ(g.reject, "unreadable geometry") << count;
  }
  const auto ok = RingWkb(4, 4);
  EXPECT_EQ(detail::PrepareWkb(ok.data(), ok.size(), detail::GeomKind::kPolygon, nullptr).reject, "");
}

}  // namespace
}  // namespace panhuo

namespace panhuo {
namespace {

// A closed zigzag ring of `n` vertices whose last edge crosses many others (self-intersecting).
std::string Zigzag(int n, bool crossing) {
  std::string wkt = "POLYGON((";
  for (int i = 0; i < n - 1; ++i) {
    const double x = i * 1.0, y = (i % 2) * 10.0;
    wkt += std::to_string(x) + " " + std::to_string(y) + ",";
  }
  wkt += crossing ? std::to_string(n * 0.5) + " 5,0 0))" : std::to_string((n - 2) * 1.0) + " -10,0 -10,0 0))";
  return wkt;
}

TEST(HostileGeometry, AHugeSelfIntersectingPolygonIsSettledQuickly) {
  for (auto [n, crossing] : {std::pair{100000, true}, std::pair{100000, false}, std::pair{4000, true}}) {
    OGRGeometry* g = nullptr;
    const std::string wkt = Zigzag(n, crossing);
    OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
    std::unique_ptr<OGRGeometry> owner(g);
    const auto t0 = std::chrono::steady_clock::now();
    const auto prepared = detail::PrepareGeometry(g, detail::GeomKind::kPolygon, nullptr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(seconds, 10.0) << n << " vertices, crossing " << crossing;
    if (n > 10000)
      EXPECT_EQ(prepared.reject, crossing ? "invalid polygon of 100001 vertices, too large to repair (limit 5000)" : "");
    std::printf("[huge polygon] %d vertices, crossing %d: %.2f s, %s\n", n, crossing, seconds,
                prepared.reject.empty() ? (prepared.repaired ? "repaired" : "valid") : prepared.reject.c_str());
  }
}

}  // namespace
}  // namespace panhuo
