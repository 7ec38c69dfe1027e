#include <gtest/gtest.h>

#include <cmath>

#include "panhuo/scan/scan.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

struct Found {
  ScanResult r;
  const County* c;
  const EfficiencyFinding* Get(const std::string& id) const {
    for (const auto& f : r.efficiency)
      if (c->data().enterprises.id[f.row] == id) return &f;
    return nullptr;
  }
};

Found Evaluate(const County& c, const char* as_of, ScanParams p = {}) {
  p.as_of = D(as_of);
  return Found{std::move(*Scan(c, p)), &c};
}

CountyBuilder Parcels() {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 1000, 1000));
  b.Supply("P1", "2015-01-01", "2015-06-01", Rect(0, 0, 100, 100));   // 15 mu
  b.Supply("P2", "2015-01-01", "2015-06-01", Rect(200, 0, 400, 100)); // 30 mu
  b.Supply("P3", "2015-01-01", "2015-06-01", Rect(500, 0, 530, 30));  // 1.35 mu
  b.Supply("P4", "2022-01-01", "2022-06-01", Rect(600, 0, 700, 100)); // after T
  return b;
}

TEST(Efficiency, LandIsSharedEquallyAndIndicatorsFollowTheContract) {
  auto b = Parcels();
  b.Enterprise("E1", "P1", 2021, 75, 750, 100, 0, 5, 30, 10);
  b.Enterprise("E2", "P1", 2021, 150, 1500, NAN, 10, NAN, NAN, 0);
  b.Enterprise("E3", "P2", 2021, 900, NAN);
  b.Enterprise("E4", "P3", 2021, 10, 100);
  b.Enterprise("E5", "P4", 2021, 10, 100);  // supply not existing at T
  b.Enterprise("E6", "P2", 2020, 10, 100);  // another year
  County c = b.Make();
  Found f = Evaluate(c, "2021-12-31");
  ASSERT_EQ(f.r.efficiency.size(), 4u);
  EXPECT_FALSE(f.Get("E5"));
  EXPECT_FALSE(f.Get("E6"));
  const auto* e1 = f.Get("E1");
  EXPECT_NEAR(e1->land_mu, 7.5, 1e-9);
  EXPECT_NEAR(e1->indicator[0], 10.0, 1e-9);   // tax_per_mu
  EXPECT_NEAR(e1->indicator[1], 100.0, 1e-9);  // sales_per_mu
  EXPECT_TRUE(std::isnan(e1->indicator[2]));   // energy 0: null
  EXPECT_NEAR(e1->indicator[3], 15.0, 1e-9);   // tax per emission
  EXPECT_NEAR(e1->indicator[4], 10.0, 1e-9);   // labour productivity
  EXPECT_NEAR(e1->indicator[5], 0.04, 1e-12);  // rnd intensity
  const auto* e2 = f.Get("E2");
  EXPECT_NEAR(e2->indicator[2], 15.0, 1e-9);
  EXPECT_TRUE(std::isnan(e2->indicator[4]));  // employees 0
  EXPECT_NEAR(f.Get("E3")->land_mu, 30.0, 1e-9);
  const auto* e4 = f.Get("E4");
  EXPECT_NEAR(e4->land_mu, 1.35, 1e-9);
  EXPECT_EQ(e4->cls, EfficiencyClass::kT);
  EXPECT_FALSE(e4->score);
}

