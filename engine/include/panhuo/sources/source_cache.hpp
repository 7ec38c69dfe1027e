// Internal: the sources of one read, each opened once (per encoding) and kept open until the read
// ends, with the integrity check of a GeoPackage either when it is opened or left to the caller.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"

class GDALDataset;

namespace panhuo::detail {

class SourceCache {
 public:
  // `check_on_open`: a GeoPackage's integrity is checked when it is opened; otherwise the
  // caller has it checked (RawValueChecks) before it trusts what it read.
  explicit SourceCache(bool check_on_open) : check_on_open_(check_on_open) {}
  // The dataset of `source`, opened on first use; an error naming the source when it cannot be
  // opened (or is damaged, with check_on_open). `encoding`: the Shapefile driver's ENCODING open
  // option, "" for none.
  Result<GDALDataset*> Open(const std::string& source, const std::string& encoding = "");
  // `failure` of finding the layers, or the damage of a GeoPackage opened so far when there is
  // one (a damaged page can make a layer or field look missing): the check that would otherwise
  // run beside the read runs now.
  Status DamageOr(Status failure);
  // An error naming the first source whose files changed since it was first opened (replaced
  // under its name, as a copy or a save does, or written in place: device, inode, size or
  // modification time differ), OK when none did. Every handle of the read, the checks' second
  // handles included, was opened in between, so an unchanged source was read as one file.
  Status Unchanged() const;
  // v3: a dataset made from a source (a ledger's plan rows), kept open until the read ends under
  // `key`; the one kept before under the same key when there is one (and `ds` is closed).
  GDALDataset* Keep(const std::string& key, GDALDataset* ds);

 private:
  // What identifies one file of a source at the time it was first opened.
  struct FileState {
    std::string path;
    bool exists = false;
    unsigned long long dev = 0, ino = 0, size = 0;
    long long mtime_ns = 0;
    bool operator==(const FileState&) const = default;
  };
  static FileState StateOf(const std::string& path);
  // The files of `source`: the file, a Shapefile's companions, a folder's files (FileGDB,
  // a folder of Shapefiles); none for a connection string.
  static std::vector<std::string> FilesOf(const std::string& source);
  std::map<std::string, std::vector<FileState>> files_;  // source -> its files when first opened

  struct Closer {
    void operator()(GDALDataset* d) const;
  };
  std::map<std::string, std::unique_ptr<GDALDataset, Closer>> open_;
  bool check_on_open_;
};

}  // namespace panhuo::detail
