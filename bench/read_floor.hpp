// The I/O floor of a scan: every feature and every geometry of every layer of a GDAL vector
// source, read and nothing else done with it. Shared by the panhuo_read_floor tool (used by
// tools/compare_peers.sh, scaling.sh and perf_guard.sh) and the read benchmark's baseline.
//
// What "read" means: with ReadApi::kArrow each layer is streamed through
// OGRLayer::GetArrowStream (GDAL >= 3.6 has a GeoPackage-specialised path; other drivers get
// GDAL's generic one), every record batch is materialised by GDAL, and every geometry's WKB is
// walked to its last coordinate (vertices counted, coordinates summed into a checksum so that
// nothing can be skipped). With ReadApi::kFeature the same is done through GetNextFeature, the
// OGRGeometry of each feature and every field as text: the path panhuo's reader takes. No
// validation, reprojection or conversion to another geometry model: any real analysis costs more
// than this, which is what makes it a floor.
//
// Single-threaded: GDAL datasets are not thread-safe. Cost: one pass over the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"

namespace panhuo::bench {

enum class ReadApi : uint8_t { kArrow, kFeature };
const char* ToString(ReadApi api);

struct LayerFloor {
  std::string name;
  int64_t features = 0;    // rows read
  int64_t geometries = 0;  // non-null geometries walked
  int64_t vertices = 0;
  double seconds = 0.0;
};

struct ReadFloor {
  std::vector<LayerFloor> layers;  // in the source's layer order
  int64_t features = 0, vertices = 0;
  double seconds = 0.0;   // open + read, wall
  double checksum = 0.0;  // sum of x + y of every vertex (and field lengths with kFeature)
};

// Reads every layer of `source` (or only those named in `only`). Errors carry GDAL's message.
Result<ReadFloor> ReadAll(const std::string& source, ReadApi api, const std::vector<std::string>& only = {});

}  // namespace panhuo::bench
