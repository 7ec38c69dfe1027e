#include "source_cache.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <sys/stat.h>

#include "gpkg_checks.hpp"
#include "panhuo/io/postgis.hpp"

namespace panhuo::detail {

void SourceCache::Closer::operator()(GDALDataset* d) const { GDALClose(d); }

Result<GDALDataset*> SourceCache::Open(const std::string& source, const std::string& encoding) {
  const std::string key = source + (encoding.empty() ? "" : "\n" + encoding);
  auto it = open_.find(key);
  if (it != open_.end()) return it->second.get();
  CPLErrorReset();
  const std::string option = "ENCODING=" + encoding;
  const char* const options[] = {option.c_str(), nullptr};
  GDALDataset* ds = GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                      encoding.empty() ? nullptr : options);
  if (ds == nullptr) {
    struct stat st;
    if (stat(source.c_str(), &st) != 0 && source.find(':') == std::string::npos)
      return Status::Error("cannot open '" + source + "': no such file");
    std::string why = CPLGetLastErrorMsg();
    if (why.empty()) why = "not a readable vector data source";
    return Status::Error("cannot open '" + MaskPassword(source) + "': " + MaskPassword(why));
  }
  open_[key].reset(ds);
  if (check_on_open_ && IsGeoPackage(ds))
    if (Status s = CheckGpkgIntegrity(ds, source); !s.ok()) return s;
  return ds;
}

Status SourceCache::DamageOr(Status failure) {
  if (check_on_open_) return failure;
  for (const auto& [key, ds] : open_)
    if (IsGeoPackage(ds.get()))
      if (Status s = CheckGpkgIntegrity(ds.get(), key.substr(0, key.find('\n'))); !s.ok()) return s;
  return failure;
}

}  // namespace panhuo::detail
