#include "panhuo/index/spatial_index.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <iterator>
#include <utility>

namespace panhuo {

namespace bgi = boost::geometry::index;
using Entry = std::pair<Box, uint32_t>;

struct SpatialIndex::Impl {
  bgi::rtree<Entry, bgi::rstar<16>> tree;
  explicit Impl(std::vector<Entry>& entries) : tree(entries.begin(), entries.end()) {}
  Impl() = default;
};

SpatialIndex::SpatialIndex() : impl_(std::make_unique<Impl>()) {}

SpatialIndex::SpatialIndex(const std::vector<Box>& boxes) {
  std::vector<Entry> entries;
  entries.reserve(boxes.size());
  for (uint32_t i = 0; i < boxes.size(); ++i) entries.emplace_back(boxes[i], i);
  impl_ = std::make_unique<Impl>(entries);  // packing constructor
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
