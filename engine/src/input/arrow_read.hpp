// Internal: reading a layer through OGR's Arrow stream (GDAL >= 3.6), the fast path of the
// reader: one batch of columns at a time, geometry as WKB, no OGRFeature per row.
#pragma once

#include <gdal_priv.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/sources/raw_layer.hpp"

class OGRLayer;

namespace panhuo::detail {

// One WKB geometry inside the current batch; data == nullptr for a null geometry.
struct WkbView {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

// Appends every feature's fid and field values (spec order; field_index < 0: absent) to `raw`
// and hands each batch's geometries to `on_geometry(first_row, views)` while the batch is alive.
// Returns false, with `raw` untouched, when the stream is unavailable or a column has a type
// this reader does not take (the caller then reads feature by feature); sets `error` on a read
// failure. Stops at the first empty batch (see the caller's ErrorRecorder).
bool ReadArrow(OGRLayer* layer, const LayerSpec& spec, const std::vector<int>& field_index, RawLayer& raw,
               const std::function<void(size_t, const std::vector<WkbView>&)>& on_geometry, Status& error);

}  // namespace panhuo::detail
