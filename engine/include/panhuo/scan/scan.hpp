// The full-county scan at an as-of date T: every determination of the contract.
//
//   read → County (index, town attribution) → Scan(county, params) → WriteScan
//
// Scan() runs the per-feature overlays in parallel over the county's read-only indexes; every
// result lives at the index of its feature, so output is identical at any thread count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "panhuo/scan/county.hpp"
#include "panhuo/scan/params.hpp"

namespace panhuo {

// Idle-land status of a supplied parcel (闲置土地 determinations), first that applies.
enum class SupplyStatus : uint8_t { kIdleUnstarted, kIdleStalled, kInUse, kPending };
const char* ToString(SupplyStatus s);
inline bool IsIdle(SupplyStatus s) {
  return s == SupplyStatus::kIdleUnstarted || s == SupplyStatus::kIdleStalled;
}

// What the Idle Land Measures prescribe for an idle parcel.
enum class IdleAction : uint8_t { kNone, kRecover, kFee, kNegotiate };
const char* ToString(IdleAction a);

// Kind of an early-warning event (预警), in the order of the contract.
enum class WarningKind : uint8_t { kLapse, kIdleUnstarted, kIdleStalled, kRecover };
const char* ToString(WarningKind k);

// Enterprise class of the per-mu evaluation.
enum class EfficiencyClass : uint8_t { kA, kB, kC, kD, kT };
const char* ToString(EfficiencyClass c);

// ---- v3: work plans ----
// Status of a work plan (工作方案) at T, as the contract writes it.
enum class PlanStatus : uint8_t { kOpen, kOverdue, kResolved, kUnknown };
const char* ToString(PlanStatus s);

// One row of `plan_status`: a plan of the `plans` layer and the feature it names at T.
struct PlanFinding {
  uint32_t plan = 0;     // index into plans
  int8_t layer = -1;     // 0: approvals, 1: supplies, -1: names neither
  uint32_t feature = 0;  // index into that layer (when layer >= 0)
  int32_t finding = -1;  // index into ScanResult::approvals or ::supplies when listed at T
  int32_t town = -1;     // the feature's town
  PlanStatus status = PlanStatus::kUnknown;
  std::optional<int32_t> days_left;  // due_date − T; null for unknown
  std::optional<double> area_ha;     // unsupplied_ha or parcel_ha for open and overdue
};
// ---- end v3: work plans ----

// Approved but unsupplied (批而未供), one per approval dated on or before T.
struct ApprovalFinding {
  uint32_t approval = 0;  // index into approvals
  int32_t town = -1;
  double approved_ha = 0, supplied_ha = 0, unsupplied_ha = 0;
  int32_t age_days = 0;
  bool lapsed = false;
  bool listed = false;  // unsupplied_ha >= min_unsupplied_ha
  // earliest date of a supply that overlaps the approval with positive area (on or before T)
  std::optional<Date> first_supplied;
  // approval_date + lapse_years while the approval may still lapse: null once lapsed or once a
  // supply dated on or before T overlaps it with positive area
  std::optional<Date> lapse_date;
  // a − S(T), kept for listed approvals and for those no supply overlaps (lapse warnings)
  MultiPolygon remainder;
  std::string basis;
  // Why the overlay could not be determined (every path failed); empty when determined. An
  // undetermined approval has NaN areas, is neither listed nor lapsed, and is in `undetermined`.
  std::string undetermined;
  // v3: the plan naming this approval (index into plans), -1 when none
  int32_t plan = -1;
};

// Supplied but unused (供而未用), one per supply dated on or before T.
struct SupplyFinding {
  uint32_t supply = 0;
  int32_t town = -1;
  double parcel_ha = 0, built_ha = 0, built_ratio = 0;
  std::optional<Date> last_built;
  SupplyStatus status = SupplyStatus::kPending;
  int32_t overdue_days = 0;
  IdleAction action = IdleAction::kNone;
  double fee_wan = 0;  // NaN when the action is fee but the price is unknown
  // Deadlines if nothing more is built after T (README, "How the contract is read"):
  // the day the parcel became or will become idle (null when it never would), and the day its
  // action became or will become `recover` (null when it never would).
  std::optional<Date> idle_from, recover_from;
  std::string basis;
  // Why the built area could not be determined; empty when determined. An undetermined supply
  // has NaN built figures, no status that counts (neither idle nor in use) and no action.
  std::string undetermined;
  // v3: the plan naming this supply (index into plans), -1 when none
  int32_t plan = -1;
};

// Early warning (预警): one determination that changes in (T, T + warn_days] if nothing new is
// supplied or built.
struct WarningFinding {
  WarningKind kind = WarningKind::kLapse;
  uint32_t finding = 0;  // index into ScanResult::approvals (lapse) or ScanResult::supplies
  int32_t town = -1;
  Date event_date;
  int32_t days_left = 0;  // event_date − T, 1..warn_days
  double area_ha = 0;     // unsupplied_ha at T for lapse, parcel_ha otherwise
  std::string basis;
};

// A determination that could not be made: every overlay path failed on the feature. Its figure
// is null in the output, never 0, and the towns it would feed count it.
struct UndeterminedFeature {
  std::string layer;          // input layer: approvals, supplies
  uint32_t index = 0;         // into that layer
  std::string determination;  // unsupplied, idle, idle_at_year_start, stock, digested, town
  std::string error;          // why each overlay path failed
};

struct EfficiencyFinding {
  uint32_t row = 0;  // index into enterprises
  int32_t town = -1;
  double land_mu = 0;
  std::array<double, 6> indicator{};  // NaN when null
  std::optional<double> score;
  EfficiencyClass cls = EfficiencyClass::kT;
};

// Land reserve not yet supplied (收购储备, v3), one per reserve acquired on or before T.
struct ReserveFinding {
  uint32_t reserve = 0;  // index into reserves
  int32_t town = -1;
  double reserve_ha = 0, unsupplied_ha = 0;
  int32_t age_days = 0;
  bool listed = false;  // unsupplied_ha >= min_unsupplied_ha
  // earliest supply date (in [acquired_date, T]) of a supply overlapping it with positive area
  std::optional<Date> first_supplied;
  MultiPolygon remainder;  // r − S_r(T), kept for listed reserves
  std::string basis;
  std::string undetermined;  // why the overlay could not be made; empty when determined
};

// Approved land unfit for supply (不具备供地条件, v3): a listed approval whose unsupplied remainder
// lies on constrained land.
struct UnfitFinding {
  uint32_t finding = 0;  // index into ScanResult::approvals
  double constrained_ha = 0;
  std::string kinds;     // distinct constraint kinds crossing the remainder, sorted, joined by ','
  MultiPolygon geom;     // (a − S(T)) ∩ C
  std::string basis;
};

// Why an industrial parcel in use is low-efficiency (低效用地, v3), the first that applies.
enum class LowEfficiencyReason : uint8_t { kNoEnterprise, kNoOutput, kDClass };
const char* ToString(LowEfficiencyReason r);

struct LowEfficiencyFinding {
  uint32_t finding = 0;         // index into ScanResult::supplies
  int32_t enterprises_n = 0;    // enterprise rows of the efficiency year naming the parcel
  LowEfficiencyReason reason = LowEfficiencyReason::kNoEnterprise;
  std::optional<double> tax_per_mu;  // Σ tax_wan / Σ land_mu over those rows
  std::string basis;
};

// A land holder's enterprise group (企业集团, v3), over its supplies existing at T.
struct HolderGroupFinding {
  std::string group_name;
  int32_t holders_n = 0, supplies_n = 0, idle_n = 0, warn_n = 0;
  double parcel_ha = 0, unused_ha = 0, idle_ha = 0, recover_ha = 0, fee_wan = 0;
  std::string towns;  // distinct town codes, sorted, joined by ','
  int32_t rank = 0;
  // for the report's list: the distinct trimmed holders (byte order) and the parcels to recover
  std::vector<std::string> holder_names;
  int32_t recover_n = 0;
};

struct TownFinding {
  uint32_t town = 0;
  double unsupplied_ha = 0, idle_ha = 0;
  std::optional<double> supply_rate;
  double window_supplied_ha = 0, window_approved_ha = 0;
  double supplied_ha = 0, stock_ha = 0;  // supplies dated in T's year up to T
  std::optional<double> stock_share;
  double digested_ha = 0, idle_resolved_ha = 0, revitalized_ha = 0;
  std::optional<double> target_ha, completion;
  std::optional<double> tax_per_mu;
  double d_class_ha = 0;
  std::optional<double> score;
  int32_t rank = 0;
  bool below_stock_floor = false, below_supply_rate_floor = false;
  // features of the town with a determination that could not be made (their figures are
  // missing from the sums above)
  int32_t undetermined = 0;
  // counts for the summary
  int32_t lapsed = 0, listed = 0;
  std::array<int32_t, 4> by_status{};
  std::array<int32_t, 4> by_action{};
  // early warnings in (T, T + warn_days]: idle counts idle_unstarted and idle_stalled events
  int32_t warn_lapse_n = 0, warn_idle_n = 0, warn_recover_n = 0;
  double warn_lapse_ha = 0, warn_idle_ha = 0, warn_recover_ha = 0;
  // v3 stock lists: null when the input they come from is absent (reserves, constraints; for
  // low_efficiency_ha an enterprises layer with a row of the efficiency year)
  std::optional<double> reserve_ha, unfit_ha, low_efficiency_ha;
  int32_t reserve_n = 0, unfit_n = 0, low_efficiency_n = 0;
  // ---- v3: work plans and pace ----
  // plans of the town's features overdue at T; listed approvals and idle supplies of the town
  // without a plan (both null without a plans layer)
  std::optional<int32_t> plans_overdue_n, no_plan_n;
  double elapsed_share = 0;           // share of T's year elapsed at T (1 January and T included)
  std::optional<double> pace;         // completion / elapsed_share
  double projected_ha = 0;            // revitalized_ha / elapsed_share
  // ---- end v3: work plans and pace ----
};

struct ScanCounts {
  int64_t approvals_considered = 0, approvals_listed = 0, approvals_lapsed = 0;
  int64_t supplies_considered = 0, idle = 0;
  int64_t warnings = 0;  // rows of the warnings layer
  int64_t overlay_fallbacks = 0;
  int64_t overlay_failures = 0;  // undetermined feature determinations (= undetermined.size())
  int64_t reserves_listed = 0, unfit_listed = 0, low_efficiency = 0, holders_listed = 0;
};

struct ScanResult {
  ScanParams params;
  int efficiency_year = 0;
  std::vector<ApprovalFinding> approvals;    // in approval (fid) order
  std::vector<SupplyFinding> supplies;       // in supply (fid) order
  std::vector<EfficiencyFinding> efficiency; // in enterprise row (fid) order
  std::vector<WarningFinding> warnings;      // by event_date, kind, feature id
  std::vector<TownFinding> towns;            // in rank order
  std::vector<UndeterminedFeature> undetermined;  // by layer, feature, determination
  // v3 stock lists
  std::vector<ReserveFinding> reserves;            // reserves acquired <= T, in reserve (fid) order
  std::vector<UnfitFinding> unfit;                 // listed, in approval order
  std::vector<LowEfficiencyFinding> low_efficiency;  // in supply order
  std::vector<HolderGroupFinding> holders;         // listed groups, in rank order
  std::vector<std::string> supply_group;           // group_name of each entry of `supplies` ("" none)
  bool reserves_present = false, constraints_present = false;
  bool efficiency_known = false;  // the enterprises layer has a row of the efficiency year
  ScanCounts counts;
  // Wall time of each phase, in order (approvals, supplies, supplies_at_year_start,
  // year_figures, efficiency, warnings, towns). Not part of any output table.
  std::vector<std::pair<std::string, double>> phase_seconds;
  // ---- v3: work plans ----
  bool plans_present = false;       // a plans layer was given (even empty)
  std::vector<PlanFinding> plans;   // in plan (fid) order
  // ---- end v3: work plans ----
};

// `previous`, when given, is a scan of the same county with the same parameters at another date:
// a feature none of whose overlay candidates is dated between the two dates keeps its overlay
// figures from it (the rules are re-applied at T), which makes a timeline of scans cheap. The
// result is identical to a scan without `previous`.
Result<ScanResult> Scan(const County& county, const ScanParams& params,
                        ProgressFn progress = nullptr, void* progress_user = nullptr,
                        const ScanResult* previous = nullptr);

}  // namespace panhuo
