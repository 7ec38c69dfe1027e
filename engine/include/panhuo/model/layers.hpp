// The input layers of the contract, held column by column after reading and validation.
//
// Every vector of a layer has one entry per *used* feature, in ascending input fid order; the
// features that could not be used are in `Rejects`. Geometries are valid (repaired on read
// where needed), correctly oriented and in the common projected CRS, in metres. Nullable
// numbers are NaN when null; nullable dates are std::nullopt. Read-only after reading, so any
// number of threads may read them at once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "panhuo/core/date.hpp"
#include "panhuo/core/geometry.hpp"
#include "panhuo/core/status.hpp"

namespace panhuo {

// The contract's input layers, in contract order.
const std::vector<std::string>& ContractLayerNames();

// Cause of an idle parcel recorded on the supply, when any.
enum class IdleCause : uint8_t { kNone, kEnterprise, kGovernment, kForceMajeure, kMixed };
const char* ToString(IdleCause c);

struct PolygonColumn {
  std::vector<int64_t> fid;        // input feature id
  std::vector<MultiPolygon> geom;  // valid, oriented, projected
  std::vector<Box> box;            // envelope of geom
  std::vector<double> area_m2;     // planar area of geom
  size_t size() const { return fid.size(); }
  void Add(int64_t f, MultiPolygon g);
  void Add(int64_t f, MultiPolygon g, const Box& b, double area);  // b and area of g
  void Reserve(size_t n);
};

// towns, sub-districts and development zones; together they tile the county
struct TownsLayer : PolygonColumn {
  std::vector<std::string> code, name, kind;
};

// approved farmland conversion or expropriation (农用地转用/土地征收), one parcel a feature
struct ApprovalsLayer : PolygonColumn {
  std::vector<std::string> id, batch_no, kind;
  std::vector<Date> date;
};

// land supplied by grant contract or allocation decision (供地)
struct SuppliesLayer : PolygonColumn {
  std::vector<std::string> id, mode, land_use, holder;
  std::vector<Date> date, agreed_start;
  std::vector<double> price_wan;  // NaN when null
  std::vector<IdleCause> idle_cause;
};

// built-up or under-construction footprints, dated when first observed (their obs_id is read
// for the rejects' list and kept nowhere else: no rule reads it, and at a county's scale the
// column would hold a hundred megabytes)
struct ConstructionLayer : PolygonColumn {
  std::vector<Date> date;
};

// yearly figures of enterprises on supplied parcels (table)
struct EnterprisesLayer {
  std::vector<int64_t> fid;
  std::vector<std::string> id, supply_id;
  std::vector<uint32_t> supply;  // index into SuppliesLayer
  std::vector<int32_t> year;
  std::vector<double> tax_wan, sales_wan, value_added_wan, energy_tce, emission_t, rnd_wan,
      employees;  // NaN when null
  size_t size() const { return fid.size(); }
};

// rural construction land, the pool for reclamation (村庄闲置用地)
struct RuralPlotsLayer : PolygonColumn {
  std::vector<std::string> id, village, kind;
  std::vector<int8_t> retained, idle;  // 0/1, -1 when null
};

// the Yangtze mainline, as shoreline lines and/or water polygons
struct RiverLayer {
  std::vector<int64_t> fid;
  std::vector<std::string> name;
  std::vector<MultiLineString> lines;   // empty for polygon features
  std::vector<MultiPolygon> polygons;   // empty for line features
  size_t size() const { return fid.size(); }
};

// yearly revitalization target of each town (table)
struct TargetsLayer {
  std::vector<int64_t> fid;
  std::vector<std::string> town_code;
  std::vector<int32_t> year;
  std::vector<double> target_ha;  // NaN when null
  size_t size() const { return fid.size(); }
};

// land taken into the government land reserve (收购储备), waiting to be supplied (v3, optional)
struct ReservesLayer : PolygonColumn {
  std::vector<std::string> id, kind;  // kind: purchase, recovered, other (empty when null)
  std::vector<Date> acquired_date;
};

// land on which the plan in force permits no supply (生态保护红线, 永久基本农田, 行洪区 …; v3, optional)
struct ConstraintsLayer : PolygonColumn {
  std::vector<std::string> id, kind, name;  // kind: ecological_redline, basic_farmland, flood_control, other
};

// the enterprise group (企业集团) of a land holder (table; v3, optional). Both values are kept
// trimmed of white space, and each holder appears once.
struct HolderGroupsLayer {
  std::vector<int64_t> fid;
  std::vector<std::string> holder, group_name;
  size_t size() const { return fid.size(); }
};
// ---- v3: work plans ----
// the work plan of one plot (工作方案): feature_id names an approval or a supply (table)
struct PlansLayer {
  std::vector<int64_t> fid;
  std::vector<std::string> feature_id, measure, responsible, leader;  // empty when null
  std::vector<Date> due_date;
  size_t size() const { return fid.size(); }
};
// ---- end v3: work plans ----

// One input feature the engine could not use (a row of the `rejects` output layer).
struct Reject {
  std::string layer;
  int64_t fid = -1;
  std::string feature_id;  // the feature's id field, when it has one
  std::string reason;
  MultiPolygon geom;  // the polygon as read (in the working CRS) when it had a usable one
};

// What reading did with one layer; read = used + rejected always holds.
struct LayerReport {
  std::string name;          // contract name
  std::string source;        // file or connection the layer came from
  std::string source_layer;  // layer name inside the source
  bool present = false;
  int64_t read = 0, used = 0, repaired = 0, rejected = 0, reprojected = 0;
  std::map<std::string, int64_t> rejected_by_reason;
  std::string crs;  // as found in the source (authority:code or name)
  bool has_extent = false;
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;  // extent in the working CRS
  std::optional<Date> first_date, last_date;          // range of the layer's main date
  // Which source field fed each contract field found, in contract order: {"price_wan",
  // "成交价格(元) (÷10000)"}; and the source's fields that nothing reads.
  std::vector<std::pair<std::string, std::string>> fields_from;
  std::vector<std::string> unused_fields;
  // The contract fields of the layer that no source field feeds (null in every feature).
  std::vector<std::string> unfed_fields;
  // Text values that were not valid UTF-8 as stored (GeoPackage, PostGIS, ...), read as GB18030
  // or with U+FFFD for what is no character.
  int64_t invalid_utf8 = 0;
  // A Shapefile's text encoding and how it was chosen: "CP936 (cpg)", "CP936 (ldid)",
  // "GB18030 (content)", "UTF-8 (content)", "GBK (--encoding)"; empty for other sources.
  std::string encoding;
};

struct InputData {
  TownsLayer towns;
  ApprovalsLayer approvals;
  SuppliesLayer supplies;
  ConstructionLayer construction;
  EnterprisesLayer enterprises;
  RuralPlotsLayer rural_plots;
  RiverLayer river;
  TargetsLayer targets;
  ReservesLayer reserves;
  ConstraintsLayer constraints;
  HolderGroupsLayer holder_groups;
  // ---- v3: work plans (optional; Report("plans")->present says whether it was given) ----
  PlansLayer plans;
  // ---- end v3: work plans ----

  std::vector<LayerReport> reports;  // one per contract layer, in contract order
  std::vector<Reject> rejects;       // by layer (contract order), then fid
  std::string working_crs_wkt;       // the projected CRS all geometry is in
  std::string working_crs_name;      // e.g. "EPSG:4549"
  int64_t repaired_total = 0;
  // The sources' integrity checks when the read returned before they ended
  // (ReadOptions::defer_source_checks): waits for them and says whether every file is intact;
  // empty when there was nothing left to wait for.
  std::function<Status()> source_verdict;

  const LayerReport* Report(const std::string& layer) const;
  // Whether an optional layer was found in the input (present but empty, or wholly rejected,
  // counts as present).
  bool Present(const std::string& layer) const;
};

}  // namespace panhuo
