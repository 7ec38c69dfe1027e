// The faults a bureau's machine really sees: a source replaced while it is read, two runs on one
// output, the temporary output removed mid-write. Each run either ends with a result made of one
// input and a complete output, or fails with exit 1 and a message: never a mix, an abort or a
// complete-looking file that is not.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "cli_support.hpp"
#include "panhuo/sources/dbf_checks.hpp"
#include "input/geometry_prep.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/tables/output_schema.hpp"
#include "panhuo/sinks/postgis.hpp"

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;
using panhuo::testing::Open;
using panhuo::testing::Shell;

const std::string kSample = std::string(PANHUO_SOURCE_DIR) + "/datasets/sample_county.gpkg";

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), {});
}

// A copy of the sample county at `path` changed by SQL statements (SQLite dialect).
void SampleWith(const std::string& path, const std::vector<std::string>& sql) {
  fs::copy_file(kSample, path, fs::copy_options::overwrite_existing);
  GDALAllRegister();
  panhuo::testing::Ds ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  ASSERT_TRUE(ds);
  for (const auto& q : sql) {
    CPLErrorReset();
    ds->ExecuteSQL(q.c_str(), nullptr, "SQLITE");
    ASSERT_NE(CPLGetLastErrorType(), CE_Failure) << q << ": " << CPLGetLastErrorMsg();
  }
}

