// The scan's output layers as tables over its findings (see scan_tables.hpp).
#include "panhuo/tables/scan_tables.hpp"

#include "panhuo/tables/output_schema.hpp"

namespace panhuo {
namespace detail {

const std::string& TownCode(const InputData& d, int32_t t) {
  static const std::string none;
  return t < 0 ? none : d.towns.code[static_cast<size_t>(t)];
}

Table ViewTable(const std::string& name, size_t count, std::function<void(size_t, std::vector<Cell>&)> row,
                std::function<const MultiPolygon*(size_t)> shape) {
  Table t = NewTable(name);
  t.view = {count, std::move(row), std::move(shape)};
  return t;
}

void PlanCells(CellsOut& out, const InputData& d, int32_t plan) {
  if (plan < 0) {
    out.Null().Null().Null().Null();
    return;
  }
  const auto p = static_cast<size_t>(plan);
  out.TextOrNull(d.plans.measure[p]).TextOrNull(d.plans.responsible[p]).TextOrNull(d.plans.leader[p]).Day(d.plans.due_date[p]);
}

}  // namespace detail

namespace {

using detail::PlanCells;
using detail::Select;
using detail::TownCode;
using detail::ViewTable;

// The approvals with land still unsupplied at T.
Table UnsuppliedTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  auto rows = std::make_shared<std::vector<uint32_t>>(Select(r.approvals.size(), [&](size_t i) { return r.approvals[i].listed; }));
  return ViewTable(
      "unsupplied", rows->size(),
      [d, res, rows](size_t i, std::vector<Cell>& cells) {
        const ApprovalFinding& f = res->approvals[(*rows)[i]];
        const size_t a = f.approval;
        CellsOut out(cells);
        out.Text(d->approvals.id[a]).TextOrNull(d->approvals.batch_no[a]).TextOrNull(TownCode(*d, f.town));
        out.Day(d->approvals.date[a]).Int(f.age_days).Real(f.approved_ha).Real(f.supplied_ha).Real(f.unsupplied_ha);
        out.Int(f.lapsed ? 1 : 0).Day(f.lapse_date).Text(f.basis);
        PlanCells(out, *d, f.plan);
      },
      [res, rows](size_t i) { return &res->approvals[(*rows)[i]].remainder; });
}

// Every supply with its status (supply_status), or the idle ones only (idle).
Table SuppliesTable(const County& c, const ScanResult& r, const char* name, bool idle_only) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  auto rows = std::make_shared<std::vector<uint32_t>>(
      Select(r.supplies.size(), [&](size_t i) { return !idle_only || IsIdle(r.supplies[i].status); }));
  return ViewTable(
      name, rows->size(),
      [d, res, rows](size_t i, std::vector<Cell>& cells) {
        const size_t k = (*rows)[i];
        const SupplyFinding& f = res->supplies[k];
        const size_t s = f.supply;
        const auto& sp = d->supplies;
        CellsOut out(cells);
        out.Text(sp.id[s]).TextOrNull(TownCode(*d, f.town)).Day(sp.date[s]).Day(sp.agreed_start[s]);
        out.TextOrNull(sp.land_use[s]).Real(f.parcel_ha).Real(f.built_ha).Real(f.built_ratio).Day(f.last_built);
        out.TextOrNull(f.undetermined.empty() ? ToString(f.status) : "").Int(f.overdue_days);
        out.TextOrNull(ToString(f.action)).Real(f.fee_wan).Day(f.idle_from).Day(f.recover_from);
        // what an idle-land notice (闲置土地认定书) names besides the figures
        out.TextOrNull(sp.mode[s]).TextOrNull(sp.holder[s]).Real(sp.price_wan[s]);
        out.TextOrNull(sp.idle_cause[s] == IdleCause::kNone ? "" : ToString(sp.idle_cause[s]));
        out.Text(f.basis).TextOrNull(res->supply_group.empty() ? std::string() : res->supply_group[k]);
        PlanCells(out, *d, f.plan);
      },
      [d, res, rows](size_t i) { return &d->supplies.geom[res->supplies[(*rows)[i]].supply]; });
}

Table WarningsTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  auto finding = [res](const WarningFinding& w) -> std::pair<const ApprovalFinding*, const SupplyFinding*> {
    if (w.kind == WarningKind::kLapse) return {&res->approvals[w.finding], nullptr};
    return {nullptr, &res->supplies[w.finding]};
  };
  return ViewTable(
      "warnings", r.warnings.size(),
      [d, res, finding](size_t i, std::vector<Cell>& cells) {
        const WarningFinding& w = res->warnings[i];
        const auto [a, s] = finding(w);
        CellsOut out(cells);
        out.Text(ToString(w.kind)).Text(a ? d->approvals.id[a->approval] : d->supplies.id[s->supply]);
        out.TextOrNull(TownCode(*d, w.town)).Day(w.event_date).Int(w.days_left).Real(w.area_ha).Text(w.basis);
      },
      [d, res, finding](size_t i) {
        const auto [a, s] = finding(res->warnings[i]);
        return a ? &a->remainder : &d->supplies.geom[s->supply];
      });
}

