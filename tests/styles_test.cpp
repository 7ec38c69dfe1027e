// Every output GeoPackage carries QGIS default styles (layer_styles, the table and columns QGIS
// reads) and Chinese field titles (gpkg_data_columns, the GeoPackage schema extension).
#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

struct Written {
  std::string path;
  std::unique_ptr<GDALDataset> ds;
};

Written ScanOfSmallCounty() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Approval("A1", "2015-01-01", Rect(0, 0, 100, 100));
  b.Supply("S1", "2016-01-01", "2016-06-01", Rect(200, 0, 300, 100));
  County c = b.Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  Written w;
  w.path = (std::filesystem::temp_directory_path() /
            ("panhuo_styles_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
             std::to_string(::getpid()) + ".gpkg"))
               .string();
  WriteOptions wo;
  wo.output = w.path;
  wo.overwrite = true;
  wo.input = "test";
  GDALAllRegister();
  EXPECT_TRUE(WriteScan(c, *r, wo).ok());
  w.ds.reset(GDALDataset::Open(w.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  return w;
}

bool WellFormedXml(std::string text) {
  const size_t doctype = text.find("'SYSTEM'>");  // QGIS's DOCTYPE line is not for the parser
  if (doctype != std::string::npos) text = text.substr(doctype + 9);
  CPLXMLNode* n = CPLParseXMLString(text.c_str());
  if (!n) return false;
  CPLDestroyXMLNode(n);
  return true;
}

TEST(Styles, EveryLayerHasADefaultQgisStyleWithChineseAliases) {
  Written w = ScanOfSmallCounty();
  ASSERT_TRUE(w.ds);
  OGRLayer* styles = w.ds->GetLayerByName("layer_styles");
  ASSERT_TRUE(styles);
  // the columns QGIS reads and writes
  for (const char* f : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                        "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"})
    EXPECT_GE(styles->GetLayerDefn()->GetFieldIndex(f), 0) << f;
  std::map<std::string, std::string> qml, sld;
  for (auto& f : *styles) {
    EXPECT_EQ(f->GetFieldAsInteger("useAsDefault"), 1);
    qml[f->GetFieldAsString("f_table_name")] = f->GetFieldAsString("styleQML");
    sld[f->GetFieldAsString("f_table_name")] = f->GetFieldAsString("styleSLD");
  }
  for (int i = 0; i < w.ds->GetLayerCount(); ++i) {
    const std::string name = w.ds->GetLayer(i)->GetName();
    if (name == "layer_styles") continue;
    ASSERT_TRUE(qml.count(name)) << "no style for " << name;
    EXPECT_TRUE(WellFormedXml(qml[name])) << name;
    if (!sld[name].empty()) EXPECT_TRUE(WellFormedXml(sld[name])) << name;
  }
  EXPECT_NE(qml["idle"].find("type=\"categorizedSymbol\" attr=\"action\""), std::string::npos);
  EXPECT_NE(qml["idle"].find("value=\"recover\""), std::string::npos);
  EXPECT_NE(qml["towns"].find("type=\"graduatedSymbol\" attr=\"completion\""), std::string::npos);
  EXPECT_NE(qml["unsupplied"].find("attr=\"lapsed\""), std::string::npos);
  EXPECT_NE(qml["idle"].find("<alias field=\"fee_wan\""), std::string::npos);
  EXPECT_NE(qml["idle"].find("闲置费（万元）"), std::string::npos);
  EXPECT_NE(sld["idle"].find("<ogc:Literal>recover</ogc:Literal>"), std::string::npos);
  w.ds.reset();
  std::filesystem::remove(w.path);
}

TEST(Styles, FieldsCarryChineseTitlesInGpkgDataColumns) {
  Written w = ScanOfSmallCounty();
  ASSERT_TRUE(w.ds);
  OGRLayer* r = w.ds->ExecuteSQL("SELECT table_name, column_name, title FROM gpkg_data_columns", nullptr, nullptr);
  ASSERT_TRUE(r);
  std::map<std::pair<std::string, std::string>, std::string> titles;
  for (auto& f : *r) titles[{f->GetFieldAsString(0), f->GetFieldAsString(1)}] = f->GetFieldAsString(2);
  w.ds->ReleaseResultSet(r);
  EXPECT_EQ((titles[{"idle", "fee_wan"}]), "闲置费（万元）");
  EXPECT_EQ((titles[{"towns", "completion"}]), "完成率");
  EXPECT_EQ((titles[{"unsupplied", "unsupplied_ha"}]), "批而未供面积（公顷）");
  // every field of the towns layer has a title
  OGRFeatureDefn* towns = w.ds->GetLayerByName("towns")->GetLayerDefn();
  for (int i = 0; i < towns->GetFieldCount(); ++i)
    EXPECT_TRUE(titles.count({"towns", towns->GetFieldDefn(i)->GetNameRef()})) << towns->GetFieldDefn(i)->GetNameRef();
  OGRLayer* ext = w.ds->ExecuteSQL(
      "SELECT count(*) FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' AND extension_name = 'gpkg_schema'",
      nullptr, nullptr);
  ASSERT_TRUE(ext);
  std::unique_ptr<OGRFeature> n(ext->GetNextFeature());
  EXPECT_EQ(n->GetFieldAsInteger(0), 1);
  w.ds->ReleaseResultSet(ext);
  w.ds.reset();
  std::filesystem::remove(w.path);
}

}  // namespace
}  // namespace panhuo
