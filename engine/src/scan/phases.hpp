// Internal: the phases of one scan and what they share. Scan() (scan.cpp) runs them in order;
// each phase reads what the earlier ones left in the ScanState and the ScanResult.
#pragma once

#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <cstdint>
#include <vector>

#include "rules.hpp"

namespace panhuo::detail {

struct ScanState {
  ScanState(const County& c, const ScanParams& p, const ScanResult* prev)
      : county(c), params(p), previous(prev), T(p.as_of), Y(p.as_of.Year()),
        jan1(Date::FromYmd(Y, 1, 1)), t0(Date{jan1.days - 1}) {}

  const County& county;
  const ScanParams& params;
  const ScanResult* previous;  // a scan at another date to reuse overlays from, or null
  Date T;                      // the as-of date
  int Y = 0;                   // T's calendar year
  Date jan1;                   // 1 January of Y
  Date t0;                     // 31 December of Y − 1: the period is (t0, T]
  OverlayTally tally;          // overlay fallbacks of every phase
  // indexes into ScanResult::supplies
  std::vector<uint32_t> idle_at_t0;  // supplies idle at t0 that are no longer idle at T
  std::vector<uint32_t> in_year;     // supplies dated in Y up to T
  std::vector<double> stock_m2, digested_m2;  // per in_year entry; NaN when undetermined
  // determinations of the year phases that could not be made (the per-feature ones are on the
  // findings themselves)
  std::vector<UndeterminedFeature> undetermined;

  void Add(const OverlayTally& t) { tally.fallbacks += t.fallbacks; }
};

// Runs fn(i, tally) for i in [0, n) in parallel and sums the tallies.
template <typename Fn>
OverlayTally ParallelEach(size_t n, Fn fn) {
  tbb::combinable<OverlayTally> tallies;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 16), [&](const tbb::blocked_range<size_t>& r) {
    OverlayTally& t = tallies.local();
    for (size_t i = r.begin(); i != r.end(); ++i) fn(i, t);
  });
  OverlayTally total;
  tallies.combine_each([&](const OverlayTally& t) { total.fallbacks += t.fallbacks; });
  return total;
}

// Approved but unsupplied at T, every approval dated on or before T (scan.cpp).
void ApprovalsPhase(ScanState& st, ScanResult& res);
// Idle-land determination at T, every supply dated on or before T (scan.cpp).
void SuppliesPhase(ScanState& st, ScanResult& res);
// Supplies idle at t0 that are no longer idle at T (scan.cpp).
void YearStartPhase(ScanState& st, const ScanResult& res);
// Stock part and digested stock of the supplies dated in Y up to T (scan.cpp).
void YearFiguresPhase(ScanState& st, const ScanResult& res);
// Early warnings: the determinations that change in (T, T + warn_days] if nothing new is
// supplied or built, from the deadlines of the findings at T (warnings.cpp).
void WarningsPhase(const ScanState& st, ScanResult& res);
// v3 stock lists. Land reserve not yet supplied, every reserve acquired on or before T
// (reserves.cpp).
void ReservesPhase(ScanState& st, ScanResult& res);
// Approved land unfit for supply: the listed approvals' remainders on constrained land (unfit.cpp).
void UnfitPhase(ScanState& st, ScanResult& res);
// Low-efficiency industrial land of the efficiency year, from the supplies and efficiency
// findings (low_efficiency.cpp).
void LowEfficiencyPhase(const ScanState& st, ScanResult& res);
// Each supply's group and the enterprise groups' figures, ranked; after the warnings (holders.cpp).
void HoldersPhase(const ScanState& st, ScanResult& res);
// The towns' reserve_ha, unfit_ha and low_efficiency_ha (towns in town order; towns.cpp).
void StockListTownFigures(const ScanResult& res, std::vector<TownFinding>& towns);

// The town figures from the findings, in town order (towns.cpp).
std::vector<TownFinding> TownsPhase(const ScanState& st, ScanResult& res);
// Every determination that could not be made, in layer, feature and determination order, into
// res.undetermined; counts the undetermined features of each town (towns in town order)
// (undetermined.cpp).
void CollectUndetermined(ScanState& st, ScanResult& res, std::vector<TownFinding>& towns);
// ---- v3: work plans and pace ----
// Share of T's year elapsed at T: days from 1 January to T, both included, over the days of the
// year (plans.cpp).
double ElapsedShare(Date T);
// The status of every plan at T, the plan of every finding, and the towns' plan and pace figures
// (towns in town order) (plans.cpp).
void PlansPhase(const ScanState& st, ScanResult& res, std::vector<TownFinding>& towns);
// ---- end v3: work plans and pace ----
// Sorts the towns by completion (or score) and numbers their ranks (towns.cpp).
void RankTowns(const ScanParams& p, const InputData& d, std::vector<TownFinding>& towns);

}  // namespace panhuo::detail
