// -f takes the GDAL vector drivers a bureau uses besides GeoPackage: each output read back
// equals the GeoPackage's tables, row by row and field by field (fields by position: a
// Shapefile's DBF cuts names to 10 bytes, and the names file beside it gives them whole).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "panhuo/sinks/output_format.hpp"

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;
using panhuo::testing::Ds;
using panhuo::testing::Open;
using panhuo::testing::Shell;

const std::string kSample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";

struct Format {
  const char* driver;
  const char* output;  // a folder, or a .gdb
  bool file_per_layer_opened_alone;  // GeoJSON: a folder of files GDAL opens one by one
  size_t text_bytes;  // longest text the format keeps (a DBF field: 254 bytes)
};

class Formats : public ::testing::TestWithParam<Format> {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_formats_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const auto r = Shell(Cli() + " scan " + kSample + " --as-of 2021-12-31 -q -o " + (dir_ / "ref.gpkg").string());
    ASSERT_EQ(r.code, 0) << r.out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_;
};
fs::path Formats::dir_;

std::string DateText(std::string s) {  // "2021/12/31" whatever the format made of a date
  for (char& c : s)
    if (c == '-') c = '/';
  return s.substr(0, 10);
}

TEST_P(Formats, ReadBackEqualsTheGeoPackage) {
  const Format& f = GetParam();
  const std::string out = (dir_ / f.output).string();
  const auto r = Shell(Cli() + " scan " + kSample + " --as-of 2021-12-31 -q -f '" + f.driver + "' -o " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  auto ref = Open((dir_ / "ref.gpkg").string());
  ASSERT_TRUE(ref);
  Ds whole = f.file_per_layer_opened_alone ? Ds() : Open(out);
  if (!f.file_per_layer_opened_alone) ASSERT_TRUE(whole) << out;
  int layers = 0;
  for (OGRLayer* want : ref->GetLayers()) {
    const std::string name = want->GetName();
    if (name == "layer_styles") continue;
    // a folder of one-layer files is opened file by file; FlatGeobuf's tables are CSV files
    const fs::path csv = fs::path(out) / (name + ".csv");
    Ds own = f.file_per_layer_opened_alone ? Open((fs::path(out) / (name + ".geojson")).string())
             : fs::exists(csv)             ? Open(csv.string())
                                           : Ds();
    OGRLayer* got = own ? own->GetLayer(0) : whole ? whole->GetLayerByName(name.c_str()) : nullptr;
    ASSERT_TRUE(got) << name;
    ++layers;
    ASSERT_EQ(got->GetFeatureCount(), want->GetFeatureCount()) << name;
    OGRFeatureDefn* wd = want->GetLayerDefn();
    if (want->GetFeatureCount() == 0) continue;  // GeoJSON keeps no field list without a row
    ASSERT_GE(got->GetLayerDefn()->GetFieldCount(), wd->GetFieldCount()) << name;  // a CSV adds its WKT
    // each row as text, fields by position; the rows compared as sorted lists (FlatGeobuf
    // writes them in the order of its spatial index)
    // where each field of the GeoPackage's layer is in `l`: by name (a CSV puts its WKT first),
    // else by position (a Shapefile cuts names)
    auto index_in = [&](OGRLayer* l) {
      std::vector<int> at;
      for (int i = 0; i < wd->GetFieldCount(); ++i) {
        const int k = l->GetLayerDefn()->GetFieldIndex(wd->GetFieldDefn(i)->GetNameRef());
        at.push_back(k >= 0 ? k : i);
      }
      return at;
    };
    auto rows_of = [&](OGRLayer* l) {
      const std::vector<int> at = index_in(l);
      std::vector<std::string> rows;
      l->ResetReading();
      for (auto& feat : *l) {
        std::string row;
        for (int i = 0; i < wd->GetFieldCount(); ++i) {
          const int k = at[static_cast<size_t>(i)];
          row += "|";
          if (!feat->IsFieldSetAndNotNull(k) || std::string(feat->GetFieldAsString(k)).empty()) {  // CSV: null is ""
            row += "<null>";
            continue;
          }
          char buf[64];
          switch (wd->GetFieldDefn(i)->GetType()) {
            case OFTReal:
              std::snprintf(buf, sizeof buf, "%.9g", feat->GetFieldAsDouble(k));
              row += buf;
              break;
            case OFTInteger:
            case OFTInteger64:
              row += std::to_string(feat->GetFieldAsInteger64(k));
              break;
            case OFTDate:
            case OFTDateTime:
              row += DateText(feat->GetFieldAsString(k));
              break;
            default: {
              const std::string t = feat->GetFieldAsString(k);
              row += t.substr(0, f.text_bytes - 3);  // as far as the format keeps every text
            }
          }
        }
        const OGRGeometry* g = feat->GetGeometryRef();
        char area[64] = "<none>";
        if (g && !g->IsEmpty()) std::snprintf(area, sizeof area, "%.4f", OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g))));
        rows.push_back(row + "|" + area);
      }
      std::sort(rows.begin(), rows.end());
      return rows;
    };
    const auto want_rows = rows_of(want), got_rows = rows_of(got);
    ASSERT_EQ(got_rows.size(), want_rows.size()) << name;
    for (size_t k = 0; k < want_rows.size(); ++k) ASSERT_EQ(got_rows[k], want_rows[k]) << name;
  }
  EXPECT_GE(layers, 10);
  if (std::string(f.driver) == "FlatGeobuf")  // the tables and the layer with rows without geometry
    for (const char* table : {"efficiency", "run", "rejects"}) EXPECT_TRUE(fs::exists(fs::path(out) / (std::string(table) + ".csv"))) << table;
  const bool names_cut = std::string(f.driver) == "ESRI Shapefile";
  const fs::path names = fs::path(out) / panhuo::kFieldNamesFile;
  EXPECT_EQ(fs::exists(names), names_cut);
  if (names_cut) {
    std::ifstream in(names);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("unsupplied\tunsupplied\tunsupplied_ha\t批而未供面积（公顷）"), std::string::npos) << text.substr(0, 400);
  }
}

INSTANTIATE_TEST_SUITE_P(Drivers, Formats,
                         ::testing::Values(Format{"FlatGeobuf", "fgb", false, 1u << 30},
                                           Format{"GeoJSON", "geojson", true, 1u << 30},
                                           Format{"ESRI Shapefile", "shp", false, 254},
                                           Format{"OpenFileGDB", "out.gdb", false, 1u << 30}),
                         [](const ::testing::TestParamInfo<Format>& p) {
                           std::string n = p.param.driver;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
