// The monthly bulletin's table of this month against last.
#include "panhuo/tables/timeline_change.hpp"
#include "panhuo/tables/output_schema.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace panhuo {
namespace {

// The figures of one row of the table at one month end.
struct Figures {
  double unsupplied_ha = 0, idle_ha = 0, revitalized_ha = 0;
  double target_ha = 0, targeted_revitalized_ha = 0;  // over the rows with a target
  std::optional<double> completion;
  void Add(const TimelineRow& r) {
    unsupplied_ha += r.unsupplied_ha;
    idle_ha += r.idle_ha;
    revitalized_ha += r.revitalized_ha;
    if (r.target_ha) target_ha += *r.target_ha, targeted_revitalized_ha += r.revitalized_ha;
  }
};

Cell Opt(const std::optional<double>& v) { return v ? RealCell(*v) : Cell{}; }
Cell Change(double now, const std::optional<Figures>& before, double Figures::*field) {
  return before ? RealCell(now - (*before).*field) : Cell{};
}

}  // namespace

Table TimelineChangeTable(const County& county, const std::vector<TimelineRow>& rows, const std::string& lang) {
  Table t = NewTable("timeline_change");
  if (rows.empty()) return t;
  const Date last = rows.back().as_of;
  std::optional<Date> prev;
  for (const auto& r : rows)
    if (r.as_of < last && (!prev || *prev < r.as_of)) prev = r.as_of;
  std::map<uint32_t, const TimelineRow*> now, before;
  for (const auto& r : rows) {
    if (r.as_of == last) now[r.town] = &r;
    if (prev && r.as_of == *prev) before[r.town] = &r;
  }
  std::vector<const TimelineRow*> order;
  for (const auto& [town, r] : now) order.push_back(r);
  const InputData& d = county.data();
  std::stable_sort(order.begin(), order.end(), [&](const TimelineRow* a, const TimelineRow* b) {
    if (a->completion.has_value() != b->completion.has_value()) return a->completion.has_value();
    if (a->completion && *a->completion != *b->completion) return *a->completion > *b->completion;
    return d.towns.code[a->town] < d.towns.code[b->town];
  });
  Figures county_now;
  std::optional<Figures> county_before;
  if (prev) county_before = Figures{};
  auto row = [&](Cell rank, Cell code, Cell name, const Figures& x, const std::optional<Figures>& y) {
    const std::optional<double> done_y = y ? y->completion : std::nullopt;
    t.rows.push_back({rank, code, name, last, prev ? Cell{*prev} : Cell{}, RealCell(x.unsupplied_ha),
                      y ? RealCell(y->unsupplied_ha) : Cell{}, Change(x.unsupplied_ha, y, &Figures::unsupplied_ha),
                      RealCell(x.idle_ha), y ? RealCell(y->idle_ha) : Cell{}, Change(x.idle_ha, y, &Figures::idle_ha),
                      RealCell(x.revitalized_ha), y ? RealCell(y->revitalized_ha) : Cell{},
                      Change(x.revitalized_ha, y, &Figures::revitalized_ha), Opt(x.completion), Opt(done_y),
                      x.completion && done_y ? RealCell(*x.completion - *done_y) : Cell{}});
  };
  int64_t rank = 0;
  for (const TimelineRow* r : order) {
    Figures x;
    x.Add(*r);
    x.completion = r->completion;
    county_now.Add(*r);
    std::optional<Figures> y;
    if (auto it = before.find(r->town); it != before.end()) {
      y = Figures{};
      y->Add(*it->second);
      y->completion = it->second->completion;
      county_before->Add(*it->second);
    }
    row(++rank, d.towns.code[r->town], d.towns.name[r->town], x, y);
  }
  for (Figures* f : {&county_now, county_before ? &*county_before : nullptr})
    if (f && f->target_ha > 0) f->completion = f->targeted_revitalized_ha / f->target_ha;
  row(Cell{}, Cell{}, std::string(lang == "en" ? "county" : "全县合计"), county_now, county_before);
  return t;
}

}  // namespace panhuo
