#include "basis.hpp"

#include <cmath>
#include <cstdio>

#include "rules.hpp"

namespace panhuo::detail {
namespace {

std::string Pct(double ratio) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f%%", ratio * 100.0);
  return buf;
}

std::string InDays(int32_t n, bool zh) {
  if (zh) return std::to_string(n) + "天后";
  return "in " + std::to_string(n) + (n == 1 ? " day" : " days");
}

std::string Cause(IdleCause c, bool zh) {
  if (!zh) return c == IdleCause::kNone ? "not recorded, pending determination" : ToString(c);
  switch (c) {
    case IdleCause::kNone: return "待认定";
    case IdleCause::kEnterprise: return "企业原因";
    case IdleCause::kGovernment: return "政府原因";
    case IdleCause::kForceMajeure: return "不可抗力";
    case IdleCause::kMixed: return "混合原因";
  }
  return "";
}

std::string Status(SupplyStatus s, bool zh) {
  if (!zh) return ToString(s);
  switch (s) {
    case SupplyStatus::kIdleUnstarted: return "闲置（未动工）";
    case SupplyStatus::kIdleStalled: return "闲置（已动工停建）";
    case SupplyStatus::kInUse: return "已动工利用";
    case SupplyStatus::kPending: return "未到动工期限";
  }
  return "";
}

// The cause an action of the enterprise's cause rests on: recorded, or taken as the enterprise's
// until it is determined (the contract's rule for a cause not recorded).
std::string Enterprise(IdleCause cause, bool zh) {
  if (cause == IdleCause::kEnterprise) return zh ? "企业原因" : "enterprise cause";
  return zh ? "闲置原因待认定，暂按企业原因" : "cause pending determination, taken as the enterprise's";
}

// Why an idle parcel gets its action (a proposal: the disposal is decided after the idle land is
// determined).
std::string ActionReason(const InputData& d, const SupplyFinding& f, Date T, const ScanParams& p) {
  const bool zh = Zh(p);
  const uint32_t s = f.supply;
  const IdleCause cause = d.supplies.idle_cause[s];
  const bool enterprise_cause = cause == IdleCause::kNone || cause == IdleCause::kEnterprise;
  const Date recover_from = AddYears(d.supplies.agreed_start[s], p.recover_years);
  const std::string years = std::to_string(p.recover_years);
  switch (f.action) {
    case IdleAction::kRecover:
      if (IsLegacyIndustrial(d, s, p) && f.status == SupplyStatus::kIdleUnstarted && !(enterprise_cause && T >= recover_from))
        return zh ? p.legacy_industrial_before.ToString() + "前供应的工业用地未动工：建议收回"
                  : "industrial land supplied before " + p.legacy_industrial_before.ToString() +
                        " not started: recovery proposed";
      return zh ? Enterprise(cause, zh) + "，超过约定动工日期满" + years + "年（" + recover_from.ToString() + "）：建议无偿收回"
                : Enterprise(cause, zh) + ", " + years + " years past agreed start (" + recover_from.ToString() +
                      "): recovery without compensation proposed";
    case IdleAction::kFee: {
      const std::string rate = std::to_string(static_cast<int>(std::lround(p.fee_rate * 100)));
      const std::string fee = std::isnan(f.fee_wan) ? (zh ? "价款不详" : "price unknown")
                                                    : Ha(f.fee_wan) + (zh ? "万元" : " wan");
      return zh ? Enterprise(cause, zh) + "，" + recover_from.ToString() + "前：建议按出让价款的" + rate + "%征缴土地闲置费（" +
                      fee + "）"
                : Enterprise(cause, zh) + ", before " + recover_from.ToString() + ": idle fee " + rate + "% of price (" + fee +
                      ") proposed";
    }
    case IdleAction::kNegotiate:
      return zh ? "闲置原因" + Cause(cause, zh) + "：建议协商处置（延长动工期限、临时使用、有偿收回、置换或转让）"
                : "cause " + Cause(cause, zh) +
                      ": negotiation proposed (extension, temporary use, recovery with compensation, swap or transfer)";
    case IdleAction::kNone: break;
  }
  return "";
}

std::string LapseWarning(const InputData& d, const ApprovalFinding& f, const WarningFinding& w, bool zh) {
  const uint32_t a = f.approval;
  if (zh)
    return d.approvals.date[a].ToString() + "批准（批次" + d.approvals.batch_no[a] + "），" + Ha(f.unsupplied_ha) +
           "公顷，尚未供地；如不供地，" + w.event_date.ToString() + "失效（" + InDays(w.days_left, zh) + "）";
  return "approved " + d.approvals.date[a].ToString() + " (batch " + d.approvals.batch_no[a] + "), " +
         Ha(f.unsupplied_ha) + " ha, nothing supplied on it; lapses " + w.event_date.ToString() + " (" +
         InDays(w.days_left, zh) + ") unless land is supplied";
}

std::string IdleWarning(const InputData& d, const ScanParams& p, const SupplyFinding& f, const WarningFinding& w,
                        bool zh) {
  const uint32_t s = f.supply;
  const std::string when = w.event_date.ToString(), days = InDays(w.days_left, zh);
  if (zh) {
    const std::string head = d.supplies.date[s].ToString() + "供地，约定动工" + d.supplies.agreed_start[s].ToString() + "；";
    if (w.kind == WarningKind::kIdleUnstarted)
      return head + "未动工（已建" + Pct(f.built_ratio) + "）；如不动工，" + when + "起认定闲置（未动工）（" + days + "）";
    return head + "已建" + Pct(f.built_ratio) + "（低于" + Pct(p.stalled_ratio) + "），最近建设" +
           f.last_built->ToString() + "；如不续建，" + when + "起认定闲置（停建）（" + days + "）";
  }
  const std::string head =
      "supplied " + d.supplies.date[s].ToString() + ", agreed start " + d.supplies.agreed_start[s].ToString() + "; ";
  if (w.kind == WarningKind::kIdleUnstarted)
    return head + "not started (built " + Pct(f.built_ratio) + " of the parcel); idle (not started) from " + when +
           " (" + days + ") unless construction starts";
  return head + "built " + Pct(f.built_ratio) + " (below " + Pct(p.stalled_ratio) + "), last built " +
         f.last_built->ToString() + "; idle (stalled) from " + when + " (" + days + ") unless more is built";
}

std::string RecoverWarning(const InputData& d, const ScanParams& p, const SupplyFinding& f, const WarningFinding& w,
                           bool zh) {
  const uint32_t s = f.supply;
  const std::string cause = Cause(d.supplies.idle_cause[s], zh), when = w.event_date.ToString(),
                    days = InDays(w.days_left, zh), agreed = d.supplies.agreed_start[s].ToString();
  // the pre-2009 rule applies to a parcel not started; it then falls due on the day it is idle
  if (IsLegacyIndustrial(d, s, p) && f.built_ratio < p.start_ratio)
    return zh ? "工业用地（" + d.supplies.land_use[s] + "）" + d.supplies.date[s].ToString() + "供应，早于" +
                    p.legacy_industrial_before.ToString() + "，未动工；" + when + "起闲置，不论原因予以收回（闲置原因" +
                    cause + "），" + days + "，除非动工"
              : "industrial land (" + d.supplies.land_use[s] + ") supplied " + d.supplies.date[s].ToString() +
                    ", before " + p.legacy_industrial_before.ToString() + ", not started; idle from " + when +
                    " and then recovered whatever the cause (cause " + cause + "), " + days +
                    " unless construction starts";
  const std::string due = AddYears(d.supplies.agreed_start[s], p.recover_years).ToString();
  const std::string years = std::to_string(p.recover_years);
  const bool idle_now = f.idle_from && *f.idle_from <= p.as_of;
  if (zh)
    return "闲置原因" + cause + "，约定动工" + agreed + "；" +
           (idle_now ? f.idle_from->ToString() + "起闲置" : "如不动工，" + f.idle_from->ToString() + "起闲置") +
           "；" + due + "超过约定动工日期满" + years + "年：" + when + "起无偿收回（" + days + "）";
  return "cause " + cause + ", agreed start " + agreed + "; " +
         (idle_now ? "idle since " + f.idle_from->ToString() : "idle from " + f.idle_from->ToString() + " unless built on") +
         "; " + years + " years past agreed start on " + due + ": recovered without compensation from " + when + " (" +
         days + ")";
}

}  // namespace

