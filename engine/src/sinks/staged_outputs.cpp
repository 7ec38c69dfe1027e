#include "panhuo/sinks/staged_outputs.hpp"

#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

namespace panhuo {
namespace {

struct Stage {
  std::mutex mutex;
  bool on = false;
  std::vector<std::pair<std::string, std::string>> waiting;  // partial, final
  std::vector<std::pair<std::string, std::string>> sources;  // GeoPackage, final made from it
};

void RemoveSources(Stage& s) {
  std::error_code ec;
  for (const auto& [gpkg, final] : s.sources) std::filesystem::remove(gpkg, ec);
  s.sources.clear();
}

Stage& TheStage() {
  static Stage s;
  return s;
}

Status Rename(const std::string& partial, const std::string& final) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(partial, ec) && fs::is_directory(final, ec)) {
    // a folder (Shapefiles, a FileGDB) replaces the earlier one: moved aside, then removed
    const std::string old = final + ".replaced";
    fs::remove_all(old, ec);
    fs::rename(final, old, ec);
    if (ec) return Status::Error("cannot replace '" + final + "': " + ec.message());
    fs::rename(partial, final, ec);
    if (ec) {
      fs::rename(old, final, ec);
      fs::remove_all(partial, ec);
      return Status::Error("cannot move '" + partial + "' to '" + final + "'");
    }
    fs::remove_all(old, ec);
    return {};
  }
  fs::rename(partial, final, ec);
  if (!ec) return {};
  std::filesystem::remove(partial, ec);
  return Status::Error("cannot move '" + partial + "' to '" + final + "': " + ec.message());
}

}  // namespace

void BeginStaging() {
  Stage& s = TheStage();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.on = true;
}

Status PublishOutput(const std::string& partial, const std::string& final) {
  Stage& s = TheStage();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.on) {
      s.waiting.emplace_back(partial, final);
      return {};
    }
  }
  return Rename(partial, final);
}

void KeepSourceOf(const std::string& final, const std::string& gpkg) {
  Stage& s = TheStage();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (!s.on) {
    std::error_code ec;
    std::filesystem::remove(gpkg, ec);
    return;
  }
  s.sources.emplace_back(gpkg, final);
}

std::string FinishedPath(const std::string& final) {
  Stage& s = TheStage();
  std::lock_guard<std::mutex> lock(s.mutex);
  for (const auto& [gpkg, name] : s.sources)
    if (name == final) return gpkg;
  for (const auto& [partial, name] : s.waiting)
    if (name == final) return partial;
  return final;
}

void DiscardOutput(const std::string& final) {
  Stage& s = TheStage();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::error_code ec;
  std::filesystem::remove(final, ec);
  std::erase_if(s.waiting, [&](const auto& w) {
    if (w.second != final) return false;
    std::filesystem::remove(w.first, ec);
    return true;
  });
}

Status CommitStaged() {
  Stage& s = TheStage();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.on = false;
  Status first;
  for (const auto& [partial, final] : s.waiting)
    if (Status r = Rename(partial, final); !r.ok() && first.ok()) first = r;
  s.waiting.clear();
  RemoveSources(s);
  return first;
}

void AbortStaged() {
  Stage& s = TheStage();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.on = false;
  std::error_code ec;
  for (const auto& [partial, final] : s.waiting) std::filesystem::remove_all(partial, ec);
  s.waiting.clear();
  RemoveSources(s);
}

}  // namespace panhuo
