// Real parcels: the Wuxi Xinwu land-use layer (EULUC-China) and its 250 m grid with expected
// industrial area per cell. With the cells as supplies and the industrial parcels (Class 3) as
// construction, the engine's built_ha per cell must reproduce area_industrial_m2. Goes through
// the real reader (a contract GeoPackage assembled here). Skipped when the data is absent.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "panhuo/input/reader.hpp"
#include "panhuo/scan/scan.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

fs::path XinwuDir() {
  if (const char* env = std::getenv("PANHUO_EXTERNAL")) return fs::path(env) / "wuxi_xinwu";
  return fs::path(PANHUO_SOURCE_DIR) / ".." / "shared" / "external" / "wuxi_xinwu";
}

struct Closer {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, Closer>;

// Copies the features of `src` into a new contract layer with constant attributes.
void CopyAs(OGRLayer* src, GDALDataset* dst, const char* name, const std::vector<std::pair<std::string, std::string>>& attrs,
            const char* id_field, const char* id_source, const char* where = nullptr) {
  OGRLayer* out = dst->CreateLayer(name, src->GetSpatialRef(), wkbMultiPolygon, nullptr);
  OGRFieldDefn id(id_field, OFTString);
  out->CreateField(&id);
  for (const auto& [k, v] : attrs) {
    OGRFieldDefn f(k.c_str(), k.find("date") != std::string::npos || k == "agreed_start" ? OFTDate : OFTString);
    out->CreateField(&f);
  }
  src->SetAttributeFilter(where);
  src->ResetReading();
  ASSERT_EQ(out->StartTransaction(), OGRERR_NONE);
  while (OGRFeature* f = src->GetNextFeature()) {
    OGRFeature o(out->GetLayerDefn());
    // "fid" names the source's feature id, which is not a field
    const std::string id = std::string(id_source) == "fid" ? std::to_string(f->GetFID()) : f->GetFieldAsString(id_source);
    o.SetField(id_field, id.c_str());
    for (const auto& [k, v] : attrs) o.SetField(k.c_str(), v.c_str());
    o.SetGeometry(f->GetGeometryRef());
    ASSERT_EQ(out->CreateFeature(&o), OGRERR_NONE);
    OGRFeature::DestroyFeature(f);
  }
  ASSERT_EQ(out->CommitTransaction(), OGRERR_NONE);
  src->SetAttributeFilter(nullptr);
}

TEST(Xinwu, BuiltAreaPerGridCellReproducesTheIndustrialArea) {
  const fs::path grid_path = XinwuDir() / "xinwu_built_env_250m.gpkg";
  const fs::path parcels_path = XinwuDir() / "xinwu_land_use.gpkg";
  if (!fs::exists(grid_path) || !fs::exists(parcels_path)) GTEST_SKIP() << "Xinwu data not present";
  GDALAllRegister();
  Ds grid(GDALDataset::Open(grid_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  Ds parcels(GDALDataset::Open(parcels_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(grid && parcels);
  OGRLayer* cells = grid->GetLayerByName("built_env_250m");
  ASSERT_TRUE(cells);
  const fs::path county = fs::path(::testing::TempDir()) / ("xinwu_" + std::to_string(::getpid()) + ".gpkg");
  {
    Ds out(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(county.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_TRUE(out);
    CopyAs(cells, out.get(), "towns", {}, "town_code", "grid_id_main");
    CopyAs(cells, out.get(), "approvals", {{"approval_date", "2009-01-01"}}, "approval_id", "grid_id_main");
    CopyAs(cells, out.get(), "supplies", {{"supply_date", "2010-01-01"}, {"agreed_start", "2010-06-01"}},
           "supply_id", "grid_id_main");
    CopyAs(parcels->GetLayer(0), out.get(), "construction", {{"observed_date", "2015-01-01"}}, "obs_id", "fid",
           "Class = 3");
  }
  ReadOptions ro;
  ro.source = county.string();
  auto data = ReadInput(ro);
  fs::remove(county);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->construction.size(), 435u);
  County c(std::move(*data));
  ScanParams p;
  p.as_of = *ParseDate("2021-12-31");
  auto r = Scan(c, p);
  ASSERT_TRUE(r.ok());
  std::map<std::string, double> expected;
  for (auto& f : *cells) expected[f->GetFieldAsString("grid_id_main")] = f->GetFieldAsDouble("area_industrial_m2");
  int checked = 0;
  double total = 0;
  for (const auto& s : r->supplies) {
    const std::string& id = c.data().supplies.id[s.supply];
    const double got = s.built_ha * kSquareMetresPerHectare;
    EXPECT_NEAR(got, expected.at(id), 1e-6 * std::max(1.0, expected.at(id)) + 1e-4) << "cell " << id;
    total += got;
    ++checked;
  }
  EXPECT_EQ(checked, 3999);
  std::printf("[xinwu] %d cells, industrial %.1f m² in the grid, %lld overlay fallbacks\n", checked, total,
              static_cast<long long>(r->counts.overlay_fallbacks));
}

}  // namespace
}  // namespace panhuo
