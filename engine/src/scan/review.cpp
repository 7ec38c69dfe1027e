// The reviews of the year's work: the period, the two scans it is measured between, the towns'
// pace, the plans due in it and the hard plots.
#include "panhuo/scan/review.hpp"

#include <algorithm>
#include <regex>
#include <string>

namespace panhuo {
namespace {

const char* const kZhQuarter[] = {"", "一", "二", "三", "四"};

std::string Trimmed(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ' && c != '\t') s += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

int QuarterOf(const std::string& digit) {
  for (int q = 1; q <= 4; ++q)
    if (digit == kZhQuarter[q] || digit == std::to_string(q)) return q;
  return 0;
}

ReviewPeriod Make(ReviewPeriod::Kind kind, int year, int index) {
  ReviewPeriod p;
  p.kind = kind;
  p.year = year;
  p.index = index;
  const int first_month = kind == ReviewPeriod::Kind::kQuarter ? 3 * index - 2
                          : kind == ReviewPeriod::Kind::kHalf  ? 6 * index - 5
                                                               : 1;
  const int months = kind == ReviewPeriod::Kind::kQuarter ? 3 : kind == ReviewPeriod::Kind::kHalf ? 6 : 12;
  const int last_month = first_month + months - 1;
  p.start = Date::FromYmd(year, first_month, 1);
  p.end = Date::FromYmd(year, last_month, DaysInMonth(year, last_month));
  return p;
}

// The reasons a hard plot is on the list, for ordering.
int Reasons(const HardPlot& h) { return int{h.longest} + int{h.largest} + int{h.plan_overdue}; }

std::vector<HardPlot> ListedPlots(const County& county, const ScanResult& r) {
  const InputData& d = county.data();
  const Date end = r.params.as_of;
  std::vector<HardPlot> out;
  for (uint32_t i = 0; i < r.approvals.size(); ++i) {
    const ApprovalFinding& f = r.approvals[i];
    if (!f.listed) continue;
    HardPlot h;
    h.finding = i;
    h.town = f.town;
    h.area_ha = f.unsupplied_ha;
    h.listed_since = d.approvals.date[f.approval];
    h.plan = f.plan;
    out.push_back(h);
  }
  for (uint32_t i = 0; i < r.supplies.size(); ++i) {
    const SupplyFinding& f = r.supplies[i];
    if (!IsIdle(f.status) || !f.undetermined.empty()) continue;
    HardPlot h;
    h.idle = true;
    h.finding = i;
    h.town = f.town;
    h.area_ha = f.parcel_ha;
    h.listed_since = f.idle_from ? *f.idle_from : d.supplies.date[f.supply];
    h.plan = f.plan;
    out.push_back(h);
  }
  for (auto& h : out) {
    h.listed_days = DaysBetween(h.listed_since, end);
    h.plan_overdue = h.plan >= 0 && d.plans.due_date[static_cast<size_t>(h.plan)] < end;
  }
  return out;
}

const std::string& IdOf(const County& county, const ScanResult& r, const HardPlot& h) {
  const InputData& d = county.data();
  return h.idle ? d.supplies.id[r.supplies[h.finding].supply] : d.approvals.id[r.approvals[h.finding].approval];
}

// The hard plots: the hard_n listed longest, the hard_n largest, and every one whose plan is
// overdue. Ties are broken by feature id, so that the list is the same on every run.
std::vector<HardPlot> HardPlots(const County& county, const ScanResult& r, int hard_n) {
  std::vector<HardPlot> all = ListedPlots(county, r);
  auto id_less = [&](const HardPlot& a, const HardPlot& b) {
    const std::string &x = IdOf(county, r, a), &y = IdOf(county, r, b);
    return x != y ? x < y : a.idle < b.idle;
  };
  const size_t n = std::min(all.size(), static_cast<size_t>(std::max(hard_n, 0)));
  std::sort(all.begin(), all.end(), [&](const HardPlot& a, const HardPlot& b) {
    return a.listed_days != b.listed_days ? a.listed_days > b.listed_days : id_less(a, b);
  });
  for (size_t i = 0; i < n; ++i) all[i].longest = true;
  std::sort(all.begin(), all.end(), [&](const HardPlot& a, const HardPlot& b) {
    return a.area_ha != b.area_ha ? a.area_ha > b.area_ha : id_less(a, b);
  });
  for (size_t i = 0; i < n; ++i) all[i].largest = true;
  std::vector<HardPlot> hard;
  for (const auto& h : all)
    if (Reasons(h) > 0) hard.push_back(h);
  std::sort(hard.begin(), hard.end(), [&](const HardPlot& a, const HardPlot& b) {
    if (Reasons(a) != Reasons(b)) return Reasons(a) > Reasons(b);
    if (a.listed_days != b.listed_days) return a.listed_days > b.listed_days;
    if (a.area_ha != b.area_ha) return a.area_ha > b.area_ha;
    return id_less(a, b);
  });
  return hard;
}

std::vector<uint32_t> PlansOfPeriod(const County& county, const ScanResult& r, const ReviewPeriod& p) {
  const InputData& d = county.data();
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < r.plans.size(); ++i) {
    const PlanFinding& pf = r.plans[i];
    if (pf.layer < 0) continue;  // names no feature: listed in plan_status
    const Date due = d.plans.due_date[pf.plan];
    if ((p.start <= due && due <= p.end) || pf.status == PlanStatus::kOverdue) out.push_back(i);
  }
  std::sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    const size_t x = r.plans[a].plan, y = r.plans[b].plan;
    if (d.plans.due_date[x] != d.plans.due_date[y]) return d.plans.due_date[x] < d.plans.due_date[y];
    if (d.plans.feature_id[x] != d.plans.feature_id[y]) return d.plans.feature_id[x] < d.plans.feature_id[y];
    return x < y;
  });
  return out;
}