// Every row of `layer` in `gpkg` whose field `key` equals `value`: field -> text.
std::map<std::string, std::string> Row(const std::string& gpkg, const char* layer, const char* key,
                                       const std::string& value) {
  std::map<std::string, std::string> row;
  auto ds = Open(gpkg);
  if (!ds || !ds->GetLayerByName(layer)) return row;
  for (auto& f : *ds->GetLayerByName(layer)) {
    const int k = f->GetFieldIndex(key);
    if (k < 0 || value != f->GetFieldAsString(k)) continue;
    for (int i = 0; i < f->GetFieldCount(); ++i) row[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
  }
  return row;
}

// The number of features of `layer` in `gpkg`, -1 when it cannot be opened.
long long Count(const std::string& gpkg, const char* layer) {
  auto ds = Open(gpkg);
  if (!ds || !ds->GetLayerByName(layer)) return -1;
  return ds->GetLayerByName(layer)->GetFeatureCount();
}

class Faults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("panhuo_faults_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    for (const char* seed : {"1", "2"}) {
      const auto g = Shell(Cli() + " generate --scale 0.2 --seed " + std::string(seed) + " -q -o " + P(seed + std::string(".gpkg")));
      ASSERT_EQ(g.code, 0) << g.out;
      const auto s = Shell(Cli() + " scan " + P(seed + std::string(".gpkg")) + " --as-of 2021-12-31 -q -o " +
                           P(seed + std::string(".out.gpkg")));
      ASSERT_EQ(s.code, 0) << s.out;
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string P(const std::string& name) { return (dir_ / name).string(); }
  static std::string Scan(const std::string& in, const std::string& out) {
    return Cli() + " scan " + in + " --as-of 2021-12-31 -q --overwrite -o " + out;
  }
  static fs::path dir_;
};
fs::path Faults::dir_;

TEST_F(Faults, SourceReplacedWhileReadIsAnErrorNeverAMix) {
  const long long idle_a = Count(P("1.out.gpkg"), "idle"), idle_b = Count(P("2.out.gpkg"), "idle");
  ASSERT_GT(idle_a, 0);
  ASSERT_NE(idle_a, idle_b);
  int refused = 0;
  for (const char* delay : {"0.05", "0.15", "0.3", "0.5", "0.8"}) {
    fs::copy_file(P("1.gpkg"), P("in.gpkg"), fs::copy_options::overwrite_existing);
    // what a GIS program's save or rsync does: a new file renamed over the one being read
    const auto r = Shell("(" + Scan(P("in.gpkg"), P("mixed.gpkg")) + " & sleep " + delay + "; cp " + P("2.gpkg") +
                         " " + P("in.gpkg.new") + " && mv " + P("in.gpkg.new") + " " + P("in.gpkg") +
                         "; wait $!; echo rc=$?)");
    const bool ok = r.out.find("rc=0") != std::string::npos;
    if (ok) {
      const long long idle = Count(P("mixed.gpkg"), "idle");
      EXPECT_TRUE(idle == idle_a || idle == idle_b) << "delay " << delay << ": " << idle << " idle supplies, "
                                                    << idle_a << " or " << idle_b << " expected";
    } else {
      EXPECT_NE(r.out.find("rc=1"), std::string::npos) << r.out;
      EXPECT_NE(r.out.find("'" + P("in.gpkg") + "' changed while it was read"), std::string::npos) << r.out;
      ++refused;
    }
  }
  std::printf("%d of 5 runs refused a source replaced while read\n", refused);
}

TEST_F(Faults, TwoRunsOnOneOutputNeverAbortNorLie) {
  for (const char* delay : {"0.0", "0.1", "0.3", "0.6"}) {
    fs::remove(P("shared.gpkg"));
    const auto r = Shell("(" + Scan(P("1.gpkg"), P("shared.gpkg")) + " 2>" + P("first.err") + " & sleep " + delay +
                         "; " + Scan(P("1.gpkg"), P("shared.gpkg")) + " 2>" + P("second.err") +
                         "; echo second=$?; wait $!; echo first=$?)");
    for (const char* run : {"first", "second"}) {
      std::ifstream e(P(std::string(run) + ".err"));
      const std::string err((std::istreambuf_iterator<char>(e)), {});
      const bool ok = r.out.find(std::string(run) + "=0") != std::string::npos;
      if (!ok) {
        EXPECT_NE(r.out.find(std::string(run) + "=1"), std::string::npos) << delay << " " << r.out << err;
        EXPECT_NE(err.find("is being written by another run"), std::string::npos) << err;
      }
    }
    // whoever won, what is under the name is the complete result
    EXPECT_EQ(Count(P("shared.gpkg"), "idle"), Count(P("1.out.gpkg"), "idle")) << delay << " " << r.out;
    EXPECT_FALSE(fs::exists(P("shared.gpkg.partial")));
    EXPECT_FALSE(fs::exists(P("shared.gpkg.lock")));
  }
}

TEST_F(Faults, PartialRemovedMidWriteIsExitOneNeverAnAbort) {
  for (const char* delay : {"0.0", "0.02", "0.05", "0.1", "0.2"}) {
    fs::remove(P("gone.gpkg"));
    const std::string partial = P("gone.gpkg.partial");
    const auto r = Shell("(" + Scan(P("1.gpkg"), P("gone.gpkg")) + " & pid=$!; while [ ! -e " + partial +
                         " ] && kill -0 $pid 2>/dev/null; do sleep 0.005; done; sleep " + delay + "; rm -f " +
                         partial + "; wait $pid; echo rc=$?)");
    if (r.out.find("rc=0") != std::string::npos) {  // removed too late to matter
      EXPECT_EQ(Count(P("gone.gpkg"), "idle"), Count(P("1.out.gpkg"), "idle"));
    } else {
      EXPECT_NE(r.out.find("rc=1"), std::string::npos) << delay << " " << r.out;
      EXPECT_NE(r.out.find("gone.gpkg"), std::string::npos) << r.out;
      EXPECT_FALSE(fs::exists(P("gone.gpkg"))) << r.out;
    }
  }
}


// A secondary output that fails (here a CSV on a full device) takes the whole result with it:
// nothing new under any name, and the output it was to replace stays as it was.
TEST_F(Faults, AFailedSecondaryOutputLeavesNothingNewAndTheOldOutputAsItWas) {
  fs::create_directories(P("fullcsv"));
  fs::create_symlink("/dev/full", P("fullcsv/towns.csv.partial"));
  auto r = Shell(Cli() + " scan " + kSample + " --as-of 2021-12-31 -q -o " + P("sec.gpkg") + " --csv " + P("fullcsv") +
                 " --xlsx " + P("sec.xlsx"));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("No space left on device"), std::string::npos) << r.out;
  for (const char* f : {"sec.gpkg", "sec.gpkg.partial", "sec.xlsx", "sec.partial.xlsx", "sec.gpkg.lock"})
    EXPECT_FALSE(fs::exists(P(f))) << f;
  // with --overwrite, the earlier result is kept
  fs::copy_file(P("1.out.gpkg"), P("old.gpkg"));
  const std::string before = Slurp(P("old.gpkg"));
  fs::remove(P("fullcsv/towns.csv.partial"));  // the failed run removed its partial files
  fs::create_symlink("/dev/full", P("fullcsv/towns.csv.partial"));
  r = Shell(Cli() + " scan " + kSample + " --as-of 2021-12-31 -q --overwrite -o " + P("old.gpkg") + " --csv " +
            P("fullcsv"));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(Slurp(P("old.gpkg")), before);
}

