#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "panhuo/scenario/scenario.hpp"
#include "panhuo/sinks/scenario_writer.hpp"
#include "scenario_support.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::Rect;
using testing::Wkt;
using testing::D;
using testing::Plot;
using testing::RiverLine;
using testing::ScanAt;
using testing::Parse;
using testing::TownRow;
using testing::RiverCounty;

// ==== scenario files ====

TEST(ScenarioFile, MinimalFileTakesEveryDefault) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 100, 100));
  auto s = ParseScenario("name = \"base\"\n", "x.toml", {"T1"});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->name, "base");
  EXPECT_EQ(s->reclaim.kinds, (std::vector<std::string>{"homestead", "vacant", "unused"}));
  EXPECT_DOUBLE_EQ(s->reclaim.coefficient, 0.9);
  EXPECT_FALSE(s->reclaim.cap_ha.has_value());
  EXPECT_EQ(s->riverside.buffers_m, (std::vector<double>{1000, 3000, 5000}));
  EXPECT_DOUBLE_EQ(s->riverside.ban_zone_m, 1000);
  EXPECT_DOUBLE_EQ(s->riverside.clear_within_m, 1000);
  EXPECT_TRUE(s->riverside.clear.empty());
}

TEST(ScenarioFile, NameDefaultsToTheFileStem) {
  auto s = ParseScenario("description = \"x\"\n", "/some/where/plan_b.toml", {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name, "plan_b");
}

TEST(ScenarioFile, EveryKeyIsRead) {
  const std::string text = R"(name = "full"
description = "all keys"
[reclaim]
kinds = ["homestead", "other"]
non_retained_villages = true
idle_only = true
min_area_m2 = 200
towns = ["T1", "T2"]
priority = ["area_asc", "idle"]
cap_ha = 12.5
coefficient = 0.85
resettlement_share = 0.1
resettlement_ha = { T1 = 0.5 }
[demand]
demand_layer = "new_builds"
T1 = 3
T2 = 4.5
[riverside]
buffers_m = [3000, 1000]
ban_zone_m = 800
[[riverside.clear]]
land_use = ["0601", "0602"]
classes = ["D", "C"]
[[riverside.clear]]
idle_only = true
)";
  auto s = ParseScenario(text, "full.toml", {"T1", "T2"});
  ASSERT_TRUE(s.ok()) << s.status().message();
  const auto& r = s->reclaim;
  EXPECT_EQ(r.kinds, (std::vector<std::string>{"homestead", "other"}));
  EXPECT_TRUE(r.non_retained_villages);
  EXPECT_TRUE(r.idle_only);
  EXPECT_DOUBLE_EQ(r.min_area_m2, 200);
  EXPECT_EQ(r.towns, (std::vector<std::string>{"T1", "T2"}));
  EXPECT_EQ(r.priority, (std::vector<PlotPriority>{PlotPriority::kAreaAsc, PlotPriority::kIdle}));
  EXPECT_DOUBLE_EQ(*r.cap_ha, 12.5);
  EXPECT_DOUBLE_EQ(r.coefficient, 0.85);
  EXPECT_DOUBLE_EQ(r.resettlement_share, 0.1);
  EXPECT_DOUBLE_EQ(r.resettlement_ha.at("T1"), 0.5);
  EXPECT_EQ(s->demand.layer, "new_builds");
  EXPECT_DOUBLE_EQ(s->demand.town_ha.at("T2"), 4.5);
  EXPECT_EQ(s->riverside.buffers_m, (std::vector<double>{1000, 3000}));
  EXPECT_DOUBLE_EQ(s->riverside.ban_zone_m, 800);
  EXPECT_DOUBLE_EQ(s->riverside.clear_within_m, 800);  // follows the ban zone unless given
  ASSERT_EQ(s->riverside.clear.size(), 2u);
  EXPECT_EQ(s->riverside.clear[0].classes, (std::vector<EfficiencyClass>{EfficiencyClass::kD, EfficiencyClass::kC}));
  EXPECT_EQ(s->riverside.clear[0].land_use, (std::vector<std::string>{"0601", "0602"}));
  EXPECT_TRUE(s->riverside.clear[1].idle_only);
  EXPECT_EQ(s->riverside.clear[1].land_use, (std::vector<std::string>{"06"}));
}

