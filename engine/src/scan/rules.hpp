// Internal: the contract's determinations, one feature at a time. Each function reads the
// county's read-only layers and indexes and is safe to call from many threads at once.
#pragma once

#include <cstdint>

#include "panhuo/scan/scan.hpp"

namespace panhuo::detail {

// Counts of overlay fallbacks and failures, summed by the caller.
struct OverlayTally {
  int64_t fallbacks = 0, failures = 0;
  void Add(const CoverageResult& r) {
    fallbacks += r.fallback;
    failures += r.failed;
  }
};

// Approved but unsupplied at T, for an approval dated on or before T.
ApprovalFinding EvaluateApproval(const County& c, uint32_t a, const ScanParams& p, OverlayTally& t);

// Idle-land determination of a supply dated on or before `as_of`.
SupplyFinding EvaluateSupply(const County& c, uint32_t s, Date as_of, const ScanParams& p,
                             OverlayTally& t, bool with_basis);

// Stock part of a supply dated in year Y (盘存配增): on land approved before 1 January of Y or
// built before its supply date. m².
double StockArea(const County& c, uint32_t s, int year, OverlayTally& t);

// area(s ∩ U(T0)), U(T0) = approvals dated <= T0 minus S(T0). m².
double DigestedArea(const County& c, uint32_t s, Date t0, OverlayTally& t);

// Per-mu efficiency of the enterprise rows of `year` on supplies existing at T.
std::vector<EfficiencyFinding> EvaluateEfficiency(const County& c, const ScanParams& p, int year);

}  // namespace panhuo::detail
