// Early warning (预警): every event kind on both sides of both ends of the horizon, 29 February,
// two events on one supply, features dated after T ignored, the pre-2009 industrial rule
// whatever the cause, the deadline columns and the town figures.
// The differential check against scans of a frozen county is in warnings_diff_test.cpp.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include "panhuo/scan/scan.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using testing::CountyBuilder;
using testing::D;
using testing::Rect;

// T = 2021-06-30 and H = 90 days: the window is (2021-06-30, 2021-09-28].
constexpr const char* kT = "2021-06-30";

ScanResult ScanAt(const County& c, const char* as_of = kT, int warn_days = 90, int lapse_years = 2, int idle_years = 1,
                  const char* lang = "zh") {
  ScanParams p;
  p.basis_lang = lang;
  p.as_of = D(as_of);
  p.warn_days = warn_days;
  p.lapse_years = lapse_years;
  p.idle_years = idle_years;
  auto r = Scan(c, p);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(*r);
}

const std::string& IdOf(const County& c, const ScanResult& r, const WarningFinding& w) {
  return w.kind == WarningKind::kLapse ? c.data().approvals.id[r.approvals[w.finding].approval]
                                       : c.data().supplies.id[r.supplies[w.finding].supply];
}

// The event of that kind for that feature, if any.
std::optional<WarningFinding> Event(const County& c, const ScanResult& r, WarningKind kind, const std::string& id) {
  std::optional<WarningFinding> found;
  for (const auto& w : r.warnings)
    if (w.kind == kind && IdOf(c, r, w) == id) {
      EXPECT_FALSE(found) << "two " << ToString(kind) << " events for " << id;
      found = w;
    }
  return found;
}

int EventsOf(const County& c, const ScanResult& r, const std::string& id) {
  int n = 0;
  for (const auto& w : r.warnings) n += IdOf(c, r, w) == id;
  return n;
}

const ApprovalFinding& Approval(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.approvals)
    if (c.data().approvals.id[f.approval] == id) return f;
  ADD_FAILURE() << "no approval " << id;
  return r.approvals.front();
}

const SupplyFinding& Supply(const County& c, const ScanResult& r, const std::string& id) {
  for (const auto& f : r.supplies)
    if (c.data().supplies.id[f.supply] == id) return f;
  ADD_FAILURE() << "no supply " << id;
  return r.supplies.front();
}

// Expects exactly one event of `kind` for `id`, on `date`, `days_left` after T.
void ExpectEvent(const County& c, const ScanResult& r, WarningKind kind, const std::string& id, const char* date,
                 int days_left) {
  const auto w = Event(c, r, kind, id);
  ASSERT_TRUE(w) << "no " << ToString(kind) << " event for " << id;
  EXPECT_EQ(w->event_date, D(date)) << id;
  EXPECT_EQ(w->days_left, days_left) << id;
  EXPECT_FALSE(w->basis.empty());
}

// Parcels of 100 × 100 m (1 ha) in a row; approvals on y 0..100, supplies on y 1000..1100.
std::string ApprovalBox(int i) { return Rect(200.0 * i, 0, 200.0 * i + 100, 100); }
std::string SupplyBox(int i) { return Rect(200.0 * i, 1000, 200.0 * i + 100, 1100); }
// The first `share` of supply box i (a strip along x), as construction.
std::string BuiltPart(int i, double share) { return Rect(200.0 * i, 1000, 200.0 * i + 100 * share, 1100); }

CountyBuilder Base() {
  CountyBuilder b;
  b.Town("T1", Rect(0, -500, 20000, 5000));
  return b;
}

