// What changed in the v3 stock lists between two scans of one county (Compare, timeline.cpp):
// reserves newly taken in, reserves (part) supplied, parcels newly low-efficiency and parcels no
// longer low-efficiency.
#include <map>
#include "panhuo/tables/output_schema.hpp"

#include "compare_stock.hpp"

namespace panhuo::detail {
namespace {


Cell TownCell(const InputData& d, int32_t t) { return t < 0 ? Cell{} : Cell{d.towns.code[static_cast<size_t>(t)]}; }
Cell Real(double v) { return RealCell(v); }

void ReserveTables(const InputData& d, const ScanResult& r0, const ScanResult& r1, std::vector<Table>& out) {
  Table fresh = NewTable("newly_reserved");
  Table supplied = NewTable("reserve_supplied");
  std::map<uint32_t, const ReserveFinding*> before;
  for (const auto& f : r0.reserves) before[f.reserve] = &f;
  for (const auto& f : r1.reserves) {
    const auto it = before.find(f.reserve);
    const uint32_t r = f.reserve;
    if (it == before.end()) {
      fresh.rows.push_back({d.reserves.id[r], d.reserves.kind[r].empty() ? Cell{} : Cell{d.reserves.kind[r]},
                            TownCell(d, f.town), d.reserves.acquired_date[r], f.reserve_ha, Real(f.unsupplied_ha)});
      fresh.geometry.push_back(d.reserves.geom[r]);
      continue;
    }
    if (!f.undetermined.empty() || !it->second->undetermined.empty()) continue;
    const double gained = it->second->unsupplied_ha - f.unsupplied_ha;
    if (gained * kSquareMetresPerHectare <= kPositiveAreaM2) continue;
    supplied.rows.push_back({d.reserves.id[r], TownCell(d, f.town), f.reserve_ha, it->second->unsupplied_ha,
                             f.unsupplied_ha, gained});
    supplied.geometry.push_back(d.reserves.geom[r]);
  }
  out.push_back(std::move(fresh));
  out.push_back(std::move(supplied));
}

void LowEfficiencyTables(const InputData& d, const ScanResult& r0, const ScanResult& r1, std::vector<Table>& out) {
  Table fresh = NewTable("newly_low_efficiency"), gone = NewTable("no_longer_low_efficiency");
  // by supply index: the reason at each date, and the finding for town and area
  std::map<uint32_t, std::pair<const LowEfficiencyFinding*, const LowEfficiencyFinding*>> reasons;
  std::map<uint32_t, const SupplyFinding*> supply;
  for (const auto& f : r0.low_efficiency) reasons[r0.supplies[f.finding].supply].first = &f, supply[r0.supplies[f.finding].supply] = &r0.supplies[f.finding];
  for (const auto& f : r1.low_efficiency) reasons[r1.supplies[f.finding].supply].second = &f, supply[r1.supplies[f.finding].supply] = &r1.supplies[f.finding];
  auto reason = [](const LowEfficiencyFinding* f) { return f ? Cell{std::string(ToString(f->reason))} : Cell{}; };
  for (const auto& [s, rr] : reasons) {
    if (rr.first && rr.second) continue;
    Table& t = rr.second ? fresh : gone;
    t.rows.push_back({d.supplies.id[s], TownCell(d, supply[s]->town), supply[s]->parcel_ha, reason(rr.first), reason(rr.second)});
    t.geometry.push_back(d.supplies.geom[s]);
  }
  out.push_back(std::move(fresh));
  out.push_back(std::move(gone));
}

}  // namespace

std::vector<Table> CompareStockLists(const County& county, const ScanResult& r0, const ScanResult& r1) {
  std::vector<Table> out;
  ReserveTables(county.data(), r0, r1, out);
  LowEfficiencyTables(county.data(), r0, r1, out);
  return out;
}

}  // namespace panhuo::detail
