// The payload of the HTML report: the scan's towns and plots (with the figures a clerk reads
// and the `basis` line), display geometry, and what a timeline or a scenario run adds.
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "county_names.hpp"
#include "panhuo/core/text.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/tables/code_labels.hpp"
#include "panhuo/tables/county_figures.hpp"
#include "report_data.hpp"
#include "styles.hpp"

namespace panhuo::detail {
namespace {

using json = nlohmann::json;
using Source = ReportGeometry::Source;

json Num(double v) {
  if (!std::isfinite(v)) return nullptr;
  return std::round(v * 1e4) / 1e4;
}
json Num(const std::optional<double>& v) { return v ? Num(*v) : json(nullptr); }
json Day(const std::optional<Date>& d) { return d ? json(d->ToString()) : json(nullptr); }

class Builder {
 public:
  Builder(const County& c, const ScanResult& r, const ReportOptions& o)
      : d_(c.data()), r_(r), geo_(c.data().working_crs_wkt, o.simplify_m) {
    for (size_t i = 0; i < r_.towns.size(); ++i) pos_[r_.towns[i].town] = static_cast<int>(i);
  }
  bool ok() const { return geo_.ok(); }

  json Towns() {
    std::vector<std::array<int, 5>> eff(r_.towns.size(), std::array<int, 5>{});
    for (const auto& e : r_.efficiency)
      if (int p = Pos(e.town); p >= 0) ++eff[static_cast<size_t>(p)][static_cast<size_t>(e.cls)];
    json out = json::array();
    for (size_t i = 0; i < r_.towns.size(); ++i) {
      const TownFinding& t = r_.towns[i];
      out.push_back({{"code", d_.towns.code[t.town]}, {"name", d_.towns.name[t.town]}, {"rank", t.rank},
                     {"completion", Num(t.completion)}, {"stock_share", Num(t.stock_share)},
                     {"supply_rate", Num(t.supply_rate)}, {"below_stock_floor", t.below_stock_floor},
                     {"below_supply_rate_floor", t.below_supply_rate_floor}, {"unsupplied_ha", Num(t.unsupplied_ha)},
                     {"idle_ha", Num(t.idle_ha)}, {"revitalized_ha", Num(t.revitalized_ha)},
                     {"target_ha", Num(t.target_ha)}, {"d_class_ha", Num(t.d_class_ha)},
                     {"lapsed_approvals", t.lapsed}, {"warn_lapse_n", t.warn_lapse_n},
                     {"warn_idle_n", t.warn_idle_n}, {"warn_recover_n", t.warn_recover_n},
                     {"undetermined_n", t.undetermined}, {"eff", eff[i]}, {"reserve_ha", Num(t.reserve_ha)},
                     {"unfit_ha", Num(t.unfit_ha)}, {"low_efficiency_ha", Num(t.low_efficiency_ha)},
                     {"pace", Num(t.pace)}, {"projected_ha", Num(t.projected_ha)},
                     {"elapsed_share", Num(t.elapsed_share)},
                     {"g", geo_.Add(Source::kTown, t.town, d_.towns.geom[t.town])}});
    }
    return out;
  }

  json Plots() {
    json out = json::array();
    Unsupplied(out);
    Idle(out);
    Warnings(out);
    DClass(out);
    Reserves(out);
    Unfit(out);
    LowEfficiency(out);
    return out;
  }

  // The enterprise groups (挂钩清单), in rank order.
  json Holders() const {
    json out = json::array();
    for (const auto& g : r_.holders)
      out.push_back({{"rank", g.rank}, {"name", g.group_name}, {"holders", g.holder_names}, {"towns", g.towns},
                     {"supplies_n", g.supplies_n}, {"unused_ha", Num(g.unused_ha)}, {"idle_n", g.idle_n},
                     {"idle_ha", Num(g.idle_ha)}, {"recover_n", g.recover_n}, {"recover_ha", Num(g.recover_ha)},
                     {"fee_wan", Num(g.fee_wan)}, {"warn_n", g.warn_n}});
    return out;
  }

