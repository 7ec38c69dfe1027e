#include "county_run.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/app/scan_run.hpp"

namespace panhuo::cli::batch {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

json Opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json TownRow(const InputData& d, const TownFinding& t) {
  return {{"town_code", d.towns.code[t.town]}, {"town_name", d.towns.name[t.town]},
          {"rank", t.rank},                    {"unsupplied_ha", t.unsupplied_ha},
          {"idle_ha", t.idle_ha},              {"supply_rate", Opt(t.supply_rate)},
          {"supplied_ha", t.supplied_ha},      {"stock_ha", t.stock_ha},
          {"stock_share", Opt(t.stock_share)}, {"revitalized_ha", t.revitalized_ha},
          {"target_ha", Opt(t.target_ha)},     {"completion", Opt(t.completion)},
          {"tax_per_mu", Opt(t.tax_per_mu)},   {"d_class_ha", t.d_class_ha},
          {"lapsed_approvals", t.lapsed},      {"undetermined_n", t.undetermined},
          {"reserve_ha", Opt(t.reserve_ha)},   {"unfit_ha", Opt(t.unfit_ha)},
          {"low_efficiency_ha", Opt(t.low_efficiency_ha)}};
}

// Σ of an optional town figure; null when no town has it (its input layer is absent).
json OptSum(const ScanResult& r, std::optional<double> TownFinding::*field) {
  std::optional<double> sum;
  for (const auto& t : r.towns)
    if (t.*field) sum = sum.value_or(0.0) + *(t.*field);
  return Opt(sum);
}

// The county's totals: sums over its towns (features without a town are in no town and in no
// total, as in the towns layer) and the sums behind the county's ratios.
json Totals(const County& county, const ScanResult& r) {
  const InputData& d = county.data();
  double unsupplied = 0, idle = 0, w_sup = 0, w_app = 0, supplied = 0, stock = 0, revit = 0, dclass = 0;
  int64_t lapsed = 0, undetermined = 0;
  for (const auto& t : r.towns) {
    unsupplied += t.unsupplied_ha;
    idle += t.idle_ha;
    w_sup += t.window_supplied_ha;
    w_app += t.window_approved_ha;
    supplied += t.supplied_ha;
    stock += t.stock_ha;
    revit += t.revitalized_ha;
    dclass += t.d_class_ha;
    lapsed += t.lapsed;
    undetermined += t.undetermined;
  }
  double tax = 0, mu = 0;  // as the towns' tax per mu: rows in a town, class T left out
  for (const auto& f : r.efficiency) {
    if (f.town < 0 || f.cls == EfficiencyClass::kT) continue;
    if (const double tx = d.enterprises.tax_wan[f.row]; !std::isnan(tx)) tax += tx;
    mu += f.land_mu;
  }
  return {{"unsupplied_ha", unsupplied}, {"idle_ha", idle},
          {"lapsed_approvals", lapsed},  {"window_supplied_ha", w_sup},
          {"window_approved_ha", w_app}, {"supplied_ha", supplied},
          {"stock_ha", stock},           {"revitalized_ha", revit},
          {"tax_wan", tax},              {"land_mu", mu},
          {"d_class_ha", dclass},        {"rejected", d.rejects.size()},
          {"undetermined_n", undetermined}, {"towns", r.towns.size()},
          {"reserve_ha", OptSum(r, &TownFinding::reserve_ha)}, {"unfit_ha", OptSum(r, &TownFinding::unfit_ha)},
          {"low_efficiency_ha", OptSum(r, &TownFinding::low_efficiency_ha)},
          {"holders_listed", r.holders.size()}};
}

json Fingerprint(const CountyJob& job, const RunSettings& s) {
  return {{"engine_version", PANHUO_VERSION},
          {"as_of", s.params.as_of.ToString()},
          {"parameters", s.params.Describe()},
          {"basis_lang", s.params.basis_lang},
          {"county_name", job.name},
          {"schema", job.input.schema},
          {"encoding", job.input.encoding},
          {"crs", s.crs},
          {"csv", s.csv},
          {"xlsx", s.xlsx},
          {"report", s.report},
          {"tiles", s.tiles},
          {"accept_rejects", s.accept_rejects},
          {"csv_geometry", s.csv_geometry},
          {"inputs", InputFingerprint(job)}};
}

// The recorded outcome when the county's output is up to date, else null.
json UpToDate(const CountyJob& job, const RunSettings& s, const json& fingerprint) {
  std::error_code ec;
  if (!fs::is_regular_file(CountyOutput(s.outdir, job.code), ec)) return nullptr;
  std::ifstream in(CountyRecord(s.outdir, job.code));
  const json record = json::parse(in, nullptr, false);
  if (record.is_discarded() || !record.is_object() || record.value("fingerprint", json()) != fingerprint)
    return nullptr;
  json outcome = record.value("outcome", json());
  if (!outcome.is_object() || outcome.value("status", "") == "failed") return nullptr;
  return outcome;
}

}  // namespace

