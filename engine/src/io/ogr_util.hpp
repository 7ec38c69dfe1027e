// Internal: small bridges between the engine and OGR used by every writer.
#pragma once

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>

#include <functional>
#include <string>

#include "panhuo/core/status.hpp"

#include "panhuo/core/geometry.hpp"

namespace panhuo::detail {

// GDAL's last error message, or "unknown reason".
inline std::string GdalError() {
  std::string m = CPLGetLastErrorMsg();
  return m.empty() ? "unknown reason" : m;
}

// A new OGR multipolygon with the same rings (the caller owns it).
inline OGRMultiPolygon* ToOgrMultiPolygon(const MultiPolygon& mp) {
  auto* out = new OGRMultiPolygon();
  auto ring = [](const Ring& r) {
    auto* lr = new OGRLinearRing();
    lr->setNumPoints(static_cast<int>(r.size()), FALSE);
    for (size_t i = 0; i < r.size(); ++i) lr->setPoint(static_cast<int>(i), r[i].x(), r[i].y());
    return lr;
  };
  for (const auto& p : mp) {
    auto* poly = new OGRPolygon();
    poly->addRingDirectly(ring(p.outer()));
    for (const auto& h : p.inners()) poly->addRingDirectly(ring(h));
    out->addGeometryDirectly(poly);
  }
  return out;
}

// Writes a GeoPackage atomically: `fill` writes into "<output>.partial.gpkg", which is closed
// and renamed to `output` only when fill succeeded and the close raised no error; otherwise the
// partial file is removed. Does not check whether `output` may be overwritten.
Status WriteGpkgAtomically(const std::string& output, const std::function<Status(GDALDataset*)>& fill);

}  // namespace panhuo::detail