  json& Geoms() { return geo_.geoms(); }
  ReportGeometry& Geo() { return geo_; }
  int Pos(int32_t town) const {
    auto it = pos_.find(town);
    return it == pos_.end() ? -1 : it->second;
  }

 private:
  // The work plan of a listed plot (measure, unit responsible, leader, due date), none without one.
  void AddPlan(json& fields, int32_t plan) const {
    if (plan < 0) return;
    const auto p = static_cast<size_t>(plan);
    auto text = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    fields["measure"] = text(d_.plans.measure[p]);
    fields["responsible"] = text(d_.plans.responsible[p]);
    fields["leader"] = text(d_.plans.leader[p]);
    fields["due_date"] = d_.plans.due_date[p].ToString();
  }

  void Unsupplied(json& out) {
    for (const auto& f : r_.approvals) {
      if (!f.listed) continue;
      const size_t a = f.approval;
      json fields = {{"approval_date", d_.approvals.date[a].ToString()}, {"age_days", f.age_days},
                     {"approved_ha", Num(f.approved_ha)},           {"unsupplied_ha", Num(f.unsupplied_ha)},
                     {"lapse_date", Day(f.lapse_date)}};
      AddPlan(fields, f.plan);
      out.push_back({{"k", f.lapsed ? "lapsed" : "unsupplied"}, {"id", d_.approvals.id[a]}, {"t", Pos(f.town)},
                     {"ha", Num(f.unsupplied_ha)}, {"f", fields}, {"b", f.basis},
                     {"g", geo_.Add(Source::kApproval, a, f.remainder)}});
    }
  }

  void Idle(json& out) {
    for (const auto& f : r_.supplies) {
      if (!IsIdle(f.status)) continue;
      const size_t s = f.supply;
      const char* kind = f.action == IdleAction::kNone ? "idle" : ToString(f.action);
      json fields = {{"supply_date", d_.supplies.date[s].ToString()},
                     {"agreed_start", d_.supplies.agreed_start[s].ToString()},
                     {"holder", d_.supplies.holder[s]},
                     {"parcel_ha", Num(f.parcel_ha)},
                     {"built_ratio", Num(f.built_ratio)},
                     {"status", ToString(f.status)},
                     {"overdue_days", f.overdue_days},
                     {"fee_wan", f.action == IdleAction::kFee ? Num(f.fee_wan) : json(nullptr)},
                     {"idle_from", Day(f.idle_from)},
                     {"recover_from", Day(f.recover_from)},
                     {"idle_cause", d_.supplies.idle_cause[s] == IdleCause::kNone ? json(nullptr)
                                                                                 : json(ToString(d_.supplies.idle_cause[s]))}};
      AddPlan(fields, f.plan);
      out.push_back({{"k", kind}, {"id", d_.supplies.id[s]}, {"t", Pos(f.town)}, {"ha", Num(f.parcel_ha)},
                     {"f", fields}, {"b", f.basis}, {"g", SupplyGeom(s)}});
    }
  }

  void Warnings(json& out) {
    for (const auto& w : r_.warnings) {
      const bool lapse = w.kind == WarningKind::kLapse;
      const ApprovalFinding* a = lapse ? &r_.approvals[w.finding] : nullptr;
      const SupplyFinding* s = lapse ? nullptr : &r_.supplies[w.finding];
      json fields = {{"kind", ToString(w.kind)}, {"event_date", w.event_date.ToString()},
                     {"days_left", w.days_left}, {"area_ha", Num(w.area_ha)}};
      const int g = lapse ? geo_.Add(Source::kApproval, a->approval, a->remainder) : SupplyGeom(s->supply);
      out.push_back({{"k", "warn"}, {"id", lapse ? d_.approvals.id[a->approval] : d_.supplies.id[s->supply]},
                     {"t", Pos(w.town)}, {"ha", Num(w.area_ha)}, {"days", w.days_left}, {"f", fields},
                     {"b", w.basis}, {"g", g}});
    }
  }

