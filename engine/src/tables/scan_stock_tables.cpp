// The tables of contract v3's stock lists and work plans (see scan_tables.hpp).
#include <memory>

#include "panhuo/tables/scan_tables.hpp"

namespace panhuo::detail {

// Reserves holding unsupplied land at T (收购储备).
Table ReserveTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  auto rows = std::make_shared<std::vector<uint32_t>>(Select(r.reserves.size(), [&](size_t i) { return r.reserves[i].listed; }));
  return ViewTable(
      "reserve_unsupplied", rows->size(),
      [d, res, rows](size_t i, std::vector<Cell>& cells) {
        const ReserveFinding& f = res->reserves[(*rows)[i]];
        const auto& rs = d->reserves;
        CellsOut out(cells);
        out.Text(rs.id[f.reserve]).TextOrNull(rs.kind[f.reserve]).TextOrNull(TownCode(*d, f.town));
        out.Day(rs.acquired_date[f.reserve]).Int(f.age_days).Real(f.reserve_ha).Real(f.unsupplied_ha).Text(f.basis);
      },
      [res, rows](size_t i) { return &res->reserves[(*rows)[i]].remainder; });
}

// Approved land unfit for supply (不具备供地条件).
Table UnfitTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  return ViewTable(
      "unfit_for_supply", r.unfit.size(),
      [d, res](size_t i, std::vector<Cell>& cells) {
        const UnfitFinding& f = res->unfit[i];
        const ApprovalFinding& a = res->approvals[f.finding];
        CellsOut out(cells);
        out.Text(d->approvals.id[a.approval]).TextOrNull(TownCode(*d, a.town)).Real(a.unsupplied_ha);
        out.Real(f.constrained_ha).TextOrNull(f.kinds).Int(a.lapsed ? 1 : 0).Text(f.basis);
      },
      [res](size_t i) { return &res->unfit[i].geom; });
}

// Low-efficiency industrial land (低效用地).
Table LowEfficiencyTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  return ViewTable(
      "low_efficiency", r.low_efficiency.size(),
      [d, res](size_t i, std::vector<Cell>& cells) {
        const LowEfficiencyFinding& f = res->low_efficiency[i];
        const SupplyFinding& s = res->supplies[f.finding];
        CellsOut out(cells);
        out.Text(d->supplies.id[s.supply]).TextOrNull(TownCode(*d, s.town)).TextOrNull(d->supplies.land_use[s.supply]);
        out.TextOrNull(d->supplies.holder[s.supply]).Real(s.parcel_ha).Int(f.enterprises_n).Text(ToString(f.reason));
        out.Real(f.tax_per_mu).Text(f.basis);
      },
      [d, res](size_t i) { return &d->supplies.geom[res->supplies[res->low_efficiency[i].finding].supply]; });
}

// Enterprise groups holding supplied but unused land (企业集团供而未用).
Table HoldersTable(const ScanResult& r) {
  const ScanResult* res = &r;
  return ViewTable("holders", r.holders.size(), [res](size_t i, std::vector<Cell>& cells) {
    const HolderGroupFinding& g = res->holders[i];
    CellsOut out(cells);
    out.Text(g.group_name).Int(g.holders_n).Int(g.supplies_n).Real(g.parcel_ha).Real(g.unused_ha).Int(g.idle_n);
    out.Real(g.idle_ha).Real(g.recover_ha).Real(g.fee_wan).Int(g.warn_n).TextOrNull(g.towns).Int(g.rank);
  });
}

// Each work plan's status at T, drawn on the listed remainder or parcel it names (none for
// resolved and unknown).
Table PlanStatusTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  return ViewTable(
      "plan_status", r.plans.size(),
      [d, res](size_t i, std::vector<Cell>& cells) {
        const PlanFinding& pf = res->plans[i];
        CellsOut out(cells);
        out.Text(d->plans.feature_id[pf.plan]).TextOrNull(pf.layer == 0 ? "approvals" : pf.layer == 1 ? "supplies" : "");
        out.TextOrNull(TownCode(*d, pf.town));
        PlanCells(out, *d, static_cast<int32_t>(pf.plan));
        out.Text(ToString(pf.status));
        out.Int(pf.days_left ? std::optional<int64_t>(*pf.days_left) : std::nullopt).Real(pf.area_ha);
      },
      [d, res](size_t i) -> const MultiPolygon* {
        const PlanFinding& pf = res->plans[i];
        if (pf.finding < 0) return nullptr;
        return pf.layer == 0 ? &res->approvals[static_cast<size_t>(pf.finding)].remainder : &d->supplies.geom[pf.feature];
      });
}

}  // namespace panhuo::detail