Table TownsTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  auto count = [](std::optional<int32_t> v) { return v ? std::optional<int64_t>(*v) : std::nullopt; };
  return ViewTable(
      "towns", r.towns.size(),
      [d, res, count](size_t i, std::vector<Cell>& cells) {
        const TownFinding& t = res->towns[i];
        CellsOut out(cells);
        out.Text(d->towns.code[t.town]).TextOrNull(d->towns.name[t.town]).Real(t.unsupplied_ha).Real(t.idle_ha);
        out.Real(t.supply_rate).Real(t.supplied_ha).Real(t.stock_ha).Real(t.stock_share).Real(t.revitalized_ha);
        out.Real(t.target_ha).Real(t.completion).Real(t.tax_per_mu).Real(t.d_class_ha).Real(t.score).Int(t.rank);
        out.Real(t.digested_ha).Real(t.idle_resolved_ha).Real(t.window_approved_ha).Real(t.window_supplied_ha);
        out.Int(t.below_stock_floor ? 1 : 0).Int(t.below_supply_rate_floor ? 1 : 0).Int(t.lapsed);
        out.Int(t.warn_lapse_n).Real(t.warn_lapse_ha).Int(t.warn_idle_n).Real(t.warn_idle_ha);
        out.Int(t.warn_recover_n).Real(t.warn_recover_ha).Int(t.undetermined);
        // null when the input they come from is absent
        out.Real(t.reserve_ha).Real(t.unfit_ha).Real(t.low_efficiency_ha);
        // v3: plans and pace
        out.Int(count(t.plans_overdue_n)).Int(count(t.no_plan_n)).Real(t.elapsed_share).Real(t.pace).Real(t.projected_ha);
      },
      [d, res](size_t i) { return &d->towns.geom[res->towns[i].town]; });
}

Table EfficiencyTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  return ViewTable("efficiency", r.efficiency.size(), [d, res](size_t i, std::vector<Cell>& cells) {
    const EfficiencyFinding& f = res->efficiency[i];
    const auto& e = d->enterprises;
    CellsOut out(cells);
    out.Text(e.id[f.row]).Text(e.supply_id[f.row]).TextOrNull(TownCode(*d, f.town)).Int(e.year[f.row]).Real(f.land_mu);
    for (double v : f.indicator) out.Real(v);
    out.Real(f.score).Text(ToString(f.cls));
  });
}

Table DClassTable(const County& c, const ScanResult& r) {
  const InputData* d = &c.data();
  const ScanResult* res = &r;
  auto rows = std::make_shared<std::vector<uint32_t>>(
      Select(r.efficiency.size(), [&](size_t i) { return r.efficiency[i].cls == EfficiencyClass::kD; }));
  return ViewTable(
      "d_class_parcels", rows->size(),
      [d, res, rows](size_t i, std::vector<Cell>& cells) {
        const EfficiencyFinding& f = res->efficiency[(*rows)[i]];
        const auto& e = d->enterprises;
        CellsOut out(cells);
        out.Text(e.supply_id[f.row]).Text(e.id[f.row]).TextOrNull(TownCode(*d, f.town)).Real(f.land_mu).Real(f.score);
      },
      [d, res, rows](size_t i) { return &d->supplies.geom[d->enterprises.supply[res->efficiency[(*rows)[i]].row]]; });
}

Table RejectsTable(const County& c) {
  const InputData* d = &c.data();
  return ViewTable(
      "rejects", d->rejects.size(),
      [d](size_t i, std::vector<Cell>& cells) {
        const auto& r = d->rejects[i];
        CellsOut(cells).Text(r.layer).Int(static_cast<int64_t>(r.fid)).TextOrNull(r.feature_id).Text(r.reason);
      },
      [d](size_t i) { return d->rejects[i].geom.empty() ? nullptr : &d->rejects[i].geom; });
}

