#include "province.hpp"

#include <algorithm>
#include <fstream>

namespace panhuo::cli::batch {
namespace {

using json = nlohmann::json;
using Type = Table::Type;

struct Field {
  const char* name;
  Type type;
};

Cell ToCell(const json& v, Type type) {
  if (v.is_null()) return Cell{};
  switch (type) {
    case Type::kText: return Cell{v.get<std::string>()};
    case Type::kInteger: return Cell{v.get<int64_t>()};
    case Type::kReal: return RealCell(v.get<double>());
    case Type::kDate: break;
  }
  return Cell{};
}

// A table whose row k takes field f from objects[k][f.name].
Table MakeTable(const std::string& name, const std::vector<Field>& fields, const std::vector<json>& objects) {
  Table t;
  t.name = name;
  for (const Field& f : fields) t.columns.push_back({f.name, f.type});
  for (const json& o : objects) {
    std::vector<Cell> row;
    for (const Field& f : fields) row.push_back(ToCell(o.value(f.name, json()), f.type));
    t.rows.push_back(std::move(row));
  }
  return t;
}

const std::vector<Field> kCountyFields = {
    {"rank", Type::kInteger},         {"county_code", Type::kText},      {"county_name", Type::kText},
    {"unsupplied_ha", Type::kReal},   {"lapsed_approvals", Type::kInteger}, {"idle_ha", Type::kReal},
    {"supply_rate", Type::kReal},     {"window_supplied_ha", Type::kReal}, {"window_approved_ha", Type::kReal},
    {"supplied_ha", Type::kReal},     {"stock_ha", Type::kReal},         {"stock_share", Type::kReal},
    {"revitalized_ha", Type::kReal},  {"target_ha", Type::kReal},        {"completion", Type::kReal},
    {"tax_per_mu", Type::kReal},      {"d_class_ha", Type::kReal},       {"rejected", Type::kInteger},
    {"undetermined_n", Type::kInteger}, {"towns", Type::kInteger},       {"reserve_ha", Type::kReal},
    {"unfit_ha", Type::kReal},        {"low_efficiency_ha", Type::kReal}, {"holders_listed", Type::kInteger},
    {"status", Type::kText},          {"seconds", Type::kReal}};

const std::vector<Field> kTownFields = {
    {"county_code", Type::kText},    {"county_name", Type::kText},      {"town_code", Type::kText},
    {"town_name", Type::kText},      {"rank", Type::kInteger},          {"unsupplied_ha", Type::kReal},
    {"idle_ha", Type::kReal},        {"supply_rate", Type::kReal},      {"supplied_ha", Type::kReal},
    {"stock_ha", Type::kReal},       {"stock_share", Type::kReal},      {"revitalized_ha", Type::kReal},
    {"target_ha", Type::kReal},      {"completion", Type::kReal},       {"tax_per_mu", Type::kReal},
    {"d_class_ha", Type::kReal},     {"lapsed_approvals", Type::kInteger}, {"undetermined_n", Type::kInteger},
    {"reserve_ha", Type::kReal},     {"unfit_ha", Type::kReal},         {"low_efficiency_ha", Type::kReal}};

const std::vector<Field> kRunFields = {
    {"county_code", Type::kText}, {"county_name", Type::kText}, {"status", Type::kText},
    {"message", Type::kText},     {"reused", Type::kInteger},   {"seconds", Type::kReal},
    {"rank", Type::kInteger},     {"input", Type::kText},       {"input_bytes", Type::kInteger}};

std::optional<double> Completion(const json& o, const std::map<std::string, double>& targets) {
  const json r = CountyRatios(o["totals"], o["county_code"].get<std::string>(), targets);
  return r["completion"].is_null() ? std::nullopt : std::optional<double>(r["completion"].get<double>());
}

}  // namespace

Result<std::map<std::string, double>> ReadCountyTargets(const std::string& path, int year) {
  std::ifstream in(path);
  if (!in) return Status::Error("cannot open county targets '" + path + "'");
  std::map<std::string, double> targets;
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (text.empty()) continue;
    if (line == 1) {
      if (text != "county_code,year,target_ha")
        return Status::Error("county targets '" + path + "', line 1: expected the header county_code,year,target_ha");
      continue;
    }
    const auto a = text.find(','), b = text.find(',', a == std::string::npos ? a : a + 1);
    const std::string where = "county targets '" + path + "', line " + std::to_string(line) + ": ";
    if (a == std::string::npos || b == std::string::npos || text.find(',', b + 1) != std::string::npos)
      return Status::Error(where + "expected 3 fields, got '" + text + "'");
    try {
      size_t used_y = 0, used_t = 0;
      const std::string y = text.substr(a + 1, b - a - 1), t = text.substr(b + 1);
      const int row_year = std::stoi(y, &used_y);
      const double target = std::stod(t, &used_t);
      if (used_y != y.size() || used_t != t.size()) throw std::invalid_argument(text);
      if (row_year == year) targets[text.substr(0, a)] = target;
    } catch (const std::exception&) {
      return Status::Error(where + "year or target_ha is not a number in '" + text + "'");
    }
  }
  return targets;
}

