#include "geometry_prep.hpp"

#include <ogr_geometry.h>

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/algorithms/num_points.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
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
    out.polygons.clear();
    out.lines.clear();
    out.reject = "non-finite coordinate";
    return out;
  }
  if (!WithinPlausibleExtent(out)) return out;
  if (linear_type) {
    if (out.lines.empty()) out.reject = "empty geometry";
    return out;
  }
  FinishPolygons(out);
  return out;
}

namespace {

double Cross(const Point& a, const Point& b, const Point& c) {
  return (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
}

bool Meet(const Point& p, const Point& q, const Point& r, const Point& t) {
  if (std::max(p.x(), q.x()) < std::min(r.x(), t.x()) || std::max(r.x(), t.x()) < std::min(p.x(), q.x()) ||
      std::max(p.y(), q.y()) < std::min(r.y(), t.y()) || std::max(r.y(), t.y()) < std::min(p.y(), q.y()))
    return false;
  const double d1 = Cross(r, t, p), d2 = Cross(r, t, q), d3 = Cross(p, q, r), d4 = Cross(p, q, t);
  const bool apart = (d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0) || (d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0);
  return !apart;
}

// A quick, conservative validity test for the common parcel: one polygon, no hole, a small
// simple ring (no repeated vertex, no spike, no two edges meeting but neighbours at their shared
// vertex) of positive area. False whenever in doubt; the full Boost and GEOS checks then decide.
bool ObviouslyValid(const MultiPolygon& mp) {
  if (mp.size() != 1 || !mp[0].inners().empty()) return false;
  const Ring& r = mp[0].outer();
  const size_t n = r.size();  // closed: r[n-1] == r[0]
  if (n < 4 || n > 65 || Area(mp) <= 0.0) return false;
  for (size_t i = 0; i + 1 < n; ++i)
    for (size_t j = i + 1; j + 1 < n; ++j)
      if (r[i].x() == r[j].x() && r[i].y() == r[j].y()) return false;  // repeated vertex
  const size_t m = n - 1;  // edges i: r[i] -> r[i+1]
  for (size_t i = 0; i < m; ++i) {
    // neighbours must not fold back on each other (a spike)
    const Point &a = r[(i + m - 1) % m], &b = r[i], &c = r[i + 1];
    if (Cross(a, b, c) == 0.0 &&
        (b.x() - a.x()) * (c.x() - b.x()) + (b.y() - a.y()) * (c.y() - b.y()) <= 0.0)
      return false;
    for (size_t j = i + 2; j < m; ++j) {
      if (i == 0 && j == m - 1) continue;  // neighbours through the closing vertex
      if (Meet(r[i], r[i + 1], r[j], r[j + 1])) return false;
    }
  }
  return true;
}

}  // namespace

void FinishPolygons(PreparedGeometry& out) {
  // a polygon whose rings hold no point is nothing (as OGR's IsEmpty says); one with a point-less
  // ring beside rings that have points is a bad ring
  auto no_points = [](const Ring& r) { return r.empty(); };
  std::erase_if(out.polygons, [&](const Polygon& p) {
    return p.outer().empty() && std::all_of(p.inners().begin(), p.inners().end(), no_points);
  });
  for (const auto& p : out.polygons)
    if (p.outer().empty() || std::any_of(p.inners().begin(), p.inners().end(), no_points)) {
      out.reject = "invalid polygon (a ring without points)";
      out.polygons.clear();
      return;
    }
  if (out.polygons.empty()) {
    out.reject = "empty geometry";
    return;
  }
  if (out.polygons.size() > kMaxPolygonParts) {
    out.reject = "polygon of " + std::to_string(out.polygons.size()) + " parts, beyond the limit of " +
                 std::to_string(kMaxPolygonParts);
    out.polygons.clear();
    return;
  }
  const size_t vertices = boost::geometry::num_points(out.polygons);
  if (vertices > kMaxPolygonVertices) {
    out.reject = "polygon of " + std::to_string(vertices) + " vertices, beyond the limit of " +
                 std::to_string(kMaxPolygonVertices);
    out.polygons.clear();
    return;
  }
  boost::geometry::correct(out.polygons);
  if (ObviouslyValid(out.polygons)) return;
  // Boost 1.74's validity check is quadratic on a self-intersecting ring (102 s at 100,000
  // vertices); GEOS's is O(n log n) and decides large polygons alone
  const std::string why = vertices > kBoostValidityVertices ? std::string("invalid") : BoostInvalidity(out.polygons);
  if (why.empty()) return;
  // Boost and GEOS disagree on some edge cases; GEOS is the reference for validity.
  if (geos::IsValid(out.polygons)) return;
  if (vertices > kMaxRepairVertices) {
    out.reject = "invalid polygon of " + std::to_string(vertices) + " vertices, too large to repair (limit " +
                 std::to_string(kMaxRepairVertices) + ")";
    out.polygons.clear();
    return;
  }
  MultiPolygon fixed = geos::MakeValid(out.polygons);
  if (fixed.empty() || Area(fixed) <= 0.0) {
    out.reject = "invalid polygon (" + why + ") cannot be repaired to a non-empty polygon";
    out.polygons.clear();
    return;
  }
  if (fixed.size() > kMaxRepairedPieces && fixed.size() > 4 * out.polygons.size()) {
    out.reject = "invalid polygon of " + std::to_string(vertices) + " vertices that repairs into " +
                 std::to_string(fixed.size()) + " separate pieces (limit " + std::to_string(kMaxRepairedPieces) +
                 "): it crosses itself too often to stand for one parcel";
    out.polygons.clear();
    return;
  }
  out.polygons = std::move(fixed);
  out.repaired = true;
}

bool WithinPlausibleExtent(PreparedGeometry& g) {
  // beyond the extent, or nearer 0 than a micrometre but not 0 (1e-144, a denormal 3e-315): no
  // position in metres; GEOS's repair of a ring mixing such values with ordinary ones runs for ever
  bool beyond = false, tiny = false;
  auto look = [&](const auto& points) {
    for (const auto& p : points)
      for (const double v : {p.x(), p.y()}) {
        beyond = beyond || !(std::fabs(v) <= kPlausibleExtentM);
        tiny = tiny || (v != 0.0 && std::fabs(v) < kSmallestCoordinateM);
      }
  };
  for (const auto& p : g.polygons) {
    look(p.outer());
    for (const auto& h : p.inners()) look(h);
  }
  for (const auto& l : g.lines) look(l);
  if (!beyond && !tiny) return true;
  g.polygons.clear();
  g.lines.clear();
  g.reject = beyond ? "coordinate beyond the plausible extent (|x| or |y| > 1e8 m in the working CRS)"
                    : "coordinate nearer 0 than 1e-6 m but not 0 in the working CRS: no position in metres";
  return false;
}

}  // namespace panhuo::detail

