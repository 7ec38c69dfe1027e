// Riverside scenarios: the zones along the river against GEOS buffers, clearing, and zones
// reused across variants.
#include <geos_c.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "panhuo/scenario/scenario.hpp"
#include "scenario_support.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::Rect;
using testing::D;
using testing::RiverLine;
using testing::RiverPolygon;
using testing::ScanAt;
using testing::Parse;
using testing::Riverside;
using testing::RiverCounty;
using testing::kCountyWkt;

// ---- an independent oracle: the zone and its developed area straight from GEOS ----

class GeosOracle {
 public:
  GeosOracle() : h_(GEOS_init_r()), reader_(GEOSWKTReader_create_r(h_)) {}
  ~GeosOracle() {
    for (auto* g : owned_) GEOSGeom_destroy_r(h_, g);
    GEOSWKTReader_destroy_r(h_, reader_);
    GEOS_finish_r(h_);
  }
  GEOSGeometry* Read(const std::string& wkt) { return Keep(GEOSWKTReader_read_r(h_, reader_, wkt.c_str())); }
  GEOSGeometry* Buffer(GEOSGeometry* g, double d) { return Keep(GEOSBuffer_r(h_, g, d, kQuadrantSegments)); }
  GEOSGeometry* Union(GEOSGeometry* a, GEOSGeometry* b) { return Keep(GEOSUnion_r(h_, a, b)); }
  GEOSGeometry* Intersection(GEOSGeometry* a, GEOSGeometry* b) { return Keep(GEOSIntersection_r(h_, a, b)); }
  GEOSGeometry* Difference(GEOSGeometry* a, GEOSGeometry* b) { return Keep(GEOSDifference_r(h_, a, b)); }
  double Area(GEOSGeometry* g) {
    double a = 0;
    GEOSArea_r(h_, g, &a);
    return a;
  }

 private:
  GEOSGeometry* Keep(GEOSGeometry* g) {
    EXPECT_NE(g, nullptr);
    owned_.push_back(g);
    return g;
  }
  GEOSContextHandle_t h_;
  GEOSWKTReader* reader_;
  std::vector<GEOSGeometry*> owned_;
};

const std::vector<std::string> kFootprintsAtT = {Rect(1000, 4500, 1100, 4600), Rect(1050, 4550, 1150, 4650),
                                                 Rect(5000, 3500, 5100, 3600), Rect(2000, 3900, 2100, 4100)};

// land and developed area within d of the river, straight from GEOS.
std::pair<double, double> OracleZone(GeosOracle& g, const std::vector<std::string>& lines,
                                     const std::vector<std::string>& water_wkt, double d,
                                     const std::vector<std::string>& more_footprints = {}) {
  GEOSGeometry* buf = nullptr;
  GEOSGeometry* water = nullptr;
  for (const auto& l : lines) {
    GEOSGeometry* b = g.Buffer(g.Read(l), d);
    buf = buf ? g.Union(buf, b) : b;
  }
  for (const auto& w : water_wkt) {
    GEOSGeometry* wg = g.Read(w);
    GEOSGeometry* b = g.Buffer(wg, d);
    buf = buf ? g.Union(buf, b) : b;
    water = water ? g.Union(water, wg) : wg;
  }
  GEOSGeometry* zone = g.Intersection(buf, g.Read(kCountyWkt));
  if (water) zone = g.Difference(zone, water);
  GEOSGeometry* built = nullptr;
  std::vector<std::string> footprints = kFootprintsAtT;
  footprints.insert(footprints.end(), more_footprints.begin(), more_footprints.end());
  for (const auto& f : footprints) built = built ? g.Union(built, g.Read(f)) : g.Read(f);
  return {g.Area(zone), g.Area(g.Intersection(zone, built))};
}