// A file with one mistake, and what the message must say.
struct Mistake {
  const char* text;
  const char* expect;
};

TEST(ScenarioFile, MistakesNameFileLineAndKey) {
  const std::vector<Mistake> cases = {
      {"name = \"a\"\n[reclaim]\nkind = [\"homestead\"]\n",
       "a.toml:3: unknown key 'reclaim.kind' (did you mean 'reclaim.kinds'?)"},
      {"name = \"a\"\n\n[reclaim]\nkinds = \"homestead\"\n", "a.toml:4: key 'reclaim.kinds' must be an array of text"},
      {"name = \"a\"\n[reclaim]\nkinds = [\"homestead\", 3]\n", "a.toml:3: key 'reclaim.kinds' must be an array of text"},
      {"name = \"a\"\n[demand]\nT1 = 2\nT9 = 5\n", "a.toml:4: key 'demand.T9': unknown town code 'T9'"},
      {"name = \"a\"\n[reclaim]\ntowns = [\"T1\",\n  \"T7\"]\n", "a.toml:4: key 'reclaim.towns': unknown town code 'T7'"},
      {"name = \"a\"\n[reclaim.resettlement_ha]\nX1 = 1\n",
       "a.toml:3: key 'reclaim.resettlement_ha.X1': unknown town code 'X1'"},
      {"name = \"a\"\n[reclaim]\ncoefficient = 1.5\n",
       "a.toml:3: key 'reclaim.coefficient' must be within (0, 1], got 1.5"},
      {"name = \"a\"\n[reclaim]\ncoefficient = \"0.9\"\n", "a.toml:3: key 'reclaim.coefficient' must be a number"},
      {"name = \"a\"\n[reclaim]\nidle_only = 1\n", "a.toml:3: key 'reclaim.idle_only' must be true or false"},
      {"name = \"a\"\n[reclaim]\nmin_area_m2 = -5\n", "a.toml:3: key 'reclaim.min_area_m2' must be >= 0, got -5"},
      {"name = \"a\"\n[reclaim]\nkinds = [\"homstead\"]\n", "a.toml:3: key 'reclaim.kinds': unknown kind 'homstead'"},
      {"name = \"a\"\n[reclaim]\npriority = [\"biggest\"]\n", "a.toml:3: key 'reclaim.priority': unknown priority"},
      {"name = \"a\"\n[riverside]\nbuffers_m = [1000, -3]\n",
       "a.toml:3: key 'riverside.buffers_m' must be within (0, 50000], got -3"},
      {"name = \"a\"\n[riverside]\n[[riverside.clear]]\nclasses = [\"E\"]\n",
       "a.toml:4: key 'riverside.clear[1].classes': unknown class 'E'"},
      {"name = \"a\"\n[[riverside.clear]]\nidle_only = true\n[[riverside.clear]]\nland_use = [\"0701\"]\n",
       "a.toml:5: key 'riverside.clear[2].land_use': '0701' is not an industrial land-use prefix"},
      {"name = \"a\"\n[riverside]\nban_zone = 1000\n", "a.toml:3: unknown key 'riverside.ban_zone' (did you mean 'riverside.ban_zone_m'?)"},
      {"name = \"a b\"\n", "a.toml:1: key 'name' must be an identifier"},
      {"name = \"a\"\nreclaim = 3\n", "a.toml:2: key 'reclaim' must be a table"},
      {"name = \"a\"\n[demand]\ndemand_layr = \"x\"\n",
       "a.toml:3: unknown key 'demand.demand_layr' (did you mean 'demand.demand_layer'?)"},
      {"name = \"a\"\n[reclaim\n", "a.toml:2: "},  // TOML syntax
  };
  for (const auto& m : cases) {
    auto s = ParseScenario(m.text, "a.toml", {"T1", "T2"});
    ASSERT_FALSE(s.ok()) << m.text;
    EXPECT_NE(s.status().message().find(m.expect), std::string::npos)
        << "got:    " << s.status().message() << "\nwanted: " << m.expect;
  }
}

