// The tables of a review and its summary paragraph.
#include "panhuo/tables/review_tables.hpp"
#include "panhuo/tables/output_schema.hpp"

#include "panhuo/core/text.hpp"
#include "panhuo/tables/code_labels.hpp"
#include "panhuo/tables/county_figures.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

namespace panhuo {
namespace {


Cell Opt(const std::optional<double>& v) { return v ? RealCell(*v) : Cell{}; }
Cell Text(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }
Cell Flag(bool b) { return int64_t{b ? 1 : 0}; }

bool Zh(const std::string& lang) { return lang != "en"; }

Table SummaryTable(const ReviewResult& rv, const std::string& summary, const std::string& lang) {
  Table t = NewTable("review");
  t.rows.push_back({rv.period.Label(lang), rv.period.DocumentName(lang), rv.period.start, rv.period.end, summary});
  return t;
}

Table CountyTable(const ReviewResult& rv, const std::string& lang) {
  const CountyFigures a = FiguresOf(rv.start), b = FiguresOf(rv.end);
  Table t = NewTable("review_county");
  const bool zh = Zh(lang);
  auto row = [&](const char* figure, const char* zh_meaning, const char* en_meaning, const char* unit,
                 std::optional<double> x, std::optional<double> y, bool change = true) {
    Cell delta = change && x && y ? RealCell(*y - *x) : Cell{};
    t.rows.push_back({std::string(figure), std::string(zh ? zh_meaning : en_meaning), std::string(unit), Opt(x),
                      Opt(y), delta});
  };
  auto n = [](std::optional<int64_t> v) { return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt; };
  // revitalized hectares count from 1 January: the eve of a period starting 1 January is last year's
  const bool from_jan1 = rv.period.start == Date::FromYmd(rv.period.year, 1, 1);
  row("unsupplied_ha", "批而未供土地面积", "approved but unsupplied", "ha", a.unsupplied_ha, b.unsupplied_ha);
  row("unsupplied_n", "批而未供地块数", "approvals listed unsupplied", "count", double(a.listed_n), double(b.listed_n));
  row("idle_ha", "闲置土地面积", "idle land", "ha", a.idle_ha, b.idle_ha);
  row("idle_n", "闲置宗地数", "idle parcels", "count", double(a.idle_n), double(b.idle_n));
  row("revitalized_ha", "年度累计盘活面积", "revitalized since 1 January", "ha",
      from_jan1 ? std::optional<double>() : a.revitalized_ha, b.revitalized_ha);
  row("target_ha", "年度目标任务", "the year's target", "ha", from_jan1 ? std::optional<double>() : a.target_ha,
      b.target_ha, false);
  row("completion", "年度目标完成率", "completion of the year's target", "ratio",
      from_jan1 ? std::nullopt : a.Completion(), b.Completion());
  row("elapsed_share", "时序进度", "share of the year elapsed", "ratio",
      from_jan1 ? std::optional<double>() : a.elapsed_share, b.elapsed_share, false);
  row("pace", "进度比（完成率/时序进度）", "completion over elapsed share", "ratio",
      from_jan1 ? std::nullopt : a.Pace(), b.Pace());
  row("reserve_ha", "收购储备未供面积", "reserves not yet supplied", "ha", a.reserve_ha, b.reserve_ha);
  row("low_efficiency_ha", "低效用地面积", "low-efficiency land", "ha", a.low_efficiency_ha, b.low_efficiency_ha);
  row("plans_overdue_n", "逾期工作方案数", "work plans overdue", "count", n(a.plans_overdue_n), n(b.plans_overdue_n));
  return t;
}

Table TownsTable(const County& county, const ReviewResult& rv) {
  const InputData& d = county.data();
  Table t = NewTable("review_towns");
  auto count = [](std::optional<int32_t> v) { return v ? Cell{int64_t{*v}} : Cell{}; };
  for (const auto& row : rv.towns) {
    const TownFinding& e = row.end;
    const double u0 = row.start ? row.start->unsupplied_ha : 0.0, i0 = row.start ? row.start->idle_ha : 0.0;
    t.rows.push_back({int64_t{e.rank}, d.towns.code[row.town], d.towns.name[row.town], RealCell(u0),
                      RealCell(e.unsupplied_ha), RealCell(e.unsupplied_ha - u0), RealCell(i0), RealCell(e.idle_ha),
                      RealCell(e.idle_ha - i0), RealCell(row.revitalized_period_ha), RealCell(e.revitalized_ha),
                      Opt(e.target_ha), Opt(e.completion), RealCell(e.elapsed_share), Opt(e.pace),
                      RealCell(e.projected_ha), Opt(row.projected_completion),
                      row.behind ? Flag(*row.behind) : Cell{}, int64_t{row.plans_due_n}, count(e.plans_overdue_n),
                      count(e.no_plan_n), int64_t{row.hard_n}});
  }
  return t;
}

std::string TownCode(const InputData& d, int32_t town) {
  return town < 0 ? std::string() : d.towns.code[static_cast<size_t>(town)];
}
std::string TownName(const InputData& d, int32_t town) {
  return town < 0 ? std::string() : d.towns.name[static_cast<size_t>(town)];
}

Table PlansTable(const County& county, const ReviewResult& rv) {
  const InputData& d = county.data();
  Table t = NewTable("review_plans");
  for (uint32_t i : rv.plans) {
    const PlanFinding& pf = rv.end.plans[i];
    const size_t p = pf.plan;
    const Date due = d.plans.due_date[p];
    t.rows.push_back({d.plans.feature_id[p], std::string(pf.layer == 0 ? "approvals" : "supplies"),
                      Text(TownCode(d, pf.town)), Text(TownName(d, pf.town)), Text(d.plans.measure[p]),
                      Text(d.plans.responsible[p]), Text(d.plans.leader[p]), due,
                      Flag(rv.period.start <= due && due <= rv.period.end), std::string(ToString(pf.status)),
                      pf.days_left ? Cell{int64_t{*pf.days_left}} : Cell{}, Opt(pf.area_ha)});
  }
  return t;
}

Table HardTable(const County& county, const ReviewResult& rv) {
  const InputData& d = county.data();
  Table t = NewTable("hard_plots");
  for (const auto& h : rv.hard) {
    const std::string& id = h.idle ? d.supplies.id[rv.end.supplies[h.finding].supply]
                                   : d.approvals.id[rv.end.approvals[h.finding].approval];
    std::vector<Cell> row = {id, std::string(h.idle ? "idle" : "unsupplied"), Text(TownCode(d, h.town)),
                             Text(TownName(d, h.town)), RealCell(h.area_ha), h.listed_since,
                             int64_t{h.listed_days}, Flag(h.longest), Flag(h.largest), Flag(h.plan_overdue)};
    if (h.plan >= 0) {
      const auto p = static_cast<size_t>(h.plan);
      for (Cell c : {Text(d.plans.measure[p]), Text(d.plans.responsible[p]), Text(d.plans.leader[p])}) row.push_back(c);
      row.push_back(d.plans.due_date[p]);
    } else {
      row.insert(row.end(), 4, Cell{});
    }
    t.rows.push_back(std::move(row));
    t.geometry.push_back(h.idle ? d.supplies.geom[rv.end.supplies[h.finding].supply]
                                : rv.end.approvals[h.finding].remainder);
  }
  return t;
}

std::string Ha(double v) { return Fixed(v, 2); }
std::string Mu(double v) { return Fixed(v * kMuPerHectare, 1); }
std::string Pct(double v) { return Fixed(100.0 * v, 1); }

std::string ZhSummary(const County& county, const ReviewResult& rv, const ReviewChanges& ch, const std::string& whole) {
  const CountyFigures a = FiguresOf(rv.start), b = FiguresOf(rv.end);
  const InputData& d = county.data();
  std::string s = rv.period.Label("zh") + "（" + rv.period.start.ToString() + "至" + rv.period.end.ToString() + "），";
  auto change = [](double x, double y) {
    const double delta = y - x;
    if (std::fabs(delta) < 0.005) return std::string("与期初持平");
    return std::string(delta < 0 ? "减少" : "增加") + Ha(std::fabs(delta)) + "公顷（" + Mu(std::fabs(delta)) + "亩）";
  };
  s += whole + "批而未供土地由期初" + Ha(a.unsupplied_ha) + "公顷变为期末" + Ha(b.unsupplied_ha) + "公顷，" +
       change(a.unsupplied_ha, b.unsupplied_ha) + "；闲置土地由" + Ha(a.idle_ha) + "公顷变为" + Ha(b.idle_ha) +
       "公顷，" + change(a.idle_ha, b.idle_ha) + "。";
  s += "本期新增供地" + std::to_string(ch.newly_supplied_n) + "宗、" + Ha(ch.newly_supplied_ha) + "公顷，处置闲置土地" +
       std::to_string(ch.idle_resolved_n) + "宗、" + Ha(ch.idle_resolved_ha) + "公顷，新增闲置土地" +
       std::to_string(ch.newly_idle_n) + "宗、" + Ha(ch.newly_idle_ha) + "公顷，批准满期失效" +
       std::to_string(ch.newly_lapsed_n) + "宗。";
  s += "截至" + rv.period.end.ToString() + "，" + whole + "年内已盘活" + Ha(b.revitalized_ha) + "公顷（" + Mu(b.revitalized_ha) + "亩）";
  if (auto c = b.Completion()) {
    s += "，完成年度目标任务" + Ha(b.target_ha) + "公顷的" + Pct(*c) + "%，时序进度" + Pct(b.elapsed_share) + "%";
    s += *c + 1e-12 >= b.elapsed_share ? "，总体达到时序进度" : "，总体落后于时序进度";
    s += "，按当前进度预计全年完成" + Pct(*b.Pace()) + "%";
  }
  s += "。";
  std::vector<std::string> behind;
  for (const auto& t : rv.towns)
    if (t.behind && *t.behind) behind.push_back(d.towns.name[t.town]);
  if (!behind.empty()) {
    s += "落后于时序进度的镇街有" + std::to_string(behind.size()) + "个：";
    for (size_t i = 0; i < behind.size(); ++i) s += (i ? "、" : "") + behind[i];
    s += "，请加快推进。";
  } else if (b.Completion()) {
    s += "有目标任务的镇街均达到时序进度。";
  }
  if (rv.end.plans_present) {
    int64_t due = 0, overdue = 0;
    for (uint32_t i : rv.plans) {
      const PlanFinding& pf = rv.end.plans[i];
      const Date when = d.plans.due_date[pf.plan];
      due += rv.period.start <= when && when <= rv.period.end;
      overdue += pf.status == PlanStatus::kOverdue;
    }
    s += "本期到期工作方案" + std::to_string(due) + "个，期末逾期未完成" + std::to_string(overdue) + "个。";
  }
  if (!rv.hard.empty()) {
    double ha = 0;
    for (const auto& h : rv.hard) ha += h.area_ha;
    s += "列入重点难点地块" + std::to_string(rv.hard.size()) + "宗、" + Ha(ha) + "公顷，请相关镇街逐宗集中攻坚。";
  }
  return s;
}

std::string EnSummary(const County& county, const ReviewResult& rv, const ReviewChanges& ch) {
  const CountyFigures a = FiguresOf(rv.start), b = FiguresOf(rv.end);
  const InputData& d = county.data();
  std::string s = rv.period.Label("en") + " (" + rv.period.start.ToString() + " to " + rv.period.end.ToString() +
                  "): approved but unsupplied land went from " + Ha(a.unsupplied_ha) + " ha to " + Ha(b.unsupplied_ha) +
                  " ha, idle land from " + Ha(a.idle_ha) + " ha to " + Ha(b.idle_ha) + " ha. In the period " +
                  std::to_string(ch.newly_supplied_n) + " approvals were supplied (" + Ha(ch.newly_supplied_ha) +
                  " ha), " + std::to_string(ch.idle_resolved_n) + " idle parcels resolved, " +
                  std::to_string(ch.newly_idle_n) + " became idle and " + std::to_string(ch.newly_lapsed_n) +
                  " approvals lapsed. ";
  s += "By " + rv.period.end.ToString() + " the county revitalized " + Ha(b.revitalized_ha) + " ha";
  if (auto c = b.Completion())
    s += ", " + Pct(*c) + " % of its target of " + Ha(b.target_ha) + " ha against " + Pct(b.elapsed_share) +
         " % of the year elapsed; at this pace it ends the year at " + Pct(*b.Pace()) + " %";
  s += ".";
  std::vector<std::string> behind;
  for (const auto& t : rv.towns)
    if (t.behind && *t.behind) behind.push_back(d.towns.name[t.town]);
  if (!behind.empty()) {
    s += " Behind their pace: ";
    for (size_t i = 0; i < behind.size(); ++i) s += (i ? ", " : "") + behind[i];
    s += ".";
  }
  if (!rv.hard.empty()) s += " " + std::to_string(rv.hard.size()) + " hard plots are listed.";
  return s;
}

}  // namespace

ReviewChanges CountChanges(const std::vector<Table>& tables) {
  ReviewChanges c;
  auto sum = [](const Table& t, const std::string& field) {
    double s = 0;
    for (size_t k = 0; k < t.columns.size(); ++k)
      if (t.columns[k].name == field)
        for (const auto& r : t.rows)
          if (auto* v = std::get_if<double>(&r[k])) s += *v;
    return s;
  };
  for (const auto& t : tables) {
    const auto n = static_cast<int64_t>(t.rows.size());
    if (t.name == "newly_supplied") c.newly_supplied_n = n, c.newly_supplied_ha = sum(t, "newly_supplied_ha");
    if (t.name == "idle_resolved") c.idle_resolved_n = n, c.idle_resolved_ha = sum(t, "parcel_ha");
    if (t.name == "newly_idle") c.newly_idle_n = n, c.newly_idle_ha = sum(t, "parcel_ha");
    if (t.name == "newly_lapsed") c.newly_lapsed_n = n;
  }
  return c;
}

std::vector<Table> ReviewTables(const County& county, const ReviewResult& review, const ReviewChanges& changes,
                                const std::string& lang, const std::string& county_name) {
  return {SummaryTable(review, ReviewSummary(county, review, changes, lang, county_name), lang), CountyTable(review, lang),
          TownsTable(county, review), PlansTable(county, review), HardTable(county, review)};
}

std::string ReviewSummary(const County& county, const ReviewResult& review, const ReviewChanges& changes,
                          const std::string& lang, const std::string& county_name) {
  return Zh(lang) ? ZhSummary(county, review, changes, detail::WholeCounty(county_name)) : EnSummary(county, review, changes);
}

}  // namespace panhuo