  void DClass(json& out) {
    const auto& e = d_.enterprises;
    for (const auto& f : r_.efficiency) {
      if (f.cls != EfficiencyClass::kD) continue;
      const size_t s = e.supply[f.row];
      json fields = {{"enterprise_id", e.id[f.row]}, {"land_mu", Num(f.land_mu)}, {"score", Num(f.score)},
                     {"tax_per_mu", Num(f.indicator[0])}};
      out.push_back({{"k", "dclass"}, {"id", e.supply_id[f.row]}, {"t", Pos(f.town)},
                     {"ha", Num(f.land_mu / kMuPerHectare)}, {"f", fields}, {"b", ""}, {"g", SupplyGeom(s)}});
    }
  }

  void Reserves(json& out) {
    for (const auto& f : r_.reserves) {
      if (!f.listed) continue;
      const size_t r = f.reserve;
      json fields = {{"acquired_date", d_.reserves.acquired_date[r].ToString()}, {"kind", d_.reserves.kind[r]},
                     {"age_days", f.age_days}, {"area_ha", Num(f.reserve_ha)}};
      out.push_back({{"k", "reserve"}, {"id", d_.reserves.id[r]}, {"t", Pos(f.town)}, {"ha", Num(f.unsupplied_ha)},
                     {"f", fields}, {"b", f.basis}, {"g", geo_.Add(Source::kReserve, r, f.remainder)}});
    }
  }

  void Unfit(json& out) {
    for (const auto& f : r_.unfit) {
      const ApprovalFinding& a = r_.approvals[f.finding];
      json fields = {{"approval_date", d_.approvals.date[a.approval].ToString()}, {"kinds", f.kinds},
                     {"unsupplied_ha", Num(a.unsupplied_ha)}, {"constrained_ha", Num(f.constrained_ha)}};
      out.push_back({{"k", "unfit"}, {"id", d_.approvals.id[a.approval]}, {"t", Pos(a.town)},
                     {"ha", Num(f.constrained_ha)}, {"f", fields}, {"b", f.basis},
                     {"g", geo_.Add(Source::kUnfit, a.approval, f.geom)}});
    }
  }

  void LowEfficiency(json& out) {
    for (const auto& f : r_.low_efficiency) {
      const SupplyFinding& s = r_.supplies[f.finding];
      json fields = {{"supply_date", d_.supplies.date[s.supply].ToString()}, {"land_use", d_.supplies.land_use[s.supply]},
                     {"holder", d_.supplies.holder[s.supply]}, {"reason", ToString(f.reason)},
                     {"enterprises_n", f.enterprises_n}, {"tax_per_mu", Num(f.tax_per_mu)}};
      out.push_back({{"k", "lowEff"}, {"id", d_.supplies.id[s.supply]}, {"t", Pos(s.town)}, {"ha", Num(s.parcel_ha)},
                     {"f", fields}, {"b", f.basis}, {"g", SupplyGeom(s.supply)}});
    }
  }

  int SupplyGeom(size_t s) { return geo_.Add(Source::kSupply, s, d_.supplies.geom[s]); }