TEST(Efficiency, ScoresAgainstTwiceTheMeanOfEvaluatedFirms) {
  auto b = Parcels();
  b.Enterprise("E1", "P1", 2021, 75, 750);
  b.Enterprise("E2", "P1", 2021, 150, 1500);
  b.Enterprise("E3", "P2", 2021, 900, NAN);
  b.Enterprise("E4", "P3", 2021, 1000, 1000);  // class T: not in the benchmark
  County c = b.Make();
  Found f = Evaluate(c, "2021-12-31");
  // tax_per_mu 10, 20, 30: benchmark 40; sales_per_mu 100, 200: benchmark 300
  EXPECT_NEAR(*f.Get("E1")->score, 40 * 0.25 + 20 * (100.0 / 300), 1e-9);
  EXPECT_NEAR(*f.Get("E2")->score, 40 * 0.5 + 20 * (200.0 / 300), 1e-9);
  EXPECT_NEAR(*f.Get("E3")->score, 40 * 0.75, 1e-9);
  EXPECT_EQ(f.Get("E2")->cls, EfficiencyClass::kA);  // p = 0
  EXPECT_EQ(f.Get("E3")->cls, EfficiencyClass::kB);  // p = 1/3
  EXPECT_EQ(f.Get("E1")->cls, EfficiencyClass::kC);  // p = 2/3
  const auto& town = f.r.towns.front();
  ASSERT_TRUE(town.tax_per_mu);
  EXPECT_NEAR(*town.tax_per_mu, (75 + 150 + 900) / 45.0, 1e-9);
  EXPECT_EQ(town.d_class_ha, 0.0);
}

TEST(Efficiency, RatiosAreCappedAndNonPositiveBenchmarksScoreZero) {
  auto b = Parcels();
  b.Enterprise("E1", "P2", 2021, 0, -100);
  b.Enterprise("E2", "P2", 2021, 0, -100);
  b.Enterprise("E3", "P2", 2021, 900, -100);  // tax_per_mu 90 vs benchmark 60: capped at 1
  County c = b.Make();
  Found f = Evaluate(c, "2021-12-31");
  EXPECT_NEAR(*f.Get("E3")->score, 40.0, 1e-9);  // sales benchmark negative: scores 0
  EXPECT_NEAR(*f.Get("E1")->score, 0.0, 1e-9);
}

TEST(Efficiency, BottomFivePercentIsClassDAndTiesGoByEnterpriseId) {
  CountyBuilder b;
  b.Town("T1", Rect(0, 0, 10000, 1000));
  for (int i = 0; i < 20; ++i) {
    const std::string s = "P" + std::to_string(i);
    b.Supply(s, "2015-01-01", "2015-06-01", Rect(i * 200, 0, i * 200 + 100, 100));
  }
  // E00..E19 with falling tax; E18 and E19 tie at the bottom
  for (int i = 0; i < 20; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "E%02d", i);
    b.Enterprise(id, "P" + std::to_string(i), 2021, i >= 18 ? 10.0 : 300.0 - 10 * i, NAN);
  }
  County c = b.Make();
  Found f = Evaluate(c, "2021-12-31");
  EXPECT_EQ(f.Get("E00")->cls, EfficiencyClass::kA);
  EXPECT_EQ(f.Get("E03")->cls, EfficiencyClass::kA);  // p = 0.15
  EXPECT_EQ(f.Get("E04")->cls, EfficiencyClass::kB);  // p = 0.20
  EXPECT_EQ(f.Get("E11")->cls, EfficiencyClass::kB);  // p = 0.55
  EXPECT_EQ(f.Get("E12")->cls, EfficiencyClass::kC);  // p = 0.60
  EXPECT_EQ(f.Get("E18")->cls, EfficiencyClass::kC);  // tie: smaller id ranks first, p = 0.90
  EXPECT_EQ(f.Get("E19")->cls, EfficiencyClass::kD);  // p = 0.95
  EXPECT_NEAR(f.r.towns.front().d_class_ha, 1.0, 1e-9);
}

TEST(Efficiency, YearCanBeNamed) {
  auto b = Parcels();
  b.Enterprise("E1", "P1", 2020, 75, 750);
  County c = b.Make();
  ScanParams p;
  p.efficiency_year = 2020;
  Found f = Evaluate(c, "2021-12-31", p);
  EXPECT_EQ(f.r.efficiency.size(), 1u);
  EXPECT_EQ(f.r.efficiency_year, 2020);
}

}  // namespace
}  // namespace panhuo
