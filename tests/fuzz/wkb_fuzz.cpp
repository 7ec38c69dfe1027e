// Fuzzes the reader's geometry path: any bytes as the WKB of a feature, through the quick
// parser or OGR, reprojection-free, then the extent check, validation and repair. Each input
// is tried as a polygon layer's and as the river layer's (lines or polygons) geometry.
#include <gdal_priv.h>

#include <cstddef>
#include <cstdint>

#include "input/geometry_prep.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  GDALAllRegister();
  CPLSetErrorHandler(CPLQuietErrorHandler);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using panhuo::detail::GeomKind;
  for (GeomKind kind : {GeomKind::kPolygon, GeomKind::kLineOrPolygon}) {
    const auto prepared = panhuo::detail::PrepareWkb(data, size, kind, nullptr);
    // a usable geometry has a reason or content, never both
    if (!prepared.reject.empty() && (!prepared.polygons.empty() || !prepared.lines.empty())) __builtin_trap();
  }
  return 0;
}
