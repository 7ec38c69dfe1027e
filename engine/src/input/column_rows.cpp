// The typed columns of InputData filled in place, row by row (see column_rows.hpp).
#include "column_rows.hpp"

#include <algorithm>
#include <limits>

namespace panhuo::detail {
namespace {

// The text of a value no longer needed, moved out of it.
std::string Take(Value& v) { return v.kind == Value::Kind::kText ? std::move(v.text) : std::string(); }
double Real(const Value& v) {
  if (v.kind == Value::Kind::kReal) return v.d;
  if (v.kind == Value::Kind::kInt) return static_cast<double>(v.i);
  return std::numeric_limits<double>::quiet_NaN();
}

template <typename... Columns>
void ResizeAll(size_t n, Columns&... columns) {
  (columns.resize(n), ...);
}

}  // namespace

// Every column of layer `name` (its polygon column too when `with_shapes`) sized for n rows,
// each then filled in place (PutRow), the rows in parallel.
void ResizeColumns(const std::string& name, size_t n, InputData& data, PolygonColumn* shapes, bool with_shapes) {
  if (shapes && with_shapes) ResizeAll(n, shapes->fid, shapes->geom, shapes->box, shapes->area_m2);
  if (name == "towns") ResizeAll(n, data.towns.code, data.towns.name, data.towns.kind);
  if (name == "approvals") ResizeAll(n, data.approvals.id, data.approvals.batch_no, data.approvals.kind, data.approvals.date);
  if (name == "supplies")
    ResizeAll(n, data.supplies.id, data.supplies.mode, data.supplies.land_use, data.supplies.holder, data.supplies.date,
              data.supplies.agreed_start, data.supplies.price_wan, data.supplies.idle_cause);
  if (name == "construction") ResizeAll(n, data.construction.date);
  if (name == "enterprises") {
    auto& L = data.enterprises;
    ResizeAll(n, L.fid, L.id, L.supply_id, L.supply, L.year, L.tax_wan, L.sales_wan, L.value_added_wan, L.energy_tce,
              L.emission_t, L.rnd_wan, L.employees);
  }
  if (name == "rural_plots")
    ResizeAll(n, data.rural_plots.id, data.rural_plots.village, data.rural_plots.kind, data.rural_plots.retained,
              data.rural_plots.idle);
  if (name == "river") ResizeAll(n, data.river.fid, data.river.name, data.river.lines, data.river.polygons);
  if (name == "targets") ResizeAll(n, data.targets.fid, data.targets.town_code, data.targets.year, data.targets.target_ha);
  if (name == "reserves") ResizeAll(n, data.reserves.id, data.reserves.acquired_date, data.reserves.kind);
  if (name == "constraints") ResizeAll(n, data.constraints.id, data.constraints.kind, data.constraints.name);
  if (name == "holder_groups") ResizeAll(n, data.holder_groups.fid, data.holder_groups.holder, data.holder_groups.group_name);
  if (name == "plans")
    ResizeAll(n, data.plans.fid, data.plans.feature_id, data.plans.measure, data.plans.responsible, data.plans.leader,
              data.plans.due_date);
}

// The dates of layer `name` that make its report's date range, null for a layer without.
const std::vector<Date>* RangeDates(const std::string& name, const InputData& data) {
  if (name == "approvals") return &data.approvals.date;
  if (name == "supplies") return &data.supplies.date;
  if (name == "construction") return &data.construction.date;
  if (name == "reserves") return &data.reserves.acquired_date;
  if (name == "plans") return &data.plans.due_date;
  return nullptr;
}

LayerKind KindOf(const std::string& name) {
  static const std::pair<const char*, LayerKind> kinds[] = {
      {"towns", LayerKind::kTowns},           {"approvals", LayerKind::kApprovals},
      {"supplies", LayerKind::kSupplies},     {"construction", LayerKind::kConstruction},
      {"enterprises", LayerKind::kEnterprises}, {"rural_plots", LayerKind::kRuralPlots},
      {"river", LayerKind::kRiver},           {"targets", LayerKind::kTargets},
      {"reserves", LayerKind::kReserves},     {"constraints", LayerKind::kConstraints},
      {"holder_groups", LayerKind::kHolderGroups}, {"plans", LayerKind::kPlans}};
  for (const auto& [n, k] : kinds)
    if (name == n) return k;
  return LayerKind::kOther;
}

// The attributes of usable row `row` of `raw` into slot `at` of its layer's columns (sized by
// ResizeColumns); its polygon, when it has one, is the caller's. Each row touches only its own
// slot and its own values, so rows may be put from any number of threads.
void PutRow(LayerKind kind, RawLayer& raw, size_t row, size_t at, InputData& data,
            const std::unordered_map<std::string, uint32_t>& supply_index) {
  const size_t nf = raw.spec->fields.size();
  auto text = [&](size_t k) { return Take(raw.values[row * nf + k]); };
  const RawLayer& v = raw;
  switch (kind) {
    case LayerKind::kTowns: {
      auto& L = data.towns;
      L.code[at] = text(0), L.name[at] = text(1), L.kind[at] = text(2);
      break;
    }
    case LayerKind::kApprovals: {
      auto& L = data.approvals;
      L.id[at] = text(0), L.batch_no[at] = text(1), L.date[at] = v.At(row, 2).date, L.kind[at] = text(3);
      break;
    }
    case LayerKind::kSupplies: {
      auto& L = data.supplies;
      L.id[at] = text(0), L.date[at] = v.At(row, 1).date, L.mode[at] = text(2), L.land_use[at] = text(3);
      L.agreed_start[at] = v.At(row, 4).date, L.price_wan[at] = Real(v.At(row, 5)), L.holder[at] = text(6);
      L.idle_cause[at] = *ParseIdleCause(Text(v.At(row, 7)));
      break;
    }
    case LayerKind::kConstruction: {
      data.construction.date[at] = v.At(row, 1).date;
      break;
    }
    case LayerKind::kEnterprises: {
      auto& L = data.enterprises;
      L.fid[at] = raw.fid[row], L.id[at] = text(0), L.supply_id[at] = text(1);
      L.supply[at] = supply_index.at(L.supply_id[at]);
      L.year[at] = static_cast<int32_t>(v.At(row, 2).i);
      L.tax_wan[at] = Real(v.At(row, 3)), L.sales_wan[at] = Real(v.At(row, 4));
      L.value_added_wan[at] = Real(v.At(row, 5)), L.energy_tce[at] = Real(v.At(row, 6));
      L.emission_t[at] = Real(v.At(row, 7)), L.rnd_wan[at] = Real(v.At(row, 8)), L.employees[at] = Real(v.At(row, 9));
      break;
    }
    case LayerKind::kRuralPlots: {
      auto& L = data.rural_plots;
      auto flag = [](const Value& x) -> int8_t {
        return x.kind == Value::Kind::kInt ? static_cast<int8_t>(x.i != 0) : int8_t{-1};
      };
      L.id[at] = text(0), L.village[at] = text(1), L.kind[at] = text(2);
      L.retained[at] = flag(v.At(row, 3)), L.idle[at] = flag(v.At(row, 4));
      break;
    }
    case LayerKind::kRiver: {
      auto& L = data.river;
      L.fid[at] = raw.fid[row], L.name[at] = text(0);
      L.lines[at] = std::move(raw.lines[row]), L.polygons[at] = std::move(raw.polygons[row]);
      break;
    }
    case LayerKind::kTargets: {
      auto& L = data.targets;
      L.fid[at] = raw.fid[row], L.town_code[at] = text(0);
      L.year[at] = static_cast<int32_t>(v.At(row, 1).i), L.target_ha[at] = Real(v.At(row, 2));
      break;
    }
    case LayerKind::kReserves: {
      auto& L = data.reserves;
      L.id[at] = text(0), L.acquired_date[at] = v.At(row, 1).date, L.kind[at] = text(2);
      break;
    }
    case LayerKind::kConstraints: {
      auto& L = data.constraints;
      L.id[at] = text(0), L.kind[at] = text(1), L.name[at] = text(2);
      break;
    }
    case LayerKind::kHolderGroups: {
      auto& L = data.holder_groups;
      L.fid[at] = raw.fid[row], L.holder[at] = text(0), L.group_name[at] = text(1);
      break;
    }
    case LayerKind::kPlans: {  // v3: work plans
      auto& L = data.plans;
      L.fid[at] = raw.fid[row], L.feature_id[at] = text(0), L.measure[at] = text(1);
      L.responsible[at] = text(2), L.leader[at] = text(3), L.due_date[at] = v.At(row, 4).date;
      break;
    }
    case LayerKind::kOther: break;
  }
}

std::string Text(const Value& v) { return v.kind == Value::Kind::kText ? v.text : std::string(); }

std::optional<IdleCause> ParseIdleCause(const std::string& s) {
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  if (l.empty()) return IdleCause::kNone;
  if (l == "enterprise") return IdleCause::kEnterprise;
  if (l == "government") return IdleCause::kGovernment;
  if (l == "force_majeure") return IdleCause::kForceMajeure;
  if (l == "mixed") return IdleCause::kMixed;
  return std::nullopt;
}

}  // namespace panhuo::detail
