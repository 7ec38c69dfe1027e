// A failed overlay never becomes a figure: the digested-area case that once counted 0 ha, and
// what happens to a determination when every overlay path fails.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <unistd.h>

#include "panhuo/overlay/coverage.hpp"
#include "panhuo/overlay/geos_bridge.hpp"
#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
#include "scan/phases.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;
using testing::Wkt;

// A supply of the year that lies wholly inside an approval of the previous year, sharing its
// vertices and a (nearly) collinear edge with it, and crossing the corner of an older approval
// that earlier supplies took. Boost calls the supply not covered by its approval, and the union
// of its two intersection pieces carries a self-intersecting ring with the right area; that
// ring, handed to the second overlay of the digested area, made every path fail and the supply
// count 0 digested hectares.
const char* kMA1182 =
    "POLYGON((522420.9986933983 3544231.0438913857,522345.4157913674 3544339.0344636,"
    "522033.480574662 3544120.7101373104,522109.0634766929 3544012.7195650963,522420.9986933983 3544231.0438913857))";
const char* kMA1365 =
    "POLYGON((522355.80095675227 3544227.468572909,522619.24926371436 3544233.673624121,"
    "522611.56879657623 3544559.763771487,522348.12048961414 3544553.5587202744,522355.80095675227 3544227.468572909))";
const char* kMS2188 =
    "POLYGON((522425.1767280752 3544230.306310042,522402.8405492344 3544262.2195691164,"
    "522085.98971650825 3544040.4547894937,522108.32589534903 3544008.5415304196,522425.1767280752 3544230.306310042))";
const char* kMS2189 =
    "POLYGON((522402.1029678906 3544258.041534439,522383.20724238286 3544285.0391774927,"
    "522071.27202567743 3544066.7148512034,522090.16775118513 3544039.71720815,522402.1029678906 3544258.041534439))";
const char* kMS2555 =
    "POLYGON((522355.80095675227 3544227.468572909,522487.5251102333 3544230.571098515,"
    "522479.8446430952 3544556.6612458806,522348.12048961414 3544553.5587202744,522355.80095675227 3544227.468572909))";

CountyBuilder DigestedCase() {
  CountyBuilder b;
  b.Town("T1", Rect(521000, 3543000, 524000, 3546000));
  b.Approval("MA1182", "2015-08-20", kMA1182);
  b.Approval("MA1365", "2020-04-21", kMA1365);
  b.Supply("MS2188", "2015-10-03", "2016-03-16", kMS2188);
  b.Supply("MS2189", "2016-04-16", "2017-10-03", kMS2189);
  b.Supply("MS2555", "2021-07-17", "2022-09-22", kMS2555);
  b.Target("T1", 2021, 10.0);
  return b;
}

TEST(Regression, DigestedSupplyInsideLaterApprovalSharingItsEdge) {
  County c = DigestedCase().Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->towns.size(), 1u);
  // area(MS2555 − (MS2188 ∪ MS2189)), all of MS2555 lying on approved land: 40,422.356 m²
  EXPECT_NEAR(r->towns[0].digested_ha, 4.042236, 5e-7);
  EXPECT_EQ(r->counts.overlay_failures, 0);
  EXPECT_TRUE(r->undetermined.empty());
  EXPECT_EQ(r->towns[0].undetermined, 0);
}

TEST(Regression, CoveredGeometryHandedBackIsValid) {
  const MultiPolygon target = Wkt(kMS2555), a = Wkt(kMA1182), b = Wkt(kMA1365);
  const std::vector<Shape> cands = {{&a, Envelope(a), Area(a)}, {&b, Envelope(b), Area(b)}};
  CoverageOptions o;
  o.want_covered = true;
  const CoverageResult r = Coverage({&target, Envelope(target), Area(target)}, cands, o);
  ASSERT_FALSE(r.failed);
  EXPECT_TRUE(geos::IsValid(r.covered));
  EXPECT_NEAR(Area(r.covered), Area(target), 1e-6);
  EXPECT_NEAR(r.covered_area, Area(target), 1e-6);
}

// A parcel with a vertex at NaN: no overlay path can give it an area.
std::string BrokenParcel() {
  return "POLYGON((100 100,100 200,150 " + std::string("nan") + ",200 200,200 100,100 100))";
}

CountyBuilder BrokenCase() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Approval("A", "2015-01-01", Rect(0, 0, 500, 500));
  b.Supply("GOOD", "2016-01-01", "2016-06-01", Rect(0, 0, 100, 100));
  b.Supply("BROKEN", "2016-01-01", "2016-06-01", Rect(300, 300, 400, 400));
  b.Built("B", "2017-01-01", Rect(0, 0, 100, 100));
  b.d.supplies.geom[1] = Wkt(BrokenParcel());
  b.d.supplies.area_m2[1] = Area(b.d.supplies.geom[1]);
  b.d.supplies.box[1] = Envelope(b.d.supplies.geom[1]);
  return b;
}