TEST(Warnings, LapseOnBothSidesOfBothEndsOfTheHorizon) {
  auto b = Base();
  b.Approval("A0", "2019-06-30", ApprovalBox(0))     // lapses on T: lapsed already, no event
      .Approval("A1", "2019-07-01", ApprovalBox(1))  // lapses T + 1
      .Approval("AH", "2019-09-28", ApprovalBox(2))  // lapses T + H
      .Approval("AH1", "2019-09-29", ApprovalBox(3))  // lapses T + H + 1: after the horizon
      .Approval("A_sup", "2019-08-01", ApprovalBox(4))
      .Supply("S_on_A_sup", "2021-01-01", "2021-06-01", Rect(800, 0, 810, 100))  // dated <= T, overlaps
      .Approval("A_late", "2019-08-01", ApprovalBox(5))
      .Supply("S_after_T", "2021-07-15", "2022-01-01", Rect(1000, 0, 1100, 100))  // dated after T: ignored
      .Approval("A_tiny", "2019-08-02", Rect(1200, 0, 1205, 5))                  // 25 m², not listed
      .Approval("A_future", "2021-07-01", ApprovalBox(7));                       // dated after T
  County c = b.Make();
  const ScanResult r = ScanAt(c);
  ExpectEvent(c, r, WarningKind::kLapse, "A1", "2021-07-01", 1);
  ExpectEvent(c, r, WarningKind::kLapse, "AH", "2021-09-28", 90);
  ExpectEvent(c, r, WarningKind::kLapse, "A_late", "2021-08-01", 32);
  ExpectEvent(c, r, WarningKind::kLapse, "A_tiny", "2021-08-02", 33);
  for (const char* id : {"A0", "AH1", "A_sup", "A_future"}) EXPECT_EQ(EventsOf(c, r, id), 0) << id;
  EXPECT_EQ(r.warnings.size(), 4u);
  // the deadline column: null once lapsed or once a supply dated <= T overlaps
  EXPECT_TRUE(Approval(c, r, "A0").lapsed);
  EXPECT_FALSE(Approval(c, r, "A0").lapse_date);
  EXPECT_EQ(Approval(c, r, "AH1").lapse_date, D("2021-09-29"));
  EXPECT_FALSE(Approval(c, r, "A_sup").lapse_date);
  EXPECT_EQ(Approval(c, r, "A_late").lapse_date, D("2021-08-01"));
  // area and geometry: the unsupplied remainder at T
  const auto late = *Event(c, r, WarningKind::kLapse, "A_late");
  EXPECT_NEAR(late.area_ha, 1.0, 1e-9);
  EXPECT_FALSE(r.approvals[late.finding].remainder.empty());
  const auto tiny = *Event(c, r, WarningKind::kLapse, "A_tiny");
  EXPECT_NEAR(tiny.area_ha, 0.0025, 1e-12);
  EXPECT_FALSE(r.approvals[tiny.finding].listed);
  EXPECT_FALSE(r.approvals[tiny.finding].remainder.empty());
  // basis: Chinese by default, English on request, the same facts
  EXPECT_EQ(Event(c, r, WarningKind::kLapse, "A1")->basis,
            "2019-07-01批准（批次B1），1.0000公顷，尚未供地；如不供地，2021-07-01失效（1天后）");
  const ScanResult en = ScanAt(c, kT, 90, 2, 1, "en");
  EXPECT_EQ(Event(c, en, WarningKind::kLapse, "A1")->basis,
            "approved 2019-07-01 (batch B1), 1.0000 ha, nothing supplied on it; lapses 2021-07-01 (in 1 day) "
            "unless land is supplied");
  // rows by event date
  for (size_t i = 1; i < r.warnings.size(); ++i) EXPECT_LE(r.warnings[i - 1].event_date, r.warnings[i].event_date);
}

