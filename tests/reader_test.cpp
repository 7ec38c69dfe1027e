// The reader against deliberately broken inputs: each failure is named, nothing is dropped.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "input/geometry_prep.hpp"
#include "panhuo/input/reader.hpp"
#include "reader_fixture.hpp"

namespace panhuo {
namespace {

using testing::ExpectBalanced;
using testing::Feature;
using testing::LayerDef;
using testing::ReaderTest;
using testing::Sq;
using testing::Valid;
using testing::Write;
namespace fs = std::filesystem;

TEST_F(ReaderTest, ReadsAValidCountyAndAccountsForEveryFeature) {
  Write(Path("ok.gpkg"), Valid());
  auto d = Read(Path("ok.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->working_crs_name, "EPSG:4549");
  EXPECT_EQ(d->approvals.size(), 1u);
  EXPECT_EQ(d->approvals.date[0], *ParseDate("2015-03-01"));
  EXPECT_NEAR(d->approvals.area_m2[0], 40000.0, 1e-6);
  EXPECT_TRUE(d->rejects.empty());
  EXPECT_FALSE(d->Report("enterprises")->present);
  ExpectBalanced(*d);
}

TEST_F(ReaderTest, MissingFileIsNamed) {
  auto d = Read(Path("nope.gpkg"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("nope.gpkg"), std::string::npos) << d.status().message();
  EXPECT_NE(d.status().message().find("no such file"), std::string::npos) << d.status().message();
}

TEST_F(ReaderTest, CorruptFileIsNamed) {
  {
    std::ofstream f(Path("corrupt.gpkg"), std::ios::binary);
    f << "SQLite format 3";
    for (int i = 0; i < 5000; ++i) f << static_cast<char>(i * 7919 % 251);
  }
  auto d = Read(Path("corrupt.gpkg"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("cannot open '" + Path("corrupt.gpkg") + "'"), std::string::npos)
      << d.status().message();
}

TEST_F(ReaderTest, TextFileIsNotAVectorSource) {
  {
    std::ofstream f(Path("notes.txt"));
    f << "this is not a county\n";
  }
  auto d = Read(Path("notes.txt"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("notes.txt"), std::string::npos) << d.status().message();
}

TEST_F(ReaderTest, MissingRequiredLayerIsNamedWithWhatTheSourceHas) {
  auto layers = Valid();
  layers.erase(layers.begin() + 2);  // supplies
  Write(Path("nosupplies.gpkg"), layers);
  auto d = Read(Path("nosupplies.gpkg"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("no layer 'supplies'"), std::string::npos) << d.status().message();
  EXPECT_NE(d.status().message().find("towns, approvals, construction"), std::string::npos) << d.status().message();
}

TEST_F(ReaderTest, EmptyRequiredLayerIsAnError) {
  auto layers = Valid();
  layers[3].features.clear();
  Write(Path("empty.gpkg"), layers);
  auto d = Read(Path("empty.gpkg"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("layer 'construction' (construction) is empty"), std::string::npos)
      << d.status().message();
}

TEST_F(ReaderTest, MissingRequiredFieldIsNamed) {
  auto layers = Valid();
  layers[2].fields.erase(layers[2].fields.begin() + 2);  // agreed_start
  for (auto& f : layers[2].features) f.fields.erase("agreed_start");
  Write(Path("nofield.gpkg"), layers);
  auto d = Read(Path("nofield.gpkg"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("layer 'supplies': missing required field 'agreed_start'"), std::string::npos)
      << d.status().message();
}

TEST_F(ReaderTest, LayerWithoutCrsNeedsOneNamed) {
  auto layers = Valid(0);
  Write(Path("nocrs.gpkg"), layers);
  auto d = Read(Path("nocrs.gpkg"));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("has no CRS"), std::string::npos) << "MSG: " << d.status().message();
  ReadOptions o;
  o.source = Path("nocrs.gpkg");
  o.assume_crs = "EPSG:4549";
  auto named = ReadInput(o);
  ASSERT_TRUE(named.ok()) << named.status().message();
  EXPECT_EQ(named->working_crs_name, "EPSG:4549");
}

TEST_F(ReaderTest, GeographicDataGoesToTheGaussKrugerZoneOfItsCentre) {
  // lon/lat around 120.3E, 31.8N: CM 120E, EPSG:4549
  Write(Path("lonlat.gpkg"), Valid(4490, 120.3, 31.8, 0.01));
  auto d = Read(Path("lonlat.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->working_crs_name, "EPSG:4549");
  const Box b = d->towns.box[0];
  EXPECT_NEAR(b.min_corner().x(), 528400, 1000);  // 0.3 degrees east of the meridian
  EXPECT_NEAR(b.min_corner().y(), 3519000, 2000);
  EXPECT_GT(d->towns.area_m2[0], 0.9e6);
  EXPECT_EQ(d->Report("towns")->reprojected, 1);
}

TEST_F(ReaderTest, ALayerInAnotherCrsIsReprojectedToTheMajority) {
  auto layers = Valid();
  // construction in EPSG:4528 (the same zone with the zone number 40 in front of the easting)
  layers[3].epsg = 4528;
  layers[3].features[0].wkt = Sq(40520120, 3520120, 20);
  Write(Path("mixed.gpkg"), layers);
  auto d = Read(Path("mixed.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->working_crs_name, "EPSG:4549");
  EXPECT_NEAR(d->construction.box[0].min_corner().x(), 520120, 1e-3);
  EXPECT_NEAR(d->construction.area_m2[0], 400, 1e-3);
}

TEST_F(ReaderTest, BadFeaturesAreRejectedWithReasonsAndNothingIsDropped) {
  auto layers = Valid();
  auto& supplies = layers[2].features;
  const std::string ok = Sq(520300, 3520300, 50);
  auto supply = [&](const char* id, const char* date, const char* start, std::string wkt, const char* cause = "") {
    supplies.push_back({{{"supply_id", id}, {"supply_date", date}, {"agreed_start", start}, {"idle_cause", cause}}, wkt});
  };
  supply("S1", "2016-01-01", "2016-06-01", ok);                        // duplicate of S1
  supply("S_NULLGEOM", "2016-01-01", "2016-06-01", "");                 // null geometry
  supply("S_POINT", "2016-01-01", "2016-06-01", "POINT(520300 3520300)");  // wrong type
  supply("S_BOWTIE", "2016-01-01", "2016-06-01",
         "POLYGON((520300 3520300,520400 3520400,520400 3520300,520300 3520400,520300 3520300))");  // repaired
  supply("S_FLAT", "2016-01-01", "2016-06-01",
         "POLYGON((520300 3520300,520400 3520300,520500 3520300,520300 3520300))");  // collapses
  supply("S_OLD", "1800-01-01", "2016-06-01", ok);                      // absurd date
  supply("", "2016-01-01", "2016-06-01", ok);                           // missing id
  supply("S_CAUSE", "2016-01-01", "2016-06-01", ok, "weather");          // unknown code
  supply("S_GOOD", "2016-01-01", "2016-06-01", ok, "government");
  layers.push_back({"enterprises",
                    wkbNone,
                    {{"enterprise_id", OFTString}, {"supply_id", OFTString}, {"year", OFTInteger}, {"tax_wan", OFTReal}},
                    {{{{"enterprise_id", "E1"}, {"supply_id", "S1"}, {"year", "2021"}, {"tax_wan", "10"}}, ""},
                     {{{"enterprise_id", "E2"}, {"supply_id", "S_NOPE"}, {"year", "2021"}}, ""},
                     {{{"enterprise_id", "E3"}, {"supply_id", "S_OLD"}, {"year", "2021"}}, ""},
                     {{{"enterprise_id", "E1"}, {"supply_id", "S1"}, {"year", "2021"}}, ""}},
                    0});
  // construction with a date given as text that cannot be parsed
  layers[3].fields[1].second = OFTString;
  layers[3].features.push_back({{{"obs_id", "B2"}, {"observed_date", "31/12/2019"}}, Sq(520120, 3520120, 5)});
  Write(Path("bad.gpkg"), layers);
  auto d = Read(Path("bad.gpkg"));
  ASSERT_TRUE(d.ok()) << d.status().message();
  ExpectBalanced(*d);
  std::map<std::string, std::string> why;
  for (const auto& r : d->rejects) why[r.layer + ":" + r.feature_id + ":" + std::to_string(r.fid)] = r.reason;
  auto reason = [&](const std::string& layer, const std::string& id) {
    for (const auto& r : d->rejects)
      if (r.layer == layer && r.feature_id == id) return r.reason;
    return std::string("<not rejected>");
  };
  EXPECT_EQ(reason("supplies", "S1"), "duplicate supply_id 'S1' (kept fid 1)");
  EXPECT_EQ(reason("supplies", "S_NULLGEOM"), "null geometry");
  EXPECT_EQ(reason("supplies", "S_POINT"), "geometry type Point not allowed");
  EXPECT_NE(reason("supplies", "S_FLAT").find("cannot be repaired"), std::string::npos) << reason("supplies", "S_FLAT");
  EXPECT_EQ(reason("supplies", "S_OLD"), "absurd supply_date 1800-01-01");
  EXPECT_EQ(reason("supplies", ""), "missing supply_id");
  EXPECT_EQ(reason("supplies", "S_CAUSE"), "unknown idle_cause 'weather'");
  EXPECT_EQ(reason("supplies", "S_BOWTIE"), "<not rejected>");
  EXPECT_EQ(reason("construction", "B2"), "unparseable observed_date '31/12/2019'");
  EXPECT_EQ(reason("enterprises", "E2/2021"), "supply_id 'S_NOPE' names no supply");
  EXPECT_EQ(reason("enterprises", "E3/2021"), "supply_id 'S_OLD' names no supply");
  EXPECT_EQ(reason("enterprises", "E1/2021"), "duplicate enterprise_id+year 'E1/2021' (kept fid 1)");
  const LayerReport* s = d->Report("supplies");
  EXPECT_EQ(s->read, 10);
  EXPECT_EQ(s->used, 3);  // S1, S_BOWTIE, S_GOOD
  EXPECT_EQ(s->repaired, 1);
  EXPECT_EQ(d->supplies.idle_cause.back(), IdleCause::kGovernment);
  // the bowtie becomes two triangles of 2,500 m² each
  for (size_t i = 0; i < d->supplies.size(); ++i) {
    if (d->supplies.id[i] == "S_BOWTIE") {
      EXPECT_NEAR(d->supplies.area_m2[i], 5000.0, 1e-6);
    }
  }
  EXPECT_EQ(d->enterprises.size(), 1u);
}

TEST_F(ReaderTest, FieldMappingAndOneSourcePerLayer) {
  auto layers = Valid();
  // supplies come as a Shapefile with the bureau's own field names
  LayerDef shp = layers[2];
  layers.erase(layers.begin() + 2);
  shp.name = "gd";
  shp.fields = {{"DKBH", OFTString}, {"GDRQ", OFTDate}, {"DGRQ", OFTDate}};
  shp.features = {{{{"DKBH", "S9"}, {"GDRQ", "2016-01-01"}, {"DGRQ", "2016-06-01"}}, Sq(520100, 3520100, 100)}};
  Write(Path("main.gpkg"), layers);
  Write(Path("gd.shp"), {shp}, "ESRI Shapefile");
  {
    std::ofstream f(Path("map.json"));
    f << R"({"supplies": {"fields": {"supply_id": "DKBH", "supply_date": "GDRQ", "agreed_start": "DGRQ"}}})";
  }
  ReadOptions o;
  o.source = Path("main.gpkg");
  o.layer_sources["supplies"] = Path("gd.shp");
  o.field_map_path = Path("map.json");
  auto d = ReadInput(o);
  ASSERT_TRUE(d.ok()) << d.status().message();
  ASSERT_EQ(d->supplies.size(), 1u);
  EXPECT_EQ(d->supplies.id[0], "S9");
  EXPECT_EQ(d->supplies.agreed_start[0], *ParseDate("2016-06-01"));
  {
    std::ofstream f(Path("badmap.json"));
    f << R"({"supplies": {"feilds": {}}})";
  }
  o.field_map_path = Path("badmap.json");
  auto bad = ReadInput(o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("supplies.feilds"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace panhuo

namespace panhuo {
namespace {

// Every input polygon takes this path; the quick test for simple rings must never let an
// invalid ring through unrepaired.
detail::PreparedGeometry Prepared(const char* wkt) {
  OGRGeometry* g = nullptr;
  OGRGeometryFactory::createFromWkt(wkt, nullptr, &g);
  std::unique_ptr<OGRGeometry> owner(g);
  return detail::PrepareGeometry(g, detail::GeomKind::kPolygon, nullptr);
}

TEST(GeometryPrep, SimpleRingsPassAndDefectsAreRepaired) {
  auto concave = Prepared("POLYGON((0 0,10 0,10 10,5 4,0 10,0 0))");
  EXPECT_TRUE(concave.reject.empty());
  EXPECT_FALSE(concave.repaired);
  EXPECT_NEAR(Area(concave.polygons), 70.0, 1e-9);
  auto collinear = Prepared("POLYGON((0 0,5 0,10 0,10 10,0 10,0 0))");  // a straight-through vertex is fine
  EXPECT_FALSE(collinear.repaired);
  // a ring touching itself at a vertex (an inverted hole): invalid for GEOS
  auto touching = Prepared("POLYGON((0 0,10 0,10 10,5 10,7 5,3 5,5 10,0 10,0 0))");
  EXPECT_TRUE(touching.repaired);
  EXPECT_NEAR(Area(touching.polygons), 90.0, 1e-9);
  // a spike: an edge that folds back on itself
  auto spike = Prepared("POLYGON((0 0,10 0,10 10,10 15,10 10,0 10,0 0))");
  EXPECT_TRUE(spike.repaired);
  EXPECT_NEAR(Area(spike.polygons), 100.0, 1e-9);
  // a vertex lying on another edge
  auto on_edge = Prepared("POLYGON((0 0,10 0,10 10,5 0.0,0 10,0 0))");
  EXPECT_TRUE(on_edge.repaired || !on_edge.reject.empty());
}

}  // namespace
}  // namespace panhuo
