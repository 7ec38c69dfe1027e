// Every town figure of a scan recomputed independently from the contract's definitions, with
// OGR/GEOS only (none of the engine's code): the input is read through OGR, each determination
// is an OGR overlay of the feature with the union of its candidates, and the town sums are
// compared with the `towns` layer the panhuo binary wrote. Features the scan rejected (its
// `rejects` layer) are left out; invalid geometries are repaired with MakeValid as the reader
// does. PANHUO_CROSSCHECK_INPUT=county.gpkg runs it on any county (e.g. at scale 1).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "cli_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using panhuo::testing::Cli;

using Geom = std::unique_ptr<OGRGeometry>;
using Day = int;  // yyyymmdd, ordered like the calendar

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
Day AddYears(Day d, int n) {  // calendar arithmetic: 29 February becomes 28 February
  int y = d / 10000 + n, md = d % 10000;
  if (md == 229 && !Leap(y)) md = 228;
  return y * 10000 + md;
}

struct Feature {
  int64_t fid = 0;
  std::string id, text1, text2, text3;  // per layer: town name / land_use, idle_cause
  Day date = 0, date2 = 0;
  std::vector<double> num;
  Geom g;
  OGREnvelope env;
  int town = -1;
};

double AreaOf(const OGRGeometry* g) {
  return g ? OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g))) : 0.0;
}

// A uniform grid over envelopes: the candidates of a feature, independent of the engine's R-tree.
class Grid {
 public:
  explicit Grid(const std::vector<Feature>& fs) : fs_(fs) {
    for (size_t i = 0; i < fs.size(); ++i) Cells(fs[i].env, [&](int64_t k) { cells_[k].push_back(i); });
  }
  template <typename Fn>
  void Near(const OGREnvelope& e, Fn fn) const {
    std::set<size_t> seen;
    Cells(e, [&](int64_t k) {
      auto it = cells_.find(k);
      if (it == cells_.end()) return;
      for (size_t i : it->second)
        if (fs_[i].env.Intersects(e) && seen.insert(i).second) fn(fs_[i]);
    });
  }

 private:
  template <typename Fn>
  static void Cells(const OGREnvelope& e, Fn fn) {
    const double s = 250.0;
    for (int64_t x = static_cast<int64_t>(std::floor(e.MinX / s)); x <= static_cast<int64_t>(std::floor(e.MaxX / s)); ++x)
      for (int64_t y = static_cast<int64_t>(std::floor(e.MinY / s)); y <= static_cast<int64_t>(std::floor(e.MaxY / s)); ++y)
        fn(x * 1000003 + y);
  }
  const std::vector<Feature>& fs_;
  std::map<int64_t, std::vector<size_t>> cells_;
};

// The union of polygonal geometries (GEOS cascaded union through OGR); null when none.
Geom UnionOf(const std::vector<const OGRGeometry*>& gs) {
  OGRMultiPolygon mp;
  for (const OGRGeometry* g : gs) {
    const OGRwkbGeometryType t = wkbFlatten(g->getGeometryType());
    if (t == wkbPolygon) {
      mp.addGeometry(g);
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
      for (const OGRGeometry* part : *g->toGeometryCollection())
        if (wkbFlatten(part->getGeometryType()) == wkbPolygon) mp.addGeometry(part);
    }
  }
  if (mp.IsEmpty()) return nullptr;
  return Geom(mp.UnionCascaded());
}

// The union of the candidates near `target` that pass `keep` (null when none).
template <typename Keep>
Geom UnionNear(const OGRGeometry* target, const OGREnvelope& env, const Grid& grid, Keep keep) {
  std::vector<const OGRGeometry*> gs;
  grid.Near(env, [&](const Feature& f) {
    if (keep(f) && target->Intersects(f.g.get())) gs.push_back(f.g.get());
  });
  return UnionOf(gs);
}

double Inter(const OGRGeometry* a, const OGRGeometry* u) {
  if (!u) return 0.0;
  Geom i(a->Intersection(u));
  return AreaOf(i.get());
}

std::set<std::pair<std::string, int64_t>> Rejected(GDALDataset* out) {
  std::set<std::pair<std::string, int64_t>> r;
  for (auto& f : *out->GetLayerByName("rejects")) r.insert({f->GetFieldAsString("layer"), f->GetFieldAsInteger64("fid")});
  return r;
}

