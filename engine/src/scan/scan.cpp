// The scan: its phases in order (overlays in parallel), then the town figures and the ranking.
#include "panhuo/scan/scan.hpp"

#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <string>

#include "phases.hpp"
#include "panhuo/core/trace.hpp"

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
using detail::ParallelEach;

bool Report(ProgressFn progress, void* user, double f, const char* msg) {
  return !progress || progress(f, msg, user);
}

}  // namespace

namespace detail {

void ApprovalsPhase(ScanState& st, ScanResult& res) {
  const County& county = st.county;
  const InputData& d = county.data();
  const Date T = st.T;
  const ScanResult* previous = st.previous;
  std::vector<uint32_t> approvals;
  for (uint32_t a = 0; a < d.approvals.size(); ++a)
    if (d.approvals.date[a] <= T) approvals.push_back(a);
  res.approvals.resize(approvals.size());
  // Findings of the previous scan by feature, for reuse where nothing changed in between.
  const Date prev_date = previous ? previous->params.as_of : T;
  std::vector<const ApprovalFinding*> prev_approval;
  if (previous) {
    prev_approval.assign(d.approvals.size(), nullptr);
    for (const auto& f : previous->approvals) prev_approval[f.approval] = &f;
  }
  st.Add(ParallelEach(approvals.size(), [&](size_t i, OverlayTally& t) {
    const uint32_t a = approvals[i];
    const ApprovalFinding* reuse = previous ? prev_approval[a] : nullptr;
    if (reuse && AnyDatedBetween(county.supplies_index(), d.supplies.date, d.approvals.box[a], prev_date, T))
      reuse = nullptr;
    res.approvals[i] = EvaluateApproval(county, a, st.params, t, reuse);
  }));
}

void SuppliesPhase(ScanState& st, ScanResult& res) {
  const County& county = st.county;
  const InputData& d = county.data();
  const Date T = st.T;
  const ScanResult* previous = st.previous;
  std::vector<uint32_t> supplies;
  for (uint32_t s = 0; s < d.supplies.size(); ++s)
    if (d.supplies.date[s] <= T) supplies.push_back(s);
  res.supplies.resize(supplies.size());
  const Date prev_date = previous ? previous->params.as_of : T;
  std::vector<const SupplyFinding*> prev_supply;
  if (previous) {
    prev_supply.assign(d.supplies.size(), nullptr);
    for (const auto& f : previous->supplies) prev_supply[f.supply] = &f;
  }
  st.Add(ParallelEach(supplies.size(), [&](size_t i, OverlayTally& t) {
    const uint32_t s = supplies[i];
    const SupplyFinding* reuse = previous ? prev_supply[s] : nullptr;
    if (reuse && AnyDatedBetween(county.construction_index(), d.construction.date, d.supplies.box[s], prev_date, T))
      reuse = nullptr;
    res.supplies[i] = EvaluateSupply(county, s, T, st.params, t, true, reuse);
  }));
}

void YearStartPhase(ScanState& st, const ScanResult& res) {
  const County& county = st.county;
  const InputData& d = county.data();
  const size_t n = res.supplies.size();
  std::vector<uint8_t> resolved(n, 0);
  std::vector<std::string> errors(n);
  st.Add(ParallelEach(n, [&](size_t i, OverlayTally& t) {
    const uint32_t s = res.supplies[i].supply;
    if (d.supplies.date[s] > st.t0 || IsIdle(res.supplies[i].status) || !res.supplies[i].undetermined.empty()) return;
    // the built figures at T hold at T0 too unless construction on the parcel is dated in between
    const SupplyFinding* reuse = &res.supplies[i];
    if (AnyDatedBetween(county.construction_index(), d.construction.date, d.supplies.box[s], st.t0, st.T))
      reuse = nullptr;
    const SupplyFinding at_t0 = EvaluateSupply(county, s, st.t0, st.params, t, false, reuse);
    if (!at_t0.undetermined.empty()) errors[i] = at_t0.undetermined;
    else if (IsIdle(at_t0.status)) resolved[i] = 1;
  }));
  for (size_t i = 0; i < n; ++i) {
    if (resolved[i]) st.idle_at_t0.push_back(static_cast<uint32_t>(i));
    if (!errors[i].empty())
      st.undetermined.push_back({"supplies", res.supplies[i].supply, "idle_at_year_start", std::move(errors[i])});
  }
}

void YearFiguresPhase(ScanState& st, const ScanResult& res) {
  const County& county = st.county;
  const InputData& d = county.data();
  for (size_t i = 0; i < res.supplies.size(); ++i)
    if (d.supplies.date[res.supplies[i].supply] >= st.jan1) st.in_year.push_back(static_cast<uint32_t>(i));
  std::vector<AreaFigure> stock(st.in_year.size()), digested(st.in_year.size());
  st.Add(ParallelEach(st.in_year.size(), [&](size_t k, OverlayTally& t) {
    const uint32_t s = res.supplies[st.in_year[k]].supply;
    stock[k] = StockArea(county, s, st.Y, t);
    digested[k] = DigestedArea(county, s, st.t0, t);
  }));
  for (size_t k = 0; k < st.in_year.size(); ++k) {
    const uint32_t s = res.supplies[st.in_year[k]].supply;
    st.stock_m2.push_back(stock[k].m2);
    st.digested_m2.push_back(digested[k].m2);
    if (!stock[k].error.empty()) st.undetermined.push_back({"supplies", s, "stock", std::move(stock[k].error)});
    if (!digested[k].error.empty())
      st.undetermined.push_back({"supplies", s, "digested", std::move(digested[k].error)});
  }
}

}  // namespace detail

