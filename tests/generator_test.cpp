// The county generator: determinism across thread counts, the contract's layers and fields,
// valid polygons, towns tiling the county, counts in proportion to the scale.
#include "panhuo/gen/generator.hpp"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "panhuo/core/date.hpp"

namespace panhuo::gen {
namespace {

namespace fs = std::filesystem;

struct DatasetCloser {
  void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;
using FeaturePtr =
    std::unique_ptr<OGRFeature, decltype([](OGRFeature* f) { OGRFeature::DestroyFeature(f); })>;

DatasetPtr Open(const std::string& path) {
  return DatasetPtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

const char* const kLayers[] = {"towns",       "approvals",   "supplies", "construction",
                               "enterprises", "rural_plots", "river",    "targets",
                               // v3
                               "plans"};

struct LayerDigest {
  int64_t features = 0;
  uint64_t hash = 1469598103934665603ull;  // FNV-1a over fids, attributes and WKB
  void Add(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) hash = (hash ^ p[i]) * 1099511628211ull;
  }
  bool operator==(const LayerDigest&) const = default;
};

std::map<std::string, LayerDigest> Digest(const std::string& path) {
  std::map<std::string, LayerDigest> out;
  DatasetPtr ds = Open(path);
  if (!ds) return out;
  for (const char* name : kLayers) {
    OGRLayer* layer = ds->GetLayerByName(name);
    if (!layer) continue;
    LayerDigest& d = out[name];
    layer->ResetReading();
    for (FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
      ++d.features;
      const GIntBig fid = f->GetFID();
      d.Add(&fid, sizeof fid);
      for (int i = 0; i < f->GetFieldCount(); ++i) {
        const std::string v = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>";
        d.Add(v.data(), v.size() + 1);
      }
      if (const OGRGeometry* g = f->GetGeometryRef()) {
        std::vector<unsigned char> wkb(static_cast<size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data());
        d.Add(wkb.data(), wkb.size());
      }
    }
  }
  return out;
}

// Area of the polygons in g (lines and points count 0).
double SurfaceArea(const OGRGeometry& g) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      return g.toPolygon()->get_Area();
    case wkbMultiPolygon:
      return g.toMultiPolygon()->get_Area();
    case wkbGeometryCollection: {
      double a = 0;
      for (const OGRGeometry* part : *g.toGeometryCollection()) a += SurfaceArea(*part);
      return a;
    }
    default:
      return 0.0;
  }
}

class Generator : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    GDALAllRegister();
    // One folder per process: ctest runs the tests of this suite in parallel processes.
    dir_ =
        new std::string(testing::TempDir() + "panhuo_generator_test_" + std::to_string(getpid()));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      Make(0.02, 7, "a.gpkg");
    }
    {
      tbb::global_control four(tbb::global_control::max_allowed_parallelism, 4);
      Make(0.02, 7, "b.gpkg");
    }
    Make(0.01, 7, "small.gpkg");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static GenerateSummary Make(double scale, uint64_t seed, const std::string& name) {
    GenerateOptions o;
    o.scale = scale;
    o.seed = seed;
    o.output = Path(name);
    o.overwrite = true;
    auto r = Generate(o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : GenerateSummary{};
  }
  static std::string Path(const std::string& name) { return *dir_ + "/" + name; }

  static std::string* dir_;
};
std::string* Generator::dir_ = nullptr;

TEST_F(Generator, SameSeedAndScaleGiveIdenticalContentWhateverTheThreads) {
  const auto a = Digest(Path("a.gpkg")), b = Digest(Path("b.gpkg"));
  ASSERT_EQ(a.size(), std::size(kLayers));
  for (const char* name : kLayers) {
    EXPECT_EQ(a.at(name).features, b.at(name).features) << name;
    EXPECT_EQ(a.at(name).hash, b.at(name).hash) << name;
  }
  Make(0.02, 8, "other_seed.gpkg");
  const auto c = Digest(Path("other_seed.gpkg"));
  EXPECT_NE(a.at("supplies"), c.at("supplies"));
  EXPECT_NE(a.at("construction"), c.at("construction"));
}

