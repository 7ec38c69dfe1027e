#include "panhuo/overlay/geos_bridge.hpp"

#include <geos_c.h>

#include <boost/geometry/algorithms/correct.hpp>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace panhuo::geos {
namespace {

// GEOS reports errors through a handler; the last one of each thread is kept for the caller.
thread_local std::string last_error;

void QuietHandler(const char*, void*) {}
void RecordError(const char* message, void*) { last_error = message ? message : ""; }

struct ContextHolder {
  GEOSContextHandle_t h = nullptr;
  ContextHolder() {
    h = GEOS_init_r();
    GEOSContext_setNoticeMessageHandler_r(h, QuietHandler, nullptr);
    GEOSContext_setErrorMessageHandler_r(h, RecordError, nullptr);
  }
  ~ContextHolder() { GEOS_finish_r(h); }
};

GEOSGeometry* MakeRing(GEOSContextHandle_t h, const Ring& r) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(r.size()), 2);
  for (unsigned i = 0; i < r.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, i, r[i].x(), r[i].y());
  return GEOSGeom_createLinearRing_r(h, seq);
}

void ReadRing(GEOSContextHandle_t h, const GEOSGeometry* ring, Ring& out) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
  unsigned n = 0;
  GEOSCoordSeq_getSize_r(h, seq, &n);
  out.clear();
  out.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    double x, y;
    GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
    out.emplace_back(x, y);
  }
}

void CollectPolygons(GEOSContextHandle_t h, const GEOSGeometry* g, MultiPolygon& out) {
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(h, g)) return;
    Polygon p;
    ReadRing(h, GEOSGetExteriorRing_r(h, g), p.outer());
    const int nh = GEOSGetNumInteriorRings_r(h, g);
    p.inners().resize(static_cast<size_t>(nh));
    for (int i = 0; i < nh; ++i) ReadRing(h, GEOSGetInteriorRingN_r(h, g, i), p.inners()[i]);
    out.push_back(std::move(p));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; ++i) CollectPolygons(h, GEOSGetGeometryN_r(h, g, i), out);
  }
}

}  // namespace

GEOSContextHandle_t ThisThread() {
  thread_local ContextHolder holder;
  return holder.h;
}

Geom& Geom::operator=(Geom&& o) noexcept {
  if (this != &o) {
    if (g_) GEOSGeom_destroy_r(ThisThread(), g_);
    g_ = o.g_;
    o.g_ = nullptr;
  }
  return *this;
}

Geom::~Geom() {
  if (g_) GEOSGeom_destroy_r(ThisThread(), g_);
}

Geom FromBoost(const MultiPolygon& mp) {
  GEOSContextHandle_t h = ThisThread();
  std::vector<GEOSGeometry*> polys;
  polys.reserve(mp.size());
  for (const auto& p : mp) {
    GEOSGeometry* shell = MakeRing(h, p.outer());
    std::vector<GEOSGeometry*> holes;
    for (const auto& r : p.inners()) holes.push_back(MakeRing(h, r));
    polys.push_back(GEOSGeom_createPolygon_r(h, shell, holes.empty() ? nullptr : holes.data(),
                                             static_cast<unsigned>(holes.size())));
  }
  return Geom(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys.empty() ? nullptr : polys.data(),
                                          static_cast<unsigned>(polys.size())));
}

MultiPolygon ToBoost(const GEOSGeometry* g) {
  MultiPolygon out;
  if (g) CollectPolygons(ThisThread(), g, out);
  boost::geometry::correct(out);
  return out;
}

bool IsValid(const MultiPolygon& mp) {
  Geom g = FromBoost(mp);
  return GEOSisValid_r(ThisThread(), g.get()) == 1;
}

MultiPolygon MakeValid(const MultiPolygon& mp) {
  Geom g = FromBoost(mp);
  Geom v(GEOSMakeValid_r(ThisThread(), g.get()));
  if (!v) return {};
  return ToBoost(v.get());
}

std::string TakeLastError() {
  std::string e = std::move(last_error);
  last_error.clear();
  return e;
}

double Area(const GEOSGeometry* g) {
  double a = 0.0;
  if (g) GEOSArea_r(ThisThread(), g, &a);
  return a;
}

}  // namespace panhuo::geos
