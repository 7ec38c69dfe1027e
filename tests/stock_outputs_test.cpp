// The v3 stock lists in every file a scan writes: the GeoPackage layers (with their QGIS styles
// and Chinese field titles), the CSV copies and the Excel ledger's sheets.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>
#include <memory>
#include <unistd.h>

#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
#include "ledger_support.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;
namespace fs = std::filesystem;

struct Closer {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, Closer>;

// A reserve (1 ha unsupplied), an approval half on basic farmland (0.5 ha unfit), an industrial
// parcel in use with no enterprise row (2 ha low-efficiency) and an idle parcel of 甲集团 (1 ha).
CountyBuilder StockCounty() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Reserve("R1", "2020-03-01", Rect(0, 500, 100, 600));
  b.Approval("A1", "2019-01-01", Rect(0, 0, 100, 100));
  b.Constraint("C1", "basic_farmland", Rect(50, 0, 150, 100));
  b.Supply("S-LOW", "2018-01-01", "2018-06-01", Rect(200, 0, 400, 100)).Holder("乙公司");
  b.Built("B", "2019-01-01", Rect(200, 0, 400, 100));
  b.Supply("S-IDLE", "2018-01-01", "2018-06-01", Rect(500, 0, 600, 100)).Holder(" 甲公司 ");
  b.Group("甲公司", "甲集团");
  b.Enterprise("E1", "S-LOW", 2020, 10, 100);  // a row of 2021 elsewhere makes the year known
  b.Supply("S-OTHER", "2021-03-01", "2021-09-01", Rect(700, 0, 800, 100));
  b.Built("B2", "2021-10-01", Rect(700, 0, 800, 100));
  b.Enterprise("E2", "S-OTHER", 2021, 10, 100);
  return b;
}

