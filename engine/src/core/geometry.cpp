#include "panhuo/core/geometry.hpp"

#include <algorithm>
#include <limits>

namespace panhuo {
namespace {

double RingSignedArea(const Ring& r) {
  // Shoelace over a closed ring; Boost's clockwise rings give a positive sum with this sign.
  double s = 0.0;
  const size_t n = r.size();
  if (n < 4) return 0.0;
  const double x0 = r[0].x(), y0 = r[0].y();  // shift for precision on large coordinates
  for (size_t i = 0; i + 1 < n; ++i) {
    const double xa = r[i].x() - x0, ya = r[i].y() - y0;
    const double xb = r[i + 1].x() - x0, yb = r[i + 1].y() - y0;
    s += xb * ya - xa * yb;
  }
  return s * 0.5;
}

}  // namespace

Box Envelope(const MultiPolygon& mp) {
  double minx = std::numeric_limits<double>::infinity(), miny = minx;
  double maxx = -minx, maxy = -minx;
  for (const auto& poly : mp)
    for (const auto& p : poly.outer()) {
      minx = std::min(minx, p.x());
      maxx = std::max(maxx, p.x());
      miny = std::min(miny, p.y());
      maxy = std::max(maxy, p.y());
    }
  return Box(Point(minx, miny), Point(maxx, maxy));
}

double Area(const MultiPolygon& mp) {
  double a = 0.0;
  for (const auto& poly : mp) {
    a += RingSignedArea(poly.outer());
    for (const auto& h : poly.inners()) a += RingSignedArea(h);
  }
  return a;
}

bool BoxesIntersect(const Box& a, const Box& b) {
  return a.min_corner().x() <= b.max_corner().x() && b.min_corner().x() <= a.max_corner().x() &&
         a.min_corner().y() <= b.max_corner().y() && b.min_corner().y() <= a.max_corner().y();
}

bool BoxWithin(const Box& in, const Box& out) {
  return in.min_corner().x() >= out.min_corner().x() && in.max_corner().x() <= out.max_corner().x() &&
         in.min_corner().y() >= out.min_corner().y() && in.max_corner().y() <= out.max_corner().y();
}

size_t VertexCount(const MultiPolygon& mp) {
  size_t n = 0;
  for (const auto& poly : mp) {
    n += poly.outer().size();
    for (const auto& h : poly.inners()) n += h.size();
  }
  return n;
}

}  // namespace panhuo
