// PostGIS for real: a throwaway PostgreSQL 15 + PostGIS 3 cluster on a Unix socket
// (tools/pg_cluster.sh; under ctest a fixture starts it once and stops it at the end, also when a
// test fails; run by hand, the suite starts and stops its own). A generated county is loaded with
// ogr2ogr, scanned from PostGIS and compared with the scan of the GeoPackage; results written to
// PostGIS are compared with the GeoPackage output row by row; a write killed half-way leaves the
// previous results; connection, table and password failures name the connection (password
// masked) and the table.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "../cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;
using panhuo::testing::Ds;
using panhuo::testing::Outcome;
const auto Sh = panhuo::testing::Shell;



std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

class Postgis : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_ = fs::path(::testing::TempDir()) / ("panhuo_pg_" + std::to_string(::getpid()));
    fs::create_directories(work_);
    if (const char* dir = std::getenv("PANHUO_PG_DIR")) {
      cluster_ = dir;
    } else {  // by hand: a cluster of our own
      cluster_ = "/tmp/panhuo-pg-" + std::to_string(::getpid());
      own_ = true;
      Sh("bash " + std::string(PANHUO_SOURCE_DIR) + "/tools/pg_cluster.sh start " + cluster_ + " --soft");
    }
    if (fs::exists(cluster_ + "/unavailable")) {
      skip_ = "no PostgreSQL server could be started: " + Slurp(cluster_ + "/unavailable");
      return;
    }
    std::string conn = Slurp(cluster_ + "/conn");
    while (!conn.empty() && (conn.back() == '\n' || conn.back() == ' ')) conn.pop_back();
    conn_ = conn;
    county_ = (work_ / "county.gpkg").string();
    const Outcome g = Sh(Cli() + " generate --scale 0.02 --seed 3 --defects -q -o " + county_);
    ASSERT_EQ(g.code, 0) << g.out;
    schema_ = "county_" + std::to_string(::getpid());
    ASSERT_EQ(Psql("CREATE SCHEMA " + schema_).code, 0);
    const Outcome load = Sh("ogr2ogr -f PostgreSQL 'PG:" + conn_ + "' " + county_ + " -lco SCHEMA=" + schema_ +
                            " -lco GEOMETRY_NAME=geom -nlt PROMOTE_TO_MULTI");
    ASSERT_EQ(load.code, 0) << load.out;
  }
  static void TearDownTestSuite() {
    if (!skip_.empty()) {
      if (own_) Sh("bash " + std::string(PANHUO_SOURCE_DIR) + "/tools/pg_cluster.sh stop " + cluster_);
      return;
    }
    Psql("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    for (const char* s : {"r_rows", "r_kill", "r_where"}) Psql(std::string("DROP SCHEMA IF EXISTS ") + s + "_" + std::to_string(::getpid()) + " CASCADE");
    if (own_) Sh("bash " + std::string(PANHUO_SOURCE_DIR) + "/tools/pg_cluster.sh stop " + cluster_);
    fs::remove_all(work_);
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }
  static Outcome Psql(const std::string& sql) { return Sh("psql '" + conn_ + "' -X -q -A -t -v ON_ERROR_STOP=1 -c \"" + sql + "\""); }
  static std::string Pg(const std::string& schemas) { return "'PG:" + conn_ + " schemas=" + schemas + "'"; }
  static std::string Out(const std::string& name) { return name + "_" + std::to_string(::getpid()); }

  static fs::path work_;
  static std::string cluster_, conn_, county_, schema_, skip_;
  static bool own_;
};
fs::path Postgis::work_;
std::string Postgis::cluster_, Postgis::conn_, Postgis::county_, Postgis::schema_, Postgis::skip_;
bool Postgis::own_ = false;

TEST_F(Postgis, ScanFromPostgisEqualsScanOfTheGeoPackage) {
  const Outcome a = Sh(Cli() + " scan " + county_ + " --as-of 2021-12-31 -q -o " + (work_ / "a.gpkg").string() +
                       " --csv " + (work_ / "a").string());
  ASSERT_EQ(a.code, 0) << a.out;
  const Outcome b = Sh(Cli() + " scan " + Pg(schema_) + " --as-of 2021-12-31 -q -o " + (work_ / "b.gpkg").string() +
                       " --csv " + (work_ / "b").string());
  ASSERT_EQ(b.code, 0) << b.out;
  int compared = 0;
  for (const auto& e : fs::directory_iterator(work_ / "a")) {
    if (e.path().filename() == "run.csv") continue;  // names the input
    EXPECT_EQ(Slurp(e.path()), Slurp(work_ / "b" / e.path().filename())) << e.path().filename();
    ++compared;
  }
  EXPECT_GE(compared, 13);  // reserve_unsupplied, unfit_for_supply, low_efficiency and holders among them
  // the defects include an absurd date before 1970: read as the same day from both sources
  EXPECT_NE(Slurp(work_ / "b" / "rejects.csv").find("1900-01-01"), std::string::npos);
}


