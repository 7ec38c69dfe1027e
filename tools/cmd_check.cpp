// panhuo check: read every layer and account for every feature, without analysing anything.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "input_options.hpp"
#include "panhuo/input/reader.hpp"
#include "panhuo/scan/county.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/app/scan_run.hpp"

namespace panhuo::cli {
namespace {

struct CheckOptions {
  InputOptions input;
  std::string summary = "text";
  bool quiet = false;
  bool list_rejects = false;
};

nlohmann::json ToJson(const InputData& d) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& r : d.reports) {
    nlohmann::json l = {{"layer", r.name}, {"present", r.present}};
    if (r.present) {
      l["source"] = MaskPassword(r.source);
      l["source_layer"] = r.source_layer;
      l["read"] = r.read;
      l["used"] = r.used;
      l["repaired"] = r.repaired;
      l["rejected"] = r.rejected;
      l["rejected_by_reason"] = r.rejected_by_reason;
      if (!r.crs.empty()) l["crs"] = r.crs;
      l["reprojected"] = r.reprojected;
      if (r.has_extent) l["extent"] = {r.min_x, r.min_y, r.max_x, r.max_y};
      if (r.first_date) l["date_range"] = {r.first_date->ToString(), r.last_date->ToString()};
      l["fields_from"] = nlohmann::json::object();
      for (const auto& [field, from] : r.fields_from) l["fields_from"][field] = from;
      l["unused_fields"] = r.unused_fields;
      if (!r.encoding.empty()) l["encoding"] = r.encoding;
    }
    layers.push_back(l);
  }
  return {{"working_crs", d.working_crs_name}, {"layers", layers},
          {"rejected_total", d.rejects.size()}, {"repaired_total", d.repaired_total}};
}

// Per layer: its encoding, the source field of each contract field, and the fields nothing reads.
void PrintProvenance(const InputData& d) {
  for (const auto& r : d.reports) {
    if (!r.present) continue;
    std::printf("%s <- '%s'%s%s\n", r.name.c_str(), r.source_layer.c_str(), r.encoding.empty() ? "" : ", text in ",
                r.encoding.c_str());
    for (const auto& [field, from] : r.fields_from)
      std::printf("  %s <- %s\n", PadColumns(r.name + "." + field, 28).c_str(), from.c_str());
    std::string unused;
    for (const auto& f : r.unused_fields) unused += (unused.empty() ? "" : ", ") + f;
    if (!unused.empty()) std::printf("  unused: %s\n", unused.c_str());
  }
}

void PrintText(const InputData& d, bool list_rejects) {
  std::printf("working CRS: %s\n", d.working_crs_name.c_str());
  std::printf("%-13s %9s %9s %9s %9s  %-12s %s\n", "layer", "read", "used", "repaired", "rejected",
              "crs", "date range / extent");
  for (const auto& r : d.reports) {
    if (!r.present) {
      std::printf("%-13s %9s\n", r.name.c_str(), "absent");
      continue;
    }
    std::string range;
    if (r.first_date) range = r.first_date->ToString() + " .. " + r.last_date->ToString();
    else if (r.has_extent) {
      char buf[128];
      std::snprintf(buf, sizeof buf, "%.0f %.0f .. %.0f %.0f", r.min_x, r.min_y, r.max_x, r.max_y);
      range = buf;
    }
    std::printf("%-13s %9lld %9lld %9lld %9lld  %-12s %s\n", r.name.c_str(),
                static_cast<long long>(r.read), static_cast<long long>(r.used),
                static_cast<long long>(r.repaired), static_cast<long long>(r.rejected),
                r.crs.empty() ? "-" : r.crs.c_str(), range.c_str());
    for (const auto& [reason, n] : r.rejected_by_reason)
      std::printf("%-13s   rejected %lld: %s\n", "", static_cast<long long>(n), reason.c_str());
  }
  PrintProvenance(d);
  if (list_rejects)
    for (const auto& r : d.rejects)
      std::printf("reject %s fid %lld %s: %s\n", r.layer.c_str(), static_cast<long long>(r.fid),
                  r.feature_id.c_str(), r.reason.c_str());
}

}  // namespace

void RegisterCheck(CLI::App& app, ExitCode& exit_code) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Read every input layer and report, per layer, features read / used / repaired / "
               "rejected by reason, the CRS, extent and date range");
  AddInputOptions(cmd, opts->input);
  cmd->add_option("--summary", opts->summary, "report on stdout: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("-q,--quiet", opts->quiet, "nothing on stdout, no progress bar: only the exit code tells");
  cmd->add_flag("--rejects", opts->list_rejects, "list every rejected feature");
  cmd->callback([opts, &exit_code]() {
    ReadOptions ro = ToReadOptions(opts->input);
    ro.required_layers = {"towns", "approvals", "supplies", "construction"};
    if (!opts->quiet && opts->summary == "text") ro.progress = TermProgress;
    // what scan refuses, check refuses too, with the same words: the same call
    auto county = app::LoadCounty(ro, opts->input.crs);
    if (!county.ok()) {
      PrintError("check", county.status().message());
      exit_code = ExitCode::kFailure;
      return;
    }
    const InputData& read = (*county)->data();
    if (!opts->quiet && opts->summary == "json") std::printf("%s\n", ToJson(read).dump(2).c_str());
    else if (!opts->quiet) PrintText(read, opts->list_rejects);
    exit_code = ExitCode::kDone;
  });
}

}  // namespace panhuo::cli