TEST(ScenarioFile, LoadNamesAMissingFile) {
  auto s = LoadScenario("/nonexistent/x.toml", {});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent/x.toml"), std::string::npos);
}

TEST(ScenarioFile, LoadReadsAFile) {
  const std::string path = ::testing::TempDir() + "scenario_load.toml";
  std::ofstream(path) << "name = \"from_file\"\n[reclaim]\ncap_ha = 0\n";
  auto s = LoadScenario(path, {});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->name, "from_file");
  EXPECT_EQ(s->source, path);
}

// ==== reclaim first, then link ====

// T1 | T2 side by side; plots in both, one straddling the border (most of it in T2).
CountyBuilder LinkageCounty() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  Plot(b, "P1", "homestead", 0, 1, Rect(100, 100, 200, 200));    // 1 ha, T1
  Plot(b, "P2", "vacant", 1, 0, Rect(300, 300, 350, 350));       // 0.25 ha, T1
  Plot(b, "P3", "unused", 0, 0, Rect(900, 500, 1200, 600));      // 3 ha: 1 in T1, 2 in T2
  Plot(b, "P4", "homestead", 1, 1, Rect(1500, 100, 1510, 110));  // 0.01 ha, T2
  Plot(b, "P5", "other", 0, 1, Rect(1600, 600, 1700, 700));      // 1 ha, T2, kind other
  return b;
}

TEST(ScenarioLinkage, QuotaIsReclaimedMinusResettlementAndBalanceFlagsOverUse) {
  County c = LinkageCounty().Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  Scenario sc = Parse(R"(name = "q"
[reclaim]
coefficient = 0.8
resettlement_share = 0.1
resettlement_ha = { T1 = 0.1 }
[demand]
T1 = 0.5
T2 = 5
)", c);
  auto r = ctx.Evaluate(sc);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->plots.size(), 4u);  // P5 is of kind "other"
  const TownBalance& t1 = TownRow(c, *r, "T1");
  EXPECT_EQ(t1.plots, 2);
  EXPECT_NEAR(t1.plot_ha, 1.25, 1e-12);
  EXPECT_NEAR(t1.reclaimed_ha, 1.0, 1e-12);
  EXPECT_NEAR(t1.resettlement_ha, 0.1, 1e-12);  // the table replaces the share
  EXPECT_NEAR(t1.quota_ha, 0.9, 1e-12);
  EXPECT_NEAR(t1.balance_ha, 0.4, 1e-12);
  EXPECT_FALSE(t1.over_use);
  // The straddling plot counts whole in T2, where most of it lies.
  const TownBalance& t2 = TownRow(c, *r, "T2");
  EXPECT_EQ(t2.plots, 2);
  EXPECT_NEAR(t2.plot_ha, 3.01, 1e-12);
  EXPECT_NEAR(t2.reclaimed_ha, 2.408, 1e-12);
  EXPECT_NEAR(t2.resettlement_ha, 0.2408, 1e-12);
  EXPECT_NEAR(t2.quota_ha, 2.1672, 1e-12);
  EXPECT_NEAR(t2.balance_ha, 2.1672 - 5, 1e-12);
  EXPECT_TRUE(t2.over_use);
  // The county total does not hide T2's shortfall behind T1's surplus.
  EXPECT_NEAR(r->county.quota_ha, 3.0672, 1e-12);
  EXPECT_NEAR(r->county.demand_ha, 5.5, 1e-12);
  EXPECT_NEAR(r->county.balance_ha, 3.0672 - 5.5, 1e-12);
  EXPECT_EQ(r->county.towns_over_use, 1);
  EXPECT_NEAR(r->county.shortfall_ha, 5 - 2.1672, 1e-12);
  bool noted = false;
  for (const auto& n : r->notes) noted |= n.find("over_use") != std::string::npos && n.find("T2") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ScenarioLinkage, AStraddlingPlotGoesToTheTownWithTheLargerShare) {
  CountyBuilder b = LinkageCounty();
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"s\"\n[reclaim]\nkinds = [\"unused\"]\n", c));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->plots.size(), 1u);
  EXPECT_EQ(c.data().towns.code[static_cast<size_t>(r->plots[0].town)], "T2");
  EXPECT_NEAR(TownRow(c, *r, "T1").plot_ha, 0.0, 0);
  EXPECT_NEAR(TownRow(c, *r, "T2").plot_ha, 3.0, 1e-12);
}

