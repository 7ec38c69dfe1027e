#include "gpkg_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "panhuo/model/layer_specs.hpp"

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

// The contract's input layers, in contract order: names, fields and their types from the
// contract's input schema (panhuo/model/layer_specs.hpp), with the geometry type and the
// description each is written with here.
const std::vector<LayerSpec>& Specs() {
  struct Written {
    const char* name;
    OGRwkbGeometryType geom;
    const char* description;
  };
  static const Written kWritten[] = {
      {"towns", wkbPolygon, "镇街及开发区 towns, sub-districts and development zones"},
      {"approvals", wkbMultiPolygon, "农用地转用和土地征收批准 approved conversion and expropriation"},
      {"supplies", wkbMultiPolygon, "供地 land supplied by grant or allocation"},
      {"construction", wkbPolygon, "建设现状 built-up footprints by first observation"},
      {"enterprises", wkbNone, "亩均效益 yearly figures of enterprises"},
      {"rural_plots", wkbPolygon, "村庄建设用地 rural construction land"},
      {"river", wkbUnknown, "长江 the Yangtze mainline"},
      {"targets", wkbNone, "盘活目标 yearly revitalization targets"},
      {"reserves", wkbMultiPolygon, "收购储备 land reserve"},
      {"constraints", wkbMultiPolygon, "规划管控 land on which the plan permits no supply"},
      {"holder_groups", wkbNone, "企业集团 enterprise groups"},
      {"plans", wkbNone, "工作方案 work plans of the listed plots"},
  };
  static const std::vector<LayerSpec> specs = [] {
    using T = ::panhuo::detail::FieldType;
    std::vector<LayerSpec> v;
    for (const auto& c : ::panhuo::detail::LayerSpecs()) {
      const Written* w = std::find_if(std::begin(kWritten), std::end(kWritten),
                                      [&](const Written& x) { return std::strcmp(x.name, c.name) == 0; });
      if (w == std::end(kWritten)) {
        std::fprintf(stderr, "panhuo generate: the contract layer %s has no geometry type here\n", c.name);
        std::abort();
      }
      LayerSpec s{c.name, w->geom, {}, w->description};
      for (const auto& f : c.fields)
        s.fields.push_back({f.name, f.type == T::kText  ? OFTString
                                    : f.type == T::kDate ? OFTDate
                                    : f.type == T::kInt  ? OFTInteger
                                                         : OFTReal});
      v.push_back(std::move(s));
    }
    return v;
  }();
  return specs;
}

}  // namespace panhuo::gen::detail