// GDAL 3.6's XLSX writer says nothing when the disk fills as it closes the workbook: the ledger
// is read back before it takes its name (a file-size limit stands in for the full disk).
TEST_F(Faults, LedgerOnAFullDiskIsAnErrorAndNoFile) {
  GDALAllRegister();
  const std::string xlsx = P("full.xlsx");
  // a list of 2,000 rows: more than the 16 kB the child may write
  std::vector<panhuo::Table> tables = {panhuo::NewTable("rejects")};
  for (int64_t i = 0; i < 2000; ++i)
    tables[0].rows.push_back({std::string("approvals"), i, "PZ-" + std::to_string(i), std::string("invalid geometry")});
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = {16 * 1024, 16 * 1024};
    setrlimit(RLIMIT_FSIZE, &lim);
    GDALAllRegister();
    const panhuo::Status s = panhuo::WriteLedger(tables, xlsx, panhuo::Document{}, false);
    std::fprintf(stderr, "%s\n", s.message().c_str());
    _exit(s.ok() ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_FALSE(fs::exists(xlsx));
  EXPECT_FALSE(fs::exists(panhuo::LedgerPartialPath(xlsx)));
  // the same ledger on a disk with room is written and reads back
  ASSERT_TRUE(panhuo::WriteLedger(tables, xlsx, panhuo::Document{}, false).ok());
  EXPECT_TRUE(Open(xlsx));
}

// A polygon whose ring has no point is empty, from a GeoPackage as from anywhere: rejected.
TEST_F(Faults, APolygonWithAPointlessRingIsRejected) {
  // GeoPackage blob: "GP", version 0, flags 1 (little endian, no envelope), srs_id 4549; then
  // WKB MULTIPOLYGON with one polygon of one ring of no points
  const std::string blob = "X'47500001C5110000' || X'010600000001000000010300000001000000' || X'00000000'";
  SampleWith(P("empty_ring.gpkg"),
             {"INSERT INTO supplies (geom, supply_id, supply_date, mode, land_use, agreed_start, price_wan) "
              "VALUES (" + blob + ", 'EMPTYRING', '2015-01-01', 'grant', '0601', '2015-06-01', 100)"});
  const auto r = Shell(Cli() + " scan " + P("empty_ring.gpkg") + " --as-of 2021-12-31 -q --overwrite -o " + P("er.gpkg"));
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string reason = Row(P("er.gpkg"), "rejects", "feature_id", "EMPTYRING")["reason"];
  EXPECT_TRUE(reason == "empty geometry" || reason == "null geometry") << reason;  // GDAL's stream may null it first
  EXPECT_TRUE(Row(P("er.gpkg"), "supply_status", "supply_id", "EMPTYRING").empty());
  // the reader's own WKB path, whatever GDAL passes on
  auto wkb = [](const std::string& hex) {
    std::vector<uint8_t> b;
    for (size_t i = 0; i + 1 < hex.size(); i += 2) b.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return b;
  };
  const auto empty = wkb("010600000001000000010300000001000000" "00000000");
  auto prepared = panhuo::detail::PrepareWkb(empty.data(), empty.size(), panhuo::detail::GeomKind::kPolygon, nullptr);
  EXPECT_EQ(prepared.reject, "empty geometry");
  EXPECT_TRUE(prepared.polygons.empty());
  // a square with a point-less hole
  const auto holed = wkb("0103000000" "02000000" "05000000"
                         "0000000000000000" "0000000000000000" "0000000000002440" "0000000000000000"
                         "0000000000002440" "0000000000002440" "0000000000000000" "0000000000002440"
                         "0000000000000000" "0000000000000000" "00000000");
  prepared = panhuo::detail::PrepareWkb(holed.data(), holed.size(), panhuo::detail::GeomKind::kPolygon, nullptr);
  EXPECT_EQ(prepared.reject, "invalid polygon (a ring without points)");
}

// Self-intersecting zigzags just under the repair limit fall apart into thousands of slivers:
// each such feature is rejected with the reason, and the scan stays short.
TEST_F(Faults, AZigzagThatRepairsIntoSliversIsRejectedNotScanned) {
  // 4,990 vertices: out along one side of a strip, back along the other, as a GeoPackage blob
  auto zigzag = [](double x0, double y0) {
    std::vector<std::pair<double, double>> ring;
    const int half = 2495;
    for (int i = 0; i < half; ++i) ring.emplace_back(x0 + i * 0.2, y0 + (i % 2) * 300);
    for (int i = half - 1; i >= 0; --i) ring.emplace_back(x0 + i * 0.2 + 0.1, y0 + (i % 2 ? 0 : 300));
    ring.push_back(ring.front());
    std::string bytes = std::string("GP\0\1", 4) + std::string("\xC5\x11\0\0", 4);  // srs 4549, little endian
    auto u32 = [&](uint32_t v) { bytes.append(reinterpret_cast<const char*>(&v), 4); };
    bytes += '\1', u32(6), u32(1), bytes += '\1', u32(3), u32(1), u32(static_cast<uint32_t>(ring.size()));
    for (const auto& [x, y] : ring) bytes.append(reinterpret_cast<const char*>(&x), 8).append(reinterpret_cast<const char*>(&y), 8);
    static const char* hex = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char c : bytes) out += hex[c >> 4], out += hex[c & 15];
    return out + "'";
  };
  std::vector<std::string> sql;
  for (int k = 0; k < 10; ++k)
    sql.push_back("INSERT INTO supplies (geom, supply_id, supply_date, mode, land_use, agreed_start, price_wan) VALUES (" +
                  zigzag(537400 + k % 5 * 120, 3528900 + k / 5 * 150) + ", 'ZZ" + std::to_string(k) +
                  "', '2015-03-01', 'grant', '0601', '2015-09-01', 100)");
  SampleWith(P("zigzag.gpkg"), sql);
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = Shell("timeout 120 " + Cli() + " scan " + P("zigzag.gpkg") + " --as-of 2021-12-31 -q --overwrite -o " +
                       P("zz.gpkg"));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(Row(P("zz.gpkg"), "rejects", "feature_id", "ZZ3")["reason"].find("separate pieces"), std::string::npos);
  std::printf("ten zigzag supplies: scan in %.1f s\n", seconds);
}

