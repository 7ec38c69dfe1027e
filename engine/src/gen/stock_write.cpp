// Writing the v3 layers of the generated county and their deliberate defects.
#include "gpkg_writer.hpp"

namespace panhuo::gen::detail {

// The v3 layers: reserves (ids by year of acquisition), constraints, holder_groups.
Status WriteStock(const StockData& st, const std::string& id_prefix, Writer& w) {
  static const char* kReserveKinds[] = {"purchase", "recovered", "other"};
  static const char* kConstraintKinds[] = {"ecological_redline", "basic_farmland", "flood_control", "other"};
  static const char* kConstraintNames[] = {"生态保护红线", "永久基本农田保护区", "行洪区", "其他管控区"};
  if (!w.Report("writing reserves")) return Status::Error("cancelled");
  std::vector<int> per_year(200, 0);
  for (size_t k = 0; k < st.reserves.size(); ++k) {
    const int year = st.reserves[k].acquired.Year();
    OGRFeature* f = w.Feature(kReserves);
    f->SetField(0, (id_prefix + Format("CB%d-%04d", year, ++per_year[static_cast<size_t>(year - 1950)])).c_str());
    SetDate(f, 1, st.reserves[k].acquired);
    f->SetField(2, kReserveKinds[st.reserves[k].kind]);
    f->SetGeometryDirectly(MakeGeometry(st.reserves_geom, k, true));
    PANHUO_TRY(w.Write(kReserves));
  }
  for (size_t k = 0; k < st.constraint_kind.size(); ++k) {
    OGRFeature* f = w.Feature(kConstraints);
    f->SetField(0, (id_prefix + Format("GK%06d", static_cast<int>(k) + 1, 0)).c_str());
    f->SetField(1, kConstraintKinds[st.constraint_kind[k]]);
    f->SetField(2, (std::string(kConstraintNames[st.constraint_kind[k]]) + std::to_string(k + 1)).c_str());
    f->SetGeometryDirectly(MakeGeometry(st.constraints_geom, k, true));
    PANHUO_TRY(w.Write(kConstraints));
  }
  for (const auto& [holder, group] : st.holder_groups) {
    OGRFeature* f = w.Feature(kHolderGroups);
    f->SetField(0, holder.c_str());
    f->SetField(1, group.c_str());
    PANHUO_TRY(w.Write(kHolderGroups));
  }
  return {};
}

Status WriteStockDefects(double x, double y, Writer& w) {
  auto fresh = [&](size_t k) {
    OGRFeature* f = w.Feature(k);
    for (int i = 0; i < f->GetFieldCount(); ++i) f->SetFieldNull(i);
    f->SetGeometryDirectly(nullptr);
    return f;
  };
  auto square = [](double x0, double y0, double side) {
    auto* p = new OGRPolygon();
    p->addRingDirectly(RingOf({{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}, {x0, y0}}));
    return p;
  };
  OGRFeature* f = nullptr;
  // v3: a reserve without acquisition date, one repeating an id, a constraint without geometry,
  // a group mapping without group
  f = fresh(kReserves);
  f->SetField("reserve_id", "CB-DEFECT-01");
  f->SetField("kind", "purchase");
  f->SetGeometryDirectly(square(x + 400, y, 30));
  PANHUO_TRY(w.Write(kReserves));
  for (int copy = 0; copy < 2; ++copy) {
    f = fresh(kReserves);
    f->SetField("reserve_id", "CB-DEFECT-02");
    f->SetField("acquired_date", 2019, 5, 1);
    f->SetField("kind", "recovered");
    f->SetGeometryDirectly(square(x + 500 + 100 * copy, y, 30));
    PANHUO_TRY(w.Write(kReserves));
  }
  f = fresh(kConstraints);
  f->SetField("constraint_id", "GK-DEFECT-01");
  f->SetField("kind", "basic_farmland");
  PANHUO_TRY(w.Write(kConstraints));
  f = fresh(kHolderGroups);
  f->SetField("holder", "江阴缺失集团名称有限公司");
  PANHUO_TRY(w.Write(kHolderGroups));
  return {};
}

}  // namespace panhuo::gen::detail
