// A county ready for analysis: the input layers, their packed R-trees, and the town of every
// approval and supply. Built once (indexing and town attribution run in parallel), then
// read-only, so that scans at many dates (timeline, scenarios) share it and may run at once.
//
// Town of a feature (contract): the town whose polygon shares the largest area with it; ties go
// to the smaller town_code; a feature that touches no town has no town (index -1).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/index/spatial_index.hpp"
#include "panhuo/model/layers.hpp"
#include "panhuo/overlay/coverage.hpp"

namespace panhuo {

class County {
 public:
  explicit County(InputData data);

  const InputData& data() const { return data_; }
  const SpatialIndex& towns_index() const { return towns_idx_; }
  const SpatialIndex& approvals_index() const { return approvals_idx_; }
  const SpatialIndex& supplies_index() const { return supplies_idx_; }
  const SpatialIndex& construction_index() const { return construction_idx_; }
  const SpatialIndex& constraints_index() const { return constraints_idx_; }

  int32_t approval_town(size_t i) const { return approval_town_[i]; }
  int32_t supply_town(size_t i) const { return supply_town_[i]; }
  // Town of a reserve (v3); -1 when it shares no area with a town or the overlay failed.
  int32_t reserve_town(size_t i) const { return reserve_town_[i]; }
  // Town (index into towns, or -1) of any polygon; used for layers attributed on demand. When
  // every overlay path fails, -1 and `error` (when given) says why.
  int32_t TownOf(const Shape& s, int64_t* fallbacks = nullptr, std::string* error = nullptr) const;

  static Shape ShapeOf(const PolygonColumn& col, size_t i) {
    return Shape{&col.geom[i], col.box[i], col.area_m2[i]};
  }
  // Towns tile the county: two towns sharing positive area (> kPositiveAreaM2) would count the
  // shared land in neither or in one by chance. An error naming the towns' file and layer, the
  // first such pair (by town order) and the shared area; OK when none overlap.
  Status CheckTownsDisjoint() const;
  // Whether every source file is intact: the verdict of the integrity checks the read left
  // running (InputData::source_verdict), waited for once; OK when none was left. Take it before
  // anything made from the data leaves the process. Thread-safe.
  Status SourcesIntact() const;
  // Overlay fallbacks spent while attributing towns.
  int64_t attribution_fallbacks() const { return attribution_fallbacks_; }
  // Approvals and supplies whose town could not be determined (no town, index -1), in layer
  // and feature order.
  struct AttributionFailure {
    bool supply = false;  // else an approval
    uint32_t index = 0;
    std::string error;
  };
  const std::vector<AttributionFailure>& attribution_failures() const { return attribution_failures_; }
  double index_seconds() const { return index_seconds_; }

 private:
  InputData data_;
  SpatialIndex towns_idx_, approvals_idx_, supplies_idx_, construction_idx_, constraints_idx_;
  std::vector<int32_t> approval_town_, supply_town_, reserve_town_;
  int64_t attribution_fallbacks_ = 0;
  mutable std::once_flag verdict_once_;
  mutable Status verdict_;
  std::vector<AttributionFailure> attribution_failures_;
  double index_seconds_ = 0;
};

}  // namespace panhuo