// A ring mixing ordinary coordinates with ones a hair from 0 (1e-144, a denormal 3e-315), found
// by fuzzing: GEOS's repair of it ran for minutes; such a coordinate is no position in metres and
// the polygon is rejected before any repair.
TEST(PolygonBudget, CoordinatesNearerZeroThanAMicrometreAreRejectedBeforeRepair) {
  const std::string hex =
      "010300000002000000050000000000000000000000000000000000000000000000140024400000002232222222000000"
      "24000000004000000000002440000000000000000000fa0000000024400000000000af00000000000000000008050000"
      "0000000000000000000000000000002440000000000000244000003b000000319f0f0000400000000000001040000000"
      "0000ffff4000000000000010400000000000ffff004000000000007e400000000100550540";
  std::vector<uint8_t> wkb;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) wkb.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  const auto prepared = panhuo::detail::PrepareWkb(wkb.data(), wkb.size(), panhuo::detail::GeomKind::kPolygon, nullptr);
  EXPECT_EQ(prepared.reject, "coordinate nearer 0 than 1e-6 m but not 0 in the working CRS: no position in metres");
  EXPECT_TRUE(prepared.polygons.empty());
}

// A valid polygon in more than a thousand parts is rejected too: each part would go through
// every overlay against every neighbour.
TEST(PolygonBudget, AThousandAndOnePartsAreRejectedAThousandAreNot) {
  for (const int parts : {1000, 1001}) {
    OGRMultiPolygon mp;
    for (int i = 0; i < parts; ++i) {
      OGRLinearRing ring;
      const double x = 520000 + (i % 100) * 3.0, y = 3520000 + (i / 100) * 3.0;
      for (const auto& [dx, dy] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {1.0, 1.0}, {0.0, 1.0}, {0.0, 0.0}}) ring.addPoint(x + dx, y + dy);
      OGRPolygon p;
      p.addRing(&ring);
      mp.addGeometry(&p);
    }
    std::vector<uint8_t> wkb(static_cast<size_t>(mp.WkbSize()));
    mp.exportToWkb(wkbNDR, wkb.data());
    const auto prepared = panhuo::detail::PrepareWkb(wkb.data(), wkb.size(), panhuo::detail::GeomKind::kPolygon, nullptr);
    if (parts == 1000) {
      EXPECT_TRUE(prepared.reject.empty()) << prepared.reject;
      EXPECT_EQ(prepared.polygons.size(), 1000u);
    } else {
      EXPECT_EQ(prepared.reject, "polygon of 1001 parts, beyond the limit of 1000");
    }
  }
}

