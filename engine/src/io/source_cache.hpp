// Internal: the sources of one read, each opened once (per encoding) and kept open until the read
// ends, with the integrity check of a GeoPackage either when it is opened or left to the caller.
#pragma once

#include <map>
#include <memory>
#include <string>

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

 private:
  struct Closer {
    void operator()(GDALDataset* d) const;
  };
  std::map<std::string, std::unique_ptr<GDALDataset, Closer>> open_;
  bool check_on_open_;
};

}  // namespace panhuo::detail
