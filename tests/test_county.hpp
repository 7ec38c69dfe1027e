// Test helper: a county built from WKT literals, without any file.
#pragma once

#include <boost/geometry/algorithms/correct.hpp>
#include <boost/geometry/io/wkt/read.hpp>
#include <cmath>
#include <string>

#include "panhuo/input/reader.hpp"
#include "panhuo/scan/county.hpp"

namespace panhuo::testing {

inline MultiPolygon Wkt(const std::string& wkt) {
  MultiPolygon mp;
  if (wkt.rfind("POLYGON", 0) == 0) {
    Polygon p;
    boost::geometry::read_wkt(wkt, p);
    mp.push_back(p);
  } else {
    boost::geometry::read_wkt(wkt, mp);
  }
  boost::geometry::correct(mp);
  return mp;
}

// An axis-aligned rectangle.
inline std::string Rect(double x0, double y0, double x1, double y1) {
  auto n = [](double v) { return std::to_string(v); };
  return "POLYGON((" + n(x0) + " " + n(y0) + "," + n(x0) + " " + n(y1) + "," + n(x1) + " " + n(y1) + "," +
         n(x1) + " " + n(y0) + "," + n(x0) + " " + n(y0) + "))";
}

inline Date D(const char* iso) { return *ParseDate(iso); }

struct CountyBuilder {
  InputData d;
  int64_t next_fid = 1;

  CountyBuilder() {
    for (const auto& n : ContractLayerNames()) {
      LayerReport r;
      r.name = n;
      r.present = true;
      d.reports.push_back(r);
    }
    d.working_crs_name = "EPSG:4549";
  }
  CountyBuilder& Town(const std::string& code, const std::string& wkt) {
    d.towns.Add(next_fid++, Wkt(wkt));
    d.towns.code.push_back(code);
    d.towns.name.push_back("town " + code);
    d.towns.kind.push_back("town");
    return *this;
  }
  CountyBuilder& Approval(const std::string& id, const char* date, const std::string& wkt) {
    d.approvals.Add(next_fid++, Wkt(wkt));
    d.approvals.id.push_back(id);
    d.approvals.batch_no.push_back("B1");
    d.approvals.kind.push_back("conversion");
    d.approvals.date.push_back(D(date));
    return *this;
  }
  CountyBuilder& Supply(const std::string& id, const char* date, const char* agreed, const std::string& wkt,
                        IdleCause cause = IdleCause::kNone, const std::string& land_use = "0601",
                        double price = 100.0) {
    d.supplies.Add(next_fid++, Wkt(wkt));
    d.supplies.id.push_back(id);
    d.supplies.date.push_back(D(date));
    d.supplies.agreed_start.push_back(D(agreed));
    d.supplies.mode.push_back("grant");
    d.supplies.land_use.push_back(land_use);
    d.supplies.holder.push_back("holder");
    d.supplies.price_wan.push_back(price);
    d.supplies.idle_cause.push_back(cause);
    return *this;
  }
  // `label` names the footprint in a test's text only: the data model keeps no obs_id
  CountyBuilder& Built(const std::string& label, const char* date, const std::string& wkt) {
    (void)label;
    d.construction.Add(next_fid++, Wkt(wkt));
    d.construction.date.push_back(D(date));
    return *this;
  }
  // One enterprise row; indicator values NaN mean null.
  CountyBuilder& Enterprise(const std::string& id, const std::string& supply_id, int year, double tax,
                            double sales, double va = NAN, double energy = NAN, double emission = NAN,
                            double rnd = NAN, double employees = NAN) {
    auto& e = d.enterprises;
    e.fid.push_back(next_fid++);
    e.id.push_back(id);
    e.supply_id.push_back(supply_id);
    uint32_t s = 0;
    while (d.supplies.id[s] != supply_id) ++s;
    e.supply.push_back(s);
    e.year.push_back(year);
    e.tax_wan.push_back(tax);
    e.sales_wan.push_back(sales);
    e.value_added_wan.push_back(va);
    e.energy_tce.push_back(energy);
    e.emission_t.push_back(emission);
    e.rnd_wan.push_back(rnd);
    e.employees.push_back(employees);
    return *this;
  }
  CountyBuilder& Target(const std::string& town, int year, double ha) {
    d.targets.fid.push_back(next_fid++);
    d.targets.town_code.push_back(town);
    d.targets.year.push_back(year);
    d.targets.target_ha.push_back(ha);
    return *this;
  }
  // ---- v3: work plans ----
  CountyBuilder& Plan(const std::string& feature_id, const char* due, const std::string& measure = "measure",
                      const std::string& responsible = "unit", const std::string& leader = "leader") {
    d.plans.fid.push_back(next_fid++);
    d.plans.feature_id.push_back(feature_id);
    d.plans.measure.push_back(measure);
    d.plans.responsible.push_back(responsible);
    d.plans.leader.push_back(leader);
    d.plans.due_date.push_back(D(due));
    return *this;
  }
  // v3 layers
  CountyBuilder& Reserve(const std::string& id, const char* acquired, const std::string& wkt,
                         const std::string& kind = "purchase") {
    d.reserves.Add(next_fid++, Wkt(wkt));
    d.reserves.id.push_back(id);
    d.reserves.acquired_date.push_back(D(acquired));
    d.reserves.kind.push_back(kind);
    return *this;
  }
  CountyBuilder& Constraint(const std::string& id, const std::string& kind, const std::string& wkt) {
    d.constraints.Add(next_fid++, Wkt(wkt));
    d.constraints.id.push_back(id);
    d.constraints.kind.push_back(kind);
    d.constraints.name.push_back("constraint " + id);
    return *this;
  }
  CountyBuilder& Group(const std::string& holder, const std::string& group) {
    d.holder_groups.fid.push_back(next_fid++);
    d.holder_groups.holder.push_back(holder);
    d.holder_groups.group_name.push_back(group);
    return *this;
  }
  // The holder of the supply added last.
  CountyBuilder& Holder(const std::string& holder) {
    d.supplies.holder.back() = holder;
    return *this;
  }
  // An optional layer the bureau did not hand in.
  CountyBuilder& Absent(const std::string& layer) {
    for (auto& r : d.reports)
      if (r.name == layer) r.present = false;
    return *this;
  }
  County Make() const { return County(d); }
};

}  // namespace panhuo::testing