TEST(ScenarioRiverside, ShorelineGivenAsALineMatchesGeosBufferAreas) {
  CountyBuilder b = RiverCounty();
  const std::string line = "LINESTRING(-1000 5000,21000 5000)";
  RiverLine(b, line);
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"l\"\n", c));
  ASSERT_TRUE(r.ok()) << r.status().message();
  GeosOracle g;
  for (double d : {1000.0, 3000.0, 5000.0}) {
    const auto [land, built] = OracleZone(g, {line}, {}, d);
    const RiversideFigures* f = Riverside(*r, d);
    ASSERT_NE(f, nullptr) << d;
    EXPECT_NEAR(f->land_ha * 1e4, land, land * 1e-9) << d;
    EXPECT_NEAR(f->developed_before_ha * 1e4, built, 1e-6) << d;
    EXPECT_NEAR(*f->intensity_before, built / land, 1e-12) << d;
    EXPECT_EQ(f->developed_after_ha, f->developed_before_ha);  // nothing cleared
  }
  // by hand: a 1 km strip of a 20 km shore; B1 ∪ B2 (1.75 ha) and half of B5 (2 ha) lie in it
  EXPECT_NEAR(Riverside(*r, 1000)->land_ha, 2000.0, 1e-6);
  EXPECT_NEAR(Riverside(*r, 1000)->developed_before_ha, 1.75 + 1.0, 1e-9);
  EXPECT_NEAR(Riverside(*r, 3000)->developed_before_ha, 1.75 + 1.0 + 2.0, 1e-9);
  // each town holds half the strip
  ASSERT_NE(Riverside(*r, 1000, 0), nullptr);
  EXPECT_NEAR(Riverside(*r, 1000, 0)->land_ha, 1000.0, 1e-6);
  EXPECT_NEAR(Riverside(*r, 1000, 1)->developed_before_ha, 0.0, 1e-12);
}

TEST(ScenarioRiverside, WaterGivenAsAPolygonIsBufferedAndLeftOut) {
  CountyBuilder b = RiverCounty();
  // the water reaches 200 m into the county: that strip is river, not land
  const std::string water = "POLYGON((-1000 4800,-1000 7000,21000 7000,21000 4800,-1000 4800))";
  RiverPolygon(b, water);
  const std::string b6 = Rect(8000, 4850, 8100, 4950);
  b.Built("B6", "2016-01-01", b6);  // a footprint in the water
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"p\"\n[riverside]\nbuffers_m = [1000, 2500]\n", c));
  ASSERT_TRUE(r.ok()) << r.status().message();
  GeosOracle g;
  for (double d : {1000.0, 2500.0}) {
    const auto [land, built] = OracleZone(g, {}, {water}, d, {b6});
    const RiversideFigures* f = Riverside(*r, d);
    ASSERT_NE(f, nullptr);
    EXPECT_NEAR(f->land_ha * 1e4, land, land * 1e-9) << d;
    EXPECT_NEAR(f->developed_before_ha * 1e4, built, 1e-6) << d;
  }
  // by hand: land from y = 3800 to 4800; B5 lies wholly in it, B6 (in the water) does not count
  EXPECT_NEAR(Riverside(*r, 1000)->land_ha, 2000.0, 1e-6);
  EXPECT_NEAR(Riverside(*r, 1000)->developed_before_ha, 1.75 + 2.0, 1e-9);
}

TEST(ScenarioRiverside, LinesAndPolygonsTogetherAreUnioned) {
  CountyBuilder b = RiverCounty();
  const std::string line = "LINESTRING(-1000 5000,9000 5000)";
  const std::string water = "POLYGON((9000 5000,9000 7000,21000 7000,21000 5000,9000 5000))";
  RiverLine(b, line);
  RiverPolygon(b, water);
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"u\"\n", c));
  ASSERT_TRUE(r.ok()) << r.status().message();
  GeosOracle g;
  for (double d : {1000.0, 3000.0, 5000.0}) {
    const auto [land, built] = OracleZone(g, {line}, {water}, d);
    EXPECT_NEAR(Riverside(*r, d)->land_ha * 1e4, land, land * 1e-9) << d;
    EXPECT_NEAR(Riverside(*r, d)->developed_before_ha * 1e4, built, 1e-6) << d;
  }
}

