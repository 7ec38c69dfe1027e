// What-if scenarios for planners: which village plots to reclaim first and how much linkage
// quota (挂钩指标) that yields per town against the new urban construction the towns want
// (城乡建设用地增减挂钩), and how development along the Yangtze mainline would change if riverside
// industrial land were cleared for forest and wetland (还林还湿).
//
//   LoadScenario(file) ─┐
//   County + ScanResult ─┴→ ScenarioContext::Evaluate(scenario) → ScenarioResult
//                            (many variants, one context)        → Compare(results)
//                                                                 → WriteScenarios(...) (panhuo/sinks/scenario_writer.hpp)
//
// Meaning (datasets/scenarios/README.md has every key and every figure):
// - Reclaim first, then link: a selected plot's reclaimed area is plot area × coefficient; a
//   town's quota = Σ reclaimed − resettlement; balance = quota − demand. A town whose demand
//   exceeds its quota is flagged `over_use`; the county total never nets one town's shortfall
//   against another's surplus without also reporting the shortfall (`shortfall_ha`).
// - Town of a plot: the town sharing the largest area with it (contract rule, County::TownOf); a
//   plot straddling towns counts whole in that town. Plots touching no town count in the county
//   totals only (a row with town = -1).
// - Riverside: zones within d metres of the mainline (GEOS buffer of the shoreline lines and of
//   the water polygons, `kQuadrantSegments` segments a quarter circle, round caps and joins),
//   land side only: zone(d) = (buffer(d) ∩ county) − water, county = union of the towns.
//   developed = area(B(T) ∩ zone), B(T) the union of footprints observed on or before T;
//   intensity = developed / area(zone). After clearing: developed − area(B(T) ∩ zone ∩ K), K the
//   union of the cleared parcels. A parcel is chosen when it is industrial (land_use 06…),
//   supplied on or before T, has positive area within clear_within_m and matches a clear rule;
//   it is cleared whole (its footprints leave every zone they lie in).
// - Every area of an overlay goes through Coverage() (checked Boost, GEOS fallback); zones are
//   cut into square tiles (ScenarioContextOptions::tile_m) so that each overlay stays small and
//   tiles run in parallel. Sums are taken in tile order: results do not depend on the thread
//   count.
//
// Degenerate cases: no rural plots or an empty selection gives zero quota (towns with demand
// are then over_use); no river features gives no riverside figures (a note says so); a clear
// rule matching nothing clears nothing.
//
// Thread safety: a ScenarioContext caches per-distance zones, the town of every plot and the
// demand layers; call Evaluate from one thread at a time (it runs its overlays on the TBB pool).
// The County and ScanResult must outlive the context and are only read.
// Cost: the first use of a buffer distance builds its zone and tiles (about a second at scale 1
// on two cores; a wider zone reuses the developed area of the tiles it shares with a narrower);
// after that a variant costs a filter and sort of the plots plus the overlays of the tiles that
// cleared parcels touch, each done once per tile and set of parcels and then remembered across
// distances and variants (milliseconds to tens of milliseconds at scale 1).
//
//   auto sc = LoadScenario("ambitious.toml", county.data().towns.code);
//   ScenarioContext ctx(county, scan);
//   auto r = ctx.Evaluate(*sc);
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/scan/scan.hpp"

