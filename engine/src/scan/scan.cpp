// The scan: overlays in parallel, then the town figures and the ranking.
#include "panhuo/scan/scan.hpp"

#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "rules.hpp"

namespace panhuo {

const char* ToString(SupplyStatus s) {
  switch (s) {
    case SupplyStatus::kIdleUnstarted: return "idle_unstarted";
    case SupplyStatus::kIdleStalled: return "idle_stalled";
    case SupplyStatus::kInUse: return "in_use";
    case SupplyStatus::kPending: return "pending";
  }
  return "";
}

const char* ToString(IdleAction a) {
  switch (a) {
    case IdleAction::kNone: return "";
    case IdleAction::kRecover: return "recover";
    case IdleAction::kFee: return "fee";
    case IdleAction::kNegotiate: return "negotiate";
  }
  return "";
}

const char* ToString(EfficiencyClass c) {
  switch (c) {
    case EfficiencyClass::kA: return "A";
    case EfficiencyClass::kB: return "B";
    case EfficiencyClass::kC: return "C";
    case EfficiencyClass::kD: return "D";
    case EfficiencyClass::kT: return "T";
  }
  return "";
}

namespace {

using detail::OverlayTally;

// Runs fn(i, tally) for i in [0, n) in parallel and sums the tallies.
template <typename Fn>
OverlayTally ParallelEach(size_t n, Fn fn) {
  tbb::combinable<OverlayTally> tallies;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 16), [&](const tbb::blocked_range<size_t>& r) {
    OverlayTally& t = tallies.local();
    for (size_t i = r.begin(); i != r.end(); ++i) fn(i, t);
  });
  OverlayTally total;
  tallies.combine_each([&](const OverlayTally& t) {
    total.fallbacks += t.fallbacks;
    total.failures += t.failures;
  });
  return total;
}

bool Report(ProgressFn progress, void* user, double f, const char* msg) {
  return !progress || progress(f, msg, user);
}

}  // namespace