TEST(Warnings, IdleUnstartedOnBothSidesOfBothEndsAndConstructionAfterTIgnored) {
  auto b = Base();
  const auto gov = IdleCause::kGovernment;  // no recovery: the idle events alone
  b.Supply("U0", "2020-01-01", "2020-06-30", SupplyBox(0), gov, "0701")  // idle on T: no event
      .Supply("U1", "2020-01-01", "2020-07-01", SupplyBox(1), gov, "0701")
      .Supply("UH", "2020-01-01", "2020-09-28", SupplyBox(2), gov, "0701")
      .Supply("UH1", "2020-01-01", "2020-09-29", SupplyBox(3), gov, "0701")
      .Supply("U_built_after", "2020-01-01", "2020-08-01", SupplyBox(4), gov, "0701")
      .Built("B_after", "2021-07-10", SupplyBox(4))  // would start it, but is dated after T
      .Supply("U_supplied_after", "2021-07-05", "2020-07-15", SupplyBox(5), gov, "0701");
  County c = b.Make();
  const ScanResult r = ScanAt(c);
  ExpectEvent(c, r, WarningKind::kIdleUnstarted, "U1", "2021-07-01", 1);
  ExpectEvent(c, r, WarningKind::kIdleUnstarted, "UH", "2021-09-28", 90);
  ExpectEvent(c, r, WarningKind::kIdleUnstarted, "U_built_after", "2021-08-01", 32);
  for (const char* id : {"U0", "UH1", "U_supplied_after"}) EXPECT_EQ(EventsOf(c, r, id), 0) << id;
  EXPECT_EQ(r.warnings.size(), 3u);
  EXPECT_EQ(Supply(c, r, "U0").status, SupplyStatus::kIdleUnstarted);
  EXPECT_EQ(Supply(c, r, "U0").idle_from, D("2021-06-30"));
  EXPECT_EQ(Supply(c, r, "UH1").idle_from, D("2021-09-29"));
  EXPECT_FALSE(Supply(c, r, "UH1").recover_from);  // government cause
  EXPECT_NEAR(Event(c, r, WarningKind::kIdleUnstarted, "U1")->area_ha, 1.0, 1e-9);
}

TEST(Warnings, IdleStalledOnBothSidesOfBothEnds) {
  auto b = Base();
  const auto gov = IdleCause::kGovernment;
  // agreed start 2019-01-01: overdue since 2020-01-01; 20 % built, last built decides
  b.Supply("S0", "2018-06-01", "2019-01-01", SupplyBox(0), gov, "0701").Built("b0", "2020-06-30", BuiltPart(0, 0.2))
      .Supply("S1", "2018-06-01", "2019-01-01", SupplyBox(1), gov, "0701").Built("b1", "2020-07-01", BuiltPart(1, 0.2))
      .Supply("SH", "2018-06-01", "2019-01-01", SupplyBox(2), gov, "0701").Built("bH", "2020-09-28", BuiltPart(2, 0.2))
      .Supply("SH1", "2018-06-01", "2019-01-01", SupplyBox(3), gov, "0701").Built("bH1", "2020-09-29", BuiltPart(3, 0.2))
      // the agreed start decides: built long ago, overdue on 2021-08-15
      .Supply("S_agreed", "2018-06-01", "2020-08-15", SupplyBox(4), gov, "0701")
      .Built("b4", "2019-05-01", BuiltPart(4, 0.2))
      // at or above the stalled ratio: never stalled
      .Supply("S_half", "2018-06-01", "2019-01-01", SupplyBox(5), gov, "0701")
      .Built("b5", "2020-08-01", BuiltPart(5, 0.5))
      // building after T is ignored: the event stands
      .Supply("S_after", "2018-06-01", "2019-01-01", SupplyBox(6), gov, "0701")
      .Built("b6", "2020-08-01", BuiltPart(6, 0.2))
      .Built("b6_after", "2021-07-20", BuiltPart(6, 0.6));
  County c = b.Make();
  const ScanResult r = ScanAt(c);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "S1", "2021-07-01", 1);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "SH", "2021-09-28", 90);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "S_agreed", "2021-08-15", 46);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "S_after", "2021-08-01", 32);
  for (const char* id : {"S0", "SH1", "S_half"}) EXPECT_EQ(EventsOf(c, r, id), 0) << id;
  EXPECT_EQ(r.warnings.size(), 4u);
  EXPECT_EQ(Supply(c, r, "S0").status, SupplyStatus::kIdleStalled);
  EXPECT_EQ(Supply(c, r, "S0").idle_from, D("2021-06-30"));
  EXPECT_EQ(Supply(c, r, "SH1").idle_from, D("2021-09-29"));
  EXPECT_FALSE(Supply(c, r, "S_half").idle_from);
  EXPECT_EQ(Supply(c, r, "S_after").status, SupplyStatus::kInUse);
}