Status WriteJsonFile(const std::string& path, const json& record) {
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << record.dump(1) << '\n';
    if (!out.flush()) return Status::Error("cannot write '" + tmp + "'");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::Error("cannot rename '" + tmp + "' to '" + path + "': " + ec.message());
  return {};
}

namespace {

// Reads, scans and writes the county; fills `outcome` (status, totals, towns) or returns why not.
Status ScanInto(const CountyJob& job, const RunSettings& s, json& outcome) {
  const std::string output = CountyOutput(s.outdir, job.code);
  if (Status st = CheckOutputWritable(output, s.overwrite || s.resume); !st.ok())
    return Status::Error(st.message() + " (use --overwrite or --resume)");
  std::error_code ec;
  fs::remove(CountyRecord(s.outdir, job.code), ec);  // the output is about to change
  ReadOptions ro;
  try {
    InputOptions input = job.input;
    input.crs = s.crs;
    input.accept_rejects = s.accept_rejects;
    ro = ToReadOptions(input);
  } catch (const CLI::ValidationError& e) {
    return Status::Error(e.what());
  }
  ro.progress = QuietProgress;
  ro.defer_source_checks = true;  // as scan: RunScan takes the verdict before it writes
  // the same calls as scan: the same checks, warnings and outputs for a county of a batch
  auto loaded = app::LoadCounty(ro, s.crs);
  if (!loaded.ok()) return loaded.status();
  const County& county = **loaded;
  app::ScanJob run;
  run.params = s.params;
  run.write.output = output;
  run.write.overwrite = true;  // checked above
  run.write.input = job.input.input;
  if (s.csv) run.write.csv_dir = (fs::path(s.outdir) / (job.code + "_csv")).string();
  run.write.csv_geometry = s.csv_geometry;
  if (s.xlsx) run.write.xlsx = (fs::path(s.outdir) / (job.code + ".xlsx")).string();
  run.write.lang = s.params.basis_lang;
  run.write.county = job.name;
  run.progress = QuietProgress;
  if (s.report) {
    ReportOptions ro{(fs::path(s.outdir) / (job.code + ".html")).string(), true, s.params.basis_lang, s.tiles,
                     job.input.input, "scan"};
    ro.county = job.name;
    run.report = ro;
  }
  auto scanned = app::RunScan(county, std::move(run));
  if (!scanned.ok()) return scanned.status();
  const ScanResult* result = &scanned->result;
  outcome["status"] = result->undetermined.empty() ? "ok" : "undetermined";
  if (!result->undetermined.empty())
    outcome["message"] = std::to_string(result->undetermined.size()) + " determination(s) could not be made";
  outcome["totals"] = Totals(county, *result);
  for (const auto& t : result->towns) outcome["towns"].push_back(TownRow(county.data(), t));
  return {};
}

}  // namespace

std::string CountyOutput(const std::string& outdir, const std::string& code) {
  return (fs::path(outdir) / (code + ".gpkg")).string();
}

std::string CountyRecord(const std::string& outdir, const std::string& code) {
  return (fs::path(outdir) / (code + ".run.json")).string();
}

json ReusedOutcome(const CountyJob& job, const RunSettings& s, int rank) {
  if (!s.resume) return nullptr;
  json recorded = UpToDate(job, s, Fingerprint(job, s));
  if (recorded.is_null()) return nullptr;
  recorded["reused"] = true;
  recorded["rank"] = rank;
  return recorded;
}

json NewOutcome(const CountyJob& job, int rank) {
  return {{"county_code", job.code}, {"county_name", job.name}, {"status", "failed"}, {"message", ""},
          {"reused", false},         {"rank", rank},            {"totals", nullptr},   {"towns", json::array()}};
}

std::string CountyMessage(const CountyJob& job, const std::string& why) {
  return "county " + job.code + " (" + job.name + "): " + why;
}

json RunCounty(const CountyJob& job, const RunSettings& s, int rank) {
  const auto t0 = std::chrono::steady_clock::now();
  const json fingerprint = Fingerprint(job, s);
  json outcome = NewOutcome(job, rank);
  Status st;
  try {
    st = ScanInto(job, s, outcome);
  } catch (const std::exception& e) {
    st = Status::Error(e.what());
  }
  outcome["seconds"] = Seconds(t0);
  if (!st.ok()) {
    outcome["status"] = "failed";
    outcome["message"] = CountyMessage(job, st.message());
    return outcome;
  }
  if (Status w = WriteJsonFile(CountyRecord(s.outdir, job.code), {{"fingerprint", fingerprint}, {"outcome", outcome}});
      !w.ok()) {
    outcome["status"] = "failed";
    outcome["message"] = CountyMessage(job, w.message());
  }
  return outcome;
}

}  // namespace panhuo::cli::batch