TEST(Undetermined, FailedOverlayIsListedWithNullFiguresNeverZero) {
  CountyBuilder b = BrokenCase();
  ASSERT_TRUE(std::isnan(b.d.supplies.area_m2[1]));
  County c = b.Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->supplies.size(), 2u);
  const SupplyFinding& broken = r->supplies[1];
  EXPECT_FALSE(broken.undetermined.empty());
  EXPECT_TRUE(std::isnan(broken.built_ha));
  EXPECT_FALSE(IsIdle(broken.status));
  EXPECT_EQ(broken.action, IdleAction::kNone);
  EXPECT_TRUE(r->supplies[0].undetermined.empty());
  // listed with the reason of every path: the supply's town, its built area, and the approval
  // it lies on (a candidate no path can use makes the approval's remainder unknown too)
  ASSERT_EQ(r->undetermined.size(), 3u);
  EXPECT_EQ(r->undetermined[0].layer, "approvals");
  EXPECT_EQ(r->undetermined[0].determination, "unsupplied");
  EXPECT_EQ(r->undetermined[1].layer, "supplies");
  EXPECT_EQ(r->undetermined[1].index, 1u);
  EXPECT_EQ(r->undetermined[1].determination, "town");
  EXPECT_EQ(r->undetermined[2].determination, "idle");
  EXPECT_NE(r->undetermined[2].error.find("GEOS on a 1e-6 m grid"), std::string::npos);
  ASSERT_EQ(r->approvals.size(), 1u);
  EXPECT_TRUE(std::isnan(r->approvals[0].unsupplied_ha));
  EXPECT_FALSE(r->approvals[0].listed);
  EXPECT_FALSE(r->approvals[0].lapsed);
  ASSERT_EQ(r->towns.size(), 1u);
  EXPECT_EQ(r->towns[0].undetermined, 1);  // the approval; the supply has no town
  EXPECT_EQ(r->towns[0].unsupplied_ha, 0.0);
  EXPECT_EQ(r->counts.overlay_failures, 3);
}

TEST(Undetermined, TownCountsItsUndeterminedFeaturesAndLeavesThemOutOfItsSums) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Town("T2", Rect(1000, 0, 2000, 1000));
  b.Approval("A1", "2021-01-01", Rect(0, 0, 100, 100));
  b.Approval("A2", "2021-01-01", Rect(200, 0, 300, 100));
  b.Supply("S1", "2021-03-01", "2021-09-01", Rect(500, 0, 600, 100));
  County c = b.Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  detail::ScanState st(c, p, nullptr);
  ScanResult res;
  res.params = p;
  detail::ApprovalsPhase(st, res);
  detail::SuppliesPhase(st, res);
  detail::YearStartPhase(st, res);
  detail::YearFiguresPhase(st, res);
  ASSERT_EQ(res.approvals.size(), 2u);
  // as if every path had failed on A2 and on S1's digested area
  res.approvals[1].undetermined = "injected";
  res.approvals[1].supplied_ha = res.approvals[1].unsupplied_ha = std::numeric_limits<double>::quiet_NaN();
  res.approvals[1].listed = false;
  st.digested_m2[0] = std::numeric_limits<double>::quiet_NaN();
  st.undetermined.push_back({"supplies", 0, "digested", "injected"});
  std::vector<TownFinding> towns = detail::TownsPhase(st, res);
  detail::CollectUndetermined(st, res, towns);
  EXPECT_EQ(towns[0].undetermined, 2);  // A2 and S1, each once
  EXPECT_EQ(towns[1].undetermined, 0);
  EXPECT_NEAR(towns[0].unsupplied_ha, 1.0, 1e-9);       // A1 only
  EXPECT_NEAR(towns[0].window_approved_ha, 1.0, 1e-9);  // A2 left out of the window too
  EXPECT_FALSE(std::isnan(towns[0].digested_ha));
  EXPECT_NEAR(towns[0].stock_ha, 0.0, 1e-9);
  ASSERT_EQ(res.undetermined.size(), 2u);
  EXPECT_EQ(res.undetermined[0].layer, "approvals");
  EXPECT_EQ(res.undetermined[1].determination, "digested");
}

TEST(Undetermined, WrittenAsALayerAndAsNulls) {
  County c = BrokenCase().Make();
  ScanParams p;
  p.as_of = D("2021-12-31");
  auto r = Scan(c, p);
  ASSERT_TRUE(r.ok());
  const std::string out = (std::filesystem::temp_directory_path() / ("panhuo_undetermined_" + std::to_string(::getpid()) + ".gpkg")).string();
  WriteOptions wo;
  wo.output = out;
  wo.overwrite = true;
  wo.input = "test";
  GDALAllRegister();
  const Status written = WriteScan(c, *r, wo);
  ASSERT_TRUE(written.ok()) << written.message();
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* u = ds->GetLayerByName("undetermined");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->GetFeatureCount(), static_cast<GIntBig>(r->undetermined.size()));
  OGRLayer* s = ds->GetLayerByName("supply_status");
  ASSERT_TRUE(s);
  int nulls = 0;
  for (auto& f : *s) {
    if (std::string(f->GetFieldAsString("supply_id")) != "BROKEN") continue;
    EXPECT_TRUE(f->IsFieldNull(f->GetFieldIndex("built_ha")));
    EXPECT_TRUE(f->IsFieldNull(f->GetFieldIndex("status")));
    ++nulls;
  }
  EXPECT_EQ(nulls, 1);
  ds.reset();
  std::filesystem::remove(out);
}

}  // namespace
}  // namespace panhuo
