// The spatial index answers exactly which envelopes meet a window (touching counts, as
// Boost.Geometry's intersects says), in ascending order, whether it is one tree or strips.
#include <gtest/gtest.h>

#include <boost/geometry/algorithms/intersects.hpp>
#include <random>
#include <vector>

#include "panhuo/index/spatial_index.hpp"

namespace panhuo {
namespace {

std::vector<uint32_t> BruteForce(const std::vector<Box>& boxes, const Box& window) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < boxes.size(); ++i)
    if (boost::geometry::intersects(window, boxes[i])) out.push_back(i);
  return out;
}

TEST(SpatialIndex, StripsAnswerAsOneTreeAndAsBruteForce) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> pos(0.0, 10000.0), size(0.0, 40.0);
  std::vector<Box> boxes;
  for (int i = 0; i < 20000; ++i) {
    const double x = pos(rng), y = pos(rng);
    // every tenth a point, every seventh on a shared x (ties in the split)
    const double w = i % 10 == 0 ? 0.0 : size(rng), h = i % 10 == 0 ? 0.0 : size(rng);
    const double x0 = i % 7 == 0 ? 5000.0 : x;
    boxes.emplace_back(Point(x0, y), Point(x0 + w, y + h));
  }
  const SpatialIndex one(boxes, boxes.size()), strips(boxes, 1500), uneven(boxes, 2999);
  EXPECT_EQ(one.size(), boxes.size());
  EXPECT_EQ(strips.size(), boxes.size());
  EXPECT_EQ(uneven.size(), boxes.size());
  std::vector<uint32_t> a, b, c;
  for (int q = 0; q < 400; ++q) {
    Box window;
    if (q % 4 == 0) {
      // a window that only touches a box at its corner
      const Box& of = boxes[static_cast<size_t>(rng() % boxes.size())];
      window = Box(of.max_corner(), Point(of.max_corner().x() + 10, of.max_corner().y() + 10));
    } else {
      const double x = pos(rng), y = pos(rng), s = q % 4 == 1 ? 0.0 : size(rng) * 20;
      window = Box(Point(x, y), Point(x + s, y + s));
    }
    const auto want = BruteForce(boxes, window);
    one.Query(window, a);
    strips.Query(window, b);
    uneven.Query(window, c);
    EXPECT_EQ(a, want) << "query " << q;
    EXPECT_EQ(b, want) << "query " << q;
    EXPECT_EQ(c, want) << "query " << q;
  }
  // an empty layer answers nothing
  const SpatialIndex empty(std::vector<Box>{}, 1);
  empty.Query(Box(Point(0, 0), Point(1, 1)), a);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(empty.size(), 0u);
}

}  // namespace
}  // namespace panhuo
