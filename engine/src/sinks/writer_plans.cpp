// The work plans of a scan in its output GeoPackage (contract v3).
#include "writer_plans.hpp"

#include <cmath>
#include <memory>

namespace panhuo::detail {

const std::vector<OutputField>& PlanFields() {
  static const std::vector<OutputField> f = {
      {"measure", OFTString}, {"responsible", OFTString}, {"leader", OFTString}, {"due_date", OFTDate}};
  return f;
}

void SetPlanFields(OGRFeature* o, const InputData& d, int32_t plan) {
  if (plan < 0) {
    for (const auto& f : PlanFields()) o->SetFieldNull(o->GetFieldIndex(f.name.c_str()));
    return;
  }
  const auto p = static_cast<size_t>(plan);
  SetText(o, "measure", d.plans.measure[p]);
  SetText(o, "responsible", d.plans.responsible[p]);
  SetText(o, "leader", d.plans.leader[p]);
  SetDate(o, "due_date", d.plans.due_date[p]);
}

void SetTownPlanFields(OGRFeature* o, const TownFinding& t) {
  auto count = [&](const char* field, std::optional<int32_t> v) {
    if (v) o->SetField(field, *v);
    else o->SetFieldNull(o->GetFieldIndex(field));
  };
  count("plans_overdue_n", t.plans_overdue_n);
  count("no_plan_n", t.no_plan_n);
  o->SetField("elapsed_share", t.elapsed_share);
  SetReal(o, "pace", t.pace);
  o->SetField("projected_ha", t.projected_ha);
}

Status WritePlanStatus(GDALDataset* ds, const County& county, const ScanResult& r, const OGRSpatialReference* srs) {
  const InputData& d = county.data();
  Status st;
  LayerWriter w(ds, "plan_status", wkbMultiPolygon, srs, detail::SchemaFields("plan_status"), st);
  if (!st.ok()) return st;
  for (const auto& pf : r.plans) {
    OGRFeature* o = w.New();
    const size_t p = pf.plan;
    o->SetField("feature_id", d.plans.feature_id[p].c_str());
    SetText(o, "layer", pf.layer == 0 ? "approvals" : pf.layer == 1 ? "supplies" : "");
    SetText(o, "town_code", pf.town < 0 ? std::string() : d.towns.code[static_cast<size_t>(pf.town)]);
    SetPlanFields(o, d, static_cast<int32_t>(p));
    o->SetField("status", ToString(pf.status));
    if (pf.days_left) o->SetField("days_left", *pf.days_left);
    else o->SetFieldNull(o->GetFieldIndex("days_left"));
    if (pf.area_ha) o->SetField("area_ha", *pf.area_ha);
    else o->SetFieldNull(o->GetFieldIndex("area_ha"));
    // the listed remainder or parcel; none for resolved and unknown
    if (pf.finding >= 0) {
      const MultiPolygon& g = pf.layer == 0 ? r.approvals[static_cast<size_t>(pf.finding)].remainder
                                            : d.supplies.geom[pf.feature];
      o->SetGeometryDirectly(ToOgrMultiPolygon(g));
    }
    if (Status x = w.Commit(); !x.ok()) return x;
  }
  return w.Finish();
}

}  // namespace panhuo::detail
