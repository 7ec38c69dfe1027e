// The atomic GeoPackage write. While it is written, the file is "<output>.partial" (no .gpkg
// extension) and its SQLite header carries application_id 0 instead of 'GPKG', so that a run
// killed half-way leaves nothing GDAL, QGIS or ogrinfo opens as a GeoPackage: at most a raw
// SQLite database named .partial. After a clean close the header gets 'GPKG' back and the file
// is renamed to the output.
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include <sys/stat.h>

#include "ogr_util.hpp"
#include "panhuo/sinks/output_format.hpp"
#include "panhuo/sinks/output_lock.hpp"
#include "panhuo/sinks/staged_outputs.hpp"
#include "panhuo/sinks/writer.hpp"
#include "styles.hpp"
#include "panhuo/core/trace.hpp"


namespace panhuo {

std::string PartialOutputPath(const std::string& output) { return output + ".partial"; }

std::vector<std::string> PartialOutputFiles(const std::string& output) {
  const std::string tmp = PartialOutputPath(output);
  return {tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"};
}

namespace detail {
namespace {

constexpr long kApplicationIdOffset = 68;  // SQLite file header, big-endian 32-bit

void RemovePartial(const std::string& output) {
  for (const auto& path : PartialOutputFiles(output)) VSIUnlink(path.c_str());
}

// Writes the 4 bytes of the application id into the closed file's header and syncs it.
Status StampApplicationId(const std::string& path, const char id[4]) {
  FILE* f = std::fopen(path.c_str(), "r+b");
  if (!f) return Status::Error("cannot reopen '" + path + "': " + std::strerror(errno));
  bool ok = std::fseek(f, kApplicationIdOffset, SEEK_SET) == 0 && std::fwrite(id, 1, 4, f) == 4 &&
            std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const int err = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return Status::Error("cannot finish '" + path + "': " + std::strerror(err ? err : errno));
  return {};
}

// The identity of the file under `path` (device and inode), {0, 0} when there is none.
std::pair<dev_t, ino_t> FileId(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return {0, 0};
  return {st.st_dev, st.st_ino};
}

}  // namespace

Status WriteGpkgAtomically(const std::string& output, const std::function<Status(GDALDataset*)>& fill,
                           const std::function<Status(const std::string&)>& after_close) {
  const std::string tmp = PartialOutputPath(output);
  // the output is this run's from here on: no other run removes or renames over its partial
  if (Status s = LockOutput(output); !s.ok()) return s;
  RemovePartial(output);
  // GDAL builds R-trees on a thread of its own when allowed to; GDAL 3.6 then aborts the
  // process (std::terminate) when a write fails while that thread runs, as it does when the
  // partial file is removed or the disk fills. The table sinks' layers have no GDAL R-tree (they
  // are packed after the close, gpkg_rtree.hpp); any other layer gets its tree at the close.
  CPLConfigOptionSetter no_rtree_thread("OGR_GPKG_ALLOW_THREADED_RTREE", "NO", false);
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!drv) return Status::Error("the GDAL GeoPackage driver is not available");
  CPLErrorReset();
  GDALDataset* ds = drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) return Status::Error("cannot create '" + tmp + "': " + GdalError());
  const auto created = FileId(tmp);
  // SQLite refuses every write once the file under its name is gone: say that, not its SQL
  auto gone = [&]() -> Status {
    if (FileId(tmp) == created) return {};
    return Status::Error("'" + tmp + "' was removed or replaced by something else while it was written");
  };
  // incomplete until the end: not a GeoPackage to any reader (see the top of this file)
  ds->ExecuteSQL("PRAGMA application_id = 0", nullptr, nullptr);
  Status s = CPLGetLastErrorType() == CE_Failure ? Status::Error("cannot mark '" + tmp + "' incomplete: " + GdalError())
                                                 : fill(ds);
  detail::TraceMark("write: filled");
  if (s.ok()) s = WriteStylesAndTitles(ds);
  detail::TraceMark("write: styles");
  if (Status g = gone(); !g.ok()) s = g;
  CPLErrorReset();
  GDALClose(ds);
  if (CPLGetLastErrorType() == CE_Failure && s.ok()) s = Status::Error("cannot close '" + tmp + "': " + GdalError());
  if (Status g = gone(); !g.ok()) s = g;
  detail::TraceMark("write: closed");
  if (s.ok() && after_close) s = after_close(tmp);
  if (Status g = gone(); !g.ok()) s = g;
  detail::TraceMark("write: rows and indexes");
  if (s.ok()) s = StampApplicationId(tmp, "GPKG");
  if (!s.ok()) {
    RemovePartial(output);
    return Status::Error("writing '" + output + "': " + s.message());
  }
  if (const std::string driver = OutputDriverOf(output); driver != "GPKG") {
    // another format is made from the finished GeoPackage, which the run's CSV and ledger read
    // a driver may insist on its extension (a FileGDB folder ends in .gdb): it stays last
    const std::filesystem::path o(output);
    const std::string converted = o.extension().empty()
                                      ? output + ".partial-out"
                                      : (o.parent_path() / (o.stem().string() + ".partial-out" + o.extension().string())).string();
    std::error_code ec;
    std::filesystem::remove_all(converted, ec);
    s = ConvertGeoPackage(tmp, converted, driver);
    if (!s.ok()) {
      std::filesystem::remove_all(converted, ec);
      RemovePartial(output);
      return Status::Error("writing '" + output + "' (" + driver + "): " + s.message());
    }
    KeepSourceOf(output, tmp);
    return PublishOutput(converted, output);
  }
  return PublishOutput(tmp, output);
}

}  // namespace detail
}  // namespace panhuo
