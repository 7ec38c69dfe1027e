#include <cpl_vsi.h>

#include <filesystem>

#include "ogr_util.hpp"
#include "styles.hpp"

namespace panhuo::detail {

Status WriteGpkgAtomically(const std::string& output, const std::function<Status(GDALDataset*)>& fill) {
  const std::string tmp = output + ".partial.gpkg";
  VSIUnlink(tmp.c_str());
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!drv) return Status::Error("the GDAL GeoPackage driver is not available");
  CPLErrorReset();
  GDALDataset* ds = drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) return Status::Error("cannot create '" + tmp + "': " + GdalError());
  Status s = fill(ds);
  if (s.ok()) s = WriteStylesAndTitles(ds);
  CPLErrorReset();
  GDALClose(ds);
  if (CPLGetLastErrorType() == CE_Failure && s.ok()) s = Status::Error("cannot close '" + tmp + "': " + GdalError());
  if (!s.ok()) {
    VSIUnlink(tmp.c_str());
    return Status::Error("writing '" + output + "': " + s.message());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, output, ec);
  if (ec) {
    VSIUnlink(tmp.c_str());
    return Status::Error("cannot move '" + tmp + "' to '" + output + "': " + ec.message());
  }
  return {};
}

}  // namespace panhuo::detail