Result<ScanResult> Scan(const County& county, const ScanParams& params, ProgressFn progress,
                        void* progress_user, const ScanResult* previous) {
  if (Status s = params.Validate(); !s.ok()) return s;
  detail::ScanState st(county, params, previous);
  ScanResult res;
  res.params = params;
  res.efficiency_year = params.efficiency_year.value_or(st.Y);
  auto phase_start = std::chrono::steady_clock::now();
  auto phase = [&](const char* name) {
    const auto now = std::chrono::steady_clock::now();
    res.phase_seconds.emplace_back(name, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
    detail::TraceMark((std::string("scan: ") + name).c_str());
  };
  auto cancelled = [&](double f, const char* msg) { return !Report(progress, progress_user, f, msg); };

  if (cancelled(0.0, "approvals")) return Status::Error("cancelled");
  detail::ApprovalsPhase(st, res);
  phase("approvals");
  if (cancelled(0.35, "supplies")) return Status::Error("cancelled");
  detail::SuppliesPhase(st, res);
  phase("supplies");
  if (cancelled(0.7, "year figures")) return Status::Error("cancelled");
  detail::YearStartPhase(st, res);
  phase("supplies_at_year_start");
  detail::YearFiguresPhase(st, res);
  phase("year_figures");
  if (cancelled(0.9, "towns")) return Status::Error("cancelled");
  res.efficiency = detail::EvaluateEfficiency(county, params, res.efficiency_year);
  phase("efficiency");
  detail::WarningsPhase(st, res);
  phase("warnings");
  detail::ReservesPhase(st, res);
  phase("reserves");
  detail::UnfitPhase(st, res);
  phase("unfit");
  detail::LowEfficiencyPhase(st, res);
  phase("low_efficiency");
  detail::HoldersPhase(st, res);
  phase("holders");
  std::vector<TownFinding> towns = detail::TownsPhase(st, res);
  detail::StockListTownFigures(res, towns);
  detail::CollectUndetermined(st, res, towns);
  detail::PlansPhase(st, res, towns);  // v3: work plans and pace
  detail::RankTowns(params, county.data(), towns);
  res.towns = std::move(towns);
  res.counts.overlay_fallbacks = st.tally.fallbacks + county.attribution_fallbacks();
  res.counts.overlay_failures = static_cast<int64_t>(res.undetermined.size());
  phase("towns");
  Report(progress, progress_user, 1.0, "done");
  return res;
}

}  // namespace panhuo
