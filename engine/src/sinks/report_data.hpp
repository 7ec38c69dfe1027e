// Internal: the payload of the HTML report (panhuo/sinks/report.hpp) as JSON, and the display
// geometry it carries (WGS 84, simplified, delta-encoded micro-degrees).
#pragma once

#include <ogr_spatialref.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "panhuo/sinks/report.hpp"

namespace panhuo::detail {

// Display geometry: each multipolygon becomes [polygon, ...], a polygon [ring, ...], a ring a
// flat list of integers: latitude and longitude of the first vertex in micro-degrees, then the
// differences to the previous vertex. Simplified (topology preserved) by `tolerance_m` first.
class ReportGeometry {
 public:
  ReportGeometry(const std::string& working_crs_wkt, double tolerance_m);
  bool ok() const { return ct_ != nullptr; }
  // What a geometry is drawn for: a town, an approval's remainder, a supply's parcel.
  enum class Source : int64_t { kTown = 0, kApproval = 1, kSupply = 2, kReserve = 3, kUnfit = 4, kRiver = 5 };
  // Index of `mp` in geoms(); the same source and index reuse the first one's entry.
  int Add(Source source, size_t index, const MultiPolygon& mp);
  // Index of `ml` (a river's lines) in geoms(): each line a flat list as a ring above.
  int AddLines(const MultiLineString& ml);
  nlohmann::json& geoms() { return geoms_; }

 private:
  nlohmann::json Encode(const MultiPolygon& mp) const;
  OGRSpatialReference src_, dst_;
  std::unique_ptr<OGRCoordinateTransformation> ct_;
  double tolerance_m_;
  nlohmann::json geoms_ = nlohmann::json::array();
  std::map<std::pair<Source, size_t>, int> index_;
};

// The whole payload: meta, towns (rank order), plots, geometry, timeline, scenarios.
Result<nlohmann::json> ReportPayload(const County& county, const ScanResult& scan, const ReportExtras& extras,
                                     const ReportOptions& options);

}  // namespace panhuo::detail
