// Early warning (预警), differential: the warnings of a scan at T equal the changes between
// scans of the frozen county (every feature dated after T removed) at T and at later dates.
//
// In CI, on a small generated county, day by day over (T, T + H]: every (kind, feature, date)
// is checked, the date being the first day the determination changes (an exact check).
// On demand on any county, at T + H only (the set of features whose determination differs):
//   PANHUO_WARN_INPUT=county.gpkg [PANHUO_WARN_AS_OF=2021-06-30] [PANHUO_WARN_DAYS=90]
//     build/tests/panhuo_tests --gtest_filter='WarningsDiff.*'
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "panhuo/gen/generator.hpp"
#include "panhuo/input/reader.hpp"
#include "panhuo/scan/scan.hpp"

namespace panhuo {
namespace {

namespace fs = std::filesystem;

// The county as it stands at T: approvals, supplies and construction dated after T removed
// (enterprise rows, which name supplies by index, too: the warnings do not use them).
InputData Freeze(const InputData& in, Date T) {
  InputData d = in;
  auto keep_polygons = [](const PolygonColumn& from, PolygonColumn& to, const std::vector<size_t>& rows) {
    to.fid.clear();
    to.geom.clear();
    to.box.clear();
    to.area_m2.clear();
    for (size_t i : rows) {
      to.fid.push_back(from.fid[i]);
      to.geom.push_back(from.geom[i]);
      to.box.push_back(from.box[i]);
      to.area_m2.push_back(from.area_m2[i]);
    }
  };
  auto pick = [](const auto& v, const std::vector<size_t>& rows) {
    std::decay_t<decltype(v)> out;
    for (size_t i : rows) out.push_back(v[i]);
    return out;
  };
  auto dated = [&](const std::vector<Date>& dates) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < dates.size(); ++i)
      if (dates[i] <= T) rows.push_back(i);
    return rows;
  };
  {
    const auto rows = dated(in.approvals.date);
    keep_polygons(in.approvals, d.approvals, rows);
    d.approvals.id = pick(in.approvals.id, rows);
    d.approvals.batch_no = pick(in.approvals.batch_no, rows);
    d.approvals.kind = pick(in.approvals.kind, rows);
    d.approvals.date = pick(in.approvals.date, rows);
  }
  {
    const auto rows = dated(in.supplies.date);
    keep_polygons(in.supplies, d.supplies, rows);
    const auto& s = in.supplies;
    d.supplies.id = pick(s.id, rows);
    d.supplies.mode = pick(s.mode, rows);
    d.supplies.land_use = pick(s.land_use, rows);
    d.supplies.holder = pick(s.holder, rows);
    d.supplies.date = pick(s.date, rows);
    d.supplies.agreed_start = pick(s.agreed_start, rows);
    d.supplies.price_wan = pick(s.price_wan, rows);
    d.supplies.idle_cause = pick(s.idle_cause, rows);
  }
  {
    const auto rows = dated(in.construction.date);
    keep_polygons(in.construction, d.construction, rows);
    d.construction.date = pick(in.construction.date, rows);
  }
  d.enterprises = EnterprisesLayer{};
  return d;
}

using Event = std::tuple<WarningKind, std::string, int32_t>;  // kind, feature id, event date (days)

std::set<Event> Warned(const InputData& d, const ScanResult& r, bool with_date) {
  std::set<Event> out;
  for (const auto& w : r.warnings) {
    const std::string& id = w.kind == WarningKind::kLapse ? d.approvals.id[r.approvals[w.finding].approval]
                                                          : d.supplies.id[r.supplies[w.finding].supply];
    out.emplace(w.kind, id, with_date ? w.event_date.days : 0);
  }
  return out;
}

// What a frozen county's determinations are at one date, by feature id.
struct State {
  std::map<std::string, bool> lapsed;
  std::map<std::string, std::pair<SupplyStatus, IdleAction>> supply;
};