Day DateOf(OGRFeature* f, const char* field) {
  const int i = f->GetFieldIndex(field);
  if (i < 0 || !f->IsFieldSetAndNotNull(i)) return 0;
  int y, m, d, h, mi, tz;
  float s;
  f->GetFieldAsDateTime(i, &y, &m, &d, &h, &mi, &s, &tz);
  return y * 10000 + m * 100 + d;
}

double Num(OGRFeature* f, const char* field) {
  const int i = f->GetFieldIndex(field);
  return i >= 0 && f->IsFieldSetAndNotNull(i) ? f->GetFieldAsDouble(i) : NAN;
}

std::vector<Feature> Read(GDALDataset* in, const char* layer, const char* id, const char* date, const char* date2,
                          std::vector<const char*> texts, std::vector<const char*> nums,
                          const std::set<std::pair<std::string, int64_t>>& rejected) {
  std::vector<Feature> out;
  OGRLayer* l = in->GetLayerByName(layer);
  if (!l) return out;
  for (auto& f : *l) {
    if (rejected.count({layer, f->GetFID()})) continue;
    Feature x;
    x.fid = f->GetFID();
    x.id = id ? f->GetFieldAsString(id) : "";
    x.date = date ? DateOf(f.get(), date) : 0;
    x.date2 = date2 ? DateOf(f.get(), date2) : 0;
    std::string* t[3] = {&x.text1, &x.text2, &x.text3};
    for (size_t k = 0; k < texts.size(); ++k) *t[k] = f->GetFieldAsString(texts[k]);
    for (const char* n : nums) x.num.push_back(Num(f.get(), n));
    if (const OGRGeometry* g = f->GetGeometryRef()) {
      x.g.reset(g->IsValid() ? g->clone() : g->MakeValid());
      x.g->getEnvelope(&x.env);
    }
    out.push_back(std::move(x));
  }
  return out;
}

// Town: largest shared area, ties to the smaller code, none without positive shared area.
void Attribute(std::vector<Feature>& fs, const std::vector<Feature>& towns, const Grid& tg) {
  for (auto& f : fs) {
    double best = 0;
    tg.Near(f.env, [&](const Feature& t) {
      const double a = Inter(f.g.get(), t.g.get());
      const int k = static_cast<int>(&t - towns.data());
      if (a <= 1e-6) return;
      if (f.town < 0 || a > best || (a == best && t.id < towns[static_cast<size_t>(f.town)].id)) {
        f.town = k;
        best = a;
      }
    });
  }
}

struct TownFigures {
  double unsupplied = 0, idle = 0, w_approved = 0, w_supplied = 0, supplied = 0, stock = 0, digested = 0,
         resolved = 0, tax = 0, mu = 0, d_class = 0, reserve = 0, unfit = 0, low_efficiency = 0;
  bool evaluated = false;
};

struct County {
  std::vector<Feature> towns, approvals, supplies, built, enterprises, targets, reserves, constraints;
};

// Started at t: built ratio of at least 0.01 from the construction dated on or before t.
bool StartedAt(const Feature& s, Day t, const Grid& bg) {
  Geom u = UnionNear(s.g.get(), s.env, bg, [&](const Feature& b) { return b.date <= t; });
  return Inter(s.g.get(), u.get()) / AreaOf(s.g.get()) >= 0.01;
}

// Idle status of a supply at date t from the construction dated on or before t.
bool IdleAt(const Feature& s, Day t, const Grid& bg) {
  const double parcel = AreaOf(s.g.get());
  Geom u = UnionNear(s.g.get(), s.env, bg, [&](const Feature& b) { return b.date <= t; });
  const double ratio = Inter(s.g.get(), u.get()) / parcel;
  Day last = 0;
  bg.Near(s.env, [&](const Feature& b) {
    if (b.date <= t && b.date > last && Inter(s.g.get(), b.g.get()) > 1e-6) last = b.date;
  });
  const bool overdue = t >= AddYears(s.date2, 1), started = ratio >= 0.01;
  if (overdue && !started) return true;
  return overdue && started && ratio < 1.0 / 3.0 && last && AddYears(last, 1) <= t;
}

// Enterprise rows of the year evaluated (class A-D), with whether each is class D.
using Classes = std::map<const Feature*, bool>;

