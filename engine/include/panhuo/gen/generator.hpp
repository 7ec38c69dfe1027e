// The deterministic county generator: a synthetic Jiangyin in the layers of the data contract.
//
// Generate() writes one GeoPackage (EPSG:4549, CGCS2000 3-degree Gauss-Krüger CM 120°E) with
// the eight input layers of the data contract (`towns`, `approvals`, `supplies`, `construction`,
// `enterprises`, `rural_plots`, `river`, `targets`), realistic enough that every determination
// of the engine has cases to find: approved land left unsupplied (批而未供) and lapsed, idle
// parcels (闲置土地) of every status and cause, pre-2009 industrial land never built, stock and
// new supply (盘存配增), low-efficiency firms (亩均效益, class T included), village land for
// reclamation (村庄闲置用地) and development along the Yangtze shoreline.
//
// What it looks like:
// - A county of about 1,000 km² where Jiangyin is (easting 510-550 km, northing 3,505-3,531 km),
//   the Yangtze along its northern edge: `river` holds the water body (a 1.5-2 km band) and the
//   shoreline as a LineString; the shoreline is exactly the county's northern border.
// - 18 `towns` (6 sub-districts, 10 towns, 2 development zones with their real codes) tiling
//   the county: neighbours share their edges vertex for vertex, no gaps, no overlaps.
// - Land inside each town is laid out in blocks separated by roads. Approval blocks are split
//   into parcels sharing edges exactly (a few with holes, a few MultiPolygons); supplies cover
//   approved parcels (whole, split, slightly shifted, or reaching into the road) or lie on
//   stock land outside any approval; a few are re-supplied over an older supply. Construction
//   footprints (first observed at yearly surveys 2008-2022) show every kind of progress, and
//   villages hold clusters of rural plots and houses.
// - Dates: approvals 2010-2021 in provincial batches (some on 29 February, some on 31 December),
//   supplies 2002-2022, enterprises 2018-2022, targets 2019-2022 (one town lacks one year).
//
// Scale: at scale 1 about 4,000 approvals, 15,000 supplies, 300,000 footprints, 20,000
// enterprise rows and 100,000 rural plots; every count is proportional to `scale` while the
// county and its towns stay the same. Up to scale 1 features keep their size and become
// sparser; above it their linear size shrinks by 1/sqrt(scale) so that the county holds them.
//
// Determinism: the output's content (every layer, feature order, attribute and coordinate) is a
// function of (seed, scale) only. Own PRNG (xoshiro256**), one independent stream per town and
// per block, so the number of threads (oneTBB) does not change a bit of the output.
//
// Cost: generation runs one task per town in parallel (a small part of the time); writing is
// sequential (GDAL datasets are not thread-safe), in transactions of 50,000 features. Scale 1
// (465,000 features, 108 MB) takes 5-8 s, scale 10 (4.6 million, 1.1 GB) about 70 s on two
// cores. Everything is held in memory before writing: about 200 bytes per feature.
// Above scale 1 parcels shrink, so most enterprises fall under the 3 mu of class T there.
//
// Thread safety: Generate() may run on any thread; it calls the progress callback on the
// calling thread only. It does not change global GDAL state (config options are thread-local).
//
// Usage:
//   panhuo::gen::GenerateOptions opt;
//   opt.scale = 0.1;
//   opt.output = "county.gpkg";
//   auto r = panhuo::gen::Generate(opt);
//   if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().message().c_str());
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "panhuo/core/status.hpp"

namespace panhuo::gen {

struct GenerateOptions {
  // Density of the county: 1 = one county (about 4,000 approvals, 15,000 supplies, ...).
  // Must be in (0, 1000]. DEFAULT: 1.
  double scale = 1.0;
  // Seed of every random choice; the same seed and scale give identical content. DEFAULT: 1.
  uint64_t seed = 1;
  // Path of the GeoPackage to write (written as `output + ".tmp"`, renamed when complete).
  std::string output;
  // Replace an existing `output`; otherwise an existing file is an error. DEFAULT: false.
  bool overwrite = false;
  // Append a few features of the kinds a bureau's data really has wrong (a null geometry, a
  // self-intersecting polygon, a repeated id, an absurd date, an unknown code, an enterprise
  // row naming no supply, a target naming no town), so that a run shows its rejects and
  // repairs. DEFAULT: false.
  bool defects = false;
  // Another county on the same geography, for provincial runs: a 6-digit county code that
  // replaces Jiangyin's 320281 in every town code (320282 makes 320282001, ...) and prefixes
  // every feature id ("320282-PZ2015-003-001"), so that counties share no code and no id.
  // DEFAULT: empty, Jiangyin as it is (town codes 320281xxx, ids without a prefix).
  std::string county_code;
  // Its name, used in the town governments holding allocated land. DEFAULT: empty (江阴市).
  std::string county_name;
};

// Features written to one layer.
struct LayerCount {
  std::string layer;  // contract layer name
  int64_t features = 0;
};

struct GenerateSummary {
  std::vector<LayerCount> layers;  // in contract order: towns, approvals, ..., targets
  double seconds = 0.0;            // wall time of Generate()
  double generate_seconds = 0.0;   // of which building the features in memory
  uint64_t output_bytes = 0;       // size of the finished GeoPackage
  std::string output;              // its path

  // Features of `layer`, 0 when there is no such layer.
  int64_t Count(std::string_view layer) const;
  int64_t TotalFeatures() const;
};

// Generates the county and writes it to options.output. Errors: bad options, an existing
// output without `overwrite`, any GDAL failure (with GDAL's message), cancellation through
// `progress`. On error nothing is left at `output` and the temporary file is removed.
// `progress` (GDAL's shape) goes from 0 to 1; returning false cancels.
Result<GenerateSummary> Generate(const GenerateOptions& options, ProgressFn progress = nullptr,
                                 void* progress_user = nullptr);

}  // namespace panhuo::gen