// Numbers in a Shapefile's DBF are checked as written: what GDAL would read as 0, 1.2, 12 or 1
// ('abc', '1.2.3', '12-34', '1,5') is an unparseable value and a reject.
TEST_F(Faults, GarbageNumbersInADbfAreRejectsNotMadeUpValues) {
  EXPECT_TRUE(panhuo::detail::IsDbfNumber("  12.50"));
  EXPECT_TRUE(panhuo::detail::IsDbfNumber("-1.5e+03 "));
  EXPECT_TRUE(panhuo::detail::IsDbfNumber("          "));
  EXPECT_TRUE(panhuo::detail::IsDbfNumber("*********"));  // shapelib's null
  for (const char* bad : {"abc", "1.2.3", "12-34", "*12", "1,5", "."}) EXPECT_FALSE(panhuo::detail::IsDbfNumber(bad)) << bad;
  const std::string shp = P("shp");
  fs::remove_all(shp);
  ASSERT_EQ(Shell("ogr2ogr -f 'ESRI Shapefile' " + shp + " " + kSample + " supplies").code, 0);
  // the DBF's header gives where price_wan lies in each record; four records get garbage
  std::fstream dbf(shp + "/supplies.dbf", std::ios::in | std::ios::out | std::ios::binary);
  unsigned char head[32];
  dbf.read(reinterpret_cast<char*>(head), 32);
  const size_t header_len = head[8] | head[9] << 8, record_len = head[10] | head[11] << 8;
  size_t offset = 1, width = 0;
  for (size_t at = 32; at + 32 <= header_len; at += 32) {
    char d[32];
    dbf.seekg(static_cast<std::streamoff>(at));
    dbf.read(d, 32);
    if (d[0] == 0x0D) break;
    if (std::string(d, strnlen(d, 11)) == "price_wan") {
      width = static_cast<unsigned char>(d[16]);
      break;
    }
    offset += static_cast<unsigned char>(d[16]);
  }
  ASSERT_GT(width, 8u);
  const std::vector<std::string> garbage = {"abc", "1.2.3", "12-34", "1,5"};
  for (size_t r = 0; r < garbage.size(); ++r) {
    std::string cell = std::string(width - garbage[r].size(), ' ') + garbage[r];
    dbf.seekp(static_cast<std::streamoff>(header_len + (r + 1) * record_len + offset));
    dbf.write(cell.data(), static_cast<std::streamsize>(cell.size()));
  }
  dbf.close();
  const auto r = Shell(Cli() + " check " + kSample + " --layer supplies=" + shp + "/supplies.shp --rejects");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const auto& g : garbage) EXPECT_NE(r.out.find("unparseable price_wan '" + g + "'"), std::string::npos) << g << r.out;
}

