#include "panhuo/sources/source_cache.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "panhuo/sources/gpkg_checks.hpp"
#include "panhuo/core/text.hpp"

namespace panhuo::detail {

void SourceCache::Closer::operator()(GDALDataset* d) const { GDALClose(d); }

Result<GDALDataset*> SourceCache::Open(const std::string& source, const std::string& encoding) {
  const std::string key = source + (encoding.empty() ? "" : "\n" + encoding);
  auto it = open_.find(key);
  if (it != open_.end()) return it->second.get();
  if (!files_.count(source)) {  // before the first handle: what is read is then what was seen
    auto& states = files_[source];
    for (const auto& f : FilesOf(source)) states.push_back(StateOf(f));
  }
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

GDALDataset* SourceCache::Keep(const std::string& key, GDALDataset* ds) {
  const std::string k = "\n\n" + key;  // no source's key: a source has one newline at most
  auto it = open_.find(k);
  if (it != open_.end()) {
    GDALClose(ds);
    return it->second.get();
  }
  open_[k].reset(ds);
  return ds;
}

SourceCache::FileState SourceCache::StateOf(const std::string& path) {
  FileState f;
  f.path = path;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return f;
  f.exists = true;
  f.dev = st.st_dev;
  f.ino = st.st_ino;
  f.size = static_cast<unsigned long long>(st.st_size);
  f.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return f;
}

std::vector<std::string> SourceCache::FilesOf(const std::string& source) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(source);
  if (source.rfind("/vsi", 0) == 0) {  // the archive or file behind a GDAL virtual path
    const size_t slash = source.find('/', 1);
    if (slash == std::string::npos) return {};
    p = source.substr(slash);
    while (!p.empty() && p != p.root_path() && !fs::exists(p, ec)) p = p.parent_path();
  }
  std::vector<std::string> out;
  if (fs::is_directory(p, ec)) {
    // ArcGIS puts and takes away its own lock files in a FileGDB it has open: they are no data
    for (const auto& e : fs::directory_iterator(p, ec))
      if (e.is_regular_file(ec) && e.path().extension() != ".lock") out.push_back(e.path().string());
  } else if (fs::is_regular_file(p, ec)) {
    out.push_back(p.string());
    const std::string ext = AsciiLower(p.extension().string());
    if (ext == ".shp" || ext == ".dbf")
      for (const auto& e : fs::directory_iterator(p.parent_path().empty() ? fs::path(".") : p.parent_path(), ec))
        if (e.path() != p && e.is_regular_file(ec) && e.path().stem() == p.stem())
          out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status SourceCache::Unchanged() const {
  for (const auto& [source, states] : files_) {
    for (const auto& before : states)
      if (!(StateOf(before.path) == before))
        return Status::Error("'" + source + "' changed while it was read ('" + before.path +
                             "' was replaced or written to): nothing read from it is used; run again on a copy "
                             "that nothing writes to");
    std::vector<std::string> now = FilesOf(source);
    if (now.size() != states.size())
      return Status::Error("'" + source + "' changed while it was read (files were added or removed): nothing "
                           "read from it is used; run again on a copy that nothing writes to");
  }
  return {};
}

Status SourceCache::DamageOr(Status failure) {
  if (check_on_open_) return failure;
  for (const auto& [key, ds] : open_)
    if (IsGeoPackage(ds.get()))
      if (Status s = CheckGpkgIntegrity(ds.get(), key.substr(0, key.find('\n'))); !s.ok()) return s;
  return failure;
}

}  // namespace panhuo::detail
