// PointWithin / PointCoveredBy (overlay/point_in_polygon.hpp): Boost's answer on every point,
// the crossing-number answer wherever it is certain, Boost's own where the point is on or near
// the boundary.
#include <gtest/gtest.h>

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <cmath>
#include <vector>

#include "panhuo/overlay/point_in_polygon.hpp"
#include "rng.hpp"

namespace panhuo {
namespace {

namespace bg = boost::geometry;
using detail::PlacePoint;
using detail::PointPlace;

// A star-shaped ring around (cx, cy): n vertices at random radii, counter-clockwise.
Ring Star(testing::SplitMix& rng, double cx, double cy, double r, int n) {
  Ring ring;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * M_PI * i / n, rr = r * (0.5 + 0.5 * rng.Next());
    ring.push_back(Point(cx + rr * std::cos(a), cy + rr * std::sin(a)));
  }
  ring.push_back(ring.front());
  return ring;
}

// Two polygons side by side, the first with a hole, at projected coordinates of a county.
MultiPolygon Case(testing::SplitMix& rng) {
  const double cx = 500000 + 1000 * rng.Next(), cy = 3500000 + 1000 * rng.Next();
  const int n = 4 + static_cast<int>(rng.Next() * 20);
  Polygon a, b;
  a.outer() = Star(rng, cx, cy, 50, n);
  a.inners().push_back(Star(rng, cx, cy, 10, 3 + n / 2));
  b.outer() = Star(rng, cx + 200, cy, 40, n);
  MultiPolygon mp{a, b};
  bg::correct(mp);
  return mp;
}

// Points that test the boundary: every vertex, points on every edge, points off every edge by
// 1e-12 to 1e-2 m on both sides, and points anywhere in the envelope.
std::vector<Point> Probes(testing::SplitMix& rng, const MultiPolygon& mp) {
  std::vector<Point> out;
  auto ring_probes = [&](const Ring& r) {
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      const Point &a = r[i], &b = r[i + 1];
      out.push_back(a);
      const double dx = b.x() - a.x(), dy = b.y() - a.y(), len = std::hypot(dx, dy);
      for (double t : {0.5, rng.Next()}) {
        const Point on(a.x() + t * dx, a.y() + t * dy);
        out.push_back(on);
        for (double off : {1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2})
          for (int side : {-1, 1})
            out.push_back(Point(on.x() - side * off * dy / len, on.y() + side * off * dx / len));
      }
    }
  };
  for (const auto& poly : mp) {
    ring_probes(poly.outer());
    for (const auto& h : poly.inners()) ring_probes(h);
  }
  const Box box = Envelope(mp);
  for (int i = 0; i < 2000; ++i)
    out.push_back(Point(box.min_corner().x() + rng.Next() * (box.max_corner().x() - box.min_corner().x()),
                        box.min_corner().y() + rng.Next() * (box.max_corner().y() - box.min_corner().y())));
  return out;
}

TEST(PointInPolygon, AnswersAreBoostsOnBoundaryNearBoundaryAndRandomPoints) {
  testing::SplitMix rng{42};
  size_t points = 0, random_doubtful = 0, random_points = 0, certain = 0;
  for (int c = 0; c < 200; ++c) {
    const MultiPolygon mp = Case(rng);
    const std::vector<Point> probes = Probes(rng, mp);
    for (size_t i = 0; i < probes.size(); ++i) {
      const Point& p = probes[i];
      const bool within = bg::within(p, mp), covered = bg::covered_by(p, mp);
      ASSERT_EQ(PointWithin(p, mp), within) << "case " << c << " point " << i << bg::wkt(p);
      ASSERT_EQ(PointCoveredBy(p, mp), covered) << "case " << c << " point " << i << bg::wkt(p);
      const PointPlace place = PlacePoint(p, mp);
      // a certain answer is the exact one: Boost agrees and the point is not on the boundary
      if (place == PointPlace::kInside) EXPECT_TRUE(within && covered) << "case " << c << " point " << i;
      if (place == PointPlace::kOutside) EXPECT_TRUE(!within && !covered) << "case " << c << " point " << i;
      certain += place != PointPlace::kDoubtful;
      const bool random = i + 2000 >= probes.size();
      random_points += random;
      random_doubtful += random && place == PointPlace::kDoubtful;
      ++points;
    }
  }
  // the fast answer is the one taken almost everywhere away from the boundary
  EXPECT_LT(random_doubtful, random_points / 1000) << random_doubtful << " of " << random_points;
  std::printf("[pip] %zu points, %zu answered without Boost, %zu of %zu random points doubtful\n", points, certain,
              random_doubtful, random_points);
}

TEST(PointInPolygon, VerticesAndEdgesAreDoubtfulAndBoundaryForBoost) {
  MultiPolygon square{Polygon{{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}}}};
  bg::correct(square);
  for (const Point& p : {Point(0, 0), Point(5, 0), Point(10, 5), Point(0, 7.25)}) {
    EXPECT_EQ(PlacePoint(p, square), PointPlace::kDoubtful) << bg::wkt(p);
    EXPECT_FALSE(PointWithin(p, square));
    EXPECT_TRUE(PointCoveredBy(p, square));
  }
  EXPECT_EQ(PlacePoint(Point(5, 5), square), PointPlace::kInside);
  EXPECT_EQ(PlacePoint(Point(5, 10.5), square), PointPlace::kOutside);
  EXPECT_EQ(PlacePoint(Point(-1, 0), square), PointPlace::kOutside);  // on the line of an edge, off it
}

}  // namespace
}  // namespace panhuo