TEST(ScenarioRiverside, FiguresDoNotDependOnTheTileSize) {
  CountyBuilder b = RiverCounty();
  const std::string line = "LINESTRING(-1000 5000,5000 5200,21000 4900)";  // crosses the border
  RiverLine(b, line);
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContextOptions small, large;
  small.tile_m = 100;
  large.tile_m = 3000;
  ScenarioContext a(c, scan, small), z(c, scan, large);
  const Scenario sc = Parse("name = \"t\"\n[[riverside.clear]]\n", c);
  auto ra = a.Evaluate(sc), rz = z.Evaluate(sc);
  ASSERT_TRUE(ra.ok() && rz.ok());
  ASSERT_EQ(ra->riverside.size(), rz->riverside.size());
  // Boost's overlay (the fast path of Coverage) is right to about 1e-7 of the areas it cuts
  auto tol = [](double v) { return 1e-6 * std::max(1.0, v); };
  GeosOracle g;
  for (double d : {1000.0, 3000.0, 5000.0}) {
    const auto [land, built] = OracleZone(g, {line}, {}, d);
    EXPECT_NEAR(Riverside(*ra, d)->land_ha, land / 1e4, tol(land / 1e4)) << d;
    EXPECT_NEAR(Riverside(*rz, d)->land_ha, land / 1e4, tol(land / 1e4)) << d;
    EXPECT_NEAR(Riverside(*ra, d)->developed_before_ha, built / 1e4, tol(built / 1e4)) << d;
    EXPECT_NEAR(Riverside(*rz, d)->developed_before_ha, built / 1e4, tol(built / 1e4)) << d;
  }
  for (size_t i = 0; i < ra->riverside.size(); ++i) {
    const auto &x = ra->riverside[i], &y = rz->riverside[i];
    EXPECT_EQ(x.town, y.town);
    EXPECT_NEAR(x.land_ha, y.land_ha, tol(x.land_ha));
    EXPECT_NEAR(x.developed_before_ha, y.developed_before_ha, tol(x.developed_before_ha));
    EXPECT_NEAR(x.developed_after_ha, y.developed_after_ha, tol(x.developed_before_ha));
    EXPECT_NEAR(x.cleared_ha, y.cleared_ha, tol(x.cleared_ha));
  }
}

TEST(ScenarioRiverside, ClearingIdleParcelsInsideTheBanZone) {
  CountyBuilder b = RiverCounty();
  RiverLine(b, "LINESTRING(-1000 5000,21000 5000)");
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"i\"\n[[riverside.clear]]\nidle_only = true\n", c));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->cleared.size(), 1u);
  const ClearedParcel& p = r->cleared[0];
  EXPECT_EQ(c.data().supplies.id[p.supply], "S2");
  EXPECT_EQ(p.status, SupplyStatus::kIdleUnstarted);
  EXPECT_NEAR(p.parcel_ha, 2.0, 1e-12);
  EXPECT_NEAR(p.within_ha, 2.0, 1e-9);
  EXPECT_EQ(p.rule, 1);
  // nothing is built on it: the footprints stay, the ban zone loses one parcel
  EXPECT_NEAR(Riverside(*r, 1000)->cleared_ha, 2.0, 1e-9);
  EXPECT_NEAR(Riverside(*r, 1000)->developed_after_ha, Riverside(*r, 1000)->developed_before_ha, 1e-12);
  ASSERT_TRUE(r->ban_zone);
  EXPECT_EQ(r->ban_zone->parcels_before, 2);  // S1, S2 (S3 is residential, S4 far)
  EXPECT_EQ(r->ban_zone->parcels_after, 1);
  EXPECT_NEAR(r->ban_zone->ha_before, 6.0, 1e-9);
  EXPECT_NEAR(r->ban_zone->ha_after, 4.0, 1e-9);
}

