// Supplied but unused, idle land (供而未用, 闲置土地), per the Idle Land Measures.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "basis.hpp"
#include "rules.hpp"

namespace panhuo::detail {

bool IsLegacyIndustrial(const InputData& d, uint32_t s, const ScanParams& p) {
  return d.supplies.date[s] < p.legacy_industrial_before && d.supplies.land_use[s].rfind("06", 0) == 0;
}

namespace {

SupplyFinding Undetermined(SupplyFinding f, const std::string& error, const ScanParams& p) {
  f.built_ha = f.built_ratio = f.fee_wan = std::numeric_limits<double>::quiet_NaN();
  f.undetermined = error.empty() ? "overlay failed" : error;
  f.basis = UndeterminedBasis(false, p);
  return f;
}

}  // namespace

SupplyFinding EvaluateSupply(const County& c, uint32_t s, Date T, const ScanParams& p,
                             OverlayTally& t, bool with_basis, const SupplyFinding* reuse) {
  const InputData& d = c.data();
  SupplyFinding f;
  f.supply = s;
  f.town = c.supply_town(s);
  const Shape target = County::ShapeOf(d.supplies, s);
  f.parcel_ha = target.area / kSquareMetresPerHectare;
  f.overdue_days = DaysBetween(d.supplies.agreed_start[s], T);
  if (reuse && !reuse->undetermined.empty()) return Undetermined(std::move(f), reuse->undetermined, p);
  if (reuse) {
    f.built_ha = reuse->built_ha;
    f.built_ratio = reuse->built_ratio;
    f.last_built = reuse->last_built;
  } else {
    std::vector<Shape> cands;
    std::vector<Date> dates;
    AddCandidates(c.construction_index(), d.construction, d.construction.date, target.box,
                  [&](Date b) { return b <= T; }, cands, &dates);  // built by T
    CoverageOptions o;
    o.want_piece_areas = true;
    const CoverageResult r = Coverage(target, cands, o);
    t.Add(r);
    if (r.failed) return Undetermined(std::move(f), r.error, p);
    for (size_t k = 0; k < cands.size(); ++k)
      if (r.piece_area[k] > kPositiveAreaM2 && (!f.last_built || dates[k] > *f.last_built)) f.last_built = dates[k];
    f.built_ha = r.covered_area / kSquareMetresPerHectare;
    f.built_ratio = target.area > 0 ? r.covered_area / target.area : 0.0;
  }

  const Date agreed = d.supplies.agreed_start[s];
  const bool started = f.built_ratio >= p.start_ratio;
  const Date overdue_from = AddYears(agreed, p.idle_years);
  const bool overdue = T >= overdue_from;
  const bool stalled = overdue && started && f.built_ratio < p.stalled_ratio && f.last_built &&
                       AddYears(*f.last_built, p.idle_years) <= T;
  if (overdue && !started) f.status = SupplyStatus::kIdleUnstarted;
  else if (stalled) f.status = SupplyStatus::kIdleStalled;
  else if (started) f.status = SupplyStatus::kInUse;
  else f.status = SupplyStatus::kPending;

  const IdleCause cause = d.supplies.idle_cause[s];
  const Date recover_from = AddYears(agreed, p.recover_years);
  const bool legacy_parcel = IsLegacyIndustrial(d, s, p);
  const bool legacy_industrial = legacy_parcel && f.status == SupplyStatus::kIdleUnstarted;
  const bool enterprise_cause = cause == IdleCause::kNone || cause == IdleCause::kEnterprise;

  // Deadlines if nothing more is built: with the built figures frozen, a parcel not started
  // becomes idle when it is overdue, a started one below the stalled ratio when it is overdue
  // and a year has passed since it was last built on; a parcel at or above the stalled ratio
  // never does. Its action becomes `recover` on the first day one of the two rules applies:
  // the pre-2009 industrial rule (not started, whatever the cause) or the enterprise-cause rule.
  if (!started) f.idle_from = overdue_from;
  else if (f.built_ratio < p.stalled_ratio && f.last_built)
    f.idle_from = std::max(overdue_from, AddYears(*f.last_built, p.idle_years));
  if (legacy_parcel && !started) f.recover_from = overdue_from;
  if (enterprise_cause && f.idle_from) {
    const Date by_cause = std::max(*f.idle_from, recover_from);
    if (!f.recover_from || by_cause < *f.recover_from) f.recover_from = by_cause;
  }
  f.fee_wan = 0.0;
  if (IsIdle(f.status)) {
    if (legacy_industrial || (enterprise_cause && T >= recover_from)) {
      f.action = IdleAction::kRecover;
    } else if (enterprise_cause) {
      f.action = IdleAction::kFee;
      f.fee_wan = p.fee_rate * d.supplies.price_wan[s];  // NaN (null) when no price
    } else {
      f.action = IdleAction::kNegotiate;
    }
  }
  if (with_basis) f.basis = SupplyBasis(d, f, T, p);
  return f;
}

}  // namespace panhuo::detail
