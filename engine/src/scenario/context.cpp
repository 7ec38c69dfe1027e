// The scenario context: what every variant shares (the town of each plot, the facts of each
// supply, the riverside zones per distance, the demand layers), and Evaluate(), which reads as
// the pipeline: select plots → balance → zones → choose parcels → figures after clearing.
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>

#include "internal.hpp"

namespace panhuo {
namespace scenario {

SupplyFacts::SupplyFacts(const County& c, const ScanResult& scan) {
  const InputData& d = c.data();
  const size_t n = d.supplies.size();
  finding.assign(n, -1);
  industrial.assign(n, 0);
  best_class.assign(n, -1);
  enterprises.assign(n, 0);
  for (size_t k = 0; k < scan.supplies.size(); ++k) finding[scan.supplies[k].supply] = static_cast<int32_t>(k);
  for (size_t i = 0; i < n; ++i)
    industrial[i] = finding[i] >= 0 && d.supplies.land_use[i].rfind("06", 0) == 0;
  // A parcel's class is the best of its enterprises' (A best, T only when none was evaluated),
  // so that a parcel shared with a well-performing firm is never taken for a laggard's.
  for (const EfficiencyFinding& f : scan.efficiency) {
    const uint32_t s = d.enterprises.supply[f.row];
    ++enterprises[s];
    const auto cls = static_cast<int8_t>(f.cls);
    if (best_class[s] < 0 || cls < best_class[s]) best_class[s] = cls;
  }
}

}  // namespace scenario

using scenario::Tally;

struct ScenarioContext::Impl {
  const County& county;
  const ScanResult& scan;
  ScenarioContextOptions options;
  scenario::SupplyFacts facts;
  std::vector<int32_t> plot_town;
  bool plot_town_ready = false;
  std::map<double, std::unique_ptr<scenario::Zone>> zones;
  std::map<std::string, std::vector<double>> demand;  // layer -> ha per town
  scenario::TileMemo river_memo, ban_memo;             // overlays of tiles with cleared parcels
  scenario::TileMemo developed_memo;                   // developed area of tiles, across zones
  double seconds_preparing = 0;

  Impl(const County& c, const ScanResult& s, ScenarioContextOptions o)
      : county(c), scan(s), options(std::move(o)), facts(c, s) {}

  void PlotTowns(Tally& tally) {
    if (plot_town_ready) return;
    const RuralPlotsLayer& p = county.data().rural_plots;
    plot_town.assign(p.size(), -1);
    tbb::combinable<int64_t> fallbacks([] { return int64_t{0}; });
    tbb::parallel_for(size_t{0}, p.size(), [&](size_t i) {
      int64_t fb = 0;
      plot_town[i] = county.TownOf(County::ShapeOf(p, i), &fb);
      fallbacks.local() += fb;
    });
    tally.fallbacks += fallbacks.combine(std::plus<int64_t>());
    plot_town_ready = true;
  }

  Result<scenario::Zone*> GetZone(double d, bool industrial, Tally& tally) {
    auto it = zones.find(d);
    if (it == zones.end()) {
      auto z = scenario::BuildZone(county, scan.params.as_of, d, options.tile_m, developed_memo, tally);
      if (!z.ok()) return z.status();
      it = zones.emplace(d, std::move(*z)).first;
    }
    if (industrial) scenario::PrepareIndustrial(county, facts, *it->second, tally);
    return it->second.get();
  }