// A field under a name as ArcGIS or a FileGDB launders it is matched with its unit; a contract
// field that nothing feeds is said on stderr and in the run layer, with the unused fields.
TEST_F(Faults, LaunderedNamesMatchWithTheirUnitAndAnUnfedFieldIsSaid) {
  SampleWith(P("laundered.gpkg"), {"ALTER TABLE supplies RENAME COLUMN price_wan TO \"出让价款_元_\"",
                                   "UPDATE supplies SET \"出让价款_元_\" = \"出让价款_元_\" * 10000"});
  auto r = Shell(Cli() + " scan " + P("laundered.gpkg") + " --schema zh --as-of 2021-12-31 -q --overwrite -o " + P("l.gpkg"));
  ASSERT_EQ(r.code, 0) << r.out;
  auto base = Shell(Cli() + " scan " + kSample + " --as-of 2021-12-31 -q --overwrite -o " + P("base.gpkg"));
  ASSERT_EQ(base.code, 0) << base.out;
  auto ds = Open(P("l.gpkg")), want = Open(P("base.gpkg"));
  double fee = 0, fee_want = 0;
  for (auto& f : *ds->GetLayerByName("idle")) fee += f->GetFieldAsDouble("fee_wan");
  for (auto& f : *want->GetLayerByName("idle")) fee_want += f->GetFieldAsDouble("fee_wan");
  EXPECT_GT(fee_want, 0);
  EXPECT_NEAR(fee, fee_want, 1e-6 * fee_want);
  EXPECT_EQ(r.out.find("no source field feeds"), std::string::npos) << r.out;
  // a name nothing recognises: said, with the source's unused field
  SampleWith(P("unfed.gpkg"), {"ALTER TABLE supplies RENAME COLUMN price_wan TO \"成交金额X\""});
  r = Shell(Cli() + " scan " + P("unfed.gpkg") + " --schema zh --as-of 2021-12-31 -q --overwrite -o " + P("u.gpkg"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("no source field feeds price_wan"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("成交金额X"), std::string::npos) << r.out;
  auto run = Open(P("u.gpkg"));
  std::unique_ptr<OGRFeature> row(run->GetLayerByName("run")->GetNextFeature());
  EXPECT_NE(std::string(row->GetFieldAsString("warnings")).find("no source field feeds price_wan"), std::string::npos);
}

// Text that is not valid UTF-8 in a GeoPackage is read as GB18030, and said so.
TEST_F(Faults, TextNotUtf8InAGeoPackageIsSaidInTheRunLayer) {
  SampleWith(P("gbk.gpkg"), {"UPDATE towns SET town_name = CAST(X'BDADD2F5' AS TEXT) WHERE fid = 1"});  // 江阴 in GBK
  const auto r = Shell(Cli() + " scan " + P("gbk.gpkg") + " --as-of 2021-12-31 -q --overwrite -o " + P("g.gpkg"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("not valid UTF-8"), std::string::npos) << r.out;
  auto ds = Open(P("g.gpkg"));
  std::unique_ptr<OGRFeature> run(ds->GetLayerByName("run")->GetNextFeature());
  EXPECT_NE(std::string(run->GetFieldAsString("encodings")).find("towns=1 text values not valid UTF-8"), std::string::npos)
      << run->GetFieldAsString("encodings");
  bool found = false;
  for (auto& f : *ds->GetLayerByName("towns")) found = found || std::string(f->GetFieldAsString("town_name")) == "江阴";
  EXPECT_TRUE(found);
}

// check refuses what scan refuses, in the same words and with the same exit code.
TEST_F(Faults, CheckRefusesOverlappingTownsAsScanDoes) {
  SampleWith(P("overlap.gpkg"), {"INSERT INTO towns (geom, town_code, town_name, kind) SELECT geom, '320281999', "
                                 "'重叠', 'town' FROM towns WHERE fid = 1"});
  const auto scan = Shell(Cli() + " scan " + P("overlap.gpkg") + " --as-of 2021-12-31 -q --overwrite -o " + P("o.gpkg"));
  const auto check = Shell(Cli() + " check " + P("overlap.gpkg") + " -q");
  EXPECT_EQ(scan.code, 1) << scan.out;
  EXPECT_EQ(check.code, scan.code) << check.out;
  const std::string message = scan.out.substr(scan.out.find("error: "));
  EXPECT_NE(check.out.find(message), std::string::npos) << check.out << "\nvs\n" << scan.out;
}

// A password is masked in every form GDAL takes it: key=value (quoted too) and a URI's user:pw@.
TEST(MaskPassword, EveryFormAConnectionStringTakes) {
  using panhuo::MaskPassword;
  for (const std::string& conn :
       {std::string("PG:host=h dbname=d password=s3cr3t user=u"), std::string("PG:host=h password = 's3 cr3t' user=u"),
        std::string("PG:host=h PASSWORD='s3\\'cr3t'"), std::string("PG:postgresql://u:s3cr3t@h:5432/d"),
        std::string("postgres://u:s3cr3t@h/d?sslmode=require"), std::string("cannot open 'PG:dbname=d password=s3cr3t': x")}) {
    const std::string masked = MaskPassword(conn);
    EXPECT_EQ(masked.find("s3"), std::string::npos) << masked;
    EXPECT_EQ(masked.find("cr3t"), std::string::npos) << masked;
    EXPECT_NE(masked.find("***"), std::string::npos) << masked;
  }
  EXPECT_EQ(MaskPassword("PG:host=h dbname=d"), "PG:host=h dbname=d");
}

}  // namespace
