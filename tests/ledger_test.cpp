// The Excel ledger (台账): one sheet per list with the rows of the GeoPackage, Chinese headers
// (English on request), dates as dates, each area in ha followed by the same area in mu.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
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

// A county with an unsupplied approval, an idle parcel and a warning; written with a ledger.
fs::path WriteWithLedger(const std::string& lang) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Approval("A1", "2015-01-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2020-02-01", Rect(500, 500, 600, 600));  // lapses 2022-02-01: a warning at T + 90
  b.Supply("S1", "2016-01-01", "2016-06-01", Rect(200, 0, 300, 100));
  b.Target("T1", 2021, 5.0);
  County c = b.Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  const fs::path dir = fs::temp_directory_path() / ("panhuo_ledger_" + lang + "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  WriteOptions wo;
  wo.output = (dir / "out.gpkg").string();
  wo.xlsx = (dir / "ledger.xlsx").string();
  wo.lang = lang;
  wo.input = "test";
  GDALAllRegister();
  const Status s = WriteScan(c, *r, wo);
  EXPECT_TRUE(s.ok()) << s.message();
  return dir;
}

TEST(Ledger, OneSheetPerListWithChineseHeadersAndMuBesideHectares) {
  const fs::path dir = WriteWithLedger("zh");
  Ds gpkg(GDALDataset::Open((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  Ds xlsx(GDALDataset::Open((dir / "ledger.xlsx").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(gpkg && xlsx);
  const std::map<std::string, std::string> sheets = {{"towns", "乡镇排名"},     {"unsupplied", "批而未供"},
                                                     {"idle", "闲置土地"},      {"warnings", "预警"},
                                                     {"efficiency", "亩均效益"}, {"rejects", "剔除要素"}};
  for (const auto& [layer, sheet] : sheets) {
    OGRLayer* s = xlsx->GetLayerByName(sheet.c_str());
    ASSERT_TRUE(s) << sheet;
    EXPECT_EQ(s->GetFeatureCount(), gpkg->GetLayerByName(layer.c_str())->GetFeatureCount()) << sheet;
    EXPECT_EQ(s->GetGeomType(), wkbNone);
  }
  OGRLayer* idle = xlsx->GetLayerByName("闲置土地");
  ASSERT_EQ(idle->GetFeatureCount(), 1);
  OGRFeatureDefn* d = idle->GetLayerDefn();
  const int ha = d->GetFieldIndex("宗地面积（公顷）"), mu = d->GetFieldIndex("宗地面积（亩）");
  ASSERT_GE(ha, 0);
  ASSERT_EQ(mu, ha + 1);
  const int date = d->GetFieldIndex("供地日期");
  ASSERT_GE(date, 0);
  EXPECT_EQ(d->GetFieldDefn(date)->GetType(), OFTDate);
  std::unique_ptr<OGRFeature> f(idle->GetNextFeature());
  EXPECT_NEAR(f->GetFieldAsDouble(ha), 1.0, 1e-9);
  EXPECT_NEAR(f->GetFieldAsDouble(mu), 15.0, 1e-9);
  EXPECT_STREQ(f->GetFieldAsString(d->GetFieldIndex("电子监管号")), "S1");
  OGRLayer* warnings = xlsx->GetLayerByName("预警");
  EXPECT_EQ(warnings->GetFeatureCount(), 1);
  gpkg.reset();
  xlsx.reset();
  fs::remove_all(dir);
}

TEST(Ledger, EnglishHeadersOnRequest) {
  const fs::path dir = WriteWithLedger("en");
  Ds xlsx(GDALDataset::Open((dir / "ledger.xlsx").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(xlsx);
  OGRLayer* idle = xlsx->GetLayerByName("idle");
  ASSERT_TRUE(idle);
  EXPECT_GE(idle->GetLayerDefn()->GetFieldIndex("parcel_ha"), 0);
  EXPECT_GE(idle->GetLayerDefn()->GetFieldIndex("parcel_mu"), 0);
  EXPECT_FALSE(fs::exists(dir / "ledger.partial.xlsx"));
  xlsx.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace panhuo
