// Test helper: small GeoPackages (or other GDAL sources) written from WKT and field values, and
// a fixture with a temporary folder per test, for the reader's tests.
#pragma once

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "panhuo/input/reader.hpp"

namespace panhuo::testing {

namespace fs = std::filesystem;

struct Feature {
  std::map<std::string, std::string> fields;  // name -> value ("" = null)
  std::string wkt;                            // "" = no geometry
};

struct LayerDef {
  std::string name;
  OGRwkbGeometryType type = wkbMultiPolygon;
  std::vector<std::pair<std::string, OGRFieldType>> fields;
  std::vector<Feature> features;
  int epsg = 4549;  // 0: no CRS
};

inline std::string Sq(double x0, double y0, double s) {
  auto n = [](double v) { return std::to_string(v); };
  return "POLYGON((" + n(x0) + " " + n(y0) + "," + n(x0 + s) + " " + n(y0) + "," + n(x0 + s) + " " + n(y0 + s) +
         "," + n(x0) + " " + n(y0 + s) + "," + n(x0) + " " + n(y0) + "))";
}

inline void Write(const std::string& path, const std::vector<LayerDef>& layers, const char* driver = "GPKG") {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
  GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  ASSERT_TRUE(ds) << path;
  for (const auto& l : layers) {
    OGRSpatialReference srs;
    if (l.epsg) {
      srs.importFromEPSG(l.epsg);
      srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayer* layer = ds->CreateLayer(l.name.c_str(), l.epsg && l.type != wkbNone ? &srs : nullptr, l.type, nullptr);
    ASSERT_TRUE(layer) << l.name;
    std::map<std::string, int> index;  // by the name asked for: a driver may cut it (a DBF's 10 bytes)
    for (const auto& [n, t] : l.fields) {
      OGRFieldDefn f(n.c_str(), t);
      ASSERT_EQ(layer->CreateField(&f), OGRERR_NONE) << l.name << "." << n;
      index[n] = layer->GetLayerDefn()->GetFieldCount() - 1;
    }
    for (const auto& ft : l.features) {
      OGRFeature f(layer->GetLayerDefn());
      for (const auto& [n, v] : ft.fields)
        if (!v.empty()) f.SetField(index.count(n) ? index[n] : f.GetFieldIndex(n.c_str()), v.c_str());
      if (!ft.wkt.empty()) {
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(ft.wkt.c_str(), nullptr, &g);
        f.SetGeometryDirectly(g);
      }
      ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
    }
  }
  GDALClose(ds);
}

// A minimal valid county: one town, one approval, one supply, one footprint.
inline std::vector<LayerDef> Valid(int epsg = 4549, double x0 = 520000, double y0 = 3520000, double s = 1000) {
  return {
      {"towns", wkbMultiPolygon, {{"town_code", OFTString}, {"town_name", OFTString}, {"kind", OFTString}},
       {{{{"town_code", "320281001"}, {"town_name", "澄江街道"}, {"kind", "street"}}, Sq(x0, y0, s)}}, epsg},
      {"approvals", wkbMultiPolygon,
       {{"approval_id", OFTString}, {"batch_no", OFTString}, {"approval_date", OFTDate}, {"kind", OFTString}},
       {{{{"approval_id", "A1"}, {"approval_date", "2015-03-01"}}, Sq(x0 + s * 0.1, y0 + s * 0.1, s * 0.2)}}, epsg},
      {"supplies", wkbMultiPolygon,
       {{"supply_id", OFTString}, {"supply_date", OFTDate}, {"agreed_start", OFTDate}, {"land_use", OFTString},
        {"price_wan", OFTReal}, {"idle_cause", OFTString}},
       {{{{"supply_id", "S1"}, {"supply_date", "2016-01-01"}, {"agreed_start", "2016-06-01"}, {"land_use", "0601"}},
         Sq(x0 + s * 0.1, y0 + s * 0.1, s * 0.1)}},
       epsg},
      {"construction", wkbMultiPolygon, {{"obs_id", OFTString}, {"observed_date", OFTDate}},
       {{{{"obs_id", "B1"}, {"observed_date", "2017-01-01"}}, Sq(x0 + s * 0.12, y0 + s * 0.12, s * 0.02)}}, epsg},
  };
}

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_reader_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  // Reads `source`; with `accept_rejects`, a required layer that loses most of its features to
  // rejects is still read (the tests of reject reasons make such layers on purpose).
  Result<InputData> Read(const std::string& source, bool accept_rejects = true) {
    ReadOptions o;
    o.source = source;
    o.accept_rejects = accept_rejects;
    return ReadInput(o);
  }
  fs::path dir_;
};

inline void ExpectBalanced(const InputData& d) {
  for (const auto& r : d.reports) EXPECT_EQ(r.read, r.used + r.rejected) << r.name;
}

}  // namespace panhuo::testing