State StateOf(const InputData& d, const ScanResult& r) {
  State s;
  for (const auto& f : r.approvals) s.lapsed[d.approvals.id[f.approval]] = f.lapsed;
  for (const auto& f : r.supplies) s.supply[d.supplies.id[f.supply]] = {f.status, f.action};
  return s;
}

// Changes from `base` to `now` that are events, dated `when`, added to `events` unless the same
// (kind, feature) is there already (the first day counts). Other changes fail the test.
void Changes(const State& base, const State& now, int32_t when, std::map<std::pair<WarningKind, std::string>, int32_t>& events) {
  for (const auto& [id, lapsed] : now.lapsed) {
    const bool was = base.lapsed.at(id);
    EXPECT_FALSE(was && !lapsed) << id << " lapsed, then not";
    if (lapsed && !was) events.emplace(std::make_pair(WarningKind::kLapse, id), when);
  }
  for (const auto& [id, sa] : now.supply) {
    const auto [status0, action0] = base.supply.at(id);
    const auto [status, action] = sa;
    if (IsIdle(status) && !IsIdle(status0)) {
      events.emplace(std::make_pair(status == SupplyStatus::kIdleUnstarted ? WarningKind::kIdleUnstarted
                                                                           : WarningKind::kIdleStalled,
                                    id),
                     when);
    } else {
      EXPECT_EQ(status, status0) << id << " changed status " << ToString(status0) << " to " << ToString(status);
    }
    if (action == IdleAction::kRecover && action0 != IdleAction::kRecover)
      events.emplace(std::make_pair(WarningKind::kRecover, id), when);
    EXPECT_FALSE(action0 == IdleAction::kRecover && action != IdleAction::kRecover) << id << " recovered, then not";
  }
}

ScanParams Params(Date T, int warn_days) {
  ScanParams p;
  p.as_of = T;
  p.warn_days = warn_days;
  return p;
}

// The deadline columns agree with the determinations at T.
void ExpectDeadlinesAgree(const ScanResult& r) {
  const Date T = r.params.as_of;
  for (const auto& f : r.supplies) {
    EXPECT_EQ(IsIdle(f.status), f.idle_from && *f.idle_from <= T);
    EXPECT_EQ(f.action == IdleAction::kRecover, f.recover_from && *f.recover_from <= T);
  }
  for (const auto& f : r.approvals) EXPECT_EQ(f.lapse_date.has_value(), !f.lapsed && !f.first_supplied);
}

TEST(WarningsDiff, EqualDayByDayChangesOfTheFrozenCounty) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("panhuo_warn_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  gen::GenerateOptions o;
  o.scale = 0.05;
  o.seed = 3;
  o.output = (dir / "county.gpkg").string();
  o.overwrite = true;
  ASSERT_TRUE(gen::Generate(o).ok());
  ReadOptions ro;
  ro.source = o.output;
  auto data = ReadInput(ro);
  ASSERT_TRUE(data.ok()) << data.status().message();
  const County full(*data);
  const int H = 365;  // long enough for every kind and for two events on one supply
  std::map<WarningKind, int> by_kind;
  int two_events = 0;
  for (const char* as_of : {"2020-12-31", "2021-06-30"}) {
    const Date T = *ParseDate(as_of);
    auto warned = Scan(full, Params(T, H));
    ASSERT_TRUE(warned.ok());
    ExpectDeadlinesAgree(*warned);
    const InputData frozen_data = Freeze(*data, T);
    ASSERT_LT(frozen_data.supplies.size(), data->supplies.size());      // features after T exist
    ASSERT_LT(frozen_data.construction.size(), data->construction.size());
    const County frozen(frozen_data);
    auto base = Scan(frozen, Params(T, H));
    ASSERT_TRUE(base.ok());
    EXPECT_EQ(Warned(frozen_data, *base, true), Warned(*data, *warned, true)) << "frozen and full county differ at T";
    const State s0 = StateOf(frozen_data, *base);
    std::map<std::pair<WarningKind, std::string>, int32_t> first;
    ScanResult prev = std::move(*base);
    for (int k = 1; k <= H; ++k) {
      auto r = Scan(frozen, Params(Date{T.days + k}, H), nullptr, nullptr, &prev);
      ASSERT_TRUE(r.ok());
      Changes(s0, StateOf(frozen_data, *r), T.days + k, first);
      prev = std::move(*r);
    }
    std::set<Event> changed;
    std::map<std::string, int> per_feature;
    for (const auto& [key, day] : first) {
      changed.emplace(key.first, key.second, day);
      ++by_kind[key.first];
      two_events += ++per_feature[key.second] == 2;
    }
    const std::set<Event> want = Warned(*data, *warned, true);
    EXPECT_EQ(want, changed) << as_of;
    std::printf("T %s, H %d: %zu warnings, %zu changes of the frozen county\n", as_of, H, want.size(), changed.size());
  }
  // the county exercises every kind, and supplies with two events
  for (WarningKind k : {WarningKind::kLapse, WarningKind::kIdleUnstarted, WarningKind::kIdleStalled,
                        WarningKind::kRecover})
    EXPECT_GT(by_kind[k], 0) << ToString(k);
  EXPECT_GT(two_events, 0);
  fs::remove_all(dir);
}