void Efficiency(const County& c, int year, Day T, std::vector<TownFigures>& tf, Classes& classes) {
  std::map<std::string, const Feature*> supply;
  for (const auto& s : c.supplies)
    if (s.date <= T) supply[s.id] = &s;
  struct Row { const Feature* e; const Feature* s; double mu; std::vector<double> v; double score = 0; };
  std::vector<Row> rows;
  std::map<std::string, int> per_parcel;
  for (const auto& e : c.enterprises)
    if (static_cast<int>(e.num[0]) == year && supply.count(e.text1)) ++per_parcel[e.text1];
  for (const auto& e : c.enterprises) {
    if (static_cast<int>(e.num[0]) != year || !supply.count(e.text1)) continue;
    const Feature* s = supply[e.text1];
    const double mu = AreaOf(s->g.get()) / 1e4 * 15 / per_parcel[e.text1];
    if (mu < 3.0) continue;  // class T: not evaluated
    // tax, sales, value added, energy, emission, rnd, employees
    const auto& n = e.num;
    auto ratio = [](double a, double b) { return std::isnan(a) || std::isnan(b) || b <= 0 ? NAN : a / b; };
    rows.push_back({&e, s, mu, {ratio(n[1], mu), ratio(n[2], mu), ratio(n[1], n[4]), ratio(n[1], n[5]),
                                ratio(n[3], n[7]), ratio(n[6], n[2])}});
  }
  const double w[6] = {40, 20, 10, 10, 10, 10};
  for (int k = 0; k < 6; ++k) {
    double sum = 0;
    int cnt = 0;
    for (const auto& r : rows)
      if (!std::isnan(r.v[static_cast<size_t>(k)])) sum += r.v[static_cast<size_t>(k)], ++cnt;
    const double bench = cnt ? 2 * sum / cnt : 0;
    for (auto& r : rows)
      if (!std::isnan(r.v[static_cast<size_t>(k)]) && bench > 0) r.score += w[k] * std::min(r.v[static_cast<size_t>(k)] / bench, 1.0);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.score != b.score ? a.score > b.score : a.e->id < b.e->id;
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].s->town < 0) continue;
    TownFigures& t = tf[static_cast<size_t>(rows[i].s->town)];
    t.evaluated = true;
    if (!std::isnan(rows[i].e->num[1])) t.tax += rows[i].e->num[1];
    t.mu += rows[i].mu;
    if (static_cast<double>(i) / rows.size() >= 0.95) t.d_class += rows[i].mu / 15;
  }
  for (size_t i = 0; i < rows.size(); ++i) classes[rows[i].e] = static_cast<double>(i) / rows.size() >= 0.95;
}

// v3: land reserve not yet supplied, the listed approvals' unsupplied land on constraints, and
// low-efficiency industrial parcels (in use, supplied before the year; no row of the year, no
// sales in any, or only class-D evaluated rows).
void StockLists(County& c, Day T, const Classes& classes, std::vector<TownFigures>& tf) {
  const Grid tg(c.towns), sg(c.supplies), bg(c.built), cg(c.constraints);
  Attribute(c.reserves, c.towns, tg);
  for (const auto& r : c.reserves) {
    if (r.date > T || r.town < 0) continue;
    Geom s = UnionNear(r.g.get(), r.env, sg, [&](const Feature& x) { return x.date >= r.date && x.date <= T; });
    const double rest = (AreaOf(r.g.get()) - Inter(r.g.get(), s.get())) / 1e4;
    if (rest >= 0.01) tf[static_cast<size_t>(r.town)].reserve += rest;
  }
  for (const auto& a : c.approvals) {
    if (a.date > T || a.town < 0) continue;
    Geom s = UnionNear(a.g.get(), a.env, sg, [&](const Feature& x) { return x.date <= T; });
    Geom rest(s ? a.g->Difference(s.get()) : a.g->clone());
    if (AreaOf(rest.get()) / 1e4 < 0.01) continue;
    Geom on = UnionNear(rest.get(), a.env, cg, [](const Feature&) { return true; });
    const double constrained = Inter(rest.get(), on.get()) / 1e4;
    if (constrained >= 0.01) tf[static_cast<size_t>(a.town)].unfit += constrained;
  }
  const int year = T / 10000;
  std::map<std::string, std::vector<const Feature*>> rows;
  for (const auto& e : c.enterprises)
    if (static_cast<int>(e.num[0]) == year) rows[e.text1].push_back(&e);
  for (const auto& s : c.supplies) {
    if (s.date >= year * 10000 + 101 || s.town < 0 || s.text1.rfind("06", 0) != 0) continue;
    if (!StartedAt(s, T, bg) || IdleAt(s, T, bg)) continue;  // in use
    bool low = !rows.count(s.id);
    if (!low) {
      bool output = false, evaluated = false, all_d = true;
      for (const Feature* e : rows[s.id]) {
        output = output || (!std::isnan(e->num[2]) && e->num[2] > 0);
        if (auto it = classes.find(e); it != classes.end()) evaluated = true, all_d = all_d && it->second;
      }
      low = !output || (evaluated && all_d);
    }
    if (low) tf[static_cast<size_t>(s.town)].low_efficiency += AreaOf(s.g.get()) / 1e4;
  }
}

