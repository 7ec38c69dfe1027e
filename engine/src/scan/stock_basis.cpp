// `basis` of the v3 stock lists: the facts that put a reserve, an approval unfit for supply or a
// low-efficiency parcel on its list, in Chinese (default) or English.
#include <cstdio>

#include "basis.hpp"

namespace panhuo::detail {
namespace {

std::string ReserveKind(const std::string& kind, bool zh) {
  if (!zh) return kind.empty() ? "kind not recorded" : kind;
  if (kind == "purchase") return "收购";
  if (kind == "recovered") return "收回";
  if (kind == "other") return "其他";
  return kind.empty() ? "方式未记录" : kind;
}

// "生态保护红线、永久基本农田" from "basic_farmland,ecological_redline" (the kinds' order kept).
std::string ConstraintKinds(const std::string& kinds, bool zh) {
  if (!zh) return kinds.empty() ? "constrained land" : kinds;
  std::string out, rest = kinds;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string k = rest.substr(0, comma);
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    const std::string name = k == "ecological_redline" ? "生态保护红线"
                             : k == "basic_farmland"   ? "永久基本农田"
                             : k == "flood_control"    ? "行洪区"
                             : k == "other"            ? "其他管控区"
                                                       : k;
    out += (out.empty() ? "" : "、") + name;
  }
  return out.empty() ? "规划管控区" : out;
}

std::string LowReason(const LowEfficiencyFinding& f, bool zh) {
  const std::string n = std::to_string(f.enterprises_n);
  const std::string tax = f.tax_per_mu ? Ha(*f.tax_per_mu) : std::string(zh ? "无" : "none");
  switch (f.reason) {
    case LowEfficiencyReason::kNoEnterprise:
      return zh ? "无企业亩均数据：低效用地（无企业）" : "no enterprise figures: low-efficiency (no enterprise)";
    case LowEfficiencyReason::kNoOutput:
      return zh ? n + "条企业数据销售收入均为零或空缺（关停）：低效用地"
                : "sales of all " + n + " enterprise rows zero or missing (closed): low-efficiency (no output)";
    case LowEfficiencyReason::kDClass:
      return zh ? "参评企业均为D类（" + n + "条企业数据，亩均税收" + tax + "万元/亩）：低效用地"
                : "every evaluated enterprise in class D (" + n + " enterprise rows, tax " + tax +
                      " wan per mu): low-efficiency (class D)";
  }
  return "";
}

}  // namespace

std::string ReserveBasis(const InputData& d, const ReserveFinding& f, const ScanParams& p) {
  const bool zh = Zh(p);
  const uint32_t r = f.reserve;
  const std::string acquired = d.reserves.acquired_date[r].ToString(), T = p.as_of.ToString();
  const std::string kind = ReserveKind(d.reserves.kind[r], zh), days = std::to_string(f.age_days);
  const double supplied = f.reserve_ha - f.unsupplied_ha;
  if (zh)
    return acquired + "收储（" + kind + "），储备" + Ha(f.reserve_ha) + "公顷；截至" + T + "收储后已供" + Ha(supplied) +
           "公顷，尚未供应" + Ha(f.unsupplied_ha) + "公顷；入库" + days + "天";
  return "acquired " + acquired + " (" + kind + "), " + Ha(f.reserve_ha) + " ha; by " + T + " supplied " + Ha(supplied) +
         " ha since acquisition, " + Ha(f.unsupplied_ha) + " ha not yet supplied; " + days + " days in the reserve";
}

std::string UnfitBasis(const InputData& d, const ApprovalFinding& a, const UnfitFinding& f, const ScanParams& p) {
  const bool zh = Zh(p);
  const uint32_t i = a.approval;
  const std::string approved = d.approvals.date[i].ToString(), T = p.as_of.ToString();
  const std::string kinds = ConstraintKinds(f.kinds, zh);
  if (zh)
    return approved + "批准（批次" + d.approvals.batch_no[i] + "），截至" + T + "未供" + Ha(a.unsupplied_ha) + "公顷，其中" +
           Ha(f.constrained_ha) + "公顷位于" + kinds + (a.lapsed ? "（批准文件已失效）" : "") +
           "：不具备供地条件，报省调整批准用地";
  return "approved " + approved + " (batch " + d.approvals.batch_no[i] + "); by " + T + " unsupplied " +
         Ha(a.unsupplied_ha) + " ha, of which " + Ha(f.constrained_ha) + " ha on " + kinds +
         (a.lapsed ? " (approval lapsed)" : "") + ": unfit for supply, the approval to be adjusted through the province";
}

std::string LowEfficiencyBasis(const InputData& d, const SupplyFinding& s, const LowEfficiencyFinding& f, int year,
                               const ScanParams& p) {
  const bool zh = Zh(p);
  const uint32_t i = s.supply;
  const std::string use = d.supplies.land_use[i], date = d.supplies.date[i].ToString(), y = std::to_string(year);
  if (zh)
    return "工业用地（" + use + "）" + date + "供地，宗地" + Ha(s.parcel_ha) + "公顷，已动工利用；" + y + "年度" +
           LowReason(f, zh);
  return "industrial land (" + use + ") supplied " + date + ", " + Ha(s.parcel_ha) + " ha, in use; " + y + ": " +
         LowReason(f, zh);
}

}  // namespace panhuo::detail
