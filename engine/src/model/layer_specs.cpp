#include "panhuo/model/layer_specs.hpp"

#include "panhuo/model/layers.hpp"

namespace panhuo {
namespace detail {

const std::vector<LayerSpec>& LayerSpecs() {
  using T = FieldType;
  static const std::vector<LayerSpec> specs = {
      {"towns", GeomKind::kPolygon,
       {{"town_code", T::kText, true}, {"town_name", T::kText, false}, {"kind", T::kText, false}},
       {0}},
      {"approvals", GeomKind::kPolygon,
       {{"approval_id", T::kText, true},
        {"batch_no", T::kText, false},
        {"approval_date", T::kDate, true},
        {"kind", T::kText, false}},
       {0},
       2},
      {"supplies", GeomKind::kPolygon,
       {{"supply_id", T::kText, true},
        {"supply_date", T::kDate, true},
        {"mode", T::kText, false},
        {"land_use", T::kText, false},
        {"agreed_start", T::kDate, true},
        {"price_wan", T::kReal, false},
        {"holder", T::kText, false},
        {"idle_cause", T::kText, false}},
       {0},
       1},
      {"construction", GeomKind::kPolygon,
       {{"obs_id", T::kText, false}, {"observed_date", T::kDate, true}},
       {},
       1},
      {"enterprises", GeomKind::kNone,
       {{"enterprise_id", T::kText, true},
        {"supply_id", T::kText, true},
        {"year", T::kInt, true},
        {"tax_wan", T::kReal, false},
        {"sales_wan", T::kReal, false},
        {"value_added_wan", T::kReal, false},
        {"energy_tce", T::kReal, false},
        {"emission_t", T::kReal, false},
        {"rnd_wan", T::kReal, false},
        {"employees", T::kInt, false}},
       {0, 2}},
      {"rural_plots", GeomKind::kPolygon,
       {{"plot_id", T::kText, true},
        {"village", T::kText, false},
        {"kind", T::kText, false},
        {"retained", T::kInt, false},
        {"idle", T::kInt, false}},
       {0}},
      {"river", GeomKind::kLineOrPolygon, {{"name", T::kText, false}}, {}},
      {"targets", GeomKind::kNone,
       {{"town_code", T::kText, true}, {"year", T::kInt, true}, {"target_ha", T::kReal, false}},
       {0, 1}},
      // v3, optional
      {"reserves", GeomKind::kPolygon,
       {{"reserve_id", T::kText, true}, {"acquired_date", T::kDate, true}, {"kind", T::kText, false}},
       {0},
       1},
      {"constraints", GeomKind::kPolygon,
       {{"constraint_id", T::kText, false}, {"kind", T::kText, false}, {"name", T::kText, false}},
       {}},
      {"holder_groups", GeomKind::kNone,
       {{"holder", T::kText, true}, {"group_name", T::kText, true}},
       {0}},
      // ---- v3: work plans ----
      {"plans", GeomKind::kNone,
       {{"feature_id", T::kText, true},
        {"measure", T::kText, false},
        {"responsible", T::kText, false},
        {"leader", T::kText, false},
        {"due_date", T::kDate, true}},
       {0},
       4},
      // ---- end v3: work plans ----
  };
  return specs;
}

}  // namespace detail

const std::vector<std::string>& ContractLayerNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& s : detail::LayerSpecs()) v.push_back(s.name);
    return v;
  }();
  return names;
}

bool InputData::Present(const std::string& layer) const {
  const LayerReport* r = Report(layer);
  return r && r->present;
}

}  // namespace panhuo
