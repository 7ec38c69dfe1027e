#include "geometry_prep.hpp"

#include <ogr_geometry.h>

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <cmath>
#include <memory>

#include "panhuo/overlay/geos_bridge.hpp"

namespace panhuo::detail {
namespace {

bool ReadRing(const OGRLinearRing* r, Ring& out) {
  const int n = r->getNumPoints();
  out.clear();
  out.reserve(static_cast<size_t>(n) + 1);
  for (int i = 0; i < n; ++i) {
    const double x = r->getX(i), y = r->getY(i);
    if (!std::isfinite(x) || !std::isfinite(y)) return false;
    out.emplace_back(x, y);
  }
  // close an unclosed ring
  if (!out.empty() && (out.front().x() != out.back().x() || out.front().y() != out.back().y()))
    out.push_back(out.front());
  return true;
}

bool ReadPolygon(const OGRPolygon* p, MultiPolygon& out) {
  if (p->IsEmpty()) return true;
  Polygon poly;
  if (!ReadRing(p->getExteriorRing(), poly.outer())) return false;
  for (int i = 0; i < p->getNumInteriorRings(); ++i) {
    poly.inners().emplace_back();
    if (!ReadRing(p->getInteriorRing(i), poly.inners().back())) return false;
  }
  out.push_back(std::move(poly));
  return true;
}

bool ReadLine(const OGRLineString* l, MultiLineString& out) {
  LineString ls;
  for (int i = 0; i < l->getNumPoints(); ++i) {
    if (!std::isfinite(l->getX(i)) || !std::isfinite(l->getY(i))) return false;
    ls.emplace_back(l->getX(i), l->getY(i));
  }
  if (ls.size() >= 2) out.push_back(std::move(ls));
  return true;
}

}  // namespace

std::string BoostInvalidity(const MultiPolygon& mp) {
  boost::geometry::validity_failure_type failure;
  if (boost::geometry::is_valid(mp, failure)) return {};
  switch (failure) {
    case boost::geometry::failure_few_points: return "too few points";
    case boost::geometry::failure_wrong_topological_dimension: return "collapsed ring";
    case boost::geometry::failure_spikes: return "spike";
    case boost::geometry::failure_duplicate_points: return "duplicate points";
    case boost::geometry::failure_not_closed: return "ring not closed";
    case boost::geometry::failure_self_intersections: return "self-intersection";
    case boost::geometry::failure_wrong_orientation: return "wrong orientation";
    case boost::geometry::failure_interior_rings_outside: return "hole outside shell";
    case boost::geometry::failure_nested_interior_rings: return "nested holes";
    case boost::geometry::failure_disconnected_interior: return "disconnected interior";
    case boost::geometry::failure_intersecting_interiors: return "overlapping parts";
    case boost::geometry::failure_wrong_corner_order: return "wrong corner order";
    case boost::geometry::failure_invalid_coordinate: return "invalid coordinate";
    default: return "invalid";
  }
}

PreparedGeometry PrepareGeometry(OGRGeometry* g, GeomKind kind, OGRCoordinateTransformation* ct) {
  PreparedGeometry out;
  if (g == nullptr) {
    out.reject = "null geometry";
    return out;
  }
  if (g->IsEmpty()) {
    out.reject = "empty geometry";
    return out;
  }
  std::unique_ptr<OGRGeometry> linear;
  if (OGR_GT_IsNonLinear(g->getGeometryType())) {
    linear.reset(g->getLinearGeometry());
    if (!linear) {
      out.reject = "curved geometry could not be linearised";
      return out;
    }
    g = linear.get();
  }
  g->flattenTo2D();
  const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
  const bool polygonal = type == wkbPolygon || type == wkbMultiPolygon;
  const bool linear_type = type == wkbLineString || type == wkbMultiLineString;
  if (!(polygonal || (kind == GeomKind::kLineOrPolygon && linear_type))) {
    out.reject = std::string("geometry type ") + OGRGeometryTypeToName(type) + " not allowed";
    return out;
  }
  if (ct != nullptr && g->transform(ct) != OGRERR_NONE) {
    out.reject = "reprojection failed";
    return out;
  }
  bool finite = true;
  if (type == wkbPolygon) {
    finite = ReadPolygon(g->toPolygon(), out.polygons);
  } else if (type == wkbMultiPolygon) {
    for (const auto* p : g->toMultiPolygon()) finite = finite && ReadPolygon(p, out.polygons);
  } else if (type == wkbLineString) {
    finite = ReadLine(g->toLineString(), out.lines);
  } else {
    for (const auto* l : g->toMultiLineString()) finite = finite && ReadLine(l, out.lines);
  }
  if (!finite) {
    out.reject = "non-finite coordinate";
    return out;
  }
  if (linear_type) {
    if (out.lines.empty()) out.reject = "empty geometry";
    return out;
  }
  if (out.polygons.empty()) {
    out.reject = "empty geometry";
    return out;
  }
  boost::geometry::correct(out.polygons);
  const std::string why = BoostInvalidity(out.polygons);
  if (why.empty()) return out;
  // Boost and GEOS disagree on some edge cases; GEOS is the reference for validity.
  if (geos::IsValid(out.polygons)) return out;
  MultiPolygon fixed = geos::MakeValid(out.polygons);
  if (fixed.empty() || Area(fixed) <= 0.0) {
    out.reject = "invalid polygon (" + why + ") cannot be repaired to a non-empty polygon";
    out.polygons.clear();
    return out;
  }
  out.polygons = std::move(fixed);
  out.repaired = true;
  return out;
}

}  // namespace panhuo::detail