TEST_F(Generator, WritesEveryContractLayerAndFieldWithItsType) {
  struct Field {
    const char* name;
    OGRFieldType type;
  };
  struct Layer {
    const char* name;
    OGRwkbGeometryType geom;  // wkbNone for tables, wkbUnknown for mixed
    std::vector<Field> fields;
  };
  const std::vector<Layer> contract = {
      {"towns",
       wkbPolygon,
       {{"town_code", OFTString}, {"town_name", OFTString}, {"kind", OFTString}}},
      {"approvals",
       wkbMultiPolygon,
       {{"approval_id", OFTString},
        {"batch_no", OFTString},
        {"approval_date", OFTDate},
        {"kind", OFTString}}},
      {"supplies",
       wkbMultiPolygon,
       {{"supply_id", OFTString},
        {"supply_date", OFTDate},
        {"mode", OFTString},
        {"land_use", OFTString},
        {"agreed_start", OFTDate},
        {"price_wan", OFTReal},
        {"holder", OFTString},
        {"idle_cause", OFTString}}},
      {"construction", wkbPolygon, {{"obs_id", OFTString}, {"observed_date", OFTDate}}},
      {"enterprises",
       wkbNone,
       {{"enterprise_id", OFTString},
        {"supply_id", OFTString},
        {"year", OFTInteger},
        {"tax_wan", OFTReal},
        {"sales_wan", OFTReal},
        {"value_added_wan", OFTReal},
        {"energy_tce", OFTReal},
        {"emission_t", OFTReal},
        {"rnd_wan", OFTReal},
        {"employees", OFTInteger}}},
      {"rural_plots",
       wkbPolygon,
       {{"plot_id", OFTString},
        {"village", OFTString},
        {"kind", OFTString},
        {"retained", OFTInteger},
        {"idle", OFTInteger}}},
      {"river", wkbUnknown, {{"name", OFTString}}},
      {"targets",
       wkbNone,
       {{"town_code", OFTString}, {"year", OFTInteger}, {"target_ha", OFTReal}}},
      // v3
      {"plans",
       wkbNone,
       {{"feature_id", OFTString},
        {"measure", OFTString},
        {"responsible", OFTString},
        {"leader", OFTString},
        {"due_date", OFTDate}}},
  };
  DatasetPtr ds = Open(Path("a.gpkg"));
  ASSERT_TRUE(ds);
  for (const Layer& want : contract) {
    OGRLayer* layer = ds->GetLayerByName(want.name);
    ASSERT_NE(layer, nullptr) << want.name;
    EXPECT_EQ(wkbFlatten(layer->GetGeomType()), want.geom) << want.name;
    EXPECT_GT(layer->GetFeatureCount(), 0) << want.name;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (const Field& f : want.fields) {
      const int i = defn->GetFieldIndex(f.name);
      ASSERT_GE(i, 0) << want.name << "." << f.name;
      EXPECT_EQ(defn->GetFieldDefn(i)->GetType(), f.type) << want.name << "." << f.name;
    }
    if (want.geom != wkbNone) {
      const OGRSpatialReference* srs = layer->GetSpatialRef();
      ASSERT_NE(srs, nullptr) << want.name;
      EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4549") << want.name;
    }
  }
  // The river holds both forms: the water body and the shoreline.
  OGRLayer* river = ds->GetLayerByName("river");
  std::set<OGRwkbGeometryType> forms;
  for (FeaturePtr f(river->GetNextFeature()); f; f.reset(river->GetNextFeature())) {
    EXPECT_STREQ(f->GetFieldAsString("name"), "长江");
    forms.insert(wkbFlatten(f->GetGeometryRef()->getGeometryType()));
  }
  EXPECT_EQ(forms, (std::set<OGRwkbGeometryType>{wkbPolygon, wkbLineString}));
}

