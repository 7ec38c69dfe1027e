#include "gpkg_writer.hpp"

#include <cmath>
#include <cstdio>

namespace panhuo::gen::detail {
namespace {

OGRLinearRing* MakeRing(const Shapes& s, uint32_t r) {
  auto* ring = new OGRLinearRing();
  const uint32_t b = s.PointBegin(r), e = s.PointEnd(r);
  ring->setNumPoints(static_cast<int>(e - b + 1), FALSE);
  for (uint32_t i = b; i < e; ++i)
    ring->setPoint(static_cast<int>(i - b), s.Point(i).x, s.Point(i).y);
  ring->setPoint(static_cast<int>(e - b), s.Point(b).x, s.Point(b).y);
  return ring;
}

OGRPolygon* MakePolygon(const Shapes& s, uint32_t p) {
  auto* poly = new OGRPolygon();
  for (uint32_t r = s.RingBegin(p); r < s.RingEnd(p); ++r) poly->addRingDirectly(MakeRing(s, r));
  return poly;
}

}  // namespace

OGRGeometry* MakeGeometry(const Shapes& s, size_t f, bool multi) {
  if (!multi) return MakePolygon(s, s.PolyBegin(f));
  auto* mp = new OGRMultiPolygon();
  for (uint32_t p = s.PolyBegin(f); p < s.PolyEnd(f); ++p)
    mp->addGeometryDirectly(MakePolygon(s, p));
  return mp;
}

OGRLinearRing* RingOf(const std::vector<XY>& pts) {
  auto* ring = new OGRLinearRing();
  for (const XY& p : pts) ring->addPoint(p.x, p.y);
  ring->addPoint(pts.front().x, pts.front().y);
  return ring;
}

void SetDate(OGRFeature* f, int field, Date d) {
  int y, m, day;
  d.ToYmd(y, m, day);
  f->SetField(field, y, m, day);
}

void SetReal(OGRFeature* f, int field, double v) {
  if (std::isnan(v))
    f->SetFieldNull(field);
  else
    f->SetField(field, v);
}

std::string GdalReason() {
  const char* m = CPLGetLastErrorMsg();
  return m && *m ? std::string(m) : std::string("unknown GDAL error");
}

std::string Format(const char* fmt, int a, int b) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a, b);
  return buf;
}

// The contract's input layers, in contract order.
const std::vector<LayerSpec>& Specs() {
  static const std::vector<LayerSpec> specs = {
      {"towns",
       wkbPolygon,
       {{"town_code", OFTString}, {"town_name", OFTString}, {"kind", OFTString}},
       "镇街及开发区 towns, sub-districts and development zones"},
      {"approvals",
       wkbMultiPolygon,
       {{"approval_id", OFTString},
        {"batch_no", OFTString},
        {"approval_date", OFTDate},
        {"kind", OFTString}},
       "农用地转用和土地征收批准 approved conversion and expropriation"},
      {"supplies",
       wkbMultiPolygon,
       {{"supply_id", OFTString},
        {"supply_date", OFTDate},
        {"mode", OFTString},
        {"land_use", OFTString},
        {"agreed_start", OFTDate},
        {"price_wan", OFTReal},
        {"holder", OFTString},
        {"idle_cause", OFTString}},
       "供地 land supplied by grant or allocation"},
      {"construction",
       wkbPolygon,
       {{"obs_id", OFTString}, {"observed_date", OFTDate}},
       "建设现状 built-up footprints by first observation"},
      {"enterprises",
       wkbNone,
       {{"enterprise_id", OFTString},
        {"supply_id", OFTString},
        {"year", OFTInteger},
        {"tax_wan", OFTReal},
        {"sales_wan", OFTReal},
        {"value_added_wan", OFTReal},
        {"energy_tce", OFTReal},
        {"emission_t", OFTReal},
        {"rnd_wan", OFTReal},
        {"employees", OFTInteger}},
       "亩均效益 yearly figures of enterprises"},
      {"rural_plots",
       wkbPolygon,
       {{"plot_id", OFTString},
        {"village", OFTString},
        {"kind", OFTString},
        {"retained", OFTInteger},
        {"idle", OFTInteger}},
       "村庄建设用地 rural construction land"},
      {"river", wkbUnknown, {{"name", OFTString}}, "长江 the Yangtze mainline"},
      {"targets",
       wkbNone,
       {{"town_code", OFTString}, {"year", OFTInteger}, {"target_ha", OFTReal}},
       "盘活目标 yearly revitalization targets"},
      {"reserves", wkbMultiPolygon, {{"reserve_id", OFTString}, {"acquired_date", OFTDate}, {"kind", OFTString}},
       "收购储备 land reserve"},
      {"constraints", wkbMultiPolygon, {{"constraint_id", OFTString}, {"kind", OFTString}, {"name", OFTString}},
       "规划管控 land on which the plan permits no supply"},
      {"holder_groups", wkbNone, {{"holder", OFTString}, {"group_name", OFTString}}, "企业集团 enterprise groups"},
      {"plans",
       wkbNone,
       {{"feature_id", OFTString},
        {"measure", OFTString},
        {"responsible", OFTString},
        {"leader", OFTString},
        {"due_date", OFTDate}},
       "工作方案 work plans of the listed plots"},
  };
  return specs;
}


}  // namespace panhuo::gen::detail
