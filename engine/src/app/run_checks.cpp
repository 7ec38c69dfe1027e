#include "panhuo/app/run_checks.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

namespace panhuo::app {
namespace {

std::string Format(const char* fmt, double a, double b) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

std::optional<std::pair<Date, std::string>> NewestDate(const InputData& d) {
  std::optional<std::pair<Date, std::string>> newest;
  for (const auto& r : d.reports)
    if (r.present && r.last_date && (!newest || *r.last_date > newest->first)) newest = {{*r.last_date, r.name}};
  return newest;
}

// "12 approvals (3.40 ha)" for the features of `column` whose town is -1, or "" when none.
template <typename TownOf>
std::string OutsideTowns(const PolygonColumn& column, TownOf town_of, const char* what) {
  int64_t n = 0;
  double m2 = 0;
  for (size_t i = 0; i < column.size(); ++i)
    if (town_of(i) < 0) {
      ++n;
      m2 += column.area_m2[i];
    }
  if (n == 0) return "";
  return std::to_string(n) + " " + what + Format(" (%.2f ha)", m2 / 1e4, 0);
}

}  // namespace

Date Today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int32_t>(now.time_since_epoch().count())};
}

std::vector<std::string> RunWarnings(const County& county, Date latest, Date today) {
  const InputData& d = county.data();
  std::vector<std::string> w;
  if (const auto newest = NewestDate(d); newest && latest > newest->first)
    w.push_back("the date " + latest.ToString() + " is after the newest date in the data (" +
                newest->first.ToString() + ", " + newest->second + "): nothing is known of what happened since");
  if (latest > today)
    w.push_back("the date " + latest.ToString() + " is after today (" + today.ToString() + ")");
  const std::string a = OutsideTowns(d.approvals, [&](size_t i) { return county.approval_town(i); }, "approvals");
  const std::string s = OutsideTowns(d.supplies, [&](size_t i) { return county.supply_town(i); }, "supplies");
  if (!a.empty() || !s.empty())
    w.push_back(a + (a.empty() || s.empty() ? "" : " and ") + s +
                " lie outside every town: they are in the layers but in no town's figures");
  for (const auto& r : d.reports)
    if (r.present && r.read > 0 && r.rejected * 20 > r.read)
      w.push_back("layer " + r.name + " lost " + std::to_string(r.rejected) + " of " + std::to_string(r.read) +
                  Format(" features (%.1f %%) to rejects", 100.0 * static_cast<double>(r.rejected) / static_cast<double>(r.read), 0) +
                  "; `panhuo check --rejects` lists them");
  for (const auto& r : d.reports) {
    if (!r.present) continue;
    // a field under a name nothing recognised reads as null in every feature: say so
    if (!r.unfed_fields.empty()) {
      std::string fields, unused;
      for (const auto& f : r.unfed_fields) fields += (fields.empty() ? "" : ", ") + f;
      for (const auto& f : r.unused_fields) unused += (unused.empty() ? "" : ", ") + f;
      w.push_back("layer " + r.name + " ('" + r.source_layer + "'): no source field feeds " + fields +
                  ", null in every feature; the source's fields that nothing reads: " +
                  (unused.empty() ? std::string("none") : unused) +
                  " (a field map or --schema names the field when it is there under another name)");
    }
    if (r.invalid_utf8 > 0)
      w.push_back("layer " + r.name + " ('" + r.source_layer + "'): " + std::to_string(r.invalid_utf8) +
                  " text values are not valid UTF-8 as stored and were read as GB18030; check the source's "
                  "text encoding");
  }
  return w;
}

Status CheckAssumedCrs(const InputData& d, const std::string& assumed_crs) {
  if (assumed_crs.empty()) return {};
  for (const auto& r : d.reports) {
    if (!r.present || r.read == 0) continue;
    const auto it = r.rejected_by_reason.find("reprojection failed");
    if (it != r.rejected_by_reason.end() && it->second == r.read)
      return Status::Error("--crs " + assumed_crs + ": every feature of layer '" + r.name + "' (" + r.source +
                           ", " + std::to_string(r.read) +
                           " features) failed reprojection; the layer's coordinates are not in that CRS");
  }
  return {};
}

}  // namespace panhuo::app