TEST_F(Generator, PolygonsAreValid) {
  DatasetPtr ds = Open(Path("a.gpkg"));
  ASSERT_TRUE(ds);
  for (const char* name : {"towns", "approvals", "supplies", "construction", "rural_plots"}) {
    OGRLayer* layer = ds->GetLayerByName(name);
    ASSERT_NE(layer, nullptr);
    int64_t invalid = 0, n = 0;
    for (FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
      ++n;
      const OGRGeometry* g = f->GetGeometryRef();
      if (!g || g->IsEmpty() || !g->IsValid()) ++invalid;
    }
    EXPECT_GT(n, 0) << name;
    EXPECT_EQ(invalid, 0) << name;
  }
}

TEST_F(Generator, TownsTileTheCountyAndTheRiverBordersIt) {
  DatasetPtr ds = Open(Path("a.gpkg"));
  ASSERT_TRUE(ds);
  OGRLayer* towns = ds->GetLayerByName("towns");
  std::vector<std::unique_ptr<OGRGeometry>> polys;
  std::set<std::string> codes, kinds;
  double sum = 0;
  OGRMultiPolygon all;
  for (FeaturePtr f(towns->GetNextFeature()); f; f.reset(towns->GetNextFeature())) {
    codes.insert(f->GetFieldAsString("town_code"));
    kinds.insert(f->GetFieldAsString("kind"));
    polys.emplace_back(f->GetGeometryRef()->clone());
    sum += polys.back()->toPolygon()->get_Area();
    all.addGeometry(polys.back().get());
  }
  EXPECT_EQ(polys.size(), 18u);
  EXPECT_EQ(codes.size(), 18u);
  EXPECT_TRUE(codes.count("320281001") && codes.count("320281404") && codes.count("320281112"));
  EXPECT_EQ(kinds, (std::set<std::string>{"street", "town", "zone"}));
  // About Jiangyin's 987 km², where Jiangyin is.
  EXPECT_GT(sum, 900e6);
  EXPECT_LT(sum, 1100e6);
  std::unique_ptr<OGRGeometry> county(all.UnionCascaded());
  ASSERT_TRUE(county);
  EXPECT_EQ(wkbFlatten(county->getGeometryType()), wkbPolygon);  // one piece
  EXPECT_EQ(county->toPolygon()->getNumInteriorRings(), 0);      // no gaps
  EXPECT_NEAR(county->toPolygon()->get_Area(), sum, 1e-6 * sum);
  OGREnvelope env;
  county->getEnvelope(&env);
  EXPECT_GT(env.MinX, 500000);
  EXPECT_LT(env.MaxX, 560000);
  EXPECT_GT(env.MinY, 3495000);
  EXPECT_LT(env.MaxY, 3540000);
  for (size_t i = 0; i < polys.size(); ++i)
    for (size_t j = i + 1; j < polys.size(); ++j) {
      std::unique_ptr<OGRGeometry> x(polys[i]->Intersection(polys[j].get()));
      const double overlap = x ? SurfaceArea(*x) : 0.0;
      EXPECT_LE(overlap, 1e-6) << i << " " << j;
    }
  // The water body lies north of the county, touching it along the shoreline.
  OGRLayer* river = ds->GetLayerByName("river");
  for (FeaturePtr f(river->GetNextFeature()); f; f.reset(river->GetNextFeature())) {
    const OGRGeometry* g = f->GetGeometryRef();
    if (wkbFlatten(g->getGeometryType()) == wkbPolygon) {
      std::unique_ptr<OGRGeometry> x(g->Intersection(county.get()));
      EXPECT_LE(x ? SurfaceArea(*x) : 0.0, 1e-3);
      EXPECT_TRUE(g->Touches(county.get()));
    } else {
      EXPECT_GT(g->toLineString()->get_Length(), 35000);
      std::unique_ptr<OGRGeometry> boundary(county->Boundary());
      std::unique_ptr<OGRGeometry> off(g->Difference(boundary.get()));
      EXPECT_TRUE(!off || off->IsEmpty());  // the shoreline is the county's border
    }
  }
}

