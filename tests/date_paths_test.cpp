// Every calendar date from 1949-10-01 to 2100-12-31 read back as written, from a GeoPackage (both
// the Arrow stream and the feature-by-feature path), a Shapefile, a FileGDB and a GeoJSON file:
// GDAL's conversions of dates before 1970 have been off by one day on some paths, and the engine
// must give the same calendar date whatever the source and the path.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "read_paths.hpp"
#include "reader_fixture.hpp"

namespace panhuo::testing {
namespace {

struct Source {
  const char* driver;
  const char* name;
};

class DatePaths : public ReaderTest, public ::testing::WithParamInterface<Source> {};

// The layers of Valid() with one supply a day, supply_date = agreed_start = that day.
std::vector<LayerDef> EveryDay(Date first, Date last) {
  std::vector<LayerDef> layers = Valid();
  LayerDef& supplies = layers[2];
  supplies.features.clear();
  for (int32_t day = first.days, k = 0; day <= last.days; ++day, ++k) {
    const std::string text = Date{day}.ToString();
    const double x = 520000 + (k % 250) * 4.0, y = 3520000 + (k / 250) * 4.0;
    supplies.features.push_back(
        {{{"supply_id", "S" + std::to_string(k)}, {"supply_date", text}, {"agreed_start", text}, {"land_use", "0601"}},
         Sq(x, y, 2.0)});
  }
  return layers;
}

TEST_P(DatePaths, EveryDayFrom1949To2100ReadsAsWritten) {
  const Date first = *ParseDate("1949-10-01"), last = *ParseDate("2100-12-31");
  // the county in a GeoPackage, its supplies in the format under test (GeoJSON holds one layer)
  std::vector<LayerDef> layers = EveryDay(first, last);
  const std::string county = Path("county.gpkg"), path = Path(GetParam().name);
  Write(path, {layers[2]}, GetParam().driver);
  layers.erase(layers.begin() + 2);
  Write(county, layers);
  for (const ReadPath read_path : {ReadPath::kSqlite, ReadPath::kArrow, ReadPath::kFeatures}) {
    const std::string how = std::string(" (") + PathName(read_path) + ")";
    ReadOptions o;
    o.source = county;
    o.layer_sources["supplies"] = path;
    UsePath(o, read_path);
    o.accept_rejects = true;
    auto d = ReadInput(o);
    ASSERT_TRUE(d.ok()) << d.status().message();
    const SuppliesLayer& s = d->supplies;
    ASSERT_EQ(s.size(), static_cast<size_t>(last.days - first.days + 1)) << how;
    int wrong = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const Date want{first.days + std::stoi(s.id[i].substr(1))};
      if ((s.date[i] != want || s.agreed_start[i] != want) && ++wrong <= 5)
        ADD_FAILURE() << GetParam().driver << how << ": " << s.id[i] << " written "
                      << want.ToString() << ", read " << s.date[i].ToString() << " / " << s.agreed_start[i].ToString();
    }
    EXPECT_EQ(wrong, 0) << GetParam().driver << how;
  }
}

INSTANTIATE_TEST_SUITE_P(Sources, DatePaths,
                         ::testing::Values(Source{"GPKG", "days.gpkg"}, Source{"ESRI Shapefile", "days_shp"},
                                           Source{"OpenFileGDB", "days.gdb"}, Source{"GeoJSON", "days.geojson"}),
                         [](const ::testing::TestParamInfo<Source>& p) {
                           std::string n = p.param.driver;
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace panhuo::testing
