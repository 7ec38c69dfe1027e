#include "panhuo/sources/code_values.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <utility>

namespace panhuo::detail {
namespace {

using Table = std::map<std::string, std::string>;

const std::map<std::pair<std::string, std::string>, Table>& Tables() {
  static const std::map<std::pair<std::string, std::string>, Table> t = {
      {{"towns", "kind"},
       {{"镇", "town"}, {"街道", "street"}, {"街道办事处", "street"}, {"开发区", "zone"}, {"高新区", "zone"},
        {"园区", "zone"}, {"管委会", "zone"}}},
      {{"approvals", "kind"},
       {{"农用地转用", "conversion"}, {"农转用", "conversion"}, {"土地征收", "expropriation"}, {"征收", "expropriation"}}},
      {{"supplies", "mode"},
       {{"出让", "grant"}, {"招拍挂出让", "grant"}, {"挂牌出让", "grant"}, {"拍卖出让", "grant"}, {"招标出让", "grant"},
        {"协议出让", "grant"}, {"划拨", "allocation"}}},
      {{"supplies", "land_use"},
       {{"工业用地", "0601"}, {"采矿用地", "0602"}, {"仓储用地", "0604"}, {"商业服务业设施用地", "05"},
        {"城镇住宅用地", "0701"}, {"农村宅基地", "0702"}, {"机关团体用地", "0801"}, {"公用设施用地", "0809"},
        {"公园与绿地", "0810"}, {"交通运输用地", "10"}}},
      {{"supplies", "idle_cause"},
       {{"企业原因", "enterprise"}, {"政府原因", "government"}, {"不可抗力", "force_majeure"}, {"混合原因", "mixed"},
        {"政府和企业原因", "mixed"}, {"双方原因", "mixed"}, {"无", ""}}},
      {{"rural_plots", "kind"},
       {{"宅基地", "homestead"}, {"闲置宅基地", "homestead"}, {"空闲地", "vacant"}, {"村内空闲地", "vacant"},
        {"未利用地", "unused"}, {"零星未利用地", "unused"}}},
      // v3: anything not listed (and not already a contract code) is "other"
      {{"reserves", "kind"},
       {{"收购", "purchase"}, {"收购储备", "purchase"}, {"收回", "recovered"}, {"依法收回", "recovered"},
        {"purchase", "purchase"}, {"recovered", "recovered"}, {"other", "other"}}},
      {{"constraints", "kind"},
       {{"生态保护红线", "ecological_redline"}, {"生态红线", "ecological_redline"}, {"永久基本农田", "basic_farmland"},
        {"基本农田", "basic_farmland"}, {"行洪区", "flood_control"}, {"蓄滞洪区", "flood_control"},
        {"ecological_redline", "ecological_redline"}, {"basic_farmland", "basic_farmland"},
        {"flood_control", "flood_control"}, {"other", "other"}}},
  };
  return t;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string TrimText(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

bool HasContractCodes(const std::string& layer, const std::string& field) {
  return Tables().count({layer, field}) > 0;
}

std::string ContractCode(const std::string& layer, const std::string& field, const std::string& value) {
  auto t = Tables().find({layer, field});
  if (t == Tables().end()) return value;
  if (auto it = t->second.find(TrimText(value)); it != t->second.end()) return it->second;
  // the v3 kinds are closed lists: anything else that is a value is "other"
  if ((layer == "reserves" || layer == "constraints") && field == "kind" && !TrimText(value).empty()) return "other";
  return value;
}

bool HasMoneyUnit(const std::string& text) { return EndsWith(TrimText(text), "元"); }

std::optional<double> NumberWithUnit(const std::string& text) {
  std::string t = TrimText(text);
  double scale = 1.0;
  if (EndsWith(t, "万元")) {
    t = TrimText(t.substr(0, t.size() - std::string("万元").size()));
  } else if (EndsWith(t, "元")) {
    t = TrimText(t.substr(0, t.size() - std::string("元").size()));
    scale = 1e-4;
  }
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(t.c_str(), &end);
  if (!end || *end != '\0' || !std::isfinite(d)) return std::nullopt;
  return d * scale;
}

}  // namespace panhuo::detail
