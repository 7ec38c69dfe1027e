// The output layers, each declared once (see output_schema.hpp).
#include "panhuo/tables/output_schema.hpp"

namespace panhuo {
namespace {

using T = OutputField::Type;

// the plan of a listed plot (contract v3), after the fields of unsupplied, supply_status and idle
const std::vector<OutputField> kPlan = {
    {"measure", T::kText}, {"responsible", T::kText}, {"leader", T::kText}, {"due_date", T::kDate}};

const std::vector<OutputField> kSupply = {
    {"supply_id", T::kText},   {"town_code", T::kText},   {"supply_date", T::kDate},   {"agreed_start", T::kDate},
    {"land_use", T::kText},    {"parcel_ha", T::kReal},   {"built_ha", T::kReal},      {"built_ratio", T::kReal},
    {"last_built", T::kDate},  {"status", T::kText},      {"overdue_days", T::kInteger}, {"action", T::kText},
    {"fee_wan", T::kReal},     {"idle_from", T::kDate},   {"recover_from", T::kDate},  {"mode", T::kText},
    {"holder", T::kText},      {"price_wan", T::kReal},   {"idle_cause", T::kText},    {"basis", T::kText},
    {"group_name", T::kText}};

std::vector<OutputField> With(std::vector<OutputField> a, const std::vector<OutputField>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<OutputLayer> Declare() {
  return {
      // a review's own lists first
      {"review", "通报摘要", false,
       {{"period", T::kText}, {"document", T::kText}, {"period_start", T::kDate}, {"period_end", T::kDate},
        {"summary", T::kText}}},
      {"review_county", "全县指标", false,
       {{"figure", T::kText}, {"meaning", T::kText}, {"unit", T::kText}, {"start_value", T::kReal},
        {"end_value", T::kReal}, {"change", T::kReal}}},
      {"review_towns", "镇街进度", false,
       {{"rank", T::kInteger64}, {"town_code", T::kText}, {"town_name", T::kText},
        {"unsupplied_start_ha", T::kReal}, {"unsupplied_end_ha", T::kReal}, {"unsupplied_change_ha", T::kReal},
        {"idle_start_ha", T::kReal}, {"idle_end_ha", T::kReal}, {"idle_change_ha", T::kReal},
        {"revitalized_period_ha", T::kReal}, {"revitalized_ha", T::kReal}, {"target_ha", T::kReal},
        {"completion", T::kReal}, {"elapsed_share", T::kReal}, {"pace", T::kReal}, {"projected_ha", T::kReal},
        {"projected_completion", T::kReal}, {"behind", T::kInteger64}, {"plans_due_n", T::kInteger64},
        {"plans_overdue_n", T::kInteger64}, {"no_plan_n", T::kInteger64}, {"hard_n", T::kInteger64}}},
      {"review_plans", "到期工作方案", false,
       {{"feature_id", T::kText}, {"layer", T::kText}, {"town_code", T::kText}, {"town_name", T::kText},
        {"measure", T::kText}, {"responsible", T::kText}, {"leader", T::kText}, {"due_date", T::kDate},
        {"due_in_period", T::kInteger64}, {"status", T::kText}, {"days_left", T::kInteger64},
        {"area_ha", T::kReal}}},
      {"hard_plots", "重点难点地块", true,
       {{"feature_id", T::kText}, {"kind", T::kText}, {"town_code", T::kText}, {"town_name", T::kText},
        {"area_ha", T::kReal}, {"listed_since", T::kDate}, {"listed_days", T::kInteger64},
        {"longest", T::kInteger64}, {"largest", T::kInteger64}, {"plan_overdue", T::kInteger64},
        {"measure", T::kText}, {"responsible", T::kText}, {"leader", T::kText}, {"due_date", T::kDate}}},
      // the scan's
      {"towns", "乡镇排名", true,
       {{"town_code", T::kText},          {"town_name", T::kText},
        {"unsupplied_ha", T::kReal},      {"idle_ha", T::kReal},
        {"supply_rate", T::kReal},        {"supplied_ha", T::kReal},
        {"stock_ha", T::kReal},           {"stock_share", T::kReal},
        {"revitalized_ha", T::kReal},     {"target_ha", T::kReal},
        {"completion", T::kReal},         {"tax_per_mu", T::kReal},
        {"d_class_ha", T::kReal},         {"score", T::kReal},
        {"rank", T::kInteger},            {"digested_ha", T::kReal},
        {"idle_resolved_ha", T::kReal},   {"window_approved_ha", T::kReal},
        {"window_supplied_ha", T::kReal}, {"below_stock_floor", T::kInteger},
        {"below_supply_rate_floor", T::kInteger}, {"lapsed_approvals", T::kInteger},
        {"warn_lapse_n", T::kInteger},    {"warn_lapse_ha", T::kReal},
        {"warn_idle_n", T::kInteger},     {"warn_idle_ha", T::kReal},
        {"warn_recover_n", T::kInteger},  {"warn_recover_ha", T::kReal},
        {"undetermined_n", T::kInteger},  {"reserve_ha", T::kReal},
        {"unfit_ha", T::kReal},           {"low_efficiency_ha", T::kReal},
        // v3: plans and pace
        {"plans_overdue_n", T::kInteger}, {"no_plan_n", T::kInteger},
        {"elapsed_share", T::kReal},      {"pace", T::kReal},
        {"projected_ha", T::kReal}}},
      {"unsupplied", "批而未供", true,
       With({{"approval_id", T::kText}, {"batch_no", T::kText}, {"town_code", T::kText}, {"approval_date", T::kDate},
             {"age_days", T::kInteger}, {"approved_ha", T::kReal}, {"supplied_ha", T::kReal},
             {"unsupplied_ha", T::kReal}, {"lapsed", T::kInteger}, {"lapse_date", T::kDate}, {"basis", T::kText}},
            kPlan)},
      {"idle", "闲置土地", true, With(kSupply, kPlan)},
      {"warnings", "预警", true,
       {{"kind", T::kText}, {"feature_id", T::kText}, {"town_code", T::kText}, {"event_date", T::kDate},
        {"days_left", T::kInteger}, {"area_ha", T::kReal}, {"basis", T::kText}}},
      {"supply_status", "供地利用状况", true, With(kSupply, kPlan)},
      {"efficiency", "亩均效益", false,
       {{"enterprise_id", T::kText}, {"supply_id", T::kText}, {"town_code", T::kText}, {"year", T::kInteger},
        {"land_mu", T::kReal}, {"tax_per_mu", T::kReal}, {"sales_per_mu", T::kReal}, {"tax_per_energy", T::kReal},
        {"tax_per_emission", T::kReal}, {"labour_productivity", T::kReal}, {"rnd_intensity", T::kReal},
        {"score", T::kReal}, {"class", T::kText}}},
      {"d_class_parcels", "D类企业宗地", true,
       {{"supply_id", T::kText}, {"enterprise_id", T::kText}, {"town_code", T::kText}, {"land_mu", T::kReal},
        {"score", T::kReal}}},
      {"reserve_unsupplied", "收购储备", true,
       {{"reserve_id", T::kText}, {"kind", T::kText}, {"town_code", T::kText}, {"acquired_date", T::kDate},
        {"age_days", T::kInteger}, {"reserve_ha", T::kReal}, {"unsupplied_ha", T::kReal}, {"basis", T::kText}}},
      {"unfit_for_supply", "不具备供地条件", true,
       {{"approval_id", T::kText}, {"town_code", T::kText}, {"unsupplied_ha", T::kReal}, {"constrained_ha", T::kReal},
        {"kinds", T::kText}, {"lapsed", T::kInteger}, {"basis", T::kText}}},
      {"low_efficiency", "低效用地", true,
       {{"supply_id", T::kText}, {"town_code", T::kText}, {"land_use", T::kText}, {"holder", T::kText},
        {"parcel_ha", T::kReal}, {"enterprises_n", T::kInteger}, {"reason", T::kText}, {"tax_per_mu", T::kReal},
        {"basis", T::kText}}},
      {"holders", "企业集团供而未用", false,
       {{"group_name", T::kText}, {"holders_n", T::kInteger}, {"supplies_n", T::kInteger}, {"parcel_ha", T::kReal},
        {"unused_ha", T::kReal}, {"idle_n", T::kInteger}, {"idle_ha", T::kReal}, {"recover_ha", T::kReal},
        {"fee_wan", T::kReal}, {"warn_n", T::kInteger}, {"towns", T::kText}, {"rank", T::kInteger}}},
      // a timeline's
      {"timeline_change", "本月与上月", false,
       {{"rank", T::kInteger64}, {"town_code", T::kText}, {"town_name", T::kText}, {"as_of", T::kDate},
        {"prev_as_of", T::kDate}, {"unsupplied_ha", T::kReal}, {"unsupplied_prev_ha", T::kReal},
        {"unsupplied_change_ha", T::kReal}, {"idle_ha", T::kReal}, {"idle_prev_ha", T::kReal},
        {"idle_change_ha", T::kReal}, {"revitalized_ha", T::kReal}, {"revitalized_prev_ha", T::kReal},
        {"revitalized_change_ha", T::kReal}, {"completion", T::kReal}, {"completion_prev", T::kReal},
        {"completion_change", T::kReal}}},
      {"timeline", "月度通报", false,
       {{"as_of", T::kDate}, {"town_code", T::kText}, {"town_name", T::kText}, {"unsupplied_ha", T::kReal},
        {"idle_ha", T::kReal}, {"revitalized_ha", T::kReal}, {"target_ha", T::kReal}, {"completion", T::kReal},
        {"warn_lapse_n", T::kInteger64}, {"warn_lapse_ha", T::kReal}, {"warn_idle_n", T::kInteger64},
        {"warn_idle_ha", T::kReal}, {"warn_recover_n", T::kInteger64}, {"warn_recover_ha", T::kReal},
        {"undetermined_n", T::kInteger64}, {"reserve_ha", T::kReal}, {"low_efficiency_ha", T::kReal}}},
      // a compare's (and a review's changes)
      {"newly_supplied", "新增供地", true,
       {{"approval_id", T::kText}, {"town_code", T::kText}, {"approval_date", T::kDate},
        {"approved_ha", T::kReal}, {"supplied_ha_from", T::kReal}, {"supplied_ha_to", T::kReal},
        {"newly_supplied_ha", T::kReal}}},
      {"idle_resolved", "闲置处置完成", true,
       {{"supply_id", T::kText}, {"town_code", T::kText}, {"parcel_ha", T::kReal}, {"status_from", T::kText},
        {"status_to", T::kText}, {"built_ha_from", T::kReal}, {"built_ha_to", T::kReal},
        {"action_to", T::kText}}},
      {"newly_idle", "新增闲置", true,
       {{"supply_id", T::kText}, {"town_code", T::kText}, {"parcel_ha", T::kReal}, {"status_from", T::kText},
        {"status_to", T::kText}, {"built_ha_from", T::kReal}, {"built_ha_to", T::kReal},
        {"action_to", T::kText}}},
      {"newly_lapsed", "新增失效", true,
       {{"approval_id", T::kText}, {"town_code", T::kText}, {"approval_date", T::kDate},
        {"lapse_date", T::kDate}, {"unsupplied_ha", T::kReal}}},
      {"newly_reserved", "新增储备", true,
       {{"reserve_id", T::kText}, {"kind", T::kText}, {"town_code", T::kText}, {"acquired_date", T::kDate},
        {"reserve_ha", T::kReal}, {"unsupplied_ha_to", T::kReal}}},
      {"reserve_supplied", "储备供应", true,
       {{"reserve_id", T::kText}, {"town_code", T::kText}, {"reserve_ha", T::kReal},
        {"unsupplied_ha_from", T::kReal}, {"unsupplied_ha_to", T::kReal}, {"newly_supplied_ha", T::kReal}}},
      {"newly_low_efficiency", "新增低效用地", true,
       {{"supply_id", T::kText}, {"town_code", T::kText}, {"parcel_ha", T::kReal}, {"reason_from", T::kText},
        {"reason_to", T::kText}}},
      {"no_longer_low_efficiency", "低效用地退出", true,
       {{"supply_id", T::kText}, {"town_code", T::kText}, {"parcel_ha", T::kReal}, {"reason_from", T::kText},
        {"reason_to", T::kText}}},
      // a scenario run's (each scenario's own layers follow them in the ledger)
      {"comparison", "方案对比", false, {}},  // figure, unit, one real per scenario, meaning
      {"scenarios", "方案说明", false,
       {{"name", T::kText}, {"description", T::kText}, {"source", T::kText}, {"as_of", T::kDate},
        {"input", T::kText}, {"engine_version", T::kText}, {"notes", T::kText}, {"seconds", T::kReal},
        {"overlay_fallbacks", T::kInteger64}, {"overlay_failures", T::kInteger64}}},
      // each scenario's own: <scenario>_plots and so on; the sheet follows the scenario's name
      {"_plots", "复垦地块", true,
       {{"plot_id", T::kText}, {"village", T::kText}, {"kind", T::kText}, {"retained", T::kInteger},
        {"idle", T::kInteger}, {"town_code", T::kText}, {"priority_order", T::kInteger}, {"plot_ha", T::kReal},
        {"reclaimed_ha", T::kReal}}},
      {"_towns", "乡镇平衡", true,
       {{"scope", T::kText}, {"town_code", T::kText}, {"town_name", T::kText}, {"plots", T::kInteger},
        {"plot_ha", T::kReal}, {"reclaimed_ha", T::kReal}, {"resettlement_ha", T::kReal}, {"quota_ha", T::kReal},
        {"demand_table_ha", T::kReal}, {"demand_layer_ha", T::kReal}, {"demand_ha", T::kReal},
        {"balance_ha", T::kReal}, {"over_use", T::kInteger}}},
      {"_riverside", "沿江岸线", false,
       {{"distance_m", T::kReal}, {"scope", T::kText}, {"town_code", T::kText}, {"land_ha", T::kReal},
        {"developed_before_ha", T::kReal}, {"intensity_before", T::kReal}, {"cleared_ha", T::kReal},
        {"developed_after_ha", T::kReal}, {"intensity_after", T::kReal}}},
      {"_clear", "腾退宗地", true,
       {{"supply_id", T::kText}, {"town_code", T::kText}, {"land_use", T::kText}, {"holder", T::kText},
        {"status", T::kText}, {"class", T::kText}, {"enterprises", T::kInteger}, {"parcel_ha", T::kReal},
        {"within_ha", T::kReal}, {"built_ha", T::kReal}, {"rule", T::kInteger}}},
      // what every run has
      {"rejects", "剔除要素", true,
       {{"layer", T::kText}, {"fid", T::kInteger64}, {"feature_id", T::kText}, {"reason", T::kText}}},
      {"undetermined", "未能认定", true,
       {{"layer", T::kText}, {"fid", T::kInteger64}, {"feature_id", T::kText}, {"town_code", T::kText},
        {"determination", T::kText}, {"error", T::kText}}},
      {"plan_status", "工作方案进度", true,
       {{"feature_id", T::kText}, {"layer", T::kText}, {"town_code", T::kText}, {"measure", T::kText},
        {"responsible", T::kText}, {"leader", T::kText}, {"due_date", T::kDate}, {"status", T::kText},
        {"days_left", T::kInteger}, {"area_ha", T::kReal}}},
      {"run", "运行信息", false, {}}};
}

}  // namespace

const std::vector<OutputLayer>& OutputLayers() {
  static const std::vector<OutputLayer> layers = Declare();
  return layers;
}

Table NewTable(const std::string& name) {
  Table t;
  t.name = name;
  if (const OutputLayer* l = FindOutputLayer(name))
    for (const auto& f : l->fields) {
      const Table::Type type = f.type == T::kText ? Table::Type::kText
                               : f.type == T::kReal ? Table::Type::kReal
                               : f.type == T::kDate ? Table::Type::kDate
                                                    : Table::Type::kInteger;
      t.columns.push_back({f.name, type});
    }
  return t;
}

const OutputLayer* FindOutputLayer(const std::string& name) {
  for (const auto& l : OutputLayers())
    if (l.name == name) return &l;
  return FindScenarioLayer(name);
}

const OutputLayer* FindScenarioLayer(const std::string& name) {
  for (const auto& l : OutputLayers())
    if (l.name.front() == '_' && name.size() > l.name.size() &&
        name.compare(name.size() - l.name.size(), l.name.size(), l.name) == 0)
      return &l;
  return nullptr;
}

}  // namespace panhuo
