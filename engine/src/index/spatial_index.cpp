#include "panhuo/index/spatial_index.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <boost/geometry/algorithms/intersects.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <iterator>
#include <numeric>
#include <utility>

namespace panhuo {

namespace bgi = boost::geometry::index;
using Entry = std::pair<Box, uint32_t>;
using Tree = bgi::rtree<Entry, bgi::rstar<16>>;

// The entry of box i, made as the packing algorithm reads it: no county-sized copy of the boxes
// exists beside the tree while it is built.
struct EntryOf {
  const std::vector<Box>* boxes;
  Entry operator()(uint32_t i) const { return {(*boxes)[i], i}; }
};

struct SpatialIndex::Impl {
  std::vector<Tree> trees;  // one, or one a vertical strip of a large layer
};

SpatialIndex::SpatialIndex() : impl_(std::make_unique<Impl>()) {}

SpatialIndex::SpatialIndex(const std::vector<Box>& boxes, size_t entries_a_tree) : impl_(std::make_unique<Impl>()) {
  const size_t n = boxes.size();
  const size_t parts = std::max<size_t>(1, (n + entries_a_tree - 1) / std::max<size_t>(entries_a_tree, 1));
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), uint32_t{0});
  if (parts > 1) {
    // strips by the centres' x, each of n / parts entries (ties by index, so the split is the
    // same every run)
    auto centre_x = [&](uint32_t i) { return boxes[i].min_corner().x() + boxes[i].max_corner().x(); };
    auto before = [&](uint32_t a, uint32_t b) { return centre_x(a) < centre_x(b) || (centre_x(a) == centre_x(b) && a < b); };
    for (size_t p = 1; p < parts; ++p)
      std::nth_element(order.begin() + static_cast<std::ptrdiff_t>((p - 1) * n / parts),
                       order.begin() + static_cast<std::ptrdiff_t>(p * n / parts), order.end(), before);
  }
  impl_->trees.resize(parts);
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) {
    const auto lo = order.begin() + static_cast<std::ptrdiff_t>(p * n / parts);
    const auto hi = order.begin() + static_cast<std::ptrdiff_t>((p + 1) * n / parts);
    impl_->trees[p] = Tree(boost::make_transform_iterator(lo, EntryOf{&boxes}),
                           boost::make_transform_iterator(hi, EntryOf{&boxes}));  // packing constructor
  });
}

SpatialIndex::~SpatialIndex() = default;
SpatialIndex::SpatialIndex(SpatialIndex&&) noexcept = default;
SpatialIndex& SpatialIndex::operator=(SpatialIndex&&) noexcept = default;

void SpatialIndex::Query(const Box& window, std::vector<uint32_t>& out) const {
  out.clear();
  thread_local std::vector<Entry> hits;
  hits.clear();
  for (const Tree& tree : impl_->trees)
    if (!tree.empty() && boost::geometry::intersects(window, tree.bounds()))
      tree.query(bgi::intersects(window), std::back_inserter(hits));
  for (const auto& e : hits) out.push_back(e.second);
  std::sort(out.begin(), out.end());
}

size_t SpatialIndex::size() const {
  size_t n = 0;
  for (const Tree& tree : impl_->trees) n += tree.size();
  return n;
}

}  // namespace panhuo