// At scale: the set of (kind, feature) of the warnings equals the set of features whose
// determination differs between the frozen county at T and at T + H.
TEST(WarningsDiff, EqualChangesAtTheHorizonOnDemand) {
  const char* input = std::getenv("PANHUO_WARN_INPUT");
  if (!input) GTEST_SKIP() << "set PANHUO_WARN_INPUT=county.gpkg to run";
  const char* as_of = std::getenv("PANHUO_WARN_AS_OF");
  const Date T = *ParseDate(as_of ? as_of : "2021-06-30");
  const int H = std::getenv("PANHUO_WARN_DAYS") ? std::atoi(std::getenv("PANHUO_WARN_DAYS")) : 90;
  GDALAllRegister();
  ReadOptions ro;
  ro.source = input;
  auto data = ReadInput(ro);
  ASSERT_TRUE(data.ok()) << data.status().message();
  const County full(*data);
  const auto t0 = std::chrono::steady_clock::now();
  auto warned = Scan(full, Params(T, H));
  ASSERT_TRUE(warned.ok());
  const double scan_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double warn_s = 0;
  for (const auto& [name, s] : warned->phase_seconds)
    if (name == "warnings") warn_s = s;
  ExpectDeadlinesAgree(*warned);
  const InputData frozen_data = Freeze(*data, T);
  const County frozen(frozen_data);
  auto at_t = Scan(frozen, Params(T, H));
  auto at_h = Scan(frozen, Params(Date{T.days + H}, H));
  ASSERT_TRUE(at_t.ok() && at_h.ok());
  std::map<std::pair<WarningKind, std::string>, int32_t> changes;
  Changes(StateOf(frozen_data, *at_t), StateOf(frozen_data, *at_h), 0, changes);
  std::set<Event> changed;
  for (const auto& [key, day] : changes) changed.emplace(key.first, key.second, 0);
  const std::set<Event> want = Warned(*data, *warned, false);
  EXPECT_EQ(want, changed);
  std::map<WarningKind, int> by_kind;
  for (const auto& e : want) ++by_kind[std::get<0>(e)];
  std::printf("%s, T %s, H %d: %zu warnings (lapse %d, idle_unstarted %d, idle_stalled %d, recover %d), %zu "
              "changes of the frozen county; scan %.3f s, warnings phase %.4f s (%.2f%%)\n",
              input, T.ToString().c_str(), H, want.size(), by_kind[WarningKind::kLapse],
              by_kind[WarningKind::kIdleUnstarted], by_kind[WarningKind::kIdleStalled],
              by_kind[WarningKind::kRecover], changed.size(), scan_s, warn_s, 100.0 * warn_s / scan_s);
}

}  // namespace
}  // namespace panhuo