Result<ScanResult> Scan(const County& county, const ScanParams& params, ProgressFn progress,
                        void* progress_user, const ScanResult* previous) {
  if (Status s = params.Validate(); !s.ok()) return s;
  const InputData& d = county.data();
  const Date T = params.as_of;
  const int Y = T.Year();
  const Date jan1 = Date::FromYmd(Y, 1, 1);
  const Date t0 = Date{jan1.days - 1};  // the period is (31 Dec of Y−1, T]
  ScanResult res;
  res.params = params;
  res.efficiency_year = params.efficiency_year.value_or(Y);
  OverlayTally tally;
  auto add = [&](const OverlayTally& t) {
    tally.fallbacks += t.fallbacks;
    tally.failures += t.failures;
  };
  auto phase_start = std::chrono::steady_clock::now();
  auto phase = [&](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    res.phase_seconds.emplace_back(name, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
  };

  // Approved but unsupplied.
  std::vector<uint32_t> approvals;
  for (uint32_t a = 0; a < d.approvals.size(); ++a)
    if (d.approvals.date[a] <= T) approvals.push_back(a);
  res.approvals.resize(approvals.size());
  if (!Report(progress, progress_user, 0.0, "approvals")) return Status::Error("cancelled");
  // Findings of the previous scan by feature, for reuse where nothing changed in between.
  const Date prev_date = previous ? previous->params.as_of : T;
  std::vector<const ApprovalFinding*> prev_approval;
  std::vector<const SupplyFinding*> prev_supply;
  if (previous) {
    prev_approval.assign(d.approvals.size(), nullptr);
    prev_supply.assign(d.supplies.size(), nullptr);
    for (const auto& f : previous->approvals) prev_approval[f.approval] = &f;
    for (const auto& f : previous->supplies) prev_supply[f.supply] = &f;
  }
  add(ParallelEach(approvals.size(), [&](size_t i, OverlayTally& t) {
    const uint32_t a = approvals[i];
    const ApprovalFinding* reuse = previous ? prev_approval[a] : nullptr;
    if (reuse && detail::AnyDatedBetween(county.supplies_index(), d.supplies.date, d.approvals.box[a], prev_date, T))
      reuse = nullptr;
    res.approvals[i] = detail::EvaluateApproval(county, a, params, t, reuse);
  }));

  phase("approvals");

  // Supplied but unused, at T and at T0 (for idle land resolved in the period).
  std::vector<uint32_t> supplies;
  for (uint32_t s = 0; s < d.supplies.size(); ++s)
    if (d.supplies.date[s] <= T) supplies.push_back(s);
  res.supplies.resize(supplies.size());
  if (!Report(progress, progress_user, 0.35, "supplies")) return Status::Error("cancelled");
  add(ParallelEach(supplies.size(), [&](size_t i, OverlayTally& t) {
    const uint32_t s = supplies[i];
    const SupplyFinding* reuse = previous ? prev_supply[s] : nullptr;
    if (reuse && detail::AnyDatedBetween(county.construction_index(), d.construction.date, d.supplies.box[s], prev_date, T))
      reuse = nullptr;
    res.supplies[i] = detail::EvaluateSupply(county, s, T, params, t, true, reuse);
  }));
  phase("supplies");
  if (!Report(progress, progress_user, 0.7, "year figures")) return Status::Error("cancelled");
  std::vector<uint32_t> idle_at_t0;  // supplies idle at T0 that are no longer idle at T
  {
    std::vector<uint8_t> resolved(supplies.size(), 0);
    add(ParallelEach(supplies.size(), [&](size_t i, OverlayTally& t) {
      const uint32_t s = supplies[i];
      if (d.supplies.date[s] > t0 || IsIdle(res.supplies[i].status)) return;
      // the built figures at T hold at T0 too unless construction on the parcel is dated in between
      const SupplyFinding* reuse = &res.supplies[i];
      if (detail::AnyDatedBetween(county.construction_index(), d.construction.date, d.supplies.box[s], t0, T))
        reuse = nullptr;
      if (IsIdle(detail::EvaluateSupply(county, s, t0, params, t, false, reuse).status)) resolved[i] = 1;
    }));
    for (size_t i = 0; i < supplies.size(); ++i)
      if (resolved[i]) idle_at_t0.push_back(static_cast<uint32_t>(i));
  }
  phase("supplies_at_year_start");
  // Supplies dated in the year up to T: stock part and digested stock.
  std::vector<uint32_t> in_year;
  for (size_t i = 0; i < supplies.size(); ++i)
    if (d.supplies.date[supplies[i]] >= jan1) in_year.push_back(static_cast<uint32_t>(i));
  std::vector<double> stock_m2(in_year.size()), digested_m2(in_year.size());
  add(ParallelEach(in_year.size(), [&](size_t k, OverlayTally& t) {
    const uint32_t s = supplies[in_year[k]];
    stock_m2[k] = detail::StockArea(county, s, Y, t);
    digested_m2[k] = detail::DigestedArea(county, s, t0, t);
  }));
  phase("year_figures");
  if (!Report(progress, progress_user, 0.9, "towns")) return Status::Error("cancelled");

  // Efficiency.
  res.efficiency = detail::EvaluateEfficiency(county, params, res.efficiency_year);

  // Town figures.
  const size_t nt = d.towns.size();
  std::vector<TownFinding> towns(nt);
  for (uint32_t t = 0; t < nt; ++t) towns[t].town = t;
  auto town_of = [&](int32_t t) -> TownFinding* { return t < 0 ? nullptr : &towns[static_cast<size_t>(t)]; };
  const int first_window_year = Y - params.window_years + 1;
  for (const auto& f : res.approvals) {
    ++res.counts.approvals_considered;
    res.counts.approvals_listed += f.listed;
    res.counts.approvals_lapsed += f.lapsed && f.listed;
    TownFinding* tf = town_of(f.town);
    if (!tf) continue;
    if (f.listed) {
      tf->unsupplied_ha += f.unsupplied_ha;
      ++tf->listed;
      tf->lapsed += f.lapsed;
    }
    if (d.approvals.date[f.approval].Year() >= first_window_year) {
      tf->window_approved_ha += f.approved_ha;
      tf->window_supplied_ha += f.supplied_ha;
    }
  }
  for (const auto& f : res.supplies) {
    ++res.counts.supplies_considered;
    res.counts.idle += IsIdle(f.status);
    TownFinding* tf = town_of(f.town);
    if (!tf) continue;
    ++tf->by_status[static_cast<size_t>(f.status)];
    if (f.action != IdleAction::kNone) ++tf->by_action[static_cast<size_t>(f.action)];
    if (IsIdle(f.status)) tf->idle_ha += f.parcel_ha;
  }
  for (uint32_t i : idle_at_t0)
    if (TownFinding* tf = town_of(res.supplies[i].town)) tf->idle_resolved_ha += res.supplies[i].parcel_ha;
  for (size_t k = 0; k < in_year.size(); ++k) {
    const SupplyFinding& f = res.supplies[in_year[k]];
    if (TownFinding* tf = town_of(f.town)) {
      tf->supplied_ha += f.parcel_ha;
      tf->stock_ha += stock_m2[k] / kSquareMetresPerHectare;
      tf->digested_ha += digested_m2[k] / kSquareMetresPerHectare;
    }
  }
  {
    std::vector<double> tax(nt, 0.0), mu(nt, 0.0);
    std::vector<uint8_t> any(nt, 0);
    for (const auto& f : res.efficiency) {
      if (f.town < 0 || f.cls == EfficiencyClass::kT) continue;
      const auto t = static_cast<size_t>(f.town);
      const double tx = d.enterprises.tax_wan[f.row];
      if (!std::isnan(tx)) tax[t] += tx;
      mu[t] += f.land_mu;
      any[t] = 1;
      if (f.cls == EfficiencyClass::kD) towns[t].d_class_ha += f.land_mu / kMuPerHectare;
    }
    for (size_t t = 0; t < nt; ++t)
      if (any[t] && mu[t] > 0) towns[t].tax_per_mu = tax[t] / mu[t];
  }
  std::unordered_map<std::string, double> targets;
  for (size_t i = 0; i < d.targets.size(); ++i)
    if (d.targets.year[i] == Y && !std::isnan(d.targets.target_ha[i]))
      targets[d.targets.town_code[i]] = d.targets.target_ha[i];
  for (auto& tf : towns) {
    if (tf.window_approved_ha > 0) tf.supply_rate = tf.window_supplied_ha / tf.window_approved_ha;
    if (tf.supplied_ha > 0) tf.stock_share = tf.stock_ha / tf.supplied_ha;
    tf.revitalized_ha = tf.digested_ha + tf.idle_resolved_ha;
    if (auto it = targets.find(d.towns.code[tf.town]); it != targets.end()) {
      tf.target_ha = it->second;
      if (it->second > 0) tf.completion = tf.revitalized_ha / it->second;
    }
    tf.below_stock_floor = tf.stock_share && *tf.stock_share < params.stock_share_floor;
    tf.below_supply_rate_floor = tf.supply_rate && *tf.supply_rate < params.supply_rate_floor;
    if (params.rank_by == "score")
      tf.score = params.rank_weights[0] * tf.completion.value_or(0.0) +
                 params.rank_weights[1] * tf.stock_share.value_or(0.0) +
                 params.rank_weights[2] * tf.supply_rate.value_or(0.0);
  }
  // Ranking: by completion (or score) descending, ties by town_code; towns without a figure last.
  auto key = [&](const TownFinding& t) { return params.rank_by == "score" ? t.score : t.completion; };
  std::sort(towns.begin(), towns.end(), [&](const TownFinding& a, const TownFinding& b) {
    const auto ka = key(a), kb = key(b);
    if (ka.has_value() != kb.has_value()) return ka.has_value();
    if (ka && *ka != *kb) return *ka > *kb;
    return d.towns.code[a.town] < d.towns.code[b.town];
  });
  for (size_t i = 0; i < towns.size(); ++i) towns[i].rank = static_cast<int32_t>(i + 1);
  res.towns = std::move(towns);
  res.counts.overlay_fallbacks = tally.fallbacks + county.attribution_fallbacks();
  res.counts.overlay_failures = tally.failures;
  phase("efficiency_and_towns");
  Report(progress, progress_user, 1.0, "done");
  return res;
}

}  // namespace panhuo