namespace panhuo {

// Segments per quarter circle of the riverside buffers (GEOS's default is 8; 16 keeps the
// area of a round cap within 0.2 % of the true circle's).
constexpr int kQuadrantSegments = 16;

// Order in which selected plots are taken (before the area cap); ties end on plot_id.
enum class PlotPriority : uint8_t {
  kNonRetained,  // plots of villages the plan does not keep first
  kIdle,         // idle plots first
  kAreaDesc,     // larger plots first
  kAreaAsc,      // smaller plots first
};
const char* ToString(PlotPriority p);

// Which village plots to reclaim (村庄闲置用地复垦) and what they yield.
struct ReclaimRules {
  // Plot kinds taken. DEFAULT: homestead, vacant, unused
  std::vector<std::string> kinds = {"homestead", "vacant", "unused"};
  // Only plots of villages the plan does not keep (retained = 0). DEFAULT: false
  bool non_retained_villages = false;
  // Only idle plots (idle = 1). DEFAULT: false
  bool idle_only = false;
  // Smallest plot taken, m². DEFAULT: 0
  double min_area_m2 = 0.0;
  // Town codes whose plots are taken; empty = all towns. DEFAULT: all
  std::vector<std::string> towns;
  // Order of taking. DEFAULT: non_retained, idle, area_desc
  std::vector<PlotPriority> priority = {PlotPriority::kNonRetained, PlotPriority::kIdle,
                                        PlotPriority::kAreaDesc};
  // Cap on the plot area taken, ha: plots are taken in priority order until the next one would
  // pass the cap; it and everything after it are left out. DEFAULT: none
  std::optional<double> cap_ha;
  // Share of a plot's area that becomes farmland and is accepted (验收). DEFAULT: 0.9
  double coefficient = 0.9;
  // Share of each town's reclaimed area kept for resettlement (安置用地). DEFAULT: 0
  double resettlement_share = 0.0;
  // Resettlement of a town in ha, replacing the share for the towns listed. DEFAULT: none
  std::map<std::string, double> resettlement_ha;
};

// New urban construction the towns want to build on linkage quota.
struct DemandSpec {
  std::map<std::string, double> town_ha;  // town_code -> ha. DEFAULT: none
  // A polygon layer of the input source; a town's demand adds area(town ∩ ∪ polygons).
  // DEFAULT: none
  std::string layer;
};

// One rule choosing riverside industrial parcels to clear; all its criteria must hold.
struct ClearRule {
  // land_use prefixes (each begins with 06). DEFAULT: 06 (all industrial and mining land)
  std::vector<std::string> land_use = {"06"};
  // Efficiency classes of the parcel (the best class among its enterprises of the efficiency
  // year); empty = any, parcels without enterprises included. DEFAULT: any
  std::vector<EfficiencyClass> classes;
  // Only idle parcels (idle_unstarted or idle_stalled at T). DEFAULT: false
  bool idle_only = false;
};

// Development along the Yangtze mainline and clearing for forest and wetland (还林还湿).
struct RiversideRules {
  // Distances from the mainline, m, increasing. DEFAULT: 1000, 3000, 5000
  std::vector<double> buffers_m = {1000, 3000, 5000};
  // No new chemical or heavy industry within this distance (Yangtze Protection Law). DEFAULT: 1000
  double ban_zone_m = 1000;
  // Parcels are chosen for clearing within this distance. DEFAULT: ban_zone_m
  double clear_within_m = 1000;
  // A parcel is cleared when it matches any rule; none = nothing cleared. DEFAULT: none
  std::vector<ClearRule> clear;
};

struct Scenario {
  std::string name;         // identifier; names the output layers <name>_plots, ...
  std::string description;  // free text
  std::string source;       // the file it came from
  ReclaimRules reclaim;
  DemandSpec demand;
  RiversideRules riverside;
};

// Reads a scenario file. `town_codes` are the county's towns: a town code the file names that is
// not among them is an error. Every error names the file, the line and the key:
//   "a.toml:12: key 'reclaim.kinds' must be an array of text".
Result<Scenario> LoadScenario(const std::string& path, const std::vector<std::string>& town_codes);
// The same from text; `source_name` stands for the file in messages and gives the default name.
Result<Scenario> ParseScenario(std::string_view toml_text, const std::string& source_name,
                               const std::vector<std::string>& town_codes);

// ---- results ----

struct SelectedPlot {
  uint32_t plot = 0;   // index into rural_plots
  int32_t town = -1;   // index into towns, -1 when it touches none
  uint32_t order = 0;  // 1-based position in priority order
  double plot_ha = 0, reclaimed_ha = 0;
};

// Linkage balance of a town (or the county, or the plots touching no town).
struct TownBalance {
  int32_t town = -1;  // index into towns; -1 for the county total or the unattributed row
  int32_t plots = 0;
  double plot_ha = 0;          // Σ plot area of the selected plots
  double reclaimed_ha = 0;     // Σ plot area × coefficient
  double resettlement_ha = 0;  // deducted for resettlement
  double quota_ha = 0;         // reclaimed − resettlement (may be negative)
  double demand_table_ha = 0, demand_layer_ha = 0;
  double demand_ha = 0;        // table + layer
  double balance_ha = 0;       // quota − demand
  bool over_use = false;       // demand exceeds quota
};

struct CountyBalance : TownBalance {
  int32_t towns_over_use = 0;
  double shortfall_ha = 0;  // Σ over towns of max(0, demand − quota)
};

// Development within one distance of the mainline, county-wide (town = -1) or in one town.
struct RiversideFigures {
  double distance_m = 0;
  int32_t town = -1;
  double land_ha = 0;              // area of the zone (land side, within the county)
  double developed_before_ha = 0;  // area(B(T) ∩ zone)
  double cleared_ha = 0;           // area(K ∩ zone), K = union of cleared parcels
  double developed_after_ha = 0;   // developed_before − area(B(T) ∩ zone ∩ K)
  std::optional<double> intensity_before, intensity_after;  // developed / land; null when no land
};

// Industrial parcels (land_use 06…) within the ban zone.
struct BanZoneFigures {
  double distance_m = 0;
  int32_t parcels_before = 0, parcels_after = 0;  // parcels with positive area in the zone
  double ha_before = 0, ha_after = 0;             // area(∪ parcels ∩ zone)
};

struct ClearedParcel {
  uint32_t supply = 0;  // index into supplies
  int32_t town = -1;
  double parcel_ha = 0;
  double within_ha = 0;  // part within clear_within_m
  double built_ha = 0;   // area(parcel ∩ B(T)), from the scan
  SupplyStatus status = SupplyStatus::kPending;
  std::optional<EfficiencyClass> cls;  // best class of its enterprises; none without enterprises
  int32_t enterprises = 0;             // enterprise rows of the efficiency year on it
  int32_t rule = 0;                    // 1-based index of the first clear rule it matches
};

struct ScenarioResult {
  Scenario scenario;
  std::vector<SelectedPlot> plots;  // in priority order
  std::vector<TownBalance> towns;   // every town by town_code, then the unattributed row if any
  CountyBalance county;
  std::vector<RiversideFigures> riverside;  // per distance: the county row, then towns by code
  std::optional<BanZoneFigures> ban_zone;
  std::vector<ClearedParcel> cleared;  // by supply (fid) order
  std::vector<std::string> notes;      // what a reader should know (cap reached, no river, ...)
  int64_t overlay_fallbacks = 0, overlay_failures = 0;
  double seconds = 0;  // wall time of Evaluate
};

struct ScenarioContextOptions {
  // GDAL source from which demand layers are read (the input). DEFAULT: none
  std::string input_source;
  // Side of the square tiles the zones are cut into, m. DEFAULT: 250
  double tile_m = 250;
};

class ScenarioContext {
 public:
  ScenarioContext(const County& county, const ScanResult& scan, ScenarioContextOptions options = {});
  ~ScenarioContext();
  ScenarioContext(const ScenarioContext&) = delete;
  ScenarioContext& operator=(const ScenarioContext&) = delete;

  // Evaluates one scenario; caches what later variants can reuse. Errors: a demand layer that
  // cannot be read; a town code of the scenario not in this county.
  Result<ScenarioResult> Evaluate(const Scenario& scenario);

  const County& county() const;
  const ScanResult& scan() const;
  int buffers_built() const;       // distinct distances built so far
  double seconds_preparing() const;  // time spent filling caches
  // Forgets the overlays of tiles with cleared parcels that variants share (the zones stay), so
  // that the next Evaluate costs what a variant clearing only new parcels costs; for measuring.
  void ForgetTileOverlays();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The scenarios side by side: one row per figure, one value per scenario (null where a figure
// does not apply, e.g. a buffer distance one scenario does not use).
struct ComparisonRow {
  std::string figure;   // e.g. "quota_ha", "intensity_after_1000m"
  std::string unit;     // ha, count, ratio
  std::string meaning;  // one line for a planner
  std::vector<std::optional<double>> values;  // one per scenario, in input order
};
std::vector<ComparisonRow> Compare(const std::vector<ScenarioResult>& results);

}  // namespace panhuo
