#include "panhuo/overlay/separation.hpp"
#include "panhuo/overlay/point_in_polygon.hpp"

#include <algorithm>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <cmath>

namespace panhuo {
namespace bg = boost::geometry;
namespace {

// Squared distance from p to the segment ab.
double PointSegment2(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x() - a.x(), dy = b.y() - a.y();
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x() + t * dx - p.x(), ey = a.y() + t * dy - p.y();
  return ex * ex + ey * ey;
}

double Orient(const Point& a, const Point& b, const Point& c) {
  return (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
}

// Whether segments pq and rs are certainly more than `gap` apart.
bool SegmentsApart(const Point& p, const Point& q, const Point& r, const Point& s, double gap) {
  if (std::max(p.x(), q.x()) + gap < std::min(r.x(), s.x()) || std::max(r.x(), s.x()) + gap < std::min(p.x(), q.x()) ||
      std::max(p.y(), q.y()) + gap < std::min(r.y(), s.y()) || std::max(r.y(), s.y()) + gap < std::min(p.y(), q.y()))
    return true;
  // a proper crossing: the end points strictly on either side of the other segment
  const double d1 = Orient(r, s, p), d2 = Orient(r, s, q), d3 = Orient(p, q, r), d4 = Orient(p, q, s);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return false;
  // otherwise the distance is that of an end point to the other segment
  const double g2 = gap * gap;
  return PointSegment2(p, r, s) > g2 && PointSegment2(q, r, s) > g2 && PointSegment2(r, p, q) > g2 &&
         PointSegment2(s, p, q) > g2;
}

template <typename Fn>
bool EachRing(const MultiPolygon& mp, Fn fn) {
  for (const auto& poly : mp) {
    if (!fn(poly.outer())) return false;
    for (const auto& h : poly.inners())
      if (!fn(h)) return false;
  }
  return true;
}

bool Grown(const Box& b, double gap, const Point& p, const Point& q) {
  return std::max(p.x(), q.x()) >= b.min_corner().x() - gap && std::min(p.x(), q.x()) <= b.max_corner().x() + gap &&
         std::max(p.y(), q.y()) >= b.min_corner().y() - gap && std::min(p.y(), q.y()) <= b.max_corner().y() + gap;
}

// Every edge of ring ra (near b's box) certainly apart from every edge of b.
bool RingApart(const Ring& ra, const MultiPolygon& b, const Box& b_box, double gap) {
  for (size_t i = 0; i + 1 < ra.size(); ++i) {
    const Point &p = ra[i], &q = ra[i + 1];
    if (!Grown(b_box, gap, p, q)) continue;
    const bool ok = EachRing(b, [&](const Ring& rb) {
      for (size_t j = 0; j + 1 < rb.size(); ++j)
        if (!SegmentsApart(p, q, rb[j], rb[j + 1], gap)) return false;
      return true;
    });
    if (!ok) return false;
  }
  return true;
}

bool NoVertexIn(const MultiPolygon& of, const MultiPolygon& in, const Box& in_box) {
  for (const auto& poly : of)
    for (const auto& v : poly.outer())
      if (bg::covered_by(v, in_box) && PointCoveredBy(v, in)) return false;
  return true;
}

}  // namespace

bool CertainlyApart(const MultiPolygon& a, const Box& a_box, const MultiPolygon& b, const Box& b_box, double gap) {
  if (!std::isfinite(gap) || gap <= 0.0) return false;
  if (!EachRing(a, [&](const Ring& ra) { return RingApart(ra, b, b_box, gap); })) return false;
  return NoVertexIn(a, b, b_box) && NoVertexIn(b, a, a_box);
}

}  // namespace panhuo