TEST_F(Generator, CountsGrowInProportionToTheScale) {
  const auto big = Digest(Path("a.gpkg")), small = Digest(Path("small.gpkg"));
  for (const char* name : {"approvals", "supplies", "construction", "enterprises", "rural_plots"}) {
    const double ratio = static_cast<double>(big.at(name).features) / small.at(name).features;
    EXPECT_GT(ratio, 1.4) << name;
    EXPECT_LT(ratio, 2.8) << name;
  }
  for (const char* name : {"towns", "river", "targets"})
    EXPECT_EQ(big.at(name).features, small.at(name).features) << name;
  EXPECT_EQ(big.at("towns").features, 18);
  EXPECT_EQ(big.at("river").features, 2);
  EXPECT_EQ(big.at("targets").features, 18 * 4 - 1);  // one town lacks one year
}

TEST_F(Generator, AttributesFollowTheContract) {
  DatasetPtr ds = Open(Path("a.gpkg"));
  ASSERT_TRUE(ds);
  auto unique_ids = [&](const char* layer_name, const char* field) {
    OGRLayer* layer = ds->GetLayerByName(layer_name);
    std::set<std::string> ids;
    int64_t n = 0;
    layer->ResetReading();
    for (FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
      ++n;
      ids.insert(f->GetFieldAsString(field));
    }
    EXPECT_EQ(static_cast<int64_t>(ids.size()), n) << layer_name << "." << field;
    return ids;
  };
  unique_ids("approvals", "approval_id");
  unique_ids("construction", "obs_id");
  unique_ids("rural_plots", "plot_id");
  const std::set<std::string> supply_ids = unique_ids("supplies", "supply_id");

  OGRLayer* supplies = ds->GetLayerByName("supplies");
  const std::set<std::string> causes{"enterprise", "government", "force_majeure", "mixed"};
  int industrial = 0, n = 0, before_2009 = 0;
  supplies->ResetReading();
  for (FeaturePtr f(supplies->GetNextFeature()); f; f.reset(supplies->GetNextFeature())) {
    ++n;
    int y, m, d, h, mi, tz;
    float s;
    ASSERT_TRUE(
        f->GetFieldAsDateTime(f->GetFieldIndex("supply_date"), &y, &m, &d, &h, &mi, &s, &tz));
    const Date supplied = Date::FromYmd(y, m, d);
    ASSERT_TRUE(
        f->GetFieldAsDateTime(f->GetFieldIndex("agreed_start"), &y, &m, &d, &h, &mi, &s, &tz));
    EXPECT_GT(Date::FromYmd(y, m, d), supplied);
    EXPECT_LE(supplied, Date::FromYmd(2022, 12, 31));
    before_2009 += supplied < Date::FromYmd(2009, 1, 1);
    const std::string use = f->GetFieldAsString("land_use");
    EXPECT_EQ(use.size(), 4u);
    industrial += use.rfind("06", 0) == 0;
    const std::string mode = f->GetFieldAsString("mode");
    EXPECT_TRUE(mode == "grant" || mode == "allocation") << mode;
    const int cause = f->GetFieldIndex("idle_cause");
    if (f->IsFieldSetAndNotNull(cause)) {
      EXPECT_TRUE(causes.count(f->GetFieldAsString(cause)));
    }
  }
  EXPECT_GT(industrial, n / 3);
  EXPECT_GT(before_2009, 0);

  OGRLayer* enterprises = ds->GetLayerByName("enterprises");
  for (FeaturePtr f(enterprises->GetNextFeature()); f; f.reset(enterprises->GetNextFeature())) {
    EXPECT_TRUE(supply_ids.count(f->GetFieldAsString("supply_id")))
        << f->GetFieldAsString("supply_id");
    const int year = f->GetFieldAsInteger("year");
    EXPECT_GE(year, 2018);
    EXPECT_LE(year, 2022);
  }
  OGRLayer* approvals = ds->GetLayerByName("approvals");
  for (FeaturePtr f(approvals->GetNextFeature()); f; f.reset(approvals->GetNextFeature())) {
    int y, m, d, h, mi, tz;
    float s;
    ASSERT_TRUE(
        f->GetFieldAsDateTime(f->GetFieldIndex("approval_date"), &y, &m, &d, &h, &mi, &s, &tz));
    EXPECT_GE(y, 2010);
    EXPECT_LE(y, 2021);
    const std::string kind = f->GetFieldAsString("kind");
    EXPECT_TRUE(kind == "conversion" || kind == "expropriation") << kind;
  }
}