TEST(ScenarioLinkage, EmptySelectionGivesZeroQuotaAndFlagsEveryDemand) {
  County c = LinkageCounty().Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"e\"\n[reclaim]\nmin_area_m2 = 1e9\n[demand]\nT2 = 1\n", c));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->plots.empty());
  EXPECT_EQ(r->county.plots, 0);
  EXPECT_EQ(r->county.quota_ha, 0.0);
  EXPECT_FALSE(TownRow(c, *r, "T1").over_use);  // no demand, no quota: balanced
  EXPECT_TRUE(TownRow(c, *r, "T2").over_use);
  EXPECT_NEAR(r->county.shortfall_ha, 1.0, 1e-12);
  bool noted = false;
  for (const auto& n : r->notes) noted |= n.find("no plot matches") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ScenarioLinkage, ACountyWithoutRuralPlotsReclaimsNothing) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"n\"\n[demand]\nT1 = 2\n", c));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->plots.empty());
  EXPECT_TRUE(r->county.over_use);
  EXPECT_TRUE(r->riverside.empty());  // no river either
  EXPECT_FALSE(r->ban_zone.has_value());
}

TEST(ScenarioLinkage, FiltersSelectPlotsOfNonRetainedVillagesIdlePlotsAndTowns) {
  County c = LinkageCounty().Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto ids = [&](const ScenarioResult& r) {
    std::vector<std::string> v;
    for (const auto& p : r.plots) v.push_back(c.data().rural_plots.id[p.plot]);
    return v;
  };
  auto r1 = ctx.Evaluate(Parse("name = \"a\"\n[reclaim]\nnon_retained_villages = true\n", c));
  EXPECT_EQ(ids(*r1), (std::vector<std::string>{"P1", "P3"}));  // default priority: idle before area
  auto r2 = ctx.Evaluate(Parse("name = \"a\"\n[reclaim]\nidle_only = true\n", c));
  EXPECT_EQ(ids(*r2), (std::vector<std::string>{"P1", "P4"}));  // non-retained first
  auto r3 = ctx.Evaluate(Parse("name = \"a\"\n[reclaim]\ntowns = [\"T1\"]\n", c));
  EXPECT_EQ(ids(*r3), (std::vector<std::string>{"P1", "P2"}));
  auto r4 = ctx.Evaluate(Parse("name = \"a\"\n[reclaim]\nmin_area_m2 = 5000\nkinds = [\"homestead\", \"vacant\", \"unused\", \"other\"]\n", c));
  // all non-retained; idle P1 and P5 (equal areas: by plot_id) before P3
  EXPECT_EQ(ids(*r4), (std::vector<std::string>{"P1", "P5", "P3"}));
}