std::string ApprovalBasis(const InputData& d, const ApprovalFinding& f, Date T, Date lapse_date, const ScanParams& p) {
  const uint32_t a = f.approval;
  const std::string approved = d.approvals.date[a].ToString(), lapse = lapse_date.ToString();
  if (Zh(p))
    return approved + "批准（批次" + d.approvals.batch_no[a] + "），" + Ha(f.approved_ha) + "公顷；截至" + T.ToString() +
           "已供" + Ha(f.supplied_ha) + "公顷，未供" + Ha(f.unsupplied_ha) + "公顷；" +
           (f.lapsed       ? lapse + "前未供地：批准文件失效"
            : T < lapse_date ? "如" + lapse + "前仍未供地，批准文件失效"
                             : "失效期限内已供地：未失效");
  return "approved " + approved + " (batch " + d.approvals.batch_no[a] + "), " + Ha(f.approved_ha) + " ha; by " +
         T.ToString() + " supplied " + Ha(f.supplied_ha) + " ha, unsupplied " + Ha(f.unsupplied_ha) + " ha; " +
         (f.lapsed       ? "no supply by " + lapse + ": lapsed"
          : T < lapse_date ? "lapses " + lapse + " unless supplied"
                           : "supplied within the lapse period: not lapsed");
}