  Result<const std::vector<double>*> Demand(const std::string& layer, std::vector<std::string>& notes, Tally& tally) {
    auto it = demand.find(layer);
    if (it == demand.end()) {
      const InputData& d = county.data();
      int64_t skipped = 0;
      auto polys = scenario::ReadPolygonLayer(options.input_source, layer, d.working_crs_wkt, d.working_crs_name, skipped);
      if (!polys.ok()) return polys.status();
      it = demand.emplace(layer, scenario::DemandByTown(county, *polys, tally)).first;
      if (skipped > 0)
        notes.push_back("demand: " + std::to_string(skipped) + " features of layer '" + layer +
                        "' have no usable polygon and are not counted");
    }
    return &it->second;
  }
};

ScenarioContext::ScenarioContext(const County& county, const ScanResult& scan, ScenarioContextOptions options)
    : impl_(std::make_unique<Impl>(county, scan, std::move(options))) {}
ScenarioContext::~ScenarioContext() = default;
const County& ScenarioContext::county() const { return impl_->county; }
const ScanResult& ScenarioContext::scan() const { return impl_->scan; }
int ScenarioContext::buffers_built() const { return static_cast<int>(impl_->zones.size()); }
double ScenarioContext::seconds_preparing() const { return impl_->seconds_preparing; }
void ScenarioContext::ForgetTileOverlays() {
  impl_->river_memo.clear();
  impl_->ban_memo.clear();
}

Result<ScenarioResult> ScenarioContext::Evaluate(const Scenario& sc) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  Impl& m = *impl_;
  const County& c = m.county;
  const InputData& d = c.data();
  const Date T = m.scan.params.as_of;
  // A scenario loaded against another county may name towns this one lacks.
  std::vector<std::string> named = sc.reclaim.towns;
  for (const auto* table : {&sc.demand.town_ha, &sc.reclaim.resettlement_ha})
    for (const auto& [code, ha] : *table) named.push_back(code);
  for (const auto& code : named)
    if (std::find(d.towns.code.begin(), d.towns.code.end(), code) == d.towns.code.end())
      return Status::Error(sc.source + ": unknown town code '" + code + "' (not in the towns layer)");
  ScenarioResult out;
  out.scenario = sc;
  Tally tally;
  double preparing = 0;
  auto timed = [&](auto&& fn) {
    const auto s = clock::now();
    fn();
    preparing += std::chrono::duration<double>(clock::now() - s).count();
  };

  // Reclaim first, then link.
  timed([&] { m.PlotTowns(tally); });
  out.plots = scenario::SelectPlots(c, m.plot_town, sc.reclaim, out.notes);
  std::vector<double> layer_demand;
  if (!sc.demand.layer.empty()) {
    const auto s = clock::now();
    auto dl = m.Demand(sc.demand.layer, out.notes, tally);
    preparing += std::chrono::duration<double>(clock::now() - s).count();
    if (!dl.ok()) return Status::Error(sc.source + ": " + dl.status().message());
    layer_demand = **dl;
  }
  scenario::Balance(c, sc, out.plots, layer_demand, out);

  // Riverside: zones, parcels to clear, figures before and after.
  const RiversideRules& rr = sc.riverside;
  if (d.river.size() == 0) {
    out.notes.push_back("riverside: the input has no river features; riverside figures are not computed");
  } else {
    Status failed;
    scenario::Zone* clear_zone = nullptr;
    scenario::Zone* ban_zone = nullptr;
    timed([&] {
      for (double dist : rr.buffers_m)
        if (auto z = m.GetZone(dist, false, tally); !z.ok()) failed = z.status();
      if (auto z = m.GetZone(rr.clear_within_m, true, tally); z.ok()) clear_zone = *z;
      else failed = z.status();
      if (auto z = m.GetZone(rr.ban_zone_m, true, tally); z.ok()) ban_zone = *z;
      else failed = z.status();
    });
    if (!failed.ok()) return Status::Error(sc.source + ": " + failed.message());
    out.cleared = scenario::ChooseParcels(c, m.scan, m.facts, *clear_zone, rr);
    std::vector<uint32_t> cleared;
    for (const auto& p : out.cleared) cleared.push_back(p.supply);
    for (double dist : rr.buffers_m) {
      auto figures = scenario::ZoneFigures(c, T, *m.zones.at(dist), cleared, m.river_memo, tally);
      out.riverside.insert(out.riverside.end(), figures.begin(), figures.end());
    }
    out.ban_zone = scenario::BanZone(c, m.facts, *ban_zone, cleared, m.ban_memo, tally);
    if (!rr.clear.empty() && out.cleared.empty())
      out.notes.push_back("riverside: no industrial parcel within " + std::to_string(static_cast<int64_t>(rr.clear_within_m)) +
                          " m matches the clear rules; nothing is cleared");
  }
  out.overlay_fallbacks = tally.fallbacks;
  out.overlay_failures = tally.failures;
  if (tally.failures > 0)
    out.notes.push_back("overlay: " + std::to_string(tally.failures) +
                        " overlays failed on both the fast and the robust path; their areas are unchecked");
  m.seconds_preparing += preparing;
  out.seconds = std::chrono::duration<double>(clock::now() - t0).count();
  return out;
}

}  // namespace panhuo