  const InputData& d_;
  const ScanResult& r_;
  ReportGeometry geo_;
  std::map<int32_t, int> pos_;  // town index -> position in rank order
};

json Timeline(const std::vector<TimelineRow>& rows, const Builder& b, size_t towns) {
  json dates = json::array();
  std::vector<std::array<json, 5>> series(towns, {json::array(), json::array(), json::array(), json::array(), json::array()});
  for (const auto& row : rows) {
    if (dates.empty() || dates.back() != row.as_of.ToString()) dates.push_back(row.as_of.ToString());
    const int p = b.Pos(static_cast<int32_t>(row.town));
    if (p < 0) continue;
    auto& s = series[static_cast<size_t>(p)];
    s[0].push_back(Num(row.unsupplied_ha));
    s[1].push_back(Num(row.idle_ha));
    s[2].push_back(Num(row.revitalized_ha));
    s[3].push_back(Num(row.completion));
    s[4].push_back(Num(row.target_ha));
  }
  json out = {{"dates", dates}, {"towns", json::array()}};
  for (const auto& s : series)
    out["towns"].push_back({{"unsupplied_ha", s[0]}, {"idle_ha", s[1]}, {"revitalized_ha", s[2]}, {"completion", s[3]},
                            {"target_ha", s[4]}});
  return out;
}

json Scenarios(const ReportExtras& x, const Builder& b, size_t towns) {
  json out = {{"names", json::array()}, {"rows", json::array()}, {"towns", json::array()}};
  for (const auto& r : *x.scenarios) {
    out["names"].push_back(r.scenario.name);
    json quota(towns, nullptr), demand(towns, nullptr);
    for (const auto& t : r.towns)
      if (int p = b.Pos(t.town); p >= 0) {
        quota[static_cast<size_t>(p)] = Num(t.quota_ha);
        demand[static_cast<size_t>(p)] = Num(t.demand_ha);
      }
    out["towns"].push_back({{"quota_ha", quota}, {"demand_ha", demand}});
  }
  if (x.comparison)
    for (const auto& row : *x.comparison) {
      json values = json::array();
      for (const auto& v : row.values) values.push_back(Num(v));
      out["rows"].push_back({{"figure", row.figure}, {"unit", row.unit}, {"meaning", row.meaning}, {"values", values}});
    }
  return out;
}

// A review's tables as {name: {columns: [...], rows: [[...]]}}, without geometry.
json Review(const ReportExtras::Review& r) {
  json tables = json::object();
  for (const Table& t : *r.tables) {
    json columns = json::array(), rows = json::array();
    for (const auto& c : t.columns) columns.push_back(c.name);
    for (const auto& row : t.rows) {
      json cells = json::array();
      for (const Cell& c : row) {
        if (auto* s = std::get_if<std::string>(&c)) cells.push_back(*s);
        else if (auto* i = std::get_if<int64_t>(&c)) cells.push_back(*i);
        else if (auto* v = std::get_if<double>(&c)) cells.push_back(Num(*v));
        else if (auto* d = std::get_if<Date>(&c)) cells.push_back(d->ToString());
        else cells.push_back(nullptr);
      }
      rows.push_back(cells);
    }
    tables[t.name] = {{"columns", columns}, {"rows", rows}};
  }
  return {{"label", r.label}, {"document", r.document}, {"start", r.start}, {"end", r.end},
          {"summary", r.summary}, {"tables", tables}};
}

// The opening paragraph of the report, as a bulletin (通报) words it.
std::string Summary(const County& county, const ScanResult& r, const std::string& county_name) {
  const InputData& d = county.data();
  const CountyFigures c = FiguresOf(r);
  std::array<int64_t, 4> by_action{};
  int64_t undetermined_cause = 0;
  for (const auto& f : r.supplies) {
    if (!IsIdle(f.status)) continue;
    ++by_action[static_cast<size_t>(f.action)];
    undetermined_cause += d.supplies.idle_cause[f.supply] == IdleCause::kNone;
  }
  int y = 0, m = 0, day = 0;
  r.params.as_of.ToYmd(y, m, day);
  const std::string whole = WholeCounty(county_name);
  auto ha = [](double v) { return Fixed(v, 2) + "公顷（" + Fixed(v * kMuPerHectare, 1) + "亩）"; };
  std::string s = "截至" + std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(day) + "日，" + whole +
                  "批而未供土地" + std::to_string(r.counts.approvals_listed) + "宗、" + ha(c.unsupplied_ha);
  if (c.lapsed_n) s += "，其中批准已满期失效" + std::to_string(c.lapsed_n) + "宗";
  s += "；闲置土地" + std::to_string(r.counts.idle) + "宗、" + ha(c.idle_ha);
  if (r.counts.idle)
    s += "，按认定规则建议无偿收回" + std::to_string(by_action[1]) + "宗、征收闲置费" + std::to_string(by_action[2]) +
         "宗、协商处置" + std::to_string(by_action[3]) + "宗，其中闲置原因待认定" + std::to_string(undetermined_cause) + "宗";
  s += "。";
  if (auto done = c.Completion()) {
    s += whole + "年度盘活目标任务" + Fixed(c.target_ha, 2) + "公顷，已完成" + Fixed(c.targeted_revitalized_ha, 2) +
         "公顷，完成率" + Fixed(100.0 * *done, 1) + "%，时序进度" + Fixed(100.0 * c.elapsed_share, 1) + "%";
    s += c.towns_behind ? "，" + std::to_string(c.towns_behind) + "个镇街落后于时序进度。" : "，各镇街均达到时序进度。";
  } else {
    s += whole + "年内已盘活" + ha(c.revitalized_ha) + "。";
  }
  if (r.counts.warnings)
    s += "今后" + std::to_string(r.params.warn_days) + "日内将有" + std::to_string(r.counts.warnings) +
         "宗地块到期（批准失效、闲置认定或无偿收回），请各镇街抓紧处置。";
  return s;
}

// The report's river: its lines and its polygons, for the maps.
json River(const InputData& d, ReportGeometry& geo) {
  json out = json::array();
  for (size_t i = 0; i < d.river.size(); ++i) {
    if (!d.river.lines[i].empty()) out.push_back({{"line", true}, {"g", geo.AddLines(d.river.lines[i])}});
    if (!d.river.polygons[i].empty())
      out.push_back({{"line", false}, {"g", geo.Add(ReportGeometry::Source::kRiver, i, d.river.polygons[i])}});
  }
  return out;
}

json Titles() {
  json out = json::object();
  for (const auto& [field, title] : FieldTitles()) out[field] = title;
  out["reserve_ha"] = FieldTitle("towns", "reserve_ha");  // the report shows it for towns only
  return out;
}

}  // namespace

Result<json> ReportPayload(const County& county, const ScanResult& scan, const ReportExtras& extras,
                           const ReportOptions& options) {
  Builder b(county, scan, options);
  if (!b.ok()) return Status::Error("cannot transform the working CRS to WGS 84 for the report");
  json p;
  p["meta"] = {{"command", options.command},
               {"lang", options.lang},
               {"as_of", scan.params.as_of.ToString()},
               {"input", MaskPassword(options.input)},
               {"tiles", options.tiles},
               {"warn_days", scan.params.warn_days},
               {"stock_share_floor", scan.params.stock_share_floor},
               {"supply_rate_floor", scan.params.supply_rate_floor},
               {"efficiency_year", scan.efficiency_year},
               {"approvals_listed", scan.counts.approvals_listed},
               {"approvals_lapsed", scan.counts.approvals_lapsed},
               {"supplies_idle", scan.counts.idle},
               {"warnings", scan.counts.warnings},
               {"undetermined", scan.undetermined.size()},
               {"reserves_present", scan.reserves_present},
               {"constraints_present", scan.constraints_present},
               {"efficiency_known", scan.efficiency_known}};
  const CountyName named = CountyOf(county.data());
  const std::string county_name = options.county.empty() ? named.name : options.county;
  p["meta"]["county_name"] = county_name;
  p["meta"]["county_code"] = named.code;
  p["meta"]["issuer"] = options.issuer;
  p["meta"]["doc_no"] = options.doc_no;
  p["meta"]["version"] = PANHUO_VERSION;
  p["meta"]["summary"] = options.lang == "en" ? std::string() : Summary(county, scan, county_name);
  p["titles"] = options.lang == "en" ? json::object() : Titles();
  p["labels"] = options.lang == "en" ? json::object() : json(CodeLabelTable());
  p["towns"] = b.Towns();
  p["plots"] = b.Plots();
  p["holders"] = b.Holders();
  if (extras.timeline) p["timeline"] = Timeline(*extras.timeline, b, scan.towns.size());
  if (extras.scenarios) p["scenarios"] = Scenarios(extras, b, scan.towns.size());
  p["figures"] = json::object();  // the comparison's figures by their Chinese names
  if (extras.comparison && options.lang != "en")
    for (const auto& row : *extras.comparison) p["figures"][row.figure] = CodeLabel("comparison", "figure", row.figure);
  if (extras.review) p["review"] = Review(*extras.review);
  p["river"] = River(county.data(), b.Geo());
  p["geoms"] = std::move(b.Geoms());
  return p;
}

}  // namespace panhuo::detail