std::string SupplyBasis(const InputData& d, const SupplyFinding& f, Date T, const ScanParams& p) {
  const bool zh = Zh(p);
  const uint32_t s = f.supply;
  const Date agreed = d.supplies.agreed_start[s];
  const std::string overdue_from = AddYears(agreed, p.idle_years).ToString();
  const std::string last = f.last_built ? f.last_built->ToString() : std::string(zh ? "无" : "none");
  const std::string cause = Cause(d.supplies.idle_cause[s], zh), why = ActionReason(d, f, T, p);
  if (zh)
    return d.supplies.date[s].ToString() + "供地，约定动工" + agreed.ToString() + "（" + overdue_from + "起逾期）；截至" +
           T.ToString() + "已建" + Ha(f.built_ha) + "公顷，宗地" + Ha(f.parcel_ha) + "公顷（" + Pct(f.built_ratio) +
           "），最近建设" + last + "；闲置原因" + cause + "；" + Status(f.status, zh) + (why.empty() ? "" : "；") + why;
  return "supplied " + d.supplies.date[s].ToString() + ", agreed start " + agreed.ToString() + " (overdue from " +
         overdue_from + "); by " + T.ToString() + " built " + Ha(f.built_ha) + " of " + Ha(f.parcel_ha) + " ha (" +
         Pct(f.built_ratio) + "), last built " + last + "; cause " + cause + "; " + Status(f.status, zh) +
         (why.empty() ? "" : "; ") + why;
}

std::string UndeterminedBasis(bool approval, const ScanParams& p) {
  if (Zh(p)) return approval ? "未能认定：该批准地块与供地的叠加计算失败" : "未能认定：该宗地与建设图斑的叠加计算失败";
  return approval ? "undetermined: the overlay of this approval with the supplies failed"
                  : "undetermined: the overlay of this parcel with the construction footprints failed";
}

std::string WarningBasis(const InputData& d, const ScanParams& p, const ScanResult& res, const WarningFinding& w) {
  const bool zh = Zh(p);
  switch (w.kind) {
    case WarningKind::kLapse: return LapseWarning(d, res.approvals[w.finding], w, zh);
    case WarningKind::kIdleUnstarted:
    case WarningKind::kIdleStalled: return IdleWarning(d, p, res.supplies[w.finding], w, zh);
    case WarningKind::kRecover: return RecoverWarning(d, p, res.supplies[w.finding], w, zh);
  }
  return "";
}

}  // namespace panhuo::detail