namespace panhuo::detail {
namespace {

class WkbCursor {
 public:
  WkbCursor(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}
  bool Byte(uint8_t& v) {
    if (p_ + 1 > end_) return false;
    v = *p_++;
    return true;
  }
  bool U32(uint32_t& v, bool little) {
    if (p_ + 4 > end_) return false;
    v = little ? (uint32_t(p_[0]) | uint32_t(p_[1]) << 8 | uint32_t(p_[2]) << 16 | uint32_t(p_[3]) << 24)
               : (uint32_t(p_[3]) | uint32_t(p_[2]) << 8 | uint32_t(p_[1]) << 16 | uint32_t(p_[0]) << 24);
    p_ += 4;
    return true;
  }
  bool F64(double& v, bool little) {
    if (p_ + 8 > end_) return false;
    uint8_t b[8];
    for (int i = 0; i < 8; ++i) b[i] = little ? p_[i] : p_[7 - i];
    std::memcpy(&v, b, 8);
    p_ += 8;
    return true;
  }
  bool Skip(size_t n) {
    if (n > Remaining()) return false;
    p_ += n;
    return true;
  }
  size_t Remaining() const { return static_cast<size_t>(end_ - p_); }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// Header of one geometry: byte order, flat type (1..7) and the number of extra ordinates.
bool Header(WkbCursor& c, bool& little, uint32_t& flat, int& extra) {
  uint8_t order;
  uint32_t type;
  if (!c.Byte(order) || order > 1) return false;
  little = order == 1;
  if (!c.U32(type, little)) return false;
  extra = 0;
  if (type & 0x80000000u) ++extra;  // EWKB Z
  if (type & 0x40000000u) ++extra;  // EWKB M
  if (type & 0x20000000u) return false;  // EWKB SRID: not expected here
  type &= 0x0FFFFFFFu;
  const uint32_t dims = type / 1000;
  if (dims > 3) return false;
  extra += dims == 0 ? 0 : dims == 3 ? 2 : 1;
  flat = type % 1000;
  return true;
}

bool Points(WkbCursor& c, bool little, int extra, std::vector<Point>& out, bool& finite) {
  uint32_t n;
  if (!c.U32(n, little)) return false;
  // a count the remaining bytes cannot hold is malformed: never allocate for it
  const size_t point_bytes = 16 + static_cast<size_t>(extra) * 8;
  if (n > c.Remaining() / point_bytes) return false;
  out.clear();
  out.reserve(static_cast<size_t>(n) + 1);
  for (uint32_t i = 0; i < n; ++i) {
    double x, y;
    if (!c.F64(x, little) || !c.F64(y, little) || !c.Skip(static_cast<size_t>(extra) * 8)) return false;
    if (!std::isfinite(x) || !std::isfinite(y)) finite = false;
    out.emplace_back(x, y);
  }
  return true;
}

bool PolygonBody(WkbCursor& c, bool little, int extra, MultiPolygon& out, bool& finite) {
  uint32_t rings;
  if (!c.U32(rings, little)) return false;
  if (rings == 0) return true;  // an empty polygon
  Polygon poly;
  for (uint32_t r = 0; r < rings; ++r) {
    Ring ring;
    if (!Points(c, little, extra, ring, finite)) return false;
    if (!ring.empty() && (ring.front().x() != ring.back().x() || ring.front().y() != ring.back().y()))
      ring.push_back(ring.front());
    if (r == 0) poly.outer() = std::move(ring);
    else poly.inners().push_back(std::move(ring));
  }
  out.push_back(std::move(poly));
  return true;
}

}  // namespace

bool Reproject(PreparedGeometry& g, OGRCoordinateTransformation* ct) {
  std::vector<double> xs, ys;
  auto one = [&](auto& points) {
    xs.resize(points.size());
    ys.resize(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
      xs[i] = points[i].x();
      ys[i] = points[i].y();
    }
    if (points.empty()) return true;
    if (!ct->Transform(points.size(), xs.data(), ys.data())) return false;
    for (size_t i = 0; i < points.size(); ++i) points[i] = Point(xs[i], ys[i]);
    return true;
  };
  for (auto& p : g.polygons) {
    if (!one(p.outer())) return false;
    for (auto& h : p.inners())
      if (!one(h)) return false;
  }
  for (auto& l : g.lines)
    if (!one(l)) return false;
  return true;
}

bool ParseSimpleWkb(const uint8_t* wkb, size_t size, GeomKind kind, PreparedGeometry& out) {
  WkbCursor c(wkb, size);
  bool little;
  uint32_t flat;
  int extra;
  if (!Header(c, little, flat, extra)) return false;
  const bool polygonal = flat == 3 || flat == 6;
  const bool linear = flat == 2 || flat == 5;
  if (!polygonal && !(linear && kind == GeomKind::kLineOrPolygon)) return false;  // OGR names it
  bool finite = true;
  if (flat == 3) {
    if (!PolygonBody(c, little, extra, out.polygons, finite)) return false;
  } else if (flat == 6) {
    uint32_t n;
    if (!c.U32(n, little)) return false;
    for (uint32_t i = 0; i < n; ++i) {
      bool l2;
      uint32_t f2;
      int e2;
      if (!Header(c, l2, f2, e2) || f2 != 3 || !PolygonBody(c, l2, e2, out.polygons, finite)) return false;
    }
  } else {
    uint32_t n = 1;
    if (flat == 5 && !c.U32(n, little)) return false;
    for (uint32_t i = 0; i < n; ++i) {
      bool l2 = little;
      int e2 = extra;
      if (flat == 5) {
        uint32_t f2;
        if (!Header(c, l2, f2, e2) || f2 != 2) return false;
      }
      LineString ls;
      if (!Points(c, l2, e2, ls, finite)) return false;
      if (ls.size() >= 2) out.lines.push_back(std::move(ls));
    }
  }
  if (!finite) {
    out.polygons.clear();
    out.lines.clear();
    out.reject = "non-finite coordinate";
  }
  return true;
}

}  // namespace panhuo::detail

namespace panhuo::detail {

PreparedGeometry PrepareWkb(const uint8_t* wkb, size_t size, GeomKind kind, OGRCoordinateTransformation* ct) {
  PreparedGeometry prepared;
  if (wkb == nullptr) {
    prepared.reject = "null geometry";
  } else if (ParseSimpleWkb(wkb, size, kind, prepared)) {
    if (prepared.reject.empty() && ct && !Reproject(prepared, ct)) {
      prepared = PreparedGeometry{};
      prepared.reject = "reprojection failed";
    }
    if (prepared.reject.empty() && WithinPlausibleExtent(prepared) && prepared.lines.empty()) FinishPolygons(prepared);
  } else {
    // anything else (curves, collections, points, malformed) goes through OGR, which checks
    // every count against `size`
    OGRGeometry* g = nullptr;
    if (size > static_cast<size_t>(INT32_MAX) ||
        OGRGeometryFactory::createFromWkb(wkb, nullptr, &g, static_cast<int>(size)) != OGRERR_NONE || !g) {
      prepared = PreparedGeometry{};
      prepared.reject = "unreadable geometry";
    } else {
      std::unique_ptr<OGRGeometry> owner(g);
      prepared = PrepareGeometry(g, kind, ct);
    }
  }
  return prepared;
}

}  // namespace panhuo::detail