// v3: a work plan for most plots listed at the end of 2021, each naming an approval or a
// supply, due around 2021-12-31, and the plots listed there mostly planned.
TEST_F(Generator, PlansNameListedPlotsAndFallDueAroundTheYearEnd) {
  const std::string path = Path("a.gpkg");
  DatasetPtr ds = Open(path);
  ASSERT_TRUE(ds);
  std::set<std::string> ids;
  for (const char* layer_name : {"approvals", "supplies"}) {
    OGRLayer* layer = ds->GetLayerByName(layer_name);
    for (FeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature()))
      ids.insert(f->GetFieldAsString(0));
  }
  OGRLayer* plans = ds->GetLayerByName("plans");
  ASSERT_NE(plans, nullptr);
  std::set<std::string> planned;
  int64_t n = 0;
  for (FeaturePtr f(plans->GetNextFeature()); f; f.reset(plans->GetNextFeature())) {
    ++n;
    const std::string id = f->GetFieldAsString("feature_id");
    EXPECT_TRUE(ids.count(id)) << id;
    planned.insert(id);
    int y, m, d, h, mi, tz;
    float sec;
    ASSERT_TRUE(f->GetFieldAsDateTime(f->GetFieldIndex("due_date"), &y, &m, &d, &h, &mi, &sec, &tz));
    const Date due = Date::FromYmd(y, m, d), year_end = Date::FromYmd(2021, 12, 31);
    EXPECT_GE(DaysBetween(year_end, due), -150);
    EXPECT_LE(DaysBetween(year_end, due), 180);
    EXPECT_FALSE(std::string(f->GetFieldAsString("measure")).empty());
    EXPECT_FALSE(std::string(f->GetFieldAsString("responsible")).empty());
    EXPECT_FALSE(std::string(f->GetFieldAsString("leader")).empty());
  }
  EXPECT_GT(n, 10);
  EXPECT_EQ(static_cast<int64_t>(planned.size()), n);  // clean data: one plan a plot
}

TEST_F(Generator, RefusesToOverwriteUnlessAskedAndLeavesNoTemporaryFile) {
  const std::string path = Path("twice.gpkg");
  GenerateOptions o;
  o.scale = 0.005;
  o.output = path;
  ASSERT_TRUE(Generate(o).ok());
  const auto first_size = fs::file_size(path);
  auto again = Generate(o);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already exists"), std::string::npos);
  EXPECT_EQ(fs::file_size(path), first_size);
  o.overwrite = true;
  auto r = Generate(o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->output_bytes, fs::file_size(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));

  GenerateOptions bad;
  bad.output = Path("bad.gpkg");
  bad.scale = 0;
  EXPECT_FALSE(Generate(bad).ok());
  EXPECT_FALSE(fs::exists(bad.output));
}

TEST_F(Generator, CancellingLeavesNothingBehind) {
  GenerateOptions o;
  o.scale = 0.005;
  o.output = Path("cancelled.gpkg");
  auto stop = [](double f, const char*, void*) { return f < 0.5; };
  auto r = Generate(o, stop, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(fs::exists(o.output));
  EXPECT_FALSE(fs::exists(o.output + ".tmp"));
}

}  // namespace
}  // namespace panhuo::gen
