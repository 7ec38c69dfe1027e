// A packed (bulk-loaded) R-tree over the envelopes of one layer.
//
// Built once from all envelopes (Boost.Geometry rtree, R*-tree packing of the range
// constructor, 16 entries a node), then read-only: any number of threads may query at once.
// Query results are the indices of the entries whose envelope intersects the window, in
// ascending order, so that callers see the same candidates in the same order every run.
// Cost: build O(n log n); a query O(log n + hits).
//
//   SpatialIndex idx(layer.box);
//   std::vector<uint32_t> hits;
//   idx.Query(window, hits);
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "panhuo/core/geometry.hpp"

namespace panhuo {

class SpatialIndex {
 public:
  SpatialIndex();
  explicit SpatialIndex(const std::vector<Box>& boxes);
  ~SpatialIndex();
  SpatialIndex(SpatialIndex&&) noexcept;
  SpatialIndex& operator=(SpatialIndex&&) noexcept;

  // Appends to `out` (after clearing it) the indices whose box intersects `window`, ascending.
  void Query(const Box& window, std::vector<uint32_t>& out) const;
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace panhuo