TEST(Warnings, RecoverOnBothSidesOfBothEndsAndOnlyForEnterpriseCauses) {
  auto b = Base();
  const auto ent = IdleCause::kEnterprise;
  // idle since agreed start + 1 year; recover from agreed start + 2 years
  b.Supply("R0", "2018-06-01", "2019-06-30", SupplyBox(0), ent, "0701")   // recover on T: no event
      .Supply("R1", "2018-06-01", "2019-07-01", SupplyBox(1), ent, "0701")  // idle fee now, recover T + 1
      .Supply("RH", "2018-06-01", "2019-09-28", SupplyBox(2), IdleCause::kNone, "0701")
      .Supply("RH1", "2018-06-01", "2019-09-29", SupplyBox(3), ent, "0701")
      .Supply("R_gov", "2018-06-01", "2019-08-01", SupplyBox(4), IdleCause::kGovernment, "0701")
      .Supply("R_fm", "2018-06-01", "2019-08-01", SupplyBox(5), IdleCause::kForceMajeure, "0701")
      .Supply("R_mixed", "2018-06-01", "2019-08-01", SupplyBox(6), IdleCause::kMixed, "0701")
      // recoverable since 2021-01-01 but only idle (stalled) from 2021-08-10: both events that day
      .Supply("R_stall", "2018-06-01", "2019-01-01", SupplyBox(7), ent, "0701")
      .Built("b7", "2020-08-10", BuiltPart(7, 0.2));
  County c = b.Make();
  const ScanResult r = ScanAt(c);
  EXPECT_EQ(Supply(c, r, "R1").action, IdleAction::kFee);
  ExpectEvent(c, r, WarningKind::kRecover, "R1", "2021-07-01", 1);
  ExpectEvent(c, r, WarningKind::kRecover, "RH", "2021-09-28", 90);
  ExpectEvent(c, r, WarningKind::kRecover, "R_stall", "2021-08-10", 41);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "R_stall", "2021-08-10", 41);
  for (const char* id : {"R0", "RH1", "R_gov", "R_fm", "R_mixed"}) EXPECT_EQ(EventsOf(c, r, id), 0) << id;
  EXPECT_EQ(r.warnings.size(), 4u);
  EXPECT_EQ(Supply(c, r, "R0").action, IdleAction::kRecover);
  EXPECT_EQ(Supply(c, r, "R0").recover_from, D("2021-06-30"));
  EXPECT_EQ(Supply(c, r, "RH1").recover_from, D("2021-09-29"));
  for (const char* id : {"R_gov", "R_fm", "R_mixed"}) EXPECT_FALSE(Supply(c, r, id).recover_from) << id;
  // same day: the idle event comes first (kinds in the order of the contract)
  for (size_t i = 1; i < r.warnings.size(); ++i) {
    if (r.warnings[i - 1].event_date == r.warnings[i].event_date) {
      EXPECT_LT(r.warnings[i - 1].kind, r.warnings[i].kind);
    }
  }
}

TEST(Warnings, ASupplyGetsTwoEventsWhenTheHorizonIsLong) {
  auto b = Base();
  b.Supply("S", "2019-06-01", "2020-08-01", SupplyBox(0), IdleCause::kEnterprise, "0701");
  County c = b.Make();
  const ScanResult shortr = ScanAt(c);
  ExpectEvent(c, shortr, WarningKind::kIdleUnstarted, "S", "2021-08-01", 32);
  EXPECT_EQ(EventsOf(c, shortr, "S"), 1);
  const ScanResult longr = ScanAt(c, kT, 400);
  ExpectEvent(c, longr, WarningKind::kIdleUnstarted, "S", "2021-08-01", 32);
  ExpectEvent(c, longr, WarningKind::kRecover, "S", "2022-08-01", 397);
  EXPECT_EQ(longr.warnings.size(), 2u);
  EXPECT_EQ(longr.warnings[0].kind, WarningKind::kIdleUnstarted);
}

