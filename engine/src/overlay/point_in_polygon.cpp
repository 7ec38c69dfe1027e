#include "panhuo/overlay/point_in_polygon.hpp"

#include <algorithm>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <cfloat>
#include <cmath>

namespace panhuo {

namespace bg = boost::geometry;

namespace detail {
namespace {

// Where p lies relative to one closed ring: inside, outside, or doubtful (on or near an edge).
PointPlace PlaceInRing(const Point& p, const Ring& ring) {
  const size_t n = ring.size();
  if (n < 3) return PointPlace::kDoubtful;
  const double px = p.x(), py = p.y();
  bool inside = false;
  for (size_t i = 0; i < n; ++i) {
    // every edge, the closing one too (a zero-length edge when the ring is closed)
    const Point& a = ring[i];
    const Point& b = ring[i + 1 < n ? i + 1 : 0];
    const double ax = a.x(), ay = a.y(), bx = b.x(), by = b.y();
    if ((ay > py && by > py) || (ay < py && by < py)) continue;  // wholly above or below: no crossing, not on it
    const bool straddles = (ay > py) != (by > py);
    const bool in_box = px >= std::min(ax, bx) && px <= std::max(ax, bx) && py >= std::min(ay, by) &&
                        py <= std::max(ay, by);
    if (!straddles && !in_box) continue;
    const double ex = bx - ax, ey = by - ay, qx = px - ax, qy = py - ay;
    const double o = ex * qy - ey * qx;
    // rounding error bound of o: the products' relative error, and the coordinates' own
    // rounding carried through the differences
    const double span = (std::fabs(ex) + std::fabs(ey)) * (std::fabs(qx) + std::fabs(qy));
    const double mag = std::max({std::fabs(ax), std::fabs(ay), std::fabs(px), std::fabs(py)});
    const double margin = 1e-12 * span + 8 * DBL_EPSILON * mag * (std::fabs(ex) + std::fabs(ey) + std::fabs(qx) + std::fabs(qy));
    // on or next to the edge, or a crossing whose side is uncertain
    if (std::fabs(o) <= margin) return PointPlace::kDoubtful;
    if (straddles && ((o > 0) == (by > ay))) inside = !inside;  // p left of an upward edge, right of a downward one
  }
  return inside ? PointPlace::kInside : PointPlace::kOutside;
}

}  // namespace

PointPlace PlacePoint(const Point& p, const MultiPolygon& mp) {
  bool doubtful = false;
  for (const auto& poly : mp) {
    const PointPlace shell = PlaceInRing(p, poly.outer());
    if (shell == PointPlace::kDoubtful) {
      doubtful = true;
      continue;
    }
    if (shell == PointPlace::kOutside) continue;
    PointPlace place = PointPlace::kInside;
    for (const auto& hole : poly.inners()) {
      const PointPlace h = PlaceInRing(p, hole);
      if (h == PointPlace::kDoubtful) {
        place = PointPlace::kDoubtful;
        break;
      }
      if (h == PointPlace::kInside) {
        place = PointPlace::kOutside;
        break;
      }
    }
    // polygons of a valid multipolygon have disjoint interiors: clearly inside one is the answer
    if (place == PointPlace::kInside) return PointPlace::kInside;
    if (place == PointPlace::kDoubtful) doubtful = true;
  }
  return doubtful ? PointPlace::kDoubtful : PointPlace::kOutside;
}

}  // namespace detail

namespace {

// The crossing-number answer where it is certain, `boost`'s elsewhere.
template <typename Boost>
bool Answer(const Point& p, const MultiPolygon& mp, Boost boost) {
  switch (detail::PlacePoint(p, mp)) {
    case detail::PointPlace::kInside: return true;
    case detail::PointPlace::kOutside: return false;
    case detail::PointPlace::kDoubtful: break;
  }
  return boost(p, mp);
}

}  // namespace

bool PointWithin(const Point& p, const MultiPolygon& mp) {
  return Answer(p, mp, [](const Point& q, const MultiPolygon& m) { return bg::within(q, m); });
}

bool PointCoveredBy(const Point& p, const MultiPolygon& mp) {
  return Answer(p, mp, [](const Point& q, const MultiPolygon& m) { return bg::covered_by(q, m); });
}

}  // namespace panhuo
