// The Chinese labels of the contract's code values (see code_labels.hpp).
#include "panhuo/tables/code_labels.hpp"

#include "panhuo/model/field_titles.hpp"

#include <set>
#include <vector>

namespace panhuo::detail {
namespace {

using Labels = std::map<std::string, std::string>;

const Labels kSupplyStatus = {{"idle_unstarted", "闲置（未动工）"}, {"idle_stalled", "闲置（停建）"},
                              {"in_use", "已利用"},            {"pending", "未到开工期"},
                              {"not supplied", "未供地"}};
// an action is the disposal proposed (处置建议); it is decided once the idle land is determined
const Labels kAction = {{"recover", "建议无偿收回"}, {"fee", "建议征收闲置费"}, {"negotiate", "建议协商处置"}};
const Labels kPlanStatus = {{"open", "推进中"}, {"overdue", "逾期"}, {"resolved", "已盘活"}, {"unknown", "无对应地块"}};
const Labels kLowReason = {{"no_enterprise", "无企业"}, {"no_output", "关停（无产出）"}, {"d_class", "D类企业"}};
const Labels kPlanLayer = {{"approvals", "批而未供"}, {"supplies", "闲置土地"}};

// GB/T 21010-2017, the construction land classes a county's supplies carry
const Labels kLandUse = {
    {"05", "商服用地"},         {"0501", "零售商业用地"},   {"0502", "批发市场用地"},   {"0503", "餐饮用地"},
    {"0504", "旅馆用地"},       {"0505", "商务金融用地"},   {"0506", "娱乐用地"},       {"0507", "其他商服用地"},
    {"06", "工矿仓储用地"},     {"0601", "工业用地"},       {"0602", "采矿用地"},       {"0603", "盐田"},
    {"0604", "仓储用地"},       {"07", "住宅用地"},         {"0701", "城镇住宅用地"},   {"0702", "农村宅基地"},
    {"08", "公共管理与公共服务用地"}, {"0801", "机关团体用地"}, {"0802", "新闻出版用地"}, {"0803", "教育用地"},
    {"0804", "科研用地"},       {"0805", "医疗卫生用地"},   {"0806", "社会福利用地"},   {"0807", "文化设施用地"},
    {"0808", "体育用地"},       {"0809", "公用设施用地"},   {"0810", "公园与绿地"},     {"09", "特殊用地"},
    {"10", "交通运输用地"},     {"1001", "铁路用地"},       {"1002", "轨道交通用地"},   {"1003", "公路用地"},
    {"1004", "城镇村道路用地"}, {"1005", "交通服务场站用地"}, {"1006", "农村道路"},     {"1007", "机场用地"},
    {"1008", "港口码头用地"},   {"1009", "管道运输用地"}};

// field → labels, whatever the layer
const std::map<std::string, Labels>& ByField() {
  static const std::map<std::string, Labels> m = {
      {"action", kAction},
      {"action_to", kAction},
      {"status_from", kSupplyStatus},
      {"status_to", kSupplyStatus},
      {"mode", {{"grant", "出让"}, {"allocation", "划拨"}}},
      {"idle_cause",
       {{"enterprise", "企业原因"}, {"government", "政府原因"}, {"force_majeure", "不可抗力"}, {"mixed", "混合原因"}}},
      {"class", {{"A", "A类"}, {"B", "B类"}, {"C", "C类"}, {"D", "D类"}, {"T", "不参评（用地不足3亩）"}}},
      {"reason_from", kLowReason},
      {"reason_to", kLowReason},
      {"determination",
       {{"unsupplied", "批而未供面积"}, {"idle", "闲置认定"}, {"idle_at_year_start", "年初闲置认定"},
        {"stock", "存量供地面积"}, {"digested", "消化批而未供面积"}, {"town", "所属镇街"}, {"reserve", "储备未供面积"},
        {"unfit", "不具备供地条件面积"}}},
      {"layer", InputLayerTitles()}};
  return m;
}

// (layer, field) → labels, where a field's codes depend on the layer
const std::map<std::pair<std::string, std::string>, Labels>& ByLayer() {
  static const std::map<std::pair<std::string, std::string>, Labels> m = {
      {{"supply_status", "status"}, kSupplyStatus},
      {{"idle", "status"}, kSupplyStatus},
      {{"plan_status", "status"}, kPlanStatus},
      {{"review_plans", "status"}, kPlanStatus},
      {{"plan_status", "layer"}, kPlanLayer},
      {{"review_plans", "layer"}, kPlanLayer},
      {{"hard_plots", "kind"}, {{"unsupplied", "批而未供"}, {"idle", "闲置土地"}}},
      {{"warnings", "kind"},
       {{"lapse", "批准将失效"}, {"idle_unstarted", "将闲置（未动工）"}, {"idle_stalled", "将闲置（停建）"},
        {"recover", "将满两年（无偿收回）"}}},
      {{"reserve_unsupplied", "kind"}, {{"purchase", "收购"}, {"recovered", "收回"}, {"other", "其他"}}},
      {{"unfit_for_supply", "kinds"},
       {{"ecological_redline", "生态保护红线"}, {"basic_farmland", "永久基本农田"}, {"flood_control", "行洪区"},
        {"other", "其他"}}},
      {{"low_efficiency", "reason"}, kLowReason}};
  return m;
}

// The scenarios' comparison: each figure by its Chinese name; a riverside figure ends in the
// distance it is counted within (land_ha_1000m: 距岸线1000米内土地面积).
const Labels& ComparisonFigures() {
  static const Labels f = {
      {"plots_selected", "选取复垦地块数"},      {"plots_ha", "选取复垦地块面积"},
      {"reclaimed_ha", "复垦新增耕地面积"},      {"resettlement_ha", "农民安置用地面积"},
      {"quota_ha", "挂钩指标（复垦减安置）"},    {"demand_ha", "镇街新增建设用地需求"},
      {"balance_ha", "全县指标结余（指标减需求）"}, {"towns_over_use", "需求超出自身指标的镇街数"},
      {"shortfall_ha", "超用镇街缺口合计"},      {"land_ha", "土地面积（不含水面）"},
      {"developed_before_ha", "现状开发面积"},   {"intensity_before", "现状开发强度"},
      {"cleared_ha", "腾退宗地面积"},            {"developed_after_ha", "腾退后开发面积"},
      {"intensity_after", "腾退后开发强度"},     {"parcels_cleared", "腾退工业宗地数（还林还湿）"},
      {"parcels_cleared_ha", "腾退宗地总面积"},  {"parcels_cleared_built_ha", "腾退宗地已建面积"},
      {"ban_zone_m", "禁止新建化工重工业范围（距岸线）"}, {"ban_zone_parcels_before", "禁建范围内工业宗地数（现状）"},
      {"ban_zone_parcels_after", "禁建范围内工业宗地数（腾退后）"},
      {"ban_zone_industrial_ha_before", "禁建范围内工业用地面积（现状）"},
      {"ban_zone_industrial_ha_after", "禁建范围内工业用地面积（腾退后）"}};
  return f;
}

std::string ComparisonFigure(const std::string& figure) {
  if (auto it = ComparisonFigures().find(figure); it != ComparisonFigures().end()) return it->second;
  // <figure>_<distance>m
  const size_t cut = figure.rfind('_');
  if (cut == std::string::npos || figure.size() < cut + 3 || figure.back() != 'm') return figure;
  auto it = ComparisonFigures().find(figure.substr(0, cut));
  if (it == ComparisonFigures().end()) return figure;
  return "距岸线" + figure.substr(cut + 1, figure.size() - cut - 2) + "米内" + it->second;
}

const Labels kUnits = {{"ha", "公顷"}, {"ratio", "比值"}, {"count", "个"}, {"m", "米"}};

// 0/1 fields read as yes or no
const std::set<std::string>& Flags() {
  static const std::set<std::string> f = {"lapsed",   "below_stock_floor", "below_supply_rate_floor", "retained",
                                          "over_use", "behind",            "due_in_period",           "longest",
                                          "largest",  "plan_overdue"};
  return f;
}

// a scenario's plots (<scenario>_plots) say with 0 or 1 whether a plot is idle
bool IsScenarioIdle(const std::string& layer, const std::string& field) {
  return field == "idle" && layer.size() > 6 && layer.compare(layer.size() - 6, 6, "_plots") == 0;
}

const Labels* Find(const std::string& layer, const std::string& field) {
  if (auto it = ByLayer().find({layer, field}); it != ByLayer().end()) return &it->second;
  if (field == "land_use") return &kLandUse;
  if (auto it = ByField().find(field); it != ByField().end()) return &it->second;
  return nullptr;
}

}  // namespace

bool HasCodeLabels(const std::string& layer, const std::string& field) {
  return Flags().count(field) || Find(layer, field) != nullptr || IsScenarioIdle(layer, field) ||
         (layer == "comparison" && (field == "figure" || field == "unit"));
}

std::string CodeLabel(const std::string& layer, const std::string& field, const std::string& value) {
  if (Flags().count(field) || IsScenarioIdle(layer, field))
    return value == "1" ? "是" : value == "0" ? "否" : value;
  if (layer == "comparison" && field == "figure") return ComparisonFigure(value);
  if (layer == "comparison" && field == "unit") {
    auto it = kUnits.find(value);
    return it == kUnits.end() ? value : it->second;
  }
  const Labels* labels = Find(layer, field);
  if (!labels || value.empty()) return value;
  if (field == "land_use") {
    auto it = labels->find(value);
    return it == labels->end() ? value : value + " " + it->second;
  }
  if (value.find(',') != std::string::npos) {  // a list of codes
    std::string out;
    size_t at = 0;
    while (at <= value.size()) {
      const size_t comma = std::min(value.find(',', at), value.size());
      const std::string part = value.substr(at, comma - at);
      auto it = labels->find(part);
      out += (out.empty() ? "" : "、") + (it == labels->end() ? part : it->second);
      at = comma + 1;
    }
    return out;
  }
  auto it = labels->find(value);
  return it == labels->end() ? value : it->second;
}

std::string WholeCounty(const std::string& county) {
  for (const char* tail : {"市", "区", "旗"})
    if (county.size() >= 3 && county.compare(county.size() - 3, 3, tail) == 0) return std::string("全") + tail;
  return "全县";
}

std::map<std::string, std::map<std::string, std::string>> CodeLabelTable() {
  std::map<std::string, Labels> out(ByField().begin(), ByField().end());
  out["land_use"] = kLandUse;
  for (const auto& [key, labels] : ByLayer()) out[key.first + "." + key.second] = labels;
  out["comparison.unit"] = kUnits;
  return out;
}

}  // namespace panhuo::detail
