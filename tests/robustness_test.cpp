// Near-degenerate cadastral cases, the kind on which Boost 1.74 gives invalid output or wrong
// areas (shared, nearly collinear edges; copies shifted by 1e-9 .. 1e-6 m). Every area the
// engine reports must match GEOS, and every remainder it hands back must be valid.
#include <gtest/gtest.h>

#include <boost/geometry/algorithms/is_valid.hpp>
#include <array>
#include <cmath>
#include <cstdint>

#include "panhuo/overlay/coverage.hpp"
#include "panhuo/overlay/geos_bridge.hpp"
#include "rng.hpp"
#include "test_county.hpp"

namespace panhuo {
namespace {

using Rng = testing::SplitMix;

// A star-shaped parcel of n vertices around (cx, cy), in county coordinates.
MultiPolygon Parcel(Rng& rng, double cx, double cy, int n) {
  Polygon p;
  for (int i = 0; i < n; ++i) {
    const double ang = -2 * M_PI * i / n;  // clockwise
    const double r = 40 + 30 * rng.Next();
    p.outer().emplace_back(cx + r * std::cos(ang), cy + r * std::sin(ang));
  }
  p.outer().push_back(p.outer().front());
  return MultiPolygon{p};
}

// The part of `a` on one side of a line through its centre (a cadastral split).
MultiPolygon Half(const MultiPolygon& a, double cx, double cy, double angle) {
  const double dx = std::cos(angle), dy = std::sin(angle);
  Polygon cut;
  const double L = 1000;
  cut.outer() = {Point(cx - L * dx, cy - L * dy), Point(cx - L * dx - L * dy, cy - L * dy + L * dx),
                 Point(cx + L * dx - L * dy, cy + L * dy + L * dx), Point(cx + L * dx, cy + L * dy),
                 Point(cx - L * dx, cy - L * dy)};
  boost::geometry::correct(cut);
  Shape sa{&a, Envelope(a), Area(a)};
  MultiPolygon c{cut};
  Shape sc{&c, Envelope(c), Area(c)};
  CoverageOptions o;
  o.want_covered = true;
  o.force_robust = true;
  return Coverage(sa, std::span<const Shape>(&sc, 1), o).covered;
}

MultiPolygon Shifted(const MultiPolygon& a, double d) {
  MultiPolygon out = a;
  for (auto& p : out)
    for (auto& pt : p.outer()) pt = Point(pt.x() + d, pt.y() + d * 0.5);
  return out;
}

TEST(Robustness, NearDegenerateCasesMatchGeos) {
  Rng rng{42};
  int cases = 0;
  std::array<int, 4> fallbacks{};
  for (int i = 0; i < 600; ++i) {
    const double cx = 520000 + 1000 * rng.Next(), cy = 3520000 + 1000 * rng.Next();
    const MultiPolygon a = Parcel(rng, cx, cy, 8 + static_cast<int>(rng.Next() * 24));
    std::vector<MultiPolygon> others = {Half(a, cx, cy, rng.Next() * M_PI), Shifted(a, 1e-9), Shifted(a, 1e-6),
                                        Shifted(a, 1e-3)};
    for (size_t kind = 0; kind < others.size(); ++kind) {
      const MultiPolygon& b = others[kind];
      if (b.empty()) continue;
      Shape sa{&a, Envelope(a), Area(a)}, sb{&b, Envelope(b), Area(b)};
      CoverageOptions fast;
      fast.want_remainder = true;
      const CoverageResult r = Coverage(sa, std::span<const Shape>(&sb, 1), fast);
      CoverageOptions robust = fast;
      robust.force_robust = true;
      const CoverageResult g = Coverage(sa, std::span<const Shape>(&sb, 1), robust);
      const double tol = 1e-6 * sa.area;
      EXPECT_NEAR(r.remainder_area, g.remainder_area, tol) << "case " << i;
      EXPECT_NEAR(r.covered_area, g.covered_area, tol) << "case " << i;
      EXPECT_TRUE(r.remainder.empty() || geos::IsValid(r.remainder)) << "case " << i;
      // the areas-only path (no remainder geometry) checks pieces on the candidate's side
      const CoverageResult areas = Coverage(sa, std::span<const Shape>(&sb, 1), CoverageOptions{});
      EXPECT_NEAR(areas.covered_area, g.covered_area, tol) << "case " << i;
      EXPECT_NEAR(areas.remainder_area, g.remainder_area, tol) << "case " << i;
      ++cases;
      fallbacks[kind] += r.fallback;
    }
  }
  std::printf("[robustness] %d near-degenerate cases; took the robust path: %d of the split halves, %d of the "
              "1e-9 m shifts, %d of the 1e-6 m shifts, %d of the 1e-3 m shifts\n",
              cases, fallbacks[0], fallbacks[1], fallbacks[2], fallbacks[3]);
}

}  // namespace
}  // namespace panhuo