TEST_F(Postgis, ResultsWrittenToPostgisEqualTheGeoPackageRowByRow) {
  const std::string schema = Out("r_rows");
  const Outcome g = Sh(Cli() + " scan " + county_ + " --as-of 2021-12-31 -q -o " + (work_ / "rows.gpkg").string());
  ASSERT_EQ(g.code, 0) << g.out;
  const Outcome p = Sh(Cli() + " scan " + county_ + " --as-of 2021-12-31 -q -o 'PG:" + conn_ + "' --out-schema " + schema);
  ASSERT_EQ(p.code, 0) << p.out;
  GDALAllRegister();
  Ds gp(GDALDataset::Open((work_ / "rows.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  Ds pg(static_cast<GDALDataset*>(GDALOpenEx(("PG:" + conn_ + " schemas=" + schema).c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
  ASSERT_TRUE(gp && pg);
  int layers = 0;
  for (OGRLayer* l : gp->GetLayers()) {
    const std::string name = l->GetName();
    if (name == "layer_styles") continue;
    OGRLayer* m = pg->GetLayerByName(name.c_str());
    ASSERT_TRUE(m) << name;
    ASSERT_EQ(l->GetFeatureCount(), m->GetFeatureCount()) << name;
    l->ResetReading();
    for (auto& f : *l) {
      // the same row by its key (row_id in both): a table's order is not the GeoPackage's
      std::unique_ptr<OGRFeature> h(m->GetFeature(f->GetFID()));
      ASSERT_TRUE(h) << name << " row " << f->GetFID();
      for (int i = 0; i < f->GetFieldCount(); ++i) {
        const char* field = f->GetFieldDefnRef(i)->GetNameRef();
        const int k = h->GetFieldIndex(field);
        ASSERT_GE(k, 0) << name << "." << field;
        EXPECT_EQ(std::string(f->GetFieldAsString(i)), std::string(h->GetFieldAsString(k))) << name << "." << field;
      }
      const OGRGeometry* a = f->GetGeometryRef();
      const OGRGeometry* b = h->GetGeometryRef();
      ASSERT_EQ(a == nullptr, b == nullptr) << name;
      if (a) EXPECT_TRUE(a->Equals(b)) << name;
    }
    ++layers;
  }
  EXPECT_GE(layers, 10);
  // primary keys, spatial indexes and Chinese column comments
  int spatial = 0;
  for (OGRLayer* l : gp->GetLayers()) spatial += l->GetGeomType() != wkbNone;
  EXPECT_EQ(Psql("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "' AND indexdef LIKE '%gist%'").out,
            std::to_string(spatial) + "\n");
  EXPECT_EQ(Psql("SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = '" + schema +
                 "' AND constraint_type = 'PRIMARY KEY'").out,
            std::to_string(layers) + "\n");
  EXPECT_EQ(Psql("SELECT col_description('" + schema + ".idle'::regclass, (SELECT attnum FROM pg_attribute WHERE "
                 "attrelid = '" + schema + ".idle'::regclass AND attname = 'fee_wan'))").out,
            "闲置费（万元）\n");
  // the v3 lists, with the title a layer gives a name of its own
  EXPECT_GT(pg->GetLayerByName("reserve_unsupplied")->GetFeatureCount(), 0);
  EXPECT_GT(pg->GetLayerByName("holders")->GetFeatureCount(), 0);
  EXPECT_EQ(Psql("SELECT col_description('" + schema + ".reserve_unsupplied'::regclass, (SELECT attnum FROM pg_attribute "
                 "WHERE attrelid = '" + schema + ".reserve_unsupplied'::regclass AND attname = 'unsupplied_ha'))").out,
            "储备未供面积（公顷）\n");
  // again without --overwrite: refused, nothing touched
  const Outcome again = Sh(Cli() + " scan " + county_ + " --as-of 2021-12-31 -q -o 'PG:" + conn_ + "' --out-schema " + schema);
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.out.find("exists; use --overwrite"), std::string::npos) << again.out;
}

TEST_F(Postgis, AKilledWriteLeavesThePreviousResults) {
  const std::string schema = Out("r_kill");
  const std::string big = (work_ / "big.gpkg").string();
  ASSERT_EQ(Sh(Cli() + " generate --scale 0.3 --seed 4 -q -o " + big).code, 0);
  ASSERT_EQ(Sh(Cli() + " scan " + county_ + " --as-of 2021-12-31 -q -o 'PG:" + conn_ + "' --out-schema " + schema).code, 0);
  const std::string before = Psql("SELECT count(*) FROM " + schema + ".supply_status").out;
  // a second write of another county, killed once its partial schema exists
  const pid_t pid = fork();
  if (pid == 0) {
    execl(Cli().c_str(), "panhuo", "scan", big.c_str(), "--as-of", "2021-12-31", "-q", "-o", ("PG:" + conn_).c_str(),
          "--out-schema", schema.c_str(), "--overwrite", static_cast<char*>(nullptr));
    _exit(127);
  }
  bool killed = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Psql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '" + schema + "\\_\\_partial%'").out == "1\n") {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "the write finished before its partial schema was seen";
  EXPECT_EQ(Psql("SELECT count(*) FROM " + schema + ".supply_status").out, before);
  EXPECT_EQ(Psql("SELECT count(*) FROM " + schema + ".run").out, "1\n");
  // the next run removes what the killed one left, with a note
  const Outcome next = Sh(Cli() + " scan " + county_ + " --as-of 2020-12-31 -q -o 'PG:" + conn_ + "' --out-schema " +
                          schema + " --overwrite");
  EXPECT_EQ(next.code, 0) << next.out;
  EXPECT_NE(next.out.find("left by an interrupted run"), std::string::npos) << next.out;
  EXPECT_EQ(Psql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE '" + schema + "\\_\\_partial%'").out, "0\n");
  EXPECT_EQ(Psql("SELECT as_of FROM " + schema + ".run").out, "2020-12-31\n");
}

TEST_F(Postgis, FailuresNameTheConnectionAndTheTableWithThePasswordMasked) {
  std::ofstream(work_ / "plain.json") << R"({"approvals": {"layer": "plain"}})";
  auto scan = [&](const std::string& input) {
    return Sh(Cli() + " scan " + input + " --as-of 2021-12-31 -q --overwrite -o " + (work_ / "f.gpkg").string());
  };
  Outcome r = scan("'PG:host=/nonexistent/socket dbname=postgres user=postgres'");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("PG:host=/nonexistent/socket"), std::string::npos) << r.out;
  r = scan("'PG:host=" + cluster_ + " user=panhuo_pw password=wrongpw dbname=postgres schemas=" + schema_ + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("password=***"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("wrongpw"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("password authentication failed"), std::string::npos) << r.out;
  // a schema without the supplies table
  const std::string partial = schema_ + "_nosupplies";
  ASSERT_EQ(Psql("CREATE SCHEMA " + partial + "; CREATE TABLE " + partial + ".towns AS SELECT * FROM " + schema_ +
                 ".towns; CREATE TABLE " + partial + ".approvals AS SELECT * FROM " + schema_ + ".approvals; CREATE TABLE " +
                 partial + ".construction AS SELECT * FROM " + schema_ + ".construction; CREATE TABLE " + partial +
                 ".plain AS SELECT approval_id, batch_no, approval_date, kind FROM " + schema_ + ".approvals").code,
            0);
  r = scan(Pg(partial));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no layer 'supplies'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("schemas=" + partial), std::string::npos) << r.out;
  // approvals from a table without geometry
  r = Sh(Cli() + " scan " + Pg(schema_) + " --layer approvals=" + Pg(partial) + " --field-map " +
         (work_ / "plain.json").string() + " --as-of 2021-12-31 -q --overwrite -o " + (work_ / "f.gpkg").string());
  Psql("DROP SCHEMA " + partial + " CASCADE");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("layer 'plain' has no geometry column"), std::string::npos) << r.out;
  const size_t lines = static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
  EXPECT_LE(lines, 2u) << r.out;
}

// Types as bureaus' databases have them: timestamps with a time zone for dates, numeric prices,
// and a geometry column without an SRID (the contract's CRS rules: an error unless --crs names it).
TEST_F(Postgis, TimestampsNumericsAndNoSridReadAsTheContractSays) {
  const std::string typed = schema_ + "_typed";
  ASSERT_EQ(Psql("CREATE SCHEMA " + typed + "; SET TIME ZONE 'Asia/Shanghai'; "
                 "CREATE TABLE " + typed + ".supplies AS SELECT fid, supply_id, supply_date::timestamptz AS supply_date, "
                 "mode, land_use, agreed_start::timestamptz AS agreed_start, price_wan::numeric AS price_wan, holder, "
                 "idle_cause, geom FROM " + schema_ + ".supplies; "
                 "CREATE TABLE " + typed + ".construction AS SELECT fid, obs_id, observed_date, "
                 "ST_SetSRID(geom, 0)::geometry(MultiPolygon) AS geom FROM " + schema_ + ".construction").code,
            0);
  const std::string layers = " --layer supplies=" + Pg(typed) + " --layer construction=" + Pg(typed);
  Outcome r = Sh(Cli() + " scan " + Pg(schema_) + layers + " --as-of 2021-12-31 -q --overwrite -o " +
                 (work_ / "t.gpkg").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("layer 'construction' has no CRS"), std::string::npos) << r.out;
  r = Sh(Cli() + " scan " + Pg(schema_) + layers + " --crs EPSG:4549 --as-of 2021-12-31 -q --overwrite -o " +
         (work_ / "t.gpkg").string() + " --csv " + (work_ / "t").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const Outcome a = Sh(Cli() + " scan " + county_ + " --as-of 2021-12-31 -q --overwrite -o " +
                       (work_ / "ta.gpkg").string() + " --csv " + (work_ / "ta").string());
  ASSERT_EQ(a.code, 0) << a.out;
  for (const char* f : {"supply_status.csv", "idle.csv", "unsupplied.csv", "towns.csv", "warnings.csv"})
    EXPECT_EQ(Slurp(work_ / "ta" / f), Slurp(work_ / "t" / f)) << f;
  Psql("DROP SCHEMA " + typed + " CASCADE");
}

TEST_F(Postgis, WhereFilterReadsOnlyTheFeaturesAsked) {
  const Outcome r = Sh(Cli() + " scan " + Pg(schema_) + " --as-of 2021-12-31 -q --overwrite -o " +
                       (work_ / "w.gpkg").string() + " --where \"towns:town_code = '320281001'\"");
  ASSERT_EQ(r.code, 0) << r.out;
  GDALAllRegister();
  Ds ds(GDALDataset::Open((work_ / "w.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetLayerByName("towns")->GetFeatureCount(), 1);
  const Outcome bad = Sh(Cli() + " scan " + Pg(schema_) + " --as-of 2021-12-31 -q --overwrite -o " +
                         (work_ / "w2.gpkg").string() + " --where \"nolayer:x = 1\"");
  EXPECT_EQ(bad.code, 2) << bad.out;
}

// A password given in the connection string (key=value or URI) is in no output a person is handed
// and in no message: every file a run with --xlsx, --report and --csv writes is searched for it.
TEST_F(Postgis, PasswordsAreInNoOutputAndNoMessage) {
  const std::string conn = "'PG:host=" + cluster_ + " user=panhuo_pw password=secret dbname=postgres schemas=" + schema_ + "'";
  const fs::path dir = work_ / "pw";
  fs::create_directories(dir);
  const Outcome r = Sh(Cli() + " scan " + conn + " --as-of 2021-12-31 --overwrite -o " + (dir / "s.gpkg").string() +
                       " --xlsx " + (dir / "s.xlsx").string() + " --report " + (dir / "s.html").string() + " --csv " +
                       (dir / "csv").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out.find("secret"), std::string::npos) << r.out;
  const Outcome pg = Sh(Cli() + " scan " + conn + " --as-of 2021-12-31 -q -o " + conn + " --out-schema " + Out("r_pw"));
  ASSERT_EQ(pg.code, 0) << pg.out;
  EXPECT_EQ(Psql("SELECT input FROM " + Out("r_pw") + ".run").out.find("secret"), std::string::npos);
  EXPECT_NE(Psql("SELECT input FROM " + Out("r_pw") + ".run").out.find("password=***"), std::string::npos);
  Psql("DROP SCHEMA " + Out("r_pw") + " CASCADE");
  // the workbook is a zip: its sheets are searched unpacked
  ASSERT_EQ(Sh("cd " + dir.string() + " && python3 -m zipfile -e s.xlsx x").code, 0);
  int searched = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() == ".xlsx") continue;
    EXPECT_EQ(Slurp(e.path()).find("secret"), std::string::npos) << e.path();
    ++searched;
  }
  EXPECT_GE(searched, 12);
  // the URI form, in an error message
  const Outcome uri = Sh(Cli() + " scan 'PG:postgresql://panhuo_pw:wrongpw@/postgres?host=" + cluster_ +
                         "' --as-of 2021-12-31 -q --overwrite -o " + (dir / "u.gpkg").string());
  EXPECT_EQ(uri.code, 1) << uri.out;
  EXPECT_EQ(uri.out.find("wrongpw"), std::string::npos) << uri.out;
}

// Geometry as stored: a geography column is in EPSG:4326, and a row of another SRID in a column
// of mixed SRIDs is rejected with both named, never read in the layer's CRS.
TEST_F(Postgis, GeographyAndRowsOfAnotherSridReadAsStored) {
  const std::string geo = schema_ + "_geo";
  ASSERT_EQ(Psql("CREATE SCHEMA " + geo + "; "
                 "CREATE TABLE " + geo + ".supplies AS SELECT fid, supply_id, supply_date, mode, land_use, agreed_start, "
                 "price_wan, holder, idle_cause, ST_Transform(geom, 4326)::geography AS geom FROM " + schema_ + ".supplies; "
                 "ALTER TABLE " + geo + ".supplies ADD PRIMARY KEY (fid); "
                 "CREATE TABLE " + geo + ".mixed AS SELECT fid, supply_id, supply_date, mode, land_use, agreed_start, "
                 "price_wan, holder, idle_cause, (CASE WHEN fid % 7 = 3 THEN ST_Transform(geom, 4326) ELSE geom END)::geometry "
                 "AS geom FROM " + schema_ + ".supplies ORDER BY fid; "
                 "ALTER TABLE " + geo + ".mixed ADD PRIMARY KEY (fid)").code,
            0);
  const std::string base = (work_ / "geo_base.gpkg").string(), g = (work_ / "geo.gpkg").string(),
                    m = (work_ / "mixed.gpkg").string();
  ASSERT_EQ(Sh(Cli() + " scan " + Pg(schema_) + " --as-of 2021-12-31 -q --overwrite -o " + base).code, 0);
  const Outcome rg = Sh(Cli() + " scan " + Pg(schema_) + " --layer supplies=" + Pg(geo) +
                        " --as-of 2021-12-31 -q --overwrite -o " + g);
  ASSERT_EQ(rg.code, 0) << rg.out;
  EXPECT_EQ(rg.out.find("outside every town"), std::string::npos) << rg.out;
  std::ofstream(work_ / "mixed.json") << R"({"supplies": {"layer": "mixed"}})";
  const Outcome rm = Sh(Cli() + " scan " + Pg(schema_) + " --layer supplies=" + Pg(geo) + " --field-map " +
                        (work_ / "mixed.json").string() + " --as-of 2021-12-31 -q --overwrite -o " + m);
  GDALAllRegister();
  auto count = [](const std::string& path, const char* layer) {
    Ds ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    return ds && ds->GetLayerByName(layer) ? ds->GetLayerByName(layer)->GetFeatureCount() : -1;
  };
  EXPECT_EQ(count(g, "idle"), count(base, "idle"));
  EXPECT_EQ(count(g, "supply_status"), count(base, "supply_status"));
  ASSERT_EQ(rm.code, 0) << rm.out;
  const Outcome rejected = Psql("SELECT COUNT(*) FROM " + geo + ".mixed WHERE fid % 7 = 3 AND geom IS NOT NULL");
  Ds ds(GDALDataset::Open(m.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  int by_srid = 0;
  for (auto& f : *ds->GetLayerByName("rejects"))
    if (std::string(f->GetFieldAsString("reason")).find("geometry in SRID 4326, not the layer's SRID 4549") == 0) ++by_srid;
  EXPECT_EQ(std::to_string(by_srid), rejected.out.substr(0, rejected.out.find('\n')));
  EXPECT_GT(by_srid, 0);
  Psql("DROP SCHEMA " + geo + " CASCADE");
}

}  // namespace
