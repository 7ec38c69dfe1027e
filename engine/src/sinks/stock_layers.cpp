#include "stock_layers.hpp"

#include <cmath>
#include <memory>
#include <optional>

#include "ogr_util.hpp"

namespace panhuo::detail {
namespace {

void SetGeometry(OGRFeature* f, const MultiPolygon& g) { f->SetGeometryDirectly(ToOgrMultiPolygon(g)); }

std::string TownCode(const InputData& d, int32_t t) { return t < 0 ? std::string() : d.towns.code[static_cast<size_t>(t)]; }

}  // namespace

Status WriteReserveLayer(GDALDataset* ds, const County& c, const ScanResult& r, const OGRSpatialReference* srs) {
  const InputData& d = c.data();
  Status st;
  LayerWriter w(ds, "reserve_unsupplied", wkbMultiPolygon, srs, detail::SchemaFields("reserve_unsupplied"), st);
  if (!st.ok()) return st;
  for (const auto& f : r.reserves) {
    if (!f.listed) continue;
    OGRFeature* o = w.New();
    o->SetField("reserve_id", d.reserves.id[f.reserve].c_str());
    SetText(o, "kind", d.reserves.kind[f.reserve]);
    SetText(o, "town_code", TownCode(d, f.town));
    SetDate(o, "acquired_date", d.reserves.acquired_date[f.reserve]);
    o->SetField("age_days", f.age_days);
    o->SetField("reserve_ha", f.reserve_ha);
    o->SetField("unsupplied_ha", f.unsupplied_ha);
    o->SetField("basis", f.basis.c_str());
    SetGeometry(o, f.remainder);
    if (Status s = w.Commit(); !s.ok()) return s;
  }
  return w.Finish();
}

Status WriteUnfitLayer(GDALDataset* ds, const County& c, const ScanResult& r, const OGRSpatialReference* srs) {
  const InputData& d = c.data();
  Status st;
  LayerWriter w(ds, "unfit_for_supply", wkbMultiPolygon, srs, detail::SchemaFields("unfit_for_supply"), st);
  if (!st.ok()) return st;
  for (const auto& f : r.unfit) {
    const ApprovalFinding& a = r.approvals[f.finding];
    OGRFeature* o = w.New();
    o->SetField("approval_id", d.approvals.id[a.approval].c_str());
    SetText(o, "town_code", TownCode(d, a.town));
    o->SetField("unsupplied_ha", a.unsupplied_ha);
    o->SetField("constrained_ha", f.constrained_ha);
    SetText(o, "kinds", f.kinds);
    o->SetField("lapsed", a.lapsed ? 1 : 0);
    o->SetField("basis", f.basis.c_str());
    SetGeometry(o, f.geom);
    if (Status s = w.Commit(); !s.ok()) return s;
  }
  return w.Finish();
}

Status WriteLowEfficiencyLayer(GDALDataset* ds, const County& c, const ScanResult& r, const OGRSpatialReference* srs) {
  const InputData& d = c.data();
  Status st;
  LayerWriter w(ds, "low_efficiency", wkbMultiPolygon, srs, detail::SchemaFields("low_efficiency"), st);
  if (!st.ok()) return st;
  for (const auto& f : r.low_efficiency) {
    const SupplyFinding& s = r.supplies[f.finding];
    OGRFeature* o = w.New();
    o->SetField("supply_id", d.supplies.id[s.supply].c_str());
    SetText(o, "town_code", TownCode(d, s.town));
    SetText(o, "land_use", d.supplies.land_use[s.supply]);
    SetText(o, "holder", d.supplies.holder[s.supply]);
    o->SetField("parcel_ha", s.parcel_ha);
    o->SetField("enterprises_n", f.enterprises_n);
    o->SetField("reason", ToString(f.reason));
    SetReal(o, "tax_per_mu", f.tax_per_mu);
    o->SetField("basis", f.basis.c_str());
    SetGeometry(o, d.supplies.geom[s.supply]);
    if (Status x = w.Commit(); !x.ok()) return x;
  }
  return w.Finish();
}

Status WriteHoldersLayer(GDALDataset* ds, const ScanResult& r) {
  Status st;
  LayerWriter w(ds, "holders", wkbNone, nullptr, detail::SchemaFields("holders"), st);
  if (!st.ok()) return st;
  for (const auto& g : r.holders) {
    OGRFeature* o = w.New();
    o->SetField("group_name", g.group_name.c_str());
    o->SetField("holders_n", g.holders_n);
    o->SetField("supplies_n", g.supplies_n);
    o->SetField("parcel_ha", g.parcel_ha);
    o->SetField("unused_ha", g.unused_ha);
    o->SetField("idle_n", g.idle_n);
    o->SetField("idle_ha", g.idle_ha);
    o->SetField("recover_ha", g.recover_ha);
    o->SetField("fee_wan", g.fee_wan);
    o->SetField("warn_n", g.warn_n);
    SetText(o, "towns", g.towns);
    o->SetField("rank", g.rank);
    if (Status s = w.Commit(); !s.ok()) return s;
  }
  return w.Finish();
}

}  // namespace panhuo::detail