TEST(Warnings, Pre2009IndustrialRuleWhateverTheCause) {
  auto b = Base();
  const IdleCause causes[] = {IdleCause::kNone, IdleCause::kEnterprise, IdleCause::kGovernment,
                              IdleCause::kForceMajeure, IdleCause::kMixed};
  for (int i = 0; i < 5; ++i)  // not started, idle from 2021-08-01: recovered that day
    b.Supply("L" + std::to_string(i), "2008-05-01", "2020-08-01", SupplyBox(i), causes[i], "0601");
  b.Supply("L_not_industrial", "2008-05-01", "2020-08-01", SupplyBox(5), IdleCause::kGovernment, "0701")
      .Supply("L_2009", "2009-01-01", "2020-08-01", SupplyBox(6), IdleCause::kGovernment, "0601")
      // started: the pre-2009 rule needs idle_unstarted; a government cause then never recovers
      .Supply("L_stalled_gov", "2008-05-01", "2019-01-01", SupplyBox(7), IdleCause::kGovernment, "0601")
      .Built("b7", "2020-08-01", BuiltPart(7, 0.2))
      // ... an enterprise cause does, by the two-year rule, on the day it stalls
      .Supply("L_stalled_ent", "2008-05-01", "2019-01-01", SupplyBox(8), IdleCause::kEnterprise, "0602")
      .Built("b8", "2020-08-01", BuiltPart(8, 0.2))
      // idle and recovered already at T
      .Supply("L_now", "2008-05-01", "2019-01-01", SupplyBox(9), IdleCause::kGovernment, "0601");
  County c = b.Make();
  const ScanResult r = ScanAt(c);
  for (int i = 0; i < 5; ++i) {
    const std::string id = "L" + std::to_string(i);
    ExpectEvent(c, r, WarningKind::kIdleUnstarted, id, "2021-08-01", 32);
    ExpectEvent(c, r, WarningKind::kRecover, id, "2021-08-01", 32);
    EXPECT_NE(Event(c, r, WarningKind::kRecover, id)->basis.find("不论原因予以收回"), std::string::npos)
        << Event(c, r, WarningKind::kRecover, id)->basis;
  }
  ExpectEvent(c, r, WarningKind::kIdleUnstarted, "L_not_industrial", "2021-08-01", 32);
  ExpectEvent(c, r, WarningKind::kIdleUnstarted, "L_2009", "2021-08-01", 32);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "L_stalled_gov", "2021-08-01", 32);
  ExpectEvent(c, r, WarningKind::kIdleStalled, "L_stalled_ent", "2021-08-01", 32);
  ExpectEvent(c, r, WarningKind::kRecover, "L_stalled_ent", "2021-08-01", 32);
  for (const char* id : {"L_not_industrial", "L_2009", "L_stalled_gov"})
    EXPECT_FALSE(Event(c, r, WarningKind::kRecover, id)) << id;
  EXPECT_EQ(EventsOf(c, r, "L_now"), 0);
  EXPECT_EQ(Supply(c, r, "L_now").action, IdleAction::kRecover);
  EXPECT_EQ(Supply(c, r, "L_now").recover_from, D("2020-01-01"));
  EXPECT_EQ(r.warnings.size(), 15u);
}

TEST(Warnings, TwentyNinthOfFebruary) {
  auto b = Base();
  b.Approval("A", "2020-02-29", ApprovalBox(0))                                  // lapses 2022-02-28
      .Supply("S", "2019-06-01", "2020-02-29", SupplyBox(0), IdleCause::kNone, "0701")  // recover 2022-02-28
      .Approval("A_mar", "2022-03-01", ApprovalBox(1));                           // lapses 2024-03-01
  County c = b.Make();
  ScanResult r = ScanAt(c, "2022-02-27", 1);
  ExpectEvent(c, r, WarningKind::kLapse, "A", "2022-02-28", 1);
  ExpectEvent(c, r, WarningKind::kRecover, "S", "2022-02-28", 1);
  EXPECT_EQ(Supply(c, r, "S").idle_from, D("2021-02-28"));
  EXPECT_EQ(r.warnings.size(), 2u);
  EXPECT_TRUE(ScanAt(c, "2022-02-28", 1).warnings.empty());  // days_left 0: lapsed and recovered on T
  // a leap day inside the window counts: 2024-02-28 + 2 days = 2024-03-01
  r = ScanAt(c, "2024-02-28", 1);
  EXPECT_FALSE(Event(c, r, WarningKind::kLapse, "A_mar"));
  r = ScanAt(c, "2024-02-28", 2);
  ExpectEvent(c, r, WarningKind::kLapse, "A_mar", "2024-03-01", 2);
  // an event on 29 February itself: 2020-02-29 + 4 years
  r = ScanAt(c, "2024-02-28", 1, /*lapse_years=*/4, /*idle_years=*/4);
  ExpectEvent(c, r, WarningKind::kLapse, "A", "2024-02-29", 1);
  ExpectEvent(c, r, WarningKind::kIdleUnstarted, "S", "2024-02-29", 1);
}