std::vector<TownFigures> Recompute(County& c, Day T) {
  const Day jan1 = (T / 10000) * 10000 + 101, t0 = (T / 10000 - 1) * 10000 + 1231;
  const Grid tg(c.towns), ag(c.approvals), sg(c.supplies), bg(c.built);
  Attribute(c.approvals, c.towns, tg);
  Attribute(c.supplies, c.towns, tg);
  std::vector<TownFigures> tf(c.towns.size());
  for (const auto& a : c.approvals) {
    if (a.date > T || a.town < 0) continue;
    Geom s = UnionNear(a.g.get(), a.env, sg, [&](const Feature& x) { return x.date <= T; });
    const double area = AreaOf(a.g.get()), supplied = Inter(a.g.get(), s.get());
    TownFigures& t = tf[static_cast<size_t>(a.town)];
    if ((area - supplied) / 1e4 >= 0.01) t.unsupplied += (area - supplied) / 1e4;
    if (a.date / 10000 >= T / 10000 - 4) t.w_approved += area / 1e4, t.w_supplied += supplied / 1e4;
  }
  for (const auto& s : c.supplies) {
    if (s.date > T || s.town < 0) continue;
    TownFigures& t = tf[static_cast<size_t>(s.town)];
    const double parcel = AreaOf(s.g.get());
    const bool idle = IdleAt(s, T, bg);
    if (idle) t.idle += parcel / 1e4;
    if (s.date <= t0 && !idle && IdleAt(s, t0, bg)) t.resolved += parcel / 1e4;
    if (s.date < jan1) continue;
    t.supplied += parcel / 1e4;
    std::vector<const OGRGeometry*> stock;
    Geom a = UnionNear(s.g.get(), s.env, ag, [&](const Feature& x) { return x.date < jan1; });
    Geom b = UnionNear(s.g.get(), s.env, bg, [&](const Feature& x) { return x.date < s.date; });
    if (a) stock.push_back(a.get());
    if (b) stock.push_back(b.get());
    Geom su = UnionOf(stock);
    t.stock += Inter(s.g.get(), su.get()) / 1e4;
    // digested: s ∩ (approvals dated <= t0 − supplies dated <= t0)
    Geom approved = UnionNear(s.g.get(), s.env, ag, [&](const Feature& x) { return x.date <= t0; });
    if (!approved) continue;
    Geom on_approved(s.g->Intersection(approved.get()));
    OGREnvelope e;
    on_approved->getEnvelope(&e);
    Geom earlier = UnionNear(on_approved.get(), e, sg, [&](const Feature& x) { return x.date <= t0; });
    Geom rest(earlier ? on_approved->Difference(earlier.get()) : on_approved->clone());
    t.digested += AreaOf(rest.get()) / 1e4;
  }
  Classes classes;
  Efficiency(c, T / 10000, T, tf, classes);
  StockLists(c, T, classes, tf);
  return tf;
}


