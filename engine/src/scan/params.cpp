#include "panhuo/scan/params.hpp"

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <toml++/toml.h>

namespace panhuo {
namespace {
constexpr int kMaxWarnDays = 36600;  // about 100 years; keeps T + H a plausible date
}  // namespace

Status ScanParams::Validate() const {
  if (!IsPlausibleRecordDate(as_of)) return Status::Error("as-of date " + as_of.ToString() + " is implausible");
  if (min_unsupplied_ha < 0) return Status::Error("min_unsupplied_ha must be >= 0");
  if (start_ratio < 0 || start_ratio > 1) return Status::Error("start_ratio must lie in [0, 1]");
  if (stalled_ratio < 0 || stalled_ratio > 1) return Status::Error("stalled_ratio must lie in [0, 1]");
  if (lapse_years < 0 || idle_years < 0 || recover_years < 0) return Status::Error("year counts must be >= 0");
  if (warn_days < 0 || warn_days > kMaxWarnDays)
    return Status::Error("warn_days must lie in [0, " + std::to_string(kMaxWarnDays) + "]");
  if (!(min_holder_ha >= 0)) return Status::Error("min_holder_ha must be >= 0");
  if (window_years < 1) return Status::Error("window_years must be >= 1");
  if (benchmark_factor <= 0) return Status::Error("benchmark_factor must be > 0");
  if (!(class_limits[0] <= class_limits[1] && class_limits[1] <= class_limits[2]))
    return Status::Error("class_limits must be increasing");
  if (rank_by != "completion" && rank_by != "score")
    return Status::Error("rank_by must be \"completion\" or \"score\"");
  return {};
}

Status ScanParams::LoadToml(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << path << ":" << e.source().begin.line << ": " << e.description();
    return Status::Error(os.str());
  }
  for (auto&& entry : t) {
    const std::string key(entry.first.str());
    auto& v = entry.second;  // a plain reference: lambdas below capture it (clang 14 cannot capture a binding)
    const auto line = v.source().begin.line;
    auto bad = [&](const char* want) {
      return Status::Error(path + ":" + std::to_string(line) + ": key '" + key + "' must be " + want);
    };
    auto num = [&](double& out) -> Status {
      if (auto d = v.value<double>()) {
        out = *d;
        return {};
      }
      return bad("a number");
    };
    auto integer = [&](int& out) -> Status {
      if (auto d = v.value<int64_t>(); d && *d >= INT32_MIN && *d <= INT32_MAX) {
        out = static_cast<int>(*d);
        return {};
      }
      return bad("an integer");
    };
    auto date = [&](Date& out) -> Status {
      if (auto s = v.value<std::string>())
        if (auto d = ParseDate(*s)) {
          out = *d;
          return {};
        }
      if (auto d = v.as_date()) {
        out = Date::FromYmd(d->get().year, d->get().month, d->get().day);
        return {};
      }
      return bad("a date (YYYY-MM-DD)");
    };
    auto numbers = [&](double* out, size_t n) -> Status {
      auto* arr = v.as_array();
      if (!arr || arr->size() != n) return bad(("an array of " + std::to_string(n) + " numbers").c_str());
      for (size_t i = 0; i < n; ++i) {
        auto d = (*arr)[i].value<double>();
        if (!d) return bad(("an array of " + std::to_string(n) + " numbers").c_str());
        out[i] = *d;
      }
      return {};
    };
    Status s;
    if (key == "as_of") s = date(as_of);
    else if (key == "min_unsupplied_ha") s = num(min_unsupplied_ha);
    else if (key == "lapse_years") s = integer(lapse_years);
    else if (key == "start_ratio") s = num(start_ratio);
    else if (key == "stalled_ratio") s = num(stalled_ratio);
    else if (key == "idle_years") s = integer(idle_years);
    else if (key == "recover_years") s = integer(recover_years);
    else if (key == "fee_rate") s = num(fee_rate);
    else if (key == "legacy_industrial_before") s = date(legacy_industrial_before);
    else if (key == "window_years") s = integer(window_years);
    else if (key == "stock_share_floor") s = num(stock_share_floor);
    else if (key == "supply_rate_floor") s = num(supply_rate_floor);
    else if (key == "warn_days") s = integer(warn_days);
    else if (key == "min_holder_ha") s = num(min_holder_ha);
    else if (key == "efficiency_year") {
      int y = 0;
      s = integer(y);
      if (s.ok()) efficiency_year = y;
    } else if (key == "weights") s = numbers(weights.data(), 6);
    else if (key == "benchmark_factor") s = num(benchmark_factor);
    else if (key == "score_cap") s = num(score_cap);
    else if (key == "min_land_mu") s = num(min_land_mu);
    else if (key == "class_limits") s = numbers(class_limits.data(), 3);
    else if (key == "rank_by") {
      if (auto str = v.value<std::string>()) rank_by = *str;
      else s = bad("text");
    } else if (key == "rank_weights") s = numbers(rank_weights.data(), 3);
    else if (key == "document" && v.is_table()) continue;  // what the documents say of themselves (the CLI's)
    else s = Status::Error(path + ":" + std::to_string(line) + ": unknown key '" + key + "'");
    if (!s.ok()) return s;
  }
  return {};
}

std::string ScanParams::Describe() const {
  std::ostringstream os;
  os.precision(10);
  os << "as_of=" << as_of.ToString() << "; min_unsupplied_ha=" << min_unsupplied_ha
     << "; lapse_years=" << lapse_years << "; start_ratio=" << start_ratio
     << "; stalled_ratio=" << stalled_ratio << "; idle_years=" << idle_years
     << "; recover_years=" << recover_years << "; fee_rate=" << fee_rate
     << "; legacy_industrial_before=" << legacy_industrial_before.ToString()
     << "; window_years=" << window_years << "; stock_share_floor=" << stock_share_floor
     << "; supply_rate_floor=" << supply_rate_floor << "; warn_days=" << warn_days << "; min_holder_ha=" << min_holder_ha << "; efficiency_year="
     << (efficiency_year ? std::to_string(*efficiency_year) : std::to_string(as_of.Year()))
     << "; weights=" << weights[0] << "," << weights[1] << "," << weights[2] << "," << weights[3]
     << "," << weights[4] << "," << weights[5] << "; benchmark_factor=" << benchmark_factor
     << "; score_cap=" << score_cap << "; min_land_mu=" << min_land_mu << "; class_limits="
     << class_limits[0] << "," << class_limits[1] << "," << class_limits[2] << "; rank_by=" << rank_by;
  if (rank_by == "score")
    os << "; rank_weights(completion,stock_share,supply_rate)=" << rank_weights[0] << ","
       << rank_weights[1] << "," << rank_weights[2];
  return os.str();
}

}  // namespace panhuo