TEST(Warnings, TownFiguresCountEveryEvent) {
  CountyBuilder b;
  b.Town("T1", Rect(0, -500, 1000, 5000)).Town("T2", Rect(1000, -500, 20000, 5000));
  b.Approval("A1", "2019-07-01", ApprovalBox(0))                                        // T1 lapse
      .Supply("U", "2020-01-01", "2020-07-01", SupplyBox(1), IdleCause::kGovernment, "0701")  // T1 idle
      .Supply("L", "2008-05-01", "2020-08-01", SupplyBox(6), IdleCause::kMixed, "0601")   // T2 idle + recover
      .Supply("S", "2018-06-01", "2019-01-01", SupplyBox(7), IdleCause::kGovernment, "0701")  // T2 stalled
      .Built("b", "2020-08-01", BuiltPart(7, 0.2));
  County c = b.Make();
  const ScanResult r = ScanAt(c);
  ASSERT_EQ(r.warnings.size(), 5u);
  EXPECT_EQ(r.counts.warnings, 5);
  for (const auto& t : r.towns) {
    const std::string& code = c.data().towns.code[t.town];
    if (code == "T1") {
      EXPECT_EQ(t.warn_lapse_n, 1);
      EXPECT_NEAR(t.warn_lapse_ha, 1.0, 1e-9);
      EXPECT_EQ(t.warn_idle_n, 1);
      EXPECT_EQ(t.warn_recover_n, 0);
    } else {
      EXPECT_EQ(t.warn_lapse_n, 0);
      EXPECT_EQ(t.warn_idle_n, 2);  // idle_unstarted + idle_stalled
      EXPECT_NEAR(t.warn_idle_ha, 2.0, 1e-9);
      EXPECT_EQ(t.warn_recover_n, 1);
      EXPECT_NEAR(t.warn_recover_ha, 1.0, 1e-9);
    }
  }
}

TEST(Warnings, HorizonIsValidatedConfigurableAndRecorded) {
  auto b = Base();
  b.Approval("A1", "2019-07-01", ApprovalBox(0));
  County c = b.Make();
  ScanParams p;
  p.as_of = D(kT);
  EXPECT_EQ(p.warn_days, 90);
  EXPECT_NE(p.Describe().find("warn_days=90"), std::string::npos);
  p.warn_days = -1;
  EXPECT_FALSE(p.Validate().ok());
  EXPECT_FALSE(Scan(c, p).ok());
  p.warn_days = 36601;
  EXPECT_FALSE(p.Validate().ok());
  p.warn_days = 0;  // no horizon: no warnings, even for the day after T
  auto r = Scan(c, p);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->warnings.empty());
  EXPECT_EQ(Approval(c, *r, "A1").lapse_date, D("2021-07-01"));  // the column does not depend on H
  p.warn_days = 1;
  EXPECT_EQ(Scan(c, p)->warnings.size(), 1u);
  // the TOML key
  const std::string toml = ::testing::TempDir() + "warn_days_" + std::to_string(::getpid()) + ".toml";
  {
    std::ofstream f(toml);
    f << "warn_days = 30\n";
  }
  ScanParams q;
  ASSERT_TRUE(q.LoadToml(toml).ok());
  EXPECT_EQ(q.warn_days, 30);
  {
    std::ofstream f(toml);
    f << "warn_days = \"thirty\"\n";
  }
  EXPECT_FALSE(q.LoadToml(toml).ok());
  std::remove(toml.c_str());
}

}  // namespace
}  // namespace panhuo