TEST(ScenarioRiverside, ClearingBuiltParcelsTakesTheirFootprintsOffEveryZone) {
  CountyBuilder b = RiverCounty();
  RiverLine(b, "LINESTRING(-1000 5000,21000 5000)");
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"b\"\n[[riverside.clear]]\nland_use = [\"0601\"]\n", c));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->cleared.size(), 2u);  // S1, S2; S4 (0602) is far, S3 is not industrial
  EXPECT_EQ(c.data().supplies.id[r->cleared[0].supply], "S1");
  EXPECT_NEAR(r->cleared[0].built_ha, 1.75, 1e-9);
  for (double d : {1000.0, 3000.0, 5000.0}) {
    const RiversideFigures* f = Riverside(*r, d);
    EXPECT_NEAR(f->cleared_ha, 6.0, 1e-9) << d;
    EXPECT_NEAR(f->developed_before_ha - f->developed_after_ha, 1.75, 1e-9) << d;
    EXPECT_NEAR(*f->intensity_after, f->developed_after_ha / f->land_ha, 1e-12);
  }
  EXPECT_EQ(r->ban_zone->parcels_after, 0);
  EXPECT_NEAR(r->ban_zone->ha_after, 0.0, 1e-9);
  // T1 lost the development, T2 did not change
  EXPECT_NEAR(Riverside(*r, 1000, 0)->developed_after_ha, 1.0, 1e-9);
}

TEST(ScenarioRiverside, ClearingByEfficiencyClassTakesOnlyLaggards) {
  CountyBuilder b = RiverCounty();
  RiverLine(b, "LINESTRING(-1000 5000,21000 5000)");
  // twenty evaluated firms: the last (5 %) is class D; S1's firm pays almost no tax
  b.Enterprise("E-S1", "S1", 2023, 0.01, 1);
  for (int i = 0; i < 19; ++i) {
    char id_buf[16];
    std::snprintf(id_buf, sizeof id_buf, "F%02d", i);
    const std::string id = id_buf;
    b.Supply(id, "2012-01-01", "2012-06-01", Rect(100 + 300.0 * i, 100, 200 + 300.0 * i, 200));
    b.Enterprise("E-" + id, id, 2023, 100 + i, 1000);
  }
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"d\"\n[[riverside.clear]]\nclasses = [\"D\"]\n", c));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->cleared.size(), 1u);
  EXPECT_EQ(c.data().supplies.id[r->cleared[0].supply], "S1");
  ASSERT_TRUE(r->cleared[0].cls);
  EXPECT_EQ(*r->cleared[0].cls, EfficiencyClass::kD);
  EXPECT_EQ(r->cleared[0].enterprises, 1);
  // a rule on class C finds nothing within 1 km (S2 has no enterprise)
  auto r2 = ctx.Evaluate(Parse("name = \"d\"\n[[riverside.clear]]\nclasses = [\"C\"]\n", c));
  EXPECT_TRUE(r2->cleared.empty());
}

TEST(ScenarioRiverside, VariantsReuseTheZones) {
  CountyBuilder b = RiverCounty();
  RiverLine(b, "LINESTRING(-1000 5000,21000 5000)");
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  ASSERT_TRUE(ctx.Evaluate(Parse("name = \"v\"\n", c)).ok());
  EXPECT_EQ(ctx.buffers_built(), 3);
  ASSERT_TRUE(ctx.Evaluate(Parse("name = \"v\"\n[[riverside.clear]]\n", c)).ok());
  ASSERT_TRUE(ctx.Evaluate(Parse("name = \"v\"\n[riverside]\nbuffers_m = [3000]\nban_zone_m = 1000\n", c)).ok());
  EXPECT_EQ(ctx.buffers_built(), 3);
  ASSERT_TRUE(ctx.Evaluate(Parse("name = \"v\"\n[riverside]\nban_zone_m = 1500\n", c)).ok());
  EXPECT_EQ(ctx.buffers_built(), 4);
}

}  // namespace
}  // namespace panhuo
