// Approved land unfit for supply (不具备供地条件, contract v3): for every approval listed in
// `unsupplied`, the part of its remainder a − S(T) on land where the plan in force permits no
// supply, C = the union of `constraints` (undated).
#include <algorithm>
#include <set>

#include "basis.hpp"
#include "phases.hpp"

namespace panhuo::detail {
namespace {

struct UnfitOverlay {
  CoverageResult cov;
  std::string kinds;
};

// (remainder ∩ C) and the kinds of the constraints crossing the remainder with positive area.
UnfitOverlay OverlayConstraints(const County& c, const MultiPolygon& remainder, OverlayTally& t) {
  const InputData& d = c.data();
  const Shape target{&remainder, Envelope(remainder), Area(remainder)};
  thread_local std::vector<uint32_t> hits;
  c.constraints_index().Query(target.box, hits);
  std::sort(hits.begin(), hits.end());
  std::vector<Shape> cands;
  for (uint32_t k : hits) cands.push_back(County::ShapeOf(d.constraints, k));
  CoverageOptions o;
  o.want_covered = true;
  o.want_piece_areas = true;
  UnfitOverlay out{Coverage(target, cands, o), {}};
  t.Add(out.cov);
  if (out.cov.failed) return out;
  std::set<std::string> kinds;
  for (size_t k = 0; k < cands.size(); ++k)
    if (out.cov.piece_area[k] > kPositiveAreaM2 && !d.constraints.kind[hits[k]].empty())
      kinds.insert(d.constraints.kind[hits[k]]);
  for (const auto& k : kinds) out.kinds += (out.kinds.empty() ? "" : ",") + k;
  return out;
}

}  // namespace

void UnfitPhase(ScanState& st, ScanResult& res) {
  const InputData& d = st.county.data();
  res.constraints_present = d.Present("constraints");
  if (d.constraints.size() == 0) return;
  std::vector<uint32_t> listed;
  for (uint32_t i = 0; i < res.approvals.size(); ++i)
    if (res.approvals[i].listed && res.approvals[i].undetermined.empty()) listed.push_back(i);
  std::vector<UnfitOverlay> overlays(listed.size());
  st.Add(ParallelEach(listed.size(), [&](size_t k, OverlayTally& t) {
    overlays[k] = OverlayConstraints(st.county, res.approvals[listed[k]].remainder, t);
  }));
  for (size_t k = 0; k < listed.size(); ++k) {
    const ApprovalFinding& a = res.approvals[listed[k]];
    UnfitOverlay& o = overlays[k];
    if (o.cov.failed) {
      st.undetermined.push_back({"approvals", a.approval, "unfit", o.cov.error.empty() ? "overlay failed" : o.cov.error});
      continue;
    }
    UnfitFinding f;
    f.finding = listed[k];
    f.constrained_ha = o.cov.covered_area / kSquareMetresPerHectare;
    if (f.constrained_ha < st.params.min_unsupplied_ha) continue;
    f.kinds = std::move(o.kinds);
    f.geom = std::move(o.cov.covered);
    f.basis = UnfitBasis(d, a, f, st.params);
    res.unfit.push_back(std::move(f));
  }
  res.counts.unfit_listed = static_cast<int64_t>(res.unfit.size());
}

}  // namespace panhuo::detail
