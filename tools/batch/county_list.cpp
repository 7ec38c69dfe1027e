#include "county_list.hpp"

#include "county_list_rows.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>

namespace panhuo::cli::batch {
namespace {

namespace fs = std::filesystem;

// One CSV record: fields split at commas outside double quotes ("" is a quote).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& f : out) {
    const auto b = f.find_first_not_of(" \t");
    f = b == std::string::npos ? "" : f.substr(b, f.find_last_not_of(" \t") - b + 1);
  }
  return out;
}

// A path of the list taken from the list's folder; a source with a scheme stays as it is.
std::string Resolve(const fs::path& folder, const std::string& value) {
  if (value.empty() || value.find(':') != std::string::npos || fs::path(value).is_absolute()) return value;
  return (folder / value).lexically_normal().string();
}

bool SafeCode(const std::string& code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

uint64_t BytesOf(const std::string& source) {
  std::error_code ec;
  if (fs::is_regular_file(source, ec)) return fs::file_size(source, ec);
  uint64_t bytes = 0;
  if (fs::is_directory(source, ec))
    for (const auto& e : fs::directory_iterator(source, ec))
      if (e.is_regular_file(ec)) bytes += e.file_size(ec);
  return bytes;
}

}  // namespace

namespace detail {

std::vector<std::string> SourcesOf(const CountyJob& job) {
  std::vector<std::string> s = {job.input.input};
  if (!job.input.field_map.empty()) s.push_back(job.input.field_map);
  for (const auto& spec : job.input.layer_sources) s.push_back(spec.substr(spec.find('=') + 1));
  return s;
}

Status CheckHeader(const std::string& where, const std::vector<std::string>& header, const HeaderWords& words) {
  const auto& layers = ContractLayerNames();
  auto shown = [&](const std::string& h) { return h.rfind("layer:", 0) == 0 ? words.layer + h.substr(6) : h; };
  std::set<std::string> seen;
  for (const auto& h : header) {
    const bool known = h == "county_code" || h == "county_name" || h == "input" || h == "field_map" ||
                       h == "schema" || h == "encoding" ||
                       (h.rfind("layer:", 0) == 0 && std::count(layers.begin(), layers.end(), h.substr(6)));
    if (!known)
      return Status::Error(where + "unknown " + words.noun + " '" + shown(h) + "' (known: county_code, county_name, "
                           "input, field_map, " + words.layer + "<contract layer>, schema, encoding)");
    if (!seen.insert(h).second) return Status::Error(where + words.noun + " '" + shown(h) + "' repeated");
  }
  for (const char* need : {"county_code", "county_name", "input"})
    if (!seen.count(need)) return Status::Error(where + "no " + words.noun + " '" + std::string(need) + "'");
  return {};
}

Result<CountyJob> ParseRow(const std::string& path, int line, const std::vector<std::string>& header,
                           const std::vector<std::string>& cells) {
  const fs::path folder = fs::path(path).parent_path();
  auto where = [&](const std::string& column) {
    return "county list '" + path + "', line " + std::to_string(line) + ", column '" + column + "': ";
  };
  if (cells.size() != header.size())
    return Status::Error("county list '" + path + "', line " + std::to_string(line) + ": " +
                         std::to_string(cells.size()) + " fields, the header has " + std::to_string(header.size()));
  CountyJob job;
  job.line = line;
  for (size_t k = 0; k < header.size(); ++k) {
    const std::string& h = header[k];
    const std::string& v = cells[k];
    if (h == "county_code") job.code = v;
    else if (h == "county_name") job.name = v;
    else if (h == "input") job.input.input = Resolve(folder, v);
    else if (h == "field_map") job.input.field_map = Resolve(folder, v);
    else if (h.rfind("layer:", 0) == 0 && !v.empty()) job.input.layer_sources.push_back(h.substr(6) + "=" + Resolve(folder, v));
    else if (h == "schema" && !v.empty() && v != "zh")
      return Status::Error(where(h) + "'" + v + "' is not a schema (zh, or empty for the contract's names only)");
    else if (h == "schema") job.input.schema = v;
    else if (h == "encoding") job.input.encoding = v;
  }
  if (!SafeCode(job.code)) return Status::Error(where("county_code") + "'" + job.code + "' is not a code (letters, digits, - and _)");
  if (job.input.input.empty()) return Status::Error(where("input") + "no input for county " + job.code);
  return job;
}

Status AddJob(const std::string& path, int line, CountyJob job, std::vector<CountyJob>& jobs) {
  for (const auto& other : jobs)
    if (other.code == job.code)
      return Status::Error("county list '" + path + "', line " + std::to_string(line) + ": county " + job.code +
                           " listed twice");
  for (const auto& s : SourcesOf(job)) job.input_bytes += BytesOf(s);
  jobs.push_back(std::move(job));
  return {};
}

}  // namespace detail

using namespace detail;

Result<std::vector<CountyJob>> ReadCountyList(const std::string& path) {
  if (fs::path(path).extension() == ".toml") return ReadCountyListToml(path);
  std::ifstream in(path);
  if (!in) return Status::Error("cannot open county list '" + path + "'");
  std::string text;
  std::vector<std::string> header;
  std::vector<CountyJob> jobs;
  for (int line = 1; std::getline(in, text); ++line) {
    if (line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a spreadsheet's BOM
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t,") == std::string::npos) continue;
    if (header.empty()) {
      header = SplitCsv(text);
      const std::string where = "county list '" + path + "', line " + std::to_string(line) + ": ";
      if (Status s = CheckHeader(where, header, {"column", "layer:"}); !s.ok()) return s;
      continue;
    }
    auto job = ParseRow(path, line, header, SplitCsv(text));
    if (!job.ok()) return job.status();
    if (Status added = AddJob(path, line, std::move(*job), jobs); !added.ok()) return added;
  }
  if (jobs.empty()) return Status::Error("county list '" + path + "' lists no county");
  return jobs;
}

std::vector<size_t> LargestFirst(const std::vector<CountyJob>& jobs) {
  std::vector<size_t> order(jobs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return jobs[a].input_bytes > jobs[b].input_bytes; });
  return order;
}

nlohmann::json InputFingerprint(const CountyJob& job) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& s : SourcesOf(job)) {
    std::error_code ec;
    nlohmann::json f = {{"source", s}};
    if (fs::is_regular_file(s, ec)) {
      f["bytes"] = fs::file_size(s, ec);
      f["mtime_ns"] = fs::last_write_time(s, ec).time_since_epoch().count();
    } else if (fs::is_directory(s, ec)) {
      for (const auto& e : fs::directory_iterator(s, ec))
        if (e.is_regular_file(ec))
          f["files"][e.path().filename().string()] = {e.file_size(ec), e.last_write_time(ec).time_since_epoch().count()};
    }
    files.push_back(f);
  }
  return files;
}

}  // namespace panhuo::cli::batch