fs::path Write(const County& c, const std::string& lang) {
  ScanParams p;
  p.as_of = D("2021-12-31");
  p.basis_lang = lang;
  auto r = Scan(c, p);
  EXPECT_TRUE(r.ok());
  const fs::path dir = fs::temp_directory_path() / ("panhuo_stock_" + lang + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  WriteOptions wo;
  wo.output = (dir / "out.gpkg").string();
  wo.xlsx = (dir / "ledger.xlsx").string();
  wo.csv_dir = (dir / "csv").string();
  wo.lang = lang;
  wo.input = "test";
  GDALAllRegister();
  const Status s = WriteScan(c, *r, wo);
  EXPECT_TRUE(s.ok()) << s.message();
  return dir;
}

std::unique_ptr<OGRFeature> First(GDALDataset* ds, const char* layer) {
  OGRLayer* l = ds->GetLayerByName(layer);
  EXPECT_TRUE(l) << layer;
  return std::unique_ptr<OGRFeature>(l ? l->GetNextFeature() : nullptr);
}

TEST(StockOutputs, GeoPackageLayersCarryTheListsWithTheirBasis) {
  County c = StockCounty().Make();
  const fs::path dir = Write(c, "zh");
  Ds gpkg(GDALDataset::Open((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(gpkg);
  auto reserve = First(gpkg.get(), "reserve_unsupplied");
  ASSERT_TRUE(reserve);
  EXPECT_STREQ(reserve->GetFieldAsString("reserve_id"), "R1");
  EXPECT_STREQ(reserve->GetFieldAsString("kind"), "purchase");
  EXPECT_STREQ(reserve->GetFieldAsString("town_code"), "T1");
  EXPECT_NEAR(reserve->GetFieldAsDouble("unsupplied_ha"), 1.0, 1e-9);
  EXPECT_EQ(reserve->GetFieldAsInteger("age_days"), 670);  // 2020-03-01 .. 2021-12-31
  EXPECT_NE(std::string(reserve->GetFieldAsString("basis")).find("收储"), std::string::npos);
  auto unfit = First(gpkg.get(), "unfit_for_supply");
  ASSERT_TRUE(unfit);
  EXPECT_STREQ(unfit->GetFieldAsString("approval_id"), "A1");
  EXPECT_NEAR(unfit->GetFieldAsDouble("unsupplied_ha"), 1.0, 1e-9);
  EXPECT_NEAR(unfit->GetFieldAsDouble("constrained_ha"), 0.5, 1e-9);
  EXPECT_STREQ(unfit->GetFieldAsString("kinds"), "basic_farmland");
  EXPECT_NEAR(unfit->GetGeometryRef()->toMultiPolygon()->get_Area(), 5000.0, 1e-6);
  auto low = First(gpkg.get(), "low_efficiency");
  ASSERT_TRUE(low);
  EXPECT_STREQ(low->GetFieldAsString("supply_id"), "S-LOW");
  EXPECT_STREQ(low->GetFieldAsString("reason"), "no_enterprise");
  EXPECT_STREQ(low->GetFieldAsString("holder"), "乙公司");
  EXPECT_EQ(low->GetFieldAsInteger("enterprises_n"), 0);
  EXPECT_FALSE(low->IsFieldSetAndNotNull(low->GetFieldIndex("tax_per_mu")));
  auto group = First(gpkg.get(), "holders");
  ASSERT_TRUE(group);
  EXPECT_STREQ(group->GetFieldAsString("group_name"), "甲集团");
  EXPECT_NEAR(group->GetFieldAsDouble("idle_ha"), 1.0, 1e-9);
  EXPECT_EQ(group->GetFieldAsInteger("rank"), 1);
  OGRLayer* idle = gpkg->GetLayerByName("idle");
  std::unique_ptr<OGRFeature> f(idle->GetNextFeature());
  EXPECT_STREQ(f->GetFieldAsString("group_name"), "甲集团");
  auto town = First(gpkg.get(), "towns");
  EXPECT_NEAR(town->GetFieldAsDouble("reserve_ha"), 1.0, 1e-9);
  EXPECT_NEAR(town->GetFieldAsDouble("unfit_ha"), 0.5, 1e-9);
  EXPECT_NEAR(town->GetFieldAsDouble("low_efficiency_ha"), 2.0, 1e-9);
  // styles and Chinese titles
  std::map<std::string, std::string> titles;
  OGRLayer* dc = gpkg->ExecuteSQL("SELECT table_name || '.' || column_name, title FROM gpkg_data_columns", nullptr, nullptr);
  for (auto& row : *dc) titles[row->GetFieldAsString(0)] = row->GetFieldAsString(1);
  gpkg->ReleaseResultSet(dc);
  EXPECT_EQ(titles["reserve_unsupplied.unsupplied_ha"], "储备未供面积（公顷）");
  EXPECT_EQ(titles["unsupplied.unsupplied_ha"], "批而未供面积（公顷）");
  EXPECT_EQ(titles["holders.unused_ha"], "供而未用面积（公顷）");
  EXPECT_EQ(titles["towns.low_efficiency_ha"], "低效用地面积（公顷）");
  EXPECT_EQ(titles["supply_status.group_name"], "企业集团");
  std::map<std::string, std::string> qml;
  for (auto& row : *gpkg->GetLayerByName("layer_styles")) qml[row->GetFieldAsString("f_table_name")] = row->GetFieldAsString("styleQML");
  for (const char* l : {"reserve_unsupplied", "unfit_for_supply", "low_efficiency", "holders"}) EXPECT_TRUE(qml.count(l)) << l;
  EXPECT_NE(qml["low_efficiency"].find("attr=\"reason\""), std::string::npos);
  gpkg.reset();
  for (const char* l : {"reserve_unsupplied", "unfit_for_supply", "low_efficiency", "holders"})
    EXPECT_TRUE(fs::exists(dir / "csv" / (std::string(l) + ".csv"))) << l;
  fs::remove_all(dir);
}

TEST(StockOutputs, LedgerSheetsInChineseAndEnglish) {
  County c = StockCounty().Make();
  for (const std::string lang : {"zh", "en"}) {
    const fs::path dir = Write(c, lang);
    const std::string xlsx = (dir / "ledger.xlsx").string();
    const bool zh = lang == "zh";
    for (const char* sheet : {zh ? "收购储备" : "reserve_unsupplied", zh ? "不具备供地条件" : "unfit_for_supply",
                              zh ? "低效用地" : "low_efficiency", zh ? "企业集团供而未用" : "holders"}) {
      const auto s = testing::ReadLedgerSheet(xlsx, sheet);
      ASSERT_TRUE(s.found) << sheet;
      EXPECT_EQ(s.rows.size(), 1u) << sheet;
    }
    const auto r = testing::ReadLedgerSheet(xlsx, zh ? "收购储备" : "reserve_unsupplied");
    const int mu = r.Column(zh ? "储备未供面积（亩）" : "unsupplied_mu");
    ASSERT_GE(mu, 0);
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_NEAR(std::stod(r.rows[0][static_cast<size_t>(mu)]), 15.0, 1e-9);
    const int basis = r.Column(zh ? "认定依据" : "basis");
    ASSERT_GE(basis, 0);
    EXPECT_EQ(r.rows[0][static_cast<size_t>(basis)].rfind(zh ? "2020-03-01收储（收购）" : "acquired 2020-03-01", 0), 0u);
    // a code in Chinese in the Chinese ledger, as written in the English one
    const int kind = r.Column(zh ? "收储方式" : "kind");
    ASSERT_GE(kind, 0);
    EXPECT_EQ(r.rows[0][static_cast<size_t>(kind)], zh ? "收购" : "purchase");
    fs::remove_all(dir);
  }
}

TEST(StockOutputs, AbsentLayersGiveEmptyListsAndNullTownFigures) {
  auto b = StockCounty();
  b.Absent("reserves").Absent("constraints").Absent("holder_groups");
  b.d.reserves = {};
  b.d.constraints = {};
  b.d.holder_groups = {};
  County c = b.Make();
  const fs::path dir = Write(c, "zh");
  Ds gpkg(GDALDataset::Open((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(gpkg);
  EXPECT_EQ(gpkg->GetLayerByName("reserve_unsupplied")->GetFeatureCount(), 0);
  EXPECT_EQ(gpkg->GetLayerByName("unfit_for_supply")->GetFeatureCount(), 0);
  auto town = First(gpkg.get(), "towns");
  EXPECT_FALSE(town->IsFieldSetAndNotNull(town->GetFieldIndex("reserve_ha")));
  EXPECT_FALSE(town->IsFieldSetAndNotNull(town->GetFieldIndex("unfit_ha")));
  EXPECT_NEAR(town->GetFieldAsDouble("low_efficiency_ha"), 2.0, 1e-9);
  // without the mapping, the holder is its own group
  auto group = First(gpkg.get(), "holders");
  ASSERT_TRUE(group);
  EXPECT_STREQ(group->GetFieldAsString("group_name"), "甲公司");
  gpkg.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace panhuo
