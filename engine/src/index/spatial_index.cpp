#include "panhuo/index/spatial_index.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <iterator>
#include <utility>

namespace panhuo {

namespace bgi = boost::geometry::index;
using Entry = std::pair<Box, uint32_t>;

// The entry of box i, made as the packing algorithm reads it: no county-sized copy of the boxes
// exists beside the tree while it is built.
struct EntryOf {
  const std::vector<Box>* boxes;
  Entry operator()(uint32_t i) const { return {(*boxes)[i], i}; }
};

struct SpatialIndex::Impl {
  bgi::rtree<Entry, bgi::rstar<16>> tree;
  template <typename It>
  Impl(It first, It last) : tree(first, last) {}  // packing constructor
  Impl() = default;
};

SpatialIndex::SpatialIndex() : impl_(std::make_unique<Impl>()) {}

SpatialIndex::SpatialIndex(const std::vector<Box>& boxes) {
  const auto n = static_cast<uint32_t>(boxes.size());
  auto first = boost::make_transform_iterator(boost::counting_iterator<uint32_t>(0), EntryOf{&boxes});
  auto last = boost::make_transform_iterator(boost::counting_iterator<uint32_t>(n), EntryOf{&boxes});
  impl_ = std::make_unique<Impl>(first, last);
}

SpatialIndex::~SpatialIndex() = default;
SpatialIndex::SpatialIndex(SpatialIndex&&) noexcept = default;
SpatialIndex& SpatialIndex::operator=(SpatialIndex&&) noexcept = default;

void SpatialIndex::Query(const Box& window, std::vector<uint32_t>& out) const {
  out.clear();
  thread_local std::vector<Entry> hits;
  hits.clear();
  impl_->tree.query(bgi::intersects(window), std::back_inserter(hits));
  for (const auto& e : hits) out.push_back(e.second);
  std::sort(out.begin(), out.end());
}

size_t SpatialIndex::size() const { return impl_->tree.size(); }

}  // namespace panhuo