TEST(ScenarioLinkage, CapStopsAtTheFirstPlotThatWouldPassItInPriorityOrder) {
  County c = LinkageCounty().Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  // area_desc: P3 (3 ha), P1 (1 ha), P2 (0.25 ha), P4 (0.01 ha); cap 3.5 takes P3 only, although
  // P2 and P4 alone would still fit: a lower priority never jumps the queue.
  auto r = ctx.Evaluate(Parse("name = \"c\"\n[reclaim]\npriority = [\"area_desc\"]\ncap_ha = 3.5\n", c));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->plots.size(), 1u);
  EXPECT_EQ(c.data().rural_plots.id[r->plots[0].plot], "P3");
  bool noted = false;
  for (const auto& n : r->notes) noted |= n.find("cap") != std::string::npos && n.find("P1") != std::string::npos;
  EXPECT_TRUE(noted);
  // A cap equal to the sum of the first plots takes them all.
  auto r2 = ctx.Evaluate(Parse("name = \"c\"\n[reclaim]\npriority = [\"area_desc\"]\ncap_ha = 4.25\n", c));
  EXPECT_EQ(r2->plots.size(), 3u);
  auto r0 = ctx.Evaluate(Parse("name = \"c\"\n[reclaim]\ncap_ha = 0\n", c));
  EXPECT_TRUE(r0->plots.empty());
}

TEST(ScenarioLinkage, PlotsTouchingNoTownCountInTheCountyOnly) {
  CountyBuilder b = LinkageCounty();
  Plot(b, "P9", "vacant", 0, 0, Rect(5000, 5000, 5100, 5100));  // outside every town
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  auto r = ctx.Evaluate(Parse("name = \"o\"\n[reclaim]\ncoefficient = 1\n", c));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->towns.back().town, -1);
  EXPECT_EQ(r->towns.back().plots, 1);
  EXPECT_NEAR(r->county.reclaimed_ha, 1 + 0.25 + 3 + 0.01 + 1, 1e-12);
  // with a town filter it is left out
  auto r2 = ctx.Evaluate(Parse("name = \"o\"\n[reclaim]\ntowns = [\"T1\", \"T2\"]\n", c));
  for (const auto& p : r2->plots) EXPECT_GE(p.town, 0);
}

TEST(ScenarioLinkage, AScenarioNamingAnotherCountysTownIsRefused) {
  County c = LinkageCounty().Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  // loaded without the county's towns (as the CLI does before reading), then evaluated
  auto sc = ParseScenario("name = \"x\"\n[reclaim]\ntowns = [320281001]\n", "x.toml", {});
  ASSERT_TRUE(sc.ok());
  EXPECT_EQ(sc->reclaim.towns, (std::vector<std::string>{"320281001"}));  // an integer code reads as text
  auto r = ctx.Evaluate(*sc);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("x.toml: unknown town code '320281001'"), std::string::npos);
}

// ==== demand layer, comparison and output ====

std::string WriteDemandLayer() {
  GDALAllRegister();
  const std::string path = ::testing::TempDir() + "scenario_demand.gpkg";
  std::filesystem::remove(path);
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDataset* ds = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  OGRSpatialReference srs;
  srs.importFromEPSG(4549);
  OGRLayer* l = ds->CreateLayer("new_builds", &srs, wkbPolygon, nullptr);
  // two overlapping polygons across the T1|T2 border: the union counts once
  for (const char* wkt : {"POLYGON((900 0,900 100,1100 100,1100 0,900 0))", "POLYGON((950 0,950 100,1050 100,1050 0,950 0))"}) {
    OGRFeature f(l->GetLayerDefn());
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(wkt, nullptr, &g);
    f.SetGeometryDirectly(g);
    EXPECT_EQ(l->CreateFeature(&f), OGRERR_NONE);
  }
  GDALClose(ds);
  return path;
}