json CountyRatios(const json& totals, const std::string& code, const std::map<std::string, double>& targets) {
  auto ratio = [&](const char* num, const char* den) {
    const double d = totals[den].get<double>();
    return d > 0 ? json(totals[num].get<double>() / d) : json(nullptr);
  };
  json r = {{"supply_rate", ratio("window_supplied_ha", "window_approved_ha")},
            {"stock_share", ratio("stock_ha", "supplied_ha")},
            {"tax_per_mu", ratio("tax_wan", "land_mu")},
            {"target_ha", nullptr},
            {"completion", nullptr}};
  if (auto it = targets.find(code); it != targets.end()) {
    r["target_ha"] = it->second;
    if (it->second > 0) r["completion"] = totals["revitalized_ha"].get<double>() / it->second;
  }
  return r;
}

std::vector<size_t> RankCounties(const std::vector<json>& outcomes, const std::map<std::string, double>& targets) {
  std::vector<size_t> order;
  for (size_t i = 0; i < outcomes.size(); ++i)
    if (outcomes[i].is_object() && outcomes[i].value("totals", json()).is_object()) order.push_back(i);
  std::vector<std::optional<double>> key(outcomes.size());
  for (size_t i : order) key[i] = Completion(outcomes[i], targets);
  auto code = [&](size_t i) { return outcomes[i]["county_code"].get<std::string>(); };
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (key[a].has_value() != key[b].has_value()) return key[a].has_value();
    if (key[a] && *key[a] != *key[b]) return *key[a] > *key[b];
    return code(a) < code(b);
  });
  return order;
}

std::vector<Table> ProvinceTables(const std::vector<CountyJob>& jobs, const std::vector<json>& outcomes,
                                  const std::map<std::string, double>& targets) {
  std::vector<json> counties, towns, runs;
  int rank = 0;
  for (size_t i : RankCounties(outcomes, targets)) {
    const json& o = outcomes[i];
    json row = o["totals"];
    row.update(CountyRatios(o["totals"], jobs[i].code, targets));
    row.update({{"rank", ++rank}, {"county_code", jobs[i].code}, {"county_name", jobs[i].name},
                {"status", o["status"]}, {"seconds", o["seconds"]}});
    counties.push_back(row);
  }
  std::vector<size_t> by_code(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) by_code[i] = i;
  std::sort(by_code.begin(), by_code.end(), [&](size_t a, size_t b) { return jobs[a].code < jobs[b].code; });
  for (size_t i : by_code) {
    const json& o = outcomes[i];
    for (json t : o.value("towns", json::array())) {
      t.update({{"county_code", jobs[i].code}, {"county_name", jobs[i].name}});
      towns.push_back(t);
    }
    json run = o.is_object() ? o : json{{"status", "failed"}, {"message", "no outcome came back"}};
    run.update({{"county_code", jobs[i].code}, {"county_name", jobs[i].name}, {"input", jobs[i].input.input},
                {"input_bytes", jobs[i].input_bytes}});
    run["reused"] = run.value("reused", false) ? 1 : 0;
    runs.push_back(run);
  }
  return {MakeTable("counties", kCountyFields, counties), MakeTable("all_towns", kTownFields, towns),
          MakeTable("run", kRunFields, runs)};
}

}  // namespace panhuo::cli::batch
