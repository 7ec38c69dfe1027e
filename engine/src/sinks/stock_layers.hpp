// Internal: the v3 stock-list layers of a scan's GeoPackage (reserve_unsupplied,
// unfit_for_supply, low_efficiency, holders), written by WriteScan after the v1/v2 layers.
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include "panhuo/core/status.hpp"
#include "panhuo/scan/scan.hpp"

namespace panhuo::detail {

Status WriteReserveLayer(GDALDataset* ds, const County& c, const ScanResult& r, const OGRSpatialReference* srs);
Status WriteUnfitLayer(GDALDataset* ds, const County& c, const ScanResult& r, const OGRSpatialReference* srs);
Status WriteLowEfficiencyLayer(GDALDataset* ds, const County& c, const ScanResult& r, const OGRSpatialReference* srs);
Status WriteHoldersLayer(GDALDataset* ds, const ScanResult& r);

}  // namespace panhuo::detail