TEST(ScenarioDemand, DemandLayerIsAttributedToTownsByArea) {
  const std::string path = WriteDemandLayer();
  County c = LinkageCounty().Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContextOptions o;
  o.input_source = path;
  ScenarioContext ctx(c, scan, o);
  auto r = ctx.Evaluate(Parse("name = \"dl\"\n[demand]\ndemand_layer = \"new_builds\"\nT1 = 2\n", c));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NEAR(TownRow(c, *r, "T1").demand_layer_ha, 1.0, 1e-9);
  EXPECT_NEAR(TownRow(c, *r, "T1").demand_ha, 3.0, 1e-9);
  EXPECT_NEAR(TownRow(c, *r, "T2").demand_layer_ha, 1.0, 1e-9);
  auto missing = ctx.Evaluate(Parse("name = \"dl\"\n[demand]\ndemand_layer = \"nothing\"\n", c));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("'nothing'"), std::string::npos);
}

TEST(ScenarioOutput, ComparisonAndGeoPackageHoldEveryScenario) {
  GDALAllRegister();
  CountyBuilder b = RiverCounty();
  RiverLine(b, "LINESTRING(-1000 5000,21000 5000)");
  Plot(b, "P1", "homestead", 0, 1, Rect(100, 100, 200, 200));
  County c = b.Make();
  ScanResult scan = ScanAt(c, "2023-06-30");
  ScenarioContext ctx(c, scan);
  std::vector<ScenarioResult> results;
  results.push_back(*ctx.Evaluate(Parse("name = \"low\"\n[demand]\nT1 = 2\n", c)));
  results.push_back(*ctx.Evaluate(
      Parse("name = \"high\"\n[riverside]\nbuffers_m = [1000, 2000]\n[[riverside.clear]]\nidle_only = true\n", c)));
  const auto rows = Compare(results);
  auto find = [&](const std::string& fig) -> const ComparisonRow* {
    for (const auto& r : rows)
      if (r.figure == fig) return &r;
    return nullptr;
  };
  ASSERT_NE(find("quota_ha"), nullptr);
  EXPECT_NEAR(*find("quota_ha")->values[0], 0.9, 1e-12);
  EXPECT_EQ(*find("towns_over_use")->values[0], 1.0);
  ASSERT_NE(find("intensity_after_2000m"), nullptr);
  EXPECT_FALSE(find("intensity_after_2000m")->values[0].has_value());  // "low" has no 2 km zone
  EXPECT_TRUE(find("intensity_after_2000m")->values[1].has_value());
  EXPECT_EQ(*find("parcels_cleared")->values[1], 1.0);

  const std::string out = ::testing::TempDir() + "scenario_out.gpkg";
  std::filesystem::remove(out);
  ScenarioWriteOptions wo;
  wo.output = out;
  ASSERT_TRUE(WriteScenarios(c, scan, results, rows, wo).ok());
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
  GDALDataset* ds = GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR);
  ASSERT_NE(ds, nullptr);
  for (const char* name : {"low_plots", "low_towns", "low_riverside", "low_clear", "high_plots", "high_towns",
                           "high_riverside", "high_clear", "comparison", "scenarios"})
    EXPECT_NE(ds->GetLayerByName(name), nullptr) << name;
  EXPECT_EQ(ds->GetLayerByName("low_plots")->GetFeatureCount(), 1);
  EXPECT_EQ(ds->GetLayerByName("high_clear")->GetFeatureCount(), 1);
  EXPECT_EQ(ds->GetLayerByName("comparison")->GetFeatureCount(), static_cast<GIntBig>(rows.size()));
  EXPECT_GE(ds->GetLayerByName("comparison")->GetLayerDefn()->GetFieldIndex("high"), 0);
  GDALClose(ds);
  // without --overwrite an existing output is kept
  EXPECT_FALSE(WriteScenarios(c, scan, results, rows, wo).ok());
  // two scenarios of one name would clash
  results[1].scenario.name = "low";
  wo.overwrite = true;
  EXPECT_FALSE(WriteScenarios(c, scan, results, rows, wo).ok());
}

}  // namespace
}  // namespace panhuo
