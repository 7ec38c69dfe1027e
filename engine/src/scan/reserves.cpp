// Land reserve not yet supplied (收购储备, contract v3): r − S_r(T) for every reserve r acquired on
// or before T, where S_r(T) is the union of the supplies dated from r's acquisition to T (land
// granted before it entered the reserve, such as the grant of recovered land, does not supply it).
#include <limits>

#include "basis.hpp"
#include "phases.hpp"

namespace panhuo::detail {
namespace {

ReserveFinding EvaluateReserve(const County& c, uint32_t r, const ScanParams& p, OverlayTally& t) {
  const InputData& d = c.data();
  const Date T = p.as_of, acquired = d.reserves.acquired_date[r];
  ReserveFinding f;
  f.reserve = r;
  f.town = c.reserve_town(r);
  const Shape target = County::ShapeOf(d.reserves, r);
  f.reserve_ha = target.area / kSquareMetresPerHectare;
  f.age_days = DaysBetween(acquired, T);
  std::vector<Shape> cands;
  std::vector<Date> cand_dates;
  AddCandidates(c.supplies_index(), d.supplies, d.supplies.date, target.box,
                [&](Date s) { return s >= acquired && s <= T; }, cands, &cand_dates);
  CoverageOptions o;
  o.want_remainder = true;
  o.want_piece_areas = true;
  CoverageResult cov = Coverage(target, cands, o);
  t.Add(cov);
  if (cov.failed) {
    f.unsupplied_ha = std::numeric_limits<double>::quiet_NaN();
    f.undetermined = cov.error.empty() ? "overlay failed" : cov.error;
    return f;
  }
  f.unsupplied_ha = cov.remainder_area / kSquareMetresPerHectare;
  for (size_t k = 0; k < cands.size(); ++k)
    if (cov.piece_area[k] > kPositiveAreaM2 && (!f.first_supplied || cand_dates[k] < *f.first_supplied))
      f.first_supplied = cand_dates[k];
  f.listed = f.unsupplied_ha >= p.min_unsupplied_ha;
  if (f.listed) {
    f.remainder = std::move(cov.remainder);
    f.basis = ReserveBasis(d, f, p);
  }
  return f;
}

}  // namespace

void ReservesPhase(ScanState& st, ScanResult& res) {
  const InputData& d = st.county.data();
  res.reserves_present = d.Present("reserves");
  std::vector<uint32_t> reserves;
  for (uint32_t r = 0; r < d.reserves.size(); ++r)
    if (d.reserves.acquired_date[r] <= st.T) reserves.push_back(r);
  res.reserves.resize(reserves.size());
  st.Add(ParallelEach(reserves.size(), [&](size_t i, OverlayTally& t) {
    res.reserves[i] = EvaluateReserve(st.county, reserves[i], st.params, t);
  }));
  for (const auto& f : res.reserves) res.counts.reserves_listed += f.listed;
}

}  // namespace panhuo::detail
