// The Chinese title of every output field (written beside the fields of every output and read
// back from a ledger's sheets).
#include "panhuo/model/field_titles.hpp"

#include <map>
#include <string>
#include <utility>

namespace panhuo::detail {

const std::map<std::string, std::string>& FieldTitles() {
  static const std::map<std::string, std::string> t = {
      {"approval_id", "批准地块编号"}, {"batch_no", "批准文号"}, {"town_code", "行政区代码"},
      {"town_name", "行政区名称"}, {"approval_date", "批准日期"}, {"age_days", "批准至今天数"},
      {"approved_ha", "批准面积（公顷）"}, {"supplied_ha", "已供面积（公顷）"},
      {"unsupplied_ha", "批而未供面积（公顷）"}, {"lapsed", "是否失效"}, {"basis", "认定依据"},
      {"supply_id", "电子监管号"}, {"supply_date", "供地日期"}, {"agreed_start", "约定开工时间"},
      {"land_use", "土地用途"}, {"parcel_ha", "宗地面积（公顷）"}, {"built_ha", "已建面积（公顷）"},
      {"built_ratio", "建设比例"}, {"last_built", "最近建设日期"}, {"status", "利用状态"},
      {"overdue_days", "逾期天数"}, {"action", "处置建议"}, {"fee_wan", "闲置费（万元）"},
      {"idle_ha", "闲置土地面积（公顷）"}, {"supply_rate", "供地率"}, {"stock_ha", "存量供地面积（公顷）"},
      {"stock_share", "存量供地占比"}, {"revitalized_ha", "盘活面积（公顷）"}, {"target_ha", "目标任务（公顷）"},
      {"completion", "完成率"}, {"tax_per_mu", "亩均税收（万元/亩）"}, {"d_class_ha", "D类企业用地（公顷）"},
      {"score", "得分"}, {"rank", "排名"}, {"digested_ha", "消化批而未供（公顷）"},
      {"idle_resolved_ha", "处置闲置土地（公顷）"}, {"window_approved_ha", "近五年批准面积（公顷）"},
      {"window_supplied_ha", "近五年批准已供面积（公顷）"}, {"below_stock_floor", "存量占比低于下限"},
      {"below_supply_rate_floor", "供地率低于下限"}, {"lapsed_approvals", "失效地块数"},
      {"undetermined_n", "未能认定要素数"}, {"enterprise_id", "统一社会信用代码"}, {"year", "年度"},
      {"land_mu", "用地面积（亩）"}, {"sales_per_mu", "亩均销售收入（万元/亩）"},
      {"tax_per_energy", "单位能耗税收（万元/吨标煤）"}, {"tax_per_emission", "单位排放税收（万元/吨）"},
      {"labour_productivity", "全员劳动生产率（万元/人）"}, {"rnd_intensity", "研发经费投入强度"},
      {"class", "评价类别"}, {"layer", "图层"}, {"fid", "要素号"}, {"feature_id", "要素编号"},
      {"reason", "原因"}, {"determination", "认定事项"}, {"error", "错误信息"}, {"kind", "类型"},
      {"event_date", "到期日期"}, {"days_left", "剩余天数"}, {"area_ha", "面积（公顷）"},
      {"lapse_date", "失效日期"}, {"idle_from", "闲置起算日"}, {"recover_from", "无偿收回起算日"},
      {"warn_lapse_n", "将失效地块数"}, {"warn_lapse_ha", "将失效面积（公顷）"},
      {"warn_idle_n", "将闲置宗地数"}, {"warn_idle_ha", "将闲置面积（公顷）"},
      {"warn_recover_n", "将收回宗地数"}, {"warn_recover_ha", "将收回面积（公顷）"},
      {"engine_version", "软件版本"}, {"input", "输入数据"}, {"as_of", "统计截止日"},
      {"parameters", "参数"}, {"ranking", "排名规则"}, {"working_crs", "坐标系"},
      {"efficiency_year", "亩均评价年度"}, {"rejected_total", "剔除要素总数"},
      {"repaired_total", "修复要素总数"}, {"overlay_fallbacks", "叠加备用算法次数"},
      {"overlay_failures", "未能认定次数"}, {"approvals_listed", "批而未供地块数"},
      {"approvals_lapsed", "失效地块数"}, {"supplies_idle", "闲置宗地数"}, {"mode", "供地方式"},
      {"holder", "土地使用权人"}, {"price_wan", "成交价格（万元）"}, {"idle_cause", "闲置原因"},
      // timeline and compare
      {"from", "起始日"}, {"to", "截止日"}, {"newly_supplied_ha", "新增供地面积（公顷）"},
      {"supplied_ha_from", "起始日已供面积（公顷）"}, {"supplied_ha_to", "截止日已供面积（公顷）"},
      {"status_from", "起始日利用状态"}, {"status_to", "截止日利用状态"},
      {"built_ha_from", "起始日已建面积（公顷）"}, {"built_ha_to", "截止日已建面积（公顷）"},
      {"action_to", "截止日处置建议"},
      // scenarios
      {"name", "名称"}, {"description", "说明"}, {"source", "方案文件"}, {"notes", "备注"},
      {"seconds", "用时（秒）"}, {"figure", "指标"}, {"unit", "单位"}, {"meaning", "含义"},
      {"scope", "范围"}, {"plot_id", "地块编号"}, {"village", "村名"}, {"retained", "是否保留村庄"},
      {"idle", "是否闲置"}, {"priority_order", "复垦顺序"}, {"plot_ha", "地块面积（公顷）"},
      {"plots", "地块数"}, {"reclaimed_ha", "复垦面积（公顷）"}, {"resettlement_ha", "安置用地（公顷）"},
      {"quota_ha", "挂钩指标（公顷）"}, {"demand_table_ha", "用地需求·表（公顷）"},
      {"demand_layer_ha", "用地需求·图层（公顷）"}, {"demand_ha", "用地需求（公顷）"},
      {"balance_ha", "指标结余（公顷）"}, {"over_use", "是否超用"}, {"distance_m", "距岸线（米）"},
      {"land_ha", "土地面积（公顷）"}, {"developed_before_ha", "腾退前开发面积（公顷）"},
      {"intensity_before", "腾退前开发强度"}, {"cleared_ha", "腾退面积（公顷）"},
      {"developed_after_ha", "腾退后开发面积（公顷）"}, {"intensity_after", "腾退后开发强度"},
      {"enterprises", "企业数"}, {"within_ha", "范围内面积（公顷）"}, {"rule", "腾退规则"},
      // v3 stock lists
      {"reserve_id", "储备地块编号"}, {"acquired_date", "收储日期"}, {"reserve_ha", "储备面积（公顷）"},
      {"constrained_ha", "管控范围内未供面积（公顷）"}, {"kinds", "管控类型"}, {"enterprises_n", "企业数据条数"},
      {"group_name", "企业集团"}, {"holders_n", "土地使用权人数"}, {"supplies_n", "供地宗数"},
      {"unused_ha", "供而未用面积（公顷）"}, {"idle_n", "闲置宗地数"}, {"recover_ha", "无偿收回面积（公顷）"},
      {"warn_n", "预警数"}, {"towns", "涉及镇街"}, {"unfit_ha", "不具备供地条件面积（公顷）"},
      {"low_efficiency_ha", "低效用地面积（公顷）"}, {"reserves_listed", "储备未供地块数"},
      {"unfit_listed", "不具备供地条件地块数"}, {"low_efficiency_listed", "低效用地宗数"},
      {"holders_listed", "企业集团数"}, {"unsupplied_ha_from", "起始日储备未供面积（公顷）"},
      {"unsupplied_ha_to", "截止日储备未供面积（公顷）"}, {"reason_from", "起始日低效原因"},
      {"reason_to", "截止日低效原因"},
      // v3: work plans and pace
      {"measure", "处置措施"}, {"responsible", "责任单位"}, {"leader", "挂钩领导"},
      {"due_date", "计划完成时间"}, {"plans_overdue_n", "逾期方案数"}, {"no_plan_n", "无方案地块数"},
      {"elapsed_share", "时序进度"}, {"pace", "进度比"}, {"projected_ha", "预计全年盘活（公顷）"},
      // v3: the reviews (季分析、半年小结、全年考核)
      {"period", "考核期"}, {"document", "文书"}, {"period_start", "期初日期"}, {"period_end", "期末日期"},
      {"summary", "通报摘要"}, {"start_value", "期初"}, {"end_value", "期末"}, {"change", "增减"},
      {"unsupplied_start_ha", "期初批而未供（公顷）"}, {"unsupplied_end_ha", "期末批而未供（公顷）"},
      {"unsupplied_change_ha", "批而未供增减（公顷）"}, {"idle_start_ha", "期初闲置（公顷）"},
      {"idle_end_ha", "期末闲置（公顷）"}, {"idle_change_ha", "闲置增减（公顷）"},
      {"revitalized_period_ha", "本期盘活（公顷）"}, {"projected_completion", "预计全年完成率"},
      {"behind", "落后于时序进度"}, {"plans_due_n", "本期到期方案数"}, {"hard_n", "重点难点地块数"},
      {"due_in_period", "本期到期"}, {"listed_since", "列入清单日期"}, {"listed_days", "列入清单天数"},
      {"longest", "列入时间最长"}, {"largest", "面积最大"}, {"plan_overdue", "方案逾期"},
      // the monthly bulletin: this month against last
      {"prev_as_of", "上月末"}, {"unsupplied_prev_ha", "上月批而未供（公顷）"}, {"idle_prev_ha", "上月闲置（公顷）"},
      {"revitalized_prev_ha", "上月累计盘活（公顷）"}, {"revitalized_change_ha", "本月盘活（公顷）"},
      {"completion_prev", "上月完成率"}, {"completion_change", "完成率增减"},
      // the run table
      {"encodings", "文字编码"}, {"warn_days", "预警天数"}, {"warnings", "运行警告"}, {"warnings_listed", "预警条数"}};
  return t;
}

const std::map<std::string, std::string>& InputLayerTitles() {
  static const std::map<std::string, std::string> t = {
      {"towns", "镇街"},           {"approvals", "农用地转用批准"}, {"supplies", "供地"},
      {"construction", "建设"},    {"rural_plots", "农村地块"},     {"river", "岸线"},
      {"reserves", "收购储备"},    {"constraints", "管控范围"},     {"enterprises", "企业"},
      {"targets", "目标任务"},     {"plans", "工作方案"},           {"holder_groups", "企业集团"}};
  return t;
}

namespace {

// The run table's count of one input layer: read_towns 读入要素数·镇街, and so on.
std::string CountTitle(const std::string& field) {
  static const std::pair<const char*, const char*> kinds[] = {
      {"read_", "读入要素数"}, {"used_", "使用要素数"}, {"rejected_", "剔除要素数"}, {"repaired_", "修复要素数"}};
  for (const auto& [prefix, title] : kinds) {
    const std::string p = prefix;
    if (field.compare(0, p.size(), p) != 0) continue;
    auto it = InputLayerTitles().find(field.substr(p.size()));
    if (it != InputLayerTitles().end()) return std::string(title) + "·" + it->second;
  }
  return "";
}

}  // namespace

std::string FieldTitle(const std::string& layer, const std::string& field) {
  // a field whose meaning in one layer differs from that of its name elsewhere
  static const std::map<std::pair<std::string, std::string>, std::string> by_layer = {
      {{"reserve_unsupplied", "unsupplied_ha"}, "储备未供面积（公顷）"},
      {{"reserve_unsupplied", "kind"}, "收储方式"},
      {{"reserve_unsupplied", "age_days"}, "入库天数"},
      {{"towns", "reserve_ha"}, "储备未供面积（公顷）"},
      {{"low_efficiency", "reason"}, "低效原因"},
      {{"holders", "parcel_ha"}, "供地面积（公顷）"},
      {{"plan_status", "status"}, "方案状态"},
      {{"plan_status", "layer"}, "地块类型"},
      {{"plan_status", "feature_id"}, "地块编号"},
      {{"review_plans", "status"}, "期末方案状态"},
      {{"review_plans", "layer"}, "地块类型"},
      {{"review_plans", "feature_id"}, "地块编号"},
      {{"hard_plots", "kind"}, "地块类别"},
      {{"hard_plots", "feature_id"}, "地块编号"},
      {{"review_towns", "revitalized_ha"}, "年内累计盘活（公顷）"},
      {{"review_towns", "rank"}, "期末排名"},
      {{"timeline_change", "as_of"}, "本月末"},
      {{"timeline_change", "unsupplied_ha"}, "本月批而未供（公顷）"},
      {{"timeline_change", "idle_ha"}, "本月闲置（公顷）"},
      {{"timeline_change", "revitalized_ha"}, "本月累计盘活（公顷）"},
      {{"timeline_change", "completion"}, "本月完成率"}};
  if (auto it = by_layer.find({layer, field}); it != by_layer.end()) return it->second;
  if (layer == "run")
    if (std::string count = CountTitle(field); !count.empty()) return count;
  auto it = FieldTitles().find(field);
  return it == FieldTitles().end() ? std::string() : it->second;
}

}  // namespace panhuo::detail