// Determinations that could not be made (every overlay path failed), with the reason.
Table UndeterminedTable(const County& c, const ScanResult& r) {
  const County* county = &c;
  const ScanResult* res = &r;
  struct Source {
    const PolygonColumn* col;
    const std::vector<std::string>* id;
    int32_t town;
  };
  auto source = [county](const UndeterminedFeature& u) {
    const InputData& d = county->data();
    if (u.layer == "supplies") return Source{&d.supplies, &d.supplies.id, county->supply_town(u.index)};
    if (u.layer == "reserves") return Source{&d.reserves, &d.reserves.id, county->reserve_town(u.index)};
    return Source{&d.approvals, &d.approvals.id, county->approval_town(u.index)};
  };
  return ViewTable(
      "undetermined", r.undetermined.size(),
      [county, res, source](size_t i, std::vector<Cell>& cells) {
        const UndeterminedFeature& u = res->undetermined[i];
        const Source s = source(u);
        CellsOut out(cells);
        out.Text(u.layer).Int(static_cast<int64_t>(s.col->fid[u.index])).TextOrNull((*s.id)[u.index]);
        out.TextOrNull(TownCode(county->data(), s.town)).Text(u.determination).Text(u.error);
      },
      [res, source](size_t i) { return &source(res->undetermined[i]).col->geom[res->undetermined[i].index]; });
}

Table ScanRunTable(const County& c, const ScanResult& r, RunInfo run) {
  using T = Table::Type;
  if (run.dates.empty()) run.dates = {{"as_of", r.params.as_of}};
  run.parameters = r.params.Describe();
  Table t = RunTable(c.data(), run);
  AddRunColumn(t, "ranking", T::kText,
               std::string(r.params.rank_by == "score"
                               ? "weighted score of completion, stock_share and supply_rate, descending; ties by town_code"
                               : "completion descending, ties by town_code; towns without a target last, by town_code"));
  AddRunColumn(t, "efficiency_year", T::kInteger, int64_t{r.efficiency_year});
  AddRunColumn(t, "overlay_fallbacks", T::kInteger, r.counts.overlay_fallbacks);
  AddRunColumn(t, "overlay_failures", T::kInteger, r.counts.overlay_failures);
  AddRunColumn(t, "approvals_listed", T::kInteger, r.counts.approvals_listed);
  AddRunColumn(t, "approvals_lapsed", T::kInteger, r.counts.approvals_lapsed);
  AddRunColumn(t, "supplies_idle", T::kInteger, r.counts.idle);
  AddRunColumn(t, "warn_days", T::kInteger, int64_t{r.params.warn_days});
  AddRunColumn(t, "warnings_listed", T::kInteger, r.counts.warnings);
  AddRunColumn(t, "reserves_listed", T::kInteger, r.counts.reserves_listed);
  AddRunColumn(t, "unfit_listed", T::kInteger, r.counts.unfit_listed);
  AddRunColumn(t, "low_efficiency_listed", T::kInteger, r.counts.low_efficiency);
  AddRunColumn(t, "holders_listed", T::kInteger, r.counts.holders_listed);
  return t;
}

struct ScanLayer {
  const char* name;
  Table (*build)(const County&, const ScanResult&, const RunInfo&);
};

// The scan's layers, each named once, in the order written.
const std::vector<ScanLayer>& Layers() {
  using C = const County&;
  using R = const ScanResult&;
  using I = const RunInfo&;
  static const std::vector<ScanLayer> layers = {
      {"unsupplied", [](C c, R r, I) { return UnsuppliedTable(c, r); }},
      {"supply_status", [](C c, R r, I) { return SuppliesTable(c, r, "supply_status", false); }},
      {"idle", [](C c, R r, I) { return SuppliesTable(c, r, "idle", true); }},
      {"warnings", [](C c, R r, I) { return WarningsTable(c, r); }},
      {"towns", [](C c, R r, I) { return TownsTable(c, r); }},
      {"efficiency", [](C c, R r, I) { return EfficiencyTable(c, r); }},
      {"d_class_parcels", [](C c, R r, I) { return DClassTable(c, r); }},
      {"reserve_unsupplied", [](C c, R r, I) { return detail::ReserveTable(c, r); }},
      {"unfit_for_supply", [](C c, R r, I) { return detail::UnfitTable(c, r); }},
      {"low_efficiency", [](C c, R r, I) { return detail::LowEfficiencyTable(c, r); }},
      {"holders", [](C, R r, I) { return detail::HoldersTable(r); }},
      {"rejects", [](C c, R, I) { return RejectsTable(c); }},
      {"undetermined", [](C c, R r, I) { return UndeterminedTable(c, r); }},
      {"run", [](C c, R r, I i) { return ScanRunTable(c, r, i); }},
      // v3: work plans
      {"plan_status", [](C c, R r, I) { return detail::PlanStatusTable(c, r); }},
  };
  return layers;
}

}  // namespace

const std::vector<std::string>& ScanLayerNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& l : Layers()) n.push_back(l.name);
    return n;
  }();
  return names;
}

std::vector<Table> ScanTables(const County& county, const ScanResult& result, RunInfo run) {
  std::vector<Table> tables;
  for (const auto& l : Layers()) tables.push_back(l.build(county, result, run));
  return tables;
}

}  // namespace panhuo