std::vector<ReviewTown> Towns(const County& county, const ReviewResult& rv) {
  const InputData& d = county.data();
  std::vector<const TownFinding*> at_start(d.towns.size(), nullptr);
  for (const auto& t : rv.start.towns) at_start[t.town] = &t;
  const bool from_jan1 = rv.period.start == Date::FromYmd(rv.period.year, 1, 1);
  std::vector<ReviewTown> out;
  for (const auto& t : rv.end.towns) {
    ReviewTown row;
    row.town = t.town;
    row.end = t;
    if (at_start[t.town]) row.start = *at_start[t.town];
    row.revitalized_period_ha = t.revitalized_ha - (from_jan1 || !row.start ? 0.0 : row.start->revitalized_ha);
    if (t.target_ha && *t.target_ha > 0) row.projected_completion = t.projected_ha / *t.target_ha;
    if (t.pace) row.behind = *t.pace < 1.0;
    out.push_back(row);
  }
  std::vector<size_t> pos(d.towns.size(), out.size());
  for (size_t i = 0; i < out.size(); ++i) pos[out[i].town] = i;
  for (uint32_t i : rv.plans) {
    const PlanFinding& pf = rv.end.plans[i];
    const Date due = d.plans.due_date[pf.plan];
    if (pf.town >= 0 && rv.period.start <= due && due <= rv.period.end && pos[pf.town] < out.size())
      ++out[pos[pf.town]].plans_due_n;
  }
  for (const auto& h : rv.hard)
    if (h.town >= 0 && pos[h.town] < out.size()) ++out[pos[h.town]].hard_n;
  return out;
}

}  // namespace

std::string ReviewPeriod::Label(const std::string& lang) const {
  const std::string y = std::to_string(year);
  if (lang == "en") {
    if (kind == Kind::kQuarter) return y + " Q" + std::to_string(index);
    if (kind == Kind::kHalf) return y + " H" + std::to_string(index);
    return y;
  }
  if (kind == Kind::kQuarter) return y + "年第" + kZhQuarter[index] + "季度";
  if (kind == Kind::kHalf) return y + (index == 1 ? "年上半年" : "年下半年");
  return y + "年度";
}

std::string ReviewPeriod::DocumentName(const std::string& lang) const {
  if (lang == "en")
    return kind == Kind::kQuarter ? "quarterly analysis" : kind == Kind::kHalf ? "half-year summary" : "annual assessment";
  return kind == Kind::kQuarter ? "季度分析" : kind == Kind::kHalf ? "半年小结" : "全年考核";
}

Result<ReviewPeriod> ParsePeriod(std::string_view text) {
  const std::string s = Trimmed(text);
  static const std::regex year_only(R"(^(\d{4})(年|年度|年全年)?$)");
  static const std::regex quarter(R"(^(\d{4})-?q([1-4])$)");
  static const std::regex half(R"(^(\d{4})-?h([12])$)");
  static const std::regex zh_quarter("^(\\d{4})年(?:第)?(一|二|三|四|[1-4])(?:季度|季)$");
  static const std::regex zh_half("^(\\d{4})年(上|下)半年$");
  std::smatch m;
  ReviewPeriod::Kind kind;
  int index = 0;
  if (std::regex_match(s, m, year_only)) {
    kind = ReviewPeriod::Kind::kYear;
  } else if (std::regex_match(s, m, quarter)) {
    kind = ReviewPeriod::Kind::kQuarter;
    index = std::stoi(m[2]);
  } else if (std::regex_match(s, m, half)) {
    kind = ReviewPeriod::Kind::kHalf;
    index = std::stoi(m[2]);
  } else if (std::regex_match(s, m, zh_quarter)) {
    kind = ReviewPeriod::Kind::kQuarter;
    index = QuarterOf(m[2]);
  } else if (std::regex_match(s, m, zh_half)) {
    kind = ReviewPeriod::Kind::kHalf;
    index = m[2] == "上" ? 1 : 2;
  } else {
    return Status::Usage("period '" + std::string(text) +
                         "' is not a quarter, half or year: 2021-Q3, 2021-H1, 2021, 2021年第三季度, 2021年上半年 or 2021年");
  }
  const int year = std::stoi(m[1]);
  if (year < 1900 || year > 2100)
    return Status::Usage("period '" + std::string(text) + "': year " + std::to_string(year) + " is outside 1900 to 2100");
  return Make(kind, year, index);
}

Result<ReviewResult> Review(const County& county, const ScanParams& base, const ReviewPeriod& period,
                            const ReviewOptions& options) {
  ReviewResult rv;
  rv.period = period;
  rv.eve = Date{period.start.days - 1};
  ScanParams at_end = base, at_eve = base;
  at_end.as_of = period.end;
  at_eve.as_of = rv.eve;
  auto end = Scan(county, at_end);
  if (!end.ok()) return end.status();
  rv.end = std::move(*end);
  auto start = Scan(county, at_eve, nullptr, nullptr, &rv.end);
  if (!start.ok()) return start.status();
  rv.start = std::move(*start);
  rv.plans = PlansOfPeriod(county, rv.end, period);
  rv.hard = HardPlots(county, rv.end, options.hard_n);
  rv.towns = Towns(county, rv);
  return rv;
}

}  // namespace panhuo
