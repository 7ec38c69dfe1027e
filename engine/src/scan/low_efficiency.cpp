// Low-efficiency industrial land (低效用地, contract v3): industrial parcels (land_use 06xx)
// supplied before the efficiency year and in use at T whose enterprise rows of the year show no
// enterprise, no output, or only class-D evaluated enterprises. No overlay: one pass over the
// supplies' and the efficiency findings.
#include <cmath>

#include "basis.hpp"
#include "phases.hpp"

namespace panhuo {

const char* ToString(LowEfficiencyReason r) {
  switch (r) {
    case LowEfficiencyReason::kNoEnterprise: return "no_enterprise";
    case LowEfficiencyReason::kNoOutput: return "no_output";
    case LowEfficiencyReason::kDClass: return "d_class";
  }
  return "";
}

namespace detail {
namespace {

// The first reason that applies to a parcel whose rows of the year are `rows` (indices into the
// efficiency findings); none when it is not low-efficiency.
std::optional<LowEfficiencyReason> ReasonOf(const InputData& d, const ScanResult& res, const std::vector<uint32_t>& rows) {
  if (rows.empty()) return LowEfficiencyReason::kNoEnterprise;
  bool any_output = false, any_evaluated = false, all_d = true;
  for (uint32_t k : rows) {
    const EfficiencyFinding& e = res.efficiency[k];
    const double sales = d.enterprises.sales_wan[e.row];
    if (!std::isnan(sales) && sales > 0) any_output = true;
    if (e.cls == EfficiencyClass::kT) continue;
    any_evaluated = true;
    if (e.cls != EfficiencyClass::kD) all_d = false;
  }
  if (!any_output) return LowEfficiencyReason::kNoOutput;
  if (any_evaluated && all_d) return LowEfficiencyReason::kDClass;
  return std::nullopt;
}

// Σ tax_wan / Σ land_mu over the rows (a null tax adds nothing); null without rows or land.
std::optional<double> TaxPerMu(const InputData& d, const ScanResult& res, const std::vector<uint32_t>& rows) {
  double tax = 0, mu = 0;
  for (uint32_t k : rows) {
    const EfficiencyFinding& e = res.efficiency[k];
    if (!std::isnan(d.enterprises.tax_wan[e.row])) tax += d.enterprises.tax_wan[e.row];
    mu += e.land_mu;
  }
  if (rows.empty() || mu == 0) return std::nullopt;
  return tax / mu;
}

}  // namespace

void LowEfficiencyPhase(const ScanState& st, ScanResult& res) {
  const InputData& d = st.county.data();
  const int Y = res.efficiency_year;
  res.efficiency_known = false;
  for (int32_t y : d.enterprises.year) res.efficiency_known = res.efficiency_known || y == Y;
  if (!res.efficiency_known) return;
  // rows of Y by supply (every row of Y naming a supply existing at T is an efficiency finding)
  std::vector<std::vector<uint32_t>> rows(d.supplies.size());
  for (uint32_t k = 0; k < res.efficiency.size(); ++k) rows[d.enterprises.supply[res.efficiency[k].row]].push_back(k);
  const Date jan1 = Date::FromYmd(Y, 1, 1);
  for (uint32_t i = 0; i < res.supplies.size(); ++i) {
    const SupplyFinding& f = res.supplies[i];
    const uint32_t s = f.supply;
    if (!f.undetermined.empty() || f.status != SupplyStatus::kInUse || !(d.supplies.date[s] < jan1)) continue;
    if (d.supplies.land_use[s].rfind("06", 0) != 0) continue;
    const auto reason = ReasonOf(d, res, rows[s]);
    if (!reason) continue;
    LowEfficiencyFinding le;
    le.finding = i;
    le.enterprises_n = static_cast<int32_t>(rows[s].size());
    le.reason = *reason;
    le.tax_per_mu = TaxPerMu(d, res, rows[s]);
    le.basis = LowEfficiencyBasis(d, f, le, Y, st.params);
    res.low_efficiency.push_back(std::move(le));
  }
  res.counts.low_efficiency = static_cast<int64_t>(res.low_efficiency.size());
}

}  // namespace detail
}  // namespace panhuo
