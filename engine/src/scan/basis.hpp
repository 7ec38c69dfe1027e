// Internal: `basis`, the one line of facts behind each listed approval, supply and warning that a
// clerk pastes into a notice, in Chinese (ScanParams::basis_lang "zh", the default) or English.
// Only text: every figure in it is a figure of the finding, formatted to 4 decimals (ha) or 2 (%).
#pragma once

#include <cstdio>
#include <string>

#include "panhuo/scan/scan.hpp"

namespace panhuo::detail {

// The figures and language of every basis line: hectares to 4 decimals; Chinese unless "en".
inline std::string Ha(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}
inline bool Zh(const ScanParams& p) { return p.basis_lang != "en"; }

// An approval listed in `unsupplied` at T; `lapse_date` is approval_date + lapse_years.
std::string ApprovalBasis(const InputData& d, const ApprovalFinding& f, Date T, Date lapse_date, const ScanParams& p);

// A supply's status and action at T.
std::string SupplyBasis(const InputData& d, const SupplyFinding& f, Date T, const ScanParams& p);

// A determination no overlay path could make (an approval's, else a supply's).
std::string UndeterminedBasis(bool approval, const ScanParams& p);

// A warning of the `warnings` layer, from the findings at T it was drawn from.
std::string WarningBasis(const InputData& d, const ScanParams& p, const ScanResult& res, const WarningFinding& w);

// v3 stock lists (stock_basis.cpp): a reserve listed in `reserve_unsupplied`; an approval listed
// in `unfit_for_supply`; a parcel listed in `low_efficiency` for efficiency year `year`.
std::string ReserveBasis(const InputData& d, const ReserveFinding& f, const ScanParams& p);
std::string UnfitBasis(const InputData& d, const ApprovalFinding& a, const UnfitFinding& f, const ScanParams& p);
std::string LowEfficiencyBasis(const InputData& d, const SupplyFinding& s, const LowEfficiencyFinding& f, int year,
                               const ScanParams& p);

}  // namespace panhuo::detail
