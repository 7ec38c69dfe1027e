// The output GeoPackage's rows, inserted through SQLite (sinks/gpkg_rows), are what GDAL writes
// for the same features, blob for blob; its R-trees, packed once the rows are in
// (sinks/gpkg_rtree): SQLite's own check finds every one consistent, one entry per row with a
// geometry; GDAL's spatial filter through them selects exactly the rows a scan of every geometry
// selects; and GDAL's edits keep them right through the triggers the layer was given, as with an
// index GDAL built.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>
#include <set>
#include <string>

#include <sstream>
#include <vector>

namespace panhuo {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

std::string Cli() { return std::string(PANHUO_BINARY_DIR) + "/panhuo"; }

struct Db {
  sqlite3* db = nullptr;
  explicit Db(const std::string& path) { sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr); }
  ~Db() { sqlite3_close(db); }
  std::string One(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    std::string out = "<error: " + std::string(sqlite3_errmsg(db)) + ">";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
  }
};

class GpkgOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    GDALAllRegister();
    dir_ = fs::temp_directory_path() / ("panhuo_rtree_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    out_ = (dir_ / "scan.gpkg").string();
    const std::string cmd = Cli() + " scan " + std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg --as-of 2021-12-31 -q -o " +
                            out_ + " 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string out_;
};

// ogr2ogr copies every layer feature by feature through GDAL's own writer: the copy's rows, its
// geometry blobs, feature counts and extents equal the output's.
TEST_F(GpkgOutput, RowsAreWhatGdalWritesForTheSameFeatures) {
  const std::string copy = (dir_ / "copy.gpkg").string();
  const std::string cmd = "ogr2ogr -f GPKG -preserve_fid -lco FID=row_id " + copy + " " + out_ + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Db db(out_);
  ASSERT_EQ(sqlite3_exec(db.db, ("ATTACH '" + copy + "' AS gdal").c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  const std::string tables = db.One(
      "SELECT group_concat(table_name, ',') FROM gpkg_contents WHERE table_name <> 'layer_styles'");
  int compared = 0;
  for (const auto& t : Split(tables, ',')) {
    const std::string q = "\"" + t + "\"";
    EXPECT_EQ(db.One("SELECT count(*) FROM (SELECT * FROM main." + q + " EXCEPT SELECT * FROM gdal." + q + ")"), "0") << t;
    EXPECT_EQ(db.One("SELECT count(*) FROM (SELECT * FROM gdal." + q + " EXCEPT SELECT * FROM main." + q + ")"), "0") << t;
    EXPECT_EQ(db.One("SELECT feature_count FROM main.gpkg_ogr_contents WHERE table_name = '" + t + "'"),
              db.One("SELECT count(*) FROM main." + q))
        << t;
    EXPECT_EQ(db.One("SELECT count(*) FROM main.gpkg_contents a JOIN gdal.gpkg_contents b USING (table_name) WHERE "
                     "table_name = '" + t + "' AND (a.min_x IS NULL) = (b.min_x IS NULL) AND "
                     "coalesce(abs(a.min_x - b.min_x) + abs(a.max_x - b.max_x) + abs(a.min_y - b.min_y) + "
                     "abs(a.max_y - b.max_y), 0) < 1e-6"),
              "1")
        << t;
    ++compared;
  }
  EXPECT_GE(compared, 14);
}

TEST_F(GpkgOutput, EveryIndexIsConsistentWithOneEntryPerRowWithGeometry) {
  Db db(out_);
  const std::string tables =
      db.One("SELECT group_concat(table_name, ',') FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'");
  int checked = 0;
  for (const auto& t : Split(tables, ',')) {
    const std::string rtree = "\"rtree_" + t + "_geom\"";
    EXPECT_EQ(db.One("SELECT rtreecheck('rtree_" + t + "_geom')"), "ok") << t;
    EXPECT_EQ(db.One("SELECT count(*) FROM " + rtree),
              db.One("SELECT count(*) FROM \"" + t + "\" WHERE geom IS NOT NULL"))
        << t;
    EXPECT_EQ(db.One("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_" + t + "_geom_%'"), "6")
        << t;
    ++checked;
  }
  EXPECT_GE(checked, 10);  // every scan layer with geometry
  // the big lists have trees of more than one level
  EXPECT_NE(db.One("SELECT count(*) FROM \"rtree_supply_status_geom_parent\""), "0");
}

TEST_F(GpkgOutput, GdalsSpatialFilterSelectsWhatAScanOfEveryGeometrySelects) {
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out_.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* l = ds->GetLayerByName("supply_status");
  ASSERT_TRUE(l);
  OGREnvelope all;
  ASSERT_EQ(l->GetExtent(&all), OGRERR_NONE);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> ux(all.MinX, all.MaxX), uy(all.MinY, all.MaxY), size(50, 3000);
  for (int k = 0; k < 25; ++k) {
    const double x = ux(rng), y = uy(rng), w = size(rng), h = size(rng);
    OGRPolygon rect;
    OGRLinearRing ring;
    ring.addPoint(x, y), ring.addPoint(x + w, y), ring.addPoint(x + w, y + h), ring.addPoint(x, y + h), ring.addPoint(x, y);
    rect.addRing(&ring);
    std::set<GIntBig> scanned, filtered;
    l->SetSpatialFilter(nullptr);
    l->ResetReading();
    for (auto& f : *l)
      if (f->GetGeometryRef() && f->GetGeometryRef()->Intersects(&rect)) scanned.insert(f->GetFID());
    l->SetSpatialFilterRect(x, y, x + w, y + h);
    l->ResetReading();
    for (auto& f : *l) filtered.insert(f->GetFID());
    EXPECT_EQ(filtered, scanned) << "box " << k;
  }
}

TEST_F(GpkgOutput, GdalsEditsKeepTheIndexRight) {
  {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out_.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayerByName("towns");
    ASSERT_TRUE(l);
    l->ResetReading();
    std::unique_ptr<OGRFeature> first(l->GetNextFeature());
    ASSERT_TRUE(first);
    ASSERT_EQ(l->DeleteFeature(first->GetFID()), OGRERR_NONE);
    OGRFeature f(l->GetLayerDefn());
    f.SetField("town_code", "999");
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt("MULTIPOLYGON(((1 1,2 1,2 2,1 2,1 1)))", nullptr, &g);
    f.SetGeometryDirectly(g);
    ASSERT_EQ(l->CreateFeature(&f), OGRERR_NONE);
  }
  Db db(out_);
  EXPECT_EQ(db.One("SELECT rtreecheck('rtree_towns_geom')"), "ok");
  EXPECT_EQ(db.One("SELECT count(*) FROM \"rtree_towns_geom\""), db.One("SELECT count(*) FROM towns"));
  EXPECT_EQ(db.One("SELECT count(*) FROM \"rtree_towns_geom\" WHERE minx <= 1.5 AND maxx >= 1.5 AND miny <= 1.5 AND maxy >= 1.5"), "1");
}

}  // namespace
}  // namespace panhuo
