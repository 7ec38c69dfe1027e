#include "panhuo/scan/timeline.hpp"

#include <algorithm>

#include "phases.hpp"

namespace panhuo {

std::vector<Date> MonthEnds(int y0, int m0, int y1, int m1) {
  std::vector<Date> out;
  for (int y = y0, m = m0; y < y1 || (y == y1 && m <= m1);) {
    out.push_back(Date::FromYmd(y, m, DaysInMonth(y, m)));
    if (++m == 13) {
      m = 1;
      ++y;
    }
  }
  return out;
}

Result<std::vector<TimelineRow>> Timeline(const County& county, const ScanParams& base,
                                          const std::vector<Date>& dates, ProgressFn progress,
                                          void* progress_user) {
  std::vector<TimelineRow> rows;
  std::optional<ScanResult> previous;
  for (size_t i = 0; i < dates.size(); ++i) {
    if (progress && !progress(static_cast<double>(i) / dates.size(), dates[i].ToString().c_str(), progress_user))
      return Status::Error("cancelled");
    ScanParams p = base;
    p.as_of = dates[i];
    // each month reuses the overlays of the month before where nothing was dated in between
    auto r = Scan(county, p, nullptr, nullptr, previous ? &*previous : nullptr);
    if (!r.ok()) return r.status();
    std::vector<TimelineRow> month;
    for (const auto& t : r->towns) {
      TimelineRow row{dates[i], t.town, t.unsupplied_ha, t.idle_ha, t.revitalized_ha, t.target_ha, t.completion,
                     t.undetermined};
      row.warn_lapse_n = t.warn_lapse_n;
      row.warn_lapse_ha = t.warn_lapse_ha;
      row.warn_idle_n = t.warn_idle_n;
      row.warn_idle_ha = t.warn_idle_ha;
      row.warn_recover_n = t.warn_recover_n;
      row.warn_recover_ha = t.warn_recover_ha;
      row.reserve_ha = t.reserve_ha;
      row.low_efficiency_ha = t.low_efficiency_ha;
      month.push_back(row);
    }
    const auto& codes = county.data().towns.code;
    std::sort(month.begin(), month.end(),
              [&](const TimelineRow& a, const TimelineRow& b) { return codes[a.town] < codes[b.town]; });
    rows.insert(rows.end(), month.begin(), month.end());
    previous = std::move(*r);
  }
  if (progress) progress(1.0, "done", progress_user);
  return rows;
}

Result<ScanPair> ScanBoth(const County& county, const ScanParams& base, Date from, Date to) {
  if (to < from) return Status::Error("--to " + to.ToString() + " is before --from " + from.ToString());
  ScanParams p0 = base, p1 = base;
  p0.as_of = from;
  p1.as_of = to;
  auto r0 = Scan(county, p0);
  if (!r0.ok()) return r0.status();
  auto r1 = Scan(county, p1);
  if (!r1.ok()) return r1.status();
  return ScanPair{std::move(*r0), std::move(*r1)};
}

}  // namespace panhuo