int RunCli(const std::string& args) {
  const int status = std::system((Cli() + " " + args + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

struct DsCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Ds = std::unique_ptr<GDALDataset, DsCloser>;

TEST(TownCrossCheck, EveryTownFigureMatchesItsDefinitionRecomputedWithOgr) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("panhuo_towns_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string county = (dir / "county.gpkg").string();
  if (const char* other = std::getenv("PANHUO_CROSSCHECK_INPUT")) county = other;
  else ASSERT_EQ(RunCli("generate --scale 0.03 --seed 5 -q -o " + county), 0);
  const std::string scan = (dir / "scan.gpkg").string();
  ASSERT_EQ(RunCli("scan " + county + " --as-of 2021-12-31 -q -o " + scan), 0);
  GDALAllRegister();
  Ds in(GDALDataset::Open(county.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  Ds out(GDALDataset::Open(scan.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(in && out);
  const auto rejected = Rejected(out.get());
  County c;
  c.towns = Read(in.get(), "towns", "town_code", nullptr, nullptr, {}, {}, rejected);
  c.approvals = Read(in.get(), "approvals", "approval_id", "approval_date", nullptr, {}, {}, rejected);
  c.supplies = Read(in.get(), "supplies", "supply_id", "supply_date", "agreed_start", {"land_use"}, {}, rejected);
  c.reserves = Read(in.get(), "reserves", "reserve_id", "acquired_date", nullptr, {}, {}, rejected);
  c.constraints = Read(in.get(), "constraints", "constraint_id", nullptr, nullptr, {"kind"}, {}, rejected);
  c.built = Read(in.get(), "construction", "obs_id", "observed_date", nullptr, {}, {}, rejected);
  c.enterprises = Read(in.get(), "enterprises", "enterprise_id", nullptr, nullptr, {"supply_id"},
                       {"year", "tax_wan", "sales_wan", "value_added_wan", "energy_tce", "emission_t", "rnd_wan", "employees"},
                       rejected);
  CPLPushErrorHandler(CPLQuietErrorHandler);  // OGR warns on the area of a line where parcels touch
  const std::vector<TownFigures> tf = Recompute(c, 20211231);
  CPLPopErrorHandler();
  TownFigures sum;
  for (const auto& t : tf) {
    sum.unsupplied += t.unsupplied, sum.idle += t.idle, sum.supplied += t.supplied, sum.stock += t.stock;
    sum.digested += t.digested, sum.resolved += t.resolved, sum.d_class += t.d_class, sum.mu += t.mu;
    sum.reserve += t.reserve, sum.unfit += t.unfit, sum.low_efficiency += t.low_efficiency;
  }
  std::printf("[town cross-check] county: unsupplied %.4f, idle %.4f, supplied %.4f, stock %.4f, digested %.4f, "
              "idle resolved %.4f, D class %.4f ha, evaluated %.1f mu, reserve %.4f, unfit %.4f, low-efficiency %.4f ha\n",
              sum.unsupplied, sum.idle, sum.supplied, sum.stock, sum.digested, sum.resolved, sum.d_class, sum.mu,
              sum.reserve, sum.unfit, sum.low_efficiency);
  std::map<std::string, size_t> town_index;
  for (size_t i = 0; i < c.towns.size(); ++i) town_index[c.towns[i].id] = i;
  int compared = 0, towns = 0;
  auto near = [&](OGRFeature* f, const char* field, std::optional<double> want, const std::string& town) {
    const int i = f->GetFieldIndex(field);
    ASSERT_GE(i, 0) << field;
    if (!want) {
      EXPECT_FALSE(f->IsFieldSetAndNotNull(i)) << town << "." << field << " should be null";
    } else {
      ASSERT_TRUE(f->IsFieldSetAndNotNull(i)) << town << "." << field << " is null";
      EXPECT_NEAR(f->GetFieldAsDouble(i), *want, 1e-6 + 1e-9 * std::fabs(*want)) << town << "." << field;
    }
    ++compared;
  };
  for (auto& f : *out->GetLayerByName("towns")) {
    const std::string code = f->GetFieldAsString("town_code");
    const TownFigures& t = tf.at(town_index.at(code));
    auto ratio = [](double a, double b) { return b > 0 ? std::optional<double>(a / b) : std::nullopt; };
    near(f.get(), "unsupplied_ha", t.unsupplied, code);
    near(f.get(), "idle_ha", t.idle, code);
    near(f.get(), "window_approved_ha", t.w_approved, code);
    near(f.get(), "window_supplied_ha", t.w_supplied, code);
    near(f.get(), "supply_rate", ratio(t.w_supplied, t.w_approved), code);
    near(f.get(), "supplied_ha", t.supplied, code);
    near(f.get(), "stock_ha", t.stock, code);
    near(f.get(), "stock_share", ratio(t.stock, t.supplied), code);
    near(f.get(), "digested_ha", t.digested, code);
    near(f.get(), "idle_resolved_ha", t.resolved, code);
    near(f.get(), "revitalized_ha", t.digested + t.resolved, code);
    near(f.get(), "tax_per_mu", t.evaluated ? ratio(t.tax, t.mu) : std::nullopt, code);
    near(f.get(), "d_class_ha", t.d_class, code);
    near(f.get(), "reserve_ha", t.reserve, code);
    near(f.get(), "unfit_ha", t.unfit, code);
    near(f.get(), "low_efficiency_ha", t.low_efficiency, code);
    ++towns;
  }
  EXPECT_EQ(towns, static_cast<int>(c.towns.size()));
  const auto run = out->GetLayerByName("run");
  for (auto& f : *run) EXPECT_EQ(f->GetFieldAsInteger64("overlay_failures"), 0);
  std::printf("[town cross-check] %d town figures of %d towns match their definitions recomputed with OGR/GEOS\n",
              compared, towns);
  fs::remove_all(dir);
}

}  // namespace
